package com.lightsailaccess.request;

import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.request.Filing.RequestChoices;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What each access level lets people ask for ({@link RequestSettingsCheck}): its access types, durations and defaults.
 * Without a levels file there is one level and its choices are the settings' ({@link RequestChoices}).
 */
public record LevelChoices(AccessLevels levels, Map<String, RequestChoices> byName) {

    public LevelChoices {
        byName = Map.copyOf(byName);
    }

    /** The level's choices. */
    public RequestChoices of(AccessLevel level) {
        return byName.get(level.name());
    }

    /** The choices of a request's level ({@link AccessLevels#of}), if it is still configured. */
    public Optional<RequestChoices> ofRequest(String levelName) {
        return levels.of(levelName).map(this::of);
    }

    /** Whether a levels file named the levels (then people choose one, and messages name it). */
    public boolean named() {
        return levels.named();
    }

    /** The levels {@code slackUserId} may ask for. */
    public List<AccessLevel> askableBy(String slackUserId) {
        return levels.askableBy(slackUserId);
    }
}
