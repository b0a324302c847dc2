package io.ganlab.imagegan.nets;

import java.util.ArrayList;
import java.util.List;

/**
 * The trainable variables of the reference scripts, written out by hand from the Python files (tflib stores conv
 * filters as (k, k, in, out), deconv filters as (k, k, out, in), linear weights as (in, out)); running averages
 * ({@code moving_mean}, {@code moving_variance}) are not trained and are left out.
 */
final class ReferenceShapes {
    private final List<String> names = new ArrayList<>();
    private long total;

    ReferenceShapes add(String name, long... dims) {
        names.add(name);
        total += Nets.size(dims);
        return this;
    }

    long total() {
        return total;
    }

    int variables() {
        return names.size();
    }

    /** {@code gan_mnist.py}, MODE 'wgan-gp'. */
    static ReferenceShapes mnistGenerator(int dim) {
        return new ReferenceShapes()
                .add("Generator.Input.W", 128, 4 * 4 * 4 * dim).add("Generator.Input.b", 4 * 4 * 4 * dim)
                .add("Generator.2.Filters", 5, 5, 2 * dim, 4 * dim).add("Generator.2.Biases", 2 * dim)
                .add("Generator.3.Filters", 5, 5, dim, 2 * dim).add("Generator.3.Biases", dim)
                .add("Generator.5.Filters", 5, 5, 1, dim).add("Generator.5.Biases", 1);
    }

    static ReferenceShapes mnistCritic(int dim) {
        return new ReferenceShapes()
                .add("Discriminator.1.Filters", 5, 5, 1, dim).add("Discriminator.1.Biases", dim)
                .add("Discriminator.2.Filters", 5, 5, dim, 2 * dim).add("Discriminator.2.Biases", 2 * dim)
                .add("Discriminator.3.Filters", 5, 5, 2 * dim, 4 * dim).add("Discriminator.3.Biases", 4 * dim)
                .add("Discriminator.Output.W", 4 * 4 * 4 * dim, 1).add("Discriminator.Output.b", 1);
    }

    /** {@code gan_cifar.py}. */
    static ReferenceShapes cifarDcganGenerator(int dim) {
        return new ReferenceShapes()
                .add("Generator.Input.W", 128, 4 * 4 * 4 * dim).add("Generator.Input.b", 4 * 4 * 4 * dim)
                // axes [0]: the unfused path, offset and scale shaped like the mean, (1, 4·4·4·DIM)
                .add("Generator.BN1.offset", 1, 4 * 4 * 4 * dim).add("Generator.BN1.scale", 1, 4 * 4 * 4 * dim)
                .add("Generator.2.Filters", 5, 5, 2 * dim, 4 * dim).add("Generator.2.Biases", 2 * dim)
                .add("Generator.BN2.offset", 2 * dim).add("Generator.BN2.scale", 2 * dim)
                .add("Generator.3.Filters", 5, 5, dim, 2 * dim).add("Generator.3.Biases", dim)
                .add("Generator.BN3.offset", dim).add("Generator.BN3.scale", dim)
                .add("Generator.5.Filters", 5, 5, 3, dim).add("Generator.5.Biases", 3);
    }

    /** With {@code batchNorm}: every MODE but 'wgan-gp'. */
    static ReferenceShapes cifarDcganCritic(int dim, boolean batchNorm) {
        ReferenceShapes r = new ReferenceShapes()
                .add("Discriminator.1.Filters", 5, 5, 3, dim).add("Discriminator.1.Biases", dim)
                .add("Discriminator.2.Filters", 5, 5, dim, 2 * dim).add("Discriminator.2.Biases", 2 * dim)
                .add("Discriminator.3.Filters", 5, 5, 2 * dim, 4 * dim).add("Discriminator.3.Biases", 4 * dim)
                .add("Discriminator.Output.W", 4 * 4 * 4 * dim, 1).add("Discriminator.Output.b", 1);
        if (batchNorm) {
            r.add("Discriminator.BN2.offset", 2 * dim).add("Discriminator.BN2.scale", 2 * dim)
                    .add("Discriminator.BN3.offset", 4 * dim).add("Discriminator.BN3.scale", 4 * dim);
        }
        return r;
    }

    /** {@code gan_cifar_resnet.py}; {@code classes} 0 for CONDITIONAL = False, 10 for the AC-GAN model. */
    static ReferenceShapes cifarResnetGenerator(int dim, int classes) {
        ReferenceShapes r = new ReferenceShapes()
                .add("Generator.Input.W", 128, 4 * 4 * dim).add("Generator.Input.b", 4 * 4 * dim);
        for (int i = 1; i <= 3; i++) {
            String n = "Generator." + i;
            r.add(n + ".Shortcut.Filters", 1, 1, dim, dim).add(n + ".Shortcut.Biases", dim);
            for (String norm : new String[] {".N1", ".N2"}) {
                if (classes > 0) {
                    r.add(n + norm + ".offset", classes, dim).add(n + norm + ".scale", classes, dim);
                } else {
                    r.add(n + norm + ".offset", dim).add(n + norm + ".scale", dim);
                }
            }
            r.add(n + ".Conv1.Filters", 3, 3, dim, dim).add(n + ".Conv1.Biases", dim);
            r.add(n + ".Conv2.Filters", 3, 3, dim, dim).add(n + ".Conv2.Biases", dim);
        }
        return r.add("Generator.OutputN.offset", dim).add("Generator.OutputN.scale", dim)
                .add("Generator.Output.Filters", 3, 3, dim, 3).add("Generator.Output.Biases", 3);
    }

    /** With {@code layerNorm}: NORMALIZATION_D = True. */
    static ReferenceShapes cifarResnetCritic(int dim, int classes, boolean layerNorm) {
        ReferenceShapes r = new ReferenceShapes()
                .add("Discriminator.1.Shortcut.Filters", 1, 1, 3, dim).add("Discriminator.1.Shortcut.Biases", dim)
                .add("Discriminator.1.Conv1.Filters", 3, 3, 3, dim).add("Discriminator.1.Conv1.Biases", dim)
                .add("Discriminator.1.Conv2.Filters", 3, 3, dim, dim).add("Discriminator.1.Conv2.Biases", dim)
                .add("Discriminator.2.Shortcut.Filters", 1, 1, dim, dim).add("Discriminator.2.Shortcut.Biases", dim);
        for (int i = 2; i <= 4; i++) {
            String n = "Discriminator." + i;
            r.add(n + ".Conv1.Filters", 3, 3, dim, dim).add(n + ".Conv1.Biases", dim);
            r.add(n + ".Conv2.Filters", 3, 3, dim, dim).add(n + ".Conv2.Biases", dim);
            if (layerNorm) {
                r.add(n + ".N1.offset", dim).add(n + ".N1.scale", dim).add(n + ".N2.offset", dim)
                        .add(n + ".N2.scale", dim);
            }
        }
        r.add("Discriminator.Output.W", dim, 1).add("Discriminator.Output.b", 1);
        if (classes > 0) {
            r.add("Discriminator.ACGANOutput.W", dim, classes).add("Discriminator.ACGANOutput.b", classes);
        }
        return r;
    }
    // gan_64x64.py

    /** {@code DCGANGenerator(bn)}; also the tanh variant (same variables). */
    static ReferenceShapes dcgan64Generator(int d, boolean bn) {
        ReferenceShapes r = new ReferenceShapes()
                .add("Generator.Input.W", 128, 4 * 4 * 8 * d).add("Generator.Input.b", 4 * 4 * 8 * d);
        int[] w = {8 * d, 4 * d, 2 * d, d, 3};
        for (int i = 0; i < 4; i++) {
            if (bn) {
                r.add("Generator.BN" + (i + 1) + ".offset", w[i]).add("Generator.BN" + (i + 1) + ".scale", w[i]);
            }
            r.add("Generator." + (i + 2) + ".Filters", 5, 5, w[i + 1], w[i]).add("Generator." + (i + 2) + ".Biases", w[i + 1]);
        }
        return r;
    }

    /** {@code DCGANDiscriminator(bn)}; with bn the slots hold layer norm (WGAN-GP) or batch norm, same variables. */
    static ReferenceShapes dcgan64Critic(int d, boolean bn) {
        ReferenceShapes r = new ReferenceShapes();
        int[] w = {3, d, 2 * d, 4 * d, 8 * d};
        for (int i = 0; i < 4; i++) {
            r.add("Discriminator." + (i + 1) + ".Filters", 5, 5, w[i], w[i + 1]).add("Discriminator." + (i + 1) + ".Biases", w[i + 1]);
            if (bn && i > 0) {
                r.add("Discriminator.BN" + (i + 1) + ".offset", w[i + 1]).add("Discriminator.BN" + (i + 1) + ".scale", w[i + 1]);
            }
        }
        return r.add("Discriminator.Output.W", 4 * 4 * 8 * d, 1).add("Discriminator.Output.b", 1);
    }

    /** {@code WGANPaper_CrippledDCGANGenerator}. */
    static ReferenceShapes constantFilterGenerator(int d) {
        ReferenceShapes r = new ReferenceShapes()
                .add("Generator.Input.W", 128, 4 * 4 * d).add("Generator.Input.b", 4 * 4 * d);
        for (int i = 2; i <= 4; i++) {
            r.add("Generator." + i + ".Filters", 5, 5, d, d).add("Generator." + i + ".Biases", d);
        }
        return r.add("Generator.5.Filters", 5, 5, 3, d).add("Generator.5.Biases", 3);
    }

    /** {@code FCGenerator(FC_DIM)}. */
    static ReferenceShapes mlpGenerator(int fc) {
        ReferenceShapes r = new ReferenceShapes()
                .add("Generator.1.Linear.W", 128, fc).add("Generator.1.Linear.b", fc);
        for (int i = 2; i <= 4; i++) {
            r.add("Generator." + i + ".Linear.W", fc, fc).add("Generator." + i + ".Linear.b", fc);
        }
        return r.add("Generator.Out.W", fc, 64 * 64 * 3).add("Generator.Out.b", 64 * 64 * 3);
    }

    /** {@code MultiplicativeDCGANGenerator}. */
    static ReferenceShapes gatedGenerator(int d) {
        return new ReferenceShapes()
                .add("Generator.Input.W", 128, 4 * 4 * 8 * d * 2).add("Generator.Input.b", 4 * 4 * 8 * d * 2)
                .add("Generator.BN1.offset", 16 * d).add("Generator.BN1.scale", 16 * d)
                .add("Generator.2.Filters", 5, 5, 4 * d * 2, 8 * d).add("Generator.2.Biases", 4 * d * 2)
                .add("Generator.BN2.offset", 8 * d).add("Generator.BN2.scale", 8 * d)
                .add("Generator.3.Filters", 5, 5, 2 * d * 2, 4 * d).add("Generator.3.Biases", 2 * d * 2)
                .add("Generator.BN3.offset", 4 * d).add("Generator.BN3.scale", 4 * d)
                .add("Generator.4.Filters", 5, 5, d * 2, 2 * d).add("Generator.4.Biases", d * 2)
                .add("Generator.BN4.offset", 2 * d).add("Generator.BN4.scale", 2 * d)
                .add("Generator.5.Filters", 5, 5, 3, d).add("Generator.5.Biases", 3);
    }

    /** {@code MultiplicativeDCGANDiscriminator(bn=True)}. */
    static ReferenceShapes gatedCritic(int d) {
        return new ReferenceShapes()
                .add("Discriminator.1.Filters", 5, 5, 3, d * 2).add("Discriminator.1.Biases", d * 2)
                .add("Discriminator.2.Filters", 5, 5, d, 2 * d * 2).add("Discriminator.2.Biases", 2 * d * 2)
                .add("Discriminator.BN2.offset", 4 * d).add("Discriminator.BN2.scale", 4 * d)
                .add("Discriminator.3.Filters", 5, 5, 2 * d, 4 * d * 2).add("Discriminator.3.Biases", 4 * d * 2)
                .add("Discriminator.BN3.offset", 8 * d).add("Discriminator.BN3.scale", 8 * d)
                .add("Discriminator.4.Filters", 5, 5, 4 * d, 8 * d * 2).add("Discriminator.4.Biases", 8 * d * 2)
                .add("Discriminator.BN4.offset", 16 * d).add("Discriminator.BN4.scale", 16 * d)
                .add("Discriminator.Output.W", 4 * 4 * 8 * d, 1).add("Discriminator.Output.b", 1);
    }

    /** {@code BottleneckResidualBlock(in, out, 3, resample)} with its closing {@code Normalize}. */
    ReferenceShapes bottleneck(String n, int in, int out, String resample) {
        switch (resample) {
            case "down" -> add(n + ".Shortcut.Filters", 1, 1, in, out).add(n + ".Shortcut.Biases", out);
            case "up" -> add(n + ".Shortcut.Filters", 1, 1, in, 4 * out).add(n + ".Shortcut.Biases", 4 * out);
            default -> {
                if (in != out) {
                    add(n + ".Shortcut.Filters", 1, 1, in, out).add(n + ".Shortcut.Biases", out);
                }
            }
        }
        add(n + ".Conv1.Filters", 1, 1, in, in / 2).add(n + ".Conv1.Biases", in / 2);
        if (resample.equals("up")) {
            add(n + ".Conv1B.Filters", 3, 3, out / 2, in / 2);             // Deconv2D: (k, k, out, in)
        } else {
            add(n + ".Conv1B.Filters", 3, 3, in / 2, out / 2);
        }
        add(n + ".Conv1B.Biases", out / 2);
        add(n + ".Conv2.Filters", 1, 1, resample.equals("none") ? in / 2 : out / 2, out);   // biases=False
        return add(n + ".BN.offset", out).add(n + ".BN.scale", out);
    }

    /** {@code ResnetGenerator}. */
    static ReferenceShapes resnet101Generator(int d) {
        ReferenceShapes r = new ReferenceShapes()
                .add("Generator.Input.W", 128, 4 * 4 * 8 * d).add("Generator.Input.b", 4 * 4 * 8 * d);
        for (int i = 0; i < 6; i++) {
            r.bottleneck("Generator.4x4_" + i, 8 * d, 8 * d, "none");
        }
        r.bottleneck("Generator.Up1", 8 * d, 4 * d, "up");
        for (int i = 0; i < 6; i++) {
            r.bottleneck("Generator.8x8_" + i, 4 * d, 4 * d, "none");
        }
        r.bottleneck("Generator.Up2", 4 * d, 2 * d, "up");
        for (int i = 0; i < 6; i++) {
            r.bottleneck("Generator.16x16_" + i, 2 * d, 2 * d, "none");
        }
        r.bottleneck("Generator.Up3", 2 * d, d, "up");
        for (int i = 0; i < 6; i++) {
            r.bottleneck("Generator.32x32_" + i, d, d, "none");
        }
        r.bottleneck("Generator.Up4", d, d / 2, "up");
        for (int i = 0; i < 5; i++) {
            r.bottleneck("Generator.64x64_" + i, d / 2, d / 2, "none");
        }
        return r.add("Generator.Out.Filters", 1, 1, d / 2, 3).add("Generator.Out.Biases", 3);
    }

    /** {@code ResnetDiscriminator}; its {@code Normalize} is layer norm (WGAN-GP) or batch norm, same variables. */
    static ReferenceShapes resnet101Critic(int d) {
        ReferenceShapes r = new ReferenceShapes()
                .add("Discriminator.In.Filters", 1, 1, 3, d / 2).add("Discriminator.In.Biases", d / 2);
        for (int i = 0; i < 5; i++) {
            r.bottleneck("Discriminator.64x64_" + i, d / 2, d / 2, "none");
        }
        r.bottleneck("Discriminator.Down1", d / 2, d, "down");
        for (int i = 0; i < 6; i++) {
            r.bottleneck("Discriminator.32x32_" + i, d, d, "none");
        }
        r.bottleneck("Discriminator.Down2", d, 2 * d, "down");
        for (int i = 0; i < 6; i++) {
            r.bottleneck("Discriminator.16x16_" + i, 2 * d, 2 * d, "none");
        }
        r.bottleneck("Discriminator.Down3", 2 * d, 4 * d, "down");
        for (int i = 0; i < 6; i++) {
            r.bottleneck("Discriminator.8x8_" + i, 4 * d, 4 * d, "none");
        }
        r.bottleneck("Discriminator.Down4", 4 * d, 8 * d, "down");
        for (int i = 0; i < 6; i++) {
            r.bottleneck("Discriminator.4x4_" + i, 8 * d, 8 * d, "none");
        }
        return r.add("Discriminator.Output.W", 4 * 4 * 8 * d, 1).add("Discriminator.Output.b", 1);
    }

    /** {@code GoodGenerator}. */
    static ReferenceShapes resnet64Generator(int d) {
        ReferenceShapes r = new ReferenceShapes()
                .add("Generator.Input.W", 128, 4 * 4 * 8 * d).add("Generator.Input.b", 4 * 4 * 8 * d);
        int[] w = {8 * d, 8 * d, 4 * d, 2 * d, d};
        for (int i = 0; i < 4; i++) {
            String n = "Generator.Res" + (i + 1);
            r.add(n + ".Shortcut.Filters", 1, 1, w[i], w[i + 1]).add(n + ".Shortcut.Biases", w[i + 1])
                    .add(n + ".BN1.offset", w[i]).add(n + ".BN1.scale", w[i])
                    .add(n + ".Conv1.Filters", 3, 3, w[i], w[i + 1])                     // biases=False
                    .add(n + ".BN2.offset", w[i + 1]).add(n + ".BN2.scale", w[i + 1])
                    .add(n + ".Conv2.Filters", 3, 3, w[i + 1], w[i + 1]).add(n + ".Conv2.Biases", w[i + 1]);
        }
        return r.add("Generator.OutputN.offset", d).add("Generator.OutputN.scale", d)
                .add("Generator.Output.Filters", 3, 3, d, 3).add("Generator.Output.Biases", 3);
    }

    /** {@code GoodDiscriminator}, with {@code norm}: the BN1/BN2 slots filled (layer norm under WGAN-GP). */
    static ReferenceShapes resnet64Critic(int d, boolean norm) {
        ReferenceShapes r = new ReferenceShapes()
                .add("Discriminator.Input.Filters", 3, 3, 3, d).add("Discriminator.Input.Biases", d);
        int[] w = {d, 2 * d, 4 * d, 8 * d, 8 * d};
        for (int i = 0; i < 4; i++) {
            String n = "Discriminator.Res" + (i + 1);
            r.add(n + ".Shortcut.Filters", 1, 1, w[i], w[i + 1]).add(n + ".Shortcut.Biases", w[i + 1])
                    .add(n + ".Conv1.Filters", 3, 3, w[i], w[i])
                    .add(n + ".Conv2.Filters", 3, 3, w[i], w[i + 1]).add(n + ".Conv2.Biases", w[i + 1]);
            if (norm) {
                r.add(n + ".BN1.offset", w[i]).add(n + ".BN1.scale", w[i])
                        .add(n + ".BN2.offset", w[i]).add(n + ".BN2.scale", w[i]);
            }
        }
        return r.add("Discriminator.Output.W", 4 * 4 * 8 * d, 1).add("Discriminator.Output.b", 1);
    }
}
