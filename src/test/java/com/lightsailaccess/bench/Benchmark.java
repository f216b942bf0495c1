package com.lightsailaccess.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.lightsailaccess.packaging.AppProcess;
import com.lightsailaccess.packaging.AppProcess.Build;
import com.lightsailaccess.packaging.StandInsForChildren;
import com.lightsailaccess.testing.FakeSlack;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.IamPolicyEvaluator;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.awaitility.core.ConditionTimeoutException;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogarithmicAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code ./mvnw -Pbench verify}: runs the packaged bot as deployed against an embedded PostgreSQL and local stand-ins
 * for Slack and IAM, in {@code bench.runs} rounds (3 unless set). A round empties the schema, times a first start
 * (Flyway migrates it) and {@value #STARTS} restarts against the migrated schema, then drives signed
 * {@code /lightsail-access} commands at fixed arrival rates (an open model: each request leaves on schedule whether or
 * not earlier ones have answered, and its latency counts from that scheduled moment), each rate once, and Approve
 * clicks at 25/s for approve → DM. A do-nothing endpoint on the same server is measured before every rate, and
 * acknowledgements are judged as ratios to it; the bot's peak resident size is read for each rate. The targets are
 * judged on the medians of the rounds.
 *
 * <p>With {@code -Dbench.compare.app} and {@code -Dbench.compare.java}, a second build (the Java 17 one) runs in the
 * same rounds, taking turns with this one, under its own bot policy, and the report puts the two side by side. After the rounds, each build is started once more with native memory tracking to say what its
 * process is made of ({@code -Dbench.only=memory} measures only that, into {@code memory.md}).
 *
 * <p>In the last round, the stand-ins also answer 2 s late for a while, and {@code /lightsail-audit} exports the whole
 * trail once {@value #AUDIT_EVENTS} more events are in it: the time from the command to the CSV shared in the admin's
 * DM, and the bot's peak resident memory meanwhile. {@code -Dbench.only=audit-export} measures only that, on a bot
 * started for it, and puts its target row and section into the last report ({@code docs/benchmarks.md}) in place of
 * the earlier ones, leaving the rest.
 *
 * <p>Writes {@code benchmarks.md} and {@code benchmark-latency.png} to {@code target/benchmark/} (first argument);
 * with {@code -Dbench.publish=true} to {@code docs/} (second argument) instead, the tracked copies.
 */
public final class Benchmark {

    /** Slash commands a second. Issue 13's targets are judged at the first three; 200/s checks that nothing is lost. */
    static final int[] RATES = {25, 50, 100, 200};
    static final int[] TARGET_RATES = {25, 50, 100};
    static final int LOSS_RATE = 200;
    /** Approve clicks a second in the approvals phase (approve → DM). */
    static final int APPROVE_RATE = 25;
    static final int RUNS = Math.max(1, Integer.getInteger("bench.runs", 3));
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
    static final Duration BASELINE_PHASE = Duration.ofSeconds(Integer.getInteger("bench.baseline.seconds", 5));
    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final int SLOW_RATE = 50;
    /** Starts measured against the migrated schema, after the one that migrates it. */
    static final int STARTS = 5;
    static final int SLOW_MILLIS = 2000;
    /** Audit events added to the trail before {@code /lightsail-audit} exports it. */
    static final int AUDIT_EVENTS = 200_000;
    /** What {@code -Dbench.only} may name; empty (the default): everything. */
    static final String AUDIT_EXPORT_ONLY = "audit-export";
    /** {@code -Dbench.only=memory}: only what the process is made of ({@link #memory}), into memory.md. */
    static final String MEMORY_ONLY = "memory";
    static final String ONLY = System.getProperty("bench.only", "");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(16)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    /**
     * Numbers the people who ask across rounds: the Slack stand-in's journal, which the rounds share, tells a grant's
     * DM by the person's ID.
     */
    private static final AtomicInteger userCounter = new AtomicInteger();
    private final StandInsForChildren standIns;
    private final AppProcess app;
    /** "id:requester" of requests filed and posted, waiting for an Approve click. */
    private final ConcurrentLinkedQueue<String> approvable = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> clickSentAt = new ConcurrentHashMap<>();
    private final AtomicLong lastQueued = new AtomicLong();
    private final Set<Long> queuedIds = ConcurrentHashMap.newKeySet();
    /** How often the job queue had not drained within its time: the next run then began with a backlog. */
    private final AtomicInteger drainTimeouts = new AtomicInteger();
    /** The bot's peak resident size over its life so far, in kB (its VmHWM is reset for each rate). */
    private final AtomicLong lifePeakKb = new AtomicLong();

    record Stats(int rate, long sent, long errors, long over3s, double p50, double p90, double p99, double max) {
    }

    /**
     * One rate's run; {@code peakRssKb} is the bot's peak resident size (VmHWM, reset as the rate begins) until its
     * work has drained, -1 when it could not be reset.
     */
    record Phase(Stats acks, Stats baseline, long commandsFiled, long stored, long posted, Cpu cpu, long peakRssKb) {
    }

    /**
     * Processor time spent per command over a run (its commands and the jobs they queued, until the queue drained),
     * in milliseconds: by the bot's process, by PostgreSQL's processes, and by this one (the load and the stand-ins).
     * All three share this machine's processors.
     */
    record Cpu(double bot, double postgres, double benchmark) {
    }

    /**
     * Approve clicks at {@link #APPROVE_RATE}: for each grant, click → its credentials DM, and the time the IAM
     * stand-in itself spent answering that grant's calls (WireMock's own serve time, summed over the calls that name
     * the user); "overhead" is the first minus the second, per grant.
     */
    record Approvals(Stats acks, long clicks, long dms, long withoutIamCalls, double dmP50, double dmP99,
            double iamP50, double iamCallsP50, double overheadP50) {
        /** The target: approve → DM p50 within 300 ms of the IAM stand-in's own time (p50 of each). */
        double beyondIam() {
            return dmP50 - iamP50;
        }

        /**
         * Every request of the phase was a click, answered, and gave its DM, and IAM calls were found for every
         * grant (an IAM time of 0 ms then means calls under a millisecond, not calls that were not attributed).
         */
        boolean complete() {
            return clicks == acks.sent() && acks.errors() == 0 && dms == clicks && withoutIamCalls == 0
                    && !Double.isNaN(dmP50);
        }
    }

    /**
     * {@code /lightsail-audit} without a filter, once {@link #AUDIT_EVENTS} more events are in the trail: how many
     * events the answer counted, the CSV that reached the admin's DM (no rows when none did), milliseconds from
     * sending the command to its answer, to the export's {@code files.getUploadURLExternal} (the CSV is written by
     * then) and to its {@code files.completeUploadExternal} at the Slack stand-in (NaN when it never came), the job's
     * attempts and outcome, and the bot's resident memory when the command was sent and at its peak until the file
     * was shared ({@code peakFromKernel}: VmHWM, reset just before the command; otherwise VmRSS sampled every
     * 100 ms), and the machine's load average before and after.
     */
    record AuditExportRun(String when, long events, long rows, long csvBytes, double ackMillis, double writtenMillis,
            double sharedMillis, int attempts, String outcome, boolean outOfMemory, long rssBeforeKb, long peakRssKb,
            boolean peakFromKernel, String loadBefore, String loadAfter) {
        boolean met() {
            return events >= AUDIT_EVENTS && rows == events && "done".equals(outcome) && attempts == 1
                    && !outOfMemory;
        }
    }

    /** What each request of a load is. */
    enum Mix { COMMANDS, CLICKS }

    Benchmark(StandInsForChildren standIns, AppProcess app) {
        this.standIns = standIns;
        this.app = app;
    }

    /** The machine's load average when the run began: other work on a shared machine shows in the figures. */
    static String loadAtStart = "unknown";

    public static void main(String[] args) throws Exception {
        loadAtStart = loadAverage();
        boolean publish = Boolean.getBoolean("bench.publish");
        Path docs = Path.of(publish ? (args.length > 1 ? args[1] : "docs") : (args.length > 0 ? args[0]
                : "target/benchmark"));
        Files.createDirectories(docs);
        try (StandInsForChildren standIns = new StandInsForChildren()) {
            // No e-mail in users.info: each person's IAM user is named after their Slack id, so all are distinct.
            standIns.slack.stubFor(post(urlPathEqualTo("/api/users.info")).willReturn(okJson(
                    "{\"ok\":true,\"user\":{\"id\":\"U0\",\"team_id\":\"" + SlackApiResource.TEAM + "\"}}")));
            Map<String, String> env = standIns.env();
            env.put("LIGHTSAIL_BENCHMARK_BASELINE", "true");
            // The benchmark measures the bot. Slack allows about one post a second per channel, and the bot paces
            // its approval-channel posts to that; left on, both would make every figure that one number. The
            // stand-in's limits and the bot's pacing are switched off here (the report says so).
            SlackApiResource.fake().rateLimits(false);
            SlackApiResource.fake().drawing(false);
            env.put("LIGHTSAIL_SLACK_POST_BURST", "100000");
            env.put("LIGHTSAIL_SLACK_POST_INTERVAL", "PT0.001S");
            env.put("LIGHTSAIL_ADMINS", SlackApiResource.ADMIN);
            // As deployed: the JVM options the build wrote (README, Dockerfile), from the project's folder.
            Path here = Path.of("").toAbsolutePath();
            if (ONLY.equals(AUDIT_EXPORT_ONLY)) {
                try (AppProcess app = AppProcess.startAsDeployed(env, List.of(), here)) {
                    app.awaitReady(Duration.ofSeconds(60));
                    new Benchmark(standIns, app).auditExportOnly(docs, Path.of(args.length > 1 ? args[1] : "docs"));
                }
                if (!publish) {
                    System.out.println("docs/ is unchanged; -Dbench.publish=true writes the report there instead");
                }
                System.exit(0);
            } else if (ONLY.equals(MEMORY_ONLY)) {
                List<Measured> builds = new ArrayList<>(List.of(new Measured(Build.THIS, RATES)));
                for (Build compared : comparedBuild().stream().toList()) {
                    builds.add(new Measured(compared, RATES));
                }
                for (Measured m : builds) {
                    m.memory = memory(standIns, env, here, m);
                }
                Files.writeString(docs.resolve("memory.md"), memorySection(builds));
                System.out.println("wrote " + docs.resolve("memory.md"));
                System.exit(0);
            } else if (!ONLY.isEmpty()) {
                throw new IllegalArgumentException("-Dbench.only=" + ONLY + ": only " + AUDIT_EXPORT_ONLY + " or "
                        + MEMORY_ONLY + " can be measured alone; leave it out for the whole benchmark");
            }
            Measured main = new Measured(Build.THIS, RATES);
            List<Measured> builds = new ArrayList<>(List.of(main));
            for (Build compared : comparedBuild().stream().toList()) {
                builds.add(new Measured(compared, RATES));
            }
            // Rounds: each is a whole benchmark of every build, from an empty schema; the builds take turns going
            // first, so that neither always meets the machine as the other left it.
            for (int round = 1; round <= RUNS; round++) {
                List<Measured> order = new ArrayList<>(builds);
                if (round % 2 == 0) {
                    Collections.reverse(order);
                }
                for (Measured m : order) {
                    System.out.println("round " + round + ": " + m.build.label());
                    round(standIns, env, here, m, m == main && round == RUNS);
                }
            }
            for (Measured m : builds) {
                m.memory = memory(standIns, env, here, m);
            }
            Files.writeString(docs.resolve("benchmarks.md"), report(main, builds.subList(1, builds.size())));
            chart(main.phases, docs.resolve("benchmark-latency.png"));
            System.out.println("wrote " + docs.resolve("benchmarks.md"));
        }
        if (!publish) {
            System.out.println("docs/ is unchanged; -Dbench.publish=true writes the report there instead");
        }
        System.exit(0);
    }

    /**
     * The build compared with this one, if any: {@code -Dbench.compare.app=<its quarkus-app folder>} and
     * {@code -Dbench.compare.java=<the java launcher it runs on>} (docs/benchmarks.md says how the Java 17 build is
     * made).
     */
    static Optional<Build> comparedBuild() throws IOException {
        String app = System.getProperty("bench.compare.app", "");
        if (app.isBlank()) {
            return Optional.empty();
        }
        String launcher = System.getProperty("bench.compare.java", "");
        Path java = Path.of(launcher.isBlank() ? "-" : launcher).toAbsolutePath();
        Path folder = Path.of(app).toAbsolutePath().normalize();
        if (!Files.isRegularFile(folder.resolve("jvm.args")) || !Files.isRegularFile(java)
                || !Files.isExecutable(java)) {
            throw new IllegalArgumentException("-Dbench.compare.app must name a packaged quarkus-app folder with its "
                    + "jvm.args, and -Dbench.compare.java its java launcher: " + folder + ", " + java);
        }
        return Optional.of(new Build(javaVersion(java) + ", " + System.getProperty("bench.compare.label",
                "the build compared"), java, folder));
    }

    /**
     * The bot policy shipped with a compared build, which the IAM stand-in enforces while it runs:
     * {@code -Dbench.compare.policy}, or {@code deploy/bot-iam-policy.json} of the project that built it (two folders
     * above its {@code quarkus-app}).
     */
    static Path comparedPolicy(Build build) {
        String given = System.getProperty("bench.compare.policy", "");
        return given.isBlank() ? build.app().getParent().getParent().resolve(IamPolicyEvaluator.BOT_POLICY)
                : Path.of(given);
    }

    /** "Java 17.0.15" from the {@code release} file of the JDK that {@code java} belongs to. */
    static String javaVersion(Path java) throws IOException {
        Path release = java.toRealPath().getParent().getParent().resolve("release");
        return Files.readAllLines(release).stream().filter(l -> l.startsWith("JAVA_VERSION="))
                .map(l -> "Java " + l.substring(l.indexOf('=') + 1).replace("\"", "")).findFirst()
                .orElse("Java (unknown version)");
    }

    /** What one build gave over the rounds. */
    static final class Measured {
        final Build build;
        final int[] rates;
        /** The bot policy the IAM stand-in enforces while this build runs: the one shipped with it. */
        final IamPolicyEvaluator policy;
        final List<Phase> phases = new ArrayList<>();
        final List<Approvals> approvals = new ArrayList<>();
        /** Start to ready against an empty schema (Flyway migrates it), one a round. */
        final List<Double> firstStarts = new ArrayList<>();
        /** Start to ready against the migrated schema, {@link #STARTS} a round. */
        final List<List<Double>> restarts = new ArrayList<>();
        /**
         * Peak resident size (VmHWM) of each round's bot from its start through the warm-up, the rates and the
         * approvals (the last round's slow run and audit export come after, and have their own figures).
         */
        final List<Long> peakRssKb = new ArrayList<>();
        final AtomicInteger peakThreads = new AtomicInteger();
        String quarkusStart = "";
        /** How often the job queue had not drained within its time in this build's rounds. */
        int drainTimeouts;
        Phase slow;
        AuditExportRun export;
        List<Memory> memory = List.of();

        Measured(Build build, int[] rates) throws IOException {
            this.build = build;
            this.rates = rates;
            this.policy = build.equals(Build.THIS) ? IamPolicyEvaluator.botPolicy()
                    : IamPolicyEvaluator.parse(Files.readString(comparedPolicy(build)));
        }

        /** The median of the rounds' median restarts. */
        double restart() {
            return median(restarts.stream().map(Benchmark::median).toList());
        }

        /** The median over the rounds of the peak RSS while {@code rate} ran, in kB. */
        double peakRssKbAt(int rate) {
            return median(at(phases, rate).stream().filter(p -> p.peakRssKb() >= 0)
                    .map(p -> (double) p.peakRssKb()).toList());
        }
    }

    /**
     * One round of {@code m}'s build: an empty schema, a first start that migrates it, {@link #STARTS} restarts
     * against it (each once the last one has exited and PostgreSQL has let go of its connections), then the load on
     * the last one; with {@code extras}, also the slow stand-ins and the audit export.
     */
    static void round(StandInsForChildren standIns, Map<String, String> env, Path here, Measured m, boolean extras)
            throws Exception {
        emptyAccountAndSchema(standIns, m);
        long startedAt = System.nanoTime();
        try (AppProcess first = AppProcess.startAsDeployed(m.build, env, List.of(), here)) {
            first.awaitReady(Duration.ofSeconds(90));
            m.firstStarts.add((System.nanoTime() - startedAt) / 1e6);
        }
        // Start-up varies by a few hundred milliseconds from one start to the next on this machine: it is judged on
        // the median of several starts.
        List<Double> starts = new ArrayList<>();
        for (int i = 0; i < STARTS; i++) {
            awaitNoConnections(standIns);
            startedAt = System.nanoTime();
            AppProcess app = AppProcess.startAsDeployed(m.build, env, List.of(), here);
            try {
                app.awaitReady(Duration.ofSeconds(60));
                starts.add((System.nanoTime() - startedAt) / 1e6);
                if (i == STARTS - 1) {
                    m.restarts.add(starts);
                    System.out.println(m.build.label() + ": first start " + Math.round(m.firstStarts.getLast())
                            + " ms; restarts to ready, ms: " + starts);
                    Benchmark b = new Benchmark(standIns, app);
                    b.run(m, extras);
                    m.drainTimeouts += b.drainTimeouts.get();
                }
            } finally {
                app.close();
            }
        }
    }

    /**
     * As a new deployment finds them: an empty schema (once the last bot's connections are gone), and an IAM account
     * without the users, group and policies of earlier rounds (a bot reconciles at start, and would report what the
     * last round left as findings), judged by {@code m}'s own bot policy.
     */
    static void emptyAccountAndSchema(StandInsForChildren standIns, Measured m) {
        awaitNoConnections(standIns);
        standIns.update("drop schema public cascade");
        standIns.update("create schema public");
        standIns.iam.reset();
        standIns.iam.setBotPolicy(m.policy);
    }

    /**
     * What the bot's process is made of after some load, as native memory tracking counts it: each category's
     * committed size, in kB, in the JVM's order; the resident size split as the kernel counts it (anonymous: heap,
     * stacks, metaspace, code, malloc; file: the jars, the JDK's libraries and the mapped cache or archive), the
     * threads, and the heap in use before and after a full collection.
     */
    record Memory(String variant, Map<String, Long> committedKb, long totalCommittedKb, long rssKb, long anonKb,
            long fileKb, int threads, long heapUsedKb, long liveHeapKb) {
    }

    /** Native memory tracking's summary lines: "- Java Heap (reserved=65536KB, committed=65536KB)". */
    static final Pattern NMT_CATEGORY = Pattern.compile("^-\\s+(.+?) \\(reserved=(\\d+)KB, committed=(\\d+)KB");
    static final Pattern NMT_TOTAL = Pattern.compile("^Total: reserved=(\\d+)KB, committed=(\\d+)KB");
    /** Serial's generations in GC.heap_info: "DefNew total 19648K, used 10240K [" (Java 17: "def new generation"). */
    static final Pattern HEAP_USED = Pattern.compile("\\btotal \\d+K, used (\\d+)K");

    /** A way of running a build for {@link #memory}: JVM options after its jvm.args, and environment variables. */
    record Variant(List<String> options, Map<String, String> env) {
        String label() {
            List<String> parts = new ArrayList<>();
            env.forEach((k, v) -> parts.add(k + "=" + v));
            parts.addAll(options);
            return String.join(" ", parts);
        }
    }

    /**
     * How this build's memory is measured besides as deployed: compact object headers (a product option in Java 25),
     * a smaller heap ceiling, and glibc's malloc held to two arenas (an environment variable, not a JVM option).
     */
    static final List<Variant> MEMORY_VARIANTS = List.of(new Variant(List.of(), Map.of()),
            new Variant(List.of("-XX:+UseCompactObjectHeaders"), Map.of()),
            new Variant(List.of("-Xmx48m"), Map.of()),
            new Variant(List.of(), Map.of("MALLOC_ARENA_MAX", "2")));

    /**
     * {@code measured}'s build started once more with native memory tracking (on an empty schema, so that each build
     * migrates its own), warmed up as a round is, then 100 commands/s for 10 s and drained: what its memory is made
     * of. For this build, also each of the other {@link #MEMORY_VARIANTS}.
     */
    static List<Memory> memory(StandInsForChildren standIns, Map<String, String> env, Path here, Measured measured)
            throws Exception {
        Build build = measured.build;
        List<Variant> variants = build.equals(Build.THIS) ? MEMORY_VARIANTS : MEMORY_VARIANTS.subList(0, 1);
        List<Memory> found = new ArrayList<>();
        for (Variant variant : variants) {
            emptyAccountAndSchema(standIns, measured);
            List<String> options = new ArrayList<>(List.of("-XX:NativeMemoryTracking=summary"));
            options.addAll(variant.options());
            Map<String, String> withVariant = new HashMap<>(env);
            withVariant.putAll(variant.env());
            try (AppProcess app = AppProcess.startAsDeployed(build, withVariant, options, here)) {
                app.awaitReady(Duration.ofSeconds(90));
                Benchmark b = new Benchmark(standIns, app);
                b.drive(25, WARM_UP, Mix.COMMANDS);
                b.drain(Duration.ofSeconds(60));
                b.drive(25, WARM_UP, Mix.CLICKS);
                b.drain(Duration.ofSeconds(60));
                b.drive(100, Duration.ofSeconds(10), Mix.COMMANDS);
                b.drain(Duration.ofSeconds(120));
                Path jcmd = build.java().resolveSibling("jcmd");
                Map<String, Long> committed = new LinkedHashMap<>();
                long total = -1;
                for (String line : jcmd(jcmd, app.pid(), "VM.native_memory", "summary")) {
                    Matcher c = NMT_CATEGORY.matcher(line.trim());
                    Matcher t = NMT_TOTAL.matcher(line.trim());
                    if (c.find()) {
                        committed.put(c.group(1), Long.parseLong(c.group(3)));
                    } else if (t.find()) {
                        total = Long.parseLong(t.group(2));
                    }
                }
                long used = heapUsedKb(jcmd(jcmd, app.pid(), "GC.heap_info"));
                jcmd(jcmd, app.pid(), "GC.run");
                long live = heapUsedKb(jcmd(jcmd, app.pid(), "GC.heap_info"));
                Memory m = new Memory(variant.label(), committed, total, statusKb(app.pid(), "VmRSS:"),
                        statusKb(app.pid(), "RssAnon:"), statusKb(app.pid(), "RssFile:"),
                        (int) statusKb(app.pid(), "Threads:"), used, live);
                System.out.println(build.label() + " " + m.variant() + ": RSS " + m.rssKb() / 1024 + " MB, NMT "
                        + committed);
                found.add(m);
            }
        }
        return found;
    }

    /** {@code jcmd <pid> command…}'s output lines; it fails loudly, as the figures would be missing. */
    static List<String> jcmd(Path jcmd, long pid, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(pid)));
        line.addAll(List.of(command));
        Process p = new ProcessBuilder(line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", line) + " failed: " + out);
        }
        return out.lines().toList();
    }

    static long heapUsedKb(List<String> heapInfo) {
        long used = 0;
        for (String line : heapInfo) {
            Matcher m = HEAP_USED.matcher(line);
            if (m.find()) {
                used += Long.parseLong(m.group(1));
            }
        }
        return used;
    }

    static void awaitNoConnections(StandInsForChildren standIns) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> standIns.count(
                "select count(*) from pg_stat_activity where application_name like 'lightsail-access%'") == 0);
    }

    void run(Measured m, boolean extras) throws Exception {
        // Readiness can answer before Quarkus has written its "started in" line: wait for the line itself.
        m.quarkusStart = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> app.output().lines().filter(l -> l.contains("started in")).findFirst(),
                        Optional::isPresent).orElseThrow();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(() -> sampleThreads(m.peakThreads), 0, 500, TimeUnit.MILLISECONDS);

        System.out.println("warm-up: " + WARM_UP.toSeconds() + " s of commands, then of clicks, at 25/s");
        drive(25, WARM_UP, Mix.COMMANDS);
        drain(Duration.ofSeconds(60));
        drive(25, WARM_UP, Mix.CLICKS);
        drain(Duration.ofSeconds(60));

        for (int rate : m.rates) {
            Stats baseline = baseline(rate, BASELINE_PHASE);
            Phase phase = measure(rate, PHASE, baseline, true);
            m.phases.add(phase);
            System.out.printf(Locale.ROOT, "%d commands/s: ack p50 %.1f p99 %.1f ms (baseline p50 %.1f p99 %.1f), "
                    + "stored %d/%d, posted %d, errors %d, peak RSS %d MB; CPU ms per command: bot %.2f, PostgreSQL "
                    + "%.2f, load and stand-ins %.2f%n", rate, phase.acks().p50(), phase.acks().p99(),
                    baseline.p50(), baseline.p99(), phase.stored(), phase.commandsFiled(), phase.posted(),
                    phase.acks().errors(), phase.peakRssKb() / 1024, phase.cpu().bot(), phase.cpu().postgres(),
                    phase.cpu().benchmark());
        }
        Approvals a = approvals(APPROVE_RATE, PHASE);
        m.approvals.add(a);
        System.out.printf(Locale.ROOT, "%d Approve clicks/s: approve → DM p50 %.1f ms, IAM stand-in p50 %.1f ms, "
                + "%d DMs, errors %d%n", APPROVE_RATE, a.dmP50(), a.iamP50(), a.dms(), a.acks().errors());
        m.peakRssKb.add(lifePeakKb.accumulateAndGet(peakRssKb(app.pid()), Math::max));
        if (extras) {
            // Slack's Web API and IAM answering 2 s late: the acknowledgements must not notice.
            standIns.slack.setGlobalFixedDelay(SLOW_MILLIS);
            standIns.iam.setGlobalDelay(SLOW_MILLIS);
            Stats slowBaseline = baseline(SLOW_RATE, BASELINE_PHASE);
            m.slow = measure(SLOW_RATE, PHASE, slowBaseline, false);
            standIns.slack.setGlobalFixedDelay(0);
            standIns.iam.setGlobalDelay(0);
            System.out.printf(Locale.ROOT, "slow stand-ins, %d/s: ack p99 %.1f ms%n", SLOW_RATE,
                    m.slow.acks().p99());
            m.export = auditExport("in the last round, after its load, once the job queue had drained");
        }
        poller.shutdownNow();
    }

    // ---- load -------------------------------------------------------------------------------------------------

    /** Requests that were filed and posted, waiting for an Approve click. */
    void collectApprovable() {
        try {
            // Approval messages are posted out of id order. Each poll reads past a mark below which every pending
            // request has been queued, so it does not read the same first 500 again; the mark stops below the
            // first request whose message is not posted yet, and the set keeps a request from being queued twice.
            Object unposted = standIns.single("select min(id) from access_request where state = 'pending' "
                    + "and approval_ts is null");
            long firstUnposted = unposted == null ? Long.MAX_VALUE : ((Number) unposted).longValue();
            for (Object row : standIns.rows("select id || ':' || requester_id from access_request "
                    + "where state = 'pending' and approval_ts is not null and id > ? order by id limit 500",
                    lastQueued.get())) {
                String value = (String) row;
                long id = Long.parseLong(value.substring(0, value.indexOf(':')));
                if (queuedIds.add(id)) {
                    approvable.add(value);
                }
                if (id < firstUnposted) {
                    lastQueued.accumulateAndGet(id, Math::max);
                }
            }
        } catch (RuntimeException e) {
            // the next poll tries again
        }
    }

    Phase measure(int rate, Duration length, Stats baseline, boolean waitForWork) throws Exception {
        long storedBefore = standIns.count("select count(*) from access_request");
        long postedBefore = approvalPosts();
        long[] cpuBefore = cpuTicks();
        // The high-water mark is reset for each rate; the round's peak is kept from the readings before each reset.
        lifePeakKb.accumulateAndGet(peakRssKb(app.pid()), Math::max);
        boolean peakReset = resetPeakRss(app.pid());
        Load load = drive(rate, length, Mix.COMMANDS);
        if (waitForWork) {
            drain(Duration.ofSeconds(240));
        }
        long[] cpuAfter = cpuTicks();
        long stored = standIns.count("select count(*) from access_request") - storedBefore;
        long posted = approvalPosts() - postedBefore;
        long sent = Math.max(1, load.sent.get());
        double msPerTick = 1000.0 / CLOCK_TICKS;
        Cpu cpu = new Cpu((cpuAfter[0] - cpuBefore[0]) * msPerTick / sent,
                (cpuAfter[1] - cpuBefore[1]) * msPerTick / sent, (cpuAfter[2] - cpuBefore[2]) * msPerTick / sent);
        return new Phase(stats(rate, load), baseline, load.filed.get(), stored, posted, cpu,
                peakReset ? peakRssKb(app.pid()) : -1);
    }

    /** Approve clicks at {@code rate} on requests filed earlier; each grant's DM against its IAM stand-in time. */
    Approvals approvals(int rate, Duration length) throws Exception {
        long dmsBefore = dms().size();
        long since = System.currentTimeMillis();
        clickSentAt.clear();
        Load load = drive(rate, length, Mix.CLICKS);
        drain(Duration.ofSeconds(240));
        Map<String, Double> iamMillis = new HashMap<>();
        Map<String, Integer> iamCalls = new HashMap<>();
        for (ServeEvent call : standIns.iamServer.getAllServeEvents()) {
            Integer took = call.getTiming() == null ? null : call.getTiming().getTotalTime();
            if (took != null && call.getRequest().getLoggedDate().getTime() >= since) {
                formField(call.getRequest().getBodyAsString(), "UserName").ifPresent(user -> {
                    iamMillis.merge(user, (double) took, Double::sum);
                    iamCalls.merge(user, 1, Integer::sum);
                });
            }
        }
        List<Double> dmLatencies = new ArrayList<>();
        List<Double> iamTimes = new ArrayList<>();
        List<Double> overheads = new ArrayList<>();
        List<Double> callCounts = new ArrayList<>();
        long withoutIamCalls = 0;
        List<LoggedRequest> dms = dms();
        for (LoggedRequest dm : dms.subList((int) Math.min(dmsBefore, dms.size()), dms.size())) {
            Optional<String> user = formField(dm.getBodyAsString(), "channel");
            Long sent = user.map(clickSentAt::get).orElse(null);
            if (sent != null) {
                double latency = dm.getLoggedDate().getTime() - sent;
                double iam = iamMillis.getOrDefault(user.get(), 0.0);
                int calls = iamCalls.getOrDefault(user.get(), 0);
                if (calls == 0) {
                    withoutIamCalls++;
                }
                callCounts.add((double) calls);
                dmLatencies.add(latency);
                iamTimes.add(iam);
                overheads.add(latency - iam);
            }
        }
        Collections.sort(dmLatencies);
        Collections.sort(iamTimes);
        Collections.sort(overheads);
        Collections.sort(callCounts);
        return new Approvals(stats(rate, load), load.clicks, dmLatencies.size(), withoutIamCalls,
                percentile(dmLatencies, 50), percentile(dmLatencies, 99), percentile(iamTimes, 50),
                percentile(callCounts, 50), percentile(overheads, 50));
    }

    /** A field of a form-encoded body, decoded. */
    static Optional<String> formField(String body, String name) {
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return Optional.of(URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return Optional.empty();
    }

    static final class Load {
        final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong filed = new AtomicLong();
        /** Approve clicks among the requests sent (in a click phase, the rest were commands: none was waiting). */
        long clicks;
    }

    /**
     * Sends at {@code rate} per second for {@code length}: commands from new people, or Approve clicks on requests
     * filed earlier (a command when none is waiting).
     */
    Load drive(int rate, Duration length, Mix mix) throws InterruptedException {
        Load load = new Load();
        long total = rate * length.toSeconds();
        // Every body is made before the clock starts: making a click means finding its approval message among
        // thousands in the Slack stand-in, the load generator's own work, which must not count as the bot's latency.
        // The requests to click are looked up here, before the clock starts, and not all along: the look-up's
        // queries run in the bot's database, and while the bot is being measured they would take its processors.
        if (mix == Mix.CLICKS) {
            try {
                await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                    collectApprovable();
                    return approvable.size() >= total;
                });
            } catch (ConditionTimeoutException e) {
                System.out.println("only " + approvable.size() + " requests wait for approval; the rest are commands");
            }
        }
        List<Prepared> requests = new ArrayList<>();
        for (long i = 0; i < total; i++) {
            requests.add(prepare(mix == Mix.CLICKS));
        }
        load.clicks = requests.stream().filter(r -> !r.command()).count();
        long periodNanos = 1_000_000_000L / rate;
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime() + 50_000_000L;
        for (int i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            Prepared request = requests.get(i);
            scheduler.schedule(() -> fire(load, due, request, done), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(length.toSeconds() + 60, TimeUnit.SECONDS);
        return load;
    }

    /** A signed request's body, made ahead of its send time; {@code person} is the requester. */
    record Prepared(String body, boolean command, String person) {
    }

    /** An Approve click on a request waiting for one, or (none waiting, or not a click) a command. */
    Prepared prepare(boolean click) {
        String waiting = click ? approvable.poll() : null;
        if (waiting != null) {
            long id = Long.parseLong(waiting.substring(0, waiting.indexOf(':')));
            return new Prepared(Flow.click(SlackApiResource.ADMIN, "lightsail_approve", id), false,
                    waiting.substring(waiting.indexOf(':') + 1));
        }
        String person = String.format("UB%07d", userCounter.incrementAndGet());
        return new Prepared(Slack.command("/lightsail-access", person, "console benchmark"), true, person);
    }

    void fire(Load load, long due, Prepared prepared, CountDownLatch done) {
        long ts = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.base() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(ts))
                .header("X-Slack-Signature", Slack.signature(ts, prepared.body()))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(prepared.body(), StandardCharsets.UTF_8)).build();
        if (!prepared.command()) {
            // From the scheduled moment, as every acknowledgement is: a late scheduler does not shorten it.
            clickSentAt.put(prepared.person(), System.currentTimeMillis() - (System.nanoTime() - due) / 1_000_000);
        }
        load.sent.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            load.latencies.add((System.nanoTime() - due) / 1e6);
            if (error != null || response.statusCode() != 200) {
                load.errors.incrementAndGet();
            } else if (prepared.command() && response.body().contains("is filed")) {
                load.filed.incrementAndGet();
            }
            done.countDown();
        });
    }

    Stats baseline(int rate, Duration length) throws InterruptedException {
        Load load = new Load();
        long total = rate * length.toSeconds();
        long periodNanos = 1_000_000_000L / rate;
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime() + 50_000_000L;
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.base() + "/bench/baseline"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        for (long i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            scheduler.schedule(() -> {
                load.sent.incrementAndGet();
                http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
                    load.latencies.add((System.nanoTime() - due) / 1e6);
                    if (error != null || response.statusCode() != 200) {
                        load.errors.incrementAndGet();
                    }
                    done.countDown();
                });
            }, due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(length.toSeconds() + 60, TimeUnit.SECONDS);
        return stats(rate, load);
    }

    /**
     * Waits until every filed request has its approval message and every approval has been provisioned: no job is
     * due. Timers (each grant's end and reminder, days ahead) and the next reconciliation wait in the queue for their
     * time, and are not work left over.
     */
    void drain(Duration atMost) {
        try {
            await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                    .until(() -> standIns.count("select count(*) from job where finished_at is null "
                            + "and run_after <= now()") == 0);
        } catch (ConditionTimeoutException e) {
            drainTimeouts.incrementAndGet();
            System.out.println("drain: jobs still open after " + atMost.toSeconds() + " s");
        }
    }

    long approvalPosts() {
        return standIns.slack.countRequestsMatching(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=" + SlackApiResource.APPROVAL_CHANNEL)).build()).getCount();
    }

    List<LoggedRequest> dms() {
        return standIns.slack.findAll(postRequestedFor(urlPathEqualTo("/api/chat.postMessage"))
                .withRequestBody(containing("channel=UB")));
    }

    // ---- the audit export -------------------------------------------------------------------------------------

    /**
     * {@code -Dbench.only=audit-export}: the audit export alone, on a bot started for it; writes the last report
     * ({@code benchmarks.md} in {@code projectDocs}) with the export's target row and section in place of the earlier
     * ones into {@code out}.
     */
    void auditExportOnly(Path out, Path projectDocs) throws Exception {
        AuditExportRun export = auditExport("on " + LocalDate.now() + " by `./mvnw -Pbench verify -Dbench.only="
                + AUDIT_EXPORT_ONLY + "`, on a bot started for it, with no commands before (the rest of this page is "
                + "from the run above)");
        String report = withAuditExport(Files.readString(projectDocs.resolve("benchmarks.md")), export);
        Files.writeString(out.resolve("benchmarks.md"), report);
        System.out.println("wrote " + out.resolve("benchmarks.md"));
    }

    /**
     * Adds {@link #AUDIT_EVENTS} events to the trail, then sends {@code /lightsail-audit} without a filter as an
     * admin and waits for the CSV in the admin's DM (or for the bot to run out of memory, or ten minutes).
     */
    AuditExportRun auditExport(String when) throws Exception {
        drain(Duration.ofSeconds(240));
        standIns.addAuditEvents(AUDIT_EVENTS);
        int sharedBefore = SlackApiResource.fake().sharedFiles().size();
        long rssBeforeKb = statusKb(app.pid(), "VmRSS:");
        boolean peakFromKernel = resetPeakRss(app.pid());
        AtomicLong sampledPeakKb = new AtomicLong(rssBeforeKb);
        var sampler = scheduler.scheduleAtFixedRate(() -> {
            try {
                sampledPeakKb.accumulateAndGet(statusKb(app.pid(), "VmRSS:"), Math::max);
            } catch (IOException | RuntimeException e) {
                // the next sample tries again
            }
        }, 0, 100, TimeUnit.MILLISECONDS);
        System.out.println("audit export: " + AUDIT_EVENTS + " events added, /lightsail-audit sent");
        String loadBefore = loadAverage();
        long sentAt = System.currentTimeMillis();
        HttpResponse<String> answer = app.send(Slack.command("/lightsail-audit", SlackApiResource.ADMIN, ""));
        double ackMillis = System.currentTimeMillis() - sentAt;
        Matcher counted = Pattern.compile("\\*Audit trail\\*: (\\d+) events").matcher(answer.body());
        long events = answer.statusCode() == 200 && counted.find() ? Long.parseLong(counted.group(1)) : -1;
        // The log is read every two seconds at most: the bot and this process share the machine's processors.
        AtomicLong logReadAt = new AtomicLong();
        AtomicInteger outOfMemory = new AtomicInteger();
        FakeSlack.SharedFile file = null;
        try {
            List<FakeSlack.SharedFile> shared = await().atMost(Duration.ofMinutes(10))
                    .pollInterval(Duration.ofMillis(50)).until(() -> {
                        if (System.currentTimeMillis() - logReadAt.get() > 2000) {
                            logReadAt.set(System.currentTimeMillis());
                            outOfMemory.set(app.output().contains("OutOfMemoryError") ? 1 : 0);
                        }
                        return SlackApiResource.fake().sharedFiles();
                    }, files -> files.size() > sharedBefore || outOfMemory.get() == 1);
            if (shared.size() > sharedBefore) {
                file = shared.get(shared.size() - 1);
            }
        } catch (ConditionTimeoutException e) {
            System.out.println("audit export: no file shared within 10 minutes");
        }
        long peakRssKb = peakFromKernel ? statusKb(app.pid(), "VmHWM:") : sampledPeakKb.get();
        sampler.cancel(false);
        double writtenMillis = lastCallSince(sentAt, "/api/files.getUploadURLExternal");
        double sharedMillis = file == null ? Double.NaN
                : lastCallSince(sentAt, "/api/files.completeUploadExternal");
        long rows = 0;
        if (file != null) {
            try (Reader text = new InputStreamReader(new ByteArrayInputStream(file.content()),
                    StandardCharsets.UTF_8)) {
                if (text.read() != '\uFEFF') {
                    throw new IllegalStateException("the CSV has no byte order mark");
                }
                for (CSVRecord ignored : CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                        .parse(text)) {
                    rows++;
                }
            }
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> standIns.count(
                    "select count(*) from job where kind = 'EXPORT_AUDIT' and finished_at is null") == 0);
        }
        long attempts = standIns.count("select coalesce(max(attempts), 0) from job where kind = 'EXPORT_AUDIT'");
        Object outcome = standIns.single("select outcome from job where kind = 'EXPORT_AUDIT' order by id desc");
        AuditExportRun run = new AuditExportRun(when, events, rows, file == null ? 0 : file.content().length,
                ackMillis, writtenMillis, sharedMillis, (int) attempts, outcome == null ? "not finished"
                        : outcome.toString(), app.output().contains("OutOfMemoryError"), rssBeforeKb, peakRssKb,
                peakFromKernel, loadBefore, loadAverage());
        System.out.printf(Locale.ROOT, "audit export: %d events counted, %d CSV rows (%d bytes), ack %.0f ms, CSV "
                + "written %.0f ms, shared %.0f ms after the command; %d attempts (%s)%s; RSS %d MB before, peak %d "
                + "MB%n", run.events(), run.rows(), run.csvBytes(), run.ackMillis(), run.writtenMillis(),
                run.sharedMillis(), run.attempts(), run.outcome(), run.outOfMemory() ? ", OutOfMemoryError" : "",
                run.rssBeforeKb() / 1024, run.peakRssKb() / 1024);
        return run;
    }

    /** Milliseconds from {@code sentAt} to the latest call of {@code path} that reached the Slack stand-in. */
    double lastCallSince(long sentAt, String path) {
        return standIns.slack.findAll(postRequestedFor(urlPathEqualTo(path))).stream()
                .mapToLong(r -> r.getLoggedDate().getTime()).max().stream().mapToDouble(t -> t - sentAt)
                .findFirst().orElse(Double.NaN);
    }

    /** Sets the process's peak resident size (VmHWM) to its size now (Linux: 5 into clear_refs); false if refused. */
    static boolean resetPeakRss(long pid) {
        try {
            Files.writeString(Path.of("/proc/" + pid + "/clear_refs"), "5");
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The heap ceiling of the packaged bot, from its jvm.args ({@code -Xmx64m}: "64 MB"). */
    static String heapCeiling() throws IOException {
        return Files.readAllLines(AppProcess.jvmArgs()).stream().filter(l -> l.startsWith("-Xmx"))
                .map(l -> l.substring(4).toUpperCase(Locale.ROOT).replaceAll("([0-9]+)([KMG])$", "$1 $2B"))
                .findFirst().orElse("no");
    }

    static String auditExportTarget() throws IOException {
        return String.format(Locale.ROOT, "audit export of %,d events under the %s heap ceiling", AUDIT_EVENTS,
                heapCeiling());
    }

    static String auditExportResult(AuditExportRun e) {
        String figures = String.format(Locale.ROOT, "%,d rows; %s from the command to the file in the DM; peak "
                + "RSS %d MB", e.rows(), seconds(e.sharedMillis()), e.peakRssKb() / 1024);
        String trouble = e.outOfMemory() ? "; **OutOfMemoryError**"
                : e.attempts() == 1 && "done".equals(e.outcome()) ? ""
                : "; " + e.attempts() + " attempts, " + e.outcome();
        return verdict(e.met(), figures + trouble);
    }

    static String seconds(double millis) {
        return Double.isNaN(millis) ? "–" : String.format(Locale.ROOT, "%.1f s", millis / 1000);
    }

    static String auditExportSection(AuditExportRun e) throws IOException {
        return "## Audit export\n\n"
                + String.format(Locale.ROOT, "`/lightsail-audit` without a filter, signed as an admin, once %,d "
                        + "audit events had been added to the trail in one statement (`insert … select … from "
                        + "generate_series`: requests, decisions and the bot's steps, with reasons that hold quotes "
                        + "and commas), on the bot as deployed (heap ceiling %s). Measured %s. The export reads the "
                        + "trail through a database cursor into a temporary file and uploads the file: the times are "
                        + "from sending the command to its answer, to the export's `files.getUploadURLExternal` "
                        + "(the CSV is written by then), and to its `files.completeUploadExternal` (the file is in "
                        + "the admin's DM), as the Slack stand-in logged them. Peak RSS is the bot's %s. Load "
                        + "average (1, 5, 15 min) when the command was sent: %s; when the file was in the DM: %s.%n%n",
                        AUDIT_EVENTS, heapCeiling(), e.when(), e.peakFromKernel()
                                ? "high-water mark (VmHWM), reset through `/proc/<pid>/clear_refs` just before the "
                                + "command" : "resident size sampled every 100 ms (the high-water mark could not be "
                                + "reset)", e.loadBefore(), e.loadAfter())
                + "| events exported | CSV rows | CSV size | answer | CSV written | file in the DM | attempts "
                + "| RSS before | peak RSS |\n|---|---|---|---|---|---|---|---|---|\n"
                + String.format(Locale.ROOT, "| %,d | %,d | %.1f MB | %.0f ms | %s | %s | %d (%s)%s | %d MB "
                        + "| %d MB |%n%n",
                        e.events(), e.rows(), e.csvBytes() / 1024.0 / 1024.0, e.ackMillis(),
                        seconds(e.writtenMillis()), seconds(e.sharedMillis()), e.attempts(), e.outcome(),
                        e.outOfMemory() ? ", **OutOfMemoryError**" : "", e.rssBeforeKb() / 1024,
                        e.peakRssKb() / 1024);
    }

    /**
     * {@code doc}, a report, with the audit export's target row and section in place of the ones it has (or added:
     * the row at the end of the targets, the section before "Start-up and memory").
     */
    static String withAuditExport(String doc, AuditExportRun export) throws IOException {
        List<String> lines = new ArrayList<>(doc.lines().toList());
        String row = "| " + auditExportTarget() + " | " + auditExportResult(export) + " |";
        int existing = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("| audit export of ")) {
                existing = i;
            }
        }
        if (existing >= 0) {
            lines.set(existing, row);
        } else {
            int end = lines.indexOf("## Targets") + 1;
            while (end < lines.size() && !lines.get(end).startsWith("|")) {
                end++;
            }
            while (end < lines.size() && lines.get(end).startsWith("|")) {
                end++;
            }
            lines.add(end, row);
        }
        String text = String.join("\n", lines) + "\n";
        String section = auditExportSection(export);
        int start = text.indexOf("\n## Audit export\n");
        if (start >= 0) {
            int next = text.indexOf("\n## ", start + 1);
            return text.substring(0, start + 1) + section + (next < 0 ? "" : text.substring(next + 1));
        }
        int before = text.indexOf("\n## Start-up and memory\n");
        return before < 0 ? text + "\n" + section : text.substring(0, before + 1) + section
                + text.substring(before + 1);
    }

    // ---- numbers ----------------------------------------------------------------------------------------------

    static Stats stats(int rate, Load load) {
        List<Double> sorted = new ArrayList<>(load.latencies);
        Collections.sort(sorted);
        long over = sorted.stream().filter(v -> v > 3000).count();
        return new Stats(rate, load.sent.get(), load.errors.get() + (load.sent.get() - sorted.size()), over,
                percentile(sorted, 50), percentile(sorted, 90), percentile(sorted, 99),
                sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() - 1));
    }

    /** The runs at one rate, in the order they ran. */
    static List<Phase> at(List<Phase> phases, int rate) {
        return phases.stream().filter(p -> p.acks().rate() == rate).toList();
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().filter(v -> !Double.isNaN(v)).sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    static double median(List<Phase> runs, java.util.function.ToDoubleFunction<Phase> figure) {
        return median(runs.stream().map(figure::applyAsDouble).toList());
    }

    static double percentile(List<Double> sorted, double p) {
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Keeps in {@code peakThreads} the most threads the bot's process had at once: each one holds a stack. */
    void sampleThreads(AtomicInteger peakThreads) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + app.pid() + "/status"))) {
                if (line.startsWith("Threads:")) {
                    peakThreads.accumulateAndGet(Integer.parseInt(line.replaceAll("[^0-9]", "")), Math::max);
                }
            }
        } catch (IOException | RuntimeException e) {
            // the next sample tries again
        }
    }

    /** Linux's USER_HZ, the unit of /proc/[pid]/stat's times. */
    static final int CLOCK_TICKS = 100;

    /**
     * Processor time so far (user and system, in clock ticks) of the bot, of PostgreSQL's processes (with their
     * exited children: a backend that closed counts in its postmaster), and of this process.
     */
    long[] cpuTicks() {
        long postgres = 0;
        try (var all = Files.list(Path.of("/proc"))) {
            for (Path dir : all.filter(d -> d.getFileName().toString().matches("[0-9]+")).toList()) {
                String[] stat = procStat(dir);
                if (stat != null && stat[1].equals("(postgres)")) {
                    postgres += ticks(stat, true);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new long[] {ticks(procStat(Path.of("/proc/" + app.pid())), false), postgres,
                ticks(procStat(Path.of("/proc/self")), false)};
    }

    /** The fields of /proc/[pid]/stat (the name in parentheses as one); null when the process has gone. */
    static String[] procStat(Path dir) {
        try {
            String line = Files.readString(dir.resolve("stat"));
            int close = line.lastIndexOf(')');
            String name = line.substring(line.indexOf('('), close + 1).replace(' ', '_');
            String[] rest = line.substring(close + 2).trim().split(" ");
            String[] fields = new String[rest.length + 2];
            fields[0] = line.substring(0, line.indexOf(' '));
            fields[1] = name;
            System.arraycopy(rest, 0, fields, 2, rest.length);
            return fields;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** utime + stime (fields 14 and 15), with cutime + cstime (16 and 17) when {@code children}. */
    static long ticks(String[] stat, boolean children) {
        if (stat == null) {
            return 0;
        }
        long t = Long.parseLong(stat[13]) + Long.parseLong(stat[14]);
        return children ? t + Long.parseLong(stat[15]) + Long.parseLong(stat[16]) : t;
    }

    static long peakRssKb(long pid) throws IOException {
        return statusKb(pid, "VmHWM:");
    }

    /** A size in /proc/[pid]/status, in kB: {@code VmHWM:} (the peak resident size), {@code VmRSS:} (now). */
    static long statusKb(long pid, String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " for process " + pid);
    }

    // ---- the report -------------------------------------------------------------------------------------------

    static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String ratio(double v, double base) {
        return Double.isNaN(v) || Double.isNaN(base) || base <= 0 ? "–" : String.format(Locale.ROOT, "%.1f×", v / base);
    }

    static String report(Measured main, List<Measured> compared) throws IOException, InterruptedException {
        List<Phase> phases = main.phases;
        List<Approvals> approvals = main.approvals;
        Phase slow = main.slow;
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Measured by `./mvnw -Pbench verify` (the `bench` profile runs `com.lightsailaccess.bench.Benchmark` ")
                .append("after packaging; the normal test run does not). Latest run: ").append(LocalDate.now())
                .append(".\n\n");
        md.append("## Targets\n\n").append(targets(main)).append('\n');
        if (!compared.isEmpty()) {
            md.append(sideBySide(main, compared));
        }
        md.append("## Machine\n\n").append(machine()).append('\n');
        md.append("## Method\n\n")
                .append("- The packaged jar, run as deployed (`java @target/quarkus-app/jvm.args -jar ")
                .append("target/quarkus-app/quarkus-run.jar`; the build wrote `").append(String.join(" ",
                        Files.readAllLines(AppProcess.jvmArgs()))).append("`) against an embedded PostgreSQL ")
                .append("and local stand-ins for Slack's Web API and IAM (WireMock; IAM speaks the Query protocol), ")
                .append("all on this machine, in one run of the benchmark: start-up, memory and every table below. ")
                .append("The stand-in's Slack rate limits and the bot's own pacing of the ")
                .append("approval channel (`LIGHTSAIL_SLACK_POST_BURST`, `LIGHTSAIL_SLACK_POST_INTERVAL`) are switched ")
                .append("off, so the figures measure the bot; against real Slack, approval messages go out at about one ")
                .append("a second per channel and wait in the job queue. The Slack stand-in still checks every ")
                .append("payload as Slack does, but does not draw it with the README's pictures renderer, as it does ")
                .append("in the tests.\n")
                .append("- ").append(RUNS).append(" rounds, each a whole benchmark of each build: the database's ")
                .append("schema emptied, a first start that migrates it, ").append(STARTS).append(" restarts against ")
                .append("the migrated schema (each once the last one had exited and PostgreSQL had let go of its ")
                .append("connections), then the load on the last one: a ").append(WARM_UP.toSeconds())
                .append(" s warm-up of commands and clicks, every rate once, the approvals. The builds take turns ")
                .append("going first. The targets are judged on the median of the rounds.\n")
                .append("- Open model: at each rate, requests leave on a fixed schedule whether or not earlier ones ")
                .append("have answered; latency counts from the scheduled send time. A rate is signed ")
                .append("`/lightsail-access console …` commands a second, each from a new person; each is stored ")
                .append("(committed) before its answer, and each then gets its approval message from the job queue.\n")
                .append("- Each rate runs ").append(PHASE.toSeconds()).append(" s a round. ")
                .append("Before each, the same rate is sent for ").append(BASELINE_PHASE.toSeconds())
                .append(" s to `GET /bench/baseline`, an endpoint on the same server that only answers 200 ")
                .append("(enabled by `LIGHTSAIL_BENCHMARK_BASELINE=true`). Ratios are figure ÷ baseline at that rate, ")
                .append("run by run. Peak RSS at a rate is the bot's high-water mark (VmHWM, reset through ")
                .append("`/proc/<pid>/clear_refs` as the rate begins) until its work has drained.\n")
                .append("- \"Stored\" counts new rows in `access_request`; \"posted\" counts approval messages that ")
                .append("reached the Slack stand-in once all jobs had drained.\n")
                .append("- Approvals: ").append(APPROVE_RATE).append(" signed Approve clicks a second for ")
                .append(PHASE.toSeconds()).append(" s on requests filed earlier. \"Approve → DM\" runs from sending ")
                .append("the click to the credentials DM reaching the Slack stand-in; \"IAM stand-in\" is the time ")
                .append("the IAM stand-in itself spent answering that grant's calls (WireMock's serve time of each ")
                .append("call that names the user, summed).\n\n");

        md.append("## Acknowledgements: median of ").append(RUNS).append(" runs\n\n")
                .append("| commands/s | p50 ms | p99 ms | baseline p50 ms | baseline p99 ms | p50 ratio | p99 ratio ")
                .append("| p99 ms of each run |\n|---|---|---|---|---|---|---|---|\n");
        for (int rate : RATES) {
            List<Phase> runs = at(phases, rate);
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s | %s |%n", rate,
                    fmt(median(runs, p -> p.acks().p50())), fmt(median(runs, p -> p.acks().p99())),
                    fmt(median(runs, p -> p.baseline().p50())), fmt(median(runs, p -> p.baseline().p99())),
                    times(p50Ratio(runs)), times(p99Ratio(runs)),
                    String.join(", ", runs.stream().map(p -> fmt(p.acks().p99())).toList())));
        }
        md.append("\n![ack latency versus rate](benchmark-latency.png)\n\n");

        md.append("### Every run\n\n")
                .append("| commands/s | run | sent | errors | > 3 s | p50 ms | p90 ms | p99 ms | max ms | baseline p50 ")
                .append("| baseline p99 | p50 ratio | p99 ratio |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        rowPerRun(md, phases, (run, p) -> String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %s | %s | %s | %s "
                + "| %s | %s | %s | %s |%n", p.acks().rate(), run, p.acks().sent(), p.acks().errors(),
                p.acks().over3s(), fmt(p.acks().p50()), fmt(p.acks().p90()), fmt(p.acks().p99()),
                fmt(p.acks().max()), fmt(p.baseline().p50()), fmt(p.baseline().p99()),
                ratio(p.acks().p50(), p.baseline().p50()), ratio(p.acks().p99(), p.baseline().p99())));
        md.append('\n');

        md.append("### Processor time per command\n\n")
                .append("Over each run, from its first command until the job queue drained, divided by the commands ")
                .append("sent: the bot (its answer and its jobs), PostgreSQL, and the benchmark's own process (the ")
                .append("load, the WireMock stand-ins, and its look at the queue every 200 ms until it drained, on ")
                .append("one connection). The three share this machine's ")
                .append(Runtime.getRuntime().availableProcessors()).append(" processors: at r commands/s, x ms per ")
                .append("command keeps r·x/1000 of them busy.\n\n")
                .append("| commands/s | run | bot ms | PostgreSQL ms | benchmark ms |\n|---|---|---|---|---|\n");
        rowPerRun(md, phases, (run, p) -> String.format(Locale.ROOT, "| %d | %d | %.2f | %.2f | %.2f |%n",
                p.acks().rate(), run, p.cpu().bot(), p.cpu().postgres(), p.cpu().benchmark()));
        md.append('\n');

        md.append("## Nothing lost\n\n| commands/s | run | commands answered \"filed\" | requests stored "
                + "| approval messages posted |\n|---|---|---|---|---|\n");
        rowPerRun(md, phases, (run, p) -> String.format(Locale.ROOT, "| %d | %d | %d | %d | %d |%n",
                p.acks().rate(), run, p.commandsFiled(), p.stored(), p.posted()));

        md.append(main.drainTimeouts == 0 ? "\nAfter every run, the job queue drained (no job due) within its time.\n"
                : "\n**The job queue had not drained " + main.drainTimeouts + " times**: the run after each began "
                        + "with a backlog.\n");
        md.append("\n## Approve → DM at ").append(APPROVE_RATE).append(" clicks/s\n\n")
                .append("| run | clicks | errors | DMs | click p50 ms | click p99 ms | approve → DM p50 ms ")
                .append("| approve → DM p99 ms | IAM calls per grant, p50 | IAM stand-in p50 ms | DM p50 − IAM p50 ")
                .append("| per-grant overhead p50 ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < approvals.size(); i++) {
            Approvals a = approvals.get(i);
            md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s | %s |%n",
                    i + 1, a.clicks(), a.acks().errors(), a.dms(), fmt(a.acks().p50()), fmt(a.acks().p99()),
                    fmt(a.dmP50()), fmt(a.dmP99()), fmt(a.iamCallsP50()), fmt(a.iamP50()), fmt(a.beyondIam()),
                    fmt(a.overheadP50())));
        }
        md.append("\nThe IAM stand-in's serve time is counted in whole milliseconds; its calls take less than one, ")
                .append("so it sums to 0 when every call of a grant was found (the calls column).\n");

        // The slow run is compared with the median run at the same rate.
        Stats normal50 = medianRun(at(phases, SLOW_RATE));
        md.append("\n## Slow Slack and IAM\n\nThe stand-ins for Slack's Web API and IAM answer every call ")
                .append(SLOW_MILLIS).append(" ms late, at ").append(SLOW_RATE).append(" commands/s:\n\n")
                .append("| | p50 ms | p90 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| normal stand-ins (median run) | %s | %s | %s | %s | %d |%n",
                        fmt(normal50.p50()),
                        fmt(normal50.p90()), fmt(normal50.p99()), fmt(normal50.max()), normal50.errors()))
                .append(String.format(Locale.ROOT, "| 2 s late | %s | %s | %s | %s | %d |%n", fmt(slow.acks().p50()),
                        fmt(slow.acks().p90()), fmt(slow.acks().p99()), fmt(slow.acks().max()), slow.acks().errors()))
                .append("\nSlow p99 ÷ normal p99: ").append(ratio(slow.acks().p99(), normal50.p99()))
                .append(". Baseline p99 during the slow run: ").append(fmt(slow.baseline().p99()))
                .append(" ms, so slow p99 ÷ its baseline: ").append(ratio(slow.acks().p99(), slow.baseline().p99()))
                .append(". (The slow run's follow-up work, posting at 2 s a call, is not drained.)\n\n");

        md.append(auditExportSection(main.export));
        md.append("## Start-up and memory\n\n");
        for (Measured m : concat(main, compared)) {
            md.append("### ").append(m.build.label()).append("\n\n")
                    .append("Run as `java @jvm.args -jar quarkus-run.jar` with `")
                    .append(String.join(" ", Files.readAllLines(m.build.jvmArgs()))).append("`.\n\n")
                    .append("| round | first start (migrates) ms | restarts to ready ms | median | peak RSS at ")
                    .append("100/s | peak RSS through the load |\n|---|---|---|---|---|---|\n");
            for (int r = 0; r < m.restarts.size(); r++) {
                List<Phase> at100 = at(m.phases, 100);
                md.append(String.format(Locale.ROOT, "| %d | %.0f | %s | %.0f | %s | %d MB |%n", r + 1,
                        m.firstStarts.get(r), String.join(", ", m.restarts.get(r).stream()
                                .map(v -> String.format(Locale.ROOT, "%.0f", v)).toList()),
                        median(m.restarts.get(r)), r < at100.size() ? mb(at100.get(r).peakRssKb()) : "–",
                        m.peakRssKb.get(r) / 1024));
            }
            md.append("\n- Quarkus's own line, last start: `").append(m.quarkusStart.replaceAll("^.*\\(main\\) ", ""))
                    .append("`\n- The most threads at once (sampled twice a second): ").append(m.peakThreads.get())
                    .append(".\n\n");
        }
        md.append(memorySection(concat(main, compared)));
        try (var findings = Benchmark.class.getResourceAsStream(FINDINGS)) {
            md.append('\n').append(new String(findings.readAllBytes(), StandardCharsets.UTF_8));
        }
        return md.toString();
    }

    /**
     * Where the time and the memory go, and why a target is out of reach on this machine: measured by hand and
     * written down, kept beside this class and copied into every report.
     */
    static final String FINDINGS = "/bench/findings.md";

    static double p50Ratio(List<Phase> runs) {
        return median(runs.stream().map(p -> p.acks().p50() / p.baseline().p50()).toList());
    }

    static double p99Ratio(List<Phase> runs) {
        return median(runs.stream().map(p -> p.acks().p99() / p.baseline().p99()).toList());
    }

    static Stats medianRun(List<Phase> runs) {
        return runs.stream().sorted(java.util.Comparator.comparingDouble(p -> p.acks().p99())).toList()
                .get(runs.size() / 2).acks();
    }

    /** A row for every run, rate by rate and in the order they ran; {@code row} gets the run's number. */
    static void rowPerRun(StringBuilder md, List<Phase> phases, BiFunction<Integer, Phase, String> row) {
        for (int rate : RATES) {
            List<Phase> runs = at(phases, rate);
            for (int i = 0; i < runs.size(); i++) {
                md.append(row.apply(i + 1, runs.get(i)));
            }
        }
    }

    static String times(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f×", v);
    }

    /**
     * The targets of issue 23 (start-up, memory, acknowledgements at 100/s, nothing lost at 200/s) and those of earlier
     * issues that still hold, judged on the median of the rounds.
     */
    static String targets(Measured main) throws IOException {
        List<Phase> phases = main.phases;
        List<Approvals> approvals = main.approvals;
        Map<String, String> rows = new LinkedHashMap<>();
        rows.put("restart to ready ≤ 1.0 s", verdict(main.restart() <= 1000, String.format(Locale.ROOT,
                "%.0f ms, the median of %d rounds' medians of %d restarts; first start (migrating an empty schema) "
                        + "%.0f ms", main.restart(), main.restarts.size(), STARTS, median(main.firstStarts))));
        double rss100 = main.peakRssKbAt(100);
        rows.put("peak RSS ≤ 200 MB through the 100/s load", verdict(rss100 > 0 && rss100 <= 200 * 1024,
                mb(rss100) + ", the median of " + at(phases, 100).size() + " rounds; through a round's whole load "
                        + mb(median(main.peakRssKb.stream().map(Long::doubleValue).toList()))));
        for (int rate : TARGET_RATES) {
            List<Phase> runs = at(phases, rate);
            double p50 = p50Ratio(runs);
            double p99 = p99Ratio(runs);
            boolean whole = runs.stream().allMatch(Benchmark::nothingLost);
            rows.put("at " + rate + " commands/s: ack p50 ≤ 2× and p99 ≤ 3× the baseline, nothing lost",
                    verdict(p50 <= 2 && p99 <= 3 && whole, "p50 " + times(p50) + ", p99 " + times(p99)
                            + (whole ? ", every command stored and posted" : ", **requests lost or failed**")));
        }
        double beyond = median(approvals.stream().map(Approvals::beyondIam).toList());
        boolean complete = !approvals.isEmpty() && approvals.stream().allMatch(Approvals::complete);
        rows.put("approve → DM p50 within 300 ms of the IAM stand-in's own time at " + APPROVE_RATE + "/s",
                verdict(beyond <= 300 && complete, fmt(median(approvals.stream().map(Approvals::dmP50).toList()))
                        + " ms against " + fmt(median(approvals.stream().map(Approvals::iamP50).toList()))
                        + " ms: " + fmt(beyond) + " ms beyond, the median of " + approvals.size() + " rounds"
                        + (complete ? "; every click answered and DMed" : "; **clicks lost, unanswered or not "
                                + "attributed to IAM calls**")));
        List<Phase> atLoss = at(phases, LOSS_RATE);
        rows.put("nothing lost at " + LOSS_RATE + " commands/s", verdict(atLoss.stream()
                .allMatch(Benchmark::nothingLost), String.join("; ", atLoss.stream()
                .map(p -> p.commandsFiled() + " answered filed, " + p.stored() + " stored, " + p.posted()
                        + " posted, " + p.acks().errors() + " errors").toList())));
        Stats normal50 = medianRun(at(phases, SLOW_RATE));
        rows.put("slow stand-ins: ack p99 within 1.2× of normal", verdict(main.slow.acks().p99()
                <= 1.2 * normal50.p99(), ratio(main.slow.acks().p99(), normal50.p99())));
        rows.put(auditExportTarget(), auditExportResult(main.export));
        StringBuilder md = new StringBuilder("| target | result |\n|---|---|\n");
        rows.forEach((target, result) -> md.append("| ").append(target).append(" | ").append(result).append(" |\n"));
        return md.toString();
    }

    /** The builds compared, figure by figure, in this run: each figure the median of the rounds. */
    static String sideBySide(Measured main, List<Measured> compared) {
        List<Measured> all = concat(main, compared);
        StringBuilder md = new StringBuilder("## ").append(String.join(" against ", all.stream()
                .map(m -> m.build.label()).toList())).append("\n\n")
                .append("The same benchmark, in the same run, on the same machine, round by round (the medians of ")
                .append(RUNS).append(" rounds). The last column is the first build's figure ÷ the other's.\n\n| |");
        all.forEach(m -> md.append(' ').append(m.build.label()).append(" |"));
        md.append(" ratio |\n|---|").append("---|".repeat(all.size() + 1)).append('\n');
        Map<String, java.util.function.ToDoubleFunction<Measured>> figures = new LinkedHashMap<>();
        figures.put("first start, migrating an empty schema (ms)", m -> median(m.firstStarts));
        figures.put("restart to ready (ms)", Measured::restart);
        figures.put("peak RSS at 100 commands/s (MB)", m -> m.peakRssKbAt(100) / 1024);
        figures.put("peak RSS through a round's load (MB)",
                m -> median(m.peakRssKb.stream().map(v -> v / 1024.0).toList()));
        figures.put("ack p50 at 100/s (ms)", m -> median(at(m.phases, 100), p -> p.acks().p50()));
        figures.put("ack p99 at 100/s (ms)", m -> median(at(m.phases, 100), p -> p.acks().p99()));
        figures.put("ack p50 ÷ do-nothing endpoint at 100/s", m -> p50Ratio(at(m.phases, 100)));
        figures.put("ack p99 ÷ do-nothing endpoint at 100/s", m -> p99Ratio(at(m.phases, 100)));
        figures.put("ack p99 at 200/s (ms)", m -> median(at(m.phases, 200), p -> p.acks().p99()));
        figures.put("bot processor ms per command at 100/s", m -> median(at(m.phases, 100), p -> p.cpu().bot()));
        figures.put("approve → DM p50 at 25 clicks/s (ms)",
                m -> median(m.approvals.stream().map(Approvals::dmP50).toList()));
        figures.forEach((name, figure) -> {
            md.append("| ").append(name).append(" |");
            all.forEach(m -> md.append(' ').append(fmt(figure.applyAsDouble(m))).append(" |"));
            md.append(' ').append(ratio(figure.applyAsDouble(main), figure.applyAsDouble(all.get(all.size() - 1))))
                    .append(" |\n");
        });
        Map<String, java.util.function.Predicate<Measured>> checks = new LinkedHashMap<>();
        checks.put("nothing lost at " + LOSS_RATE + "/s", m -> at(m.phases, LOSS_RATE).stream()
                .allMatch(Benchmark::nothingLost));
        checks.put("every approval answered and DMed", m -> !m.approvals.isEmpty()
                && m.approvals.stream().allMatch(Approvals::complete));
        checks.put("the job queue drained after every run", m -> m.drainTimeouts == 0);
        checks.forEach((name, check) -> {
            md.append("| ").append(name).append(" |");
            all.forEach(m -> md.append(' ').append(check.test(m) ? "yes" : "**no**").append(" |"));
            md.append(" |\n");
        });
        md.append('\n');
        for (Measured m : compared) {
            md.append("Every run of ").append(m.build.label()).append(":\n\n")
                    .append("| commands/s | round | sent | errors | p50 ms | p99 ms | baseline p50 | baseline p99 ")
                    .append("| stored | posted | peak RSS |\n|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (int rate : m.rates) {
                List<Phase> runs = at(m.phases, rate);
                for (int i = 0; i < runs.size(); i++) {
                    Phase p = runs.get(i);
                    md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %s | %s | %s | %s | %d | %d | %s |%n",
                            rate, i + 1, p.acks().sent(), p.acks().errors(), fmt(p.acks().p50()),
                            fmt(p.acks().p99()), fmt(p.baseline().p50()), fmt(p.baseline().p99()), p.stored(),
                            p.posted(), mb(p.peakRssKb())));
                }
            }
            md.append('\n');
        }
        return md.toString();
    }

    /** Native memory tracking's committed sizes, build by build, after the load. */
    static String memorySection(List<Measured> all) {
        List<String> columns = new ArrayList<>();
        List<Memory> memories = new ArrayList<>();
        Set<String> categories = new java.util.LinkedHashSet<>();
        for (Measured m : all) {
            for (Memory memory : m.memory) {
                columns.add(m.build.label() + (memory.variant().isEmpty() ? "" : ", `" + memory.variant() + "`"));
                memories.add(memory);
                categories.addAll(memory.committedKb().keySet());
            }
        }
        if (memories.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("## What the process is made of\n\n")
                .append("Each build started once more with `-XX:NativeMemoryTracking=summary` (which itself costs a ")
                .append("few MB), warmed up as in a round, then 100 commands/s for 10 s, drained; then ")
                .append("`jcmd <pid> VM.native_memory summary` and `jcmd <pid> GC.heap_info` (heap in use), then ")
                .append("`jcmd <pid> GC.run`, `GC.heap_info` again (live heap) and `/proc/<pid>/status` (resident ")
                .append("sizes, threads). Committed memory is not all resident (untouched heap pages are not), and ")
                .append("the mapped cache or archive is resident only where it was read, so the rows add up to more ")
                .append("than the resident size. A column with no \"Shared class space\" ran without the cache or ")
                .append("archive: the JVM uses one only with the options that recorded it, and otherwise loads every ")
                .append("class from the jars into metaspace. Categories under 1 MB in every column are left out.")
                .append("\n\n| MB |");
        columns.forEach(c -> md.append(' ').append(c).append(" |"));
        md.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        BiFunction<String, java.util.function.ToLongFunction<Memory>, String> row = (name, kb) -> {
            StringBuilder r = new StringBuilder("| ").append(name).append(" |");
            memories.forEach(m -> r.append(' ').append(mb(kb.applyAsLong(m))).append(" |"));
            return r.append('\n').toString();
        };
        md.append(row.apply("resident (VmRSS)", Memory::rssKb))
                .append(row.apply("… anonymous (RssAnon)", Memory::anonKb))
                .append(row.apply("… files (RssFile: jars, the JDK's libraries, the cache)", Memory::fileKb))
                .append(row.apply("heap in use", Memory::heapUsedKb))
                .append(row.apply("heap live after a full collection", Memory::liveHeapKb))
                .append(row.apply("committed, all categories", Memory::totalCommittedKb));
        for (String category : categories) {
            // Categories under 1 MB everywhere (GC bookkeeping, modules, safepoints …) are left out.
            if (memories.stream().anyMatch(m -> m.committedKb().getOrDefault(category, 0L) >= 1024)) {
                md.append(row.apply("committed: " + category, m -> m.committedKb().getOrDefault(category, -1L)));
            }
        }
        md.append("| threads |");
        memories.forEach(m -> md.append(' ').append(m.threads()).append(" |"));
        return md.append("\n\n").toString();
    }

    static List<Measured> concat(Measured main, List<Measured> others) {
        List<Measured> all = new ArrayList<>(List.of(main));
        all.addAll(others);
        return all;
    }

    /** kB as MB with no decimals; "–" for a figure not measured (negative or NaN). */
    static String mb(double kb) {
        return Double.isNaN(kb) || kb < 0 ? "–" : String.format(Locale.ROOT, "%.0f MB", kb / 1024);
    }

    static boolean nothingLost(Phase p) {
        return p.acks().errors() == 0 && p.commandsFiled() == p.acks().sent() && p.stored() == p.commandsFiled()
                && p.posted() == p.stored();
    }

    static String verdict(boolean met, String figure) {
        return (met ? "met: " : "**missed**: ") + figure;
    }

    static String machine() throws IOException, InterruptedException {
        StringBuilder m = new StringBuilder();
        m.append("- CPUs: ").append(Runtime.getRuntime().availableProcessors()).append(" (")
                .append(cpuModel()).append(")\n");
        m.append("- Memory: ").append(memTotal()).append('\n');
        m.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append('\n');
        m.append("- OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version"))
                .append('\n');
        m.append("- Load average (1, 5, 15 min) when the run began: ").append(loadAtStart).append("; when it ended: ")
                .append(loadAverage()).append('\n');
        return m.toString();
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + ", " + fields[1] + ", " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
    }

    static String memTotal() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .map(l -> String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(l.replaceAll("[^0-9]", ""))
                        / 1024.0 / 1024.0)).findFirst().orElse("unknown");
    }

    static void chart(List<Phase> phases, Path png) throws IOException {
        XYSeries p50 = new XYSeries("ack p50");
        XYSeries p90 = new XYSeries("ack p90");
        XYSeries p99 = new XYSeries("ack p99");
        XYSeries slowest = new XYSeries("ack p99, slowest run");
        XYSeries base = new XYSeries("baseline (no work) p99");
        XYSeries base50 = new XYSeries("baseline (no work) p50");
        for (int rate : RATES) {
            List<Phase> runs = at(phases, rate);
            p50.add(rate, median(runs, p -> p.acks().p50()));
            p90.add(rate, median(runs, p -> p.acks().p90()));
            p99.add(rate, median(runs, p -> p.acks().p99()));
            slowest.add(rate, runs.stream().mapToDouble(p -> p.acks().p99()).max().orElse(Double.NaN));
            base.add(rate, median(runs, p -> p.baseline().p99()));
            base50.add(rate, median(runs, p -> p.baseline().p50()));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(p50);
        data.addSeries(p90);
        data.addSeries(p99);
        data.addSeries(slowest);
        data.addSeries(base);
        data.addSeries(base50);
        JFreeChart chart = ChartFactory.createXYLineChart("Lightsail Access: acknowledgement latency (open model, "
                        + "median of " + RUNS + " runs)",
                "arrival rate (signed /lightsail-access commands a second)", "latency (ms)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        // Latencies span from a millisecond (the baseline) to seconds (past saturation): on a linear axis the
        // rates that the targets are about would be a flat line at the bottom.
        LogarithmicAxis latency = new LogarithmicAxis("latency (ms, log scale)");
        latency.setStrictValuesFlag(false);
        plot.setRangeAxis(latency);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 6; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 520);
    }
}
