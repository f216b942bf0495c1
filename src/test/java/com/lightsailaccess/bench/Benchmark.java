package com.lightsailaccess.bench;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.lightsailaccess.packaging.AppProcess;
import com.lightsailaccess.packaging.StandInsForChildren;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.net.URI;
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
import org.awaitility.core.ConditionTimeoutException;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * {@code ./mvnw -Pbench verify}: starts the packaged bot against an embedded PostgreSQL and local stand-ins for
 * Slack and IAM, and drives signed slash commands and Approve clicks at fixed arrival rates (an open model: each
 * request leaves on schedule whether or not earlier ones have answered, and its latency counts from that
 * scheduled moment). A do-nothing endpoint on the same server is measured at every rate too, and every latency
 * is also given as a ratio to it. Each rate is measured in {@code bench.runs} runs (3 unless set), taken in
 * rounds (25, 50, 100, 200/s, then again), and the report gives every run and the spread between them, so that one
 * noisy run on a shared machine does not read as a trend.
 *
 * <p>Writes {@code benchmarks.md} and {@code benchmark-latency.png} to {@code target/benchmark/} (first argument);
 * with {@code -Dbench.publish=true} to {@code docs/} (second argument) instead, the tracked copies.
 */
public final class Benchmark {

    static final int[] RATES = {25, 50, 100, 200};
    static final int RUNS = Math.max(1, Integer.getInteger("bench.runs", 3));
    static final Duration PHASE = Duration.ofSeconds(Integer.getInteger("bench.seconds", 20));
    static final Duration BASELINE_PHASE = Duration.ofSeconds(Integer.getInteger("bench.baseline.seconds", 5));
    static final Duration WARM_UP = Duration.ofSeconds(10);
    static final int SLOW_RATE = 50;
    static final int SLOW_MILLIS = 2000;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newFixedThreadPool(16)).build();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(4);
    private final AtomicInteger userCounter = new AtomicInteger();
    private final StandInsForChildren standIns;
    private final AppProcess app;
    /** "id:requester" of requests filed and posted, waiting for an Approve click. */
    private final ConcurrentLinkedQueue<String> approvable = new ConcurrentLinkedQueue<>();
    private final Map<String, Long> clickSentAt = new ConcurrentHashMap<>();
    private final Set<Long> queuedIds = ConcurrentHashMap.newKeySet();

    record Stats(int rate, long sent, long errors, long over3s, double p50, double p90, double p99, double max) {
    }

    record Phase(Stats acks, Stats baseline, long commandsFiled, long stored, long posted, double dmP50,
            double dmP99, long dms) {
    }

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
            env.put("LIGHTSAIL_SLACK_POST_BURST", "100000");
            env.put("LIGHTSAIL_SLACK_POST_INTERVAL", "PT0.001S");
            env.put("LIGHTSAIL_ADMINS", SlackApiResource.ADMIN);
            // As deployed: the JVM options the build wrote (README, Dockerfile), from the project's folder. The
            // first start migrates the new database; start-up is measured on the second, as a replaced replica
            // starts against a schema that is already there.
            Path here = Path.of("").toAbsolutePath();
            AppProcess.startAsDeployed(env, List.of(), here).awaitReady(Duration.ofSeconds(60)).close();
            long startedAt = System.nanoTime();
            AppProcess app = AppProcess.startAsDeployed(env, List.of(), here);
            app.awaitReady(Duration.ofSeconds(60));
            double readyMillis = (System.nanoTime() - startedAt) / 1e6;
            try {
                new Benchmark(standIns, app).run(docs, readyMillis);
            } finally {
                app.close();
            }
        }
        if (!publish) {
            System.out.println("docs/ is unchanged; -Dbench.publish=true writes the report there instead");
        }
        System.exit(0);
    }

    void run(Path docs, double readyMillis) throws Exception {
        // Readiness can answer before Quarkus has written its "started in" line: wait for the line itself.
        String quarkusStart = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> app.output().lines().filter(l -> l.contains("started in")).findFirst(),
                        Optional::isPresent).orElseThrow();
        ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
        poller.scheduleWithFixedDelay(this::collectApprovable, 200, 200, TimeUnit.MILLISECONDS);

        System.out.println("warm-up " + WARM_UP.toSeconds() + " s at 25/s");
        drive(25, WARM_UP, true);
        drain(Duration.ofSeconds(20));

        List<Phase> phases = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            for (int rate : RATES) {
                Stats baseline = baseline(rate, BASELINE_PHASE);
                Phase phase = measure(rate, PHASE, baseline, true);
                phases.add(phase);
                System.out.printf(Locale.ROOT, "run %d, %d/s: ack p50 %.1f p99 %.1f ms (baseline p99 %.1f), "
                        + "stored %d/%d, posted %d, errors %d%n", run, rate, phase.acks().p50(), phase.acks().p99(),
                        baseline.p99(), phase.stored(), phase.commandsFiled(), phase.posted(), phase.acks().errors());
            }
        }

        // Slack's Web API and IAM answering 2 s late: the acknowledgements must not notice.
        standIns.slack.setGlobalFixedDelay(SLOW_MILLIS);
        standIns.iam.setGlobalDelay(SLOW_MILLIS);
        Stats slowBaseline = baseline(SLOW_RATE, BASELINE_PHASE);
        Phase slow = measure(SLOW_RATE, PHASE, slowBaseline, false);
        standIns.slack.setGlobalFixedDelay(0);
        standIns.iam.setGlobalDelay(0);
        System.out.printf(Locale.ROOT, "slow stand-ins, %d/s: ack p99 %.1f ms%n", SLOW_RATE, slow.acks().p99());

        long peakRssKb = peakRssKb(app.pid());
        poller.shutdownNow();
        Files.writeString(docs.resolve("benchmarks.md"), report(phases, slow, readyMillis, quarkusStart, peakRssKb));
        chart(phases, docs.resolve("benchmark-latency.png"));
        System.out.println("wrote " + docs.resolve("benchmarks.md"));
    }

    // ---- load -------------------------------------------------------------------------------------------------

    /** Requests that were filed and posted, waiting for an Approve click. */
    void collectApprovable() {
        try {
            for (Object row : standIns.rows("select id || ':' || requester_id from access_request "
                    + "where state = 'pending' and approval_ts is not null order by id limit 500")) {
                String value = (String) row;
                if (queuedIds.add(Long.parseLong(value.substring(0, value.indexOf(':'))))) {
                    approvable.add(value);
                }
            }
        } catch (RuntimeException e) {
            // the next poll tries again
        }
    }

    Phase measure(int rate, Duration length, Stats baseline, boolean waitForWork) throws Exception {
        long storedBefore = standIns.count("select count(*) from access_request");
        long postedBefore = approvalPosts();
        long dmsBefore = dms().size();
        clickSentAt.clear();
        Load load = drive(rate, length, false);
        if (waitForWork) {
            drain(Duration.ofSeconds(240));
        }
        long stored = standIns.count("select count(*) from access_request") - storedBefore;
        long posted = approvalPosts() - postedBefore;
        List<Double> dmLatencies = new ArrayList<>();
        List<LoggedRequest> dms = dms();
        for (LoggedRequest dm : dms.subList((int) Math.min(dmsBefore, dms.size()), dms.size())) {
            String body = dm.getBodyAsString();
            int at = body.indexOf("channel=") + 8;
            String user = body.substring(at, body.indexOf('&', at));
            Long sent = clickSentAt.get(user);
            if (sent != null) {
                dmLatencies.add((double) (dm.getLoggedDate().getTime() - sent));
            }
        }
        Collections.sort(dmLatencies);
        return new Phase(stats(rate, load), baseline, load.filed.get(), stored, posted, percentile(dmLatencies, 50),
                percentile(dmLatencies, 99), dmLatencies.size());
    }

    static final class Load {
        final ConcurrentLinkedQueue<Double> latencies = new ConcurrentLinkedQueue<>();
        final AtomicLong sent = new AtomicLong();
        final AtomicLong errors = new AtomicLong();
        final AtomicLong filed = new AtomicLong();
    }

    /** Sends at {@code rate} per second for {@code length}: commands and Approve clicks alternating. */
    Load drive(int rate, Duration length, boolean warmUp) throws InterruptedException {
        Load load = new Load();
        long total = rate * length.toSeconds();
        long periodNanos = 1_000_000_000L / rate;
        CountDownLatch done = new CountDownLatch((int) total);
        long start = System.nanoTime() + 50_000_000L;
        for (long i = 0; i < total; i++) {
            long due = start + i * periodNanos;
            boolean click = i % 2 == 1;
            scheduler.schedule(() -> fire(load, due, click, done), due - System.nanoTime(), TimeUnit.NANOSECONDS);
        }
        done.await(length.toSeconds() + 60, TimeUnit.SECONDS);
        return load;
    }

    void fire(Load load, long due, boolean click, CountDownLatch done) {
        String body;
        boolean isCommand;
        String waiting = click ? approvable.poll() : null;
        if (waiting != null) {
            long id = Long.parseLong(waiting.substring(0, waiting.indexOf(':')));
            clickSentAt.put(waiting.substring(waiting.indexOf(':') + 1), System.currentTimeMillis());
            body = Flow.click(SlackApiResource.ADMIN, "lightsail_approve", id);
            isCommand = false;
        } else {
            String user = String.format("UB%07d", userCounter.incrementAndGet());
            body = Slack.command("/lightsail-access", user, "console benchmark");
            isCommand = true;
        }
        long ts = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(URI.create(app.base() + "/slack/events"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Slack-Request-Timestamp", String.valueOf(ts))
                .header("X-Slack-Signature", Slack.signature(ts, body))
                .timeout(Duration.ofSeconds(10))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build();
        load.sent.incrementAndGet();
        http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
            load.latencies.add((System.nanoTime() - due) / 1e6);
            if (error != null || response.statusCode() != 200) {
                load.errors.incrementAndGet();
            } else if (isCommand && response.body().contains("is filed")) {
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

    static long peakRssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }

    // ---- the report -------------------------------------------------------------------------------------------

    static String fmt(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.1f", v);
    }

    static String ratio(double v, double base) {
        return Double.isNaN(v) || Double.isNaN(base) || base <= 0 ? "–" : String.format(Locale.ROOT, "%.1f×", v / base);
    }

    String report(List<Phase> phases, Phase slow, double readyMillis, String quarkusStart, long peakRssKb)
            throws IOException, InterruptedException {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmarks\n\n");
        md.append("Measured by `./mvnw -Pbench verify` (the `bench` profile runs `com.lightsailaccess.bench.Benchmark` ")
                .append("after packaging; the normal test run does not). Latest run: ").append(LocalDate.now())
                .append(".\n\n");
        md.append("## Machine\n\n").append(machine()).append('\n');
        md.append("## Method\n\n")
                .append("- The packaged jar, run as deployed (`java @target/quarkus-app/jvm.args -jar ")
                .append("target/quarkus-app/quarkus-run.jar`; the build wrote `").append(String.join(" ",
                        Files.readAllLines(AppProcess.jvmArgs()))).append("`) against an embedded PostgreSQL ")
                .append("and local stand-ins for Slack's Web API and IAM (WireMock; IAM speaks the Query protocol), ")
                .append("all on this machine. The stand-in's Slack rate limits and the bot's own pacing of the ")
                .append("approval channel (`LIGHTSAIL_SLACK_POST_BURST`, `LIGHTSAIL_SLACK_POST_INTERVAL`) are switched ")
                .append("off, so the figures measure the bot; against real Slack, approval messages go out at about one ")
                .append("a second per channel and wait in the job queue.\n")
                .append("- Open model: at each rate, requests leave on a fixed schedule whether or not earlier ones ")
                .append("have answered; latency counts from the scheduled send time. Half the requests are signed ")
                .append("`/lightsail-access console …` commands from new people, half are signed Approve clicks on ")
                .append("requests filed earlier in the run (a command is sent when none is waiting).\n")
                .append("- Each rate runs ").append(PHASE.toSeconds()).append(" s, ").append(RUNS)
                .append(" times, in rounds (every rate once, then again), after a ").append(WARM_UP.toSeconds())
                .append(" s warm-up; the tables give every run and the spread between them. ")
                .append("Before each run, the same rate is sent for ").append(BASELINE_PHASE.toSeconds())
                .append(" s to `GET /bench/baseline`, an endpoint on the same server that only answers 200 ")
                .append("(enabled by `LIGHTSAIL_BENCHMARK_BASELINE=true`). Ratios are figure ÷ baseline at that rate: ")
                .append("absolute times on a shared 2-core machine are noise, ratios less so.\n")
                .append("- \"Stored\" counts new rows in `access_request`; \"posted\" counts approval messages that ")
                .append("reached the Slack stand-in once all jobs had drained; \"approve → DM\" is from sending an ")
                .append("Approve click to the credentials DM reaching the Slack stand-in (IAM stood in locally).\n\n");

        md.append("## Acknowledgements: the spread of ").append(RUNS).append(" runs\n\n")
                .append("| rate/s | p50 ms, median | p99 ms, median | p99 ms of each run | p99 spread (slowest ÷ fastest) ")
                .append("| baseline p99 ms, median | p99 ratio, median |\n|---|---|---|---|---|---|---|\n");
        for (int rate : RATES) {
            List<Phase> runs = at(phases, rate);
            List<Double> p99s = runs.stream().map(p -> p.acks().p99()).toList();
            md.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s | %s |%n", rate,
                    fmt(median(runs, p -> p.acks().p50())), fmt(median(p99s)),
                    String.join(", ", p99s.stream().map(Benchmark::fmt).toList()),
                    ratio(p99s.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN),
                            p99s.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)),
                    fmt(median(runs, p -> p.baseline().p99())),
                    fmt(median(runs.stream().map(p -> p.acks().p99() / p.baseline().p99()).toList())) + "×"));
        }
        md.append("\n![ack latency versus rate](benchmark-latency.png)\n\n");

        md.append("### Every run\n\n")
                .append("| rate/s | run | sent | errors | > 3 s | p50 ms | p90 ms | p99 ms | max ms | baseline p50 ")
                .append("| baseline p99 | p50 ratio | p99 ratio |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int rate : RATES) {
            List<Phase> runs = at(phases, rate);
            for (int i = 0; i < runs.size(); i++) {
                Stats a = runs.get(i).acks();
                Stats b = runs.get(i).baseline();
                md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s | %s "
                        + "| %s |%n", a.rate(), i + 1, a.sent(), a.errors(), a.over3s(), fmt(a.p50()), fmt(a.p90()),
                        fmt(a.p99()), fmt(a.max()), fmt(b.p50()), fmt(b.p99()), ratio(a.p50(), b.p50()),
                        ratio(a.p99(), b.p99())));
            }
        }
        md.append('\n');

        md.append("## Nothing lost\n\n| rate/s | run | commands answered \"filed\" | requests stored "
                + "| approval messages posted | approvals → DMs | approve → DM p50 ms | approve → DM p99 ms |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        for (int rate : RATES) {
            List<Phase> runs = at(phases, rate);
            for (int i = 0; i < runs.size(); i++) {
                Phase p = runs.get(i);
                md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %s | %s |%n", rate, i + 1,
                        p.commandsFiled(), p.stored(), p.posted(), p.dms(), fmt(p.dmP50()), fmt(p.dmP99())));
            }
        }

        // The slow run is compared with the median run at the same rate.
        List<Phase> at50 = at(phases, SLOW_RATE);
        Stats normal50 = at50.stream().sorted(java.util.Comparator.comparingDouble(p -> p.acks().p99()))
                .toList().get(at50.size() / 2).acks();
        md.append("\n## Slow Slack and IAM\n\nThe stand-ins for Slack's Web API and IAM answer every call ")
                .append(SLOW_MILLIS).append(" ms late, at ").append(SLOW_RATE).append("/s:\n\n")
                .append("| | p50 ms | p90 ms | p99 ms | max ms | errors |\n|---|---|---|---|---|---|\n")
                .append(String.format(Locale.ROOT, "| normal stand-ins (median run) | %s | %s | %s | %s | %d |%n",
                        fmt(normal50.p50()),
                        fmt(normal50.p90()), fmt(normal50.p99()), fmt(normal50.max()), normal50.errors()))
                .append(String.format(Locale.ROOT, "| 2 s late | %s | %s | %s | %s | %d |%n", fmt(slow.acks().p50()),
                        fmt(slow.acks().p90()), fmt(slow.acks().p99()), fmt(slow.acks().max()), slow.acks().errors()))
                .append("\nSlow p99 ÷ normal p99: ").append(ratio(slow.acks().p99(), normal50.p99()))
                .append(" (target: at most 1.2×). Baseline p99 during the slow run: ").append(fmt(slow.baseline().p99()))
                .append(" ms, so slow p99 ÷ its baseline: ").append(ratio(slow.acks().p99(), slow.baseline().p99()))
                .append(". (The slow run's follow-up work, posting and provisioning at 2 s a call, is not drained.)\n\n");

        md.append("## Start-up and memory\n\n")
                .append(String.format(Locale.ROOT, "- From `java @…/jvm.args -jar …` to `/q/health/ready` "
                        + "answering 200: **%.0f ms** ", readyMillis))
                .append("(the schema migrated by an earlier start; Flyway only checks it).\n")
                .append("- Quarkus's own line: `").append(quarkusStart.replaceAll("^.*\\(main\\) ", "")).append("`\n")
                .append(String.format(Locale.ROOT, "- Peak resident memory of the bot's process (VmHWM) over the whole "
                        + "run: **%.0f MB**.%n", peakRssKb / 1024.0));
        md.append("\n## Targets\n\n").append(targets(phases, slow, normal50, readyMillis, peakRssKb)).append('\n');
        md.append(ANALYSIS);
        return md.toString();
    }

    /** What the figures mean; it holds for every run on this kind of machine, so it is part of the report. */
    static final String ANALYSIS = """
            ## Reading the figures

            - **Everything shares two cores.** The bot, its job workers, PostgreSQL, both stand-ins and the load
              generator run on the same two cores, and other builds may run on this machine at the same time (the
              load averages under "Machine" say how busy it was). The acknowledgement path is one indexed read and
              one insert; nothing on it waits for Slack or AWS. The follow-up work (each command posts an approval
              message; each Approve runs about a dozen IAM calls, a DM and message updates) competes with it for
              the CPU.
            - **When the acknowledgements fall behind.** In an open model, once the bot answers fewer requests a
              second than arrive, every later request waits for the ones before it: latency then grows with the
              length of the run, not with the work of one request, and a p50 of seconds means the machine was
              saturated at that rate, not that one acknowledgement took seconds. Where p50 stays near the
              baseline, the bot kept up.
            - **Runs differ.** The same rate measured again a few minutes later can give a p99 several times
              apart on this shared machine: the JIT, the garbage collector, PostgreSQL's checkpoints and whatever
              else runs here all land in the tail. Each rate is therefore measured in several runs, taken in
              rounds; the tables give every run and the spread (slowest p99 ÷ fastest), and the targets are judged
              on the median run, with the slowest beside it. A difference between two reports that is smaller
              than the spread is noise, not a trend.
            - **Nothing is lost.** Every command answered "filed" is stored and gets its approval message, and
              the durable job queue drains after each run ("Nothing lost"; "errors" counts answers that did not
              come within the client's 10 s). Against real Slack the approval channel is paced to about one
              message a second (switched off here); the queue absorbs a burst and drains at the rate Slack allows.
            - **Start-up** is measured from launching the JVM to the readiness check answering, with the options
              and the class-data archive that `package` writes (`target/quarkus-app/jvm.args`); a plain
              `java -jar` without them is a few hundred milliseconds slower.
            - **Memory**: the bot runs with the options of `jvm.args` (serial collector, the heap ceiling set in
              `pom.xml`, `app.heap`); the peak resident size covers the whole run, 200/s included.
            """;

    static String targets(List<Phase> phases, Phase slow, Stats normal50, double readyMillis, long peakRssKb) {
        List<Phase> at100 = at(phases, 100);
        List<Phase> at200 = at(phases, 200);
        Map<String, String> rows = new LinkedHashMap<>();
        double p99At100 = median(at100, p -> p.acks().p99());
        double worstAt100 = at100.stream().mapToDouble(p -> p.acks().p99()).max().orElse(Double.NaN);
        rows.put("ack p99 under 100 ms at 100/s", verdict(p99At100 < 100, fmt(p99At100) + " ms, the median of "
                + at100.size() + " runs (slowest run: " + fmt(worstAt100) + " ms)"));
        boolean noLoss = at200.stream().allMatch(p -> p.acks().errors() == 0 && p.stored() == p.commandsFiled()
                && p.posted() == p.stored());
        rows.put("no request lost at 200/s", verdict(noLoss, "in every run: " + String.join("; ", at200.stream()
                .map(p -> p.commandsFiled() + " answered filed, " + p.stored() + " stored, " + p.posted()
                        + " posted, " + p.acks().errors() + " errors").toList())));
        rows.put("start-up to ready under 3 s", verdict(readyMillis < 3000, String.format(Locale.ROOT, "%.0f ms",
                readyMillis)));
        rows.put("peak RSS under 300 MB", verdict(peakRssKb < 300 * 1024, String.format(Locale.ROOT, "%.0f MB",
                peakRssKb / 1024.0)));
        rows.put("slow stand-ins: ack p99 within 1.2× of normal", verdict(slow.acks().p99() <= 1.2 * normal50.p99(),
                ratio(slow.acks().p99(), normal50.p99())));
        StringBuilder md = new StringBuilder("| target | result |\n|---|---|\n");
        rows.forEach((target, result) -> md.append("| ").append(target).append(" | ").append(result).append(" |\n"));
        return md.toString();
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
        for (int rate : RATES) {
            List<Phase> runs = at(phases, rate);
            p50.add(rate, median(runs, p -> p.acks().p50()));
            p90.add(rate, median(runs, p -> p.acks().p90()));
            p99.add(rate, median(runs, p -> p.acks().p99()));
            slowest.add(rate, runs.stream().mapToDouble(p -> p.acks().p99()).max().orElse(Double.NaN));
            base.add(rate, median(runs, p -> p.baseline().p99()));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(p50);
        data.addSeries(p90);
        data.addSeries(p99);
        data.addSeries(slowest);
        data.addSeries(base);
        JFreeChart chart = ChartFactory.createXYLineChart("Lightsail Access: acknowledgement latency (open model, "
                        + "median of " + RUNS + " runs)",
                "arrival rate (requests/s)", "latency (ms)", data, PlotOrientation.VERTICAL, true, false, false);
        XYPlot plot = chart.getXYPlot();
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < 5; i++) {
            renderer.setSeriesStroke(i, new BasicStroke(2f));
        }
        plot.setRenderer(renderer);
        ChartUtils.saveChartAsPNG(png.toFile(), chart, 900, 520);
    }
}
