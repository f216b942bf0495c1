package com.lightsailaccess.config;

import io.quarkus.runtime.configuration.ConfigurationException;
import java.util.List;

/**
 * Start-up stops with this when any setting is missing or malformed; the message lists every problem. It is a
 * Quarkus {@link ConfigurationException} because Quarkus prints such an exception's message on its own, without a
 * stack trace, and exits with 1: the person starting the bot sees the list and nothing else.
 */
class InvalidSettingsException extends ConfigurationException {

    private final List<String> problems;

    public InvalidSettingsException(List<String> problems) {
        super(render(problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }

    private static String render(List<String> problems) {
        StringBuilder text = new StringBuilder("Lightsail Access cannot start: ")
                .append(problems.size()).append(problems.size() == 1 ? " setting needs" : " settings need")
                .append(" fixing (see README, \"Settings\"):");
        for (String problem : problems) {
            text.append(System.lineSeparator()).append("  - ").append(problem);
        }
        return text.toString();
    }
}
