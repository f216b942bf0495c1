package com.lightsailaccess.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.model.AuditEvent;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

class AuditCsvTest {

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
        byte[] csv = AuditCsv.of(List.of(new AuditEvent(7L, "U0ALICE", "requested", reason, at),
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
        List<CSVRecord> rows = read(AuditCsv.of(List.of(
                new AuditEvent(1L, "U1", "requested", "=HYPERLINK(\"http://evil\",\"x\")", at),
                new AuditEvent(1L, "U1", "requested", "+1", at),
                new AuditEvent(1L, "U1", "requested", "-1", at),
                new AuditEvent(1L, "U1", "requested", "@SUM(A1)", at),
                new AuditEvent(1L, "U1", "requested", "a = b", at))));
        assertEquals(List.of("'=HYPERLINK(\"http://evil\",\"x\")", "'+1", "'-1", "'@SUM(A1)", "a = b"),
                rows.stream().map(r -> r.get("detail")).toList());
    }
}
