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
}
