package com.lightsailaccess.packaging;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import org.junit.jupiter.api.Test;

/** What the image build does, read from the Dockerfile (no Docker engine is needed to check it). */
class DockerfileTest {

    @Test
    void theImageBuildSkipsCompilingTheTests() throws IOException {
        String build = Files.readString(HealthCheckIT.DOCKERFILE).lines()
                .filter(l -> l.startsWith("RUN ./mvnw") && l.contains(" package")).findFirst()
                .orElseThrow(() -> new AssertionError("no package step in " + HealthCheckIT.DOCKERFILE));
        // -DskipTests would still compile them (and fetch their dependencies) inside the image.
        assertTrue(build.contains("-Dmaven.test.skip=true"), build);
    }
}
