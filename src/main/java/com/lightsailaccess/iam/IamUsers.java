package com.lightsailaccess.iam;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.GetUserResponse;
import software.amazon.awssdk.services.iam.model.IamException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Tag;

/**
 * The users the bot creates: made under its path and tagged as its own, taken up again only when the tags say the bot
 * made them for the same person, found again (or found gone), and when their credentials were last used. It works
 * with exactly the permissions of {@code deploy/bot-iam-policy.json}: IAM authorizes a call on a user that does not
 * exist yet as {@code user/<name>}, without the bot's path, so the bot never reads a user before creating it (it
 * creates, and reads only what exists), and a user it cannot see is one that is gone or not under its path.
 */
@ApplicationScoped
public class IamUsers {

    public static final String MANAGED_BY = "managed-by";
    public static final String MANAGED_BY_VALUE = "lightsail-access-bot";
    public static final String SLACK_USER_ID = "slack-user-id";
    public static final String REQUEST_ID = "request-id";

    private static final Logger LOG = Logger.getLogger(IamUsers.class);
    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9_+=,.@-]{1,64}");

    private final IamCalls calls;
    private final IamCredentials credentials;

    IamUsers(IamCalls calls, IamCredentials credentials) {
        this.calls = calls;
        this.credentials = credentials;
    }

    private IamClient iam() {
        return calls.iam();
    }

    /** Whether the bot owns a user: what its tags say. */
    public enum Ownership {
        CREATED, OURS
    }

    private Map<String, String> tagsOf(String userName) {
        return calls.call("ListUserTags", () -> iam().listUserTagsPaginator(r -> r.userName(userName)).tags()
                .stream().collect(Collectors.toMap(Tag::key, Tag::value, (a, b) -> b)), IamCalls.user(userName));
    }

    /**
     * The tags of a user the bot may have created, or empty when IAM has no user of that name ({@code NoSuchEntity}:
     * the bot's policy lets it read any user, so that a gone user is told from a refusal). A user of that name
     * outside the bot's {@code path} exists but is not the bot's: it comes back with no tags. An AccessDenied is a
     * problem of the bot's policy and is reported as one, never taken for a deletion.
     */
    public Optional<Map<String, String>> findUser(String userName, String path) {
        GetUserResponse found;
        try {
            found = calls.settled("GetUser", () -> iam().getUser(r -> r.userName(userName)));
        } catch (NoSuchEntityException e) {
            return Optional.empty();
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate("GetUser", e);
        }
        if (!path.equals(found.user().path())) {
            return Optional.of(Map.of());
        }
        return Optional.of(tagsOf(userName));
    }

    /** Whether these tags say: created by the bot for this Slack user. */
    public static boolean isOurs(Map<String, String> tags, String slackUserId) {
        return MANAGED_BY_VALUE.equals(tags.get(MANAGED_BY)) && slackUserId.equals(tags.get(SLACK_USER_ID));
    }

    /**
     * Creates the user under {@code path}, or reuses it when the bot made it for this person; any other user of
     * that name is never taken over. Tags {@code request-id} with the grant that provisions it now. Creating comes
     * first, so that a user that exists is found in one call.
     */
    public Ownership ensureUser(String userName, String path, String slackUserId, long requestId) {
        try {
            calls.settled("CreateUser", () -> iam().createUser(r -> r.userName(userName).path(path).tags(
                    tag(MANAGED_BY, MANAGED_BY_VALUE), tag(SLACK_USER_ID, slackUserId),
                    tag(REQUEST_ID, String.valueOf(requestId)))));
            calls.justCreated(IamCalls.user(userName));
            return Ownership.CREATED;
        } catch (EntityAlreadyExistsException exists) {
            // Ours from an earlier grant or attempt (a lost answer, a crash), or someone else's.
            calls.justCreated(IamCalls.user(userName));
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate("CreateUser", e);
        }
        GetUserResponse found;
        try {
            found = calls.settled("GetUser", () -> iam().getUser(r -> r.userName(userName)), IamCalls.user(userName));
        } catch (IamException | SdkClientException e) {
            throw IamCalls.translate("GetUser", e);
        }
        if (!path.equals(found.user().path())) {
            throw new NotOurUserException(userName, "it exists outside " + path + ", where the bot may not go");
        }
        Map<String, String> tags = tagsOf(userName);
        if (!isOurs(tags, slackUserId)) {
            throw new NotOurUserException(userName, MANAGED_BY_VALUE.equals(tags.get(MANAGED_BY))
                    ? "it belongs to another Slack user" : "it is not tagged managed-by=" + MANAGED_BY_VALUE);
        }
        calls.run("TagUser", () -> iam().tagUser(r -> r.userName(userName).tags(tag(REQUEST_ID,
                String.valueOf(requestId)))), IamCalls.user(userName));
        return Ownership.OURS;
    }

    /**
     * When the user's credentials were last used: the latest of the console password's last use and each access
     * key's; empty when never.
     */
    public Optional<Instant> lastUsed(String userName) {
        Instant latest = calls.call("GetUser", () -> iam().getUser(r -> r.userName(userName)).user()
                .passwordLastUsed(), IamCalls.user(userName));
        for (String keyId : credentials.accessKeyIds(userName)) {
            Instant used = calls.call("GetAccessKeyLastUsed", () -> iam().getAccessKeyLastUsed(r -> r
                    .accessKeyId(keyId)).accessKeyLastUsed().lastUsedDate(), IamCalls.user(userName));
            if (used != null && (latest == null || used.isAfter(latest))) {
                latest = used;
            }
        }
        return Optional.ofNullable(latest);
    }

    private static Tag tag(String key, String value) {
        return Tag.builder().key(key).value(value).build();
    }

    /** An IAM user of the wanted name exists but was not created by this bot for this person: never taken over. */
    public static class NotOurUserException extends RuntimeException {

        public NotOurUserException(String userName, String why) {
            super("IAM user " + userName + " exists and was not created by Lightsail Access for this person (" + why
                    + ")");
        }
    }

    /** IAM's rules for user names: 1–64 characters of {@code [\w+=,.@-]}, unique without regard to case. */
    public static boolean isValidUserName(String name) {
        return name != null && USER_NAME.matcher(name).matches();
    }

    /**
     * The IAM user name for a person: their Slack e-mail in lower case, or their Slack user ID when no e-mail is
     * visible or the address breaks IAM's rules (too long, or characters IAM does not allow).
     */
    public static String userNameFor(String email, String slackUserId) {
        if (email != null) {
            String lower = email.trim().toLowerCase(Locale.ROOT);
            if (isValidUserName(lower)) {
                return lower;
            }
        }
        return slackUserId;
    }
}
