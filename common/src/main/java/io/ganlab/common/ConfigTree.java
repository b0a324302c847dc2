package io.ganlab.common;

import static io.ganlab.common.UserException.firstLine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one config mechanism: configs are records bound from trees of JSON/YAML, overlaid layer by layer
 * (built-in YAML defaults ← preset ← file ← flags) and bound strictly, with a one-line message naming the
 * offending key. A resumed run's config is the saved one, which only {@link #RESUMABLE} targets may change.
 */
public final class ConfigTree {
    /** Config keys a resumed run may change: how long it trains. */
    public static final List<String> RESUMABLE = List.of("schedule.iterations", "schedule.minutes");

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

    /** A YAML resource beside {@code owner} (the built-in defaults of a config), as a tree. */
    public static ObjectNode resource(Class<?> owner, String name) {
        try (var in = owner.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " beside " + owner.getName());
            }
            return (ObjectNode) Json.YAML.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable resource " + name, e);
        }
    }

    /**
     * The built-in defaults ({@code defaults.yaml} beside {@code owner}) overlaid with preset {@code name}
     * ({@code presets/NAME.yaml}, which lists only what it changes), and {@code preset: NAME} recorded.
     *
     * @param names the presets there are, for the message of an unknown one
     */
    public static ObjectNode preset(Class<?> owner, String name, List<String> names) {
        if (!names.contains(name)) {
            throw new ConfigException("unknown preset '" + name + "'; choose one of " + String.join(", ", names));
        }
        ObjectNode tree = resource(owner, "defaults.yaml");
        merge(tree, resource(owner, "presets/" + name + ".yaml"));
        tree.put("preset", name);
        return tree;
    }

    /** A config file (YAML or JSON) as a tree; a missing, empty or malformed file is one line naming it. */
    public static ObjectNode file(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException(file + ": no such config file");
        }
        JsonNode n;
        try {
            n = Json.readTree(file);
        } catch (IOException e) {
            throw new ConfigException(file + ": not valid YAML or JSON (" + firstLine(e.getMessage()) + ")");
        }
        if (n == null || n.isMissingNode() || n.isNull()) {
            throw new ConfigException(file + ": the config file is empty");
        }
        if (!n.isObject()) {
            throw new ConfigException(file + ": a config file holds keys and values, not " + n.getNodeType()
                    .toString().toLowerCase(java.util.Locale.ROOT));
        }
        return (ObjectNode) n;
    }

    /**
     * Paths in a config file are relative to the file: resolves the value of each of {@code keys} in {@code tree}
     * (a path, or a list of paths) against the file's directory, normalised. Other values are left to binding.
     */
    public static void resolvePaths(ObjectNode tree, Path file, String... keys) {
        Path base = file.toAbsolutePath().getParent();
        for (String key : keys) {
            JsonNode v = tree.get(key);
            if (v != null && v.isArray()) {
                var resolved = tree.putArray(key);
                v.forEach(p -> resolved.add(base.resolve(p.asText()).normalize().toString()));
            } else if (v != null && v.isTextual()) {
                tree.put(key, base.resolve(v.asText()).normalize().toString());
            }
        }
    }

    /** Binds a merged tree to {@code type}, with a one-line message naming the offending key or value. */
    public static <T> T bind(JsonNode tree, Class<T> type) {
        try {
            return Json.STRICT.treeToValue(tree, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ConfigException("unknown config key '" + path(e) + "'");
        } catch (ValueInstantiationException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new ConfigException("invalid config: " + c.getMessage());
        } catch (InvalidFormatException e) {
            throw new ConfigException("invalid config: " + path(e) + " cannot be " + e.getValue()
                    + " (expected " + kind(e.getTargetType()) + ")");
        } catch (MismatchedInputException e) {
            throw new ConfigException("invalid config: " + path(e) + " must be " + kind(e.getTargetType()));
        } catch (IOException e) {
            throw new ConfigException("invalid config: " + firstLine(e.getMessage()));
        }
    }

    /** The tree of a config record, as saved in {@code config.json}. */
    public static ObjectNode of(Object config) {
        return Json.STRICT.valueToTree(config);
    }

    /**
     * The saved config of the run in {@code runDir} with {@code overrides} (a tree of flags) laid over it. Only
     * the {@link #RESUMABLE} targets may differ from what the run was started with.
     */
    public static ObjectNode resumed(Path runDir, ObjectNode overrides) {
        Path config = runDir.resolve(RunLayout.CONFIG);
        if (!Files.isRegularFile(config)) {
            throw new ConfigException(runDir + ": no run to resume (no " + RunLayout.CONFIG + ")");
        }
        ObjectNode saved;
        try {
            saved = (ObjectNode) Json.LINE.readTree(config.toFile());
        } catch (IOException | ClassCastException e) {
            throw new ConfigException(config + ": unreadable run config (" + firstLine(e.getMessage()) + ")");
        }
        for (Map.Entry<String, JsonNode> leaf : leaves("", overrides).entrySet()) {
            JsonNode was = at(saved, leaf.getKey());
            if (!RESUMABLE.contains(leaf.getKey()) && !same(leaf.getValue(), was)) {
                throw new ConfigException("a resumed run keeps its config: " + leaf.getKey() + " is " + was
                        + " in " + config + ", not " + leaf.getValue() + " (only --iterations and --minutes may change)");
            }
            if (RESUMABLE.contains(leaf.getKey()) && was != null && was.isNumber() && leaf.getValue().isNumber()
                    && was.asDouble() > 0 && leaf.getValue().asDouble() < was.asDouble()) {
                throw new ConfigException("a resumed run's " + leaf.getKey() + " may only grow: it is " + was
                        + " in " + config + ", not " + leaf.getValue());
            }
        }
        ObjectNode merged = saved.deepCopy();
        merge(merged, overrides);
        return merged;
    }

    /** Every leaf of a tree by its dotted path. */
    public static Map<String, JsonNode> leaves(String prefix, JsonNode node) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                out.putAll(leaves(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue()));
            }
        } else {
            out.put(prefix, node);
        }
        return out;
    }

    /** Equal values; numbers compared as floats, since config floats come back from JSON as doubles. */
    public static boolean same(JsonNode a, JsonNode b) {
        if (a != null && b != null && a.isNumber() && b.isNumber()) {
            return (float) a.asDouble() == (float) b.asDouble();
        }
        return a == null ? b == null : a.equals(b);
    }

    /** The node at a dotted path, or {@code null}. */
    public static JsonNode at(JsonNode root, String dotted) {
        JsonNode n = root;
        for (String k : dotted.split("\\.")) {
            n = n == null ? null : n.get(k);
        }
        return n;
    }

    private static String path(MismatchedInputException e) {
        StringBuilder sb = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                sb.append(sb.length() == 0 ? "" : ".").append(ref.getFieldName());
            }
        }
        return sb.toString();
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "another type";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == float.class || type == Float.class || type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (List.class.isAssignableFrom(type) || type.isArray()) {
            return "a list";
        }
        if (type == String.class) {
            return "a string";
        }
        return "a " + type.getSimpleName();
    }
}
