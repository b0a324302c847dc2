package io.ganlab.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.common.RunLayout;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.features.InceptionFeatures;
import io.ganlab.imagegan.nets.ImageArchitecture;
import io.ganlab.imagegan.train.ImageGanConfig;
import io.ganlab.imagegan.train.ImageTraining;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan imagegan train}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train an image GAN of the WGAN-GP paper on a prepared image dataset.",
        description = {"Config = defaults (the paper's CIFAR-10 WGAN-GP run) <- --preset <- --config FILE <- flags; the "
                + "run directory records the effective config. Metrics go to RUN/metrics.jsonl, a grid of fixed-noise "
                + "samples every --eval-every iterations to RUN/samples/iter-N.png, checkpoints to RUN/checkpoints/. "
                + "Ctrl-C saves a checkpoint and exits; --resume continues exactly where it stopped."})
final class ImageganTrainCommand implements Callable<Integer> {
    @Option(names = "--dataset", paramLabel = "DIR", description = "Image dataset made by 'gan images prepare' (on --resume: defaults to the run's).")
    Path dataset;

    @Option(names = "--preset", paramLabel = "NAME", defaultValue = "cifar-wgan-gp",
            description = "cifar-wgan-gp, cifar-wgan-gp-rmsprop, cifar-wgan-clip, cifar-dcgan, cifar-resnet, mnist, mnist-overfit or cpu-fashion (default: ${DEFAULT-VALUE}).")
    String preset;

    @Option(names = "--config", paramLabel = "FILE", description = "YAML or JSON overriding the preset (keys: data, model, objective, schedule, eval).")
    Path config;

    @Option(names = "--arch", paramLabel = "NAME", description = "Architecture: mnist-dcgan, cifar-dcgan, cifar-resnet, ...")
    String arch;

    @Option(names = "--dim", paramLabel = "D", description = "Width (DIM) of the networks (default: the architecture's).")
    Integer dim;

    @Option(names = "--critic-norm", paramLabel = "NORM", description = "none, layer or batch (default: the reference's for the objective).")
    String criticNorm;

    @Option(names = "--train-limit", paramLabel = "N", description = "Train on the first N training images only (section 5.6).")
    Long trainLimit;

    @Option(names = "--classifier", paramLabel = "FILE",
            description = "A domain classifier ('gan eval classifier train'): log its classifier score, FID and KID of --eval-samples images at each evaluation.")
    Path classifier;

    @Option(names = "--inception", paramLabel = "FILE",
            description = "The Inception v3 TorchScript file (inception-2015-12-05.pt, see 'gan eval images --help'):"
                    + " log the inception score, FID and KID of --eval-samples images at each evaluation (a GPU job).")
    Path inception;

    @Option(names = "--grid", paramLabel = "N", description = "Fixed-noise images in each samples/iter-N.png (default: 64).")
    Integer grid;

    @CommandLine.Mixin
    TrainOptions train;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        train.validate();
        if (arch != null && !ImageArchitecture.NAMES.contains(arch)) {
            throw new UsageException("unknown architecture '" + arch + "'; choose one of "
                    + String.join(", ", ImageArchitecture.NAMES));
        }
        RunDirectory run = new RunDirectory(train.out);
        ImageGanConfig cfg;
        ImageDataset ds;
        if (train.resume) {
            train.refuseNewConfig(spec, config, run);
            cfg = ImageTraining.resumedConfig(run, flags());
            ds = ImageDataset.open(dataset != null ? dataset : Path.of(cfg.data().path()));
        } else {
            if (dataset == null) {
                throw new UsageException("--dataset is required for a new run");
            }
            ObjectNode tree = TrainOptions.newRunTree(ImageGanConfig.preset(preset), config, flags());
            ds = ImageDataset.open(dataset);
            cfg = ImageTraining.configFor(tree, ds);
        }
        if (cfg.eval().inception() != null) {
            InceptionFeatures.check(Path.of(cfg.eval().inception()));   // a wrong file is refused before any work
        }
        if (!train.quiet) {
            System.err.printf(Locale.ROOT, "%s %s %s (dim %d, critic norm %s) on %s: batch %d, %d critic step(s), lr %.1e/%.1e -> %s%n",
                    train.resume ? "resuming" : "training", cfg.objective().name(), cfg.model().arch(), cfg.model().dim(),
                    cfg.model().criticNorm().name().toLowerCase(Locale.ROOT), ds.dir(), cfg.schedule().batch(),
                    cfg.schedule().criticIters(), cfg.schedule().lrCritic(), cfg.schedule().lrGenerator(), train.out);
        }
        TrainProgress progress = new TrainProgress(System.err, cfg.schedule().iterations(), cfg.schedule().minutes(),
                train.quiet);
        ai.djl.Device device = train.device();
        train.announceDevice();
        Trainer.Outcome outcome = ImageTraining.train(cfg, ds, run, train.resume, train.force, progress, device);
        spec.commandLine().getOut().println((outcome == Trainer.Outcome.FINISHED ? "finished: " : "stopped: ")
                + train.out.resolve(RunLayout.METRICS) + ", " + run.samples() + ", " + run.checkpoints());
        spec.commandLine().getOut().flush();
        return 0;
    }

    /** The flags given, as a config tree to overlay. */
    ObjectNode flags() {
        ObjectNode t = train.flags();
        ObjectNode model = (ObjectNode) t.get("model");
        if (arch != null) model.put("arch", arch);
        if (dim != null) model.put("dim", dim);
        if (criticNorm != null) model.put("criticNorm", criticNorm);
        if (trainLimit != null) t.putObject("data").put("trainLimit", trainLimit);
        ObjectNode eval = (ObjectNode) t.get("eval");
        if (grid != null) eval.put("grid", grid);
        if (classifier != null) eval.put("classifier", classifier.toAbsolutePath().normalize().toString());
        if (inception != null) eval.put("inception", inception.toAbsolutePath().normalize().toString());
        return TrainOptions.withoutEmpty(t);
    }
}
