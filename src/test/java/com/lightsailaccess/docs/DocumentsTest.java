package com.lightsailaccess.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's documents name only what the repository holds: every file a document mentions (in backticks or as a
 * link) is in the repository, or is something the build writes under {@code target/}; and what was measured with
 * programs that are not in the repository is labelled as a one-off, under a heading that says so.
 */
class DocumentsTest {

    static final Pattern MENTIONED = Pattern.compile("`([\\w./<>-]+\\.(?:md|java|json|ya?ml|sql|properties|png|sh|xml|"
            + "html|csv))`|\\]\\(([^)\\s#]+)\\)");

    @Test
    void everyFileADocumentNamesIsInTheRepository() throws IOException {
        Set<String> files = repositoryFiles();
        List<String> missing = new ArrayList<>();
        for (Path document : documents()) {
            Matcher m = MENTIONED.matcher(Files.readString(document));
            while (m.find()) {
                String named = m.group(1) != null ? m.group(1) : m.group(2);
                if (named.startsWith("http") || named.startsWith("target/") || named.contains("<")) {
                    continue;
                }
                boolean link = m.group(2) != null;
                if (!exists(named, link ? document.getParent() : null, files)) {
                    missing.add(document + ": " + named);
                }
            }
        }
        assertEquals(List.of(), missing);
    }

    @Test
    void workDoneOutsideTheRepositoryIsLabelledAsAOneOff() throws IOException {
        Pattern outside = Pattern.compile("(?i)scratch|not committed|measured by hand");
        List<String> unlabelled = new ArrayList<>();
        for (Path document : documents()) {
            if (document.toString().equals("README.md")) {
                continue;
            }
            String heading = "";
            for (String line : Files.readAllLines(document)) {
                if (line.startsWith("#")) {
                    heading = line;
                } else if (outside.matcher(line).find() && !heading.toLowerCase(java.util.Locale.ROOT)
                        .contains("one-off")) {
                    unlabelled.add(document + " under '" + heading + "': " + line.trim());
                }
            }
        }
        assertEquals(List.of(), unlabelled);
    }

    /** A path relative to the document (a link) or to the root, or a bare name anywhere in the repository. */
    static boolean exists(String named, Path from, Set<String> files) {
        if (from != null) {
            return Files.exists(from.resolve(named));
        }
        if (named.contains("/")) {
            return Files.exists(Path.of(named)) || files.stream().anyMatch(f -> f.endsWith("/" + named));
        }
        return files.stream().anyMatch(f -> f.equals(named) || f.endsWith("/" + named));
    }

    static List<Path> documents() throws IOException {
        List<Path> documents = new ArrayList<>(List.of(Path.of("README.md"),
                Path.of("src/test/resources/bench/findings.md")));
        try (Stream<Path> docs = Files.list(Path.of("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        return documents;
    }

    static Set<String> repositoryFiles() throws IOException {
        Set<String> files = new TreeSet<>();
        try (Stream<Path> all = Files.walk(Path.of("."))) {
            all.filter(Files::isRegularFile).map(p -> Path.of(".").relativize(p).toString().replace('\\', '/'))
                    .filter(f -> !f.startsWith("target/") && !f.startsWith(".git/")).forEach(files::add);
        }
        return files;
    }
}
