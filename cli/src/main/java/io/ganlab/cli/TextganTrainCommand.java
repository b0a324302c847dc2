package io.ganlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.core.ConfigTree;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import io.ganlab.corpus.Dataset;
import io.ganlab.textgan.TextEvaluation;
import io.ganlab.textgan.TextGanConfig;
import io.ganlab.textgan.TextTraining;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan textgan train}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train the language GAN (WGAN-GP, FOGAN, ...) on a prepared dataset.",
        description = {"Config = defaults (the WGAN-GP paper) <- --preset <- --config FILE <- flags; the run directory "
                + "records the effective config. Metrics go to RUN/metrics.jsonl, samples every --eval-every iterations "
                + "to RUN/samples/, checkpoints to RUN/checkpoints/. Ctrl-C saves a checkpoint and exits; --resume "
                + "continues exactly where it stopped."})
final class TextganTrainCommand implements Callable<Integer> {
    @Option(names = "--dataset", paramLabel = "DIR", description = "Dataset made by 'gan corpus prepare' (on --resume: defaults to the run's).")
    Path dataset;

    @Option(names = "--out", paramLabel = "RUN", required = true, description = "Run directory.")
    Path out;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "cpu-small",
            description = "paper-wgan-gp, paper-fogan or cpu-small (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON overriding the preset (keys: model, objective, schedule, eval).")
    Path config;

    @Option(names = "--objective", paramLabel = "NAME", description = "wgan-gp, fogan, wgan-clip, gan or lsgan.")
    String objective;

    @Option(names = "--iterations", paramLabel = "N", description = "Generator iterations to reach (0: no limit).")
    Long iterations;

    @Option(names = "--minutes", paramLabel = "M", description = "Training time to reach, summed over resumes (0: no limit).")
    Double minutes;

    @Option(names = "--dim", paramLabel = "D", description = "Channels of the residual blocks (paper: 512).")
    Integer dim;

    @Option(names = "--critic-iters", paramLabel = "K", description = "Critic steps per generator step.")
    Integer criticIters;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size.")
    Integer batch;

    @Option(names = "--lr-critic", paramLabel = "LR", description = "Critic learning rate.")
    Float lrCritic;

    @Option(names = "--lr-generator", paramLabel = "LR", description = "Generator learning rate.")
    Float lrGenerator;

    @Option(names = "--lambda", paramLabel = "L", description = "WGAN-GP penalty weight.")
    Double lambda;

    @Option(names = "--one-sided", negatable = true, description = "WGAN-GP: penalise only gradient norms above 1.")
    Boolean oneSided;

    @Option(names = "--generator-batch-norm", negatable = true, description = "Batch norm in the generator (the FOGAN setting).")
    Boolean batchNorm;

    @Option(names = "--linear-decay", negatable = true, description = "Decay learning rates linearly to 0 over --iterations.")
    Boolean linearDecay;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random draw.")
    Long seed;

    @Option(names = "--eval-every", paramLabel = "K", description = "JSD, samples and held-out critic loss every K iterations.")
    Integer evalEvery;

    @Option(names = "--eval-samples", paramLabel = "N", description = "Samples per JSD evaluation (reference: 640).")
    Integer evalSamples;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Checkpoint every N iterations.")
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
            throw new UsageException("unknown objective '" + objective + "'; choose one of " + String.join(", ", ObjectiveConfig.NAMES));
        }
        if (System.getenv("ONEDNN_MAX_CPU_ISA") == null && !quiet) {
            System.err.println("gan textgan train: warning: ONEDNN_MAX_CPU_ISA is not set; libtorch's AVX-512 convolution"
                    + " backward can give NaN gradients on some CPUs (the ./gan launcher sets it to AVX2)");
        }
        RunDirectory run = new RunDirectory(out);
        TextGanConfig cfg;
        Dataset ds;
        if (resume) {
            cfg = TextTraining.resumedConfig(run, flags());
            ds = Dataset.open(dataset != null ? dataset : Path.of(cfg.data().path()));
        } else {
            if (dataset == null) {
                throw new UsageException("--dataset is required for a new run");
            }
            ObjectNode tree = TextGanConfig.preset(preset);
            if (config != null) {
                ConfigTree.merge(tree, TextGanConfig.file(config));
            }
            ConfigTree.merge(tree, flags());
            ds = Dataset.open(dataset);
            cfg = TextTraining.configFor(tree, ds);
        }
        TextEvaluation eval = new TextEvaluation(ds.vocabulary(), cfg.eval().samples(),
                JsdScoring.during(ds, cfg.eval().n(), cfg.eval().samples()));
        TrainProgress progress = new TrainProgress(System.err, cfg.schedule().iterations(), cfg.schedule().minutes(), quiet);
        if (!quiet) {
            System.err.printf(Locale.ROOT, "%s %s on %s: dim %d, batch %d, %d critic step(s), lr %.1e/%.1e -> %s%n",
                    resume ? "resuming" : "training", cfg.objective().name(), ds.dir(), cfg.model().dim(),
                    cfg.schedule().batch(), cfg.schedule().criticIters(), cfg.schedule().lrCritic(),
                    cfg.schedule().lrGenerator(), out);
        }
        Trainer.Outcome outcome = TextTraining.train(cfg, ds, run, resume, force, eval, progress);
        spec.commandLine().getOut().println((outcome == Trainer.Outcome.FINISHED ? "finished: " : "stopped: ")
                + out.resolve(RunDirectory.METRICS) + ", " + run.checkpoints());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The flags given, as a config tree to overlay. */
    ObjectNode flags() {
        ObjectNode t = RunDirectory.JSON.createObjectNode();
        ObjectNode model = t.putObject("model");
        ObjectNode obj = t.putObject("objective");
        ObjectNode sch = t.putObject("schedule");
        ObjectNode ev = t.putObject("eval");
        if (objective != null) obj.put("name", objective);
        if (lambda != null) obj.put("gpLambda", lambda);
        if (oneSided != null) obj.put("oneSided", oneSided);
        if (dim != null) model.put("dim", dim);
        if (batchNorm != null) model.put("generatorBatchNorm", batchNorm);
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
        // drop empty sections so that a resumed run compares only what was given
        java.util.List<String> empty = new java.util.ArrayList<>();
        t.fieldNames().forEachRemaining(k -> {
            if (t.get(k).isEmpty()) {
                empty.add(k);
            }
        });
        t.remove(empty);
        return t;
    }

}
