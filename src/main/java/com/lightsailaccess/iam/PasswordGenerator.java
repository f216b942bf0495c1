package com.lightsailaccess.iam;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Generates console passwords that satisfy any IAM password policy: at least 20 characters (or the policy's
 * minimum), always with upper case, lower case, digits and symbols from the set IAM accepts, so IAM's default
 * ("three of four classes") and every stricter policy are met.
 */
final class PasswordGenerator {

    static final String UPPER = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    static final String LOWER = "abcdefghijkmnopqrstuvwxyz";
    static final String DIGITS = "23456789";
    /**
     * IAM's allowed symbols, less the quote characters (easy to mistype) and {@code &}, which Slack's mrkdwn would
     * read as the start of an entity in the direct message.
     */
    static final String SYMBOLS = "!@#$%^*()_+-=[]{}|";
    private static final String ALL = UPPER + LOWER + DIGITS + SYMBOLS;
    private static final int DEFAULT_LENGTH = 20;
    private static final int IAM_MAX_LENGTH = 128;

    private final SecureRandom random = new SecureRandom();

    public String generate(PasswordRules rules) {
        int length = Math.min(IAM_MAX_LENGTH, Math.max(DEFAULT_LENGTH, rules.minimumLength()));
        List<Character> chars = new ArrayList<>(length);
        chars.add(pick(UPPER));
        chars.add(pick(LOWER));
        chars.add(pick(DIGITS));
        chars.add(pick(SYMBOLS));
        while (chars.size() < length) {
            chars.add(pick(ALL));
        }
        Collections.shuffle(chars, random);
        StringBuilder out = new StringBuilder(length);
        chars.forEach(out::append);
        return out.toString();
    }

    private char pick(String from) {
        return from.charAt(random.nextInt(from.length()));
    }
}
