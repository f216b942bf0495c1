package com.lightsailaccess.grant;

import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.AuditTrail;
import com.lightsailaccess.model.Followups;
import com.lightsailaccess.model.RequestState;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import com.lightsailaccess.slack.notify.Notices.Notice;
import com.lightsailaccess.slack.notify.Notices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/** What a change of level writes down: its start, its end (the grant at the new level), or why it closed. */
@ApplicationScoped
class LevelChanges {

    /** A change under way: the holder's IAM user moves from one level's group to another's. */
    record Move(long changeId, long grantId, String holderId, String userName, AccessLevel from, AccessLevel to) {
    }

    private final AccessRequestRepository requests;
    private final AccessLevels levels;
    private final AuditTrail audit;
    private final Followups followups;
    private final Notices notices;
    private final Clock clock;

    LevelChanges(AccessRequestRepository requests, AccessLevels levels, AuditTrail audit, Followups followups,
            Notices notices, Clock clock) {
        this.requests = requests;
        this.levels = levels;
        this.audit = audit;
        this.followups = followups;
        this.notices = notices;
        this.clock = clock;
    }

    /**
     * approved → provisioning (a re-run goes on); empty when there is nothing to do, or when the change closed here
     * because its grant ended meanwhile or a level is no longer configured.
     */
    @Transactional
    Optional<Move> begin(long changeId) {
        AccessRequest change = requests.lock(changeId);
        if (change == null || !change.isLevelChange()) {
            return Optional.empty();
        }
        if (change.state() == RequestState.APPROVED) {
            change.moveTo(RequestState.PROVISIONING, clock.instant());
            audit.record(changeId, AuditTrail.BOT, "change of level started", null);
            followups.approvalMessageChanged(changeId);
        }
        if (change.state() != RequestState.PROVISIONING) {
            return Optional.empty();
        }
        AccessRequest grant = requests.lock(change.extendsRequestId());
        if (grant.state() != RequestState.ACTIVE || grant.dryRun()) {
            closeLocked(change, "grant #" + grant.id() + " had ended (" + grant.state().word()
                    + ") before the change could apply");
            return Optional.empty();
        }
        Optional<AccessLevel> from = levels.of(grant.level());
        Optional<AccessLevel> to = levels.of(change.level());
        if (from.isEmpty() || to.isEmpty()) {
            closeLocked(change, "the access level '" + (from.isEmpty() ? grant.level() : change.level())
                    + "' is no longer in LIGHTSAIL_ACCESS_LEVELS");
            return Optional.empty();
        }
        return Optional.of(new Move(changeId, grant.id(), grant.requesterId(), grant.iamUserName(), from.get(),
                to.get()));
    }

    /** The move, for a change under way (its job gave up); empty when it is not under way. */
    @Transactional
    Optional<Move> find(long changeId) {
        AccessRequest change = requests.findById(changeId);
        if (change == null || change.state() != RequestState.PROVISIONING) {
            return Optional.empty();
        }
        AccessRequest grant = requests.findById(change.extendsRequestId());
        return levels.of(grant.level()).flatMap(from -> levels.of(change.level()).map(to -> new Move(changeId,
                grant.id(), grant.requesterId(), grant.iamUserName(), from, to)));
    }

    /**
     * The IAM user is in the new level's group alone: the grant is at that level now, for the change's duration.
     * False when the grant ended meanwhile (nothing is recorded then: the caller undoes the move).
     */
    @Transactional
    boolean finish(Move move) {
        AccessRequest change = requests.lock(move.changeId());
        AccessRequest grant = requests.lock(move.grantId());
        if (change.state() != RequestState.PROVISIONING || grant.state() != RequestState.ACTIVE) {
            return false;
        }
        Instant now = clock.instant();
        grant.changeLevel(move.to().name(), change.duration(), now);
        change.moveTo(RequestState.ACTIVE, now);
        String ends = grant.endsAt().map(Instant::toString).orElse("never");
        audit.record(grant.id(), change.decidedBy(), "level changed", "from " + move.from().name() + " ("
                + move.from().group() + ") to " + move.to().name() + " (" + move.to().group() + "), change #"
                + change.id() + "; ends " + ends);
        audit.record(change.id(), AuditTrail.BOT, "active", "grant #" + grant.id() + " moved to "
                + move.to().group() + "; no new credentials");
        followups.endMoved(grant);
        followups.approvalMessageChanged(grant.id());
        followups.approvalMessageChanged(change.id());
        notices.send(change.id(), Notice.toPerson(grant.requesterId(), ":arrows_counterclockwise: Your Lightsail "
                + "access (grant #" + grant.id() + ") is now at the level *" + Mrkdwn.escape(move.to().label())
                + "* (`" + move.to().name() + "`): IAM user `" + Mrkdwn.escape(move.userName()) + "` is in "
                + move.to().group() + ", with the credentials you have. It ends "
                + grant.endsAt().map(Mrkdwn::date).orElse("never") + "."));
        return true;
    }

    /** The change closes without applying, and the holder hears why. */
    @Transactional
    void close(long changeId, String reason) {
        AccessRequest change = requests.lock(changeId);
        if (change != null && change.state() == RequestState.PROVISIONING) {
            closeLocked(change, reason);
        }
    }

    private void closeLocked(AccessRequest change, String reason) {
        Instant now = clock.instant();
        change.moveTo(RequestState.FAILED, now);
        change.moveTo(RequestState.CANCELLED, now);
        change.recordFailure(reason);
        audit.record(change.id(), AuditTrail.BOT, "cancelled", reason);
        followups.approvalMessageChanged(change.id());
        notices.send(change.id(), Notice.toPerson(change.requesterId(), ":x: Your change of level #" + change.id()
                + " could not be made: " + Mrkdwn.escape(reason) + ". Your access is as it was."));
    }
}
