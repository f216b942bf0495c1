package com.lightsailaccess.pictures;

import com.lightsailaccess.credentials.CredentialsPictures;
import com.lightsailaccess.grant.GrantPictures;
import com.lightsailaccess.home.HomePictures;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService.RequestStatus;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.AuditEvent;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.model.Requester;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.request.LevelChoices;
import com.lightsailaccess.request.RequestMessages;
import com.lightsailaccess.request.RequestPictures;
import com.lightsailaccess.testing.SettingsFromMap;
import com.slack.api.model.block.LayoutBlock;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The README's pictures, drawn from the bot's own builders with made-up people and made-up credentials (AWS's own
 * documentation examples). A new picture is one more line in {@link #all()}.
 */
public final class Scenes {

    static final String REQUESTER = "U0ADA";
    static final String ADMIN = "U0GRACE";
    /** Mentions are drawn with these names, as Slack shows a user id's display name. */
    public static final Map<String, String> PEOPLE = Map.of(REQUESTER, "Ada Lovelace", ADMIN, "Grace Hopper",
            "U0ALAN", "Alan Turing");
    /** The clock the messages show (all the dates in the pictures are in UTC). */
    public static final String TIME = "9:42 AM";

    static final String CHANNEL = "lightsail-approvals";
    static final String IAM_USER = "ada@example.com";
    static final Instant FILED = Instant.parse("2026-11-27T09:41:00Z");
    static final Instant APPROVED = Instant.parse("2026-11-27T09:42:00Z");
    /** Made-up credentials: the account id, key id and secret are the examples of AWS's own documentation. */
    static final String SIGN_IN_URL = "https://123456789012.signin.aws.amazon.com/console";
    static final String PASSWORD = "EXAMPLE-not-a-real-password";
    static final String KEY_ID = "AKIAIOSFODNN7EXAMPLE";
    static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    /** A rotation's new key: AWS's other documentation example. */
    static final String NEW_KEY_ID = "AKIAI44QH8DHBEXAMPLE";
    static final String NEW_SECRET = "je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY";

    private Scenes() {
    }

    public static List<Scene> all() {
        return List.of(
                Scene.view("request-modal", "The request form that /lightsail-access opens",
                        RequestMessages.requestModal(SettingsFromMap.defaults().value(RequestChoices.class))),
                Scene.inChannel("approval-request", "The approval message in the admins' channel, with Approve and Deny",
                        CHANNEL, RequestPictures.approvalRequest(pending(), 1)),
                Scene.view("request-modal-levels", "With access levels (deploy/levels/): the form offers the levels "
                        + "the person may ask for", RequestPictures.requestModal(LEVELS.value(LevelChoices.class),
                                REQUESTER)),
                Scene.inChannel("approval-request-level", "A request at the read-only level, in the approval channel",
                        CHANNEL, RequestPictures.approvalRequest(pending().atLevel("readonly"), 1)),
                Scene.inChannel("approval-approved", "The same message once an admin approved: no buttons left",
                        CHANNEL, RequestPictures.approvalDone(approved())),
                Scene.inDirectMessage("credentials-dm", "The direct message with the sign-in details",
                        GrantPictures.credentialsDm(42, IAM_USER, SIGN_IN_URL, PASSWORD, KEY_ID, SECRET)),
                Scene.inDirectMessage("reveal-dm", "Reveal once: the direct message with the Show credentials "
                        + "button, and no secret", GrantPictures.revealOffer(42, IAM_USER, AccessType.BOTH,
                                APPROVED.plus(Duration.ofHours(24)))),
                Scene.view("reveal-modal", "Reveal once: the modal that shows the credentials, once",
                        GrantPictures.revealModal(42, IAM_USER, SIGN_IN_URL, PASSWORD, KEY_ID, SECRET)),
                Scene.inDirectMessage("reset-dm", "The direct message with a new console password, after "
                        + "/lightsail-access reset-password", CredentialsPictures.resetDm(42, IAM_USER, SIGN_IN_URL,
                                PASSWORD)),
                Scene.inDirectMessage("key-age-dm", "The reminder when an access key is older than "
                        + "LIGHTSAIL_KEY_MAX_AGE, with Rotate now", CredentialsPictures.keyAgeDm(42, KEY_ID,
                                Duration.ofDays(91), APPROVED.plus(Duration.ofDays(90)), "lightsail", "eu-west-1")),
                Scene.inDirectMessage("rotation-dm", "A rotation: the new access key once, then the old key's "
                        + "overlap with Retire the old key", rotation()),
                Scene.view("home-requester", "The Home tab of someone with access",
                        HomePictures.requester(status(approved()), "C0APPROVALS")),
                Scene.view("home-admin", "An admin's Home tab: their own access, pending requests, grants and the "
                        + "latest audit events", adminHome()));
    }

    /** The settings with the shipped example levels. */
    static final SettingsFromMap LEVELS = SettingsFromMap.of(Map.of("LIGHTSAIL_ACCESS_LEVELS",
            "deploy/levels/levels.json"));

    /** A rotation's two messages: the new key with its secret, then the overlap without it. */
    static List<LayoutBlock> rotation() {
        Instant until = APPROVED.plus(Duration.ofDays(98));
        List<LayoutBlock> blocks = new ArrayList<>(CredentialsPictures.newKeyDm(42, IAM_USER, NEW_KEY_ID, NEW_SECRET,
                KEY_ID, until));
        blocks.addAll(CredentialsPictures.overlapDm(42, NEW_KEY_ID, KEY_ID, until));
        return blocks;
    }

    /** What the Home tab reads about a person: their latest request. */
    static RequestStatus status(AccessRequest r) {
        return new RequestStatus(Optional.of(new RequestStatus.Latest(r.id(), r.state(), r.accessType(), r.dryRun(),
                r.iamUserName(), r.decidedBy(), r.decidedAt(), r.createdAt(), r.failureReason(), r.duration(),
                r.endsAt(), r.endedHow(), Optional.empty(), false)));
    }

    /** An admin's tab: one request waiting, a grant, and the latest events. */
    static com.slack.api.model.view.View adminHome() {
        AccessRequest waiting = withId(AccessRequest.file(new Requester("U0ALAN", "T0EXAMPLE", null),
                AccessType.PROGRAMMATIC, GrantDuration.parse("7d").orElseThrow(), "CI deploys of the docs site",
                null, APPROVED.plusSeconds(600)), 43);
        List<AuditEvent> events = List.of(
                event(43, "U0ALAN", "requested", "programmatic access, 7d, reason: CI deploys of the docs site",
                        APPROVED.plusSeconds(600)),
                event(42, "bot", "active", "IAM user " + IAM_USER + ", both", APPROVED.plusSeconds(4)),
                event(42, "bot", "iam: AddUserToGroup", "LightsailFullAccessGroup", APPROVED.plusSeconds(3)),
                event(42, ADMIN, "approved", "pending -> approved", APPROVED));
        return HomePictures.admin(RequestStatus.none(), List.of(waiting), List.of(approved()), events, "C0APPROVALS");
    }

    private static AuditEvent event(long requestId, String actor, String action, String detail, Instant at) {
        try {
            Constructor<AuditEvent> c = AuditEvent.class.getDeclaredConstructor(Long.class, String.class,
                    String.class, String.class, Instant.class);
            c.setAccessible(true);
            return c.newInstance(requestId, actor, action, detail, at);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("AuditEvent cannot be made here", e);
        }
    }

    /** A request as the admins see it when it arrives. */
    static AccessRequest pending() {
        AccessRequest request = AccessRequest.file(new Requester(REQUESTER, "T0EXAMPLE", null), AccessType.BOTH,
                GrantDuration.parse("30d").orElseThrow(), "Moving the staging site to a bigger instance before the "
                        + "launch on Monday; I need to resize it & check the load balancer's <health checks>.",
                null, FILED);
        return withId(request, 42);
    }

    static AccessRequest approved() {
        AccessRequest request = pending();
        request.moveTo(RequestState.APPROVED, APPROVED);
        request.recordDecision(ADMIN, APPROVED);
        request.startClock(APPROVED);
        request.recordIamUser(IAM_USER, false);
        request.moveTo(RequestState.PROVISIONING, APPROVED);
        request.moveTo(RequestState.ACTIVE, APPROVED);
        return request;
    }

    /** The database gives a request its id; these requests never see one. */
    private static AccessRequest withId(AccessRequest request, long id) {
        try {
            Field field = AccessRequest.class.getDeclaredField("id");
            field.setAccessible(true);
            field.set(request, id);
            return request;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("AccessRequest has no id field to set", e);
        }
    }
}
