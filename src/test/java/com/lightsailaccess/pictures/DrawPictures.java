package com.lightsailaccess.pictures;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;

/**
 * Draws the README's pictures: every {@link Scenes scene} as an HTML page ({@code <html-dir>/<name>.html}), then
 * screenshotted by headless Chromium from Debian's packages and cut to its content ({@code <png-dir>/<name>.png}).
 * Each PNG carries the SHA-256 of the page it shows ({@link #SOURCE}), so {@code PicturesAreCurrentTest} can tell
 * a picture drawn from other blocks than the bot's builders make now. PNGs in {@code <png-dir>} that no scene draws
 * any more are deleted. Run by
 * {@code ./mvnw -B -Ppictures process-test-classes}; installs nothing itself.
 */
public final class DrawPictures {

    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    static final String INSTALL = "sudo apt-get install chromium fontconfig fonts-lato fonts-noto-color-emoji";
    /** Drawn at twice the CSS size, so the pictures stay sharp on high-density screens. */
    static final int SCALE = 2;
    /** Taller than any scene; the picture is then cut to where its content ends. */
    static final int WINDOW_HEIGHT = 2400;
    static final int MARGIN = 16 * SCALE;
    /** The PNG text chunk that holds the SHA-256 of the HTML page the picture was drawn from. */
    static final String SOURCE = "lightsail-access-source-sha256";
    /** The command that redraws the pictures, as the README gives it. */
    static final String COMMAND = "./mvnw -B -Ppictures process-test-classes";

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
            String source = scene.html(page, Scenes.TIME);
            Files.writeString(html, source, StandardCharsets.UTF_8);
            Path png = pngDir.resolve(scene.name() + ".png");
            BufferedImage picture = screenshot(html, scene.width(), htmlDir.resolve(scene.name() + ".chromium.log"));
            writeStamped(cropped(picture), sha256(source), png);
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
        String fonts;
        try {
            Process fcList = new ProcessBuilder("fc-list", ":", "family").redirectErrorStream(true).start();
            fonts = new String(fcList.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            fcList.waitFor();
        } catch (IOException e) {
            missing.add("fc-list (Debian's fontconfig), to find the fonts");
            return missing;
        }
        if (!fonts.contains("Lato")) {
            missing.add("the Lato font");
        }
        if (!fonts.contains("Noto Color Emoji")) {
            missing.add("the Noto Color Emoji font");
        }
        return missing;
    }

    private static BufferedImage screenshot(Path html, int width, Path log) throws IOException,
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
            return ImageIO.read(shot.toFile());
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

    static String sha256(String page) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(page.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    /** Writes the picture as a PNG with {@code sha256} in its {@link #SOURCE} text chunk. */
    static void writeStamped(BufferedImage image, String sha256, Path png) throws IOException {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image),
                writer.getDefaultWriteParam());
        IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
        entry.setAttribute("keyword", SOURCE);
        entry.setAttribute("value", sha256);
        IIOMetadataNode text = new IIOMetadataNode("tEXt");
        text.appendChild(entry);
        IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
        root.appendChild(text);
        metadata.mergeTree("javax_imageio_png_1.0", root);
        Files.deleteIfExists(png);
        try (ImageOutputStream out = ImageIO.createImageOutputStream(png.toFile())) {
            writer.setOutput(out);
            writer.write(new IIOImage(image, null, metadata));
        } finally {
            writer.dispose();
        }
    }

    /** The {@link #SOURCE} a PNG was stamped with, if any. */
    static Optional<String> stamp(Path png) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(png.toFile())) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                return Optional.empty();
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in);
                Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
                for (Node chunk = root.getFirstChild(); chunk != null; chunk = chunk.getNextSibling()) {
                    if (!"tEXt".equals(chunk.getNodeName())) {
                        continue;
                    }
                    for (Node e = chunk.getFirstChild(); e != null; e = e.getNextSibling()) {
                        if (SOURCE.equals(((IIOMetadataNode) e).getAttribute("keyword"))) {
                            return Optional.of(((IIOMetadataNode) e).getAttribute("value"));
                        }
                    }
                }
                return Optional.empty();
            } finally {
                reader.dispose();
            }
        }
    }

    private static int distance(int rgb, int other) {
        int max = 0;
        for (int shift = 0; shift <= 16; shift += 8) {
            max = Math.max(max, Math.abs((rgb >> shift & 0xff) - (other >> shift & 0xff)));
        }
        return max;
    }
}
