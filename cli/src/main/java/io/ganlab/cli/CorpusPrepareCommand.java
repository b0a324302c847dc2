package io.ganlab.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.ganlab.corpus.CorpusException;
import io.ganlab.corpus.Manifest;
import io.ganlab.corpus.Normalizer;
import io.ganlab.corpus.PrepareOptions;
import io.ganlab.corpus.Preparer;
import io.ganlab.corpus.Symbols;
import io.ganlab.corpus.TextFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan corpus prepare}. */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
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

    @Option(names = "--seq-len", paramLabel = "N", defaultValue = "32",
            description = "Symbols per line (default: ${DEFAULT-VALUE}, as in the paper).")
    int seqLen;

    @Option(names = "--max-examples", paramLabel = "N", defaultValue = "10000000",
            description = "Training lines to keep, in reading order (default: ${DEFAULT-VALUE}).")
    long maxExamples;

    @Option(names = "--vocab-size", paramLabel = "N", defaultValue = "2048",
            description = "Vocabulary size including unk (default: ${DEFAULT-VALUE}).")
    int vocabSize;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1", description = "Shuffle seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--valid", paramLabel = "N", defaultValue = "10000",
            description = "Lines in the held-out validation split (default: ${DEFAULT-VALUE}).")
    long valid;

    @Option(names = "--valid-source", paramLabel = "SOURCE", defaultValue = "auto",
            converter = ValidSourceConverter.class,
            description = "Where validation lines come from: auto (the benchmark's heldout folder if present, else a"
                    + " split of the shuffled lines), heldout, split (default: ${DEFAULT-VALUE}).")
    PrepareOptions.ValidSource validSource;

    @Option(names = "--symbols", paramLabel = "MODE", defaultValue = "codepoint", converter = SymbolsConverter.class,
            description = "codepoint: Unicode code points; byte: UTF-8 bytes, exactly like the original Python 2"
                    + " loader (default: ${DEFAULT-VALUE}).")
    Symbols symbols;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto", converter = FormatConverter.class,
            description = "lines: one example per line; prose: paragraphs split into sentences; auto: detect per"
                    + " file (default: ${DEFAULT-VALUE}).")
    TextFormat format;

    @Option(names = "--normalize", paramLabel = "STEP[,STEP...]", split = ",",
            description = "Normalisation chain of Lucene components, in order: html-strip, nfkc, nfc, ascii-punct,"
                    + " collapse-space, lowercase, ascii-fold; 'ascii' = nfkc,ascii-punct,ascii-fold. Default: none.")
    List<String> normalize;

    @Option(names = "--max-line-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "Bytes of a line processed; longer lines are counted and truncated (default: ${DEFAULT-VALUE}).")
    int maxLineBytes;

    @Option(names = "--invalid-utf8", paramLabel = "ACTION", defaultValue = "error", converter = OnInvalidConverter.class,
            description = "error: stop at the first invalid line; skip: skip and count such lines (default: ${DEFAULT-VALUE}).")
    PrepareOptions.OnInvalid invalidUtf8;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON file with any of these options by long name (seq-len: 32, normalize: [ascii],"
                    + " ...); options on the command line win.")
    Path config;

    @Option(names = "--force", description = "Replace an existing dataset at --output.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrepareOptions o = options();
        PrintWriter out = spec.commandLine().getOut();
        ByteProgress progress = new ByteProgress("prepare", quiet, System.err);
        Manifest m = Preparer.prepare(o, progress);
        double secs = progress.seconds();
        out.println(summary(o.output(), m, secs, progress.bytesRead()));
        out.flush();
        return 0;
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
        sb.append(String.format("truncated %,d of %,d training lines were longer than %d%n", m.train().truncatedLines(),
                m.train().lines(), m.seqLen()));
        sb.append(String.format("checksum  %s", m.checksum()));
        return sb.toString();
    }

    /** Options from the command line, falling back to the config file, then to the defaults. */
    PrepareOptions options() {
        CommandLine.ParseResult pr = spec.commandLine().getParseResult();
        Config cfg = config == null ? new Config() : Config.read(config);
        List<Path> in = pick(pr, "--input", inputs, cfg.input == null ? null : cfg.input.stream().map(Path::of).toList());
        Path outDir = pick(pr, "--output", output, cfg.output == null ? null : Path.of(cfg.output));
        if (in == null || in.isEmpty()) {
            throw new UsageException("missing --input PATH...");
        }
        if (outDir == null) {
            throw new UsageException("missing --output DIR");
        }
        List<String> norm = pick(pr, "--normalize", normalize, cfg.normalize);
        PrepareOptions o = new PrepareOptions(in, outDir,
                pick(pr, "--seq-len", seqLen, cfg.seqLen),
                pick(pr, "--max-examples", maxExamples, cfg.maxExamples),
                pick(pr, "--vocab-size", vocabSize, cfg.vocabSize),
                pick(pr, "--seed", seed, cfg.seed),
                pick(pr, "--valid", valid, cfg.valid),
                pick(pr, "--valid-source", validSource, cfg.validSource == null ? null
                        : new ValidSourceConverter().convert(cfg.validSource)),
                pick(pr, "--symbols", symbols, cfg.symbols == null ? null : new SymbolsConverter().convert(cfg.symbols)),
                pick(pr, "--format", format, cfg.format == null ? null : new FormatConverter().convert(cfg.format)),
                norm == null ? List.of() : norm,
                pick(pr, "--max-line-bytes", maxLineBytes, cfg.maxLineBytes),
                pick(pr, "--invalid-utf8", invalidUtf8, cfg.invalidUtf8 == null ? null
                        : new OnInvalidConverter().convert(cfg.invalidUtf8)),
                force || Boolean.TRUE.equals(cfg.force));
        try {
            o.validate();
        } catch (CorpusException e) {
            throw new UsageException(e.getMessage()); // options that contradict each other
        }
        return o;
    }

    private static <T> T pick(CommandLine.ParseResult pr, String name, T cli, T fromConfig) {
        return pr.hasMatchedOption(name) || fromConfig == null ? cli : fromConfig;
    }

    /** The config file: the same options by long name. */
    static final class Config {
        public List<String> input;
        public String output;
        @JsonProperty("seq-len") public Integer seqLen;
        @JsonProperty("max-examples") public Long maxExamples;
        @JsonProperty("vocab-size") public Integer vocabSize;
        public Long seed;
        public Long valid;
        @JsonProperty("valid-source") public String validSource;
        public String symbols;
        public String format;
        public List<String> normalize;
        @JsonProperty("max-line-bytes") public Integer maxLineBytes;
        @JsonProperty("invalid-utf8") public String invalidUtf8;
        public Boolean force;

        static Config read(Path file) {
            if (!Files.isRegularFile(file)) {
                throw new CorpusException(file + ": no such config file");
            }
            ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                    .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
            try {
                Config c = mapper.readValue(file.toFile(), Config.class);
                if (c == null) {
                    throw new CorpusException(file + ": empty config file");
                }
                // relative paths in a config file are relative to the file
                Path base = file.toAbsolutePath().getParent();
                if (c.input != null) {
                    c.input = c.input.stream().map(p -> base.resolve(p).normalize().toString()).toList();
                }
                if (c.output != null) {
                    c.output = base.resolve(c.output).normalize().toString();
                }
                return c;
            } catch (com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
                throw new CorpusException(file + ": unknown option '" + e.getPropertyName() + "' (known: "
                        + String.join(", ", e.getKnownPropertyIds().stream().map(Object::toString).sorted().toList()) + ")");
            } catch (IOException e) {
                String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
                throw new CorpusException(file + ": invalid config (" + msg + ")", e);
            }
        }
    }

    static final class ValidSourceConverter implements CommandLine.ITypeConverter<PrepareOptions.ValidSource> {
        @Override
        public PrepareOptions.ValidSource convert(String s) {
            return enumOf(PrepareOptions.ValidSource.class, s, "--valid-source");
        }
    }

    static final class SymbolsConverter implements CommandLine.ITypeConverter<Symbols> {
        @Override
        public Symbols convert(String s) {
            return enumOf(Symbols.class, s, "--symbols");
        }
    }

    static final class FormatConverter implements CommandLine.ITypeConverter<TextFormat> {
        @Override
        public TextFormat convert(String s) {
            return enumOf(TextFormat.class, s, "--format");
        }
    }

    static final class OnInvalidConverter implements CommandLine.ITypeConverter<PrepareOptions.OnInvalid> {
        @Override
        public PrepareOptions.OnInvalid convert(String s) {
            return enumOf(PrepareOptions.OnInvalid.class, s, "--invalid-utf8");
        }
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String s, String option) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(s.trim())) {
                return e;
            }
        }
        throw new CommandLine.TypeConversionException("'" + s + "' is not one of "
                + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                .map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList()));
    }

    static String knownSteps() {
        return String.join(", ", Normalizer.STEPS.keySet());
    }
}
