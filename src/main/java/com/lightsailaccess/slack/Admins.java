package com.lightsailaccess.slack;

import java.util.Optional;
import java.util.Set;

/** Who may approve, deny and revoke: the listed Slack users, and the members of the user group when one is set. */
record Admins(Set<String> listed, Optional<String> usergroup) {
}
