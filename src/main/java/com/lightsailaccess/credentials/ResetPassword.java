package com.lightsailaccess.credentials;

import com.lightsailaccess.iam.IamAccount;
import com.lightsailaccess.iam.IamCredentials;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.notify.SlackCallException;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;

/**
 * Sets a new console password that must be changed at the next sign-in ({@code UpdateLoginProfile},
 * {@code PasswordResetRequired=true}) and shows it once: in one DM, or in the modal the holder opened. The password
 * lives only in a local variable between IAM and Slack. IAM keeps one password per user, so the old one stops working
 * when the new one is set; if the new one then cannot be shown, the holder hears so and may ask again at once.
 */
@ApplicationScoped
class ResetPassword implements JobHandler<ShownIn> {

    static final JobType<ShownIn> TYPE = JobType.of("RESET_PASSWORD", ShownIn.class);

    /** What {@code views.update} answers for a modal that was closed. */
    private static final String MODAL_GONE = "not_found";

    private final PasswordResets resets;
    private final AccessRequestService requests;
    private final IamAccount account;
    private final IamCredentials iam;
    private final JobQueue jobs;
    private final SelfService selfService;

    ResetPassword(PasswordResets resets, AccessRequestService requests, IamAccount account, IamCredentials iam,
            JobQueue jobs, SelfService selfService) {
        this.resets = resets;
        this.requests = requests;
        this.account = account;
        this.iam = iam;
        this.jobs = jobs;
        this.selfService = selfService;
    }

    @Override
    public JobType<ShownIn> type() {
        return TYPE;
    }

    /** The person is waiting for it: a few quick tries, then they are told. */
    @Override
    public int maxAttempts() {
        return 4;
    }

    @Override
    public JobResult run(Job job) {
        ShownIn target = job.payload(TYPE);
        long id = job.requestId();
        String person = job.subject();
        Optional<String> whyNot = resets.whyNotNow(id, person);
        if (whyNot.isPresent()) {
            tell(person, target, ResetMessages.ended(whyNot.get()));
            resets.notDelivered(id, person, "not reset: the grant ended or is being revoked");
            return JobResult.done();
        }
        AccessRequest grant = requests.find(id).orElseThrow();
        String userName = grant.iamUserName();
        try {
            String signIn = account.consoleSignInUrl();
            String password = account.newPassword();
            job.checkLease();
            iam.setConsolePassword(userName, password);
            // Shown and recorded under the job's fence: a worker that lost the job shows nothing.
            Optional<SlackCallException> unshown = jobs.fencedCall(job, () -> {
                try {
                    selfService.show(person, target, ResetMessages::modal, ResetMessages.fallback(id),
                            ResetMessages.newPassword(id, userName, signIn, password, target.inModal()));
                } catch (SlackCallException e) {
                    return Optional.of(e);
                }
                resets.delivered(grant, target.inModal());
                return Optional.empty();
            });
            if (unshown.isEmpty()) {
                return JobResult.done();
            }
            SlackCallException e = unshown.get();
            if (e.transientFailure() && !MODAL_GONE.equals(e.error())) {
                // The next attempt sets another password: the one set now is held by nobody.
                return e.retryResult();
            }
            resets.notDelivered(id, person, "the new password could not be shown (" + e.error() + ")");
            tell(person, new ShownIn(null), ResetMessages.notShown(id));
            return JobResult.failed("the new password could not be shown (" + e.error() + ")");
        } catch (IamFailure e) {
            if (e.transientFailure()) {
                return JobResult.retry(e.getMessage());
            }
            giveUp(job, e.getMessage());
            return JobResult.failed(e.getMessage());
        }
    }

    @Override
    public void giveUp(Job job, String reason) {
        resets.notDelivered(job.requestId(), job.subject(), "failed: " + reason);
        tell(job.subject(), job.payload(TYPE), ResetMessages.failed(job.requestId(), reason));
    }

    private void tell(String person, ShownIn target, String text) {
        selfService.tell(person, target, ResetMessages::modal, text);
    }
}
