package com.lightsailaccess.credentials;

import java.time.Duration;

/** At most one self-service password reset per person within {@code length} ({@code text}: as configured). */
record ResetCooldown(Duration length, String text) {
}
