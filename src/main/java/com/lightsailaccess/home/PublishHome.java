package com.lightsailaccess.home;

import com.lightsailaccess.credentials.CredentialHealth;
import com.lightsailaccess.model.AccessRequestService.RequestStatus;
import com.lightsailaccess.model.AccessRequestService;
import com.lightsailaccess.queue.Job;
import com.lightsailaccess.queue.JobHandler.JobResult;
import com.lightsailaccess.queue.JobHandler.JobType;
import com.lightsailaccess.queue.JobHandler;
import com.lightsailaccess.slack.AdminDirectory;
import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.model.view.View;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Publishes one person's App Home tab ({@code views.publish}), built from the database when the job runs, so a late
 * or repeated run still shows the latest state. Whether they see the admins' lists is decided here, with the same
 * check every admin click goes through; an admin list that cannot be read now means trying again later rather than
 * publishing a Home tab that shows too much or too little.
 */
@ApplicationScoped
class PublishHome implements JobHandler<AppHome.HomeOf> {

    static final JobType<AppHome.HomeOf> TYPE = JobType.of("PUBLISH_HOME", AppHome.HomeOf.class);

    private static final Logger LOG = Logger.getLogger(PublishHome.class);

    private final AppHome home;
    private final AccessRequestService requests;
    private final AdminDirectory admins;
    private final SlackNotifier notifier;
    private final CredentialHealth health;

    public PublishHome(AppHome home, AccessRequestService requests, AdminDirectory admins, SlackNotifier notifier,
            CredentialHealth health) {
        this.home = home;
        this.requests = requests;
        this.admins = admins;
        this.notifier = notifier;
        this.health = health;
    }

    @Override
    public JobType<AppHome.HomeOf> type() {
        return TYPE;
    }

    @Override
    public JobResult run(Job job) {
        String userId = job.payload(TYPE).userId();
        AdminDirectory.Verdict verdict = admins.check(userId);
        if (verdict == AdminDirectory.Verdict.UNKNOWN) {
            return JobResult.retry("the admin list could not be read");
        }
        boolean admin = verdict == AdminDirectory.Verdict.ADMIN;
        RequestStatus own = requests.status(userId);
        Optional<AppHome.AdminLists> lists = admin ? Optional.of(home.adminLists(HomeMessages.LISTED,
                HomeMessages.EVENTS)) : Optional.empty();
        List<Long> grants = new ArrayList<>();
        own.latest().filter(RequestStatus.Latest::hasAccess).ifPresent(latest -> grants.add(latest.requestId()));
        lists.ifPresent(l -> l.active().forEach(grant -> grants.add(grant.id())));
        View view = HomeMessages.home(own, lists, notifier.approvalChannel(), health.describe(grants));
        try {
            job.checkLease();
            notifier.publishHome(userId, view);
        } catch (SlackCallException e) {
            if (e.transientFailure()) {
                return e.retryResult();
            }
            LOG.warnf("The Home tab of %s could not be published: %s", userId, e.getMessage());
            return JobResult.failed(e.getMessage());
        }
        home.published(userId, admin);
        return JobResult.done();
    }

    @Override
    public void giveUp(Job job, String reason) {
        LOG.warnf("Gave up publishing a Home tab (job #%d): %s", job.id(), reason);
    }
}
