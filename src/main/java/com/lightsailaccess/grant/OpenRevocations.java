package com.lightsailaccess.grant;

/**
 * Whether a revocation of a grant is queued or running: a revocation wins over a reveal, so while one is open nothing
 * more is made for the grant. Answered by the feature that revokes, which knows its own jobs (it comes after this
 * one, so this one cannot ask it by name).
 */
public interface OpenRevocations {

    /** Call inside the transaction that holds the grant's lock. */
    boolean revocationOpen(long requestId);
}
