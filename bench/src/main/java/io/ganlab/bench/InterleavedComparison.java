package io.ganlab.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The same-run comparison for a machine whose load drifts: per width, our timing children (one per variant: precision, input gradient) and
 * the PyTorch peer stay alive together, each warmed up in turn, and then take turns running short blocks of steps
 * (ours, theirs, ours, theirs, ... with the order rotated every block), so that both sides see the same seconds of
 * the machine. Per block the ratio ours/theirs of the block medians; per width the median of those ratios and their
 * 10th and 90th percentiles. Under {@code OMP_WAIT_POLICY=ACTIVE} the children get a finite {@code GOMP_SPINCOUNT}
 * (unless one is set), so that a waiting child's OpenMP threads sleep instead of spinning on the cores of the one
 * that runs.
 */
public final class InterleavedComparison {
    /** Steps per block. */
    static final int BLOCK = 5;
    /** libgomp spins this many times before a waiting thread sleeps: well under a millisecond here. */
    static final String SPIN_COUNT = "100000";

    private InterleavedComparison() {}

    /** The children's {@code GOMP_SPINCOUNT} under {@code ACTIVE}: the user's, else {@link #SPIN_COUNT}; else null. */
    static String spinCount() {
        return "ACTIVE".equalsIgnoreCase(PeerComparison.waitPolicy())
                ? System.getenv().getOrDefault("GOMP_SPINCOUNT", SPIN_COUNT) : null;
    }

    /** A timing child that answers blocks of steps on stdin ({@code --serve}). */
    static final class Served implements AutoCloseable {
        private final String name;
        private final Process process;
        private final BufferedReader out;
        private final Writer in;
        private double warmupSeconds = Double.NaN;

        Served(String name, List<String> command) throws IOException {
            this.name = name;
            ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
            String spin = spinCount();
            if (spin != null) {
                pb.environment().put("GOMP_SPINCOUNT", spin);
            }
            process = pb.start();
            out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            in = new java.io.OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        }

        String name() {
            return name;
        }

        /** Waits for the warm-up to end; returns its critic steps' seconds. */
        double awaitReady() throws IOException {
            String line = expect("ready");
            String key = "critic_warmup_s=";
            int at = line.indexOf(key);
            warmupSeconds = at < 0 ? Double.NaN : Double.parseDouble(line.substring(at + key.length()).trim());
            return warmupSeconds;
        }

        double warmupSeconds() {
            return warmupSeconds;
        }

        /** Times {@code k} steps of {@code kind} ({@code critic} or {@code generator}): their milliseconds. */
        double[] run(String kind, int k) throws IOException {
            in.write(kind + " " + k + "\n");
            in.flush();
            String[] w = expect("times").trim().split("\\s+");
            if (w.length != k + 1) {
                throw new IOException(name + ": asked for " + k + " step times, got " + (w.length - 1));
            }
            double[] ms = new double[k];
            for (int i = 0; i < k; i++) {
                ms[i] = Double.parseDouble(w[i + 1]);
            }
            return ms;
        }

        /** The next line that starts with {@code word} (other output is passed over). */
        private String expect(String word) throws IOException {
            for (String line = out.readLine(); line != null; line = out.readLine()) {
                if (line.startsWith(word)) {
                    return line;
                }
            }
            throw new IOException(name + " ended (exit " + exitCode() + ") before printing '" + word + " ...'");
        }

        private String exitCode() {
            try {
                return String.valueOf(process.waitFor());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "unknown";
            }
        }

        @Override
        public void close() {
            try {
                in.write("quit\n");
                in.flush();
                in.close();
            } catch (IOException gone) {
                // it has ended already
            }
            try {
                if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Per block {@code i}, {@code ours[i] / theirs[i]} of the block medians: the median of those ratios and their 10th
     * and 90th percentiles (nearest rank), as a {@link PeerComparison.Ratio} (min and max standing for them).
     */
    static PeerComparison.Ratio blockRatios(List<double[]> ours, List<double[]> theirs) {
        if (ours.size() != theirs.size() || ours.isEmpty()) {
            throw new IllegalArgumentException("need as many blocks of ours as of theirs, at least one: " + ours.size()
                    + " and " + theirs.size());
        }
        double[] r = new double[ours.size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = PeerComparison.median(ours.get(i)) / PeerComparison.median(theirs.get(i));
        }
        return new PeerComparison.Ratio(PeerComparison.median(r), TextganStepBench.quantile(r, 0.1),
                TextganStepBench.quantile(r, 0.9));
    }

    /** Runs the comparison, printing per width the ratios of both kinds of step and the warm-up times. */
    public static void run(PeerComparison.Settings s, PytorchPeer peer, PrintWriter out) throws IOException {
        int criticBlocks = Math.max(1, s.steps() / BLOCK);
        int generatorBlocks = Math.max(1, s.generatorSteps() / BLOCK);
        out.printf(Locale.ROOT, "against eager PyTorch %s (%s), interleaved: per width our children and PyTorch's alive"
                        + " together, taking turns at blocks of %d steps (%d critic, %d generator blocks each) after %d"
                        + " warm-up steps of each kind; %d threads each, OMP_WAIT_POLICY=%s for both%s; load average %s%n",
                peer.torchVersion(), peer.python(), BLOCK, criticBlocks, generatorBlocks, s.warmup(), s.threads(),
                PeerComparison.waitPolicy(), spinCount() == null ? "" : ", GOMP_SPINCOUNT=" + spinCount(),
                PeerComparison.loadAverage());
        out.flush();
        for (int d : s.dims()) {
            List<Served> children = new ArrayList<>();
            try {
                for (StepVariant p : s.variants()) {
                    children.add(new Served(p.label(),
                            ChildProcesses.oursCommand(d, s.batch(), s.length(), s.vocab(), s.steps(),
                                    s.generatorSteps(), s.warmup(), s.threads(), s.seed(), p, true)));
                    children.get(children.size() - 1).awaitReady();   // one warm-up at a time
                }
                List<String> py = peer.command(d, s.batch(), s.length(), s.vocab(), s.steps(), s.generatorSteps(),
                        s.warmup(), s.threads(), s.seed(), s.device());
                py.add("--serve");
                children.add(new Served("PyTorch", py));
                children.get(children.size() - 1).awaitReady();
                List<List<double[]>> critic = blocks(children, "critic", criticBlocks);
                List<List<double[]>> generator = blocks(children, "generator", generatorBlocks);
                int theirs = children.size() - 1;
                for (int k = 0; k < theirs; k++) {
                    PeerComparison.Ratio c = blockRatios(critic.get(k), critic.get(theirs));
                    PeerComparison.Ratio g = blockRatios(generator.get(k), generator.get(theirs));
                    out.printf(Locale.ROOT, "DIM %d: %s/pytorch critic step %.2f (median of %d blocks, p10-p90"
                                    + " %.2f-%.2f; medians %.1f / %.1f ms), generator step %.2f (p10-p90 %.2f-%.2f;"
                                    + " medians %.1f / %.1f ms)%n",
                            d, children.get(k).name(), c.median(), criticBlocks, c.min(), c.max(),
                            PeerComparison.median(flat(critic.get(k))), PeerComparison.median(flat(critic.get(theirs))),
                            g.median(), g.min(), g.max(), PeerComparison.median(flat(generator.get(k))),
                            PeerComparison.median(flat(generator.get(theirs))));
                }
                List<String> warm = new ArrayList<>();
                for (Served c : children) {
                    warm.add(String.format(Locale.ROOT, "%s %.1f s", c.name(), c.warmupSeconds()));
                }
                out.printf(Locale.ROOT, "DIM %d: the %d warm-up critic steps took %s (each alone)%n", d, s.warmup(),
                        String.join(", ", warm));
                out.flush();
            } finally {
                children.forEach(Served::close);
            }
        }
        out.printf("load average at the end: %s%n", PeerComparison.loadAverage());
        out.flush();
    }

    /** {@code n} blocks of {@link #BLOCK} steps from each child in turn, the order rotated every block. */
    private static List<List<double[]>> blocks(List<Served> children, String kind, int n) throws IOException {
        List<List<double[]>> times = new ArrayList<>();
        for (int c = 0; c < children.size(); c++) {
            times.add(new ArrayList<>());
        }
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < children.size(); j++) {
                int c = (b + j) % children.size();
                times.get(c).add(children.get(c).run(kind, BLOCK));
            }
        }
        return times;
    }

    private static double[] flat(List<double[]> blocks) {
        return blocks.stream().flatMapToDouble(Arrays::stream).toArray();
    }
}
