package io.ganlab.textgan;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDManager;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.core.Checkpoint;
import io.ganlab.core.Evaluation;
import io.ganlab.core.Objective;
import io.ganlab.core.Objectives;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.Trainer;
import io.ganlab.core.TrainingException;
import io.ganlab.core.TrainingListener;
import io.ganlab.corpus.Dataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Sets up and runs the language GAN on a dataset: new runs, resumed runs, and their checks. */
public final class TextTraining {
    /** Config keys a resumed run may change: how long it trains. */
    static final List<String> RESUMABLE = List.of("schedule.iterations", "schedule.minutes");

    private TextTraining() {}

    /** The config a new run on {@code dataset} gets from a merged tree (preset, file and flags). */
    public static TextGanConfig configFor(ObjectNode tree, Dataset dataset) {
        ObjectNode t = tree.deepCopy();
        ObjectNode data = t.putObject("data");
        data.put("path", dataset.dir().toAbsolutePath().normalize().toString());
        data.put("checksum", dataset.checksum());
        data.put("vocab", dataset.vocabulary().size());
        data.put("seqLen", dataset.seqLen());
        return TextGanConfig.of(t);
    }

    /**
     * The config of an existing run, with the allowed changes of {@code overrides} (a tree of flags; only
     * the iteration and time targets may differ from the saved config).
     */
    public static TextGanConfig resumedConfig(RunDirectory run, ObjectNode overrides) {
        if (!run.exists()) {
            throw new TrainingException(run.dir() + ": no run to resume (no " + RunDirectory.CONFIG + ")");
        }
        ObjectNode saved = run.readConfig();
        ObjectNode merged = saved.deepCopy();
        for (Map.Entry<String, JsonNode> leaf : leaves("", overrides).entrySet()) {
            JsonNode was = at(saved, leaf.getKey());
            if (!RESUMABLE.contains(leaf.getKey()) && !same(leaf.getValue(), was)) {
                throw new TrainingException("a resumed run keeps its config: " + leaf.getKey() + " is " + was
                        + " in " + run.config() + ", not " + leaf.getValue() + " (only --iterations and --minutes may change)");
            }
        }
        TextGanConfig.merge(merged, overrides);
        return TextGanConfig.of(merged);
    }

    /** Checks that {@code dataset} can decode the run's samples (same vocabulary size and line length). */
    public static void checkVocabulary(TextGanConfig cfg, Dataset dataset) {
        TextGanConfig.Data d = cfg.data();
        if (dataset.vocabulary().size() != d.vocab() || dataset.seqLen() != d.seqLen()) {
            throw new TrainingException("the run was trained on a vocabulary of " + d.vocab() + " symbols and lines of "
                    + d.seqLen() + "; " + dataset.dir() + " has " + dataset.vocabulary().size() + " and "
                    + dataset.seqLen());
        }
    }

    /** Checks that {@code dataset} is the one the run was trained on (same vocabulary, same lines). */
    public static void checkDataset(TextGanConfig cfg, Dataset dataset) {
        TextGanConfig.Data d = cfg.data();
        if (dataset.vocabulary().size() != d.vocab() || dataset.seqLen() != d.seqLen()) {
            throw new TrainingException("the run was trained on a vocabulary of " + d.vocab() + " symbols and lines of "
                    + d.seqLen() + "; " + dataset.dir() + " has " + dataset.vocabulary().size() + " and "
                    + dataset.seqLen());
        }
        if (!dataset.checksum().equals(d.checksum())) {
            throw new TrainingException("the run was trained on dataset " + d.path() + " (checksum "
                    + abbreviate(d.checksum()) + "); " + dataset.dir() + " is a different dataset (checksum "
                    + abbreviate(dataset.checksum()) + ")");
        }
    }

    /**
     * Trains a run to its target. A new run refuses a directory holding another run unless {@code force}.
     *
     * @param evaluation JSD and samples every K iterations (see {@link TextEvaluation})
     */
    public static Trainer.Outcome train(TextGanConfig cfg, Dataset dataset, RunDirectory run, boolean resume,
                                        boolean force, Evaluation evaluation, TrainingListener listener)
            throws IOException {
        checkDataset(cfg, dataset);
        if (!resume) {
            prepareNewRun(run, force);
        }
        Objective objective = Objectives.create(cfg.objective());
        try (NDManager manager = NDManager.newBaseManager()) {
            TextGan gan = new TextGan(cfg.architecture(), manager, cfg.schedule().seed());
            TextBatches batches;
            try {
                batches = new TextBatches(dataset.train(), dataset.valid(), cfg.data().vocab(), cfg.schedule().seed(),
                        cfg.schedule().batch());
            } catch (IllegalArgumentException e) {
                throw new TrainingException(dataset.dir() + ": " + e.getMessage());
            }
            Trainer trainer = new Trainer(gan, batches, objective, cfg.schedule(), run, cfg.toTree(), evaluation,
                    listener, manager);
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

    /** Engine versions and threads, for env.json. */
    public static Map<String, Object> environment() {
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
            // only what a run writes is removed; anything else the user put there stays
            for (String f : List.of(RunDirectory.CONFIG, RunDirectory.ENV, RunDirectory.STATUS, RunDirectory.METRICS)) {
                Files.deleteIfExists(dir.resolve(f));
            }
            deleteTree(run.checkpoints());
            deleteTree(run.samples());
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

    private static String abbreviate(String s) {
        return s == null ? "none" : s.length() > 12 ? s.substring(0, 12) : s;
    }

    /** The newest checkpoint of a run. */
    public static Path latestCheckpoint(RunDirectory run) throws IOException {
        List<Path> all = Checkpoint.list(run.checkpoints());
        if (all.isEmpty()) {
            throw new TrainingException(run.dir() + ": the run has no checkpoint yet");
        }
        return all.get(all.size() - 1);
    }
}
