package io.ganlab.cli;

import io.ganlab.common.StagedOutput;
import io.ganlab.common.RunLayout;
import io.ganlab.core.RunDirectory;
import io.ganlab.corpus.Dataset;
import io.ganlab.textgan.TextGanConfig;
import io.ganlab.textgan.TextSampling;
import io.ganlab.textgan.TextTraining;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan textgan sample}. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Write text from a run's newest checkpoint, decoded by argmax (trailing padding stripped).")
final class TextganSampleCommand implements Callable<Integer> {
    @Option(names = "--run", paramLabel = "RUN", required = true, description = "Run directory made by 'gan textgan train'.")
    Path runDir;

    @Option(names = "--count", paramLabel = "N", defaultValue = "64", description = "Samples to write (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", paramLabel = "FILE", description = "Write to FILE (one sample per line) instead of standard output.")
    Path out;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interpolate", paramLabel = "K",
            description = "Instead of independent samples, K samples along the line between two latent points.")
    Integer interpolate;

    @Option(names = "--dataset", paramLabel = "DIR", description = "The run's dataset, if it moved (default: the path in the run's config); another dataset is refused.")
    Path dataset;

    @Option(names = "--force", description = "Overwrite --out if it exists.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (count < 1) {
            throw new UsageException("--count must be at least 1, got " + count);
        }
        if (interpolate != null && interpolate < 2) {
            throw new UsageException("--interpolate needs at least 2 points, got " + interpolate);
        }
        if (out != null && Files.isDirectory(out)) {
            throw new UsageException(out + ": is a directory; --out names the file to write the samples to");
        }
        if (out != null && Files.exists(out) && !force) {
            throw new UsageException(out + ": exists; pass --force to overwrite it");
        }
        RunDirectory run = new RunDirectory(runDir);
        if (!run.exists()) {
            throw new io.ganlab.core.TrainingException(runDir + ": not a run (no " + RunLayout.CONFIG + ")");
        }
        TextGanConfig cfg = TextGanConfig.of(run.readConfig());
        Dataset ds = Dataset.open(dataset != null ? dataset : Path.of(cfg.data().path()));
        // the symbols of another dataset would decode the ids wrongly even at the same vocabulary size
        TextTraining.checkDataset(cfg, ds);
        List<String> lines = TextSampling.sample(run, cfg, ds.vocabulary(), count, seed, interpolate == null ? 0 : interpolate);
        StringBuilder sb = new StringBuilder();
        for (String l : lines) {
            sb.append(l).append('\n');
        }
        if (out == null) {
            PrintWriter w = spec.commandLine().getOut();
            w.print(sb);
            w.flush();
        } else {
            StagedOutput.writeFile(out, sb.toString().getBytes(StandardCharsets.UTF_8));
            System.err.println("wrote " + lines.size() + " samples to " + out);
        }
        return 0;
    }
}
