package io.ganlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
                + "and exits; --resume continues exactly where it stopped. Other defaults: 10,000 iterations, an "
                + "evaluation of 1,000 samples every 500 iterations, a checkpoint every 1,000."})
final class ToyTrainCommand implements Callable<Integer> {
    @Option(names = "--data", paramLabel = "SET",
            description = "8gaussians, 25gaussians or swissroll (on --resume: the run's).")
    String data;

    @Option(names = "--dim", paramLabel = "D", description = "Units per hidden layer of both MLPs (default 512).")
    Integer dim;

    @Option(names = "--layers", paramLabel = "L", description = "Hidden ReLU layers of both MLPs (default 3).")
    Integer layers;

    @Option(names = "--plots", negatable = true, description = "Write RUN/plots/iter-N.png at each evaluation (default: yes).")
    Boolean plots;

    @CommandLine.Mixin
    TrainOptions train;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        train.validate();
        boolean resume = train.resume;
        boolean quiet = train.quiet;
        Path out = train.out;
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
        ai.djl.Device device = train.device();
        train.announceDevice();
        Trainer.Outcome outcome = ToyTraining.train(cfg, run, resume, train.force,
                withModes(progress, quiet ? null : System.err), device);
        spec.commandLine().getOut().println((outcome == Trainer.Outcome.FINISHED ? "finished: " : "stopped: ")
                + run.metrics() + (cfg.eval().plots() ? ", " + ToyEvaluation.plots(run) : "") + ", " + run.checkpoints());
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
            public void notice(String message) {
                progress.notice(message);
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
        ObjectNode t = train.flags();
        if (data != null) t.put("data", data);
        if (dim != null) ((ObjectNode) t.get("model")).put("dim", dim);
        if (layers != null) ((ObjectNode) t.get("model")).put("layers", layers);
        if (plots != null) ((ObjectNode) t.get("eval")).put("plots", plots);
        return TrainOptions.withoutEmpty(t);
    }
}
