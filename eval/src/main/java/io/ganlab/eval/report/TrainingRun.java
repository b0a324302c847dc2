package io.ganlab.eval.report;

import io.ganlab.common.Json;
import io.ganlab.common.MetricKeys;
import io.ganlab.common.RunLayout;
import io.ganlab.common.RunState;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A training run directory as read from disk ({@link RunLayout} names its files).
 *
 * @param dir     the run directory
 * @param name    its directory name (made unique by {@link ReportBuilder} when two runs share one)
 * @param config  {@link RunLayout#CONFIG}, the effective config
 * @param env     {@link RunLayout#ENV} (an empty object when missing)
 * @param status  {@link RunLayout#STATUS}, or an unknown status when missing
 * @param train   train lines by iteration (a resumed run that logs an iteration again replaces it)
 * @param evals   eval lines by iteration, likewise
 * @param notes   what was odd about the run, said in the report (skipped lines, nothing evaluated yet)
 */
public record TrainingRun(Path dir, String name, JsonNode config, JsonNode env, RunStatus status,
                          List<MetricPoint> train, List<MetricPoint> evals, List<String> notes) {
    /** The note of a run whose metrics end in half a line: expected while it runs, so not a warning. */
    public static final String INCOMPLETE_LAST_LINE = "ignored an incomplete last line of " + RunLayout.METRICS;
    /** The note of a run without eval lines. */
    public static final String NOT_EVALUATED = "no evaluations yet";

    // keys of status.json, as core's RunDirectory writes them
    private static final String STATE = "state";
    private static final String STATUS_ITERATION = "iteration";
    private static final String TARGET = "target_iterations";
    private static final String MESSAGE = "message";
    private static final String UPDATED = "updated";
    /** The config key of the seed, at any depth. */
    static final String SEED = "seed";

    /** Reads a run; fails with a one-line message when {@code dir} is not a run at all. */
    public static TrainingRun load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ReportException(dir + ": " + (Files.exists(dir) ? "not a directory" : "no such directory")
                    + "; expected a training run directory");
        }
        Path metrics = dir.resolve(RunLayout.METRICS);
        Path configFile = dir.resolve(RunLayout.CONFIG);
        if (!Files.isRegularFile(metrics) || !Files.isRegularFile(configFile)) {
            String missing = !Files.isRegularFile(metrics) && !Files.isRegularFile(configFile)
                    ? RunLayout.METRICS + " and " + RunLayout.CONFIG
                    : !Files.isRegularFile(metrics) ? RunLayout.METRICS : RunLayout.CONFIG;
            throw new ReportException(dir + ": not a training run (no " + missing + ")");
        }
        List<String> notes = new ArrayList<>();
        JsonNode config = readObject(configFile, true, notes);
        JsonNode env = Files.exists(dir.resolve(RunLayout.ENV)) ? readObject(dir.resolve(RunLayout.ENV), false, notes)
                : JsonNodeFactory.instance.objectNode();
        RunStatus status = readStatus(dir.resolve(RunLayout.STATUS), notes);
        TreeMap<Long, MetricPoint> train = new TreeMap<>();
        TreeMap<Long, MetricPoint> evals = new TreeMap<>();
        readMetrics(metrics, train, evals, notes);
        if (train.isEmpty() && evals.isEmpty()) {
            notes.add(RunLayout.METRICS + " has no metrics yet");
        }
        if (evals.isEmpty()) {
            notes.add(NOT_EVALUATED);
        }
        String name = dir.toAbsolutePath().normalize().getFileName() == null ? dir.toString()
                : dir.toAbsolutePath().normalize().getFileName().toString();
        return new TrainingRun(dir, name, config, env, status, List.copyOf(train.values()),
                List.copyOf(evals.values()), List.copyOf(notes));
    }

    /** The same run under another name. */
    public TrainingRun withName(String newName) {
        return new TrainingRun(dir, newName, config, env, status, train, evals, notes);
    }

    /** The highest iteration logged in train or eval lines (0 when none). */
    public long lastIteration() {
        long a = train.isEmpty() ? 0 : train.get(train.size() - 1).iteration();
        long b = evals.isEmpty() ? 0 : evals.get(evals.size() - 1).iteration();
        return Math.max(a, b);
    }

    /** The iteration the run has reached: the larger of its status's and its last logged one. */
    public long reachedIteration() {
        return status.reached(lastIteration());
    }

    /** The training wall time of the last line that has one, or {@code null}. */
    public Double lastTime() {
        Double t = null;
        long at = -1;
        for (int i = train.size() - 1; i >= 0; i--) {
            if (train.get(i).time() != null) {
                t = train.get(i).time();
                at = train.get(i).iteration();
                break;
            }
        }
        for (int i = evals.size() - 1; i >= 0; i--) {
            if (evals.get(i).time() != null) {
                if (evals.get(i).iteration() >= at) {
                    t = t == null ? evals.get(i).time() : Math.max(t, evals.get(i).time());
                }
                break;
            }
        }
        return t;
    }

    /** The run's seed from its config ({@code seed} at any depth), or {@code null}. */
    public Long seed() {
        JsonNode s = config.findValue(SEED);
        return s != null && s.canConvertToLong() ? s.asLong() : null;
    }

    /**
     * The files {@code folder/iter-N.extension} of the run by iteration (see {@link RunLayout#iterationFile}),
     * listed now: empty when the folder does not exist.
     */
    public SortedMap<Long, Path> iterationFiles(String folder, String extension) {
        Path d = dir.resolve(folder);
        TreeMap<Long, Path> m = new TreeMap<>();
        if (!Files.isDirectory(d)) {
            return m;
        }
        try (Stream<Path> s = Files.list(d)) {
            s.forEach(p -> RunLayout.iterationOf(p, extension).ifPresent(it -> {
                if (Files.isRegularFile(p)) {
                    m.put(it, p);
                }
            }));
        } catch (IOException e) {
            throw new ReportException(d + ": cannot list (" + e.getMessage() + ")", e);
        }
        return m;
    }

    private static JsonNode readObject(Path file, boolean required, List<String> notes) {
        try {
            JsonNode n = Json.LINE.readTree(file.toFile());
            if (n != null && n.isObject()) {
                return n;
            }
            if (required) {
                throw new ReportException(file + ": expected a JSON object");
            }
        } catch (JsonProcessingException e) {
            if (required) {
                throw new ReportException(file + ": not valid JSON (" + e.getOriginalMessage() + ")", e);
            }
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        notes.add(file.getFileName() + " is not a JSON object; ignored");
        return JsonNodeFactory.instance.objectNode();
    }

    private static RunStatus readStatus(Path file, List<String> notes) {
        if (!Files.exists(file)) {
            return RunStatus.unknown("no " + RunLayout.STATUS);
        }
        JsonNode s = readObject(file, false, notes);
        if (s.isEmpty()) {
            return RunStatus.unknown(RunLayout.STATUS + " unreadable");
        }
        String word = s.path(STATE).asText("");
        RunState state = RunState.ofWord(word);
        if (state == null && !word.isBlank()) {
            notes.add(RunLayout.STATUS + " names an unknown state '" + word + "'");
        }
        return new RunStatus(state, longOrNull(s.get(STATUS_ITERATION)), longOrNull(s.get(TARGET)),
                textOrNull(s.get(MESSAGE)), textOrNull(s.get(UPDATED)));
    }

    private static void readMetrics(Path file, Map<Long, MetricPoint> train, Map<Long, MetricPoint> evals,
                                    List<String> notes) {
        List<Integer> bad = new ArrayList<>();
        boolean lastBad = false;
        int lineNo = 0;
        // the lines of a run log the same keys again and again: one key array for each set of them
        Map<List<String>, String[]> keySets = new HashMap<>();
        // decoding replaces malformed bytes: a torn multi-byte character must not stop the report
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                lastBad = !parseLine(line, train, evals, keySets);
                if (lastBad) {
                    bad.add(lineNo);
                }
            }
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        // a run being written may have half a line at the end: that one is expected, not worth a warning
        if (lastBad) {
            bad.remove(bad.size() - 1);
            notes.add(INCOMPLETE_LAST_LINE);
        }
        if (!bad.isEmpty()) {
            notes.add("skipped " + bad.size() + " unreadable line" + (bad.size() == 1 ? "" : "s") + " of "
                    + RunLayout.METRICS + " (line " + bad.subList(0, Math.min(5, bad.size())).toString().replaceAll("[\\[\\]]", "")
                    + (bad.size() > 5 ? ", ..." : "") + ")");
        }
    }

    /**
     * Returns false when the line is not a usable metrics object. Reads tokens rather than a tree: a long run has
     * hundreds of thousands of lines.
     */
    private static boolean parseLine(String line, Map<Long, MetricPoint> train, Map<Long, MetricPoint> evals,
                                     Map<List<String>, String[]> keySets) {
        String kind = null;
        Long it = null;
        Double time = null;
        List<String> keys = new ArrayList<>();
        double[] values = new double[8];
        Map<String, SortedMap<Integer, Double>> byN = new LinkedHashMap<>();
        try (JsonParser p = Json.LINE.getFactory().createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
                String key = p.currentName();
                JsonToken v = p.nextToken();
                if (key.equals(MetricKeys.KIND) && v == JsonToken.VALUE_STRING) {
                    kind = p.getText();
                } else if (key.equals(MetricKeys.ITERATION) && v == JsonToken.VALUE_NUMBER_INT) {
                    it = p.getLongValue();
                } else if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                    double d = p.getDoubleValue();
                    if (!Double.isFinite(d)) {
                        continue;
                    }
                    if (key.equals(MetricKeys.TIME)) {
                        time = d;
                    } else if (keys.contains(key)) {
                        values[keys.indexOf(key)] = d;       // a key given twice: the last value, as a map keeps it
                    } else {
                        if (keys.size() == values.length) {
                            values = Arrays.copyOf(values, 2 * values.length);
                        }
                        values[keys.size()] = d;
                        keys.add(key);
                    }
                } else if (v == JsonToken.START_OBJECT) {
                    byN.put(key, readByN(p));
                } else {
                    p.skipChildren();
                }
            }
            // trailing garbage (two lines run together) makes the line unreadable
            if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
                return false;
            }
        } catch (IOException e) {
            return false;
        }
        if (it == null || kind == null) {
            return false;
        }
        if (kind.equals(MetricKeys.TRAIN) || kind.equals(MetricKeys.EVAL)) {
            String[] shared = keySets.computeIfAbsent(keys, k -> k.toArray(String[]::new));
            MetricPoint point = new MetricPoint(it, time, shared, Arrays.copyOf(values, keys.size()), byN);
            (kind.equals(MetricKeys.TRAIN) ? train : evals).put(it, point);
        }
        // other kinds may come later; they are not errors
        return true;
    }

    /** An object keyed by n ({"1": 0.21, ...}); other keys and non-finite values are left out. */
    private static SortedMap<Integer, Double> readByN(JsonParser p) throws IOException {
        TreeMap<Integer, Double> m = new TreeMap<>();
        for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
            String key = p.currentName();
            JsonToken v = p.nextToken();
            if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                double d = p.getDoubleValue();
                try {
                    if (Double.isFinite(d)) {
                        m.put(Integer.parseInt(key), d);
                    }
                } catch (NumberFormatException ignored) {
                    // not an n-gram order: skip
                }
            } else {
                p.skipChildren();
            }
        }
        if (p.currentToken() != JsonToken.END_OBJECT) {
            throw new IOException("unterminated object");
        }
        return Collections.unmodifiableSortedMap(m);
    }

    private static Long longOrNull(JsonNode n) {
        return n != null && n.canConvertToLong() && !n.isNull() ? n.asLong() : null;
    }

    private static String textOrNull(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }

    /** The first {@code max} lines of a sample file (malformed bytes replaced, not fatal). */
    static List<String> headLines(Path file, int max) {
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8))) {
            for (String line; out.size() < max && (line = r.readLine()) != null; ) {
                out.add(line);
            }
        } catch (IOException e) {
            throw new ReportException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        return out;
    }

    /** The config as an ordered map of dotted keys to JSON leaf text, for diffs and grouping. */
    public static Map<String, String> flatten(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        flatten("", node, out);
        return out;
    }

    private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
        if (node instanceof ObjectNode o && !o.isEmpty()) {
            for (Map.Entry<String, JsonNode> e : o.properties()) {
                flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
            }
        } else if (!prefix.isEmpty()) {
            out.put(prefix, node.isTextual() ? node.asText() : node.toString());
        }
    }
}
