package com.lightsailaccess.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Slack's request signing, done strictly: HMAC-SHA256 over {@code v0:<timestamp>:<raw body bytes>} (the bytes as
 * received, never re-encoded through the platform charset), compared in constant time, with the timestamp at most
 * five minutes away in either direction. Bolt 1.51's own check accepts future timestamps, compares with
 * {@code String.equals} and hashes {@code String.getBytes()} with the platform charset, so it is replaced by this.
 */
final class SlackSignatureVerifier {

    public static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final byte[] PREFIX = "v0=".getBytes(StandardCharsets.US_ASCII);

    public enum Verdict {
        VALID, MISSING, MALFORMED_TIMESTAMP, STALE, MISMATCH
    }

    private final SecretKeySpec key;
    private final Clock clock;

    public SlackSignatureVerifier(String signingSecret, Clock clock) {
        this.key = new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
        this.clock = clock;
    }

    public Verdict verify(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || timestamp.isBlank() || signature.isBlank()) {
            return Verdict.MISSING;
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return Verdict.MALFORMED_TIMESTAMP;
        }
        long now = clock.instant().getEpochSecond();
        if (Math.abs(now - seconds) > MAX_SKEW.toSeconds()) {
            return Verdict.STALE;
        }
        byte[] expected = sign(timestamp.trim(), body);
        byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, given) ? Verdict.VALID : Verdict.MISMATCH;
    }

    /** {@code v0=<hex>} as ASCII bytes; also used by tests and the benchmark to sign like Slack does. */
    byte[] sign(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.US_ASCII));
            byte[] hex = HexFormat.of().formatHex(mac.doFinal(body)).getBytes(StandardCharsets.US_ASCII);
            byte[] out = new byte[PREFIX.length + hex.length];
            System.arraycopy(PREFIX, 0, out, 0, PREFIX.length);
            System.arraycopy(hex, 0, out, PREFIX.length, hex.length);
            return out;
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "SlackSignatureVerifier[secret=***]";
    }
}
