package com.lightsailaccess.revoke;

import java.time.Duration;

/** How long the holder of dormant credentials has to answer "still needed?" before the access is revoked. */
record DormantGrace(Duration length) {
}
