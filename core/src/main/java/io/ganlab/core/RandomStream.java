package io.ganlab.core;

/**
 * Every purpose a run draws random numbers for, the one place their codes are declared. {@link Rng#stream} keys a
 * generator by (seed, step, purpose), so two purposes never share draws and a resumed run repeats the draws of an
 * uninterrupted one. The codes are part of a run's reproducibility: changing one changes every later run.
 */
public enum RandomStream {
    /** Generator-step noise and the objective's draws in the generator step. */
    GENERATOR_STEP(1),
    /** Noise of the samples an evaluation scores. */
    EVALUATION_NOISE(2),
    /** Noise and α of the held-out critic comparison; index = the held-out batch. */
    HELDOUT_CRITIC(3, 10),
    /** Noise of {@code sample} commands. */
    SAMPLING(7),
    /** The fixed noise of the sample grids drawn at every evaluation (drawn at step 0). */
    FIXED_NOISE(8),
    /** The per-epoch order of training examples. */
    TRAINING_ORDER(101),
    /** The per-epoch order of held-out examples. */
    HELDOUT_ORDER(102),
    /** Real examples drawn from a distribution (the toy sets) for training batches. */
    TRAINING_DRAWS(201),
    /** The same for held-out batches. */
    HELDOUT_DRAWS(202),
    /** Real examples an evaluation compares with (the toy sets' plots). */
    REFERENCE_DRAWS(203),
    /** Noise, α and real-batch choice of critic step j of an iteration; index = j. */
    CRITIC_STEP(1000, 1);

    private final int code;
    private final int stride;

    RandomStream(int code) {
        this(code, 0);
    }

    RandomStream(int code, int stride) {
        this.code = code;
        this.stride = stride;
    }

    /** The purpose code of this stream's {@code index}-th member (critic step j, held-out batch k). */
    int code(int index) {
        if (index != 0 && stride == 0) {
            throw new IllegalArgumentException(this + " has no indexed members");
        }
        return code + stride * index;
    }
}
