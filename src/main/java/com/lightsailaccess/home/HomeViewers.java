package com.lightsailaccess.home;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Instant;
import java.util.List;

/**
 * Who opened the App Home tab, and whether their last publish showed them as an admin: every statement on
 * {@code home_viewer}. The callers hold the transaction.
 */
@ApplicationScoped
class HomeViewers {

    /**
     * Whose Home tab shows a request: every admin's, and its requester's (of those who opened the tab). The filing
     * statement applies the same rule to a request it is filing ({@link #seenBy(String)}).
     */
    private static final String OF_REQUEST =
            from("(select r.requester_id from access_request r where r.id = :request)");

    /** A viewer, and whether their Home tab shows the admins' lists. */
    public record Viewer(String userId, boolean admin) {
    }

    private final EntityManager em;

    HomeViewers(EntityManager em) {
        this.em = em;
    }

    public void opened(String userId, Instant at) {
        em.createNativeQuery("insert into home_viewer (user_id, opened_at) values (:user, :now) "
                + "on conflict (user_id) do update set opened_at = excluded.opened_at")
                .setParameter("user", userId).setParameter("now", at).executeUpdate();
    }

    /** The viewers whose Home tab shows the request. */
    @SuppressWarnings("unchecked")
    public List<String> of(long requestId) {
        return em.createNativeQuery("select h.user_id " + OF_REQUEST + " order by h.user_id")
                .setParameter("request", requestId).getResultList();
    }

    /**
     * The SQL condition "someone's Home tab shows a request of {@code requester}" (an SQL expression): for a
     * statement that files a request and the work that follows from it at once.
     */
    public static String seenBy(String requester) {
        return "exists (select 1 " + from(requester) + ")";
    }

    private static String from(String requester) {
        return "from home_viewer h where h.is_admin or h.user_id = " + requester;
    }

    /** Whether anyone's Home tab shows the request. */
    public boolean anyOf(long requestId) {
        return (Boolean) em.createNativeQuery("select exists (select 1 " + OF_REQUEST + ")")
                .setParameter("request", requestId).getSingleResult();
    }

    @SuppressWarnings("unchecked")
    public List<Viewer> all() {
        List<Object[]> rows = em.createNativeQuery("select user_id, is_admin from home_viewer").getResultList();
        return rows.stream().map(r -> new Viewer((String) r[0], Boolean.TRUE.equals(r[1]))).toList();
    }

    /** What the last publish found: whether the viewer is an admin. */
    public void published(String userId, boolean admin) {
        em.createNativeQuery("update home_viewer set is_admin = :admin where user_id = :user")
                .setParameter("admin", admin).setParameter("user", userId).executeUpdate();
    }
}
