package io.ganlab.eval.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * Writes synthetic training runs in the run directory format (config, env, status, metrics.jsonl, samples), with
 * seeded random numbers, and keeps what it wrote so tests can compute the expected report independently.
 *
 * <p>{@code main(DIR)} writes a small demo set (2 configs × 2 seeds, one still running) for looking at a report.
 */
final class SyntheticRuns {
    static final ObjectMapper JSON = new ObjectMapper();
    static final int[] NGRAMS = {1, 2, 3, 4, 5, 6};

    /**
     * What a run looks like.
     *
     * @param state        status.json state, or null for no status.json
     * @param iterations   train lines at iterations 1..iterations
     * @param evalEvery    an eval line every this many iterations
     * @param samples      eval sample size
     * @param truncateTail append half a line at the end, as a run being written leaves it
     */
    record Spec(String name, String objective, double lrCritic, long seed, String state, int iterations, int evalEvery,
                int samples, boolean truncateTail) {}

    /** What was written: the lines as maps, in file order. */
    record Written(Path dir, Spec spec, Map<String, Object> config, List<Map<String, Object>> train,
                   List<Map<String, Object>> evals, TreeMap<Long, List<String>> samples) {}

    static Written write(Path root, Spec s) throws IOException {
        Path dir = root.resolve(s.name());
        Files.createDirectories(dir.resolve("samples"));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("dim", 64);
        model.put("seq_len", 32);
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("objective", s.objective());
        config.put("lr_critic", s.lrCritic());
        config.put("lr_generator", 1e-4);
        config.put("critic_iters", 1);
        config.put("batch", 16);
        config.put("seed", s.seed());
        config.put("preset", "tiny");
        config.put("dataset", "data/demo");
        config.put("out", dir.toString());
        config.put("model", model);
        JSON.writeValue(dir.resolve("config.json").toFile(), config);
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("tool", "0.1.0");
        env.put("java", "17.0.15");
        env.put("os", "Linux 6.1 amd64");
        env.put("djl", "0.35.1");
        env.put("engine", "PyTorch 2.7.1");
        env.put("device", "cpu");
        env.put("threads", s.seed() == 1 ? 2 : 4);
        env.put("cpu", "Synthetic CPU");
        JSON.writeValue(dir.resolve("env.json").toFile(), env);
        if (s.state() != null) {
            Map<String, Object> st = new LinkedHashMap<>();
            st.put("state", s.state());
            st.put("iteration", s.iterations());
            st.put("target_iterations", 100);
            st.put("message", s.state().equals("stopped") ? "time budget reached" : "");
            st.put("updated", "2026-11-30T05:00:00Z");
            JSON.writeValue(dir.resolve("status.json").toFile(), st);
        }

        SplittableRandom rnd = new SplittableRandom(s.seed() * 1_000_003L + s.objective().hashCode());
        List<Map<String, Object>> train = new ArrayList<>();
        List<Map<String, Object>> evals = new ArrayList<>();
        StringBuilder lines = new StringBuilder();
        double time = 0;
        for (int it = 1; it <= s.iterations(); it++) {
            time += 0.5 + rnd.nextDouble();
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("kind", "train");
            t.put("iteration", it);
            t.put("time", time);
            t.put("critic_loss", -2 + rnd.nextDouble());
            t.put("generator_loss", rnd.nextDouble());
            t.put("wasserstein", 1 + rnd.nextDouble());
            t.put("penalty", 0.1 * rnd.nextDouble());
            t.put("grad_norm", 1 + 0.1 * rnd.nextGaussian());
            train.add(t);
            lines.append(JSON.writeValueAsString(t)).append('\n');
            if (it % s.evalEvery() == 0) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("kind", "eval");
                e.put("iteration", it);
                e.put("time", time + 0.25);
                e.put("samples", s.samples());
                Map<String, Double> jsd = new LinkedHashMap<>();
                Map<String, Double> floor = new LinkedHashMap<>();
                for (int n : NGRAMS) {
                    jsd.put(Integer.toString(n), Math.min(1, 0.1 * n + 0.4 * rnd.nextDouble()));
                    floor.put(Integer.toString(n), floor(n, s.samples()));
                }
                e.put("jsd", jsd);
                e.put("floor", floor);
                e.put("copied", 0.0);
                e.put("critic_train", 1 + rnd.nextDouble());
                e.put("critic_valid", 0.8 + rnd.nextDouble());
                evals.add(e);
                lines.append(JSON.writeValueAsString(e)).append('\n');
                List<String> sample = new ArrayList<>();
                for (int k = 0; k < 12; k++) {
                    sample.add(s.name() + " sample " + k + " at " + it + " <&>");
                }
                Files.write(dir.resolve(String.format("samples/iter-%08d.txt", it)), sample, StandardCharsets.UTF_8);
            }
        }
        if (s.truncateTail()) {
            lines.append("{\"kind\":\"eval\",\"iteration\":").append(s.iterations() + 1).append(",\"jsd\":{\"1\":0.0");
        }
        Files.writeString(dir.resolve("metrics.jsonl"), lines, StandardCharsets.UTF_8);
        TreeMap<Long, List<String>> samples = new TreeMap<>();
        for (Map<String, Object> e : evals) {
            long it = ((Number) e.get("iteration")).longValue();
            samples.put(it, Files.readAllLines(dir.resolve(String.format("samples/iter-%08d.txt", it))));
        }
        return new Written(dir, s, config, train, evals, samples);
    }

    /** A made-up floor that grows with n and shrinks with the sample size, as the real one does. */
    static double floor(int n, int samples) {
        return 0.002 * Math.pow(2.2, n - 1) * Math.sqrt(640.0 / samples);
    }

    /** 2 configs × 2 seeds; fogan seed 2 is still running and has half a line at the end of its metrics. */
    static List<Written> fourRuns(Path root) throws IOException {
        return List.of(
                write(root, new Spec("wgan-s1", "wgan-gp", 1e-4, 1, "finished", 40, 10, 64, false)),
                write(root, new Spec("wgan-s2", "wgan-gp", 1e-4, 2, "stopped", 30, 10, 64, false)),
                write(root, new Spec("fogan-s1", "fogan", 3e-4, 1, "finished", 40, 10, 64, false)),
                write(root, new Spec("fogan-s2", "fogan", 3e-4, 2, "running", 20, 10, 64, true)));
    }

    /** {@code SyntheticRuns DIR [ITERATIONS]}: the four runs, or four long ones (an eval every 1% of them). */
    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args.length > 2) {
            System.err.println("usage: SyntheticRuns DIR [ITERATIONS]");
            System.exit(2);
        }
        Path root = Path.of(args[0]);
        List<Written> runs;
        if (args.length == 1) {
            runs = fourRuns(root);
        } else {
            int n = Integer.parseInt(args[1]);
            int every = Math.max(1, n / 100);
            runs = List.of(
                    write(root, new Spec("wgan-s1", "wgan-gp", 1e-4, 1, "finished", n, every, 640, false)),
                    write(root, new Spec("wgan-s2", "wgan-gp", 1e-4, 2, "finished", n, every, 640, false)),
                    write(root, new Spec("fogan-s1", "fogan", 3e-4, 1, "finished", n, every, 640, false)),
                    write(root, new Spec("fogan-s2", "fogan", 3e-4, 2, "running", n / 2, every, 640, true)));
        }
        for (Written w : runs) {
            System.out.println(w.dir());
        }
    }
}
