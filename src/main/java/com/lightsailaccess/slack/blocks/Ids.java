package com.lightsailaccess.slack.blocks;

/** Every action id, block id and callback id the bot puts into Slack, in one place. */
public final class Ids {

    public static final String APPROVE = "lightsail_approve";
    public static final String DENY = "lightsail_deny";
    public static final String RETRY = "lightsail_retry";
    public static final String CANCEL = "lightsail_cancel";
    public static final String DELETE_USER = "lightsail_delete_user";
    /** The holder's buttons: in the reminder before a grant's end, and the "still needed?" DM. */
    public static final String EXTEND = "lightsail_extend";
    public static final String GIVE_BACK = "lightsail_give_back";
    public static final String KEEP_ACCESS = "lightsail_keep_access";
    /** Admins' buttons on a reconciliation finding: someone in the group that the bot did not grant. */
    public static final String REMOVE_FROM_GROUP = "lightsail_remove_from_group";
    public static final String KEEP_IN_GROUP = "lightsail_keep_in_group";

    /** Reveal once: the button in the credentials DM, and the modal it opens. */
    public static final String SHOW_CREDENTIALS = "lightsail_show_credentials";
    public static final String REVEAL_MODAL = "lightsail_reveal_modal";

    /** A holder's own credentials: Reset console password (Home tab), and the modal that shows the new one. */
    public static final String RESET_PASSWORD = "lightsail_reset_password";
    public static final String RESET_MODAL = "lightsail_reset_modal";
    /** Access key rotation: Rotate now (Home tab, the age reminder), Retire the old key, Reactivate. */
    public static final String ROTATE_KEY = "lightsail_rotate_key";
    public static final String RETIRE_OLD_KEY = "lightsail_retire_old_key";
    public static final String REACTIVATE_KEY = "lightsail_reactivate_key";
    public static final String ROTATE_MODAL = "lightsail_rotate_modal";

    /** The App Home tab's own buttons: Request (opens the request modal) and, for admins, Revoke on a grant. */
    public static final String REQUEST = "lightsail_request";
    public static final String REVOKE = "lightsail_revoke";

    public static final String REQUEST_MODAL = "lightsail_request_modal";
    public static final String LEVEL_BLOCK = "level";
    public static final String LEVEL_INPUT = "level_input";
    public static final String ACCESS_TYPE_BLOCK = "access_type";
    public static final String ACCESS_TYPE_INPUT = "access_type_input";
    public static final String REASON_BLOCK = "reason";
    public static final String REASON_INPUT = "reason_input";
    public static final String DURATION_BLOCK = "duration";
    public static final String DURATION_INPUT = "duration_input";
    /** The extension form (its private metadata: the grant it extends). */
    public static final String EXTEND_MODAL = "lightsail_extend_modal";

    public static final String ACCESS_COMMAND = "/lightsail-access";
    public static final String REVOKE_COMMAND = "/lightsail-revoke";
    public static final String AUDIT_COMMAND = "/lightsail-audit";

    private Ids() {
    }
}
