package com.lightsailaccess.decision;

import com.lightsailaccess.db.AckPath.DatabaseUnavailableException;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.slack.AdminDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may approve or deny a request: its access level's own approvers when the level names some, else the admins.
 * Asked on the server at each click, against the lists as they are now; a request whose level is no longer configured
 * is decided by the admins.
 */
@ApplicationScoped
class LevelApprovers {

    private final DecisionService decisions;
    private final AdminDirectory admins;
    private final AccessLevels levels;

    LevelApprovers(DecisionService decisions, AdminDirectory admins, AccessLevels levels) {
        this.decisions = decisions;
        this.admins = admins;
        this.levels = levels;
    }

    /** Why {@code clicker} may not {@code verb} the request, if so. */
    Optional<String> refusal(long requestId, String clicker, String verb) {
        Optional<AccessLevel> level;
        try {
            level = levelOf(requestId);
        } catch (DatabaseUnavailableException e) {
            return Optional.of(DecisionMessages.decisionAnswer(new Decision.Unavailable(), verb));
        }
        AdminDirectory.Verdict verdict = level.map(l -> admins.check(clicker, l.approvers(), l.approverUsergroup()))
                .orElseGet(() -> admins.check(clicker));
        if (verdict == AdminDirectory.Verdict.UNKNOWN) {
            return Optional.of(AdminDirectory.adminsUnknown());
        }
        if (verdict == AdminDirectory.Verdict.NOT_ADMIN) {
            return Optional.of(level.filter(AccessLevel::ownApprovers).map(l -> ":no_entry: Only the approvers of "
                    + "the level `" + l.name() + "` can " + verb + " this request. Nothing changed.")
                    .orElse(AdminDirectory.notAnAdmin(verb)));
        }
        return Optional.empty();
    }

    /** The request's approvers as they are now, read once ({@link AdminDirectory#snapshot()}). */
    Function<String, AdminDirectory.Verdict> snapshot(long requestId) {
        return levelOf(requestId).map(l -> admins.snapshot(l.approvers(), l.approverUsergroup()))
                .orElseGet(admins::snapshot);
    }

    /** Without a levels file the one level has the admins for approvers: the request need not be read for that. */
    private Optional<AccessLevel> levelOf(long requestId) {
        return levels.named() ? decisions.levelOf(requestId) : Optional.empty();
    }
}
