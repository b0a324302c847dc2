package io.ganlab.imagegan.nets;

/** The {@code resample} argument of the reference's residual blocks. */
public enum Resampling {
    /** Same size ({@code resample=None}). */
    NONE,
    /** Half the size ({@code 'down'}). */
    DOWN,
    /** Twice the size ({@code 'up'}). */
    UP
}
