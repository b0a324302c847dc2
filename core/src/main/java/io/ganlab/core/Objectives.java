package io.ganlab.core;

import java.util.List;
import java.util.function.Function;

/**
 * The registry of objectives: adding one is one entry here (and its class). Everything else — the config's check
 * of the name, the command lines' choices, the text GAN's batch-norm default — reads this list.
 */
public final class Objectives {
    /**
     * One objective.
     *
     * @param name               the config and command-line name
     * @param factory            builds it from its config's knobs
     * @param generatorBatchNorm whether its paper's language-model runs put batch norm in the generator
     */
    public record Entry(String name, Function<ObjectiveConfig, Objective> factory, boolean generatorBatchNorm) {}

    private static final List<Entry> ALL = List.of(
            new Entry("wgan-gp", c -> new WganGp(c.gpLambda(), c.oneSided()), false),
            // the FOGAN paper's runs put batch norm in the generator (Seward et al. 2018)
            new Entry("fogan", c -> new FoGan(c.foganAlphaMin(), c.foganLipschitzWeight(), c.foganGradientWeight()),
                    true),
            new Entry("wgan-clip", c -> new WganClip(c.clip()), false),
            new Entry("gan", c -> new StandardGan(), false),
            new Entry("lsgan", c -> new LeastSquaresGan(), false));

    /** The names, in the order help texts list them. */
    public static final List<String> NAMES = ALL.stream().map(Entry::name).toList();

    private Objectives() {}

    /** The entry of {@code name}; an unknown name is a one-line error listing the choices. */
    public static Entry entry(String name) {
        for (Entry e : ALL) {
            if (e.name().equals(name)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown objective '" + name + "'; choose one of "
                + String.join(", ", NAMES));
    }

    public static Objective create(ObjectiveConfig c) {
        return entry(c.name()).factory().apply(c);
    }
}
