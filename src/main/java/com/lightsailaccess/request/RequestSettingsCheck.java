package com.lightsailaccess.request;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import com.lightsailaccess.model.AccessLevel;
import com.lightsailaccess.model.AccessLevels;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.request.Filing.RequestChoices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks what a request may ask for at start-up, and gives the beans {@link RequestChoices} (the default level's, as
 * the settings say) and {@link LevelChoices} (each access level's, its own fields before the settings).
 */
@ApplicationScoped
class RequestSettingsCheck implements SettingsCheck {

    private final RequestConfig config;
    /** The levels, once their own check passed; a field, since a check is built from its settings alone. */
    @Inject
    Instance<AccessLevels> levels;

    RequestSettingsCheck(RequestConfig config) {
        this.config = config;
    }

    @Override
    public void check(Problems problems) {
        RequestChoices global = choices(problems);
        if (levels == null) {
            return;
        }
        AccessLevels configured;
        try {
            configured = levels.get();
        } catch (RuntimeException e) {
            // The levels file's own problems are reported by the check that reads it.
            return;
        }
        levelChoices(global, configured, problems);
    }

    @Produces
    @Singleton
    RequestChoices choices() {
        return Problems.valid(this::choices);
    }

    @Produces
    @Singleton
    LevelChoices levelChoices(AccessLevels configured) {
        return Problems.valid(problems -> levelChoices(choices(problems), configured, problems));
    }

    /**
     * Each level's choices: its own durations, or the settings'; its own default duration, else the settings' when
     * the level offers it, else its first; the settings' default access type when the level offers it, else its
     * first.
     */
    private static LevelChoices levelChoices(RequestChoices global, AccessLevels configured, Problems problems) {
        Map<String, RequestChoices> byName = new LinkedHashMap<>();
        problems.at(60);
        for (AccessLevel level : configured.all()) {
            List<GrantDuration> durations = level.durations().isEmpty() ? global.durations() : level.durations();
            Optional<GrantDuration> byDefault = level.defaultDuration().or(() -> Optional.ofNullable(
                    global.defaultDuration()).filter(d -> offers(durations, d)));
            if (level.defaultDuration().isPresent() && !offers(durations, level.defaultDuration().get())) {
                problems.add(level.setting("defaultDuration") + "must be one of LIGHTSAIL_DURATIONS ("
                        + global.choicesText() + "), got '" + level.defaultDuration().get().text() + "'");
            }
            AccessType access = global.defaultAccess() != null && level.accessTypes().contains(global.defaultAccess())
                    ? global.defaultAccess()
                    : Arrays.stream(AccessType.values()).filter(level.accessTypes()::contains).findFirst()
                            .orElse(AccessType.CONSOLE);
            byName.put(level.name(), new RequestChoices(access, durations, byDefault.orElse(durations.isEmpty()
                    ? null : durations.get(0))));
        }
        return new LevelChoices(configured, byName);
    }

    private static boolean offers(List<GrantDuration> durations, GrantDuration d) {
        return durations.stream().anyMatch(c -> c.length().equals(d.length()));
    }

    private RequestChoices choices(Problems problems) {
        AccessType defaultAccess = problems.at(40).check(config.defaultAccess(), raw -> AccessType.parse(raw)
                .orElseThrow(() -> new IllegalArgumentException(
                        "LIGHTSAIL_DEFAULT_ACCESS must be console, programmatic or both (got '" + raw + "')")));
        problems.at(60);
        List<GrantDuration> durations = new ArrayList<>();
        for (String word : config.durations().split(",")) {
            if (word.isBlank()) {
                continue;
            }
            Optional<GrantDuration> d = GrantDuration.parse(word);
            if (d.isEmpty()) {
                problems.add("LIGHTSAIL_DURATIONS: '" + word.trim() + "' is not a duration (<n>s, <n>m, <n>h, <n>d "
                        + "or permanent)");
            } else if (durations.stream().noneMatch(c -> c.length().equals(d.get().length()))) {
                durations.add(d.get());
            }
        }
        if (durations.isEmpty()) {
            problems.add("LIGHTSAIL_DURATIONS must offer at least one duration");
        }
        GrantDuration byDefault = GrantDuration.parse(config.defaultDuration()).orElse(null);
        if (byDefault == null || durations.stream().noneMatch(c -> c.length().equals(byDefault.length()))) {
            problems.add("LIGHTSAIL_DEFAULT_DURATION must be one of LIGHTSAIL_DURATIONS (got '"
                    + config.defaultDuration() + "')");
        }
        return new RequestChoices(defaultAccess, List.copyOf(durations), byDefault);
    }
}
