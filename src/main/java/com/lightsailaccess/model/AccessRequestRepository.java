package com.lightsailaccess.model;

import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Every query on the access request aggregate: the requests (grants and extensions), the admins' approvals of them
 * and the access keys a grant issued. The callers hold the transaction (on Slack's acknowledgement path, the bounded
 * one). Queries are named, parsed once at start-up: the access request's in {@code META-INF/orm.xml} (where the
 * reason is), the issued keys' on {@link IssuedKey}.
 */
@ApplicationScoped
public class AccessRequestRepository implements PanacheRepository<AccessRequest> {

    private static final String LATEST_OF = "AccessRequest.latestOf";
    private static final String PENDING_OF = "AccessRequest.pendingOf";
    private static final String OPEN_EXTENSION_OF = "AccessRequest.openExtensionOf";
    private static final String CURRENT_GRANT_OF = "AccessRequest.currentGrantOf";
    private static final String GRANTS_WITH_USER_OF = "AccessRequest.grantsWithUserOf";
    private static final String GRANTS_WITH_USER_NAMED = "AccessRequest.grantsWithUserNamed";
    private static final String DELETED_GRANTS_OF = "AccessRequest.deletedGrantsOf";
    private static final String LATEST_GRANT_OF_USER_NAMED = "AccessRequest.latestGrantOfUserNamed";
    private static final String MARK_USER_DELETED = "AccessRequest.markUserDeleted";

    /** The person's latest request, whatever its state (indexed by requester and creation time). */
    public Optional<AccessRequest> latestOf(String requesterId) {
        // Panache's find("#...") knows only the named queries that are annotations, not those of orm.xml.
        return getEntityManager().createNamedQuery(LATEST_OF, AccessRequest.class)
                .setParameter("requester", requesterId).setMaxResults(1).getResultList().stream().findFirst();
    }

    /** The request, locked until the transaction ends; null when there is none. */
    public AccessRequest lock(long id) {
        return getEntityManager().find(AccessRequest.class, id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** The person's pending requests. */
    public List<Long> pendingOf(String requesterId) {
        return getEntityManager().createNamedQuery(PENDING_OF, Long.class)
                .setParameter("requester", requesterId).setParameter("pending", RequestState.PENDING)
                .getResultList();
    }

    /** The person's real grants in one of {@code states}, newest first. */
    public List<Long> grantsOf(String requesterId, Collection<RequestState> states) {
        return getEntityManager().createNamedQuery(CURRENT_GRANT_OF, Long.class)
                .setParameter("requester", requesterId).setParameter("current", states).getResultList();
    }

    /** The person's newest real grant in one of {@code states}. */
    public Optional<Long> latestGrantOf(String requesterId, Collection<RequestState> states) {
        return getEntityManager().createNamedQuery(CURRENT_GRANT_OF, Long.class)
                .setParameter("requester", requesterId).setParameter("current", states).setMaxResults(1)
                .getResultStream().findFirst();
    }

    /** The person's real requests whose IAM user exists (as far as the bot knows), newest first. */
    public List<Long> withUserOf(String requesterId) {
        return getEntityManager().createNamedQuery(GRANTS_WITH_USER_OF, Long.class)
                .setParameter("requester", requesterId).getResultList();
    }

    /** The person's newest real request whose IAM user the bot deleted. */
    public Optional<AccessRequest> latestDeletedOf(String requesterId) {
        return getEntityManager().createNamedQuery(DELETED_GRANTS_OF, AccessRequest.class)
                .setParameter("requester", requesterId).setMaxResults(1).getResultStream().findFirst();
    }

    /** The real requests whose IAM user has this name (IAM's names ignore case) and exists, newest first. */
    public List<Long> withUserNamed(String iamUserName) {
        return getEntityManager().createNamedQuery(GRANTS_WITH_USER_NAMED, Long.class)
                .setParameter("user", iamUserName).getResultList();
    }

    /** The newest real request that named this IAM user. */
    public Optional<Long> latestNaming(String iamUserName) {
        return getEntityManager().createNamedQuery(LATEST_GRANT_OF_USER_NAMED, Long.class)
                .setParameter("user", iamUserName).setMaxResults(1).getResultStream().findFirst();
    }

    /** The grant's extensions and changes of level in one of {@code states}. */
    public List<AccessRequest> extensionsOf(long grantId, Collection<RequestState> states) {
        return getEntityManager().createNamedQuery(OPEN_EXTENSION_OF, AccessRequest.class)
                .setParameter("grant", grantId).setParameter("open", states).getResultList();
    }

    /** The grant's extension that is still open (asked for, approved, or being applied), if any. */
    public Optional<AccessRequest> openExtensionOf(long grantId) {
        return extensionsOf(grantId, List.of(RequestState.PENDING, RequestState.APPROVED, RequestState.PROVISIONING))
                .stream().filter(AccessRequest::isExtension).findFirst();
    }

    /** The grant's change of level that is still open (asked for, approved, or being applied), if any. */
    public Optional<AccessRequest> openChangeOf(long grantId) {
        return extensionsOf(grantId, List.of(RequestState.PENDING, RequestState.APPROVED, RequestState.PROVISIONING))
                .stream().filter(AccessRequest::isLevelChange).findFirst();
    }

    /** The IAM user is gone: so it is for every request and access key that had it. */
    public void userDeleted(String iamUserName, Instant at) {
        getEntityManager().createNamedQuery(MARK_USER_DELETED).setParameter("now", at)
                .setParameter("user", iamUserName).executeUpdate();
        getEntityManager().createNamedQuery(IssuedKey.DELETED_WITH_USER).setParameter("now", at)
                .setParameter("user", iamUserName).executeUpdate();
    }

    /** Reads the request again from the database (after a bulk update). */
    public void refresh(AccessRequest request) {
        getEntityManager().refresh(request);
    }

    /** The oldest pending requests (grants and extensions), {@code limit} at most. */
    public List<AccessRequest> oldestPending(int limit) {
        return getEntityManager().createQuery("from AccessRequest r where r.state = :pending "
                + "order by r.createdAt, r.id", AccessRequest.class).setParameter("pending", RequestState.PENDING)
                .setMaxResults(limit).getResultList();
    }

    /**
     * The oldest pending requests at one of {@code levels} ({@code withUnnamed}: and those filed without a levels
     * file, which are at the default level), {@code limit} at most.
     */
    public List<AccessRequest> oldestPending(int limit, Collection<String> levels, boolean withUnnamed) {
        return getEntityManager().createQuery("from AccessRequest r where r.state = :pending and (r.level in :levels "
                + "or (:unnamed = true and r.level is null)) order by r.createdAt, r.id", AccessRequest.class)
                .setParameter("pending", RequestState.PENDING).setParameter("levels", levels)
                .setParameter("unnamed", withUnnamed).setMaxResults(limit).getResultList();
    }

    /** How many requests are pending at one of {@code levels} ({@link #oldestPending(int, Collection, boolean)}). */
    public long pendingCount(Collection<String> levels, boolean withUnnamed) {
        return getEntityManager().createQuery("select count(r) from AccessRequest r where r.state = :pending "
                + "and (r.level in :levels or (:unnamed = true and r.level is null))", Long.class)
                .setParameter("pending", RequestState.PENDING).setParameter("levels", levels)
                .setParameter("unnamed", withUnnamed).getSingleResult();
    }

    public long pendingCount() {
        return getEntityManager().createQuery("select count(r) from AccessRequest r where r.state = :pending",
                Long.class).setParameter("pending", RequestState.PENDING).getSingleResult();
    }

    /** The oldest real active grants, {@code limit} at most. */
    public List<AccessRequest> oldestActive(int limit) {
        return getEntityManager().createQuery("from AccessRequest r where r.state = :active "
                + "and r.kind = 'grant' and r.dryRun = false order by r.decided.at, r.id", AccessRequest.class)
                .setParameter("active", RequestState.ACTIVE).setMaxResults(limit).getResultList();
    }

    public long activeCount() {
        return getEntityManager().createQuery("select count(r) from AccessRequest r where r.state = :active "
                + "and r.kind = 'grant' and r.dryRun = false", Long.class).setParameter("active", RequestState.ACTIVE)
                .getSingleResult();
    }

    // ---- approvals -------------------------------------------------------------------------------------------

    /** Records an admin's approval; false when they had approved already. */
    public boolean approve(long requestId, String adminId, Instant at) {
        return getEntityManager().createNativeQuery("insert into approval (request_id, admin_id, approved_at) "
                + "values (:request, :admin, :at) on conflict do nothing").setParameter("request", requestId)
                .setParameter("admin", adminId).setParameter("at", at).executeUpdate() == 1;
    }

    /** The admins who approved a request so far, in order. */
    @SuppressWarnings("unchecked")
    public List<String> approvers(long requestId) {
        return getEntityManager().createNativeQuery("select admin_id from approval where request_id = :request "
                + "order by approved_at, admin_id").setParameter("request", requestId).getResultList();
    }

    /** Withdraws an approval that no longer counts. */
    public void withdrawApproval(long requestId, String adminId) {
        getEntityManager().createNativeQuery("delete from approval where request_id = :request and admin_id = :admin")
                .setParameter("request", requestId).setParameter("admin", adminId).executeUpdate();
    }

    // ---- issued access keys ----------------------------------------------------------------------------------

    public void keyIssued(String accessKeyId, long requestId, String iamUserName, Instant at) {
        getEntityManager().persist(new IssuedKey(accessKeyId, requestId, iamUserName, at));
    }

    /** The key reached its holder. */
    public void keyDelivered(String accessKeyId, Instant at) {
        key(accessKeyId).orElseThrow().delivered(at);
    }

    /** The key is gone from IAM; a key the bot never recorded has nothing to note. */
    public void keyDeleted(String accessKeyId, Instant at) {
        key(accessKeyId).ifPresent(key -> key.deleted(at));
    }

    /** The grant's access keys that reached their holder and are not deleted. */
    public List<String> deliveredKeys(long requestId) {
        return keysOf(requestId, IssuedKey.DELIVERED_OF_GRANT);
    }

    /** The grant's access keys that never reached their holder and are not deleted. */
    public List<String> undeliveredKeys(long requestId) {
        return keysOf(requestId, IssuedKey.UNDELIVERED);
    }

    /** The grant's access keys not deleted. */
    public List<String> keys(long requestId) {
        return keysOf(requestId, IssuedKey.OF_GRANT);
    }

    /**
     * An access key its holder has (delivered, not deleted), as a rotation sees it.
     *
     * @param replacedBy the newer key a rotation made in its place; null when it is the newest
     * @param deactivatedAt when it was made inactive; null while it is active
     */
    public record HeldKey(String accessKeyId, String iamUserName, Instant createdAt, String replacedBy,
            Instant deactivatedAt, Instant ageRemindedAt, Instant overdueToldAt) {

        /** Replaced by a newer key, and not deleted yet: a rotation is under way. */
        public boolean retiring() {
            return replacedBy != null;
        }
    }

    /** The grant's keys that its holder has, oldest first. */
    public List<HeldKey> heldKeys(long requestId) {
        return getEntityManager().createNamedQuery(IssuedKey.HELD, IssuedKey.class).setParameter("request", requestId)
                .getResultList().stream().map(IssuedKey::held).toList();
    }

    /** A rotation delivered {@code newer} in place of {@code older}. */
    public void keyReplaced(String older, String newer) {
        key(older).orElseThrow().replacedBy(newer);
    }

    /** The key was made inactive at {@code at}; null: active again. */
    public void keyDeactivated(String accessKeyId, Instant at) {
        key(accessKeyId).orElseThrow().deactivated(at);
    }

    /** Its holder was told once that the key is old. */
    public void keyAgeReminded(String accessKeyId, Instant at) {
        key(accessKeyId).orElseThrow().ageReminded(at);
    }

    /** The admins were told once that the key is past its age and the overlap. */
    public void keyOverdueTold(String accessKeyId, Instant at) {
        key(accessKeyId).orElseThrow().overdueTold(at);
    }

    private Optional<IssuedKey> key(String accessKeyId) {
        return Optional.ofNullable(getEntityManager().find(IssuedKey.class, accessKeyId));
    }

    private List<String> keysOf(long requestId, String namedQuery) {
        return getEntityManager().createNamedQuery(namedQuery, String.class).setParameter("request", requestId)
                .getResultList();
    }
}
