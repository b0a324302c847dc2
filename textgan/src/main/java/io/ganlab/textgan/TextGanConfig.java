package io.ganlab.textgan;

import io.ganlab.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ganlab.common.ConfigTree;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.Objectives;
import io.ganlab.core.RunConfig;
import io.ganlab.core.Schedule;
import io.ganlab.core.TrainingException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The effective config of a text GAN run: built as defaults ({@code defaults.yaml}, the paper's values) ←
 * preset ← config file ← command-line flags, and saved as the run's {@code config.json}.
 *
 * @param preset    the preset it started from
 * @param data      the dataset it trains on (the vocabulary and length fix the network's shape)
 * @param model     network width and shape
 * @param objective loss and its knobs
 * @param schedule  optimisation schedule
 * @param eval      what the periodic JSD evaluation measures
 */
public record TextGanConfig(String preset, Data data, Model model, ObjectiveConfig objective, Schedule schedule,
                            Eval eval) implements RunConfig {
    public static final List<String> PRESETS = List.of("paper-wgan-gp", "paper-fogan", "paper-fogan-wgan-gp",
            "cpu-small");

    public TextGanConfig {
        if (model != null && model.generatorBatchNorm() == null) {
            // each objective's paper setting: the FOGAN authors' batch norm in FOGAN's generator, none in WGAN-GP's
            model = new Model(model.dim(), model.latent(), model.blocks(), GeneratorNorm.ofPaper(
                    objective != null && Objectives.entry(objective.name()).generatorBatchNorm()));
        }
    }

    /** @param path dataset directory; @param checksum its checksum; vocab and seqLen shape the networks */
    public record Data(String path, String checksum, int vocab, int seqLen) {}

    /**
     * @param generatorBatchNorm batch norm in the generator ({@link GeneratorNorm}); {@code null} in a preset means
     *                           "the objective's paper setting" (the authors' for FOGAN, none otherwise) and is
     *                           resolved before the config is saved
     */
    public record Model(int dim, int latent, int blocks, GeneratorNorm generatorBatchNorm) {
        public Model {
            if (dim < 1 || latent < 1 || blocks < 1) {
                throw new IllegalArgumentException("model dim, latent and blocks must be at least 1 (got " + dim + ", "
                        + latent + ", " + blocks + ")");
            }
        }
    }

    /** @param samples generated lines per evaluation; @param n the n-gram orders */
    public record Eval(int samples, List<Integer> n) {
        /** Largest n the JSD scorer counts. */
        public static final int MAX_N = 8;

        public Eval {
            if (samples < 1) {
                throw new IllegalArgumentException("eval samples must be at least 1, got " + samples);
            }
            for (int k : n) {
                if (k < 1 || k > MAX_N) {   // the n-gram scorer's limit (eval's NgramOrders.MAX_N)
                    throw new IllegalArgumentException("eval n must lie in 1.." + MAX_N + ", got " + k);
                }
            }
        }
    }

    public Architecture architecture() {
        return new Architecture(data.seqLen(), data.vocab(), model.dim(), model.latent(), model.blocks(),
                model.generatorBatchNorm());
    }

    /** The defaults overlaid with a preset. */
    public static ObjectNode preset(String name) {
        return ConfigTree.preset(TextGanConfig.class, name, PRESETS);
    }

    /** Reads a YAML or JSON config file as a tree to overlay (a missing, empty or malformed file is one line). */
    public static ObjectNode file(Path file) {
        return ConfigTree.file(file);
    }

    /** Binds a merged tree, with a one-line message naming the offending key. */
    public static TextGanConfig of(JsonNode tree) {
        return ConfigTree.bind(tree, TextGanConfig.class);
    }

    @Override
    public JsonNode toTree() {
        return ConfigTree.of(this);
    }
}
