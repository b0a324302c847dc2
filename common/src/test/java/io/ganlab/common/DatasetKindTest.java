package io.ganlab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetKindTest {
    static final class ThingException extends UserException {
        ThingException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** The manifest of a thing. */
    record ThingManifest(String format, int count) {}

    static final DatasetKind THING = new DatasetKind("image thing", "manifest.json", "things/2", "gan thing prepare",
            dir -> true, ThingException::new);

    @TempDir
    Path tmp;

    private String error(Path dir) {
        return assertThrows(ThingException.class, () -> THING.readManifest(dir, ThingManifest.class,
                ThingManifest::format)).getMessage();
    }

    // the article follows the noun's first letter
    @Test
    void article() {
        assertEquals("an image thing", THING.withArticle());
        assertEquals("a dataset", new DatasetKind("dataset", "m", "f", "p", d -> true, ThingException::new)
                .withArticle());
    }

    // a manifest of the kind's format is read; every way of not being one is one line naming the file
    @Test
    void readsOrSaysWhy() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("ds"));
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"things/2\", \"count\": 7}");
        assertEquals(new ThingManifest("things/2", 7), THING.readManifest(dir, ThingManifest.class,
                ThingManifest::format));

        Path none = tmp.resolve("none");
        assertEquals(none + ": no such image thing directory", error(none));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertEquals(file + ": not a directory (an image thing is a directory made by 'gan thing prepare')",
                error(file));
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        assertEquals(empty + ": not an image thing (no manifest.json); make one with 'gan thing prepare'",
                error(empty));
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"things/1\", \"count\": 7}");
        assertEquals(dir.resolve("manifest.json") + ": image thing format 'things/1', this tool reads 'things/2';"
                + " prepare the dataset again", error(dir));
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": \"things/2\",\n\"count\": ");
        String broken = error(dir);
        assertTrue(broken.startsWith(dir.resolve("manifest.json") + ": unreadable manifest ("), broken);
        assertEquals(1, broken.lines().count(), broken);
    }
}
