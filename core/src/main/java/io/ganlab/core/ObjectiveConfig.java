package io.ganlab.core;

import java.util.List;

/**
 * The knobs of every objective, with the papers' defaults ({@link #defaults(String)}).
 *
 * @param name            one of {@link Objectives#NAMES}
 * @param gpLambda        WGAN-GP penalty weight λ (10, Gulrajani et al. 2017)
 * @param oneSided        WGAN-GP: penalise only gradient norms above 1 (paper appendix C); default two-sided
 * @param foganAlphaMin   FOGAN: x̃ = real + α(G(z) − real), α ~ U[alphaMin, 1] (0.99, Seward et al. 2018)
 * @param foganLipschitzWeight FOGAN: weight of the mean (D(real) − D(x̃))² / ‖real − x̃‖ term (0.1)
 * @param foganGradientWeight  FOGAN: weight of the mean (‖∇D(x̃)‖ − τ(x̃))² term (1.0)
 * @param clip            WGAN with clipping: weights clipped to [−c, c] after each critic step (0.01, Arjovsky et al.)
 */
public record ObjectiveConfig(String name, double gpLambda, boolean oneSided, double foganAlphaMin,
                              double foganLipschitzWeight, double foganGradientWeight, double clip) {
    public ObjectiveConfig {
        Objectives.entry(name);   // an unknown name fails with the list of choices
        if (!(gpLambda >= 0) || !(foganLipschitzWeight >= 0) || !(foganGradientWeight >= 0)) {
            throw new IllegalArgumentException("penalty weights must be >= 0: lambda " + gpLambda + ", fogan "
                    + foganLipschitzWeight + " / " + foganGradientWeight);
        }
        if (!(foganAlphaMin >= 0 && foganAlphaMin < 1)) {
            throw new IllegalArgumentException("fogan alpha-min must be in [0, 1), got " + foganAlphaMin);
        }
        if (!(clip > 0)) {
            throw new IllegalArgumentException("clip must be > 0, got " + clip);
        }
    }

    /** The papers' settings for objective {@code name}. */
    public static ObjectiveConfig defaults(String name) {
        return new ObjectiveConfig(name, 10.0, false, 0.99, 0.1, 1.0, 0.01);
    }

    public ObjectiveConfig withName(String n) {
        return new ObjectiveConfig(n, gpLambda, oneSided, foganAlphaMin, foganLipschitzWeight, foganGradientWeight, clip);
    }

    public ObjectiveConfig withGpLambda(double l) {
        return new ObjectiveConfig(name, l, oneSided, foganAlphaMin, foganLipschitzWeight, foganGradientWeight, clip);
    }

    public ObjectiveConfig withOneSided(boolean o) {
        return new ObjectiveConfig(name, gpLambda, o, foganAlphaMin, foganLipschitzWeight, foganGradientWeight, clip);
    }

    public ObjectiveConfig withClip(double c) {
        return new ObjectiveConfig(name, gpLambda, oneSided, foganAlphaMin, foganLipschitzWeight, foganGradientWeight, c);
    }
}
