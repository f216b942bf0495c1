package com.lightsailaccess.testing;

import com.lightsailaccess.pictures.SlackPage;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test during which the bot sent Slack a block, element or text type that the README's pictures cannot draw
 * ({@link SlackPage}), naming the type and where it was. Registered for every test of the suite through
 * {@code META-INF/services} (Quarkus's JUnit configuration switches extension autodetection on), so the claim "every
 * block type the bot sends is one the renderer knows" holds for everything the suite makes the bot send.
 */
public class SentBlocksAreDrawable implements AfterEachCallback {

    private static final AtomicInteger CHECKS = new AtomicInteger();

    @Override
    public void afterEach(ExtensionContext context) throws ReflectiveOperationException {
        CHECKS.incrementAndGet();
        Object fake = fakeSeenBy(context.getRequiredTestClass().getClassLoader());
        @SuppressWarnings("unchecked")
        List<String> undrawable = (List<String>) fake.getClass().getMethod("takeUndrawable").invoke(fake);
        check(undrawable);
    }

    /** How many tests this has checked in this JVM: proof for a test that it runs at all. */
    static int checks() {
        return CHECKS.get();
    }

    static void check(List<String> undrawable) {
        if (!undrawable.isEmpty()) {
            throw new AssertionError("The bot sent Slack Block Kit that the README's pictures cannot draw:\n  "
                    + String.join("\n  ", undrawable.stream().distinct().toList()));
        }
    }

    /**
     * A {@code @QuarkusTest} runs in Quarkus's class loader, where the Slack stand-in it talks to is another class
     * than the one this extension sees; the test class's own loader finds the one it used.
     */
    private static Object fakeSeenBy(ClassLoader loader) throws ReflectiveOperationException {
        return Class.forName(SlackApiResource.class.getName(), true, loader).getMethod("fake").invoke(null);
    }
}
