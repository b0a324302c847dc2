package io.ganlab.bench;

import ai.djl.engine.Engine;
import io.ganlab.core.Precision;
import io.ganlab.imagegan.nets.ImageArchitecture;
import java.io.PrintWriter;
import java.util.List;

/**
 * Milliseconds of an image GAN's WGAN-GP critic and generator steps (the training session's own, through
 * {@link SessionSteps}), the resident memory over the critic steps and the steps leaving a non-finite weight, per
 * architecture at its reference width: the same figures as {@link TextganStepBench} gives for the language GAN.
 */
public final class ImageganStepBench {
    /**
     * @param archs          architecture names
     * @param steps          measured critic steps per architecture; RSS growth is taken over them
     * @param generatorSteps measured generator steps
     * @param warmup         unmeasured steps of each kind first
     * @param dim            width (0: each architecture's own)
     */
    public record Settings(List<String> archs, int steps, int generatorSteps, int warmup, int batch, int dim,
                           long seed, Precision precision) {}

    private ImageganStepBench() {}

    public static void run(Settings s, PrintWriter out) {
        out.printf("bench imagegan: WGAN-GP (lambda 10, the critic normalised as the reference does under it), batch %d, Adam, %s;"
                        + " %s threads, %d cores, libtorch %s%n", s.batch(), s.precision().label(),
                System.getProperty("ai.djl.pytorch.num_threads", "default"), Runtime.getRuntime().availableProcessors(),
                Engine.getEngine("PyTorch").getVersion());
        out.flush();
        for (String name : s.archs()) {
            ImageArchitecture arch = ImageArchitecture.named(name);
            int dim = s.dim() > 0 ? s.dim() : arch.dim();
            try (SessionSteps steps = SessionSteps.image(arch, dim, s.batch(), s.seed(), s.precision())) {
                TextganStepBench.Figures f = TextganStepBench.measure(s.steps(), s.generatorSteps(), s.warmup(), steps,
                        dim);
                TextganStepBench.print(out, name + " (DIM " + dim + ")", s.warmup(), f);
                out.flush();   // each architecture's figures as soon as they are measured: a ResNet takes minutes
            }
        }
    }
}
