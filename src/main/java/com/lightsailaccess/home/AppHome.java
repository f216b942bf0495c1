package com.lightsailaccess.home;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditEvent;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.queue.JobQueue;
import com.lightsailaccess.slack.AdminDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * What the app's Home tab needs from the domain: who has opened it, when it must be published again, and what it
 * shows. A publish is a durable job that reads everything when it runs, so one waiting publish per person is enough
 * however many changes come in meanwhile.
 *
 * <p>Only people who opened the tab are published to again: a change queues one fan-out job per request (never a
 * lock on somebody else's row inside the decision's transaction), and that job queues a publish for the requester
 * and for the admins among the viewers.
 */
@ApplicationScoped
class AppHome {

    private static final Logger LOG = Logger.getLogger(AppHome.class);

    /** What only admins see on their Home tab: the first of each list, and how many there are in all. */
    public record AdminLists(List<AccessRequest> pending, long pendingTotal, List<AccessRequest> active,
            long activeTotal, List<AuditEvent> latestEvents) {
    }

    /** The job's parameters: whose Home tab. */
    public record HomeOf(String userId) {
    }

    static final String PUBLISH_SUBJECT = "home:";
    private final JobQueue jobs;
    private final HomeViewers viewers;
    private final AccessRequestRepository requests;
    private final AuditTrail audit;
    private final Clock clock;
    private final AdminDirectory admins;

    public AppHome(JobQueue jobs, HomeViewers viewers, AccessRequestRepository requests, AuditTrail audit, Clock clock,
            AdminDirectory admins) {
        this.admins = admins;
        this.jobs = jobs;
        this.viewers = viewers;
        this.requests = requests;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * {@code app_home_opened}: remember the viewer and queue their publish. On the ack path (the Events API wants an
     * answer within 3 s), so bounded; a failure comes out as {@link DatabaseUnavailableException}.
     */
    @AckPath
    public void opened(String userId) {
        viewers.opened(userId, clock.instant());
        publishLater(userId);
    }

    /** The fan-out: a publish for the request's requester (if they opened the tab) and for every admin viewer. */
    @Transactional
    public int fanOut(long requestId) {
        List<String> shown = viewers.of(requestId);
        shown.forEach(this::publishLater);
        return shown.size();
    }

    /**
     * The admin list changed: every viewer whose Home tab shows them as something they no longer are (a former
     * admin still seeing the admins' lists, a new admin not yet seeing them) is published again now, not at the
     * next request.
     */
    void onAdminsChanged(@ObservesAsync AdminDirectory.AdminsChanged changed) {
        try {
            republishChangedViewers();
        } catch (RuntimeException e) {
            LOG.warnf("Could not republish Home tabs after the admin list changed: %s", e.getClass().getSimpleName());
        }
    }

    @Transactional(Transactional.TxType.REQUIRES_NEW)
    void republishChangedViewers() {
        for (HomeViewers.Viewer viewer : viewers.all()) {
            AdminDirectory.Verdict now = admins.check(viewer.userId());
            if (now != AdminDirectory.Verdict.UNKNOWN && (now == AdminDirectory.Verdict.ADMIN) != viewer.admin()) {
                publishLater(viewer.userId());
            }
        }
    }

    /** What the last publish found: whether the viewer is an admin (so that admins' lists reach them). */
    @Transactional
    public void published(String userId, boolean admin) {
        viewers.published(userId, admin);
    }

    /**
     * What an admin's Home tab lists besides their own access: the pending requests and the active grants (the first
     * {@code listed} of each, oldest first, with the totals) and the latest {@code events} audit events.
     */
    @Transactional
    public AdminLists adminLists(int listed, int events) {
        return adminLists(listed, events, Optional.empty());
    }

    /**
     * As {@link #adminLists(int, int)}, the pending requests only at {@code levels} (those the admin approves), when
     * access levels are configured.
     */
    @Transactional
    public AdminLists adminLists(int listed, int events, Optional<AdminLevels> levels) {
        // An admin who approves no level has none of the pending requests to decide (and SQL takes no empty "in").
        boolean none = levels.filter(l -> l.names().isEmpty()).isPresent();
        List<AccessRequest> pending = none ? List.of() : levels.map(l -> requests.oldestPending(listed, l.names(),
                l.withUnnamed())).orElseGet(() -> requests.oldestPending(listed));
        long pendingTotal = none ? 0 : levels.map(l -> requests.pendingCount(l.names(), l.withUnnamed()))
                .orElseGet(requests::pendingCount);
        List<AccessRequest> active = requests.oldestActive(listed);
        long activeTotal = requests.activeCount();
        List<AuditEvent> latest = audit.newest(Optional.empty(), Optional.empty(), Optional.empty(), Long.MAX_VALUE,
                events);
        return new AdminLists(pending, pendingTotal, active, activeTotal, latest);
    }

    /**
     * The access levels whose requests an admin's Home tab lists: their names, and whether that includes requests
     * filed without a levels file (the default level's).
     */
    public record AdminLevels(List<String> names, boolean withUnnamed) {
    }

    private void publishLater(String userId) {
        jobs.enqueueUnlessWaiting(PublishHome.TYPE, null, PUBLISH_SUBJECT + userId, new HomeOf(userId));
    }
}
