package com.lightsailaccess.lifetime;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.queue.JobQueue;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;

/**
 * What an approval starts in a grant's life, queued in the approval's transaction: an extension's application, or
 * a new grant's timers (its end, and the reminder before it).
 */
@ApplicationScoped
class Timers {

    private final JobQueue jobs;
    private final ExpiryReminder reminder;
    private final Clock clock;

    Timers(JobQueue jobs, ExpiryReminder reminder, Clock clock) {
        this.jobs = jobs;
        this.reminder = reminder;
        this.clock = clock;
    }

    void onApproved(@Observes Followups.Approved approved) {
        AccessRequest request = approved.request();
        if (request.isExtension()) {
            jobs.enqueue(ApplyExtension.TYPE, request.id(), request.requesterId(), null);
        } else {
            request.endsAt().ifPresent(end -> scheduleEnd(request, end));
        }
    }

    /**
     * A grant's end set anew (a change of level), maybe earlier than before: its end timer and its reminder run now,
     * and each waits again for the new end (or finds there is none); a grant that had no end gets both.
     */
    void onEndMoved(@Observes Followups.EndMoved moved) {
        AccessRequest grant = moved.grant();
        jobs.makeDue("expire:" + grant.id());
        jobs.makeDue("remind:" + grant.id());
        grant.endsAt().ifPresent(end -> scheduleEnd(grant, end));
    }

    /** The timers of a grant with an end: the end itself, and the reminder before it (when there is time for one). */
    void scheduleEnd(AccessRequest grant, Instant end) {
        if (jobs.openKeys(LifetimeService.EXPIRE, grant.id()).isEmpty()) {
            jobs.enqueueAt(LifetimeService.EXPIRE, grant.id(), "expire:" + grant.id(), null, "expire:" + grant.id(),
                    end);
        }
        Instant remindAt = end.minus(reminder.before());
        if (remindAt.isAfter(clock.instant()) && jobs.openKeys(RemindHolder.TYPE, grant.id()).isEmpty()) {
            jobs.enqueueAt(RemindHolder.TYPE, grant.id(), "remind:" + grant.id(), null, "remind:" + grant.id(),
                    remindAt);
        }
    }
}
