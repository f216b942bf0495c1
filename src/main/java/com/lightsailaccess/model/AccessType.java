package com.lightsailaccess.model;

import java.util.Locale;
import java.util.Optional;

/** What the IAM user gets: a console password, an access key, or both. */
public enum AccessType {
    CONSOLE("console", true, false),
    PROGRAMMATIC("programmatic", false, true),
    BOTH("both", true, true);

    private final String word;
    private final boolean console;
    private final boolean programmatic;

    AccessType(String word, boolean console, boolean programmatic) {
        this.word = word;
        this.console = console;
        this.programmatic = programmatic;
    }

    /** The word people type and read: {@code console}, {@code programmatic}, {@code both}. */
    public String word() {
        return word;
    }

    public boolean console() {
        return console;
    }

    public boolean programmatic() {
        return programmatic;
    }

    public String describe() {
        return switch (this) {
            case CONSOLE -> "console (password)";
            case PROGRAMMATIC -> "programmatic (access key)";
            case BOTH -> "console and programmatic";
        };
    }

    public static Optional<AccessType> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String w = text.trim().toLowerCase(Locale.ROOT);
        for (AccessType type : values()) {
            if (type.word.equals(w)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }
}
