package com.lightsailaccess.credentials;

import java.time.Duration;

/** With MFA required, how long a console holder may be without an MFA device before they are reminded, once. */
record MfaGrace(Duration length) {
}
