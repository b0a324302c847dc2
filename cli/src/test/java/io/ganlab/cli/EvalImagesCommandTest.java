package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.common.Json;
import io.ganlab.eval.image.FeatureStatistics;
import io.ganlab.eval.image.InceptionScore;
import io.ganlab.imagegan.classifier.ClassifierFeatures;
import io.ganlab.imagegan.classifier.ClassifierFile;
import io.ganlab.core.TorchScriptArchive;
import io.ganlab.imagegan.features.InceptionFeatures;
import io.ganlab.imagegan.classifier.ReferenceFeatures;
import io.ganlab.imagegan.data.DataSplit;
import io.ganlab.imagegan.data.ImageDataset;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gan eval classifier train} and {@code gan eval images} end to end on a small synthetic dataset: a bright
 * square in one of four quadrants of a 16x16 grey image, the label its quadrant.
 */
class EvalImagesCommandTest {
    @TempDir
    static Path tmp;

    static Path ds;
    static Path cls;

    @BeforeAll
    static void prepareAndTrain() throws IOException {
        Path idx = Files.createDirectories(tmp.resolve("idx"));
        Random r = new Random(11);
        writeIdx(idx, "train", 512, r);
        writeIdx(idx, "t10k", 200, r);
        ds = tmp.resolve("ds");
        GanRunner.Run prep = GanRunner.run("images", "prepare", "--input", idx.toString(), "--output", ds.toString());
        assertEquals(0, prep.code(), prep.toString());
        cls = tmp.resolve("q.cls");
        GanRunner.Run train = GanRunner.run("eval", "classifier", "train", "--dataset", ds.toString(), "--out",
                cls.toString(), "--epochs", "4", "--seed", "2");
        assertEquals(0, train.code(), train.toString());
        assertTrue(train.out().contains("held-out accuracy"), train.out());
    }

    // the dataset's train split against its own cached statistics: FID 0 up to rounding; the classifier score is
    // the inception-score formula on the same logits, computed here from the extractor directly
    @Test
    void datasetAgainstItselfScoresZeroFid() throws IOException {
        Path json = tmp.resolve("self.json");
        GanRunner.Run run = GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(),
                "--samples-split", "train", "--count", "512", "--features", "classifier:" + cls, "--json",
                json.toString());
        assertEquals(0, run.code(), run.toString());
        JsonNode j = Json.PRETTY.readTree(json.toFile());
        assertEquals(512, j.get("sample_count").asInt());
        assertEquals(512, j.get("reference_count").asInt());
        double fid = j.get("scores").get("classifier_fid").asDouble();
        assertEquals(0.0, fid, 1e-6, "FID of a set against itself");
        float[][] logits;
        try (ClassifierFeatures ex = ClassifierFeatures.open(cls)) {
            logits = ReferenceFeatures.extract(ImageDataset.open(ds), DataSplit.TRAIN, 512, ex).logits();
        }
        InceptionScore.Result expected = InceptionScore.fromLogits(logits, 10, InceptionScore.DEFAULT_SEED);
        assertEquals(expected.score(), j.get("scores").get("classifier_score").asDouble(), 1e-9);
        assertEquals(expected.std(), j.get("scores").get("classifier_score_std").asDouble(), 1e-9);
        // a confident 4-class classifier on balanced classes scores close to 4
        assertTrue(expected.score() > 3.5 && expected.score() <= 4.0, "score " + expected.score());
        assertTrue(run.out().contains("classifier score") && run.out().contains("classifier FID")
                && run.out().contains("classifier KID"), run.out());
        assertFalse(run.out().toLowerCase().contains("inception"), run.out());
    }

    // the reference is computed once, read from the cache afterwards, and recomputed when the cache was made
    // under another key (another extractor) or is damaged
    @Test
    void referenceCacheIsReusedAndStaleOnesRecomputed() throws IOException {
        String[] args = {"eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(), "--count", "100",
                "--metrics", "fid", "--features", "classifier:" + cls};
        GanRunner.Run first = GanRunner.run(args);
        assertEquals(0, first.code(), first.toString());
        GanRunner.Run second = GanRunner.run(args);
        assertEquals(0, second.code(), second.toString());
        assertTrue(second.err().contains("read from the cache"), second.err());
        assertFalse(second.err().contains("computing reference features"), second.err());
        assertEquals(fid(first.out()), fid(second.out()));

        Path stats = ds.resolve("features/train.classifier.fstats");
        FeatureStatistics.read(stats, keyOf());              // the cache is keyed as the command says
        FeatureStatistics.of(new float[][] {{1, 2}, {3, 5}}).write(stats, "classifier sha256=other");
        GanRunner.Run stale = GanRunner.run(args);
        assertEquals(0, stale.code(), stale.toString());
        assertTrue(stale.err().contains("recomputing") && stale.err().contains("computing reference features"),
                stale.err());
        assertEquals(fid(first.out()), fid(stale.out()));
        assertTrue(GanRunner.run(args).err().contains("read from the cache"));

        // another classifier (another seed, so another file hash): the cache is stale for it, and then for the
        // first one again
        Path other = tmp.resolve("other-seed.cls");
        assertEquals(0, GanRunner.run("eval", "classifier", "train", "--dataset", ds.toString(), "--out",
                other.toString(), "--epochs", "1", "--seed", "9").code());
        String[] withOther = args.clone();
        withOther[withOther.length - 1] = "classifier:" + other;
        GanRunner.Run switched = GanRunner.run(withOther);
        assertEquals(0, switched.code(), switched.toString());
        assertTrue(switched.err().contains("recomputing"), switched.err());
        assertTrue(switched.err().contains("made for 'dataset="), switched.err());
        GanRunner.Run back = GanRunner.run(args);
        assertTrue(back.err().contains("recomputing"), back.err());
        assertEquals(fid(first.out()), fid(back.out()));
    }

    // a folder of PNGs of the first 100 valid images scores exactly like those images read from the dataset
    @Test
    void folderOfPngsScoresLikeTheSameImagesFromTheDataset() throws IOException {
        Path folder = Files.createDirectories(tmp.resolve("pngs"));
        ImageDataset d = ImageDataset.open(ds);
        byte[] px = new byte[256];
        for (int i = 0; i < 100; i++) {
            d.image(DataSplit.VALID, i, px, 0);
            BufferedImage img = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_GRAY);
            img.getRaster().setDataElements(0, 0, 16, 16, px.clone());
            ImageIO.write(img, "png", folder.resolve(String.format("sample-%05d.png", i)).toFile());
        }
        GanRunner.Run fromFolder = GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples",
                folder.toString(), "--count", "100", "--features", "classifier:" + cls, "--metrics", "is,fid");
        GanRunner.Run fromDataset = GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples",
                ds.toString(), "--count", "100", "--features", "classifier:" + cls, "--metrics", "is,fid");
        assertEquals(0, fromFolder.code(), fromFolder.toString());
        assertEquals(0, fromDataset.code(), fromDataset.toString());
        assertEquals(table(fromDataset.out()), table(fromFolder.out()));
    }

    // --floor scores as many valid images the same way and prints them beside the samples' scores with the counts
    @Test
    void floorIsPrintedBesideTheScores() {
        GanRunner.Run run = GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(),
                "--samples-split", "train", "--count", "150", "--floor", "--features", "classifier:" + cls);
        assertEquals(0, run.code(), run.toString());
        assertTrue(run.out().contains("floor_n"), run.out());
        assertTrue(run.out().contains("floor: the first 150 images of the valid split"), run.out());
        String fidRow = run.out().lines().filter(l -> l.startsWith("classifier FID")).findFirst().orElseThrow();
        String[] cols = fidRow.substring("classifier FID".length()).trim().split("\\s+");
        assertEquals(List.of("-", "150", "512", "-", "150"), List.of(cols[1], cols[2], cols[3], cols[5], cols[6]));
    }

    // Inception: a missing, different or damaged file is one line and exit 1, before anything is scored
    @Test
    void inceptionFileIsChecked() throws IOException {
        Path missing = tmp.resolve("no-such.pt");
        GanRunner.Run a = GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(),
                "--features", "inception:" + missing);
        assertEquals(1, a.code(), a.toString());
        assertEquals(List.of("gan eval images: error: Inception network " + missing + ": no such file; nothing is"
                + " downloaded here: get inception-2015-12-05.pt from " + InceptionFeatures.URL + " (SHA-256 "
                + InceptionFeatures.SHA256 + ")"), a.errLines());
        assertEquals("", a.out());
        // a well-formed TorchScript file that is not the network, and a damaged (truncated) copy of it
        Path other = linearModel(tmp.resolve("other.pt"));
        byte[] all = Files.readAllBytes(other);
        Path damaged = Files.write(tmp.resolve("damaged.pt"), java.util.Arrays.copyOf(all, all.length - 100));
        for (Path p : List.of(other, damaged)) {
            GanRunner.Run b = GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(),
                    "--features", "inception:" + p);
            assertEquals(1, b.code(), b.toString());
            assertEquals(List.of("gan eval images: error: Inception network " + p + ": SHA-256 "
                    + io.ganlab.common.HashingInputStream.sha256(p) + ", not that of inception-2015-12-05.pt ("
                    + InceptionFeatures.SHA256 + "): a different or damaged file; get it again from "
                    + InceptionFeatures.URL), b.errLines());
            assertEquals("", b.out());
        }
    }

    /** Weights of the test's TorchScript model: logits = head . x over the 256 scaled pixels. */
    static final float[] HEAD = new float[4 * 256];

    static {
        Random r = new Random(21);
        for (int i = 0; i < HEAD.length; i++) {
            HEAD[i] = (float) (r.nextGaussian() * 0.2);
        }
    }

    /**
     * A TorchScript model written here (no Python): for x of shape (N, 1, 16, 16) it returns the tuple
     * (logits = flatten(x) head^T, features = flatten(x)).
     */
    static Path linearModel(Path file) throws IOException {
        String code = """
                class Model(Module):
                  __parameters__ = ["head", ]
                  __buffers__ = []
                  head : Tensor
                  training : bool
                  def forward(self: __torch__.Model,
                    x: Tensor) -> Tuple[Tensor, Tensor]:
                    f = torch.flatten(x, 1)
                    return (torch.linear(f, self.head), f)
                """;
        return Files.write(file, TorchScriptArchive.write("model", code, TorchScriptArchive.Module.of("Model",
                "head", new TorchScriptArchive.Tensor(HEAD, 4, 256))));
    }

    // a TorchScript model end to end: the dataset against itself has model FID 0, and the model score is the
    // inception-score formula on logits computed here by brute force from the pixels (scaled 0..1 as declared)
    @Test
    void torchScriptModelEndToEnd() throws IOException {
        Path model = linearModel(tmp.resolve("linear.pt"));
        Path json = tmp.resolve("ts.json");
        GanRunner.Run run = GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(),
                "--samples-split", "train", "--count", "512", "--features", "torchscript:" + model, "--input",
                "1x16x16", "--input-range", "0,1", "--output", "logits,features", "--json", json.toString());
        assertEquals(0, run.code(), run.toString());
        JsonNode j = Json.PRETTY.readTree(json.toFile());
        assertEquals(0.0, j.get("scores").get("model_fid").asDouble(), 1e-6, "FID of a set against itself");
        assertEquals(io.ganlab.common.HashingInputStream.sha256(model), j.get("extractor_sha256").asText());
        ImageDataset d = ImageDataset.open(ds);
        float[][] logits = new float[512][4];
        byte[] px = new byte[256];
        for (int i = 0; i < 512; i++) {
            d.image(DataSplit.TRAIN, i, px, 0);
            for (int k = 0; k < 4; k++) {
                double v = 0;
                for (int p = 0; p < 256; p++) {
                    v += HEAD[k * 256 + p] * ((px[p] & 0xff) / 255.0);
                }
                logits[i][k] = (float) v;
            }
        }
        InceptionScore.Result expected = InceptionScore.fromLogits(logits, 10, InceptionScore.DEFAULT_SEED);
        assertEquals(expected.score(), j.get("scores").get("model_score").asDouble(), 1e-4 * expected.score());
        assertTrue(run.out().contains("model score") && run.out().contains("model FID"), run.out());
        assertTrue(Files.isRegularFile(ds.resolve("features/train.torchscript.fstats")));

        // a model that is not TorchScript is one line, exit 1; options that do not fit are usage errors, exit 2
        Path text = Files.writeString(tmp.resolve("text.pt"), "not a model");
        GanRunner.Run bad = GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(),
                "--features", "torchscript:" + text, "--input", "1x16x16", "--output", "logits,features");
        assertEquals(1, bad.code(), bad.toString());
        assertEquals(1, bad.errLines().size(), bad.toString());
        assertTrue(bad.err().contains(text + ": not a TorchScript model that libtorch can load"), bad.err());
        String[] base = {"eval", "images", "--dataset", ds.toString(), "--samples", ds.toString()};
        assertEquals(2, GanRunner.run(concat(base, "--features", "torchscript:" + model)).code(), "no --input");
        assertEquals(2, GanRunner.run(concat(base, "--features", "torchscript:" + model, "--input", "1x16",
                "--output", "features")).code());
        assertEquals(2, GanRunner.run(concat(base, "--features", "classifier:" + cls, "--input", "1x16x16")).code());
        GanRunner.Run featuresOnly = GanRunner.run(concat(base, "--features", "torchscript:" + model, "--input",
                "1x16x16", "--output", "features"));
        assertEquals(1, featuresOnly.code(), "the model returns two tensors, not the one declared");
        assertTrue(featuresOnly.err().contains("forward returned 2 tensors; --output features declares 1"),
                featuresOnly.err());
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    // bad options are usage errors (exit 2); a damaged classifier and an existing --json are one line, exit 1
    @Test
    void badInputIsRefused() throws IOException {
        assertEquals(2, GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(),
                "--features", "resnet:" + cls).code());
        assertEquals(2, GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(),
                "--features", "classifier:" + cls, "--metrics", "is,lpips").code());
        byte[] bytes = Files.readAllBytes(cls);
        bytes[bytes.length / 2] ^= 1;
        Path bad = tmp.resolve("bad.cls");
        Files.write(bad, bytes);
        GanRunner.Run r = GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(),
                "--features", "classifier:" + bad);
        assertEquals(1, r.code(), r.toString());
        assertEquals(List.of("gan eval images: error: " + bad + ": damaged (its checksum does not match its"
                + " content); train it again or copy it again"), r.errLines());
        Path json = Files.writeString(tmp.resolve("exists.json"), "{}");
        GanRunner.Run e = GanRunner.run("eval", "images", "--dataset", ds.toString(), "--samples", ds.toString(),
                "--features", "classifier:" + cls, "--json", json.toString());
        assertEquals(1, e.code(), e.toString());
        assertEquals("{}", Files.readString(json));
        String before = ClassifierFile.sha256(cls);
        GanRunner.Run t = GanRunner.run("eval", "classifier", "train", "--dataset", ds.toString(), "--out",
                cls.toString());
        assertEquals(1, t.code(), t.toString());
        assertEquals(before, ClassifierFile.sha256(cls), "--out without --force left untouched");
    }

    private static String keyOf() throws IOException {
        try (ClassifierFeatures ex = ClassifierFeatures.open(cls)) {
            return ReferenceFeatures.key(ImageDataset.open(ds), ex);
        }
    }

    private static String fid(String out) {
        return out.lines().filter(l -> l.startsWith("classifier FID")).findFirst().orElseThrow();
    }

    private static List<String> table(String out) {
        return out.lines().filter(l -> l.startsWith("classifier ")).toList();
    }

    private static void writeIdx(Path dir, String prefix, int n, Random r) throws IOException {
        byte[] px = new byte[n * 256];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int label = i % 4;
            labels[i] = (byte) label;
            for (int k = 0; k < 256; k++) {
                px[i * 256 + k] = (byte) r.nextInt(60);
            }
            int y0 = (label / 2) * 8 + r.nextInt(4);
            int x0 = (label % 2) * 8 + r.nextInt(4);
            for (int y = y0; y < y0 + 5; y++) {
                for (int x = x0; x < x0 + 5; x++) {
                    px[i * 256 + y * 16 + x] = (byte) (180 + r.nextInt(76));
                }
            }
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), idx(0x803, new int[] {n, 16, 16}, px));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(0x801, new int[] {n}, labels));
    }

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
