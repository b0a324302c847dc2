package io.ganlab.imagegan.classifier;

import io.ganlab.imagegan.data.ImagePrepareOptions;
import io.ganlab.imagegan.data.ImagePreparer;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * A synthetic 4-class image dataset whose labels are known by construction: a bright 5x5 square in one of the four
 * quadrants of a 16x16 grey image (label = quadrant, 0 top-left, 1 top-right, 2 bottom-left, 3 bottom-right) at a
 * random place inside it, over a noisy dark background. Written as MNIST IDX files and prepared with
 * {@link ImagePreparer}, as a user's dataset would be.
 */
final class QuadrantImages {
    static final int SIZE = 16;
    static final List<String> NAMES = List.of("top-left", "top-right", "bottom-left", "bottom-right");

    private QuadrantImages() {}

    /** Prepares a dataset of {@code train} + {@code valid} images in {@code dir}/ds from IDX files in dir/idx. */
    static Path prepare(Path dir, int train, int valid, long seed) throws IOException {
        Path idx = Files.createDirectories(dir.resolve("idx"));
        Random r = new Random(seed);
        write(idx, "train", train, r);
        write(idx, "t10k", valid, r);
        Path out = dir.resolve("ds");
        ImagePreparer.prepare(new ImagePrepareOptions(List.of(idx), out, null, null, 0, 1, false, NAMES, false),
                ImagePreparer.Progress.NONE);
        return out;
    }

    /** One image of the given class, {@code SIZE x SIZE} grey bytes. */
    static byte[] image(int label, Random r) {
        byte[] px = new byte[SIZE * SIZE];
        for (int i = 0; i < px.length; i++) {
            px[i] = (byte) r.nextInt(60);
        }
        int half = SIZE / 2;
        int y0 = (label / 2) * half + r.nextInt(half - 5 + 1);
        int x0 = (label % 2) * half + r.nextInt(half - 5 + 1);
        for (int y = y0; y < y0 + 5; y++) {
            for (int x = x0; x < x0 + 5; x++) {
                px[y * SIZE + x] = (byte) (180 + r.nextInt(76));
            }
        }
        return px;
    }

    private static void write(Path dir, String prefix, int n, Random r) throws IOException {
        byte[] px = new byte[n * SIZE * SIZE];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = i % 4;
            labels[i] = (byte) label;
            System.arraycopy(image(label, r), 0, px, i * SIZE * SIZE, SIZE * SIZE);
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), idx(0x803, new int[] {n, SIZE, SIZE}, px));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(0x801, new int[] {n}, labels));
    }

    /** IDX bytes: magic, big-endian dimensions, then the data. */
    private static byte[] idx(int magic, int[] dims, byte[] body) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(b)) {
            out.writeInt(magic);
            for (int d : dims) {
                out.writeInt(d);
            }
            out.write(body);
        }
        return b.toByteArray();
    }
}
