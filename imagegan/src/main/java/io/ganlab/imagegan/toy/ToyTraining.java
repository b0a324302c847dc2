package io.ganlab.imagegan.toy;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.training.ParameterStore;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.core.Checkpoint;
import io.ganlab.core.Objectives;
import io.ganlab.core.Rng;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingException;
import io.ganlab.core.TrainingListener;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Sets up and runs a toy GAN: new runs, resumed runs, and sampling from a run's newest checkpoint. */
public final class ToyTraining {
    /** Config keys a resumed run may change: how long it trains. */
    static final List<String> RESUMABLE = List.of("schedule.iterations", "schedule.minutes");
    private static final int SAMPLING = 204;

    private ToyTraining() {}

    /** The config of a new run: the defaults overlaid with {@code overrides} (a tree of flags). */
    public static ToyConfig newConfig(ObjectNode overrides) {
        ObjectNode tree = ToyConfig.defaults();
        ToyConfig.merge(tree, overrides);
        return ToyConfig.of(tree);
    }

    /**
     * The config of an existing run, with the allowed changes of {@code overrides}: only the iteration and time
     * targets may differ from the saved config.
     */
    public static ToyConfig resumedConfig(RunDirectory run, ObjectNode overrides) {
        if (!run.exists()) {
            throw new TrainingException(run.dir() + ": no run to resume (no " + RunDirectory.CONFIG + ")");
        }
        ObjectNode saved = run.readConfig();
        for (Map.Entry<String, JsonNode> leaf : leaves("", overrides).entrySet()) {
            JsonNode was = at(saved, leaf.getKey());
            if (!RESUMABLE.contains(leaf.getKey()) && !same(leaf.getValue(), was)) {
                throw new TrainingException("a resumed run keeps its config: " + leaf.getKey() + " is " + was
                        + " in " + run.config() + ", not " + leaf.getValue() + " (only --iterations and --minutes may change)");
            }
        }
        ObjectNode merged = saved.deepCopy();
        ToyConfig.merge(merged, overrides);
        return ToyConfig.of(merged);
    }

    /**
     * Trains a run to its target. A new run refuses a directory holding another run unless {@code force}, and
     * then removes only what a run writes.
     */
    public static Trainer.Outcome train(ToyConfig cfg, RunDirectory run, boolean resume, boolean force,
                                       TrainingListener listener) throws IOException {
        if (!resume) {
            prepareNewRun(run, force);
        }
        var objective = Objectives.create(cfg.objective());
        try (NDManager manager = NDManager.newBaseManager()) {
            ToyGan gan = new ToyGan(cfg.model(), manager, cfg.schedule().seed());
            ToyBatches batches = new ToyBatches(cfg.set(), cfg.schedule().seed());
            ToyEvaluation eval = new ToyEvaluation(cfg.set(), gan.critic(), cfg.eval().samples(), cfg.eval().plots(),
                    cfg.schedule().seed());
            Trainer trainer = new Trainer(gan, batches, objective, cfg.schedule(), run, cfg.toTree(), eval, listener,
                    manager);
            if (resume) {
                trainer.resume();
            } else {
                trainer.start();
            }
            RunDirectory.writeJson(run.config(), cfg.toTree());
            run.writeEnvironment(environment());
            return trainer.run();
        }
    }

    /**
     * {@code count} points from the generator of the run's newest checkpoint, interleaved x, y; the noise comes
     * from {@code seed}.
     */
    public static float[] sample(RunDirectory run, int count, long seed) throws IOException {
        ToyConfig cfg = ToyConfig.of(run.readConfig());
        List<Path> all = Checkpoint.list(run.checkpoints());
        if (all.isEmpty()) {
            throw new TrainingException(run.dir() + ": the run has no checkpoint yet");
        }
        try (NDManager manager = NDManager.newBaseManager()) {
            ToyGan gan = new ToyGan(cfg.model(), manager, cfg.schedule().seed());
            Checkpoint.loadGenerator(all.get(all.size() - 1), manager, gan.generator());
            var z = gan.noise(manager, new Rng(seed).stream(0, SAMPLING), count);          // (N, Z)
            return gan.generator().forward(new ParameterStore(manager, false), new NDList(z), false)
                    .singletonOrThrow().toFloatArray();                                    // (N, 2) flattened
        }
    }

    /** Engine versions and threads, for env.json. */
    static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        Engine e = Engine.getInstance();
        env.put("djl", Engine.getDjlVersion());
        env.put("engine", e.getEngineName() + " " + e.getVersion());
        env.put("device", e.defaultDevice().toString());
        env.put("threads", Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
        return env;
    }

    private static void prepareNewRun(RunDirectory run, boolean force) throws IOException {
        Path dir = run.dir();
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new TrainingException(dir + ": exists and is not a directory");
        }
        if (run.exists() || Files.exists(run.metrics()) || Files.isDirectory(run.checkpoints())) {
            if (!force) {
                throw new TrainingException(dir + ": already holds a run; --resume continues it, --force replaces it");
            }
            for (String f : List.of(RunDirectory.CONFIG, RunDirectory.ENV, RunDirectory.STATUS, RunDirectory.METRICS)) {
                Files.deleteIfExists(dir.resolve(f));
            }
            deleteTree(run.checkpoints());
            deleteTree(ToyEvaluation.plots(run));
        } else if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                if (s.findAny().isPresent() && !force) {
                    throw new TrainingException(dir + ": exists and is not empty; choose another --out or pass --force");
                }
            }
        }
        Files.createDirectories(dir);
    }

    private static void deleteTree(Path p) throws IOException {
        if (!Files.exists(p)) {
            return;
        }
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(q);
            }
        }
    }

    static Map<String, JsonNode> leaves(String prefix, JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.putAll(leaves(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue()));
            }
        } else {
            out.put(prefix, node);
        }
        return out;
    }

    /** Equal values; numbers compared as floats, since config floats come back from JSON as doubles. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isNumber() && b.isNumber()) {
            return (float) a.asDouble() == (float) b.asDouble();
        }
        return a == null ? b == null : a.equals(b);
    }

    private static JsonNode at(JsonNode root, String dotted) {
        JsonNode n = root;
        for (String k : dotted.split("\\.")) {
            n = n == null ? null : n.get(k);
        }
        return n;
    }
}
