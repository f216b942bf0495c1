package com.lightsailaccess.slack.blocks;

/** Every action id, block id and callback id the bot puts into Slack, in one place. */
public final class Ids {

    public static final String APPROVE = "lightsail_approve";
    public static final String DENY = "lightsail_deny";
    public static final String RETRY = "lightsail_retry";
    public static final String CANCEL = "lightsail_cancel";
    public static final String DELETE_USER = "lightsail_delete_user";

    public static final String REQUEST_MODAL = "lightsail_request_modal";
    public static final String ACCESS_TYPE_BLOCK = "access_type";
    public static final String ACCESS_TYPE_INPUT = "access_type_input";
    public static final String REASON_BLOCK = "reason";
    public static final String REASON_INPUT = "reason_input";

    public static final String ACCESS_COMMAND = "/lightsail-access";
    public static final String REVOKE_COMMAND = "/lightsail-revoke";

    private Ids() {
    }
}
