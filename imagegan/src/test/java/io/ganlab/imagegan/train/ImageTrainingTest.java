package io.ganlab.imagegan.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.common.Json;
import io.ganlab.common.MetricKeys;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingException;
import io.ganlab.core.TrainingListener;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.data.ImageGrid;
import io.ganlab.imagegan.data.ImagePrepareOptions;
import io.ganlab.imagegan.data.ImagePreparer;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An image GAN on the shared training session: a tiny MNIST-shaped run, its grids, exact resume, refusals. */
class ImageTrainingTest {
    @TempDir
    static Path tmp;
    static ImageDataset data;

    /** IDX bytes: magic, dimensions, then the data (big-endian), as the MNIST files are laid out. */
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

    /** 28x28 images of one bright 8x8 square on black at a random place, label = its quadrant. */
    static void squares(Path dir, String prefix, int n, long seed) throws IOException {
        Random r = new Random(seed);
        byte[] px = new byte[n * 784];
        byte[] labels = new byte[n];
        for (int i = 0; i < n; i++) {
            int y0 = r.nextInt(21);
            int x0 = r.nextInt(21);
            for (int y = y0; y < y0 + 8; y++) {
                for (int x = x0; x < x0 + 8; x++) {
                    px[i * 784 + y * 28 + x] = (byte) 255;
                }
            }
            labels[i] = (byte) ((y0 >= 10 ? 2 : 0) + (x0 >= 10 ? 1 : 0));
        }
        Files.write(dir.resolve(prefix + "-images-idx3-ubyte"), idx(0x803, new int[] {n, 28, 28}, px));
        Files.write(dir.resolve(prefix + "-labels-idx1-ubyte"), idx(0x801, new int[] {n}, labels));
    }

    @BeforeAll
    static void dataset() throws IOException {
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        squares(raw, "train", 300, 1);
        squares(raw, "t10k", 100, 2);
        Path out = tmp.resolve("squares");
        ImagePreparer.prepare(new ImagePrepareOptions(List.of(raw), out, null, null, 0, 1, false, null, false),
                ImagePreparer.Progress.NONE);
        data = ImageDataset.open(out);
    }

    static ObjectNode tiny(long iterations) {
        ObjectNode t = ImageGanConfig.preset("cpu-fashion");
        ObjectNode over = Json.PRETTY.createObjectNode();
        over.putObject("model").put("dim", 16);
        over.putObject("schedule").put("iterations", iterations).put("minutes", 0).put("batch", 16)
                .put("criticIters", 2).put("evalEvery", 3).put("checkpointEvery", 3);
        over.putObject("eval").put("grid", 16);
        ConfigTree.merge(t, over);
        return t;
    }

    static List<JsonNode> metrics(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            out.add(Json.LINE.readTree(l));
        }
        return out;
    }

    // a run logs train lines and evaluations at 0, 3 and 6, each with a PNG grid of 16 fixed-noise samples
    @Test
    void tinyRunWritesMetricsAndGrids() throws IOException {
        Path dir = tmp.resolve("run");
        ImageGanConfig cfg = ImageTraining.configFor(tiny(6), data);
        assertEquals(Trainer.Outcome.FINISHED, ImageTraining.train(cfg, data, new RunDirectory(dir), false, false,
                TrainingListener.NONE));
        List<JsonNode> lines = metrics(dir);
        assertEquals(List.of(0L, 3L, 6L), lines.stream().filter(n -> n.get(MetricKeys.KIND).asText().equals("eval"))
                .map(n -> n.get(MetricKeys.ITERATION).asLong()).toList());
        assertEquals(6, lines.stream().filter(n -> n.get(MetricKeys.KIND).asText().equals("train")).count());
        for (long it : new long[] {0, 3, 6}) {
            BufferedImage grid = ImageIO.read(dir.resolve(String.format("samples/iter-%08d.png", it)).toFile());
            // 4 x 4 images of 28 pixels enlarged 2x (a grid at least ~256 wide), one black pixel between them
            assertEquals(4 * (28 * 2 + 1) + 1, grid.getWidth());
            assertEquals(grid.getWidth(), grid.getHeight());
        }
        JsonNode saved = Json.LINE.readTree(dir.resolve("config.json").toFile());
        assertEquals("NONE", saved.get("model").get("criticNorm").asText().toUpperCase());
        assertEquals(16, saved.get("model").get("dim").asInt());
    }

    // with a domain classifier, every evaluation logs its classifier score, FID and KID of the generated images
    @Test
    void classifierScoresAreLogged() throws IOException {
        Path cls = tmp.resolve("squares.cls");
        try (NDManager m = NDManager.newBaseManager()) {
            var t = io.ganlab.imagegan.classifier.ClassifierTraining.train(data,
                    new io.ganlab.imagegan.classifier.ClassifierTraining.Options(1, 3, 32, 1e-3f,
                            io.ganlab.imagegan.classifier.ClassifierNetwork.Architecture.DEFAULT), m, s -> {});
            io.ganlab.imagegan.classifier.ClassifierFile.write(cls, t.network(), t.info());
        }
        ObjectNode tree = tiny(3);
        ((ObjectNode) tree.get("eval")).put("classifier", cls.toString()).put("samples", 40);
        Path dir = tmp.resolve("scored");
        ImageTraining.train(ImageTraining.configFor(tree, data), data, new RunDirectory(dir), false, false,
                TrainingListener.NONE);
        List<JsonNode> evals = metrics(dir).stream().filter(n -> n.get(MetricKeys.KIND).asText().equals("eval"))
                .toList();
        assertEquals(2, evals.size());
        for (JsonNode e : evals) {
            assertEquals(40, e.get(MetricKeys.SAMPLES).asInt());
            double score = e.get(MetricKeys.CLASSIFIER_SCORE).asDouble();
            assertTrue(score >= 1 && score <= 4, "a classifier score lies in [1, classes]: " + score);
            assertTrue(e.get(MetricKeys.CLASSIFIER_FID).asDouble() >= 0, e.toString());
            assertTrue(Double.isFinite(e.get(MetricKeys.CLASSIFIER_KID).asDouble()), e.toString());
            // the real-data line: held-out real squares score better than an untrained generator's noise
            assertTrue(e.get(MetricKeys.CLASSIFIER_FID_FLOOR).asDouble() < e.get(MetricKeys.CLASSIFIER_FID).asDouble(),
                    e.toString());
        }
    }

    // the AC-GAN ResNet (at DIM 16) trains on labelled 32x32 RGB images: its train lines carry the class losses
    // and accuracies, its grid draws 10 x 10 fixed-noise samples, and it resumes to the same metrics
    @Test
    void acganRunLogsItsClassLossesAndResumes() throws IOException {
        Path out = tmp.resolve("squares32");
        ImagePreparer.prepare(new ImagePrepareOptions(List.of(tmp.resolve("raw")), out, 32, 3, 0, 1, false, null,
                false), ImagePreparer.Progress.NONE);
        ImageDataset rgb = ImageDataset.open(out);
        ObjectNode tree = ImageGanConfig.preset("cifar-resnet-acgan");
        ObjectNode over = Json.PRETTY.createObjectNode();
        over.putObject("model").put("dim", 16);
        over.putObject("schedule").put("iterations", 4).put("linearDecay", false).put("batch", 8)
                .put("criticIters", 2).put("evalEvery", 2).put("checkpointEvery", 2);
        ConfigTree.merge(tree, over);
        ImageGanConfig cfg = ImageTraining.configFor(tree, rgb);
        assertEquals(1.0, cfg.model().acganScale());
        assertEquals(0.1, cfg.model().acganScaleG());
        Path straight = tmp.resolve("acgan");
        ImageTraining.train(cfg, rgb, new RunDirectory(straight), false, false, TrainingListener.NONE);
        List<JsonNode> train = metrics(straight).stream()
                .filter(n -> n.get(MetricKeys.KIND).asText().equals("train")).toList();
        assertEquals(4, train.size());
        for (JsonNode n : train) {
            // an untrained 10-class head: cross-entropy near ln 10, accuracies in [0, 1]
            assertTrue(n.get(MetricKeys.CLASS_LOSS).asDouble() > 0.5 && n.get(MetricKeys.CLASS_LOSS).asDouble() < 20,
                    n.toString());
            assertTrue(n.get(MetricKeys.GENERATOR_CLASS_LOSS).asDouble() > 0, n.toString());
            for (String k : List.of(MetricKeys.CLASS_ACCURACY_REAL, MetricKeys.CLASS_ACCURACY_FAKE)) {
                assertTrue(n.get(k).asDouble() >= 0 && n.get(k).asDouble() <= 1, n.toString());
            }
        }
        BufferedImage grid = ImageIO.read(straight.resolve("samples/iter-00000004.png").toFile());
        assertEquals(10 * (32 + 1) + 1, grid.getWidth());   // 10 x 10 images, already ~256 wide at scale 1
        // stopped at 2 and resumed to 4: the same class losses (the labels are part of the exact replay)
        Path stopped = tmp.resolve("acgan-stopped");
        ObjectNode half = tree.deepCopy();
        ((ObjectNode) half.get("schedule")).put("iterations", 2);
        ImageTraining.train(ImageTraining.configFor(half, rgb), rgb, new RunDirectory(stopped), false, false,
                TrainingListener.NONE);
        ObjectNode more = Json.PRETTY.createObjectNode();
        more.putObject("schedule").put("iterations", 4);
        ImageTraining.train(ImageTraining.resumedConfig(new RunDirectory(stopped), more), rgb,
                new RunDirectory(stopped), true, false, TrainingListener.NONE);
        List<JsonNode> resumed = metrics(stopped).stream()
                .filter(n -> n.get(MetricKeys.KIND).asText().equals("train")).toList();
        for (int i = 0; i < 4; i++) {
            for (String k : List.of(MetricKeys.CRITIC_LOSS, MetricKeys.CLASS_LOSS, MetricKeys.GENERATOR_CLASS_LOSS)) {
                double x = train.get(i).get(k).asDouble();
                assertEquals(x, resumed.get(i).get(k).asDouble(), 1e-5 * (1 + Math.abs(x)), "line " + i + " " + k);
            }
        }
    }

    /** Quadrant brightness as 4 logits and 4 pool features: a deterministic stand-in for a network. */
    static io.ganlab.eval.image.FeatureExtractor quadrants(String id) {
        return new io.ganlab.eval.image.FeatureExtractor() {
            public String id() {
                return id;
            }

            public int classes() {
                return 4;
            }

            public int featureDimension() {
                return 4;
            }

            public io.ganlab.eval.image.ExtractedFeatures extract(io.ganlab.eval.image.ImageBatch b) {
                float[][] rows = new float[b.count()][4];
                int per = b.channels() * b.height() * b.width();
                for (int i = 0; i < b.count(); i++) {
                    for (int y = 0; y < b.height(); y++) {
                        for (int x = 0; x < b.width(); x++) {
                            int q = (y < b.height() / 2 ? 0 : 2) + (x < b.width() / 2 ? 0 : 1);
                            rows[i][q] += (b.pixels()[i * per + y * b.width() + x] & 0xFF) / 255f / 196;
                        }
                    }
                }
                return new io.ganlab.eval.image.ExtractedFeatures(rows, rows);
            }

            public void close() {}
        };
    }

    // an evaluation scored by two extractors logs each one's scores and real-data lines under its own names (the
    // Inception names for the second): score, FID and KID, with what held-out real images score beside them
    @Test
    void twoExtractorsScoreUnderTheirOwnNames() throws IOException {
        List<ImageEvaluation.Scoring> scorings = new ArrayList<>();
        for (var names : List.of(io.ganlab.imagegan.classifier.ClassifierScores.Names.CLASSIFIER,
                io.ganlab.imagegan.classifier.ClassifierScores.Names.INCEPTION)) {
            var extractor = quadrants("quadrants-" + names.score());
            var reference = io.ganlab.imagegan.classifier.ReferenceFeatures.train(data, extractor, m -> {});
            scorings.add(new ImageEvaluation.Scoring(extractor, names, reference, 50,
                    ImageTraining.realFloor(data, extractor, names, reference, 50)));
        }
        ImageEvaluation ev = new ImageEvaluation(data.shape(), PixelRange.UNIT, 4, scorings);
        io.ganlab.core.Evaluation.Sampler sampler = new io.ganlab.core.Evaluation.Sampler() {
            public NDArray sample(NDManager m, int count) {
                return m.randomUniform(0f, 1f, new ai.djl.ndarray.types.Shape(count, 1, 28, 28));
            }

            public NDArray fixed(NDManager m, int count) {
                return sample(m, count);
            }
        };
        RunDirectory run = new RunDirectory(Files.createDirectories(tmp.resolve("two-extractors")));
        java.util.Map<String, Object> line = ev.evaluate(0, sampler, run);
        for (String key : List.of(MetricKeys.CLASSIFIER_SCORE, MetricKeys.CLASSIFIER_FID, MetricKeys.CLASSIFIER_KID,
                MetricKeys.INCEPTION_SCORE, MetricKeys.FID, MetricKeys.KID)) {
            assertTrue(line.get(key) instanceof Double, key + " in " + line);
            assertTrue(line.get(MetricKeys.realDataKey(key)) instanceof Double, key + " floor in " + line);
        }
        // uniform noise is far from black squares, real held-out squares are near the training squares
        assertTrue((Double) line.get(MetricKeys.FID_FLOOR) < (Double) line.get(MetricKeys.FID), line.toString());
        // both extractors compute the same function here, so both names carry the same numbers
        assertEquals((Double) line.get(MetricKeys.CLASSIFIER_FID), (Double) line.get(MetricKeys.FID), 1e-12);
        ev.close();
    }

    // the class-loss weights belong to a conditional architecture only
    @Test
    void acganWeightsNeedAConditionalArchitecture() {
        ObjectNode t = tiny(1);
        ((ObjectNode) t.get("model")).put("acganScale", 1.0);
        RuntimeException e = assertThrows(RuntimeException.class, () -> ImageTraining.configFor(t, data));
        assertTrue(e.getMessage().contains("acganScale"), e.getMessage());
    }

    // stopped at 3 and resumed to 6, a run logs what a run straight to 6 logs
    @Test
    void resumeGivesTheSameMetrics() throws IOException {
        Path straight = tmp.resolve("straight");
        Path stopped = tmp.resolve("stopped");
        ImageTraining.train(ImageTraining.configFor(tiny(6), data), data, new RunDirectory(straight), false, false,
                TrainingListener.NONE);
        ImageTraining.train(ImageTraining.configFor(tiny(3), data), data, new RunDirectory(stopped), false, false,
                TrainingListener.NONE);
        ObjectNode more = Json.PRETTY.createObjectNode();
        more.putObject("schedule").put("iterations", 6);
        ImageTraining.train(ImageTraining.resumedConfig(new RunDirectory(stopped), more), data,
                new RunDirectory(stopped), true, false, TrainingListener.NONE);
        List<JsonNode> a = metrics(straight);
        List<JsonNode> b = metrics(stopped);
        assertEquals(a.size(), b.size());
        for (int i = 0; i < a.size(); i++) {
            for (String k : List.of(MetricKeys.CRITIC_LOSS, MetricKeys.GENERATOR_LOSS, MetricKeys.CRITIC_TRAIN,
                    MetricKeys.CRITIC_VALID)) {
                if (a.get(i).has(k)) {
                    double x = a.get(i).get(k).asDouble();
                    assertEquals(x, b.get(i).get(k).asDouble(), 1e-5 * (1 + Math.abs(x)), "line " + i + " " + k);
                }
            }
        }
        // the grids of the resumed run are the same pictures as the straight run's (same fixed noise, same weights)
        assertArrayEquals(Files.readAllBytes(straight.resolve("samples/iter-00000006.png")),
                Files.readAllBytes(stopped.resolve("samples/iter-00000006.png")));
    }

    // every preset binds to a valid config for a dataset of its architecture's shape, with the architecture and
    // objective its file names and a critic normalisation allowed with that objective
    @Test
    void everyPresetBinds() {
        for (String name : ImageGanConfig.PRESETS) {
            ObjectNode t = ImageGanConfig.preset(name);
            io.ganlab.imagegan.nets.ImageArchitecture a = io.ganlab.imagegan.nets.ImageArchitecture.named(
                    t.get("model").get("arch").asText());
            ((ObjectNode) t.get("data")).put("path", "/x").put("checksum", "c").put("channels", a.channels())
                    .put("height", a.imageSize()).put("width", a.imageSize());
            ImageGanConfig cfg = ImageGanConfig.of(t);
            assertEquals(name, cfg.preset());
            assertTrue(cfg.model().dim() > 0, name);
            boolean penalty = cfg.objective().name().equals("wgan-gp") || cfg.objective().name().equals("fogan");
            assertTrue(!penalty || cfg.model().criticNorm() != io.ganlab.imagegan.nets.CriticNorm.BATCH, name);
        }
        assertEquals("wgan-clip", ImageGanConfig.of(withData(ImageGanConfig.preset("lsun-wgan-clip")))
                .objective().name());
    }

    private static ObjectNode withData(ObjectNode t) {
        ((ObjectNode) t.get("data")).put("path", "/x").put("checksum", "c").put("channels", 3).put("height", 64)
                .put("width", 64);
        return t;
    }

    // an architecture whose images are not the dataset's is refused with the prepare command that fits
    @Test
    void refusesAnotherImageShape() {
        ObjectNode t = ImageGanConfig.preset("cifar-wgan-gp");
        TrainingException e = assertThrows(TrainingException.class, () -> ImageTraining.configFor(t, data));
        assertTrue(e.getMessage().contains("architecture cifar-dcgan takes 3x32x32")
                && e.getMessage().contains("--size 32 --channels 3"), e.getMessage());
    }

    // a critic with batch norm under a gradient penalty is refused, naming layer norm
    @Test
    void refusesBatchNormWithAPenalty() {
        ObjectNode t = tiny(1);
        ((ObjectNode) t.get("model")).put("criticNorm", "batch");
        RuntimeException e = assertThrows(RuntimeException.class, () -> ImageTraining.configFor(t, data));
        assertTrue(e.getMessage().contains("layer normalisation"), e.getMessage());
    }

    // real batches: MNIST networks see [0, 1]; batch i is the same whenever it is asked for
    @Test
    void batchesAreInRangeAndAFunctionOfTheirIndex() {
        ImageBatches b = new ImageBatches(data, PixelRange.UNIT, 0, 7, 16);
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray later = b.batch(m, 40, 16);
            NDArray first = b.batch(m, 0, 16);
            assertEquals(0f, first.min().getFloat());
            assertEquals(1f, first.max().getFloat());
            assertArrayEquals(later.toFloatArray(), b.batch(m, 40, 16).toFloatArray());
            // 300 images make 18 batches of 16 an epoch: batch 18 starts a new order of all 300
            assertEquals(16, java.util.Arrays.stream(b.images(18, 16)).distinct().count());
        }
        ImageBatches limited = new ImageBatches(data, PixelRange.SIGNED, 20, 7, 16);
        for (long i = 0; i < 10; i++) {
            for (long k : limited.images(i, 16)) {
                assertTrue(k < 20, "only the first 20 training images: " + k);
            }
        }
    }

    // pixels back from the networks' range: a hand-worked case of round((v + 1) * 127.5), clamped
    @Test
    void generatorOutputToPixels() {
        assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255, (byte) 255, 0, 64},
                ImageGrid.toBytes(new float[] {-1f, 0f, 1f, 2f, -3f, -0.5f}));
        ImageEvaluation unit = new ImageEvaluation(data.shape(), PixelRange.UNIT, 4);
        assertArrayEquals(new byte[] {0, (byte) 128, (byte) 255}, unit.toBytes(new float[] {0f, 0.5f, 1f}));
    }
}
