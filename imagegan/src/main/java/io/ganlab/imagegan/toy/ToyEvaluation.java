package io.ganlab.imagegan.toy;

import io.ganlab.core.RandomStream;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import io.ganlab.core.Evaluation;
import io.ganlab.core.Rng;
import io.ganlab.core.RunDirectory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every K iterations: draws {@code samples} generated points, measures their {@link ModeCoverage} for the metrics
 * ({@code modes_covered}, {@code modes}, {@code high_quality}) and, if asked, draws {@code plots/iter-N.png}: the
 * critic's value on a {@value #GRID} × {@value #GRID} grid (as in the reference), the same number of real points
 * (always the same ones, so pictures of one run compare) and the generated points.
 */
public final class ToyEvaluation implements Evaluation {
    /** Grid points per side at which the critic is evaluated for the picture (the reference's N_POINTS). */
    public static final int GRID = 128;

    private final ToySet set;
    private final Block critic;
    private final int samples;
    private final boolean plots;
    private final float[] real;

    public ToyEvaluation(ToySet set, Block critic, int samples, boolean plots, long seed) {
        this.set = set;
        this.critic = critic;
        this.samples = samples;
        this.plots = plots;
        this.real = set.sample(new Rng(seed).stream(0, RandomStream.REFERENCE_DRAWS), samples);
    }

    /** {@code plots/iter-00001000.png}. */
    public static Path plotAt(RunDirectory run, long iteration) {
        return plots(run).resolve(String.format("iter-%08d.png", iteration));
    }

    public static Path plots(RunDirectory run) {
        return run.dir().resolve("plots");
    }

    @Override
    public Map<String, Object> evaluate(long iteration, Sampler sampler, RunDirectory run) {
        float[] fake;
        float[] surface = null;
        try (NDManager m = NDManager.newBaseManager()) {
            fake = sampler.sample(m, samples).toFloatArray();                      // (N, 2) flattened
            if (plots) {
                surface = criticValues(m, critic, ValueSurfacePlot.gridPoints(set.extent(), GRID));
            }
        }
        ModeCoverage c = ModeCoverage.of(set, fake);
        if (plots) {
            Path file = plotAt(run, iteration);
            String title = String.format(java.util.Locale.ROOT, "%s, iteration %,d: %d/%d modes, %.0f%% within %.1f",
                    set.id(), iteration, c.covered(), c.modes(), 100 * c.quality(), ModeCoverage.RADIUS);
            try {
                ValueSurfacePlot.write(file, ValueSurfacePlot.draw(set.extent(), GRID, surface, real, fake, title));
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": cannot write plot", e);
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("modes_covered", c.covered());
        out.put("modes", c.modes());
        out.put("high_quality", c.quality());
        return out;
    }

    /** The critic's value at each point (interleaved x, y), in inference mode. */
    static float[] criticValues(NDManager m, Block critic, float[] xy) {
        int n = xy.length / 2;
        try (NDManager step = m.newSubManager()) {
            NDArray x = step.create(xy, new Shape(n, 2));                            // (N, 2)
            NDArray v = critic.forward(new ParameterStore(step, false), new NDList(x), false).singletonOrThrow(); // (N, 1)
            return v.toFloatArray();
        }
    }
}
