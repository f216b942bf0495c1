package com.lightsailaccess.home;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService.RequestStatus;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.AuditEvent;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.model.Requester;
import com.lightsailaccess.request.RequestMessages;
import com.lightsailaccess.slack.blocks.Ids;
import com.lightsailaccess.testing.FakeSlack;
import com.slack.api.model.view.View;
import com.slack.api.util.json.GsonFactory;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The Home view at its largest: Slack's limits hold whatever people typed and however long the lists are. */
class HomeMessagesTest {

    static final Instant T = Instant.parse("2026-11-27T10:00:00Z");

    private static JsonObject json(View view) {
        // As the Slack client serialises it: snake_case, without HTML escaping.
        return JsonParser.parseString(GsonFactory.createSnakeCase().newBuilder().disableHtmlEscaping().create()
                .toJson(view)).getAsJsonObject();
    }

    private static AccessRequest request(long id, String requester, String reason) throws Exception {
        AccessRequest r = AccessRequest.file(new Requester(requester, "T0", null), AccessType.BOTH,
                GrantDuration.ofSeconds(Duration.ofDays(7).toSeconds()), reason, null, T);
        Field field = AccessRequest.class.getDeclaredField("id");
        field.setAccessible(true);
        field.set(r, id);
        return r;
    }

    private static AccessRequest active(long id, String iamUser) throws Exception {
        AccessRequest r = request(id, "U" + id, "x");
        r.moveTo(RequestState.APPROVED, T);
        r.recordDecision("U0ADMIN", T);
        r.startClock(T);
        r.moveTo(RequestState.PROVISIONING, T);
        r.recordIamUser(iamUser, false);
        r.moveTo(RequestState.ACTIVE, T);
        return r;
    }

    private static AuditEvent event(long requestId, String detail) throws Exception {
        Constructor<AuditEvent> c = AuditEvent.class.getDeclaredConstructor(Long.class, String.class, String.class,
                String.class, Instant.class);
        c.setAccessible(true);
        return c.newInstance(requestId, "U0ALICE", "requested", detail, T);
    }

    private static RequestStatus holding(long id, Optional<Long> openExtension) {
        return new RequestStatus(Optional.of(new RequestStatus.Latest(id, RequestState.ACTIVE, AccessType.BOTH, false,
                "a".repeat(64), "U0ADMIN", T, T, null, GrantDuration.ofSeconds(86_400L), Optional.of(T.plusSeconds(
                86_400)), null, openExtension, false)));
    }

    @Test
    void theLargestAdminHomeStaysWithinSlacksLimitsAndSaysHowManyMore() throws Exception {
        List<AccessRequest> pending = new ArrayList<>();
        List<AccessRequest> active = new ArrayList<>();
        List<AuditEvent> events = new ArrayList<>();
        for (int i = 0; i < HomeMessages.LISTED; i++) {
            // 1,000 characters that escape to 5,000.
            pending.add(request(100 + i, "U0P" + i, "&".repeat(RequestMessages.MAX_REASON_LENGTH)));
            active.add(active(200 + i, "a".repeat(60) + String.format("%04d", i)));
        }
        for (int i = 0; i < HomeMessages.EVENTS; i++) {
            events.add(event(100 + i, "<!channel> " + "&".repeat(5000)));
        }
        View view = HomeMessages.home(holding(7, Optional.empty()), Optional.of(new AppHome.AdminLists(pending, 500,
                active, 480, events)), "C0APPROVAL");
        JsonObject home = json(view);
        assertEquals(List.of(), FakeSlack.viewProblems(home));
        int blocks = home.getAsJsonArray("blocks").size();
        assertTrue(blocks <= HomeMessages.MAX_BLOCKS, blocks + " blocks");
        String text = home.toString();
        assertTrue(text.contains("…and 480 more pending requests in <#C0APPROVAL>"), text);
        assertTrue(text.contains("…and 460 more active grants"), text);
        assertFalse(text.contains("<!channel>"), "what people typed never pings");
    }

    @Test
    void aHolderWithAnOpenExtensionGetsNoSecondExtendButAnEndlessGrantNone() throws Exception {
        String waiting = json(HomeMessages.home(holding(7, Optional.of(9L)), Optional.empty(), "C0")).toString();
        assertFalse(waiting.contains(Ids.EXTEND), waiting);
        assertTrue(waiting.contains("Extension #9 is waiting") && waiting.contains(Ids.GIVE_BACK), waiting);
        assertFalse(waiting.contains("Pending requests"), "only admins see the lists");

        RequestStatus endless = new RequestStatus(Optional.of(new RequestStatus.Latest(7, RequestState.ACTIVE,
                AccessType.CONSOLE, false, "ada", "U0ADMIN", T, T, null, GrantDuration.PERMANENT, Optional.empty(),
                null, Optional.empty(), false)));
        String permanent = json(HomeMessages.home(endless, Optional.empty(), "C0")).toString();
        assertFalse(permanent.contains(Ids.EXTEND), permanent);
        assertTrue(permanent.contains("no end") && permanent.contains(Ids.GIVE_BACK), permanent);
    }
}
