package io.ganlab.imagegan.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import io.ganlab.core.Evaluation;
import io.ganlab.core.RunDirectory;
import io.ganlab.imagegan.data.ImageGrid;
import io.ganlab.imagegan.data.ImageShape;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import io.ganlab.common.MetricKeys;
import io.ganlab.eval.image.FeatureExtractor;
import io.ganlab.eval.image.InceptionScore;
import io.ganlab.eval.image.KernelDistance;
import io.ganlab.imagegan.classifier.ClassifierScores;
import io.ganlab.imagegan.classifier.ReferenceFeatures;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an image run records at each evaluation: a PNG grid of samples of the same fixed noise
 * ({@code samples/iter-N.png}, so that successive grids show the same latent points improving), and, when a domain
 * classifier is configured, the classifier score, FID and KID of {@code samples} generated images against the
 * training images, logged under {@link MetricKeys#CLASSIFIER_SCORE} and its neighbours.
 */
public final class ImageEvaluation implements Evaluation, AutoCloseable {
    private final ImageShape shape;
    private final PixelRange range;
    private final int gridImages;
    private final List<Scoring> scorings;

    /**
     * One extractor's scores at each evaluation (the domain classifier's, or Inception's): the extractor and the
     * names of its scores, the reference features of the training images, how many samples to score, and what as
     * many held-out real images score (the real-data line).
     */
    public record Scoring(FeatureExtractor extractor, ClassifierScores.Names names,
                          ReferenceFeatures.Reference reference, int samples, Map<String, Object> floor) {}

    public ImageEvaluation(ImageShape shape, PixelRange range, int gridImages) {
        this(shape, range, gridImages, List.of());
    }

    public ImageEvaluation(ImageShape shape, PixelRange range, int gridImages, List<Scoring> scorings) {
        this.shape = shape;
        this.range = range;
        this.gridImages = gridImages;
        this.scorings = List.copyOf(scorings);
    }

    @Override
    public Map<String, Object> evaluate(long iteration, Sampler sampler, RunDirectory run) {
        Path file = run.samplesAt(iteration, "png");
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = sampler.fixed(m, gridImages);                            // (N, C, H, W)
            ImageGrid.writePng(file, ImageGrid.draw(toBytes(x.toFloatArray()), gridImages, shape, scale()));
        } catch (IOException e) {
            throw new UncheckedIOException(file + ": cannot write the sample grid (" + e.getMessage() + ")", e);
        }
        Map<String, Object> line = new LinkedHashMap<>();
        byte[] pixels = null;
        for (Scoring scoring : scorings) {
            // every extractor scores the same samples; their count is the largest any of them asks for
            int count = scorings.stream().mapToInt(Scoring::samples).max().orElseThrow();
            if (pixels == null) {
                try (NDManager m = NDManager.newBaseManager()) {
                    pixels = toBytes(sampler.sample(m, count).toFloatArray());       // (N, C, H, W)
                }
            }
            ReferenceFeatures.Features f = ClassifierScores.extract(scoring.extractor(), pixels, scoring.samples(),
                    shape.channels(), shape.height(), shape.width());
            line.put(MetricKeys.SAMPLES, scoring.samples());
            line.putAll(ClassifierScores.score(scoring.names(), EnumSet.allOf(ClassifierScores.Metric.class), f,
                    scoring.reference(), InceptionScore.DEFAULT_SPLITS, KernelDistance.DEFAULT_SUBSETS,
                    ClassifierScores.notes()));
            line.putAll(scoring.floor());
        }
        return line;
    }

    @Override
    public void close() {
        for (Scoring scoring : scorings) {
            scoring.extractor().close();
        }
    }

    /** Generator output in the networks' range as uint8 pixels. */
    byte[] toBytes(float[] values) {
        if (range != PixelRange.SIGNED) {
            for (int i = 0; i < values.length; i++) {
                values[i] = range.toSigned(values[i]);
            }
        }
        return ImageGrid.toBytes(values);
    }

    /** Small images are enlarged so that a grid is at least about 256 pixels wide. */
    private int scale() {
        return Math.max(1, 256 / (shape.width() * (int) Math.ceil(Math.sqrt(gridImages))));
    }
}
