package io.ganlab.textgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import io.ganlab.core.Checkpoint;
import io.ganlab.core.Rng;
import io.ganlab.core.GanNetworks;
import io.ganlab.core.GeneratorSamples;
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
        try (NDManager manager = NDManager.newBaseManager()) {
            GanNetworks gan = TextGan.create(cfg.architecture(), manager, seed);
            List<String> out = new ArrayList<>();
            GeneratorSamples.draw(run, gan, manager, seed, count, interpolate,
                    message -> System.err.println("gan: warning: " + message),
                    soft -> decodeInto(out, vocabulary, soft));                              // (n, T, V) each
            return out;
        }
    }

    private static void decodeInto(List<String> out, Vocabulary v, NDArray soft) {
        for (int[] row : TextEvaluation.argmax(soft)) {
            out.add(TextEvaluation.decode(v, row));
        }
    }
}
