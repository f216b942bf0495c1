package com.lightsailaccess.decision;

import com.lightsailaccess.model.AccessRequest;
import com.lightsailaccess.slack.blocks.Mrkdwn;

/** The answer to an admin's click that did not decide, and the requester's DM on a denial or a cancel. */
final class DecisionMessages {

    private DecisionMessages() {
    }

    /** What an admin's click is told when it did not decide. Ephemeral. */
    public static String decisionAnswer(Decision decision, String verb) {
        if (decision instanceof Decision.AlreadyDecided d) {
            return ":information_source: Request #" + d.requestId() + " is already " + d.state().word()
                    + (d.decidedBy() == null ? "" : " (decided by " + Mrkdwn.user(d.decidedBy())
                    + (d.decidedAt() == null ? "" : ", " + Mrkdwn.date(d.decidedAt())) + ")")
                    + ". Nothing changed.";
        }
        if (decision instanceof Decision.OwnRequest o) {
            return ":no_entry: You cannot " + verb + " your own request #" + o.requestId()
                    + "; another admin has to. Nothing changed.";
        }
        if (decision instanceof Decision.Counted c) {
            return ":ballot_box_with_check: Your approval of request #" + c.requestId() + " counts: " + c.count()
                    + " of " + c.required() + ". Another admin has to approve too." + (c.noLongerAdmins().isEmpty()
                    ? "" : " The approval of " + String.join(", ", c.noLongerAdmins().stream().map(Mrkdwn::user)
                    .toList()) + " no longer counts: no longer an admin.");
        }
        if (decision instanceof Decision.AlreadyCounted c) {
            return ":information_source: You have already approved request #" + c.requestId() + "; it counts once ("
                    + c.count() + " of " + c.required() + "). Another admin has to approve. Nothing changed.";
        }
        if (decision instanceof Decision.RevocationUnderWay r) {
            return ":lock: A revocation of request #" + r.requestId() + " is under way, so it is not retried. "
                    + "Nothing changed; the person can file a new request later.";
        }
        if (decision instanceof Decision.NotFound n) {
            return ":x: There is no request #" + n.requestId() + ". Nothing changed.";
        }
        if (decision instanceof Decision.Unavailable) {
            return ":warning: Lightsail Access is temporarily unavailable, so nothing changed. Please click again "
                    + "in a minute.";
        }
        return null;
    }

    public static String deniedDm(AccessRequest request) {
        return ":no_entry: Your Lightsail access request #" + request.id() + " was denied by "
                + Mrkdwn.userOr(request.decidedBy(), "an admin")
                + ". Ask them if you want to know why; you can file a new request with `/lightsail-access`.";
    }

    public static String cancelledDm(AccessRequest request, String byWhom) {
        return ":heavy_multiplication_x: Your Lightsail access request #" + request.id() + " was cancelled"
                + (byWhom == null ? "" : " by " + Mrkdwn.user(byWhom)) + ". You can file a new request with "
                + "`/lightsail-access`.";
    }
}
