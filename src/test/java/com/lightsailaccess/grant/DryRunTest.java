package com.lightsailaccess.grant;

import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamResource;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code LIGHTSAIL_DRY_RUN=true}: the same flow, no IAM call that changes anything, messages say what would be. */
@QuarkusTest
@BotTest
@TestProfile(DryRunTest.DryRun.class)
class DryRunTest {

    public static class DryRun implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("lightsail.dry-run", "true");
        }
    }

    @Inject
    Db db;

    @Test
    void dryRunMakesNoChangingIamCallAndSaysWhatWouldHaveHappened() {
        Flow flow = new Flow(db);
        flow.reset();
        SlackApiResource.person("U0DRY", "dry@example.com");
        long id = flow.grant("U0DRY", "both trying the bot");

        List<LoggedRequest> iamCalls = IamResource.server().findAll(postRequestedFor(urlEqualTo("/")));
        assertEquals(List.of(), iamCalls.stream().map(r -> r.getBodyAsString().split("&")[0]).toList(),
                "no IAM call at all in a dry run");
        assertTrue(IamResource.iam().users().isEmpty());
        assertEquals(Boolean.TRUE, db.single("select dry_run from access_request where id = ?", id));

        await().atMost(Duration.ofSeconds(10)).until(() -> Flow.dmsTo("U0DRY").size() == 1);
        String dm = Slack.readable(Flow.dmsTo("U0DRY").get(0));
        assertTrue(dm.contains("dry run") && dm.contains("nothing was created"), dm);
        await().atMost(Duration.ofSeconds(10)).until(() -> flow.approvalMessage(id).blocks().toString()
                .contains("create or reuse IAM user dry@example.com"));
        assertTrue(flow.approvalMessage(id).blocks().toString().contains("dry run"));

        // A dry-run grant is not access: a real request may follow.
        Slack.send(Slack.command("/lightsail-access", "U0DRY", "status")).statusCode(200)
                .body("text", containsString("dry run"))
                .body("text", containsString("do not have Lightsail access"));
        Slack.send(Slack.command("/lightsail-access", "U0DRY", "console for real")).statusCode(200)
                .body("text", containsString("filed"));
    }
}
