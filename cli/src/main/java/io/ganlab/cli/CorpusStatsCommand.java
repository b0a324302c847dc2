package io.ganlab.cli;

import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.EncodedLines;
import io.ganlab.corpus.Manifest;
import io.ganlab.corpus.Vocabulary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan corpus stats}. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        header = "Print line counts, the symbol histogram, the unk share and the length histogram of a dataset.")
final class CorpusStatsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Dataset directory.")
    Path dir;

    @Option(names = "--top", paramLabel = "N", defaultValue = "30",
            description = "Symbols shown in the histogram (default: ${DEFAULT-VALUE}; 0 for all).")
    int top;

    @Option(names = "--split", paramLabel = "SPLIT", defaultValue = "train",
            description = "train or valid (default: ${DEFAULT-VALUE}).")
    String split;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!split.equals("train") && !split.equals("valid")) {
            throw new UsageException("--split must be train or valid, got '" + split + "'");
        }
        if (top < 0) {
            throw new UsageException("--top must be >= 0");
        }
        Dataset ds = Dataset.open(dir);
        Manifest m = ds.manifest();
        Vocabulary v = ds.vocabulary();
        EncodedLines lines = split.equals("train") ? ds.train() : ds.valid();
        Manifest.Split sm = split.equals("train") ? m.train() : m.valid();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("dataset    %s (%s, written by gan %s at %s)%n", dir, m.format(), m.toolVersion(), m.createdAt());
        out.printf("lines      %,d train, %,d valid, %d %ss each%n", m.train().lines(), m.valid().lines(), m.seqLen(),
                m.symbols().id());
        out.printf("vocabulary %,d ids (unk + %,d symbols)%n", v.size(), v.size() - 1);
        out.printf("sources    %d (%,d lines read)%n", m.sources().size(), m.counts().linesRead());
        out.printf("skipped    %,d blank, %,d emptied by normalisation, %,d invalid UTF-8, %,d long lines cut%n",
                m.counts().blankSkipped(), m.counts().emptyAfterNormalisation(), m.counts().invalidUtf8Skipped(),
                m.counts().longLines());
        out.printf("checksum   %s%n", m.checksum());

        long[] counts = new long[v.size()];
        long n = lines.size();
        short[] buf = new short[m.seqLen()];
        for (long i = 0; i < n; i++) {
            ds.readLine(lines, i, buf);
            for (short id : buf) {
                counts[id & 0xFFFF]++;
            }
        }
        long total = Math.max(1, n * m.seqLen());
        out.printf("%n%s split: %,d symbols; unk share %.4f%%; padding share %.2f%%%n", split, n * m.seqLen(),
                100.0 * counts[Vocabulary.UNK] / total,
                v.padId() == Vocabulary.UNK ? 0.0 : 100.0 * counts[v.padId()] / total);
        out.println();
        out.println("symbol histogram (by count)");
        Integer[] order = IntStream.range(0, v.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingLong((Integer i) -> -counts[i]).thenComparingInt(i -> i));
        int shown = top == 0 ? order.length : Math.min(top, order.length);
        long max = Math.max(1, counts[order[0]]);
        for (int k = 0; k < shown; k++) {
            int id = order[k];
            out.printf("  %5d  %-6s %,14d  %7.3f%%  %s%n", id, quote(v.displayOf(id)), counts[id],
                    100.0 * counts[id] / total, bar(counts[id], max, 30));
        }
        if (shown < order.length) {
            out.printf("  ... %d more (--top 0 shows all)%n", order.length - shown);
        }
        out.println();
        out.printf("length before truncation (%,d of %,d lines longer than %d)%n", sm.truncatedLines(), sm.lines(),
                m.seqLen());
        printLengths(out, sm.lengthHistogram(), m.seqLen());
        out.flush();
        return 0;
    }

    private static String quote(String s) {
        return s.equals("unk") ? "unk" : "'" + s + "'";
    }

    static String bar(long v, long max, int width) {
        int n = (int) Math.round((double) v / max * width);
        return "#".repeat(Math.max(0, n));
    }

    private static void printLengths(PrintWriter out, Map<Integer, Long> hist, int seqLen) {
        if (hist == null || hist.isEmpty()) {
            out.println("  (no lines)");
            return;
        }
        int[] edges = {0, 1, 9, 17, 25, seqLen + 1, 2 * seqLen + 1, 4 * seqLen + 1, 8 * seqLen + 1, Integer.MAX_VALUE};
        int[] sorted = Arrays.stream(edges).distinct().sorted().toArray();
        long[] bucket = new long[sorted.length - 1];
        long lines = 0;
        double sum = 0;
        for (Map.Entry<Integer, Long> e : hist.entrySet()) {
            for (int b = 0; b < bucket.length; b++) {
                if (e.getKey() >= sorted[b] && e.getKey() < sorted[b + 1]) {
                    bucket[b] += e.getValue();
                }
            }
            lines += e.getValue();
            sum += (double) e.getKey() * e.getValue();
        }
        long max = Arrays.stream(bucket).max().orElse(1);
        for (int b = 0; b < bucket.length; b++) {
            String label = sorted[b + 1] == Integer.MAX_VALUE ? ">= " + sorted[b]
                    : sorted[b] == sorted[b + 1] - 1 ? String.valueOf(sorted[b]) : sorted[b] + "-" + (sorted[b + 1] - 1);
            out.printf("  %-10s %,14d  %6.2f%%  %s%n", label, bucket[b], 100.0 * bucket[b] / lines,
                    bar(bucket[b], Math.max(1, max), 30));
        }
        out.printf("  mean %.1f symbols%n", sum / lines);
    }
}
