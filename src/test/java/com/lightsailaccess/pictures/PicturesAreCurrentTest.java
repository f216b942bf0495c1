package com.lightsailaccess.pictures;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's pictures are of what the bot's builders make now: each PNG in {@code docs/pictures} carries the hash
 * of the page it was drawn from, and that page is drawn again here, without Chromium, and compared. A changed message
 * fails this test until the pictures are redrawn.
 */
class PicturesAreCurrentTest {

    static final Path PICTURES = Path.of("docs/pictures");

    @Test
    void everyPictureShowsWhatTheBotsBuildersMakeNow() throws IOException {
        SlackPage page = new SlackPage(Scenes.PEOPLE);
        List<String> stale = new ArrayList<>();
        List<String> names = new ArrayList<>();
        for (Scene scene : Scenes.all()) {
            Path png = PICTURES.resolve(scene.name() + ".png");
            names.add(png.getFileName().toString());
            Optional<String> stamp = Files.exists(png) ? DrawPictures.stamp(png) : Optional.empty();
            if (!stamp.equals(Optional.of(DrawPictures.sha256(scene.html(page, Scenes.TIME))))) {
                stale.add(png + (Files.exists(png) ? " shows other blocks" : " is missing"));
            }
        }
        assertEquals(List.of(), stale, "Redraw the README's pictures: " + DrawPictures.COMMAND);
        try (Stream<Path> files = Files.list(PICTURES)) {
            List<String> unknown = files.map(p -> p.getFileName().toString()).filter(n -> !names.contains(n)).toList();
            assertEquals(List.of(), unknown, "files in " + PICTURES + " that no scene draws; "
                    + DrawPictures.COMMAND + " deletes them");
        }
    }

    @Test
    void aPictureKeepsTheHashItWasStampedWithAndAnUnstampedOneHasNone(@TempDir Path dir) throws IOException {
        BufferedImage image = new BufferedImage(4, 4, BufferedImage.TYPE_INT_RGB);
        Path stamped = dir.resolve("stamped.png");
        DrawPictures.writeStamped(image, DrawPictures.sha256("<p>x</p>"), stamped);
        assertEquals(Optional.of(DrawPictures.sha256("<p>x</p>")), DrawPictures.stamp(stamped));
        Path plain = dir.resolve("plain.png");
        ImageIO.write(image, "png", plain.toFile());
        assertEquals(Optional.empty(), DrawPictures.stamp(plain));
    }
}
