package com.lightsailaccess.jobs;

import com.lightsailaccess.access.AccessRequest;
import com.lightsailaccess.access.RevocationService;
import com.lightsailaccess.config.BotSettings;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.iam.IamGateway;
import com.lightsailaccess.slack.blocks.Messages;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Takes access away in IAM: out of the Lightsail group (left the team), or the whole user deleted (left the
 * company). Only users the bot created for this person are touched: the tags must say so, and must agree with the
 * database. Every step tolerates "already gone", so a deletion cut short finishes when run again.
 */
@ApplicationScoped
public class RevokeAccess implements JobHandler {

    private final RevocationService revocations;
    private final IamGateway iam;
    private final Notices notices;
    private final BotSettings settings;

    public RevokeAccess(RevocationService revocations, IamGateway iam, Notices notices, BotSettings settings) {
        this.revocations = revocations;
        this.iam = iam;
        this.notices = notices;
        this.settings = settings;
    }

    @Override
    public JobKind kind() {
        return JobKind.REVOKE;
    }

    /** {@code remove:U123} or {@code delete:U123}: what to do, and who asked. */
    static boolean deletes(Job job) {
        return job.payload() != null && job.payload().startsWith(RevocationService.DELETE);
    }

    static String actor(Job job) {
        int colon = job.payload() == null ? -1 : job.payload().indexOf(':');
        return colon < 0 ? null : job.payload().substring(colon + 1);
    }

    @Override
    public JobResult run(Job job) {
        Optional<AccessRequest> found = revocations.find(job.requestId());
        if (found.isEmpty()) {
            return JobResult.done();
        }
        AccessRequest request = found.get();
        boolean delete = deletes(job);
        String actor = actor(job);
        String userName = request.iamUserName();
        try {
            List<String> steps;
            if (userName == null) {
                steps = List.of();
            } else {
                Optional<Map<String, String>> tags = iam.userTags(userName);
                if (tags.isPresent() && !IamGateway.isOurs(tags.get(), request.requesterId())) {
                    String why = "IAM user " + userName + " was not created by Lightsail Access for "
                            + request.requesterId() + " (its tags say otherwise)";
                    QuarkusTransaction.requiringNew().run(() -> {
                        revocations.refused(request.id(), why);
                        post(request.id(), Messages.revokeRefusedNotice(request, why));
                    });
                    return JobResult.failed(why);
                }
                if (tags.isEmpty()) {
                    steps = List.of("user not found in IAM (already deleted)");
                } else if (delete) {
                    steps = iam.deleteUser(userName);
                } else {
                    iam.removeFromGroup(userName, settings.iamGroup());
                    steps = List.of("removed from group " + settings.iamGroup());
                }
            }
            boolean gone = delete || steps.stream().anyMatch(s -> s.startsWith("user not found"));
            List<String> done = steps;
            // The outcome and the notice that tells of it are recorded together.
            QuarkusTransaction.requiringNew().run(() -> {
                AccessRequest revoked = revocations.finish(request.id(), gone, done, actor);
                boolean deleted = revoked.iamUserDeletedAt() != null;
                if (HandleDeparture.ACTOR.equals(actor) && !deleted) {
                    notices.send(revoked.id(), Notice.toApprovalChannel(
                            Messages.departureFallback(revoked.requesterId()),
                            Messages.departureNotice(revoked.id(), revoked.requesterId(), revoked.iamUserName())));
                } else {
                    post(revoked.id(), Messages.revokedNotice(revoked, deleted, actor, done));
                }
            });
            return JobResult.done();
        } catch (IamFailure e) {
            if (e.transientFailure()) {
                return JobResult.retry(e.getMessage());
            }
            post(request.id(), Messages.revokeFailedNotice(request, e.getMessage()));
            return JobResult.failed(e.getMessage());
        }
    }

    private void post(long requestId, String text) {
        notices.send(requestId, Notice.toApprovalChannel(text));
    }

    @Override
    public void giveUp(Job job, String reason) {
        revocations.find(job.requestId()).ifPresent(request ->
                post(request.id(), Messages.revokeFailedNotice(request, "gave up after repeated errors: " + reason)));
    }
}
