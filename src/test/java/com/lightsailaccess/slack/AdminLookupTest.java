package com.lightsailaccess.slack;

import com.lightsailaccess.testing.BotTest;
import com.lightsailaccess.testing.Db;
import com.lightsailaccess.testing.Flow;
import com.lightsailaccess.testing.Slack;
import com.lightsailaccess.testing.SlackApiResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Reading the admin user group blocks on Slack: it must not need the JVM's shared common pool. */
@QuarkusTest
@BotTest
class AdminLookupTest {

    @Inject
    Db db;

    @Inject
    AdminDirectory admins;

    @Test
    void aGroupAdminsClickIsCheckedWhileTheCommonPoolIsBusyElsewhere() throws Exception {
        Flow flow = Flow.fresh(db);
        long id = flow.file(Flow.ALICE, "console x");
        String click = Flow.click(SlackApiResource.GROUP_ADMIN, "lightsail_approve", id);
        admins.forget();
        CountDownLatch release = new CountDownLatch(1);
        ForkJoinPool common = ForkJoinPool.commonPool();
        for (int i = 0; i < common.getParallelism() + 2; i++) {
            common.execute(() -> {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        try {
            Slack.send(click).statusCode(200);
            flow.awaitState(id, "active");
        } finally {
            release.countDown();
        }
    }
}
