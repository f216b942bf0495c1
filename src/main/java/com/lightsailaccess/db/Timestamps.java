package com.lightsailaccess.db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;

/** A {@code timestamptz} column as a native query's row gives it, whichever type the driver chose. */
public final class Timestamps {

    private Timestamps() {
    }

    public static Instant instant(Object value) {
        return switch (value) {
            case null -> null;
            case Instant i -> i;
            case OffsetDateTime o -> o.toInstant();
            default -> ((Timestamp) value).toInstant();
        };
    }
}
