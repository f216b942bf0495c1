package com.lightsailaccess.testing;

import com.lightsailaccess.config.SettingsCheck.Problems;
import com.lightsailaccess.config.SettingsCheck;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import jakarta.enterprise.inject.Produces;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The settings as start-up reads them, from environment variables in a map instead of the environment: every
 * module's {@link SettingsCheck} (found among the main classes, as CDI finds them), built on its own
 * {@code @ConfigMapping}s, and the typed values that the checks produce for the beans.
 */
public final class SettingsFromMap {

    private static final List<Class<?>> CHECKS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("com.lightsailaccess")
            .stream().filter(c -> c.isAssignableTo(SettingsCheck.class) && !c.isInterface())
            .map(JavaClass::reflect).<Class<?>>map(c -> c).toList();

    private final List<SettingsCheck> checks;

    private SettingsFromMap(List<SettingsCheck> checks) {
        this.checks = checks;
    }

    /** {@code env}: {@code SLACK_BOT_TOKEN} and the like; whatever it leaves out has its default. */
    public static SettingsFromMap of(Map<String, String> env) {
        Map<String, String> properties = new HashMap<>();
        env.forEach((name, value) -> properties.put(property(name), value));
        SmallRyeConfigBuilder builder = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withConverter(Duration.class, 200, new DurationConverter()).withValidateUnknown(false);
        CHECKS.forEach(check -> Arrays.stream(constructor(check).getParameterTypes()).forEach(builder::withMapping));
        SmallRyeConfig config = builder.build();
        return new SettingsFromMap(CHECKS.stream().map(check -> build(check, config)).toList());
    }

    /** Every setting at its default. */
    public static SettingsFromMap defaults() {
        return of(Map.of());
    }

    /** As start-up does: stops with every problem in one exception, if there is one; else this. */
    public SettingsFromMap check() {
        Problems problems = new Problems();
        problems.checkAll(checks);
        problems.throwIfAny();
        return this;
    }

    /**
     * The typed value that a module's check produces for its beans; a producer that takes other such values (the
     * request choices of each access level take the levels) is given them, as CDI gives them.
     */
    public <T> T value(Class<T> type) {
        for (SettingsCheck check : checks) {
            for (Method method : check.getClass().getDeclaredMethods()) {
                if (method.isAnnotationPresent(Produces.class) && method.getReturnType() == type) {
                    method.setAccessible(true);
                    Object[] arguments = Arrays.stream(method.getParameterTypes()).map(this::value).toArray();
                    try {
                        return type.cast(method.invoke(check, arguments));
                    } catch (InvocationTargetException e) {
                        throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
                    } catch (IllegalAccessException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        throw new IllegalArgumentException("no settings check produces " + type.getName());
    }

    /** {@code LIGHTSAIL_IAM_PATH} → {@code lightsail.iam-path} (every setting's prefix is one word). */
    static String property(String env) {
        String lower = env.toLowerCase(Locale.ROOT);
        int prefix = lower.indexOf('_');
        return lower.substring(0, prefix) + "." + lower.substring(prefix + 1).replace('_', '-');
    }

    private static Constructor<?> constructor(Class<?> check) {
        Constructor<?>[] constructors = check.getDeclaredConstructors();
        if (constructors.length != 1) {
            throw new IllegalStateException(check + " should have one constructor, taking its mappings");
        }
        return constructors[0];
    }

    private static SettingsCheck build(Class<?> check, SmallRyeConfig config) {
        Constructor<?> constructor = constructor(check);
        Object[] mappings = Arrays.stream(constructor.getParameterTypes()).map(config::getConfigMapping).toArray();
        constructor.setAccessible(true);
        try {
            return (SettingsCheck) constructor.newInstance(mappings);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
