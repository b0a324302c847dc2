package io.ganlab.cli;

import io.ganlab.corpus.Dataset;
import io.ganlab.common.StagedOutput;
import io.ganlab.eval.EvalException;
import io.ganlab.eval.JsdEvaluator;
import io.ganlab.eval.JsdReport;
import io.ganlab.eval.NgramOrders;
import io.ganlab.eval.Samples;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan eval jsd}: n-gram JSD of a sample file against a dataset, with the floor. */
@Command(name = "jsd", mixinStandardHelpOptions = true,
        header = "Score samples by n-gram Jensen-Shannon divergence (bits) against a dataset, next to the real-data floor.",
        description = {
            "Counts the n-grams of the samples (one per line, encoded with the dataset's vocabulary and padded like"
                    + " the corpus; for a run's saved samples, the ids saved beside them) and compares them with those of all the dataset's training lines. The true"
                    + " models are counted once and cached in DIR/ngrams/.",
            "Next to each JSD: the floor (the JSD of as many held-out validation lines), the share of distinct"
                    + " n-grams among the samples, and the share of samples copied verbatim from the training lines.",
            "JSD values are only comparable at the same number of samples."})
final class EvalJsdCommand implements Callable<Integer> {
    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Dataset directory.")
    Path dataset;

    @Option(names = "--samples", required = true, paramLabel = "FILE",
            description = "Text file of samples, one per line (UTF-8). A training run's samples/iter-N.txt is scored"
                    + " by the symbol ids saved beside it (iter-N.ids), exactly as the run scored them; an .ids file"
                    + " may also be given itself.")
    Path samples;

    @Option(names = "--n", paramLabel = "LIST", defaultValue = "1..6",
            description = "n-gram orders: a range, a list or both, e.g. 1..6, 2,4 or 1,3..5 (1 to "
                    + NgramOrders.MAX_N + "; default: ${DEFAULT-VALUE}).")
    String n;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the report as JSON to OUT.")
    Path json;

    @Option(names = "--force", description = "Replace an existing --json file.")
    boolean force;

    /** Each repeat scores one more subset as long as the samples: a cap keeps a typo from running for hours. */
    static final int MAX_FLOOR_REPEATS = 1000;

    @Option(names = "--floor-repeats", paramLabel = "R", defaultValue = "1",
            description = "Average the floor over R random subsets of the validation split and report its"
                    + " standard deviation (default: ${DEFAULT-VALUE}: the first lines of the split; at most "
                    + MAX_FLOOR_REPEATS + ").")
    int floorRepeats;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1234",
            description = "Seed of the random subsets of --floor-repeats (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--truncate",
            description = "Cut samples longer than the sequence length, as the corpus cuts lines (default: such a"
                    + " sample is an error).")
    boolean truncate;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        int[] ns;
        try {
            ns = NgramOrders.parse(n);
        } catch (EvalException e) {
            throw new UsageException(e.getMessage());
        }
        if (floorRepeats < 1 || floorRepeats > MAX_FLOOR_REPEATS) {
            throw new UsageException("--floor-repeats must lie in 1.." + MAX_FLOOR_REPEATS + ", got " + floorRepeats);
        }
        if (json != null && Files.isDirectory(json)) {
            throw new EvalException(json + ": is a directory; --json takes a file name");
        }
        Path jsonDir = json == null ? null : json.toAbsolutePath().normalize().getParent();
        if (jsonDir != null && Files.isRegularFile(jsonDir.resolve(Dataset.MANIFEST))) {
            // a dataset's files are its own: --force must not replace its manifest or splits
            throw new EvalException(json + ": is inside the dataset directory " + jsonDir + "; write --json elsewhere");
        }
        if (json != null && Files.exists(json) && !force) {
            throw new EvalException(json + ": already exists; use --force to replace it");
        }
        Dataset ds = Dataset.open(dataset);
        for (int k : ns) {
            if (k > ds.seqLen()) {
                throw new UsageException("n = " + k + " is longer than the dataset's lines (" + ds.seqLen() + " symbols)");
            }
        }
        java.util.function.Consumer<String> log = msg -> {
            PrintWriter err = spec.commandLine().getErr();
            err.println("gan eval jsd: " + msg);
            err.flush();
        };
        Samples s = Samples.readFile(samples, ds.vocabulary(), ds.seqLen(), truncate, log);
        JsdEvaluator.Options o = JsdEvaluator.Options.defaults()
                .withFloorRepeats(floorRepeats).withSeed(seed)
                .withLog(log);
        JsdEvaluator ev = JsdEvaluator.open(ds, ns, o);
        JsdReport r = ev.evaluate(s);
        print(spec.commandLine().getOut(), r, ns);
        if (json != null) {
            writeAtomically(json, r.toJson(), force);
        }
        return 0;
    }

    static void print(PrintWriter out, JsdReport r, int[] ns) {
        boolean std = r.floorStd() != null;
        out.printf("%d samples; JSD in bits (0: same n-gram distribution as the training lines, 1: disjoint)%n",
                r.samples());
        out.printf("%-3s %8s %8s%s %9s%n", "n", "jsd", "floor", std ? String.format(" %8s", "floor_sd") : "",
                "distinct");
        for (int k : ns) {
            String key = Integer.toString(k);
            Double f = r.floor().get(key);
            out.printf("%-3d %8.4f %8s%s %9.4f%n", k, r.jsd().get(key), f == null ? "-" : String.format("%.4f", f),
                    std ? String.format(" %8.4f", r.floorStd().get(key)) : "", r.distinct().get(key));
        }
        out.printf("copied: %.2f%% of the samples occur verbatim among the training lines%n", 100 * r.copied());
        if (r.floor().isEmpty()) {
            out.println("floor: not available (the validation split has fewer lines than there are samples)");
        } else {
            out.printf("floor: JSD of %d held-out validation lines%s%n", r.samples(),
                    r.floorRepeats() > 1 ? ", mean and standard deviation over " + r.floorRepeats() + " random subsets"
                            : "");
        }
        out.flush();
    }

    /** Writes the file whole or not at all; one that appeared meanwhile is replaced only with {@code force}. */
    static void writeAtomically(Path file, String text, boolean force) throws IOException {
        Path abs = file.toAbsolutePath();
        if (!Files.isDirectory(abs.getParent())) {
            throw new EvalException(file + ": cannot write (no such directory: " + abs.getParent() + ")");
        }
        if (Files.exists(abs) && !force) {
            throw new EvalException(file + ": appeared while this output was written; use --force to replace it");
        }
        try {
            StagedOutput.writeFile(abs, text.getBytes(StandardCharsets.UTF_8));
        } catch (java.nio.file.FileAlreadyExistsException e) {
            throw new EvalException(file + ": " + e.getReason());
        }
    }
}
