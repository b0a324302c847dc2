package io.ganlab.imagegan.train;

/**
 * The range a generator's output and the real batches live in: the reference's CIFAR-10 and LSUN networks end in
 * tanh and see images as {@code x / 127.5 - 1}; its MNIST network ends in a sigmoid and sees {@code x / 255}.
 */
public enum PixelRange {
    /** [-1, 1]: {@code x / 127.5 - 1}. */
    SIGNED,
    /** [0, 1]: {@code x / 255}. */
    UNIT;

    /** A value of the dataset's [-1, 1] scale in this range. */
    public float fromSigned(float v) {
        return this == SIGNED ? v : (v + 1f) * 0.5f;
    }

    /** A value of this range back in [-1, 1]. */
    public float toSigned(float v) {
        return this == SIGNED ? v : v * 2f - 1f;
    }
}
