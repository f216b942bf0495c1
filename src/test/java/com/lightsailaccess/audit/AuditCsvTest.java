package com.lightsailaccess.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.model.AuditEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

    static byte[] csv(List<AuditEvent> events) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        AuditCsv.write(events.stream(), out);
        return out.toByteArray();
    }

    static List<CSVRecord> read(byte[] csv) throws IOException {
        String text = new String(csv, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("\uFEFF"));
        try (CSVParser parser = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(text.substring(1)))) {
            assertEquals(AuditCsv.HEADER, parser.getHeaderNames());
            return parser.getRecords();
        }
    }

    @Test
    void quotesCommasLineBreaksAndOtherScriptsComeBackAsTheyWere() throws IOException {
        String reason = "the \"blog\", the shop,\r\nand Zoë's 日本 site; \"\"twice\"\"";
        Instant at = Instant.parse("2026-11-29T10:15:30.123456Z");
        byte[] csv = csv(List.of(new AuditEvent(7L, "U0ALICE", "requested", reason, at),
                new AuditEvent(null, "bot", "reconciliation: kept", null, at)));
        List<CSVRecord> rows = read(csv);
        assertEquals(2, rows.size());
        assertEquals(List.of("2026-11-29T10:15:30.123456Z", "7", "U0ALICE", "requested", reason),
                rows.get(0).toList());
        assertEquals(List.of("2026-11-29T10:15:30.123456Z", "", "bot", "reconciliation: kept", ""),
                rows.get(1).toList());
        assertTrue(new String(csv, StandardCharsets.UTF_8).contains("\r\n"), "RFC 4180 line ends");
    }

    @Test
    void aCellThatASpreadsheetWouldRunAsAFormulaIsKeptAsText() throws IOException {
        Instant at = Instant.EPOCH;
        List<CSVRecord> rows = read(csv(List.of(
                new AuditEvent(1L, "U1", "requested", "=HYPERLINK(\"http://evil\",\"x\")", at),
                new AuditEvent(1L, "U1", "requested", "+1", at),
                new AuditEvent(1L, "U1", "requested", "-1", at),
                new AuditEvent(1L, "U1", "requested", "@SUM(A1)", at),
                new AuditEvent(1L, "U1", "requested", "a = b", at))));
        assertEquals(List.of("'=HYPERLINK(\"http://evil\",\"x\")", "'+1", "'-1", "'@SUM(A1)", "a = b"),
                rows.stream().map(r -> r.get("detail")).toList());
    }

    /** An output that keeps nothing but the number of lines that reached it and the last one. */
    static final class CountingOutput extends OutputStream {
        long lines;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        String lastLine = "";

        @Override
        public void write(int b) {
            if (b == '\n') {
                lines++;
                lastLine = line.toString(StandardCharsets.UTF_8);
                line.reset();
            } else {
                line.write(b);
            }
        }
    }

    /**
     * A trail longer than a small heap would hold as a list: a million events made one at a time as the writer asks
     * for them, into an output that keeps none of them. Before it takes the next event, the writer has sent on every
     * row but the few in its buffers (a list-based writer reads them all before the first row goes out).
     */
    @Test
    void eachRowGoesOutBeforeMuchMoreOfTheTrailIsReadSoNoTrailIsHeldInMemory() throws IOException {
        int events = 1_000_000;
        int buffered = 1_000;
        CountingOutput out = new CountingOutput();
        AtomicLong read = new AtomicLong();
        Stream<AuditEvent> trail = Stream.iterate(1L, i -> i + 1).limit(events).map(i -> {
            long rowsOut = Math.max(0, out.lines - 1);
            if (i - 1 - rowsOut > buffered) {
                throw new AssertionError("event " + i + " was read while only " + rowsOut + " rows had gone out");
            }
            read.incrementAndGet();
            return new AuditEvent(i, "U0ALICE", "requested", "reason " + i + ", with a comma",
                    Instant.EPOCH.plusSeconds(i));
        });
        AuditCsv.write(trail, out);
        assertEquals(events, read.get());
        assertEquals(events + 1, out.lines, "the header and one line per event");
        assertEquals("1970-01-12T13:46:40Z,1000000,U0ALICE,requested,\"reason 1000000, with a comma\"\r",
                out.lastLine, "the last event, whole and quoted");
    }
}
