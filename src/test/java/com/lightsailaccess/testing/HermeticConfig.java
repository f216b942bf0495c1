package com.lightsailaccess.testing;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;
import io.smallrye.config.SysPropConfigSource;

/**
 * Tests run on their own settings only. Quarkus reads the environment and a {@code .env} file in the working
 * directory, which is the project root during a build, where the README tells people to keep their own {@code .env}
 * (and their shell may export {@code LIGHTSAIL_*} too): a developer's {@code LIGHTSAIL_DRY_RUN=true} or
 * {@code LIGHTSAIL_CREDENTIAL_DELIVERY=reveal} would change what the tests test. This customizer, on the tests' class
 * path only ({@code META-INF/services}), builds the configuration from the system properties (where the tests' own
 * resources put theirs) and the properties files, and leaves out the environment and {@code .env}.
 */
public class HermeticConfig implements SmallRyeConfigBuilderCustomizer {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        if (builder.isAddDefaultSources() || builder.isAddSystemSources()) {
            boolean properties = builder.isAddDefaultSources() || builder.isAddPropertiesSources();
            builder.setAddDefaultSources(false);
            builder.setAddSystemSources(false);
            builder.setAddPropertiesSources(properties);
            builder.withSources(new SysPropConfigSource());
        }
    }

    /** After every other customizer, so that none adds the environment back. */
    @Override
    public int priority() {
        return Integer.MAX_VALUE;
    }
}
