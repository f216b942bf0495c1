package com.lightsailaccess.credentials;

import java.time.Duration;
import java.util.Optional;

/**
 * Access keys rotated with an overlap: an active key older than {@code maxAge} gets its holder a reminder (empty:
 * {@code off}); after a rotation the old key stays active for {@code overlap}, then is made inactive, and is deleted
 * {@code overlap} later; past its age and the overlap the admins are told, and with {@code enforce} the key is made
 * inactive. The texts are the settings as written.
 */
record KeyRotation(Optional<Duration> maxAge, String maxAgeText, Duration overlap, String overlapText,
        boolean enforce) {
}
