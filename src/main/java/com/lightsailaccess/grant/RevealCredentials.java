package com.lightsailaccess.grant;

import com.lightsailaccess.iam.IamAccount;
import com.lightsailaccess.iam.IamFailure;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.view.View;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.Optional;

/**
 * Reveal once, after the click: the credentials are made now, shown in the modal the click opened
 * ({@code views.update}), and the DM loses its button. The modal is the only place they ever go. If it cannot show
 * them (the person closed it), they are withdrawn at once and the button works again; nothing valid is left that
 * nobody holds.
 */
@ApplicationScoped
class RevealCredentials implements JobHandler<RevealView> {

    static final JobType<RevealView> TYPE = JobType.of("REVEAL", RevealView.class);

    /** What {@code views.update} answers for a modal that was closed. */
    static final String MODAL_GONE = "not_found";

    private final Reveals reveals;
    private final GrantCredentials credentials;
    private final ProvisioningRecords records;
    private final IamAccount account;
    private final SlackNotifier notifier;
    private final Notices notices;
    private final JobQueue jobs;

    RevealCredentials(Reveals reveals, GrantCredentials credentials, ProvisioningRecords records, IamAccount account,
            SlackNotifier notifier, Notices notices, JobQueue jobs) {
        this.reveals = reveals;
        this.credentials = credentials;
        this.records = records;
        this.account = account;
        this.notifier = notifier;
        this.notices = notices;
        this.jobs = jobs;
    }

    @Override
    public JobType<RevealView> type() {
        return TYPE;
    }

    /** The person is looking at a modal that says "creating…": a few quick tries, then the admins are told. */
    @Override
    public int maxAttempts() {
        return 4;
    }

    @Override
    public JobResult run(Job job) {
        RevealView view = job.payload(TYPE);
        Optional<AccessRequest> revealing = reveals.revealing(job.requestId(), view.claimedAt());
        if (revealing.isEmpty()) {
            // Revoked, closed or failed after the click: the modal says so instead of "creating…" for ever (unless
            // this very job showed the credentials already and is only being run again).
            if (reveals.find(job.requestId()).map(r -> r.revealedAt() == null).orElse(false)) {
                showQuietly(view, RevealMessages.closed(job.requestId()));
            }
            return JobResult.done();
        }
        AccessRequest request = revealing.get();
        long id = request.id();
        String userName = request.iamUserName();
        try {
            credentials.rotateKeys(job, id, userName);
            GrantCredentials.Issued issued = credentials.issue(job, request, userName);
            CredentialsMessage shown = issued.message(id, userName, account.consoleSignInUrl());
            // Shown and recorded under the job's fence, as the DM is: a worker that lost the job shows nothing.
            Optional<SlackCallException> unshown = jobs.fencedCall(job, () -> {
                try {
                    notifier.updateModal(view.viewId(), RevealMessages.credentials(shown));
                } catch (SlackCallException e) {
                    return Optional.of(e);
                }
                AccessRequest active = records.delivered(id, issued.accessKeyId(), true, "IAM user " + userName
                        + ", " + request.accessType().word() + ", revealed once");
                notices.send(id, Notice.update(request.offerChannel(), request.offerTs(),
                        RevealMessages.shownFallback(id), RevealMessages.shown(id, userName, active.revealedAt())));
                return Optional.empty();
            });
            if (unshown.isEmpty()) {
                return JobResult.done();
            }
            SlackCallException e = unshown.get();
            // Nobody saw them: the credentials go, and so does the membership that came with them.
            credentials.withdraw(id, userName, issued);
            credentials.leaveGroup(request, userName, "the credentials were not shown");
            records.step(id, "reveal failed; credentials withdrawn", e.getMessage());
            if (e.transientFailure()) {
                return e.retryResult();
            }
            if (!MODAL_GONE.equals(e.error())) {
                return fail(job, request, view, "the credentials could not be shown (" + e.error() + "); they were "
                        + "withdrawn");
            }
            // The person closed the modal before the credentials came: the button works again.
            releaseAndTell(request, view, e.error());
            return JobResult.done();
        } catch (IamFailure e) {
            return e.transientFailure() ? JobResult.retry(e.getMessage())
                    : fail(job, request, view, "the credentials could not be created: " + e.getMessage());
        }
    }

    /** The button works again, and its holder hears so: committed together. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void releaseAndTell(AccessRequest request, RevealView view, String error) {
        long id = request.id();
        reveals.release(id, view.claimedAt(), "the window closed before the credentials were shown (" + error + ")");
        notices.send(id, Notice.toPerson(request.requesterId(), RevealMessages.notShown(id)));
    }

    private JobResult fail(Job job, AccessRequest request, RevealView view, String reason) {
        JobResult failed = credentials.fail(job, request, reason);
        showQuietly(view, RevealMessages.failed(request.id()));
        return failed;
    }

    /** Best effort: the modal may be closed already; the request itself says what happened either way. */
    private void showQuietly(RevealView view, View content) {
        try {
            notifier.updateModal(view.viewId(), content);
        } catch (SlackCallException e) {
            // Nothing more to do: nobody is looking at it.
        }
    }

    @Override
    public void giveUp(Job job, String reason) {
        RevealView view = job.payload(TYPE);
        records.find(job.requestId()).filter(r -> r.state() == RequestState.PROVISIONING)
                .ifPresent(request -> fail(job, request, view, "gave up showing the credentials: " + reason));
    }
}
