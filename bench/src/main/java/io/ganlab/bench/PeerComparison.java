package io.ganlab.bench;


import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The same-run comparison of our language-GAN steps with eager PyTorch's: per round and per width, our timing
 * child, then the PyTorch peer, each a fresh process with the same thread count, shape and step counts
 * (ours, theirs, ours, theirs, ...), so that both sides see the same machine load. Per width it reports the
 * ratio ours/theirs of the median step times: the median of the per-round ratios and their range.
 */
public final class PeerComparison {
    /**
     * What to compare.
     *
     * @param steps          timed critic steps per child
     * @param generatorSteps timed generator steps per child
     * @param warmup         untimed steps of each kind first
     * @param threads        libtorch threads of both sides
     * @param device         the peer's device: {@code cpu} or {@code cuda:N}, matching ours
     * @param variants       our ways of running the steps, each timed every round against the peer's (FP32,
     *                       autograd's input gradient)
     */
    public record Settings(List<Integer> dims, int rounds, int steps, int generatorSteps, int warmup, int batch,
                           int vocab, int length, int threads, long seed, String device, List<StepVariant> variants) {}

    /** The median of the per-round ratios ours/theirs and their smallest and largest. */
    public record Ratio(double median, double min, double max) {}

    private PeerComparison() {}

    /**
     * Per-round ratios {@code ours[i] / theirs[i]}: their median (the mean of the middle two for an even count),
     * minimum and maximum.
     */
    public static Ratio ratio(double[] ours, double[] theirs) {
        if (ours.length != theirs.length || ours.length == 0) {
            throw new IllegalArgumentException("need as many of ours as of theirs, at least one: " + ours.length
                    + " and " + theirs.length);
        }
        double[] r = new double[ours.length];
        for (int i = 0; i < r.length; i++) {
            r[i] = ours[i] / theirs[i];
        }
        Arrays.sort(r);
        return new Ratio(median(r), r[0], r[r.length - 1]);
    }

    /** The median (the mean of the middle two for an even count). */
    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** The OpenMP wait policy the children inherit ({@code ./gan} sets ACTIVE unless told otherwise). */
    static String waitPolicy() {
        return System.getenv().getOrDefault("OMP_WAIT_POLICY", "unset");
    }

    /** Runs the rounds, printing each pair of lines as it comes and the ratios per width at the end. */
    public static void run(Settings s, PytorchPeer peer, PrintWriter out) throws IOException, InterruptedException {
        // the wait policy moves the ratios (ACTIVE speeds eager PyTorch up more than ours): say which one ran
        out.printf(Locale.ROOT, "against eager PyTorch %s (%s): %d rounds alternating ours and PyTorch, each a fresh"
                        + " process; %d threads each, OMP_WAIT_POLICY=%s for both; %d critic and %d generator steps"
                        + " timed after %d warm-up steps of each kind; load average %s%n", peer.torchVersion(),
                peer.python(), s.rounds(), s.threads(), waitPolicy(), s.steps(), s.generatorSteps(), s.warmup(),
                loadAverage());
        out.flush();
        int w = s.dims().size();
        int np = s.variants().size();
        double[][][] oursCritic = new double[w][np][s.rounds()];
        double[][][] oursGenerator = new double[w][np][s.rounds()];
        double[][] theirsCritic = new double[w][s.rounds()];
        double[][] theirsGenerator = new double[w][s.rounds()];
        double[][][] oursWarmup = new double[w][np][s.rounds()];
        double[][] theirsWarmup = new double[w][s.rounds()];
        for (int r = 0; r < s.rounds(); r++) {
            for (int i = 0; i < w; i++) {
                int d = s.dims().get(i);
                for (int k = 0; k < np; k++) {
                    StepTimesLine ours = ChildProcesses.ours(d, s.batch(), s.length(), s.vocab(), s.steps(),
                            s.generatorSteps(), s.warmup(), s.threads(), s.seed(), s.variants().get(k));
                    print(out, r, ours);
                    oursCritic[i][k][r] = ours.critic().medianMs();
                    oursGenerator[i][k][r] = ours.generator().medianMs();
                    oursWarmup[i][k][r] = ours.criticWarmupSeconds();
                }
                StepTimesLine theirs = peer.run(d, s.batch(), s.length(), s.vocab(), s.steps(), s.generatorSteps(),
                        s.warmup(), s.threads(), s.seed(), s.device());
                print(out, r, theirs);
                theirsCritic[i][r] = theirs.critic().medianMs();
                theirsGenerator[i][r] = theirs.generator().medianMs();
                theirsWarmup[i][r] = theirs.criticWarmupSeconds();
            }
        }
        for (int i = 0; i < w; i++) {
            for (int k = 0; k < np; k++) {
                Ratio c = ratio(oursCritic[i][k], theirsCritic[i]);
                Ratio g = ratio(oursGenerator[i][k], theirsGenerator[i]);
                String ours = s.variants().get(k).label();
                out.printf(Locale.ROOT, "DIM %d: %s/pytorch critic step %.2f (median of %d rounds, range %.2f-%.2f),"
                                + " generator step %.2f (range %.2f-%.2f)%n", s.dims().get(i), ours, c.median(),
                        s.rounds(), c.min(), c.max(), g.median(), g.min(), g.max());
            }
            // the steady state is what a training run of thousands of steps sees; what reaching it costs, said apart
            StringBuilder warm = new StringBuilder();
            for (int k = 0; k < np; k++) {
                String ours = s.variants().get(k).label();
                warm.append(String.format(Locale.ROOT, "%s %.1f s, ", ours, median(oursWarmup[i][k])));
            }
            out.printf(Locale.ROOT, "DIM %d: the %d warm-up critic steps took %sPyTorch %.1f s (medians of %d rounds)%n",
                    s.dims().get(i), s.warmup(), warm, median(theirsWarmup[i]), s.rounds());
        }
        out.printf("load average at the end: %s%n", loadAverage());
        out.flush();
    }

    private static void print(PrintWriter out, int round, StepTimesLine l) {
        out.printf(Locale.ROOT, "round %d DIM %d %s %s (%s): critic step median %.1f ms (p10 %.1f, p90 %.1f),"
                        + " generator step median %.1f ms (p10 %.1f, p90 %.1f); warm-up critic steps %.1f s%n",
                round + 1, l.dim(), l.impl(), l.version(), l.device(), l.critic().medianMs(), l.critic().p10Ms(),
                l.critic().p90Ms(), l.generator().medianMs(), l.generator().p10Ms(), l.generator().p90Ms(),
                l.criticWarmupSeconds());
        out.flush();
    }

    /** The 1, 5 and 15 minute load averages of /proc/loadavg, or "unavailable". */
    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return String.join(" ", new ArrayList<>(List.of(f).subList(0, Math.min(3, f.length))));
        } catch (IOException | RuntimeException e) {
            return "unavailable";
        }
    }
}
