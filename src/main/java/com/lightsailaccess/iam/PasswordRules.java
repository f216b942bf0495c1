package com.lightsailaccess.iam;

/** The account's password policy, or IAM's default when the account has none. */
record PasswordRules(int minimumLength, boolean requireUppercase, boolean requireLowercase,
        boolean requireNumbers, boolean requireSymbols) {

    /** IAM's default: 8–128 characters, at least three of upper case, lower case, digits and symbols. */
    public static final PasswordRules IAM_DEFAULT = new PasswordRules(8, false, false, false, false);
}
