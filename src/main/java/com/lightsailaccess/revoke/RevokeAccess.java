package com.lightsailaccess.revoke;

import com.lightsailaccess.grant.LevelGroups;
import com.lightsailaccess.grant.ProvisioningRecords;
import com.lightsailaccess.iam.IamCredentials;
import com.lightsailaccess.iam.IamDeletion.UserInOtherGroupsException;
import com.lightsailaccess.iam.IamDeletion;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.iam.IamUsers;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Provisioning;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Takes access away in IAM: out of the Lightsail group (left the team), the whole user deleted (left the
 * company), or a cancelled grant's credentials withdrawn. Only users the bot created for this person are touched:
 * the tags must say so, and must agree with the database; a user whose {@code request-id} tag names a later grant
 * belongs to that grant now, and an older grant's revocation leaves it alone. Every step tolerates "already gone",
 * so a deletion cut short finishes when run again.
 */
@ApplicationScoped
class RevokeAccess implements JobHandler<Revocation> {

    private static final Logger LOG = Logger.getLogger(RevokeAccess.class);

    private final RevocationService revocations;
    private final AccessRequestService requests;
    private final ProvisioningRecords records;
    private final IamUsers users;
    private final IamCredentials keys;
    private final IamDeletion deletion;
    private final Notices notices;
    private final Provisioning settings;
    private final JobQueue jobs;
    private final AuditTrail audit;
    private final Clock clock;
    private final AccessLevels levels;
    private final LevelGroups levelGroups;

    public RevokeAccess(RevocationService revocations, AccessRequestService requests, ProvisioningRecords records,
            IamUsers users, IamCredentials keys, IamDeletion deletion, Notices notices,
            Provisioning settings, JobQueue jobs, AuditTrail audit, Clock clock, AccessLevels levels,
            LevelGroups levelGroups) {
        this.levels = levels;
        this.levelGroups = levelGroups;
        this.jobs = jobs;
        this.audit = audit;
        this.clock = clock;
        this.requests = requests;
        this.revocations = revocations;
        this.records = records;
        this.users = users;
        this.keys = keys;
        this.deletion = deletion;
        this.notices = notices;
        this.settings = settings;
    }

    @Override
    public JobType<Revocation> type() {
        return Revocation.TYPE;
    }

    @Override
    public JobResult run(Job job) {
        Optional<AccessRequest> found = requests.find(job.requestId());
        if (found.isEmpty()) {
            return JobResult.done();
        }
        AccessRequest request = found.get();
        Revocation revocation = job.payload(Revocation.TYPE);
        if (revocation.why() == Revocation.Why.EXPIRED && request.endsAt().map(end -> end.isAfter(clock.instant()))
                .orElse(true)) {
            // An extension moved the end after this expiry was queued (one person's jobs run in order, so it was
            // applied, and its holder told, before this): the extension wins; the next end has its own timer.
            jobs.fenced(job, () -> audit.record(request.id(), AuditTrail.BOT, "expiry superseded",
                    "extended to " + request.endsAt().map(Object::toString).orElse("no end")));
            return JobResult.done();
        }
        String userName = request.iamUserName();
        try {
            List<String> steps;
            boolean gone = false;
            boolean wasGone = false;
            if (userName == null) {
                steps = List.of();
            } else {
                job.checkLease();
                Optional<Map<String, String>> tags = users.findUser(userName, settings.path());
                if (tags.isPresent() && !IamUsers.isOurs(tags.get(), request.requesterId())) {
                    return refuse(request, "IAM user " + userName + " was not created by Lightsail Access for "
                            + request.requesterId() + " (its tags say otherwise)");
                }
                Long owner = tags.map(t -> t.get(IamUsers.REQUEST_ID)).map(RevokeAccess::number).orElse(null);
                if (owner != null && owner > request.id()) {
                    return refuse(request, "this is out of date: IAM user " + userName + " now belongs to request #"
                            + owner);
                }
                if (tags.isEmpty()) {
                    steps = List.of("user not found in IAM (already deleted)");
                    gone = true;
                    wasGone = true;
                } else {
                    job.checkLease();
                    switch (revocation.mode()) {
                        case DELETE -> {
                            try {
                                steps = deletion.deleteUser(userName, levels.all().stream()
                                        .map(AccessLevel::group).toList());
                            } catch (UserInOtherGroupsException e) {
                                return refuse(request, e.getMessage());
                            }
                            gone = true;
                        }
                        case REMOVE -> {
                            steps = levelGroups.removeFromEvery(userName, request);
                        }
                        case WITHDRAW -> steps = withdraw(request, userName);
                        default -> throw new IllegalStateException(revocation.mode().name());
                    }
                }
            }
            boolean userGone = gone;
            boolean alreadyGone = wasGone;
            List<String> done = steps;
            // The outcome and the notices that tell of it are recorded together.
            jobs.fenced(job, () -> {
                AccessRequest revoked = revocations.finish(request.id(), revocation, userGone, done);
                boolean deleted = revoked.iamUserDeletedAt() != null;
                switch (revocation.why()) {
                    case CANCELLED -> {
                        // The approval message says it was cancelled; the withdrawal is in the audit trail.
                    }
                    case DEPARTURE -> notices.send(revoked.id(), deleted
                            ? Notice.toApprovalChannel(RevokeMessages.revokedNotice(revoked, true, alreadyGone,
                                    revocation.actor(), done))
                            : Notice.toApprovalChannel(RevokeMessages.departureFallback(revoked.requesterId(),
                                    revocation.actor()), RevokeMessages.departureNotice(revoked.id(),
                                    revoked.requesterId(), revoked.iamUserName(), revocation.actor())));
                    case EXPIRED, GIVEN_BACK, DORMANT -> {
                        notices.send(revoked.id(), Notice.toPerson(revoked.requesterId(),
                                RevokeMessages.grantEndedDm(revoked)));
                        post(revoked.id(), RevokeMessages.grantEndedNotice(revoked));
                    }
                    default -> post(revoked.id(), RevokeMessages.revokedNotice(revoked, deleted, alreadyGone,
                            revocation.actor(), done));
                }
            });
            return JobResult.done();
        } catch (IamFailure e) {
            if (e.transientFailure()) {
                return JobResult.retry(e.getMessage());
            }
            failed(job, request, revocation.why(), e.getMessage());
            return JobResult.failed(e.getMessage());
        }
    }

    /** A cancelled grant: the keys and the password it made, and its group membership. */
    private List<String> withdraw(AccessRequest request, String userName) {
        List<String> steps = new ArrayList<>();
        for (String keyId : records.keysOf(request.id())) {
            keys.deleteAccessKey(userName, keyId);
            records.keyDeleted(request.id(), keyId, "the grant was cancelled");
            steps.add("access key " + keyId + " deleted");
        }
        if (records.setPassword(request.id())) {
            keys.removeConsolePassword(userName);
            steps.add("login profile removed");
        }
        steps.addAll(levelGroups.removeFromEvery(userName, request));
        return steps;
    }

    private static Long number(String value) {
        try {
            return Long.valueOf(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Nothing in IAM was touched: the admins hear why. */
    private JobResult refuse(AccessRequest request, String why) {
        recordRefusal(request, why);
        return JobResult.failed(why);
    }

    /** The refusal and its notice, committed together. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void recordRefusal(AccessRequest request, String why) {
        revocations.refused(request.id(), why);
        post(request.id(), RevokeMessages.revokeRefusedNotice(request, why));
    }

    private void post(long requestId, String text) {
        notices.send(requestId, Notice.toApprovalChannel(text));
    }

    @Override
    public void giveUp(Job job, String reason) {
        Revocation.Why why = job.payload(Revocation.TYPE).why();
        requests.find(job.requestId()).ifPresent(request -> failed(job, request, why,
                "gave up after repeated errors: " + reason));
    }

    /**
     * The admins hear that the removal failed. A grant's own end (expiry, give back, unused) that failed before is
     * not told again: reconciliation queues it again every run until IAM carries it out, and said once that it took
     * longer.
     */
    private void failed(Job job, AccessRequest request, Revocation.Why why, String reason) {
        if (why.endedHow() != null && jobs.failedBefore(Revocation.TYPE, request.id(), job.id())) {
            LOG.warnf("Request #%d: its end failed again in IAM (%s); the admins were told the first time",
                    request.id(), reason);
            return;
        }
        post(request.id(), RevokeMessages.revokeFailedNotice(request, why, reason));
    }
}
