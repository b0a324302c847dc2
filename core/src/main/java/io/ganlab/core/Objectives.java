package io.ganlab.core;

/** Builds an {@link Objective} from its config. */
public final class Objectives {
    private Objectives() {}

    public static Objective create(ObjectiveConfig c) {
        return switch (c.name()) {
            case "wgan-gp" -> new WganGp(c.gpLambda(), c.oneSided());
            case "fogan" -> new FoGan(c.foganAlphaMin(), c.foganLipschitzWeight(), c.foganGradientWeight());
            case "wgan-clip" -> new WganClip(c.clip());
            case "gan" -> new StandardGan();
            case "lsgan" -> new LeastSquaresGan();
            default -> throw new IllegalArgumentException("unknown objective '" + c.name() + "'; choose one of "
                    + ObjectiveConfig.NAMES);
        };
    }
}
