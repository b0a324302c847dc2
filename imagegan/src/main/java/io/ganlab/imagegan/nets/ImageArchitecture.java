package io.ganlab.imagegan.nets;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.IntFunction;

/**
 * One image architecture of the WGAN-GP paper's code: its generator and critic, built at any width, and what the
 * training core needs to know about them. Adding an architecture is one entry in {@link #ALL}.
 *
 * @param name        the config and command-line name
 * @param paperLabel  how the paper (or its code) names it
 * @param source      the reference file and functions it mirrors
 * @param imageSize   height = width of the images
 * @param channels    1 (grey) or 3 (RGB)
 * @param latent      size of the noise z ~ N(0, I)
 * @param classes     0, or the number of classes of a conditional generator and of the critic's class head
 * @param dim         the reference's width (DIM); {@link #generator(int)} and {@link #critic(int, CriticNorm)}
 *                    build any other (small ones for tests)
 * @param normWithPenalty    the critic's normalisation in the reference under WGAN-GP
 * @param normWithoutPenalty the critic's normalisation in the reference under the other objectives
 * @param generatorFactory   width → generator
 * @param criticFactory      width, normalisation → critic
 */
public record ImageArchitecture(String name, String paperLabel, String source, int imageSize, int channels,
                                int latent, int classes, int dim, CriticNorm normWithPenalty,
                                CriticNorm normWithoutPenalty, IntFunction<Block> generatorFactory,
                                BiFunction<Integer, CriticNorm, Block> criticFactory) {

    /** Every architecture, in the order help texts list them. */
    public static final List<ImageArchitecture> ALL = List.of(
            new ImageArchitecture("mnist-dcgan", "MNIST (section 5.6)",
                    "gan_mnist.py: Generator, Discriminator", 28, 1, 128, 0, 64,
                    CriticNorm.NONE, CriticNorm.NONE,
                    d -> new MnistGenerator(d, false), (d, n) -> new DcganCritic(1, d, n)),
            new ImageArchitecture("cifar-dcgan", "CIFAR-10 DCGAN (figure 3)",
                    "gan_cifar.py: Generator, Discriminator", 32, 3, 128, 0, 128,
                    CriticNorm.NONE, CriticNorm.BATCH,
                    CifarDcganGenerator::new, (d, n) -> new DcganCritic(3, d, n)),
            new ImageArchitecture("cifar-resnet", "CIFAR-10 ResNet, unsupervised (table 3, appendix F)",
                    "gan_cifar_resnet.py with CONDITIONAL = False", 32, 3, 128, 0, 128,
                    CriticNorm.NONE, CriticNorm.NONE,
                    d -> new CifarResnetGenerator(d, 0), (d, n) -> new CifarResnetCritic(d, n, 0)),
            new ImageArchitecture("cifar-resnet-acgan", "CIFAR-10 ResNet, supervised AC-GAN (table 3)",
                    "gan_cifar_resnet.py with CONDITIONAL = ACGAN = True", 32, 3, 128, 10, 128,
                    CriticNorm.NONE, CriticNorm.NONE,
                    d -> new CifarResnetGenerator(d, 10), (d, n) -> new CifarResnetCritic(d, n, 10)),
            // LSUN bedrooms 64x64, section 5.2 and figure 2 (the script reads 64x64 ImageNet; the networks are the same)
            lsun("lsun-dcgan", "DCGAN (baseline: G DCGAN, D DCGAN)", "DCGANGenerator, DCGANDiscriminator",
                    CriticNorm.LAYER, d -> new Dcgan64Generator(d, true, Nonlinearity.RELU),
                    (d, n) -> new Dcgan64Critic(d, n, Nonlinearity.LEAKY_RELU)),
            lsun("lsun-g-nobn-constant", "No BN and a constant number of filters in G",
                    "WGANPaper_CrippledDCGANGenerator, DCGANDiscriminator", CriticNorm.LAYER,
                    ConstantFilterGenerator64::new, (d, n) -> new Dcgan64Critic(d, n, Nonlinearity.LEAKY_RELU)),
            lsun("lsun-g-mlp", "4-layer 512-dim ReLU MLP G (width 8·DIM)", "FCGenerator, DCGANDiscriminator",
                    CriticNorm.LAYER, d -> new MlpGenerator64(8 * d),
                    (d, n) -> new Dcgan64Critic(d, n, Nonlinearity.LEAKY_RELU)),
            lsun("lsun-no-norm", "No normalization in either G or D",
                    "DCGANGenerator(bn=False), DCGANDiscriminator(bn=False)", CriticNorm.NONE,
                    d -> new Dcgan64Generator(d, false, Nonlinearity.RELU),
                    (d, n) -> new Dcgan64Critic(d, n, Nonlinearity.LEAKY_RELU)),
            lsun("lsun-gated", "Gated multiplicative nonlinearities everywhere in G and D",
                    "MultiplicativeDCGANGenerator, MultiplicativeDCGANDiscriminator", CriticNorm.LAYER,
                    GatedGenerator64::new, GatedCritic64::new),
            lsun("lsun-tanh", "tanh nonlinearities everywhere in G and D",
                    "DCGANGenerator(nonlinearity=tanh), DCGANDiscriminator(nonlinearity=tanh)", CriticNorm.LAYER,
                    d -> new Dcgan64Generator(d, true, Nonlinearity.TANH),
                    (d, n) -> new Dcgan64Critic(d, n, Nonlinearity.TANH)),
            lsun("lsun-resnet101", "101-layer ResNet G and D", "ResnetGenerator, ResnetDiscriminator",
                    CriticNorm.LAYER, Resnet101Generator::new, Resnet101Critic::new),
            lsun("lsun-resnet", "64x64 ResNet (section 5.4 samples)", "GoodGenerator, GoodDiscriminator",
                    CriticNorm.LAYER, ResnetGenerator64::new, ResnetCritic64::new));

    /**
     * A 64x64 architecture of {@code gan_64x64.py} at DIM 64. Its {@code Normalize} gives the critic layer norm under
     * WGAN-GP and batch norm otherwise, where the architecture has a normalisation ({@code withNorm}).
     */
    private static ImageArchitecture lsun(String name, String label, String functions, CriticNorm withPenalty,
                                          IntFunction<Block> g, BiFunction<Integer, CriticNorm, Block> d) {
        CriticNorm without = withPenalty == CriticNorm.NONE ? CriticNorm.NONE : CriticNorm.BATCH;
        return new ImageArchitecture(name, label, "gan_64x64.py: " + functions, 64, 3, 128, 0, 64, withPenalty,
                without, g, d);
    }

    /** The names, in the order of {@link #ALL}. */
    public static final List<String> NAMES = ALL.stream().map(ImageArchitecture::name).toList();

    /** The architecture called {@code name}; an unknown name is a one-line error listing the choices. */
    public static ImageArchitecture named(String name) {
        for (ImageArchitecture a : ALL) {
            if (a.name().equals(name)) {
                return a;
            }
        }
        throw new ArchitectureException("unknown image architecture '" + name + "'; choose one of "
                + String.join(", ", NAMES));
    }

    /** The generator at the reference's width. */
    public Block generator() {
        return generator(dim);
    }

    /** The generator at width {@code width}: input {@code (B, latent)}, or {@code (B, latent), (B)} labels. */
    public Block generator(int width) {
        return generatorFactory.apply(checkWidth(width));
    }

    /** The critic at the reference's width. */
    public Block critic(CriticNorm norm) {
        return critic(dim, norm);
    }

    /**
     * The critic at width {@code width}: input {@code (B, channels, imageSize, imageSize)}, output scores
     * {@code (B)} and, when {@link #conditional()}, class logits {@code (B, classes)}.
     */
    public Block critic(int width, CriticNorm norm) {
        return criticFactory.apply(checkWidth(width), norm);
    }

    /** The reference's choice of critic normalisation for an objective with or without a gradient penalty. */
    public CriticNorm defaultCriticNorm(boolean gradientPenalty) {
        return gradientPenalty ? normWithPenalty : normWithoutPenalty;
    }

    /**
     * Refuses batch norm in a critic trained with a gradient penalty: batch norm makes each score depend on the
     * whole batch, so the per-example gradient the penalty constrains is not the critic's.
     */
    public static void checkCriticNorm(CriticNorm norm, boolean gradientPenalty) {
        if (norm == CriticNorm.BATCH && gradientPenalty) {
            throw new ArchitectureException("critic normalisation 'batch' cannot be used with a gradient penalty"
                    + " (it couples the examples the penalty treats one by one); with a gradient penalty, the critic"
                    + " uses layer normalisation where the architecture has batch norm: use 'layer' or 'none'");
        }
    }

    public boolean conditional() {
        return classes > 0;
    }

    /** The shape of a batch of {@code batch} images: {@code (B, channels, size, size)}. */
    public Shape imageShape(long batch) {
        return new Shape(batch, channels, imageSize, imageSize);
    }

    private int checkWidth(int width) {
        // a multiple of 4: the 101-layer ResNet halves DIM/2 inside its blocks, the gated nets split channel pairs
        if (width < 4 || width % 4 != 0) {
            throw new ArchitectureException("architecture " + name + ": width (DIM) must be a multiple of 4, got "
                    + width);
        }
        return width;
    }

    @Override
    public String toString() {
        return name + " (" + paperLabel + "; " + source + ")";
    }
}
