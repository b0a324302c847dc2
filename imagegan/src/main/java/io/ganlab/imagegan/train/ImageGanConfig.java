package io.ganlab.imagegan.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.RunConfig;
import io.ganlab.core.Schedule;
import io.ganlab.imagegan.nets.CriticNorm;
import io.ganlab.imagegan.nets.ImageArchitecture;
import java.util.List;

/**
 * The effective config of an image GAN run: built as defaults ({@code defaults.yaml}, the WGAN-GP paper's CIFAR-10
 * run) ← preset ({@code presets/NAME.yaml}) ← config file ← command-line flags, and saved as the run's
 * {@code config.json}.
 *
 * @param preset    the preset it started from
 * @param data      the dataset it trains on
 * @param model     architecture, width and the critic's normalisation
 * @param objective loss and its knobs
 * @param schedule  optimisation schedule
 * @param eval      what each evaluation records
 */
public record ImageGanConfig(String preset, Data data, Model model, ObjectiveConfig objective, Schedule schedule,
                             Eval eval) implements RunConfig {
    public static final List<String> PRESETS = List.of("cifar-wgan-gp", "cifar-wgan-gp-rmsprop", "cifar-wgan-clip",
            "cifar-dcgan", "cifar-resnet", "lsun-wgan-gp", "lsun-wgan-clip", "lsun-dcgan", "lsun-lsgan", "mnist",
            "mnist-overfit", "cpu-fashion", "cpu-fashion-32", "cifar-resnet-acgan");

    public ImageGanConfig {
        if (model != null && objective != null) {
            ImageArchitecture arch = ImageArchitecture.named(model.arch());
            boolean penalty = hasGradientPenalty(objective.name());
            // a width of 0 and no normalisation mean "the architecture's own" and are resolved before saving
            CriticNorm norm = model.criticNorm() != null ? model.criticNorm() : arch.defaultCriticNorm(penalty);
            ImageArchitecture.checkCriticNorm(norm, penalty);
            // an AC-GAN's class-loss weights default to the reference's; an unconditional model has none
            Double scale = arch.conditional() ? (model.acganScale() != null ? model.acganScale() : 1.0) : null;
            Double scaleG = arch.conditional() ? (model.acganScaleG() != null ? model.acganScaleG() : 0.1) : null;
            model = new Model(model.arch(), model.dim() > 0 ? model.dim() : arch.dim(), norm, scale, scaleG);
        }
    }

    /**
     * @param path       dataset directory
     * @param checksum   its checksum
     * @param channels   image channels, height and width: they must be the architecture's
     * @param trainLimit train on the first N training images only (0: all)
     */
    public record Data(String path, String checksum, int channels, int height, int width, long trainLimit) {
        public Data {
            if (trainLimit < 0) {
                throw new IllegalArgumentException("data.trainLimit must be >= 0 (0: all images), got " + trainLimit);
            }
        }
    }

    /**
     * @param arch       an {@link ImageArchitecture} name
     * @param dim        width (DIM); 0 in a preset means the architecture's own
     * @param criticNorm the critic's normalisation; null in a preset means the reference's for the objective
     * @param acganScale  a conditional (AC-GAN) architecture's weight of the critic's class loss on real images
     *                    ({@code ACGAN_SCALE} of gan_cifar_resnet.py; null: its 1.0)
     * @param acganScaleG the weight of the generator's class loss on its samples ({@code ACGAN_SCALE_G}; null: 0.1)
     */
    public record Model(String arch, int dim, CriticNorm criticNorm, Double acganScale, Double acganScaleG) {
        public Model {
            ImageArchitecture a = ImageArchitecture.named(arch);
            if (dim < 0) {
                throw new IllegalArgumentException("model.dim must be >= 0 (0: the architecture's), got " + dim);
            }
            if (!a.conditional() && (acganScale != null || acganScaleG != null)) {
                throw new IllegalArgumentException("model.acganScale and model.acganScaleG are for a conditional"
                        + " architecture (cifar-resnet-acgan); " + arch + " has no class head");
            }
            if (acganScale != null && !(acganScale >= 0) || acganScaleG != null && !(acganScaleG >= 0)) {
                throw new IllegalArgumentException("model.acganScale and model.acganScaleG must be >= 0");
            }
        }
    }

    /**
     * @param grid       fixed-noise samples drawn into each {@code samples/iter-N.png}
     * @param classifier a domain classifier file ({@code gan eval classifier train}) whose classifier score, FID and
     *                   KID are logged at each evaluation; null: none
     * @param samples    generated images those scores use (the reference's training-time inception score used
     *                   10 × 1,024; the full 50,000 are for {@code gan eval images})
     * @param inception  the Inception v3 TorchScript file ({@code inception-2015-12-05.pt}) whose inception score,
     *                   FID and KID are logged at each evaluation; null: none
     */
    public record Eval(int grid, String classifier, Integer samples, String inception) {
        public Eval {
            if (grid < 1 || grid > 1024) {
                throw new IllegalArgumentException("eval.grid must lie in 1..1024, got " + grid);
            }
            samples = samples == null ? 1000 : samples;
            if (samples < 2 || samples > 100_000) {
                throw new IllegalArgumentException("eval.samples must lie in 2..100000, got " + samples);
            }
        }
    }

    /** Objectives whose critic is constrained by a penalty on its input gradient (batch norm breaks it). */
    static boolean hasGradientPenalty(String objective) {
        return objective.equals("wgan-gp") || objective.equals("fogan");
    }

    public ImageArchitecture architecture() {
        return ImageArchitecture.named(model.arch());
    }

    /** The range of the networks' images: the MNIST networks end in a sigmoid, the others in tanh. */
    public PixelRange pixelRange() {
        return architecture().name().startsWith("mnist") ? PixelRange.UNIT : PixelRange.SIGNED;
    }

    /** The defaults overlaid with a preset. */
    public static ObjectNode preset(String name) {
        return ConfigTree.preset(ImageGanConfig.class, name, PRESETS);
    }

    /** Binds a merged tree, with a one-line message naming the offending key. */
    public static ImageGanConfig of(JsonNode tree) {
        return ConfigTree.bind(tree, ImageGanConfig.class);
    }

    @Override
    public JsonNode toTree() {
        return ConfigTree.of(this);
    }
}
