package io.ganlab.cli;

import io.ganlab.common.RunLayout;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import io.ganlab.corpus.Dataset;
import com.fasterxml.jackson.databind.node.TextNode;
import io.ganlab.textgan.GeneratorNorm;
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

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "cpu-small",
            description = "paper-wgan-gp, paper-fogan, paper-fogan-wgan-gp or cpu-small (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON overriding the preset (keys: model, objective, schedule, eval).")
    Path config;

    @Option(names = "--dim", paramLabel = "D", description = "Channels of the residual blocks (paper: 512).")
    Integer dim;

    @Option(names = "--one-sided", negatable = true, description = "WGAN-GP: penalise only gradient norms above 1.")
    Boolean oneSided;

    @Option(names = "--generator-batch-norm", paramLabel = "KIND", description = "Batch norm in the generator: authors (the"
            + " FOGAN authors' code: per sequence position, no scale or shift), channel (per channel, trained scale and shift)"
            + " or none (default: authors for fogan, as in its paper; none otherwise).")
    String batchNorm;

    @Option(names = "--no-generator-batch-norm", description = "The same as --generator-batch-norm none.")
    boolean noBatchNorm;

    @CommandLine.Mixin
    TrainOptions train;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        train.validate();
        validate();
        boolean resume = train.resume;
        boolean quiet = train.quiet;
        Path out = train.out;
        RunDirectory run = new RunDirectory(out);
        TextGanConfig cfg;
        Dataset ds;
        if (resume) {
            train.refuseNewConfig(spec, config, run);
            cfg = TextTraining.resumedConfig(run, flags());
            ds = Dataset.open(dataset != null ? dataset : Path.of(cfg.data().path()));
        } else {
            if (dataset == null) {
                throw new UsageException("--dataset is required for a new run");
            }
            ObjectNode tree = TrainOptions.newRunTree(TextGanConfig.preset(preset), config, flags());
            ds = Dataset.open(dataset);
            cfg = TextTraining.configFor(tree, ds);
        }
        if (!quiet) {
            System.err.printf(Locale.ROOT, "%s %s on %s: dim %d, generator batch norm %s, batch %d, %d critic step(s),"
                    + " lr %.1e/%.1e -> %s%n", resume ? "resuming" : "training", cfg.objective().name(), ds.dir(),
                    cfg.model().dim(), cfg.model().generatorBatchNorm().label(), cfg.schedule().batch(),
                    cfg.schedule().criticIters(), cfg.schedule().lrCritic(),
                    cfg.schedule().lrGenerator(), out);
        }
        ai.djl.Device device = train.device();
        train.announceDevice();
        Trainer.Outcome outcome = trainWithProgress(cfg, ds, run, resume, train.force, quiet, device);
        spec.commandLine().getOut().println((outcome == Trainer.Outcome.FINISHED ? "finished: " : "stopped: ")
                + out.resolve(RunLayout.METRICS) + ", " + run.checkpoints());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** Trains with JSD scoring of the samples every K iterations and progress on stderr (also used by the demo). */
    static Trainer.Outcome trainWithProgress(TextGanConfig cfg, Dataset ds, RunDirectory run, boolean resume,
                                             boolean force, boolean quiet, ai.djl.Device device) throws IOException {
        TextEvaluation eval = new TextEvaluation(ds.vocabulary(), cfg.eval().samples(),
                JsdScoring.during(ds, cfg.eval().n(), cfg.eval().samples()));
        TrainProgress progress = new TrainProgress(System.err, cfg.schedule().iterations(), cfg.schedule().minutes(),
                quiet);
        return TextTraining.train(cfg, ds, run, resume, force, eval, progress, device);
    }

    private void validate() {
        if (noBatchNorm && batchNorm != null) {
            throw new UsageException("give --generator-batch-norm or --no-generator-batch-norm, not both");
        }
        if (batchNorm != null) {
            try {
                GeneratorNorm.parse(TextNode.valueOf(batchNorm));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--generator-batch-norm must be one of " + GeneratorNorm.choices() + ", got '"
                        + batchNorm + "'");
            }
        }
    }

    /** The flags given, as a config tree to overlay. */
    ObjectNode flags() {
        ObjectNode t = train.flags();
        if (dim != null) ((ObjectNode) t.get("model")).put("dim", dim);
        if (batchNorm != null || noBatchNorm) {
            ((ObjectNode) t.get("model")).put("generatorBatchNorm",
                    noBatchNorm ? GeneratorNorm.NONE.label() : GeneratorNorm.parse(TextNode.valueOf(batchNorm)).label());
        }
        if (oneSided != null) ((ObjectNode) t.get("objective")).put("oneSided", oneSided);
        return TrainOptions.withoutEmpty(t);
    }
}
