package io.ganlab.imagegan.train;

import ai.djl.ndarray.NDManager;
import io.ganlab.core.GanNetworks;
import io.ganlab.core.GeneratorSamples;
import io.ganlab.core.RunDirectory;
import io.ganlab.imagegan.data.ImageShape;
import java.io.IOException;
import java.util.function.Consumer;

/** Images from a run's generator, as uint8 pixels (N × C × H × W), for {@code gan imagegan sample}. */
public final class ImageSampling {
    private ImageSampling() {}

    /** The image shape of the run's samples. */
    public static ImageShape shape(ImageGanConfig cfg) {
        return new ImageShape(cfg.data().channels(), cfg.data().height(), cfg.data().width());
    }

    /**
     * {@code count} samples of the run's newest good checkpoint, or {@code interpolate} samples along a line in the
     * latent space when it is more than 1; a conditional run's images are of class {@code label}, or of class i mod K
     * for image i when it is −1.
     */
    public static byte[] sample(RunDirectory run, ImageGanConfig cfg, int count, long seed, int interpolate,
                                int label, Consumer<String> warn) throws IOException {
        int n = interpolate > 1 ? interpolate : count;
        ImageShape shape = shape(cfg);
        byte[] out = new byte[n * shape.bytes()];
        ImageEvaluation pixels = new ImageEvaluation(shape, cfg.pixelRange(), 1);
        int[] at = {0};
        try (NDManager manager = NDManager.newBaseManager()) {
            GanNetworks gan = ImageTraining.networks(cfg, manager, cfg.schedule().seed());
            GeneratorSamples.draw(run, gan, manager, seed, count, interpolate, label, warn, batch -> {
                byte[] b = pixels.toBytes(batch.toFloatArray());                          // (n, C, H, W)
                System.arraycopy(b, 0, out, at[0], b.length);
                at[0] += b.length;
            });
        }
        return out;
    }
}
