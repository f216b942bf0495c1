package com.lightsailaccess.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.lightsailaccess.grant.Reveals;
import com.lightsailaccess.model.AccessType;
import com.lightsailaccess.model.Provisioning;
import com.lightsailaccess.request.Filing.RequestChoices;
import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.HermeticConfig;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.spi.ConfigSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tests run on their own settings, whatever {@code .env} or environment the developer has. Surefire starts the
 * test JVM with a hostile environment on purpose ({@code pom.xml}: dry run, both access types, reveal delivery), as a
 * developer's {@code .env} or shell would; every test of the build runs in it.
 */
@QuarkusTest
@BotTest
class HermeticTestsTest {

    @Inject
    RequestChoices choices;

    @Inject
    Provisioning provisioning;

    @Inject
    Reveals reveals;

    @Test
    void theBotUnderTestIgnoresTheDevelopersEnvironment() {
        assertEquals("both", System.getenv("LIGHTSAIL_DEFAULT_ACCESS"), "pom.xml gives the tests a hostile environment");
        assertEquals("true", System.getenv("LIGHTSAIL_DRY_RUN"));
        assertEquals(AccessType.CONSOLE, choices.defaultAccess());
        assertFalse(provisioning.dryRun());
        assertFalse(reveals.chosen());
        Iterable<ConfigSource> sources = ConfigProvider.getConfig().getConfigSources();
        assertTrue(StreamSupport.stream(sources.spliterator(), false).noneMatch(s -> s.getName()
                .startsWith("EnvConfigSource")), "neither the environment nor a .env file is a source");
    }

    @Test
    void aDotEnvInTheWorkingDirectoryIsLeftOut(@TempDir Path project) throws IOException {
        Files.writeString(project.resolve(".env"), "LIGHTSAIL_DRY_RUN=true\nLIGHTSAIL_DEFAULT_ACCESS=both\n"
                + "LIGHTSAIL_CREDENTIAL_DELIVERY=reveal\n");
        String workingDirectory = System.getProperty("user.dir");
        // SmallRye looks for .env in user.dir when the configuration is built.
        System.setProperty("user.dir", project.toString());
        try {
            SmallRyeConfig leaky = new SmallRyeConfigBuilder().addDefaultSources()
                    .withDefaultValue("lightsail.credential-delivery", "dm").build();
            assertEquals("reveal", leaky.getConfigValue("lightsail.credential-delivery").getValue(),
                    "without the customizer the .env would win over the default");
            SmallRyeConfig hermetic = new SmallRyeConfigBuilder().addDefaultSources()
                    .withDefaultValue("lightsail.credential-delivery", "dm").withCustomizers(new HermeticConfig())
                    .build();
            assertEquals("dm", hermetic.getConfigValue("lightsail.credential-delivery").getValue());
            assertEquals(null, hermetic.getConfigValue("lightsail.dry-run").getValue());
        } finally {
            System.setProperty("user.dir", workingDirectory);
        }
    }
}
