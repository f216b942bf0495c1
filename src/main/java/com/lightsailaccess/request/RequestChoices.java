package com.lightsailaccess.request;

import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import java.util.List;
import java.util.Optional;

/**
 * What a request may ask for (README, Settings): the access type when it names none, the durations offered and the
 * one when it names none. An extension offers the same durations.
 */
public record RequestChoices(AccessType defaultAccess, List<GrantDuration> durations, GrantDuration defaultDuration) {

    /** The offered choice that {@code text} names, if any. */
    public Optional<GrantDuration> choice(String text) {
        return GrantDuration.parse(text).flatMap(d -> durations.stream()
                .filter(c -> c.text().equals(d.text()) || c.length().equals(d.length())).findFirst());
    }

    /** The choices as people read them: {@code 1d, 7d, 30d, 90d, permanent}. */
    public String choicesText() {
        return String.join(", ", durations.stream().map(GrantDuration::text).toList());
    }
}
