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
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an image run records at each evaluation: a PNG grid of samples of the same fixed noise
 * ({@code samples/iter-N.png}, so that successive grids show the same latent points improving). Score metrics
 * (inception score, FID, KID) join the line when a feature extractor is configured.
 */
public final class ImageEvaluation implements Evaluation {
    private final ImageShape shape;
    private final PixelRange range;
    private final int gridImages;

    public ImageEvaluation(ImageShape shape, PixelRange range, int gridImages) {
        this.shape = shape;
        this.range = range;
        this.gridImages = gridImages;
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
        return new LinkedHashMap<>();
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
