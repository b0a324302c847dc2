package io.ganlab.textgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.ganlab.core.Checkpoint;
import io.ganlab.core.Rng;
import io.ganlab.core.GanNetworks;
import io.ganlab.core.RandomStream;
import io.ganlab.core.RunDirectory;
import io.ganlab.corpus.Vocabulary;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Text from a trained generator: argmax decoding of its soft one-hot rows, batch norm in inference mode. */
public final class TextSampling {

    private TextSampling() {}

    /**
     * {@code count} samples from the newest checkpoint, or, when {@code interpolate > 1}, that many samples
     * along the straight line between two latent points (the first and last of them).
     */
    public static List<String> sample(RunDirectory run, TextGanConfig cfg, Vocabulary vocabulary, int count,
                                      long seed, int interpolate) throws IOException {
        Path ckpt = run.latestCheckpoint(message -> System.err.println("gan: warning: " + message));
        try (NDManager manager = NDManager.newBaseManager()) {
            GanNetworks gan = TextGan.create(cfg.architecture(), manager, seed);
            Checkpoint.loadGenerator(ckpt, manager, gan.generator());
            ParameterStore ps = new ParameterStore(manager, false);
            RandomGenerator g = new Rng(seed).stream(0, RandomStream.SAMPLING);
            List<String> out = new ArrayList<>();
            if (interpolate > 1) {
                try (NDManager m = manager.newSubManager()) {
                    NDArray ends = gan.noise(m, g, 2);                            // (2, Z)
                    NDArray t = m.linspace(0f, 1f, interpolate).reshape(interpolate, 1); // (K, 1)
                    NDArray z = ends.get(0).expandDims(0).mul(t.neg().add(1f)).add(ends.get(1).expandDims(0).mul(t));
                    decodeInto(out, vocabulary, gan.generator().forward(ps, new NDList(z), false).singletonOrThrow());
                }
                return out;
            }
            int batch = 256;
            for (int done = 0; done < count; done += batch) {
                try (NDManager m = manager.newSubManager()) {
                    int n = Math.min(batch, count - done);
                    NDArray soft = gan.generator().forward(ps, new NDList(gan.noise(m, g, n)), false).singletonOrThrow();
                    decodeInto(out, vocabulary, soft);
                }
            }
            return out;
        }
    }

    private static void decodeInto(List<String> out, Vocabulary v, NDArray soft) {
        for (int[] row : TextEvaluation.argmax(soft)) {
            out.add(TextEvaluation.decode(v, row));
        }
    }
}
