package com.lightsailaccess.slack.notify;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * A CSV the bot shares in Slack, as spreadsheets open it: RFC 4180 (commons-csv quotes every field that holds a
 * quote, a comma or a line break, and doubles quotes), CRLF line ends, and a UTF-8 byte order mark so that Excel
 * reads names in any script correctly.
 *
 * <p>A cell may hold what a person typed, or a name IAM allows ({@code =}, {@code +}, {@code -} and {@code @} are
 * allowed in IAM user names): a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage
 * return would be run as a formula by a spreadsheet (OWASP's "CSV injection"), so such a cell gets a leading
 * {@code '}, which spreadsheets show as text and do not display.
 */
public final class SpreadsheetCsv {

    private SpreadsheetCsv() {
    }

    /** A printer that writes the byte order mark and {@code header} to {@code out}, then a row per record. */
    public static CSVPrinter printer(Writer out, List<String> header) throws IOException {
        out.write('\uFEFF');
        return new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(header.toArray(String[]::new)).get());
    }

    /** A whole (small) CSV in UTF-8; every cell is guarded. */
    public static byte[] of(List<String> header, List<List<String>> rows) {
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = printer(out, header)) {
            for (List<String> row : rows) {
                csv.printRecord(row.stream().map(SpreadsheetCsv::cell).toList());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The text as a cell a spreadsheet shows as text, never runs. */
    public static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
