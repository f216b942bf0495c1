package com.lightsailaccess.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;

/**
 * {@code /lightsail-audit} of a trail of {@value #EVENTS} events from the packaged bot as deployed, with the heap
 * ceiling of its {@code jvm.args}: the CSV of all of them reaches the admin's DM at the first attempt, and the bot
 * does not run out of memory on the way (the export used to hold the whole trail, three times over).
 */
class AuditExportIT {

    static final int EVENTS = 200_000;

    @Test
    void anExportOfTwoHundredThousandEventsFitsUnderThePackagedHeapCeiling() throws Exception {
        assertTrue(Files.readString(AppProcess.jvmArgs()).contains("-Xmx64m"), "the heap ceiling this is about");
        try (StandInsForChildren standIns = new StandInsForChildren();
                AppProcess app = AppProcess.startAsDeployed(standIns.env(), List.of(),
                        Path.of("").toAbsolutePath())) {
            app.awaitReady(Duration.ofSeconds(90));
            standIns.addAuditEvents(EVENTS);
            long total = standIns.count("select count(*) from audit_event");
            assertTrue(total >= EVENTS, "the trail: " + total);

            HttpResponse<String> answer = app.send(Slack.command("/lightsail-audit", SlackApiResource.ADMIN, ""));
            assertEquals(200, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains(total + " events, the latest 20 below"), answer.body());

            FakeSlack.SharedFile file = await().atMost(Duration.ofMinutes(3)).until(() -> {
                assertFalse(app.output().contains("OutOfMemoryError"), "the bot ran out of memory");
                return SlackApiResource.fake().sharedFiles();
            }, files -> !files.isEmpty()).get(0);
            assertEquals(FakeSlack.dmChannel(SlackApiResource.ADMIN), file.channel());
            long rows = 0;
            CSVRecord last = null;
            try (Reader text = new InputStreamReader(new ByteArrayInputStream(file.content()), StandardCharsets.UTF_8);
                    CSVParser csv = CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                            .parse(skipByteOrderMark(text))) {
                for (CSVRecord r : csv) {
                    rows++;
                    last = r;
                }
            }
            assertEquals(total, rows, "a row for every event");
            assertEquals("reason: the \"blog\" staging site " + EVENTS + ", the shop, and the newsletter",
                    last.get("detail"), "the newest event, last and whole");
            await().atMost(Duration.ofSeconds(30)).until(() -> "done".equals(standIns.single(
                    "select outcome from job where kind = 'EXPORT_AUDIT'")));
            assertEquals(1, standIns.count("select attempts from job where kind = 'EXPORT_AUDIT'"),
                    "uploaded at the first attempt");
            assertFalse(app.output().contains("OutOfMemoryError"), "the bot ran out of memory");
        }
    }

    static Reader skipByteOrderMark(Reader text) throws IOException {
        assertEquals('\uFEFF', text.read(), "a byte order mark first");
        return text;
    }
}
