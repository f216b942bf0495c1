package com.lightsailaccess.slack;

import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.bolt.context.builtin.SlashCommandContext;
import com.slack.api.bolt.response.Response;
import com.slack.api.model.User;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Who is an admin: the Slack user IDs in {@code LIGHTSAIL_ADMINS} and the members of
 * {@code LIGHTSAIL_ADMIN_USERGROUP}. The group is read with {@code usergroups.users.list} and cached for a
 * minute; a click waits at most {@link #LOOKUP_BUDGET} for a fresh list, so the ack stays within Slack's 3 s.
 * Asked about someone while the list cannot be read, it answers {@link Verdict#UNKNOWN}: the click is refused.
 * It also says who may hold access at all: a full member of the organisation ({@link #refusalFor}).
 */
@ApplicationScoped
public class AdminDirectory {

    public enum Verdict {
        ADMIN, NOT_ADMIN, UNKNOWN
    }

    static final Duration FRESH_FOR = Duration.ofSeconds(60);
    static final Duration LOOKUP_BUDGET = Duration.ofMillis(1500);
    private static final Logger LOG = Logger.getLogger(AdminDirectory.class);

    private final Set<String> fixed;
    private final Optional<String> usergroup;
    private final SlackNotifier notifier;
    private final Clock clock;
    /** The Web API call that reads the group blocks: it runs here, never on the JVM's shared common pool. */
    private final ExecutorService lookups = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lightsail-admin-lookup");
        t.setDaemon(true);
        return t;
    });
    private final Event<AdminsChanged> changes;
    private volatile Set<String> members;
    private volatile Instant loadedAt = Instant.MIN;
    /** The members of the access levels' own approver groups ({@link #check(String, Set, Optional)}). */
    private final Map<String, Loaded> approverGroups = new ConcurrentHashMap<>();

    private record Loaded(Set<String> members, Instant at) {
    }

    public AdminDirectory(Admins settings, SlackNotifier notifier, Clock clock, Event<AdminsChanged> changes) {
        this.changes = changes;
        this.fixed = settings.listed();
        this.usergroup = settings.usergroup();
        this.notifier = notifier;
        this.clock = clock;
    }

    public Verdict check(String slackUserId) {
        return verdict(slackUserId, fixed.contains(slackUserId) || usergroup.isEmpty() ? Set.of() : members());
    }

    /**
     * Whether {@code slackUserId} is one of an access level's own approvers: {@code listed}, or a member of
     * {@code usergroup} (read as the admins' group is: cached a minute, waited for at most {@link #LOOKUP_BUDGET},
     * {@link Verdict#UNKNOWN} when it cannot be read). A level that names none is approved by the admins.
     */
    public Verdict check(String slackUserId, Set<String> listed, Optional<String> usergroup) {
        if (listed.isEmpty() && usergroup.isEmpty()) {
            return check(slackUserId);
        }
        return snapshot(listed, usergroup).apply(slackUserId);
    }

    /** {@link #snapshot()} for an access level's own approvers (see {@link #check(String, Set, Optional)}). */
    public Function<String, Verdict> snapshot(Set<String> listed, Optional<String> usergroup) {
        if (listed.isEmpty() && usergroup.isEmpty()) {
            return snapshot();
        }
        Set<String> current = usergroup.isEmpty() ? Set.of() : approverGroup(usergroup.get());
        return slackUserId -> {
            if (listed.contains(slackUserId)) {
                return Verdict.ADMIN;
            }
            if (usergroup.isEmpty()) {
                return Verdict.NOT_ADMIN;
            }
            return current == null ? Verdict.UNKNOWN : current.contains(slackUserId) ? Verdict.ADMIN
                    : Verdict.NOT_ADMIN;
        };
    }

    /** An approver group's members, fresh enough; null when they cannot be read. */
    private Set<String> approverGroup(String id) {
        if (usergroup.isPresent() && usergroup.get().equals(id)) {
            return members();
        }
        return fresh("Approver user group " + id, () -> approverGroups.get(id), () -> {
            try {
                Set<String> loaded = Set.copyOf(notifier.usergroupMembers(id));
                approverGroups.put(id, new Loaded(loaded, clock.instant()));
                return loaded;
            } catch (SlackCallException e) {
                throw new IllegalStateException(e.getMessage());
            }
        });
    }

    /**
     * A user group's members: the ones read last while they are fresh, else read again, waiting at most
     * {@link #LOOKUP_BUDGET} (on this class's own thread, never the JVM's common pool). When Slack does not answer, a
     * list up to a few minutes old is better than refusing everyone while Slack hiccups; null when there is none.
     *
     * @param last the list read last, if any (asked again after a failed read: the read may have finished meanwhile)
     */
    private Set<String> fresh(String what, Supplier<Loaded> last, Supplier<Set<String>> read) {
        Loaded cached = last.get();
        if (cached != null && cached.at().plus(FRESH_FOR).isAfter(clock.instant())) {
            return cached.members();
        }
        try {
            return CompletableFuture.supplyAsync(read, lookups).get(LOOKUP_BUDGET.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            LOG.warnf("%s could not be read: %s", what, e.getCause() == null ? e.getClass().getSimpleName()
                    : e.getCause().getMessage());
            Loaded stale = last.get();
            return stale != null && stale.at().plus(FRESH_FOR.multipliedBy(5)).isAfter(clock.instant())
                    ? stale.members() : null;
        }
    }

    /**
     * The admin list as it is now, read once (from Slack if the cached one is stale): checking against it never
     * calls Slack, so it fits inside a transaction that holds a lock.
     */
    public Function<String, Verdict> snapshot() {
        Set<String> current = usergroup.isEmpty() ? Set.of() : members();
        return slackUserId -> verdict(slackUserId, current);
    }

    private Verdict verdict(String slackUserId, Set<String> current) {
        if (fixed.contains(slackUserId)) {
            return Verdict.ADMIN;
        }
        if (current == null) {
            return Verdict.UNKNOWN;
        }
        return current.contains(slackUserId) ? Verdict.ADMIN : Verdict.NOT_ADMIN;
    }

    /** The group's members, fresh enough; null when they cannot be read. */
    private Set<String> members() {
        return fresh("Admin user group", () -> members == null ? null : new Loaded(members, loadedAt), this::load);
    }

    private Set<String> load() {
        try {
            Set<String> loaded = Set.copyOf(notifier.usergroupMembers(usergroup.orElseThrow()));
            Set<String> before = members;
            members = loaded;
            loadedAt = clock.instant();
            if (!loaded.equals(before)) {
                // Off the caller's path (a click's ack may be waiting): whoever shows admins' things hears later.
                changes.fireAsync(new AdminsChanged());
            }
            return loaded;
        } catch (SlackCallException e) {
            throw new IllegalStateException(e.getMessage());
        }
    }

    /**
     * The admin user group was read and its members are not the ones read before (also at the first reading after a
     * start, since the list may have changed while the bot was down). Fired asynchronously.
     */
    public record AdminsChanged() {
    }

    /** Forgets the group's members, so the next check reads them again (the list changed; a test says so). */
    public void forget() {
        members = null;
        loadedAt = Instant.MIN;
        approverGroups.clear();
    }

    @PreDestroy
    void stop() {
        lookups.shutdownNow();
    }

    /**
     * Keeps the cached group warm, so clicks rarely wait for Slack, and notices a change of the admins (and the Home
     * tabs that show it follow) even when nobody clicks.
     */
    @Scheduled(every = "50s", delayed = "5s")
    void refresh() {
        if (usergroup.isPresent()) {
            try {
                load();
            } catch (RuntimeException e) {
                LOG.debugf("Admin user group refresh failed: %s", e.getMessage());
            }
        }
    }

    /** The gate of an admins-only command: the ephemeral refusal when the caller is not one (or cannot be told). */
    public Optional<Response> refusal(String userId, SlashCommandContext ctx, String notAnAdmin) {
        Verdict verdict = check(userId);
        if (verdict == Verdict.UNKNOWN) {
            return Optional.of(Listeners.ephemeral(ctx, adminsUnknown()));
        }
        if (verdict == Verdict.NOT_ADMIN) {
            return Optional.of(Listeners.ephemeral(ctx, notAnAdmin));
        }
        return Optional.empty();
    }

    public static String notAnAdmin(String verb) {
        return ":no_entry: Only Lightsail Access admins can " + verb + " requests. Nothing changed.";
    }

    public static String adminsUnknown() {
        return ":warning: The admin list could not be checked right now, so nothing changed. Please try again in a "
                + "minute.";
    }

    /**
     * Why this Slack user may not hold Lightsail access, or empty when they may: a full member of the organisation
     * ({@code teamId}, {@code enterpriseId}: where the request was typed, as Slack's verified request names them).
     * Guests (single- and multi-channel) and people from outside it (Slack Connect) may not; neither may a
     * deactivated account. On Enterprise Grid a member's home workspace ({@code users.info}'s {@code team_id}) may
     * differ from the workspace the command was typed in: that is the same organisation, not a stranger. Checked
     * before the admins are asked, and again right before provisioning, since an account can change while a
     * request waits.
     */
    public static Optional<String> refusalFor(User user, String teamId, String enterpriseId) {
        if (user == null) {
            return Optional.of("Your Slack account could not be looked up.");
        }
        if (user.isDeleted()) {
            return Optional.of("The Slack account is deactivated.");
        }
        if (user.isRestricted() || user.isUltraRestricted()) {
            return Optional.of("Guest accounts cannot request Lightsail access.");
        }
        if (user.isStranger() || !sameOrganisation(user, teamId, enterpriseId)) {
            return Optional.of("Only members of this workspace can request Lightsail access.");
        }
        return Optional.empty();
    }

    private static boolean sameOrganisation(User user, String teamId, String enterpriseId) {
        if (teamId == null || user.getTeamId() == null
                || Objects.equals(user.getTeamId(), teamId)) {
            return true;
        }
        User.EnterpriseUser grid = user.getEnterpriseUser();
        if (grid == null) {
            return false;
        }
        return (enterpriseId != null && enterpriseId.equals(grid.getEnterpriseId()))
                || (grid.getTeams() != null && grid.getTeams().contains(teamId));
    }
}
