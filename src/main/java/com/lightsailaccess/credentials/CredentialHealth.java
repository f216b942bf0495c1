package com.lightsailaccess.credentials;

import com.lightsailaccess.db.AckPath;
import com.lightsailaccess.model.AccessRequestRepository.HeldKey;
import com.lightsailaccess.model.AccessRequestRepository;
import com.lightsailaccess.model.Provisioning;
import com.lightsailaccess.slack.blocks.Mrkdwn;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A grant's credentials in a line, for {@code status} and the Home tabs: the access key's age and last use, a
 * rotation under way, whether the console user has set up the MFA device that is required. From the database only
 * (what reconciliation last saw), so it answers within an acknowledgement.
 */
@ApplicationScoped
public class CredentialHealth {

    private final AccessRequestRepository requests;
    private final HealthRecords health;
    private final KeyRotation rotation;
    private final Provisioning provisioning;
    private final Clock clock;

    CredentialHealth(AccessRequestRepository requests, HealthRecords health, KeyRotation rotation,
            Provisioning provisioning, Clock clock) {
        this.requests = requests;
        this.health = health;
        this.rotation = rotation;
        this.provisioning = provisioning;
        this.clock = clock;
    }

    /** The line for each of these grants that has something to say, by grant id. */
    @AckPath
    public Map<Long, String> describe(Collection<Long> grantIds) {
        Map<Long, String> lines = new LinkedHashMap<>();
        for (long id : grantIds) {
            line(id).ifPresent(line -> lines.put(id, line));
        }
        return lines;
    }

    /**
     * For an admin's {@code status}, while MFA is required: the active grants whose console user has no MFA device
     * (as reconciliation last saw), the first {@code limit}; empty when there are none.
     */
    @AckPath
    public Optional<String> withoutMfa(int limit) {
        if (provisioning.mfaPolicy().isEmpty()) {
            return Optional.empty();
        }
        List<String> grants = health.withoutMfa(limit).stream().map(row -> Mrkdwn.user((String) row[1])
                + " (request #" + ((Number) row[0]).longValue() + ")").toList();
        return grants.isEmpty() ? Optional.empty() : Optional.of(":warning: *No MFA* (required in the console): "
                + String.join(", ", grants) + (grants.size() == limit ? ", and maybe more" : "") + ".");
    }

    private Optional<String> line(long grantId) {
        List<String> parts = new ArrayList<>();
        Optional<HealthRecords.Seen> seen = health.of(grantId);
        for (HeldKey key : requests.heldKeys(grantId)) {
            if (key.retiring()) {
                parts.add(key.deactivatedAt() == null ? "rotation under way: the old key `" + key.accessKeyId()
                        + "` still works" : "rotation under way: the old key `" + key.accessKeyId() + "` is "
                        + "inactive and is deleted " + Mrkdwn.date(key.deactivatedAt().plus(rotation.overlap())));
            } else if (key.deactivatedAt() != null) {
                parts.add("access key `" + key.accessKeyId() + "` inactive since " + Mrkdwn.date(key.deactivatedAt()));
            } else {
                long days = Duration.between(key.createdAt(), clock.instant()).toDays();
                parts.add("access key `" + key.accessKeyId() + "`, " + days + (days == 1 ? " day" : " days") + " old"
                        + seen.flatMap(HealthRecords.Seen::keyLastUse).map(use -> ", "
                                + RotationMessages.lastUsed(Optional.of(use))).orElse(""));
            }
        }
        if (provisioning.mfaPolicy().isPresent()) {
            seen.map(HealthRecords.Seen::mfaPresent).ifPresent(mfa -> parts.add(mfa ? "MFA set up"
                    : ":warning: no MFA"));
        }
        return parts.isEmpty() ? Optional.empty() : Optional.of(String.join(" · ", parts));
    }
}
