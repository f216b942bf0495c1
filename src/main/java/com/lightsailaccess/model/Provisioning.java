package com.lightsailaccess.model;

/**
 * What the bot provisions and keeps in IAM: the Lightsail group, its two customer managed policies, the path of every
 * user it creates; and whether it only says what it would do ({@code LIGHTSAIL_DRY_RUN}). Read and checked by
 * {@code grant}; revocation, reconciliation and the approval message work on the same group, path and dry run.
 */
public record Provisioning(String group, String policy, String firstSignInPolicy, String path, boolean dryRun) {
}
