package com.lightsailaccess;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The arrows between the packages, checked on the compiled classes so that the build keeps them one way: no two
 * packages depend on each other, the platform packages know no feature and the shared model knows none either, each
 * feature uses only the features below it (a decision ends a grant through revoke, a lifetime files through request,
 * never back), and the two platforms that stand alone ({@code queue}, {@code iam}) know no other package at all.
 * What a feature keeps to itself is package-private, so another feature cannot reach it: the compiler says so.
 */
class ArchitectureTest {

    static final String ROOT = "com.lightsailaccess";
    static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void packagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    /** Nor do two packages of one tree ({@code slack} and {@code slack.notify}): each package is a slice here. */
    @Test
    void noTwoPackagesDependOnEachOtherEvenWithinOneTree() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theQueueKnowsNoOtherPackageOfTheBot() {
        standsAlone("queue");
    }

    @Test
    void iamKnowsNoOtherPackageOfTheBot() {
        standsAlone("iam");
    }

    /** The platforms: they know no feature. */
    static final List<String> PLATFORMS = List.of("slack", "iam", "queue", "config", "db");

    /**
     * The features, each with the features it may use: only ones listed before it. A feature missing here, or a
     * package that is neither a platform, the model nor a feature, fails {@link #everyPackageHasAPlace()}.
     */
    static final Map<String, List<String>> FEATURES = features(
            "audit",
            "grant",
            "revoke: grant",
            "credentials: grant",
            "decision: revoke",
            "request: grant, revoke, decision, credentials",
            "lifetime: revoke, request",
            "reconcile: revoke, lifetime, credentials",
            "home: audit, request, credentials");

    @Test
    void platformPackagesKnowNoFeature() {
        noClasses().that().resideInAnyPackage(packages(PLATFORMS)).should().dependOnClassesThat()
                .resideInAnyPackage(packages(FEATURES.keySet())).check(classes);
    }

    @Test
    void theSharedModelKnowsNoFeatureAndNoSlack() {
        List<String> forbidden = new ArrayList<>(FEATURES.keySet());
        forbidden.add("slack");
        noClasses().that().resideInAPackage(ROOT + ".model..").should().dependOnClassesThat()
                .resideInAnyPackage(packages(forbidden)).check(classes);
        noClasses().that().resideInAPackage(ROOT + ".model..").should().dependOnClassesThat()
                .resideInAPackage("com.slack..").check(classes);
    }

    /**
     * The same arrows, read from the sources' imports: a constant another package declares is inlined by the compiler
     * and an import used only in Javadoc leaves no trace in a class file, so the rules above cannot see them.
     */
    @Test
    void sourceImportsFollowTheSameArrows() throws IOException {
        Pattern ownImport = Pattern.compile("^import (?:static )?" + Pattern.quote(ROOT) + "\\.(\\w+)\\.",
                Pattern.MULTILINE);
        List<String> wrong = new ArrayList<>();
        Path sources = Path.of("src/main/java", ROOT.split("\\."));
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String from = sources.relativize(file).getName(0).toString();
                Matcher m = ownImport.matcher(Files.readString(file));
                while (m.find()) {
                    if (!mayImport(from, m.group(1))) {
                        wrong.add(sources.relativize(file) + " imports " + m.group(1));
                    }
                }
            }
        }
        assertTrue(wrong.isEmpty(), () -> "imports against the arrows: " + wrong);
    }

    /** Whether package {@code from} may import from package {@code to}, as the rules above say. */
    static boolean mayImport(String from, String to) {
        if (from.equals(to)) {
            return true;
        }
        if (from.equals("queue") || from.equals("iam")) {
            return false;
        }
        if (PLATFORMS.contains(from)) {
            return PLATFORMS.contains(to) || to.equals("model");
        }
        if (from.equals("model")) {
            return PLATFORMS.contains(to) && !to.equals("slack");
        }
        return PLATFORMS.contains(to) || to.equals("model") || FEATURES.get(from).contains(to);
    }

    @Test
    void eachFeatureUsesOnlyTheFeaturesBelowIt() {
        FEATURES.forEach((feature, allowed) -> {
            List<String> others = FEATURES.keySet().stream()
                    .filter(other -> !other.equals(feature) && !allowed.contains(other)).toList();
            if (!others.isEmpty()) {
                noClasses().that().resideInAPackage(ROOT + "." + feature + "..").should().dependOnClassesThat()
                        .resideInAnyPackage(packages(others)).check(classes);
            }
        });
    }

    @Test
    void everyPackageHasAPlace() {
        Set<String> known = new TreeSet<>(PLATFORMS);
        known.addAll(FEATURES.keySet());
        known.add("model");
        Set<String> found = new TreeSet<>();
        classes.forEach(c -> found.add(c.getPackageName().substring(ROOT.length() + 1).split("\\.")[0]));
        found.removeAll(known);
        assertTrue(found.isEmpty(), () -> "packages with no place in the map: " + found);
    }

    private static Map<String, List<String>> features(String... lines) {
        Map<String, List<String>> features = new LinkedHashMap<>();
        for (String line : lines) {
            String[] parts = line.split(":", 2);
            List<String> allowed = parts.length == 1 ? List.of() : List.of(parts[1].trim().split(",\\s*"));
            allowed.forEach(a -> {
                if (!features.containsKey(a)) {
                    throw new IllegalArgumentException(parts[0] + " may use only features listed before it: " + a);
                }
            });
            features.put(parts[0], allowed);
        }
        return features;
    }

    private static String[] packages(Collection<String> names) {
        return names.stream().map(n -> ROOT + "." + n + "..").toArray(String[]::new);
    }

    private static void standsAlone(String platform) {
        noClasses().that().resideInAPackage(ROOT + "." + platform + "..").should().dependOnClassesThat(
                JavaClass.Predicates.resideInAPackage(ROOT + "..")
                        .and(JavaClass.Predicates.resideOutsideOfPackage(ROOT + "." + platform + "..")))
                .check(classes);
    }
}
