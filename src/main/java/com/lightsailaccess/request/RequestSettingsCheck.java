package com.lightsailaccess.request;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.GrantDuration;
import com.lightsailaccess.request.Filing.RequestChoices;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Checks what a request may ask for at start-up, and gives the beans {@link RequestChoices}. */
@ApplicationScoped
class RequestSettingsCheck implements SettingsCheck {

    private final RequestConfig config;

    RequestSettingsCheck(RequestConfig config) {
        this.config = config;
    }

    @Override
    public void check(Problems problems) {
        choices(problems);
    }

    @Produces
    @Singleton
    RequestChoices choices() {
        return Problems.valid(this::choices);
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
