package io.ganlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * For commands whose options may also come from a config file ({@code --config}): the options given on the command
 * line as a tree by their config key, to be laid over the file's tree with {@code ConfigTree.merge}, so that the
 * command line wins and an option not given leaves the file's value.
 */
final class ConfigFlags {
    private ConfigFlags() {}

    /**
     * The options matched on the command line, by {@code key} (null for an option that is no config key).
     * Lists become arrays, enums their lower-case names, paths text.
     */
    static ObjectNode given(CommandLine.Model.CommandSpec spec, Function<CommandLine.Model.OptionSpec, String> key) {
        ObjectNode t = JsonNodeFactory.instance.objectNode();
        CommandLine.ParseResult parsed = spec.commandLine().getParseResult();
        for (CommandLine.Model.OptionSpec option : spec.options()) {
            String k = key.apply(option);
            if (k != null && parsed.hasMatchedOption(option)) {
                t.set(k, node(option.getValue()));
            }
        }
        return t;
    }

    /** The option's long name without its dashes ({@code --skip-bad} is {@code skip-bad}). */
    static String longName(CommandLine.Model.OptionSpec option) {
        return option.longestName().replaceFirst("^--", "");
    }

    private static JsonNode node(Object value) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        if (value instanceof List<?> list) {
            ArrayNode a = f.arrayNode();
            list.forEach(v -> a.add(node(v)));
            return a;
        }
        if (value instanceof Enum<?> e) {
            return f.textNode(e.name().toLowerCase(Locale.ROOT));
        }
        if (value instanceof Path || value instanceof String) {
            return f.textNode(value.toString());
        }
        return Json.STRICT.valueToTree(value);
    }

    /** What every prepare needs, from the flags or the file: usage errors naming the flag. */
    static void requireInputAndOutput(JsonNode tree) {
        JsonNode in = tree.get("input");
        if (in == null || in.isNull() || in.isEmpty()) {
            throw new UsageException("missing --input PATH...");
        }
        JsonNode out = tree.get("output");
        if (out == null || out.isNull()) {
            throw new UsageException("missing --output DIR");
        }
    }
}
