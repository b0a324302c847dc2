package io.ganlab.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Run configs as JSON trees: overlaid layer by layer (defaults ← preset ← file ← flags), bound strictly to a
 * record, and, for a resumed run, checked against the config the run was started with.
 */
public final class ConfigTree {
    /** Config keys a resumed run may change: how long it trains. */
    public static final List<String> RESUMABLE = List.of("schedule.iterations", "schedule.minutes");

    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);

    private ConfigTree() {}

    /** Overlays {@code top} onto {@code base}, object by object; scalars and lists replace. */
    public static void merge(ObjectNode base, JsonNode top) {
        for (Map.Entry<String, JsonNode> e : top.properties()) {
            JsonNode old = base.get(e.getKey());
            if (old instanceof ObjectNode o && e.getValue().isObject()) {
                merge(o, e.getValue());
            } else {
                base.set(e.getKey(), e.getValue().deepCopy());
            }
        }
    }

    /** Binds a merged tree to {@code type}, with a one-line message naming the offending key or value. */
    public static <T> T bind(JsonNode tree, Class<T> type) {
        try {
            return STRICT.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new TrainingException("unknown config key '" + path(e) + "'");
        } catch (ValueInstantiationException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new TrainingException("invalid config: " + c.getMessage());
        } catch (IOException e) {
            throw new TrainingException("invalid config: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    /** The tree of a config record, as saved in {@code config.json}. */
    public static JsonNode of(Object config) {
        return STRICT.valueToTree(config);
    }

    /**
     * The saved config of {@code run} with {@code overrides} (a tree of flags) laid over it. Only the
     * {@link #RESUMABLE} targets may differ from what the run was started with.
     */
    public static ObjectNode resumed(RunDirectory run, ObjectNode overrides) {
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
        merge(merged, overrides);
        return merged;
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

    private static String path(UnrecognizedPropertyException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        return sb.toString();
    }
}
