package com.lightsailaccess.slack;

import com.lightsailaccess.slack.notify.SlackCallException;
import com.lightsailaccess.slack.notify.SlackNotifier;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Slack wants every command, click and submission acknowledged within 3 seconds, so Web API calls that answer a
 * person (opening a modal, an ephemeral follow-up) run here, after the listener has returned its ack.
 * Durable work goes to the job queue instead; this is for best-effort, short calls.
 */
@ApplicationScoped
public class AfterAck {

    private static final Logger LOG = Logger.getLogger(AfterAck.class);
    private static final int MAX_ATTEMPTS = 3;
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(8, 8, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(10_000), r -> {
                Thread t = new Thread(r, "lightsail-after-ack");
                t.setDaemon(true);
                return t;
            });

    /**
     * {@code views.open} runs on threads of its own: a trigger lives 3 s, so opening a modal must never wait behind
     * slow {@code response_url} answers or DMs on the shared pool.
     */
    private final ThreadPoolExecutor views = new ThreadPoolExecutor(4, 4, 60, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(1_000), r -> {
                Thread t = new Thread(r, "lightsail-views-open");
                t.setDaemon(true);
                return t;
            });

    private final ScheduledExecutorService later = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lightsail-after-ack-retry");
        t.setDaemon(true);
        return t;
    });

    public AfterAck() {
        // Eight threads when busy (a queue in front of a pool only grows it once full), none when idle.
        executor.allowCoreThreadTimeOut(true);
        views.allowCoreThreadTimeOut(true);
    }

    public void run(String what, Task task) {
        submit(executor, what, task, 1);
    }

    /** Opens a modal with a click's or a command's trigger, which Slack honours for 3 s, on the modal's own pool. */
    public void openView(Task task) {
        submit(views, "views.open", task, 1);
    }

    private void submit(ThreadPoolExecutor pool, String what, Task task, int attempt) {
        try {
            pool.execute(() -> {
                try {
                    task.run();
                } catch (SlackCallException e) {
                    // Slack's 429 says when to come back; a short wait is worth it for an answer to a person.
                    Duration wait = e.retryAfter().orElse(Duration.ofSeconds(attempt));
                    if (e.transientFailure() && attempt < MAX_ATTEMPTS && wait.compareTo(MAX_WAIT) <= 0) {
                        later.schedule(() -> submit(pool, what, task, attempt + 1), wait.toMillis(),
                                TimeUnit.MILLISECONDS);
                    } else {
                        LOG.warnf("%s failed after the acknowledgement: %s", what, describe(e));
                    }
                } catch (Exception e) {
                    LOG.warnf("%s failed after the acknowledgement: %s", what, describe(e));
                }
            });
        } catch (RuntimeException rejected) {
            LOG.warnf("%s was dropped: the follow-up queue is full", what);
        }
    }

    private static String describe(Exception e) {
        // SlackCallException messages hold a method name and Slack's error code only.
        return e instanceof SlackCallException ? e.getMessage()
                : e.getClass().getSimpleName();
    }

    void onStop(@Observes ShutdownEvent event) {
        later.shutdownNow();
        executor.shutdown();
        views.shutdown();
    }

    @FunctionalInterface
    public interface Task {
        void run() throws Exception;
    }

    /**
     * Ephemeral, through the click's response_url. A click on the App Home tab comes with none (no message, no
     * channel), and {@code chat.postEphemeral} needs a channel the person is in: the answer goes to their direct
     * messages with the app instead, which is the Home tab's neighbour, the app's Messages tab.
     */
    public static Task clickAnswer(SlackNotifier notifier, BlockActionPayload payload, String text) {
        String responseUrl = payload.getResponseUrl();
        if (responseUrl != null && !responseUrl.isBlank()) {
            return () -> notifier.respondEphemeral(responseUrl, text);
        }
        String clicker = payload.getUser() == null ? null : payload.getUser().getId();
        return () -> {
            if (clicker != null) {
                notifier.directMessage(clicker, text);
            }
        };
    }
}
