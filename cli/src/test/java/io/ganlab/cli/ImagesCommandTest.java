package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan images}: prepare from the command line and a config file, one error line and exit 1 for bad input,
 * exit 2 for bad options, stats and sample on the result.
 */
class ImagesCommandTest {
    @TempDir
    Path tmp;

    /** A gzipped IDX pair of {@code n} 4x4 images: pixel k of image i is 16 i + k, label i % 3. */
    private void idx(String prefix, int n) throws IOException {
        ByteArrayOutputStream img = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(img))) {
            d.writeInt(0x803);
            d.writeInt(n);
            d.writeInt(4);
            d.writeInt(4);
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < 16; k++) {
                    d.write(16 * i + k);
                }
            }
        }
        ByteArrayOutputStream lab = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(new GZIPOutputStream(lab))) {
            d.writeInt(0x801);
            d.writeInt(n);
            for (int i = 0; i < n; i++) {
                d.write(i % 3);
            }
        }
        Files.createDirectories(tmp.resolve("idx"));
        Files.write(tmp.resolve("idx/" + prefix + "-images-idx3-ubyte.gz"), img.toByteArray());
        Files.write(tmp.resolve("idx/" + prefix + "-labels-idx1-ubyte.gz"), lab.toByteArray());
    }

    private GanRunner.Run prepare(String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("images", "prepare", "-q"));
        args.addAll(List.of(extra));
        return GanRunner.run(args.toArray(String[]::new));
    }

    // prepare prints a summary; stats counts labels and the mean; sample writes a PNG grid
    @Test
    void prepareStatsSample() throws IOException {
        idx("train", 6);
        idx("t10k", 3);
        Path out = tmp.resolve("ds");
        GanRunner.Run r = prepare("--input", tmp.resolve("idx").toString(), "--output", out.toString(),
                "--label-names", "zero,one,two");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("images    6 train + 3 valid, 3 classes"), r.out());
        assertTrue(r.out().contains("shape     1x4x4 uint8 (NCHW)"), r.out());
        GanRunner.Run s = GanRunner.run("images", "stats", out.toString());
        assertEquals(0, s.code(), s.toString());
        // train: images 0..5, mean of all pixels 16 i + k = 16 * 2.5 + 7.5 = 47.5; labels 0,1,2,0,1,2
        assertTrue(s.out().contains("mean (0..255): gray 47.50"), s.out());
        assertTrue(s.out().contains("  0 zero                 2"), s.out());
        // valid: images 0..2: 16 * 1 + 7.5 = 23.5
        assertTrue(s.out().contains("mean (0..255): gray 23.50"), s.out());
        Path png = tmp.resolve("grid.png");
        GanRunner.Run g = GanRunner.run("images", "sample", out.toString(), "--count", "4", "--scale", "2",
                "--seed", "1", "--out", png.toString());
        assertEquals(0, g.code(), g.toString());
        BufferedImage grid = ImageIO.read(png.toFile());
        assertEquals(2 * (4 * 2 + 1) + 1, grid.getWidth()); // 2 columns of 8 pixels, 1-pixel gaps
        assertEquals(1, GanRunner.run("images", "sample", out.toString(), "--out", png.toString()).code());
    }

    // the options the image and text commands share behave alike: a split that is neither train nor valid, and a
    // data set the fetch commands do not know, are usage errors (exit 2) checked before anything is read or fetched
    @Test
    void sharedOptionsAreUsageErrors() {
        Path missing = tmp.resolve("no-dataset");
        for (String kind : List.of("images", "corpus")) {
            List<String> args = new java.util.ArrayList<>(
                    List.of(kind, "sample", missing.toString(), "--split", "test"));
            if (kind.equals("images")) {
                args.addAll(List.of("--out", tmp.resolve("g.png").toString()));
            }
            GanRunner.Run r = GanRunner.run(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.toString());
            assertEquals("gan " + kind + " sample: error: --split must be train or valid, got 'test'",
                    r.errLines().get(0));
        }
        GanRunner.Run i = GanRunner.run("images", "fetch", "mnist", "--cache", tmp.resolve("cache").toString());
        assertEquals(2, i.code(), i.toString());
        assertEquals("gan images fetch: error: unknown data set 'mnist'; known: fashion-mnist", i.errLines().get(0));
        GanRunner.Run c = GanRunner.run("corpus", "fetch", "wiki", "--cache", tmp.resolve("cache").toString());
        assertEquals(2, c.code(), c.toString());
        assertEquals("gan corpus fetch: error: unknown corpus 'wiki'; known: sotu", c.errLines().get(0));
        assertFalse(Files.exists(tmp.resolve("cache")));
    }

    // a config file (like the one fetch writes) with paths relative to it; the command line wins
    @Test
    void configFile() throws IOException {
        idx("train", 2);
        Path cfg = tmp.resolve("idx/prepare.yaml");
        Files.writeString(cfg, "input: [train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz]\nsize: 2\n"
                + "label-names: [a, b, c]\n");
        Path out = tmp.resolve("ds");
        GanRunner.Run r = prepare("--config", cfg.toString(), "--output", out.toString(), "--channels", "3");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("shape     3x2x2 uint8"), r.out());
        Files.writeString(cfg, "input: [x]\nsizes: 2\n");
        GanRunner.Run bad = prepare("--config", cfg.toString(), "--output", tmp.resolve("ds2").toString());
        assertEquals(1, bad.code(), bad.toString());
        assertEquals(List.of("gan images prepare: error: unknown config key 'sizes'"), bad.errLines());
    }

    // bad input: exit 1 and one line naming the file; nothing written
    @Test
    void badInputIsOneLine() throws IOException {
        idx("train", 2);
        Path labels = tmp.resolve("idx/train-labels-idx1-ubyte.gz");
        try (OutputStream o = new GZIPOutputStream(Files.newOutputStream(labels))) {
            o.write(new byte[] {0, 0, 8, 3, 0, 0, 0, 2});
        }
        Path out = tmp.resolve("ds");
        GanRunner.Run r = prepare("--input", tmp.resolve("idx").toString(), "--output", out.toString());
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("gan images prepare: error: " + labels
                + ": not an IDX labels file (magic 0x00000803, expected 0x00000801)"), r.errLines());
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(tmp)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().contains(".partial-")).toList());
        }
        Files.createDirectories(tmp.resolve("photos"));
        Files.writeString(tmp.resolve("photos/a.jpg"), "not a jpeg", StandardCharsets.US_ASCII);
        r = prepare("--input", tmp.resolve("photos").toString(), "--output", out.toString(), "--size", "8");
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("gan images prepare: error: " + tmp.resolve("photos/a.jpg")
                + ": not an image in a known format (PNG, JPEG, WebP, GIF, BMP)"), r.errLines());
        r = prepare("--input", tmp.resolve("photos").toString(), "--output", out.toString(), "--size", "8",
                "--skip-bad");
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("gan images prepare: error: " + tmp.resolve("photos") + ": no images (1 corrupt"
                + " images skipped)"), r.errLines());
    }

    // an existing dataset needs --force (exit 1 without); option problems are usage errors (exit 2)
    @Test
    void forceAndUsage() throws IOException {
        idx("train", 2);
        Path out = tmp.resolve("ds");
        assertEquals(0, prepare("--input", tmp.resolve("idx").toString(), "--output", out.toString()).code());
        GanRunner.Run again = prepare("--input", tmp.resolve("idx").toString(), "--output", out.toString());
        assertEquals(1, again.code());
        assertEquals(List.of("gan images prepare: error: " + out + ": already exists; use --force to replace it"),
                again.errLines());
        assertEquals(0, prepare("--input", tmp.resolve("idx").toString(), "--output", out.toString(), "--force")
                .code());
        GanRunner.Run ch = prepare("--input", tmp.resolve("idx").toString(), "--output", tmp.resolve("x").toString(),
                "--channels", "2");
        assertEquals(2, ch.code());
        assertEquals("gan images prepare: error: --channels must be 1 or 3, got 2", ch.errLines().get(0));
        GanRunner.Run valid = prepare("--input", tmp.resolve("idx").toString(), "--output",
                tmp.resolve("x").toString(), "--valid", "1");
        assertEquals(2, valid.code(), valid.toString());
        assertTrue(valid.errLines().get(0).contains("--valid applies to image folders and LSUN"), valid.toString());
        assertEquals(2, GanRunner.run("images", "fetch", "mnist").code());
        Files.createDirectories(tmp.resolve("photos"));
        ImageIO.write(new BufferedImage(3, 3, BufferedImage.TYPE_INT_RGB), "png", tmp.resolve("photos/a.png").toFile());
        GanRunner.Run names = prepare("--input", tmp.resolve("photos").toString(), "--output",
                tmp.resolve("x").toString(), "--size", "2", "--label-names", "a,b");
        assertEquals(2, names.code(), names.toString());
        assertEquals("gan images prepare: error: --label-names given, but " + tmp.resolve("photos")
                + " has no labels (no class folders)", names.errLines().get(0));
        GanRunner.Run size = prepare("--input", tmp.resolve("photos").toString(), "--output",
                tmp.resolve("x").toString());
        assertEquals(2, size.code(), size.toString());
        assertFalse(Files.exists(tmp.resolve("x")));
    }
}
