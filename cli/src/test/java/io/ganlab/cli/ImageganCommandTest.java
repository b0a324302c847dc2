package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan imagegan train|sample} end to end on a tiny IDX dataset, and their refusals. */
class ImageganCommandTest {
    @TempDir
    static Path tmp;
    static Path data;
    static Path run;

    static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        DataOutputStream d = new DataOutputStream(b);
        d.writeInt(magic);
        for (int x : dims) {
            d.writeInt(x);
        }
        d.write(body);
        return b.toByteArray();
    }

    static void images(Path dir, String prefix, int n) throws IOException {
        Random r = new Random(prefix.hashCode());
        byte[] px = new byte[n * 784];
        r.nextBytes(px);
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            labels[i] = (byte) r.nextInt(10);
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), idx(0x803, new int[] {n, 28, 28}, px));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(0x801, new int[] {n}, labels));
    }

    @BeforeAll
    static void trainOnce() throws IOException {
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        images(raw, "train", 120);
        images(raw, "t10k", 40);
        data = tmp.resolve("data");
        GanRunner.Run p = GanRunner.run("images", "prepare", "--input", raw.toString(), "--output", data.toString());
        assertEquals(0, p.code(), p.err());
        run = tmp.resolve("run");
        GanRunner.Run t = GanRunner.run("imagegan", "train", "--dataset", data.toString(), "--out", run.toString(),
                "--preset", "cpu-fashion", "--iterations", "2", "--minutes", "0", "--batch", "8", "--critic-iters", "1",
                "--eval-every", "2", "--eval-samples", "4", "--device", "cpu", "-q");
        assertEquals(0, t.code(), t.err());
    }

    // a run writes its grids; sample writes a grid or a directory of images of the dataset's size
    @Test
    void trainsAndSamples() throws IOException {
        assertTrue(Files.isRegularFile(run.resolve("samples/iter-00000002.png")));
        Path grid = tmp.resolve("grid.png");
        GanRunner.Run r = GanRunner.run("imagegan", "sample", "--run", run.toString(), "--count", "9", "--out",
                grid.toString());
        assertEquals(0, r.code(), r.err());
        BufferedImage g = ImageIO.read(grid.toFile());
        assertEquals(3 * 29 + 1, g.getWidth());
        Path dir = tmp.resolve("each");
        r = GanRunner.run("imagegan", "sample", "--run", run.toString(), "--count", "3", "--out", dir.toString());
        assertEquals(0, r.code(), r.err());
        try (var s = Files.list(dir)) {
            assertEquals(3, s.count());
        }
        // the same seed gives the same pictures
        Path again = tmp.resolve("grid2.png");
        GanRunner.run("imagegan", "sample", "--run", run.toString(), "--count", "9", "--out", again.toString());
        assertTrue(java.util.Arrays.equals(Files.readAllBytes(grid), Files.readAllBytes(again)));
    }

    // the AC-GAN ResNet trains on labelled 32x32 RGB images; sample --label K draws one class, and the labels of
    // another class give other pictures from the same noise
    @Test
    void acganTrainsAndSamplesByClass() throws IOException {
        Path rgb = tmp.resolve("rgb");
        GanRunner.Run p = GanRunner.run("images", "prepare", "--input", tmp.resolve("raw").toString(), "--output",
                rgb.toString(), "--size", "32", "--channels", "3");
        assertEquals(0, p.code(), p.err());
        Path acgan = tmp.resolve("acgan");
        GanRunner.Run t = GanRunner.run("imagegan", "train", "--dataset", rgb.toString(), "--out", acgan.toString(),
                "--preset", "cifar-resnet-acgan", "--dim", "16", "--iterations", "2", "--batch", "8",
                "--critic-iters", "1", "--eval-every", "2", "--device", "cpu", "-q");
        assertEquals(0, t.code(), t.err());
        Path three = tmp.resolve("class3.png");
        Path four = tmp.resolve("class4.png");
        assertEquals(0, GanRunner.run("imagegan", "sample", "--run", acgan.toString(), "--count", "4", "--label", "3",
                "--out", three.toString()).code());
        assertEquals(0, GanRunner.run("imagegan", "sample", "--run", acgan.toString(), "--count", "4", "--label", "4",
                "--out", four.toString()).code());
        assertTrue(!java.util.Arrays.equals(Files.readAllBytes(three), Files.readAllBytes(four)));
        TextganCommandTest.assertError(2, "--label must lie in 0..9", GanRunner.run("imagegan", "sample", "--run",
                acgan.toString(), "--label", "10", "--out", tmp.resolve("no.png").toString()));
        TextganCommandTest.assertError(2, "--label is for a conditional run", GanRunner.run("imagegan", "sample",
                "--run", run.toString(), "--label", "1", "--out", tmp.resolve("no.png").toString()));
        assertTrue(!Files.exists(tmp.resolve("no.png")));
    }

    // bad input: one error line and the documented exit code; nothing created
    @Test
    void refusals() throws IOException {
        Path never = tmp.resolve("never");
        TextganCommandTest.assertError(2, "unknown architecture 'vgg'", GanRunner.run("imagegan", "train", "--dataset",
                data.toString(), "--out", never.toString(), "--arch", "vgg"));
        TextganCommandTest.assertError(1, "architecture cifar-dcgan takes 3x32x32", GanRunner.run("imagegan", "train",
                "--dataset", data.toString(), "--out", never.toString()));
        TextganCommandTest.assertError(1, "already holds a run", GanRunner.run("imagegan", "train", "--dataset",
                data.toString(), "--out", run.toString(), "--preset", "cpu-fashion", "--iterations", "1"));
        TextganCommandTest.assertError(2, "a resumed run keeps the one in", GanRunner.run("imagegan", "train", "--out",
                run.toString(), "--resume", "--preset", "mnist"));
        // no silent CPU fallback: a GPU asked of the CPU build of libtorch is one line, nothing created
        TextganCommandTest.assertError(1, "--device gpu: the libtorch loaded is the CPU build", GanRunner.run("imagegan",
                "train", "--dataset", data.toString(), "--out", never.toString(), "--preset", "cpu-fashion",
                "--device", "gpu"));
        TextganCommandTest.assertError(1, "--device must be cpu, gpu or gpu:N", GanRunner.run("textgan", "train",
                "--dataset", data.toString(), "--out", never.toString(), "--device", "tpu"));
        TextganCommandTest.assertError(1, "Inception network " + tmp.resolve("none.pt") + ": no such file",
                GanRunner.run("imagegan", "train", "--dataset", data.toString(), "--out", never.toString(), "--preset",
                        "cpu-fashion", "--inception", tmp.resolve("none.pt").toString()));
        Files.writeString(tmp.resolve("other.pt"), "not the network");
        TextganCommandTest.assertError(1, "a different or damaged file", GanRunner.run("imagegan", "train",
                "--dataset", data.toString(), "--out", never.toString(), "--preset", "cpu-fashion", "--inception",
                tmp.resolve("other.pt").toString()));
        Path grid = tmp.resolve("exists.png");
        Files.writeString(grid, "mine");
        TextganCommandTest.assertError(2, "exists; pass --force", GanRunner.run("imagegan", "sample", "--run",
                run.toString(), "--out", grid.toString()));
        assertEquals("mine", Files.readString(grid));
        assertTrue(!Files.exists(never));
    }
}
