package com.lightsailaccess.credentials;

import com.lightsailaccess.db.Timestamps;
import com.lightsailaccess.iam.IamCredentials.KeyUse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every statement on {@code credential_health}: what reconciliation last saw of a grant's credentials. */
@ApplicationScoped
class HealthRecords {

    /** As last seen: the MFA device (null: not looked at), when the MFA reminder went, the active key's last use. */
    record Seen(Instant checkedAt, Boolean mfaPresent, Instant mfaRemindedAt, Optional<KeyUse> keyLastUse) {
    }

    private final EntityManager em;

    HealthRecords(EntityManager em) {
        this.em = em;
    }

    Optional<Seen> of(long requestId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select checked_at, mfa_present, mfa_reminded_at, "
                + "key_last_used_at, key_last_used_service, key_last_used_region from credential_health "
                + "where request_id = :request").setParameter("request", requestId).getResultList();
        return rows.stream().findFirst().map(r -> new Seen(Timestamps.instant(r[0]), (Boolean) r[1],
                Timestamps.instant(r[2]), Optional.ofNullable(Timestamps.instant(r[3]))
                        .map(at -> new KeyUse(at, (String) r[4], (String) r[5]))));
    }

    /** Active grants whose console user has no MFA device, as last seen, oldest first: ids and holders. */
    List<Object[]> withoutMfa(int limit) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select r.id, r.requester_id from credential_health h "
                + "join access_request r on r.id = h.request_id where h.mfa_present = false and r.state = 'active' "
                + "order by r.id limit :limit").setParameter("limit", limit).getResultList();
        return rows;
    }

    void mfaSeen(long requestId, boolean present, Instant at) {
        em.createNativeQuery("insert into credential_health (request_id, checked_at, mfa_present) "
                + "values (:request, :at, :present) on conflict (request_id) do update "
                + "set checked_at = excluded.checked_at, mfa_present = excluded.mfa_present")
                .setParameter("request", requestId).setParameter("at", at).setParameter("present", present)
                .executeUpdate();
    }

    void mfaReminded(long requestId, Instant at) {
        em.createNativeQuery("update credential_health set mfa_reminded_at = :at where request_id = :request")
                .setParameter("request", requestId).setParameter("at", at).executeUpdate();
    }

    void keyUseSeen(long requestId, Optional<KeyUse> use, Instant at) {
        em.createNativeQuery("insert into credential_health (request_id, checked_at, key_last_used_at, "
                + "key_last_used_service, key_last_used_region) values (:request, :at, :used, :service, :region) "
                + "on conflict (request_id) do update set checked_at = excluded.checked_at, "
                + "key_last_used_at = excluded.key_last_used_at, "
                + "key_last_used_service = excluded.key_last_used_service, "
                + "key_last_used_region = excluded.key_last_used_region")
                .setParameter("request", requestId).setParameter("at", at)
                .setParameter("used", use.map(KeyUse::at).orElse(null))
                .setParameter("service", use.map(KeyUse::service).orElse(null))
                .setParameter("region", use.map(KeyUse::region).orElse(null)).executeUpdate();
    }
}
