package io.ganlab.corpus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Options of {@link Preparer}, bound from {@value #DEFAULTS} (the reference's: WGAN-GP language model on One
 * Billion Word) overlaid with a config file and flags: {@code defaults <- --config FILE <- flags}. Keys are
 * camelCase; config files may still use the kebab-case keys of earlier versions ({@link #KEBAB_KEYS}).
 *
 * @param inputs       files, directories or the benchmark archive, read in the order given (key {@code input})
 * @param output       dataset directory to create
 * @param seqLen       symbols per line; longer lines are truncated, shorter ones padded with '`' (32)
 * @param maxExamples  training lines to keep, counted in reading order before the shuffle (10,000,000)
 * @param vocabSize    ids including unk (2048)
 * @param seed         seed of the shuffle
 * @param valid        size of the validation split, or auto (see {@link ValidationPlan})
 * @param validSource  where validation lines come from
 * @param symbols      code points or bytes
 * @param format       lines or prose, or decided per file
 * @param normalize    normalisation steps (see {@link Normalizer}); empty for none
 * @param maxLineBytes bytes of a line kept for processing; longer lines are counted, not held in memory
 * @param invalidUtf8  stop at the first invalid UTF-8 line, or skip such lines and count them
 * @param keepBlank    keep blank and whitespace-only lines instead of skipping them, as the reference does
 * @param force        replace an existing dataset at {@code output}
 */
public record PrepareOptions(
        @JsonProperty("input") List<Path> inputs,
        Path output,
        int seqLen,
        long maxExamples,
        int vocabSize,
        long seed,
        ValidCount valid,
        ValidSource validSource,
        Symbols symbols,
        TextFormat format,
        List<String> normalize,
        int maxLineBytes,
        OnInvalid invalidUtf8,
        boolean keepBlank,
        boolean force) {

    /** The built-in defaults, a YAML resource beside this class. */
    public static final String DEFAULTS = "prepare-defaults.yaml";
    /** Keys of earlier config files and the camelCase keys they mean. */
    public static final Map<String, String> KEBAB_KEYS = Map.of("seq-len", "seqLen", "max-examples", "maxExamples",
            "vocab-size", "vocabSize", "valid-source", "validSource", "max-line-bytes", "maxLineBytes",
            "invalid-utf8", "invalidUtf8", "keep-blank", "keepBlank");

    @JsonCreator
    public PrepareOptions {
        inputs = inputs == null ? null : List.copyOf(inputs);
        normalize = normalize == null ? List.of() : List.copyOf(normalize);
        valid = valid == null ? ValidCount.AUTO : valid;
    }

    /** The options of earlier versions: an explicit validation split, blank lines skipped. */
    public PrepareOptions(List<Path> inputs, Path output, int seqLen, long maxExamples, int vocabSize, long seed,
                          long validLines, ValidSource validSource, Symbols symbols, TextFormat format,
                          List<String> normalize, int maxLineBytes, OnInvalid invalidUtf8, boolean force) {
        this(inputs, output, seqLen, maxExamples, vocabSize, seed, ValidCount.of(validLines), validSource, symbols,
                format, normalize, maxLineBytes, invalidUtf8, false, force);
    }

    /** Where the validation split comes from. */
    public enum ValidSource {
        /** The benchmark's held-out folder when an input has it, else a split of the training lines. */
        AUTO,
        /** Only the held-out folder; an error if there is none. */
        HELDOUT,
        /** Lines set aside from the shuffled training lines. */
        SPLIT;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static ValidSource parse(String s) {
            return named(ValidSource.class, s, "validSource");
        }
    }

    /** What to do with a line that is not valid UTF-8. */
    public enum OnInvalid {
        ERROR, SKIP;

        @JsonValue
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }

        @JsonCreator
        public static OnInvalid parse(String s) {
            return named(OnInvalid.class, s, "invalidUtf8");
        }
    }

    /** The constant of {@code type} named {@code s} (any case), or an error listing the names. */
    static <E extends Enum<E>> E named(Class<E> type, String s, String key) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.trim())) {
                return e;
            }
        }
        throw new IllegalArgumentException(key + " must be one of " + String.join(", ", Arrays.stream(
                type.getEnumConstants()).map(e -> e.name().toLowerCase(Locale.ROOT)).toList()) + ", got '" + s + "'");
    }

    /**
     * Options that make no sense, alone, together or with the inputs given: a usage error (the CLI exits
     * with 2 and points to --help), not a problem of the input's content.
     */
    public static final class Conflict extends CorpusException {
        public Conflict(String message) {
            super(message);
        }
    }

    /** The built-in defaults as a config tree, to lay a config file and flags over. */
    public static ObjectNode defaultsTree() {
        return ConfigTree.resource(PrepareOptions.class, DEFAULTS);
    }

    /** Binds a merged config tree; a wrong key or value is one line naming it. */
    public static PrepareOptions of(JsonNode tree) {
        return ConfigTree.bind(tree, PrepareOptions.class);
    }

    /** Defaults for the given inputs and output. */
    public static PrepareOptions defaults(List<Path> inputs, Path output) {
        ObjectNode tree = defaultsTree();
        ArrayNode in = tree.putArray("input");
        inputs.forEach(p -> in.add(p.toString()));
        tree.put("output", output.toString());
        return of(tree);
    }

    /**
     * A config file as a tree: kebab-case keys of earlier versions renamed to the camelCase ones, paths
     * relative to the file, and an unknown key refused with the list of known ones.
     */
    public static ObjectNode file(Path file) {
        ObjectNode given = ConfigTree.file(file);
        ObjectNode tree = given.objectNode();
        List<String> known = new ArrayList<>();
        defaultsTree().fieldNames().forEachRemaining(known::add);
        Map<String, String> spelledAs = new java.util.HashMap<>();
        for (Map.Entry<String, JsonNode> e : given.properties()) {
            String key = KEBAB_KEYS.getOrDefault(e.getKey(), e.getKey());
            if (!known.contains(key)) {
                throw new CorpusException(file + ": unknown option '" + e.getKey() + "' (known: "
                        + String.join(", ", known.stream().sorted().toList()) + ")");
            }
            String before = spelledAs.put(key, e.getKey());
            if (before != null) {
                throw new CorpusException(file + ": '" + before + "' and '" + e.getKey() + "' are the same option;"
                        + " keep only '" + key + "'");
            }
            tree.set(key, e.getValue());
        }
        ConfigTree.resolvePaths(tree, file, "input", "output");
        JsonNode input = tree.get("input");
        if (input != null && input.isTextual()) {
            tree.putArray("input").add(input.asText());
        }
        return tree;
    }

    public PrepareOptions withInputs(List<Path> v) {
        return new PrepareOptions(v, output, seqLen, maxExamples, vocabSize, seed, valid, validSource, symbols,
                format, normalize, maxLineBytes, invalidUtf8, keepBlank, force);
    }

    public PrepareOptions withOutput(Path v) {
        return new PrepareOptions(inputs, v, seqLen, maxExamples, vocabSize, seed, valid, validSource, symbols,
                format, normalize, maxLineBytes, invalidUtf8, keepBlank, force);
    }

    public PrepareOptions withMaxExamples(long v) {
        return new PrepareOptions(inputs, output, seqLen, v, vocabSize, seed, valid, validSource, symbols,
                format, normalize, maxLineBytes, invalidUtf8, keepBlank, force);
    }

    public PrepareOptions withValid(long lines, ValidSource source) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, ValidCount.of(lines), source,
                symbols, format, normalize, maxLineBytes, invalidUtf8, keepBlank, force);
    }

    public PrepareOptions withFormat(TextFormat v, List<String> norm) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, valid, validSource,
                symbols, v, norm, maxLineBytes, invalidUtf8, keepBlank, force);
    }

    public PrepareOptions withSymbols(Symbols v) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, valid, validSource, v,
                format, normalize, maxLineBytes, invalidUtf8, keepBlank, force);
    }

    public PrepareOptions withShape(int seq, int vocab, long seedValue) {
        return new PrepareOptions(inputs, output, seq, maxExamples, vocab, seedValue, valid, validSource,
                symbols, format, normalize, maxLineBytes, invalidUtf8, keepBlank, force);
    }

    public PrepareOptions withLimits(int lineBytes, OnInvalid onInvalid) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, valid, validSource,
                symbols, format, normalize, lineBytes, onInvalid, keepBlank, force);
    }

    public PrepareOptions withKeepBlank(boolean v) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, valid, validSource,
                symbols, format, normalize, maxLineBytes, invalidUtf8, v, force);
    }

    public PrepareOptions withForce(boolean v) {
        return new PrepareOptions(inputs, output, seqLen, maxExamples, vocabSize, seed, valid, validSource,
                symbols, format, normalize, maxLineBytes, invalidUtf8, keepBlank, v);
    }

    /**
     * Rejects values and combinations that make no sense, with a message naming the options. Whether the
     * validation split fits {@code --max-examples} depends on the inputs: see {@link ValidationPlan}.
     */
    public void validate() {
        if (inputs == null || inputs.isEmpty()) {
            throw new Conflict("no input given (--input PATH...)");
        }
        if (output == null) {
            throw new Conflict("no output directory given (--output DIR)");
        }
        if (seqLen < 1 || seqLen > 4096) {
            throw new Conflict("--seq-len must be between 1 and 4096, got " + seqLen);
        }
        if (maxExamples < 1 || maxExamples > 1_000_000_000L) {
            throw new Conflict("--max-examples must be between 1 and 1,000,000,000, got " + maxExamples);
        }
        if (vocabSize < 2 || vocabSize > 65536) {
            throw new Conflict("--vocab-size must be between 2 and 65536 (ids are uint16), got " + vocabSize);
        }
        if (!valid.auto() && valid.lines() < 0) {
            throw new Conflict("--valid must be >= 0, got " + valid.lines());
        }
        if (validSource == ValidSource.HELDOUT && !valid.auto() && valid.lines() == 0) {
            throw new Conflict("--valid-source heldout with --valid 0 makes no validation split; drop one of them");
        }
        if (maxLineBytes < seqLen * 4 || maxLineBytes > (64 << 20)) {
            throw new Conflict("--max-line-bytes must be between 4 x --seq-len (" + seqLen * 4
                    + ") and 67108864, got " + maxLineBytes);
        }
        Path out = output.toAbsolutePath().normalize();
        for (Path in : inputs) {
            Path abs = in.toAbsolutePath().normalize();
            if (abs.equals(out) || abs.startsWith(out) && Files.exists(out)) {
                throw new Conflict("--output " + output + " is (or contains) the input " + in
                        + "; choose another output directory");
            }
            if (out.startsWith(abs) && Files.isDirectory(abs)) {
                throw new Conflict("--output " + output + " lies inside the input directory " + in
                        + "; it would be read as input next time; choose a directory outside it");
            }
        }
        try {
            Normalizer.parse(normalize); // fails fast on unknown steps
        } catch (CorpusException e) {
            throw new Conflict(e.getMessage());
        }
    }
}
