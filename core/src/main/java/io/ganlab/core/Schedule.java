package io.ganlab.core;

/**
 * How a GAN is trained, whatever it models. Defaults are the WGAN-GP paper's language-model values.
 *
 * @param iterations     generator iterations to reach (0: no limit, {@code minutes} must be set)
 * @param minutes        training wall time to reach, summed over resumes (0: no limit)
 * @param criticIters    critic steps per generator step (10 in WGAN-GP, 1 in the FOGAN runs)
 * @param batch          examples per batch (64)
 * @param lrCritic       critic learning rate (1e-4; 3e-4 with TTUR in the FOGAN runs)
 * @param lrGenerator    generator learning rate (1e-4)
 * @param beta1          Adam β1 (0.5)
 * @param beta2          Adam β2 (0.9)
 * @param linearDecay    decay both learning rates linearly to 0 at {@code iterations}
 * @param optimizer      {@code adam} or {@code rmsprop} (the WGAN-clipping and LSGAN papers' choice)
 * @param seed           every random draw (noise, α, batch order) derives from it
 * @param evalEvery      evaluate (e.g. JSD) and log held-out critic loss every K generator iterations
 * @param checkpointEvery save a checkpoint every N generator iterations (and always at the end)
 * @param keepCheckpoints how many recent checkpoints to keep on disk
 * @param generatorBatchMultiple the generator step's batch as a multiple of {@code batch}; null: 1 (the CIFAR-10
 *                        ResNet script's {@code GEN_BS_MULTIPLE} is 2)
 * @param precision      the training steps' arithmetic, {@code fp32} or {@code bf16} ({@link Precision}); null: fp32
 * @param inputGradient  how a gradient penalty's input gradient is taken, {@code explicit} (the critic's own forward
 *                        graph where it has one, else autograd's) or {@code autograd} ({@link InputGradient.Method});
 *                        null: explicit
 */
public record Schedule(long iterations, double minutes, int criticIters, int batch,
                       float lrCritic, float lrGenerator, float beta1, float beta2,
                       boolean linearDecay, String optimizer, long seed,
                       int evalEvery, int checkpointEvery, int keepCheckpoints, Integer generatorBatchMultiple,
                       String precision, String inputGradient) {

    /** A schedule whose generator steps use the critic's batch size. */
    public Schedule(long iterations, double minutes, int criticIters, int batch, float lrCritic, float lrGenerator,
                    float beta1, float beta2, boolean linearDecay, String optimizer, long seed, int evalEvery,
                    int checkpointEvery, int keepCheckpoints) {
        this(iterations, minutes, criticIters, batch, lrCritic, lrGenerator, beta1, beta2, linearDecay, optimizer,
                seed, evalEvery, checkpointEvery, keepCheckpoints, null, null, null);
    }

    public Schedule {
        generatorBatchMultiple = generatorBatchMultiple == null ? 1 : generatorBatchMultiple;
        precision = precision == null ? Precision.FP32.label() : precision;
        Precision.named(precision);   // refuses anything else, naming the choices
        inputGradient = inputGradient == null ? InputGradient.Method.EXPLICIT.label() : inputGradient;
        InputGradient.Method.named(inputGradient);
        if (generatorBatchMultiple < 1 || generatorBatchMultiple > 64) {
            throw new IllegalArgumentException("schedule.generatorBatchMultiple must lie in 1..64 (got "
                    + generatorBatchMultiple + ")");
        }
        if (iterations < 0 || minutes < 0 || iterations == 0 && minutes == 0) {
            throw new IllegalArgumentException("set a number of iterations or of minutes (both are " + iterations
                    + " and " + minutes + ")");
        }
        if (linearDecay && iterations == 0) {
            throw new IllegalArgumentException("linear decay needs a number of iterations to decay over");
        }
        if (criticIters < 1 || batch < 1) {
            throw new IllegalArgumentException("critic iterations and batch size must be at least 1 (got "
                    + criticIters + ", " + batch + ")");
        }
        if (!(lrCritic > 0) || !(lrGenerator > 0)) {
            throw new IllegalArgumentException("learning rates must be positive (got " + lrCritic + ", " + lrGenerator + ")");
        }
        if (!(beta1 >= 0 && beta1 < 1) || !(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("Adam betas must lie in [0, 1) (got " + beta1 + ", " + beta2 + ")");
        }
        if (!"adam".equals(optimizer) && !"rmsprop".equals(optimizer)) {
            throw new IllegalArgumentException("unknown optimizer '" + optimizer + "' (adam or rmsprop)");
        }
        if (evalEvery < 1 || checkpointEvery < 1 || keepCheckpoints < 1) {
            throw new IllegalArgumentException("eval and checkpoint intervals and kept checkpoints must be at least 1");
        }
    }

    /** Examples per generator step. */
    public int generatorBatch() {
        return batch * generatorBatchMultiple;
    }

    /** Learning-rate factor for generator iteration {@code it} (1-based). */
    public float decay(long it) {
        return linearDecay ? (float) Math.max(0.0, 1.0 - (double) (it - 1) / iterations) : 1f;
    }
}
