package com.lightsailaccess.home;

import com.lightsailaccess.credentials.CredentialHealth;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
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
    private final AccessLevels levels;

    public PublishHome(AppHome home, AccessRequestService requests, AdminDirectory admins, SlackNotifier notifier,
            CredentialHealth health, AccessLevels levels) {
        this.levels = levels;
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
                HomeMessages.EVENTS, approves(userId))) : Optional.empty();
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

    /**
     * With access levels, the levels an admin approves (those without approvers of their own, and those that name
     * them): only their pending requests are listed. A level's approver group that cannot be read now counts as not
     * theirs until the next publish.
     */
    private Optional<AppHome.AdminLevels> approves(String userId) {
        if (!levels.named()) {
            return Optional.empty();
        }
        List<String> names = levels.all().stream().filter(l -> !l.ownApprovers() || admins.check(userId,
                l.approvers(), l.approverUsergroup()) == AdminDirectory.Verdict.ADMIN).map(AccessLevel::name).toList();
        return Optional.of(new AppHome.AdminLevels(names, names.contains(levels.unnamed().name())));
    }

    @Override
    public void giveUp(Job job, String reason) {
        LOG.warnf("Gave up publishing a Home tab (job #%d): %s", job.id(), reason);
    }
}
