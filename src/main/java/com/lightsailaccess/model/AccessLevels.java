package com.lightsailaccess.model;

import java.util.List;
import java.util.Optional;

/**
 * The access levels people may ask for, the first being the default. Without a levels file
 * ({@code LIGHTSAIL_ACCESS_LEVELS} unset) there is one, {@code full}, and nothing names it: every message reads as it
 * did before levels ({@link #named()} is false).
 *
 * @param named whether a levels file configured them (then messages, the audit trail and the CSV name the level)
 * @param settingsGroup {@code LIGHTSAIL_IAM_GROUP}: the group of every grant filed without a levels file
 */
public record AccessLevels(List<AccessLevel> all, boolean named, String settingsGroup) {

    public AccessLevels {
        if (all.isEmpty()) {
            throw new IllegalArgumentException("at least one access level");
        }
        all = List.copyOf(all);
    }

    /**
     * The level of a request filed without a levels file (it names none): the level whose group is
     * {@code LIGHTSAIL_IAM_GROUP}, where such grants were provisioned, or else the default.
     */
    public AccessLevel unnamed() {
        return ofGroup(settingsGroup).orElse(byDefault());
    }

    public AccessLevel byDefault() {
        return all.get(0);
    }

    /** The level a word names, if any. */
    public Optional<AccessLevel> find(String word) {
        return word == null ? Optional.empty() : all.stream().filter(l -> l.named(word)).findFirst();
    }

    /**
     * A request's level: the one it names, or {@link #unnamed()} for one filed without a levels file. A name the
     * configuration no longer has is empty: nothing is provisioned for it, and the caller says why.
     */
    public Optional<AccessLevel> of(String levelName) {
        return levelName == null ? Optional.of(unnamed()) : find(levelName);
    }

    /** The levels {@code slackUserId} may ask for, in the file's order. */
    public List<AccessLevel> askableBy(String slackUserId) {
        return all.stream().filter(l -> l.mayAsk(slackUserId)).toList();
    }

    /** The level of a group, if the group is one of theirs (case-insensitive, as IAM names are). */
    public Optional<AccessLevel> ofGroup(String group) {
        return all.stream().filter(l -> l.group().equalsIgnoreCase(group)).findFirst();
    }
}
