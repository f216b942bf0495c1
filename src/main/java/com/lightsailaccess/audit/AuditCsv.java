package com.lightsailaccess.audit;

import com.lightsailaccess.model.AuditEvent;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * The audit trail as a CSV that spreadsheets open as it is: RFC 4180 (commons-csv quotes every field that holds a
 * quote, a comma or a line break, and doubles quotes), CRLF line ends, and a UTF-8 byte order mark so that Excel
 * reads names and reasons in any script correctly. Times are ISO-8601 in UTC.
 *
 * <p>A reason is whatever a person typed: a cell that starts with {@code =}, {@code +}, {@code -}, {@code @}, a
 * tab or a carriage return would be run as a formula by a spreadsheet (OWASP's "CSV injection"), so such a cell
 * gets a leading {@code '}, which spreadsheets show as text and do not display.
 */
final class AuditCsv {

    public static final List<String> HEADER = List.of("time", "request id", "actor", "action", "detail");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setHeader(HEADER.toArray(String[]::new))
            .get();

    private AuditCsv() {
    }

    /**
     * Writes the CSV of {@code events} into {@code out}, each row as soon as its event is read, so a trail of any
     * length takes the memory of a few rows and the buffers. Flushes {@code out} and leaves it open.
     */
    public static void write(Stream<AuditEvent> events, OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        text.write('\uFEFF');
        CSVPrinter csv = new CSVPrinter(text, FORMAT);
        for (Iterator<AuditEvent> it = events.iterator(); it.hasNext();) {
            AuditEvent e = it.next();
            csv.printRecord(DateTimeFormatter.ISO_INSTANT.format(e.at()),
                    e.requestId() == null ? "" : e.requestId().toString(), cell(e.actor()), cell(e.action()),
                    cell(e.detail()));
        }
        csv.flush();
    }

    static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return "=+-@\t\r".indexOf(text.charAt(0)) >= 0 ? "'" + text : text;
    }
}
