package io.ganlab.imagegan.toy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.RunConfig;
import io.ganlab.core.Schedule;

/**
 * The effective config of a toy run: {@link #defaults()} (the WGAN-GP authors' toy settings) overlaid with
 * flags, saved as the run's {@code config.json}.
 *
 * @param data      {@code 8gaussians}, {@code 25gaussians} or {@code swissroll}
 * @param model     width and depth of both MLPs, size of the noise
 * @param objective loss and its knobs
 * @param schedule  optimisation schedule
 * @param eval      what each evaluation measures and draws
 */
public record ToyConfig(String data, Model model, ObjectiveConfig objective, Schedule schedule, Eval eval)
        implements RunConfig {

    public ToyConfig {
        ToySet.of(data); // fails with the list of sets
    }

    /**
     * @param dim    units per hidden layer (reference 512)
     * @param layers hidden ReLU layers in each network (reference 3)
     * @param latent size of the generator's noise (reference 2)
     */
    public record Model(int dim, int layers, int latent) {
        public Model {
            if (dim < 1 || layers < 1 || latent < 1) {
                throw new IllegalArgumentException("model dim, layers and latent must be at least 1 (got " + dim + ", "
                        + layers + ", " + latent + ")");
            }
        }
    }

    /**
     * @param samples generated points per evaluation (for the mode counts and the plot)
     * @param plots   draw {@code plots/iter-N.png} at each evaluation
     */
    public record Eval(int samples, boolean plots) {
        public Eval {
            if (samples < 1) {
                throw new IllegalArgumentException("eval samples must be at least 1, got " + samples);
            }
        }
    }

    public ToySet set() {
        return ToySet.of(data);
    }

    /** The built-in defaults ({@code defaults.yaml} beside this class: the reference toy settings), as a tree. */
    public static ObjectNode defaults() {
        return ConfigTree.resource(ToyConfig.class, "defaults.yaml");
    }

    /** Binds a merged tree, with a one-line message naming the offending key or value. */
    public static ToyConfig of(JsonNode tree) {
        return ConfigTree.bind(tree, ToyConfig.class);
    }

    @Override
    public JsonNode toTree() {
        return ConfigTree.of(this);
    }
}
