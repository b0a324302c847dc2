package io.ganlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingListener;
import io.ganlab.imagegan.toy.ToyConfig;
import io.ganlab.imagegan.toy.ToyEvaluation;
import io.ganlab.imagegan.toy.ToySet;
import io.ganlab.imagegan.toy.ToyTraining;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan toy train}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train a GAN on a 2-D toy set; plots of the critic and the samples as it learns.",
        description = {"Defaults are the WGAN-GP authors' toy settings (3 ReLU layers of 512 units, noise of size 2, "
                + "batch 256, 5 critic steps, Adam 1e-4 with beta 0.5/0.9, lambda 0.1). Metrics go to "
                + "RUN/metrics.jsonl (every --eval-every iterations also modes_covered, modes and high_quality: the "
                + "share of samples within 0.1 of the data), pictures of the critic's value surface with real and "
                + "generated points to RUN/plots/iter-N.png, checkpoints to RUN/checkpoints/. Ctrl-C saves a checkpoint "
                + "and exits; --resume continues exactly where it stopped."})
final class ToyTrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "SET",
            description = "8gaussians, 25gaussians or swissroll (on --resume: the run's).")
    String data;

    @Option(names = "--out", paramLabel = "RUN", required = true, description = "Run directory.")
    Path out;

    @Option(names = "--objective", paramLabel = "NAME", description = "wgan-gp (default), fogan, wgan-clip, gan or lsgan.")
    String objective;

    @Option(names = "--iterations", paramLabel = "N", description = "Generator iterations to reach (default 10000; 0: no limit).")
    Long iterations;

    @Option(names = "--minutes", paramLabel = "M", description = "Training time to reach, summed over resumes (0: no limit).")
    Double minutes;

    @Option(names = "--critic-iters", paramLabel = "K", description = "Critic steps per generator step (default 5).")
    Integer criticIters;

    @Option(names = "--dim", paramLabel = "D", description = "Units per hidden layer of both MLPs (default 512).")
    Integer dim;

    @Option(names = "--layers", paramLabel = "L", description = "Hidden ReLU layers of both MLPs (default 3).")
    Integer layers;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size (default 256).")
    Integer batch;

    @Option(names = "--lr-critic", paramLabel = "LR", description = "Critic learning rate (default 1e-4).")
    Float lrCritic;

    @Option(names = "--lr-generator", paramLabel = "LR", description = "Generator learning rate (default 1e-4).")
    Float lrGenerator;

    @Option(names = "--lambda", paramLabel = "L", description = "WGAN-GP penalty weight (default 0.1, the reference's toy value).")
    Double lambda;

    @Option(names = "--linear-decay", negatable = true, description = "Decay learning rates linearly to 0 over --iterations.")
    Boolean linearDecay;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random draw (default 1).")
    Long seed;

    @Option(names = "--eval-every", paramLabel = "K", description = "Mode counts, plot and held-out critic loss every K iterations (default 500).")
    Integer evalEvery;

    @Option(names = "--eval-samples", paramLabel = "N", description = "Generated points per evaluation (default 1000).")
    Integer evalSamples;

    @Option(names = "--plots", negatable = true, description = "Write RUN/plots/iter-N.png at each evaluation (default: yes).")
    Boolean plots;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Checkpoint every N iterations (default 1000).")
    Integer checkpointEvery;

    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint.")
    boolean resume;

    @Option(names = "--force", description = "Replace a run already in --out.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (resume && force) {
            throw new UsageException("--resume continues a run and --force replaces it: give one of them");
        }
        if (objective != null && !ObjectiveConfig.NAMES.contains(objective)) {
            throw new UsageException("unknown objective '" + objective + "'; choose one of "
                    + String.join(", ", ObjectiveConfig.NAMES));
        }
        if (data != null && !ToySet.ids().contains(data)) {
            throw new UsageException("unknown data set '" + data + "'; choose one of " + String.join(", ", ToySet.ids()));
        }
        RunDirectory run = new RunDirectory(out);
        ToyConfig cfg;
        if (resume) {
            cfg = ToyTraining.resumedConfig(run, flags());
        } else {
            if (data == null) {
                throw new UsageException("--data is required for a new run (8gaussians, 25gaussians or swissroll)");
            }
            try {
                cfg = ToyTraining.newConfig(flags());
            } catch (io.ganlab.core.TrainingException e) {
                throw new UsageException(e.getMessage());
            }
        }
        TrainProgress progress = new TrainProgress(System.err, cfg.schedule().iterations(), cfg.schedule().minutes(), quiet);
        if (!quiet) {
            System.err.printf(Locale.ROOT, "%s %s on %s: %d x %d MLPs, batch %d, %d critic step(s), lr %.1e/%.1e -> %s%n",
                    resume ? "resuming" : "training", cfg.objective().name(), cfg.data(), cfg.model().layers(),
                    cfg.model().dim(), cfg.schedule().batch(), cfg.schedule().criticIters(), cfg.schedule().lrCritic(),
                    cfg.schedule().lrGenerator(), out);
        }
        Trainer.Outcome outcome = ToyTraining.train(cfg, run, resume, force, withModes(progress, quiet ? null : System.err));
        spec.commandLine().getOut().println((outcome == Trainer.Outcome.FINISHED ? "finished: " : "stopped: ")
                + run.metrics() + ", " + ToyEvaluation.plots(run) + ", " + run.checkpoints());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The progress bar, with each evaluation's mode counts on a line of its own. */
    static TrainingListener withModes(TrainProgress progress, PrintStream err) {
        return new TrainingListener() {
            @Override
            public void started(long iteration, double time) {
                progress.started(iteration, time);
            }

            @Override
            public void iteration(Map<String, Object> metrics) {
                progress.iteration(metrics);
            }

            @Override
            public void evaluated(Map<String, Object> m) {
                if (err != null) {
                    err.printf(Locale.ROOT, "%seval @%,d: modes %s/%s, high quality %.1f%%, critic train/valid %.3f/%.3f%n",
                            System.console() != null ? "\n" : "", ((Number) m.get("iteration")).longValue(),
                            m.get("modes_covered"), m.get("modes"), 100 * num(m, "high_quality"),
                            num(m, "critic_train"), num(m, "critic_valid"));
                }
            }

            @Override
            public void checkpointed(long iteration, Path file) {
                progress.checkpointed(iteration, file);
            }

            @Override
            public void finished(Trainer.Outcome outcome) {
                progress.finished(outcome);
            }
        };
    }

    private static double num(Map<String, Object> m, String k) {
        return m.get(k) instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    /** The flags given, as a config tree to overlay. */
    ObjectNode flags() {
        ObjectNode t = RunDirectory.JSON.createObjectNode();
        if (data != null) t.put("data", data);
        ObjectNode model = t.putObject("model");
        ObjectNode obj = t.putObject("objective");
        ObjectNode sch = t.putObject("schedule");
        ObjectNode ev = t.putObject("eval");
        if (dim != null) model.put("dim", dim);
        if (layers != null) model.put("layers", layers);
        if (objective != null) obj.put("name", objective);
        if (lambda != null) obj.put("gpLambda", lambda);
        if (iterations != null) sch.put("iterations", iterations);
        if (minutes != null) sch.put("minutes", minutes);
        if (criticIters != null) sch.put("criticIters", criticIters);
        if (batch != null) sch.put("batch", batch);
        if (lrCritic != null) sch.put("lrCritic", lrCritic);
        if (lrGenerator != null) sch.put("lrGenerator", lrGenerator);
        if (linearDecay != null) sch.put("linearDecay", linearDecay);
        if (seed != null) sch.put("seed", seed);
        if (evalEvery != null) sch.put("evalEvery", evalEvery);
        if (checkpointEvery != null) sch.put("checkpointEvery", checkpointEvery);
        if (evalSamples != null) ev.put("samples", evalSamples);
        if (plots != null) ev.put("plots", plots);
        // drop empty sections so that a resumed run compares only what was given
        java.util.List<String> empty = new java.util.ArrayList<>();
        t.fieldNames().forEachRemaining(k -> {
            if (t.get(k).isObject() && t.get(k).isEmpty()) {
                empty.add(k);
            }
        });
        t.remove(empty);
        return t;
    }
}
