package com.lightsailaccess.reconcile;

import com.lightsailaccess.credentials.CredentialChecks;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.iam.IamGroup;
import com.lightsailaccess.iam.IamUsers;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.Provisioning;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType.None;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.revoke.Revocation.RevokeOutcome;
import com.lightsailaccess.revoke.RevocationService;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Every {@code LIGHTSAIL_RECONCILE_EVERY}, and at start-up, compares the Lightsail group in IAM, the bot's ledger and
 * Slack's accounts, and looks for dormant credentials. It is one job (one row, whatever the number of replicas),
 * run by one replica at a time under its lease, that puts itself back in the queue for its next run. Each finding
 * is reported once.
 * <ul>
 * <li>a member of the group that no grant accounts for: reported with Remove from group and Keep;</li>
 * <li>a grant whose user left the group or was deleted outside the bot: the ledger is corrected, and reported;</li>
 * <li>every holder's Slack account is checked (a deactivation whose event was lost is a departure all the same);</li>
 * <li>credentials unused for {@code LIGHTSAIL_DORMANT_AFTER}: the holder is asked whether they are still needed,
 * and without an answer within {@code LIGHTSAIL_DORMANT_GRACE} the grant ends;</li>
 * <li>each grant's credentials ({@code credentials.CredentialChecks}): an access key due for rotation, a console user
 * without the MFA device that is required.</li>
 * </ul>
 */
@ApplicationScoped
class Reconcile implements JobHandler<None> {

    static final JobType<None> TYPE = JobType.of("RECONCILE");

    private static final Logger LOG = Logger.getLogger(Reconcile.class);
    /** Members nobody granted that one run reports one message each; more are one summary. */
    static final int ONE_BY_ONE = 5;

    private final ReconcileService ledger;
    private final RevocationService revocations;
    private final Dormancy dormancy;
    private final CredentialChecks credentials;
    private final GroupChecks groups;
    private final HeldGrants grants;
    private final IamGroup group;
    private final IamUsers users;
    private final Notices notices;
    private final Provisioning settings;
    private final ReconcileSettings timing;
    private final Clock clock;
    private final AccessLevels levels;

    Reconcile(ReconcileService ledger, HeldGrants grants, RevocationService revocations, Dormancy dormancy,
            CredentialChecks credentials, GroupChecks groups, IamGroup group, IamUsers users, Notices notices,
            Provisioning settings, ReconcileSettings timing, Clock clock, AccessLevels levels) {
        this.levels = levels;
        this.grants = grants;
        this.ledger = ledger;
        this.revocations = revocations;
        this.dormancy = dormancy;
        this.credentials = credentials;
        this.groups = groups;
        this.group = group;
        this.users = users;
        this.notices = notices;
        this.settings = settings;
        this.timing = timing;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            ledger.runSoon();
        } catch (RuntimeException e) {
            // The database may not be there yet: the next start, or the job already queued, runs it.
            LOG.warnf("Could not schedule reconciliation at start-up: %s", e.getClass().getSimpleName());
        }
    }

    @Override
    public JobType<None> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        if (settings.dryRun()) {
            return again();
        }
        try {
            List<ReconcileService.Held> grants = ledger.currentGrants();
            // Every level's group. IAM user names are unique regardless of case; the name as IAM spells it is the
            // one reported.
            Map<String, String> members = new HashMap<>();
            Map<String, List<AccessLevel>> levelsOf = new HashMap<>();
            List<AccessLevel> read = new ArrayList<>();
            Instant seenAt = clock.instant();
            for (AccessLevel level : levels.all()) {
                List<String> inGroup;
                try {
                    inGroup = group.groupMembers(level.group());
                } catch (IamGroup.GroupMissingException missing) {
                    groups.missing(level.group(), (int) grants.stream().filter(g -> at(g, level)).count(),
                            levels.named());
                    continue;
                }
                ledger.clear(ReconcileService.GROUP_MISSING, level.group());
                read.add(level);
                for (String member : inGroup) {
                    members.put(member.toLowerCase(Locale.ROOT), member);
                    levelsOf.computeIfAbsent(member.toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(level);
                }
            }
            if (read.isEmpty()) {
                return again();
            }
            Map<String, ReconcileService.Held> byUser = new HashMap<>();
            grants.forEach(g -> byUser.put(g.iamUserName().toLowerCase(Locale.ROOT), g));
            for (AccessLevel level : read) {
                reportMembers(level.group(), levelsOf.entrySet().stream().filter(e -> e.getValue().contains(level)
                        && !byUser.containsKey(e.getKey())).map(e -> members.get(e.getKey())).toList(), seenAt);
            }
            // A grant whose change of level is under way is between two groups for a moment: not a finding.
            levelsOf.forEach((user, in) -> Optional.ofNullable(byUser.get(user)).filter(g -> !g.changingLevel())
                    .ifPresent(grant -> in.stream().filter(level -> !at(grant, level)).forEach(level -> otherLevel(
                            grant, members.get(user), level))));
            Set<Long> ending = new HashSet<>();
            for (ReconcileService.Overdue overdue : ledger.overdueEnds()) {
                List<AccessLevel> in = levelsOf.get(overdue.iamUserName().toLowerCase(Locale.ROOT));
                if (in != null) {
                    ending.add(overdue.id());
                    job.checkLease();
                    endAgain(overdue, in.get(0).group());
                }
            }
            Set<Long> corrected = new HashSet<>();
            for (ReconcileService.Held grant : grants) {
                Optional<AccessLevel> level = levels.of(grant.level()).filter(read::contains);
                if (grant.state() == RequestState.ACTIVE && !grant.changingLevel() && level.isPresent()
                        && !levelsOf.getOrDefault(
                        grant.iamUserName().toLowerCase(Locale.ROOT), List.of()).contains(level.get())) {
                    perGrant(job, grant, () -> correct(grant, level.get()));
                    corrected.add(grant.id());
                }
                // A deactivation whose user_change event was lost is found here: the same check as a departure.
                // It waits in an order of its own, never ahead of the holder's reveal or revocation (Slack may hold
                // users.info back for a while); the revocation it may start goes into the holder's order.
                revocations.checkAccount(grant.holder());
            }
            // The credentials of the grants that go on: unused ones, and access keys due for rotation.
            List<ReconcileService.Held> goingOn = grants.stream().filter(g -> g.state() == RequestState.ACTIVE
                    && !corrected.contains(g.id()) && !ending.contains(g.id())).toList();
            timing.dormantAfter().ifPresent(after -> goingOn.forEach(g -> perGrant(job, g,
                    () -> dormancy.check(g, after))));
            goingOn.forEach(g -> perGrant(job, g, () -> credentials.check(g.id(), g.holder(), g.since())));
            read.forEach(groups::drift);
        } catch (IamFailure e) {
            LOG.warnf("Reconciliation could not read IAM: %s", e.getMessage());
            return e.transientFailure() ? JobResult.retry(e.getMessage()) : again();
        }
        return again();
    }

    private void memberNotGranted(long finding, String member, String groupName) {
        notices.send(null, Notice.toApprovalChannel(ReconcileMessages.memberFallback(member),
                ReconcileMessages.memberNotGranted(finding, member, groupName)));
    }

    /** Whether the grant is at this level (one filed without a levels file: at LIGHTSAIL_IAM_GROUP's level). */
    private boolean at(ReconcileService.Held grant, AccessLevel level) {
        return levels.of(grant.level()).filter(level::equals).isPresent();
    }

    /**
     * A holder's IAM user is also in another level's group (put there by hand, or left by a change of level that
     * could not finish): more access than its grant says. The admins hear once; the bot does not take it out, since
     * it cannot tell which membership someone meant.
     */
    private void otherLevel(ReconcileService.Held grant, String member, AccessLevel level) {
        String detail = "IAM user " + member + " is in " + level.group() + " (level " + level.name() + "), but grant #"
                + grant.id() + " is at the level " + levels.of(grant.level()).map(AccessLevel::name)
                        .orElse(String.valueOf(grant.level()));
        LOG.warnf("Reconciliation: %s", detail);
        groups.reportOnce(ReconcileService.OTHER_LEVEL, member.toLowerCase(Locale.ROOT) + " " + level.group(),
                grant.id(), detail, Notice.toApprovalChannel(ReconcileMessages.otherLevel(grant.id(), grant.holder(),
                        detail)));
    }

    /**
     * Members nobody granted, each reported once (again once its removal failed, or its grant ended). Never a flood:
     * the first look at a group the bot never saw and never granted into (members that predate the bot), or more
     * than {@link #ONE_BY_ONE} found in one run, is one summary (with their CSV, and Remove all / Keep all); fewer
     * are reported one by one. The findings, the summary and the group's being seen are one transaction.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void reportMembers(String name, List<String> notGranted, Instant seenAt) {
        boolean first = !ledger.seenBefore(name) && !grants.provisionedEver();
        List<ReconcileService.Member> found = ledger.reportMembers(name,
                notGranted.stream().sorted(String.CASE_INSENSITIVE_ORDER).toList(), seenAt, first);
        if (found.size() > (first ? 1 : ONE_BY_ONE)) {
            ledger.summarize(name, found, first, seenAt);
            LOG.infof("Reconciliation: %d members of IAM group %s that Lightsail Access never granted%s",
                    found.size(), name, first ? " (first look)" : "");
        } else {
            found.forEach(member -> memberNotGranted(member.findingId(), member.name(), name));
        }
    }

    /**
     * A grant that should have ended still gives access (its removal gave up or failed, say while IAM was away): it
     * is removed again, as its end asked, and the approval channel hears once that it took longer.
     */
    private void endAgain(ReconcileService.Overdue overdue, String groupName) {
        RevokeOutcome outcome = revocations.endGrant(overdue.id(), overdue.actor(), overdue.why(), Optional.empty());
        if (outcome instanceof RevokeOutcome.Queued) {
            LOG.warnf("Reconciliation: request #%d should have ended (%s) and IAM user %s is still in %s: removing "
                    + "it again", overdue.id(), overdue.why(), overdue.iamUserName(), groupName);
            groups.reportOnce(ReconcileService.END_OVERDUE, String.valueOf(overdue.id()), overdue.id(),
                    "removed again: " + overdue.why(), Notice.toApprovalChannel(ReconcileMessages.endOverdue(
                            overdue.id(), overdue.iamUserName(), overdue.why(), groupName)));
        }
    }

    /**
     * One grant's check. IAM being unreachable stops the run (it is retried); an answer about this one grant that
     * waiting will not change is logged, and the other grants are still checked.
     */
    private static void perGrant(Job job, ReconcileService.Held grant, Runnable check) {
        try {
            job.checkLease();
            check.run();
        } catch (IamFailure e) {
            if (e.transientFailure()) {
                throw e;
            }
            LOG.warnf("Reconciliation could not check request #%d: %s", grant.id(), e.getMessage());
        }
    }

    /** The grant's user is not in the group: it left it, or it is gone. The ledger follows IAM, and says so. */
    private void correct(ReconcileService.Held grant, AccessLevel level) {
        boolean gone = users.findUser(grant.iamUserName(), settings.path()).isEmpty();
        String detail = gone ? "IAM user " + grant.iamUserName() + " was deleted outside Lightsail Access"
                : "IAM user " + grant.iamUserName() + " left " + level.group() + " outside Lightsail Access";
        recordCorrection(grant, gone, detail);
    }

    /** The ledger follows IAM, and the admins hear once: committed together. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void recordCorrection(ReconcileService.Held grant, boolean gone, String detail) {
        // At the level this run read the groups for: a change of level that finished since is not a change outside.
        if (ledger.correct(grant.id(), grant.level(), gone, detail)) {
            ledger.report(ReconcileService.CHANGED_OUTSIDE, String.valueOf(grant.id()), grant.id(), detail)
                    .ifPresent(finding -> notices.send(grant.id(), Notice.toApprovalChannel(
                            ReconcileMessages.changedOutside(grant.id(), grant.holder(), detail))));
        }
    }

    /** The next run: the same job, due again after LIGHTSAIL_RECONCILE_EVERY. */
    private JobResult again() {
        return new JobResult.Defer(timing.every());
    }

    /** A timer, or the ledger's own upkeep: only the database or IAM can hold it up, and it must happen in the end. */
    @Override
    public int maxAttempts() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void giveUp(Job job, String reason) {
        LOG.errorf("Reconciliation gave up: %s; it runs again at the next start-up", reason);
    }
}
