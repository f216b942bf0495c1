package com.lightsailaccess.queue;

import java.util.regex.Pattern;

/**
 * A kind of durable work, declared by the feature that does it, next to its handler, with the record its jobs carry.
 * The queue keeps the name in the job row's {@code kind} column and knows nothing else about the work: there is no
 * list of every kind here, and a feature that asks another one for work uses that feature's type.
 *
 * @param name the job row's {@code kind}, upper case (the names the database already holds)
 * @param payload the record a job of this type carries as JSON; {@link None} for a type whose jobs carry nothing
 */
public record JobType<P extends Record>(String name, Class<P> payload) {

    private static final Pattern NAME = Pattern.compile("[A-Z][A-Z_]*");

    public JobType {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a job type's name is upper case words joined by '_': " + name);
        }
        if (payload == null) {
            throw new IllegalArgumentException("a job type needs its payload's record type (None for none)");
        }
    }

    /** A type whose jobs carry no payload: what they work on is the request and the subject. */
    public static JobType<None> of(String name) {
        return new JobType<>(name, None.class);
    }

    public static <P extends Record> JobType<P> of(String name, Class<P> payload) {
        return new JobType<>(name, payload);
    }

    @Override
    public String toString() {
        return name;
    }

    /** The payload of a type whose jobs carry none: such jobs are queued with {@code null}, as they always were. */
    public record None() {
    }
}
