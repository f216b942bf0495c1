package com.lightsailaccess.lifetime;

import java.time.Duration;

/** How long before its end a grant's holder is reminded, with Extend and Give back. */
record ExpiryReminder(Duration before) {
}
