package io.ganlab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.corpus.Manifest;
import io.ganlab.corpus.PrepareOptions;
import io.ganlab.corpus.Preparer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code gan corpus prepare}: options are {@link PrepareOptions}, bound from its YAML defaults, the config file
 * and the flags given, in this order; the defaults shown by {@code --help} come from the same YAML.
 */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        defaultValueProvider = CorpusPrepareCommand.Defaults.class,
        header = "Turn raw text into an encoded dataset for the character-level GAN.",
        description = {
            "Reads the One Billion Word archive in place (1-billion-word-language-modeling-benchmark-r13output.tar.gz),"
                + " its extracted directory (shards news.en-000NN-of-00100 in numeric order; the heldout folder feeds"
                + " the validation split), plain text with one sentence per line, .gz files, and raw prose (paragraphs,"
                + " split into sentences). Each line is truncated to --seq-len symbols and padded with '`'; the"
                + " vocabulary is unk then the most frequent symbols; lines are shuffled with --seed.",
            "",
            "Output: DIR/train.bin and DIR/valid.bin (uint16 ids, memory-mappable), DIR/vocab.json, DIR/manifest.json."
                + " The dataset appears only when complete; an existing one is replaced only with --force.",
            ""})
final class CorpusPrepareCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, arity = "1..*", paramLabel = "PATH",
            description = "Input files or directories, read in this order.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Dataset directory to create.")
    Path output;

    @Option(names = "--seq-len", paramLabel = "N", description = "Symbols per line (default: ${DEFAULT-VALUE}, as in the paper).")
    int seqLen;

    @Option(names = "--max-examples", paramLabel = "N",
            description = "Training lines to keep, in reading order (default: ${DEFAULT-VALUE}).")
    long maxExamples;

    @Option(names = "--vocab-size", paramLabel = "N", description = "Vocabulary size including unk (default: ${DEFAULT-VALUE}).")
    int vocabSize;

    @Option(names = "--seed", paramLabel = "N", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--valid", paramLabel = "N|auto", converter = ValidConverter.class,
            description = "Lines in the validation split (default: ${DEFAULT-VALUE}: 10,000 held-out lines, or a tenth"
                    + " of the lines read, at most 10,000).")
    String valid;

    @Option(names = "--valid-source", paramLabel = "SOURCE", converter = ValidSourceConverter.class,
            description = "Where validation lines come from: auto (the benchmark's heldout folder if present, else a"
                    + " split of the shuffled lines), heldout, split (default: ${DEFAULT-VALUE}).")
    PrepareOptions.ValidSource validSource;

    @Option(names = "--symbols", paramLabel = "MODE", converter = SymbolsConverter.class,
            description = "codepoint: Unicode code points; byte: UTF-8 bytes, exactly like the original Python 2"
                    + " loader (default: ${DEFAULT-VALUE}).")
    io.ganlab.corpus.Symbols symbols;

    @Option(names = "--format", paramLabel = "FORMAT", converter = FormatConverter.class,
            description = "lines: one example per line; prose: paragraphs split into sentences; auto: decided per"
                    + " file, lines when in doubt (default: ${DEFAULT-VALUE}).")
    io.ganlab.corpus.TextFormat format;

    @Option(names = "--normalize", paramLabel = "STEP[,STEP...]", split = ",",
            description = "Normalisation chain of Lucene components, in order: html-strip, nfkc, nfc, ascii-punct,"
                    + " collapse-space, lowercase, ascii-fold; 'ascii' = nfkc,ascii-punct,ascii-fold. Default: none.")
    List<String> normalize;

    @Option(names = "--max-line-bytes", paramLabel = "N",
            description = "Bytes of a line processed; longer lines are counted and truncated (default: ${DEFAULT-VALUE}).")
    int maxLineBytes;

    @Option(names = "--invalid-utf8", paramLabel = "ACTION", converter = OnInvalidConverter.class,
            description = "error: stop at the first invalid line; skip: skip and count such lines (default: ${DEFAULT-VALUE}).")
    PrepareOptions.OnInvalid invalidUtf8;

    @Option(names = "--keep-blank",
            description = "Keep blank and whitespace-only lines (an empty line becomes all padding), as the reference"
                    + " loader does; by default they are skipped and counted.")
    boolean keepBlank;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON file with any of these options, camelCase (seqLen: 32, normalize: [ascii], ...;"
                    + " the kebab-case keys of earlier versions are read too); options on the command line win.")
    Path config;

    @Option(names = "--force", description = "Replace an existing dataset at --output.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress or notes on stderr (warnings are still printed).")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrepareOptions o = options();
        PrintWriter out = spec.commandLine().getOut();
        ByteProgress progress = new ByteProgress("prepare", quiet, System.err);
        Manifest m = Preparer.prepare(o, remarks(progress));
        double secs = progress.seconds();
        out.println(summary(o.output(), m, secs, progress.bytesRead()));
        out.flush();
        return 0;
    }

    /** Progress on stderr, with notes and warnings on the command's error stream (warnings even when quiet). */
    private Preparer.Progress remarks(ByteProgress bar) {
        PrintWriter err = spec.commandLine().getErr();
        return new Preparer.Progress() {
            @Override
            public void start(long totalBytes) {
                bar.start(totalBytes);
            }

            @Override
            public void advance(long bytes) {
                bar.advance(bytes);
            }

            @Override
            public void phase(String name) {
                bar.phase(name);
            }

            @Override
            public void note(String message) {
                if (!quiet) {
                    err.println("gan corpus prepare: note: " + message);
                    err.flush();
                }
            }

            @Override
            public void warning(String message) {
                err.println("gan corpus prepare: warning: " + message);
                err.flush();
            }

            @Override
            public void done() {
                bar.done();
            }
        };
    }

    static String summary(Path dir, Manifest m, double secs, long bytes) {
        Manifest.Counts c = m.counts();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("dataset   %s%n", dir));
        sb.append(String.format("lines     %,d train + %,d valid (%s), %d symbols each%n", m.train().lines(),
                m.valid().lines(), m.options().get("validFrom"), m.seqLen()));
        sb.append(String.format("vocab     %,d %ss (unk share %.4f%%)%n", m.vocabSize(), m.symbols().id(),
                100.0 * m.train().unkSymbols() / Math.max(1, m.train().lines() * m.seqLen())));
        sb.append(String.format("read      %,d lines from %d sources, %,.1f MB in %.1f s (%.1f MB/s)%n", c.linesRead(),
                m.sources().size(), bytes / 1048576.0, secs, bytes / 1048576.0 / Math.max(secs, 1e-9)));
        if (c.paragraphs() > 0) {
            sb.append(String.format("prose     %,d paragraphs -> %,d sentences%n", c.paragraphs(), c.sentences()));
        }
        sb.append(String.format("skipped   %,d blank, %,d emptied by normalisation, %,d invalid UTF-8; %,d long lines"
                        + " cut to --max-line-bytes; %,d empty and %,d non-text files%n", c.blankSkipped(),
                c.emptyAfterNormalisation(), c.invalidUtf8Skipped(), c.longLines(), c.emptyFilesSkipped(),
                c.otherFilesSkipped()));
        if (c.duplicateInputsSkipped() > 0 || c.linkedDirsSkipped() > 0) {
            sb.append(String.format("          %,d files met twice, read once; %,d links to directories not followed%n",
                    c.duplicateInputsSkipped(), c.linkedDirsSkipped()));
        }
        sb.append(String.format("truncated %,d of %,d training lines were longer than %d%n", m.train().truncatedLines(),
                m.train().lines(), m.seqLen()));
        sb.append(String.format("checksum  %s", m.checksum()));
        return sb.toString();
    }

    /** Defaults, then the config file, then the flags given. */
    PrepareOptions options() {
        ObjectNode tree = PrepareOptions.defaultsTree();
        if (config != null) {
            ConfigTree.merge(tree, PrepareOptions.file(config));
        }
        ConfigTree.merge(tree, flags());
        ConfigFlags.requireInputAndOutput(tree);
        try {
            return PrepareOptions.of(tree);
        } catch (io.ganlab.common.ConfigException e) {
            // flags are checked by their converters: a value that does not bind comes from the config file
            throw config == null ? e : new io.ganlab.corpus.CorpusException(config + ": " + e.getMessage(), e);
        }
    }

    /** The options given on the command line, by their config key (--seq-len is seqLen). */
    ObjectNode flags() {
        ObjectNode t = ConfigFlags.given(spec, Defaults::key);
        JsonNode valid = t.get("valid");
        if (valid != null && valid.asText().matches("\\d+")) {
            t.put("valid", Long.parseLong(valid.asText())); // --valid N is kept as text (it may be auto)
        }
        return t;
    }

    /** Default values of the options, from {@link PrepareOptions#DEFAULTS}. */
    static final class Defaults implements CommandLine.IDefaultValueProvider {
        private static final ObjectNode DEFAULTS = PrepareOptions.defaultsTree();

        /** The config key of an option ({@code --seq-len} is {@code seqLen}), or null if it is none. */
        static String key(CommandLine.Model.OptionSpec option) {
            String name = ConfigFlags.longName(option);
            StringBuilder sb = new StringBuilder();
            for (String part : name.split("-")) {
                sb.append(sb.length() == 0 ? part : Character.toUpperCase(part.charAt(0)) + part.substring(1));
            }
            String key = sb.toString();
            return DEFAULTS.has(key) ? key : null;
        }

        @Override
        public String defaultValue(CommandLine.Model.ArgSpec arg) {
            if (!(arg instanceof CommandLine.Model.OptionSpec option) || key(option) == null) {
                return null;
            }
            JsonNode v = DEFAULTS.get(key(option));
            if (v == null || v.isNull() || v.isArray() || v.isBoolean()) {
                return null; // no default to show: required, empty list, or a flag
            }
            return v.asText();
        }
    }

    /** Picocli converters through the enums' own parsers, so that flags and config files accept the same names. */
    private abstract static class NamedConverter<T> implements CommandLine.ITypeConverter<T> {
        private final java.util.function.Function<String, T> parse;

        NamedConverter(java.util.function.Function<String, T> parse) {
            this.parse = parse;
        }

        @Override
        public T convert(String s) {
            try {
                return parse.apply(s);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code --valid}: a number of lines or auto, kept as given for the config tree. */
    static final class ValidConverter extends NamedConverter<String> {
        ValidConverter() {
            super(s -> {
                io.ganlab.corpus.ValidCount.parse(com.fasterxml.jackson.databind.node.TextNode.valueOf(s));
                return s.trim();
            });
        }
    }

    static final class ValidSourceConverter extends NamedConverter<PrepareOptions.ValidSource> {
        ValidSourceConverter() {
            super(PrepareOptions.ValidSource::parse);
        }
    }

    static final class SymbolsConverter extends NamedConverter<io.ganlab.corpus.Symbols> {
        SymbolsConverter() {
            super(io.ganlab.corpus.Symbols::parse);
        }
    }

    static final class FormatConverter extends NamedConverter<io.ganlab.corpus.TextFormat> {
        FormatConverter() {
            super(io.ganlab.corpus.TextFormat::parse);
        }
    }

    static final class OnInvalidConverter extends NamedConverter<PrepareOptions.OnInvalid> {
        OnInvalidConverter() {
            super(PrepareOptions.OnInvalid::parse);
        }
    }
}
