package com.lightsailaccess.packaging;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The image's HEALTHCHECK, exactly as src/main/docker/Dockerfile.jvm writes it, run as Docker runs a shell-form
 * health check ({@code /bin/sh -c <command>}) by dash, the /bin/sh of the Ubuntu-based runtime image, against the
 * packaged application.
 */
class HealthCheckIT {

    static final Path DOCKERFILE = Path.of("src/main/docker/Dockerfile.jvm");

    @Test
    void theHealthcheckPassesUnderDashWhenTheBotIsReadyAndFailsWhenItIsNot() throws Exception {
        String command = healthcheckCommand();
        Path dash = dash();
        try (StandInsForChildren standIns = new StandInsForChildren();
                AppProcess app = AppProcess.start(standIns.env(), List.of())) {
            app.awaitReady(Duration.ofSeconds(60));
            assertEquals(0, run(dash, command, app.port()), "healthy: the bot is ready");

            // The database goes away: readiness answers 503, and the check says unhealthy.
            standIns.postgres.close();
            await().atMost(Duration.ofSeconds(20)).until(() -> run(dash, command, app.port()) != 0);
        }
        assertNotEquals(0, run(dash, command, AppProcess.freePort()), "unhealthy: nothing listens");
    }

    /** The text after {@code CMD} of the HEALTHCHECK instruction, with its continuation lines joined. */
    static String healthcheckCommand() throws IOException {
        String joined = Files.readString(DOCKERFILE).replace("\\\n", " ");
        String instruction = joined.lines().filter(l -> l.startsWith("HEALTHCHECK ")).findFirst()
                .orElseThrow(() -> new AssertionError("no HEALTHCHECK in " + DOCKERFILE));
        int cmd = instruction.indexOf(" CMD ");
        assertTrue(cmd > 0, instruction);
        String command = instruction.substring(cmd + " CMD ".length()).trim();
        assertTrue(!command.startsWith("["), "shell form, which Docker runs with /bin/sh -c: " + command);
        return command;
    }

    /**
     * dash, as the image's /bin/sh is. On Debian and Ubuntu /bin/sh is dash; elsewhere a dash binary is looked for.
     * Without dash the test fails rather than pass under another shell that would hide what the image does.
     */
    static Path dash() throws IOException {
        Path sh = Path.of("/bin/sh");
        if (Files.exists(sh) && sh.toRealPath().getFileName().toString().equals("dash")) {
            return sh;
        }
        Optional<Path> found = Stream.of("/usr/bin/dash", "/bin/dash").map(Path::of).filter(Files::isExecutable)
                .findFirst();
        if (found.isEmpty()) {
            fail("dash is needed to run the HEALTHCHECK as the image runs it (/bin/sh there is dash); "
                    + "/bin/sh here is " + sh.toRealPath());
        }
        return found.get();
    }

    /** Runs the command as Docker would, with the container's environment reduced to what the check reads. */
    static int run(Path shell, String command, int port) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(shell.toString(), "-c", command).redirectErrorStream(true);
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        pb.environment().put("QUARKUS_HTTP_PORT", String.valueOf(port));
        Process p = pb.start();
        // Docker gives the check 3 s (--timeout=3s).
        if (!p.waitFor(3, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return -1;
        }
        return p.exitValue();
    }
}
