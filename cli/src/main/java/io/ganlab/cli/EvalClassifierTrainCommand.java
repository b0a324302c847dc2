package io.ganlab.cli;

import ai.djl.ndarray.NDManager;
import io.ganlab.imagegan.classifier.ClassifierException;
import io.ganlab.imagegan.classifier.ClassifierFile;
import io.ganlab.imagegan.classifier.ClassifierInfo;
import io.ganlab.imagegan.classifier.ClassifierTraining;
import io.ganlab.imagegan.data.ImageDataset;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan eval classifier train}. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Train a small CNN classifier on a labelled image dataset and save it as one file.",
        description = {
            "Trains on the train split with cross-entropy and Adam, measures the accuracy on the valid split, and"
                    + " writes the network with its provenance (dataset checksum, image shape, classes, held-out"
                    + " accuracy, seed, epochs, tool version) to one checksummed file. The file's SHA-256 is its"
                    + " identity: scores made with it name it, and cached reference features are keyed by it.",
            "Its scores are the 'classifier score' and 'classifier FID/KID', comparable only between runs scored"
                    + " with the same file, never with Inception scores."})
final class EvalClassifierTrainCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Labelled image dataset (gan images prepare).")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Classifier file to write.")
    Path out;

    @Option(names = "--epochs", paramLabel = "E", defaultValue = "" + ClassifierTraining.Options.DEFAULT_EPOCHS,
            description = "Passes over the train split (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "" + ClassifierTraining.Options.DEFAULT_SEED,
            description = "Seed of the initialisation and the example order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (epochs < 1 || epochs > 1000) {
            throw new UsageException("--epochs must lie in 1..1000, got " + epochs);
        }
        if (Files.isDirectory(out)) {
            throw new UsageException(out + ": is a directory; --out takes a file name");
        }
        if (Files.exists(out) && !force) {
            throw new ClassifierException(out + ": already exists; use --force to replace it");
        }
        PrintWriter err = spec.commandLine().getErr();
        ImageDataset ds = ImageDataset.open(dataset);
        ClassifierTraining.Options o = ClassifierTraining.Options.defaults().withEpochs(epochs).withSeed(seed);
        try (NDManager manager = NDManager.newBaseManager()) {
            ClassifierTraining.Trained t = ClassifierTraining.train(ds, o, manager, line -> {
                err.println("gan eval classifier train: " + line);
                err.flush();
            });
            String sha = ClassifierFile.write(out, t.network(), t.info());
            ClassifierInfo i = t.info();
            PrintWriter w = spec.commandLine().getOut();
            w.printf("classifier %s: %s, %d classes, held-out accuracy %.2f%% on %d valid images, %d epochs, seed"
                            + " %d, %.0f s%n", out, t.network(), i.classNames().size(), 100 * i.heldOutAccuracy(),
                    i.heldOutImages(), i.epochs(), i.seed(), i.trainSeconds());
            w.printf("sha256 %s%n", sha);
            w.flush();
        }
        return 0;
    }
}
