package com.lightsailaccess.grant;

import java.time.Duration;

/**
 * How credentials reach the requester ({@code LIGHTSAIL_CREDENTIAL_DELIVERY}): in one direct message, or revealed
 * once in a modal ({@code reveal}), where the DM holds a Show credentials button that works for
 * {@code LIGHTSAIL_REVEAL_WITHIN}, and the credentials are created at the click.
 */
record CredentialDelivery(boolean reveal, Duration revealWithin, String revealWithinText) {
}
