package com.lightsailaccess.pictures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

/**
 * Draws the README's pictures: every {@link Scenes scene} as an HTML page ({@code <html-dir>/<name>.html}), then
 * screenshotted by headless Chromium from Debian's packages and cut to its content ({@code <png-dir>/<name>.png}).
 * PNGs in {@code <png-dir>} that no scene draws any more are deleted, so the README cannot show a stale one. Run by
 * {@code ./mvnw -B -Ppictures process-test-classes}; installs nothing itself.
 */
public final class DrawPictures {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final String INSTALL = "sudo apt-get install chromium fonts-lato fonts-noto-color-emoji";
    /** Drawn at twice the CSS size, so the pictures stay sharp on high-density screens. */
    static final int SCALE = 2;
    /** Taller than any scene; the picture is then cut to where its content ends. */
    static final int WINDOW_HEIGHT = 2400;
    static final int MARGIN = 16 * SCALE;

    private DrawPictures() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: DrawPictures <html-dir> <png-dir>");
            System.exit(2);
        }
        List<String> missing = missing();
        if (!missing.isEmpty()) {
            System.err.println("Drawing the pictures needs " + String.join(" and ", missing) + ". On Debian or "
                    + "Ubuntu:\n  " + INSTALL);
            System.exit(1);
        }
        Path htmlDir = Files.createDirectories(Path.of(args[0]));
        Path pngDir = Files.createDirectories(Path.of(args[1]));
        SlackPage page = new SlackPage(Scenes.PEOPLE);
        List<String> drawn = new ArrayList<>();
        for (Scene scene : Scenes.all()) {
            Path html = htmlDir.resolve(scene.name() + ".html");
            Files.writeString(html, scene.html(page, Scenes.TIME), StandardCharsets.UTF_8);
            Path png = pngDir.resolve(scene.name() + ".png");
            screenshot(html, png, scene.width(), htmlDir.resolve(scene.name() + ".chromium.log"));
            drawn.add(png.getFileName().toString());
            System.out.println("drew " + png);
        }
        try (Stream<Path> pngs = Files.list(pngDir)) {
            for (Path stale : pngs.filter(p -> p.toString().endsWith(".png"))
                    .filter(p -> !drawn.contains(p.getFileName().toString())).toList()) {
                Files.delete(stale);
                System.out.println("deleted " + stale + ": no scene draws it any more");
            }
        }
    }

    /** What is not installed: Chromium, and the fonts that make it look like Slack (Lato, colour emoji). */
    static List<String> missing() throws IOException, InterruptedException {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("Chromium (" + CHROMIUM + ")");
            return missing;
        }
        Process fcList = new ProcessBuilder("fc-list", ":", "family").redirectErrorStream(true).start();
        String fonts = new String(fcList.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        fcList.waitFor();
        if (!fonts.contains("Lato")) {
            missing.add("the Lato font");
        }
        if (!fonts.contains("Noto Color Emoji")) {
            missing.add("the Noto Color Emoji font");
        }
        return missing;
    }

    private static void screenshot(Path html, Path png, int width, Path log) throws IOException,
            InterruptedException {
        Path profile = Files.createTempDirectory("pictures-chromium-");
        Path shot = profile.resolve("shot.png");
        try {
            List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--disable-gpu",
                    // The page is a local file with nothing to fetch; Chromium's own background traffic would only
                    // be refused on a closed network, many times over.
                    "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                    "--user-data-dir=" + profile, "--force-device-scale-factor=" + SCALE,
                    "--window-size=" + width + "," + WINDOW_HEIGHT, "--screenshot=" + shot));
            if ("root".equals(System.getProperty("user.name"))) {
                // Chromium refuses to start as root with its sandbox; the page is our own file.
                command.add("--no-sandbox");
            }
            command.add(html.toUri().toString());
            Process chromium = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
                chromium.destroyForcibly();
                throw new IOException("Chromium did not finish drawing " + html + " in 60 s; see " + log);
            }
            if (chromium.exitValue() != 0 || !Files.exists(shot)) {
                throw new IOException("Chromium could not draw " + html + " (exit " + chromium.exitValue()
                        + "); see " + log);
            }
            BufferedImage image = ImageIO.read(shot.toFile());
            ImageIO.write(cropped(image), "png", png.toFile());
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /**
     * The picture down to the last row that visibly differs from the page's background (a modal's shadow fades out
     * over many rows; its faint end counts as background), and a margin.
     */
    static BufferedImage cropped(BufferedImage image) {
        int background = image.getRGB(0, image.getHeight() - 1);
        int last = -1;
        for (int y = image.getHeight() - 1; y >= 0 && last < 0; y--) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (distance(image.getRGB(x, y), background) > 24) {
                    last = y;
                    break;
                }
            }
        }
        int height = Math.min(image.getHeight(), last + 1 + MARGIN);
        if (height >= image.getHeight()) {
            throw new IllegalStateException("The scene is taller than the window (" + WINDOW_HEIGHT + " px): raise "
                    + "DrawPictures.WINDOW_HEIGHT");
        }
        return image.getSubimage(0, 0, image.getWidth(), height);
    }

    private static int distance(int rgb, int other) {
        int max = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            max = Math.max(max, Math.abs((rgb >> shift & 0xff) - (other >> shift & 0xff)));
        }
        return max;
    }
}
