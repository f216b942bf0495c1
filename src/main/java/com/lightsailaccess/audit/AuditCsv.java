package com.lightsailaccess.audit;

import com.lightsailaccess.model.AuditEvent;
import com.lightsailaccess.slack.notify.SpreadsheetCsv;
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
import org.apache.commons.csv.CSVPrinter;

/**
 * The audit trail as a CSV that spreadsheets open as it is ({@link SpreadsheetCsv}: RFC 4180, CRLF, a UTF-8 byte
 * order mark, and a reason someone typed never run as a formula). Times are ISO-8601 in UTC.
 */
final class AuditCsv {

    public static final List<String> HEADER = List.of("time", "request id", "actor", "action", "detail");

    private AuditCsv() {
    }

    /**
     * Writes the CSV of {@code events} into {@code out}, each row as soon as its event is read, so a trail of any
     * length takes the memory of a few rows and the buffers. Flushes {@code out} and leaves it open.
     */
    public static void write(Stream<AuditEvent> events, OutputStream out) throws IOException {
        Writer text = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        CSVPrinter csv = SpreadsheetCsv.printer(text, HEADER);
        for (Iterator<AuditEvent> it = events.iterator(); it.hasNext();) {
            AuditEvent e = it.next();
            csv.printRecord(DateTimeFormatter.ISO_INSTANT.format(e.at()),
                    e.requestId() == null ? "" : e.requestId().toString(), SpreadsheetCsv.cell(e.actor()),
                    SpreadsheetCsv.cell(e.action()), SpreadsheetCsv.cell(e.detail()));
        }
        csv.flush();
    }
}
