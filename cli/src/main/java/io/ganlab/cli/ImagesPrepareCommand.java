package io.ganlab.cli;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.common.ConfigTree;
import io.ganlab.imagegan.data.ImageManifest;
import io.ganlab.imagegan.data.ImagePrepareOptions;
import io.ganlab.imagegan.data.ImagePreparer;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan images prepare}. */
@Command(name = "prepare", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Turn image files into an image dataset for the image GANs.",
        description = {
            "Reads in place, detected automatically: CIFAR-10 binary or Python (cifar-10-binary.tar.gz,"
                + " cifar-10-python.tar.gz without extracting them, or their cifar-10-batches-bin/-py directories),"
                + " MNIST and Fashion-MNIST IDX files (gzipped or not, or their directory), LSUN LMDB databases"
                + " (bedroom_train_lmdb/ or its zip), and folders of PNG/JPEG images (sub-folders are classes).",
            "",
            "Output: DIR/train.u8 and DIR/valid.u8 (N x C x H x W bytes, memory-mappable), DIR/train-labels.u8 and"
                + " DIR/valid-labels.u8, DIR/manifest.json. The dataset appears only when complete; an existing one"
                + " is replaced only with --force.",
            ""})
final class ImagesPrepareCommand implements Callable<Integer> {
    @Option(names = {"-i", "--input"}, arity = "1..*", paramLabel = "PATH",
            description = "Input files or directories.")
    List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "DIR", description = "Dataset directory to create.")
    Path output;

    @Option(names = "--size", paramLabel = "N",
            description = "Side of the square output images: centre crop, then area resize. Default: the source's"
                    + " size for CIFAR-10 and IDX; required for folders and LSUN.")
    Integer size;

    @Option(names = "--channels", paramLabel = "1|3",
            description = "1 (gray; RGB by ITU-R BT.601 luma) or 3 (RGB; gray replicated). Default: the source's.")
    Integer channels;

    @Option(names = "--valid", paramLabel = "N", defaultValue = "0",
            description = "Images set aside at random for the validation split (folders and LSUN; default:"
                    + " ${DEFAULT-VALUE}).")
    long valid;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of the --valid choice (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--skip-bad", description = "Skip and count corrupt images instead of stopping at the first.")
    boolean skipBad;

    @Option(names = "--label-names", paramLabel = "NAME[,NAME...]", split = ",",
            description = "Class names by label value, instead of the source's.")
    List<String> labelNames;

    @Option(names = "--config", paramLabel = "FILE",
            description = "YAML or JSON file with any of these options by long name (input: [...], size: 64, ...);"
                    + " options on the command line win; relative paths are relative to the file.")
    Path config;

    @Option(names = "--force", description = "Replace an existing image dataset at --output.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The config file: the same options by long name. */
    record Config(List<String> input, String output, Integer size, Integer channels, Long valid, Long seed,
                  @JsonProperty("skip-bad") Boolean skipBad, @JsonProperty("label-names") List<String> labelNames,
                  Boolean force) {}

    /** The keys of {@link Config}: its components, by their JSON names. */
    private static final Set<String> CONFIG_KEYS = Arrays.stream(Config.class.getRecordComponents())
            .map(c -> c.getAccessor().isAnnotationPresent(JsonProperty.class)
                    ? c.getAccessor().getAnnotation(JsonProperty.class).value() : c.getName())
            .collect(Collectors.toUnmodifiableSet());

    @Override
    public Integer call() {
        ImagePrepareOptions o = options();
        Progress progress = new Progress(quiet, System.err);
        ImageManifest m;
        try {
            m = ImagePreparer.prepare(o, progress);
        } catch (ImagePrepareOptions.Conflict e) {
            throw new UsageException(e.getMessage());
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary(o.output(), m, progress.seconds()));
        out.flush();
        return 0;
    }

    static String summary(Path dir, ImageManifest m, double secs) {
        ImageManifest.Counts c = m.counts();
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("dataset   %s%n", dir));
        sb.append(String.format("shape     %dx%dx%d %s (%s)%n", m.shape().channels(), m.shape().height(),
                m.shape().width(), m.shape().dtype(), m.shape().layout()));
        sb.append(String.format("images    %,d train + %,d valid%s%n", m.train().images(), m.valid().images(),
                m.labels() == null ? ", no labels" : ", " + m.labels().names().size() + " classes"));
        sb.append(String.format("read      %,d images from %d sources in %.1f s (%,.0f images/s)%n", c.imagesRead(),
                m.sources().size(), secs, c.imagesRead() / Math.max(secs, 1e-9)));
        sb.append(String.format("skipped   %,d corrupt images, %,d files that are not images%n", c.corruptSkipped(),
                c.otherFilesSkipped()));
        sb.append(String.format("checksum  %s", m.checksum()));
        return sb.toString();
    }

    /** Options from the command line, falling back to the config file, then to the defaults. */
    ImagePrepareOptions options() {
        ObjectNode tree = JsonNodeFactory.instance.objectNode();
        if (config != null) {
            tree = ConfigTree.file(config);
            ConfigTree.resolvePaths(tree, config, "input", "output");
        }
        ConfigTree.merge(tree, ConfigFlags.given(spec, ImagesPrepareCommand::key));
        Config cfg = ConfigTree.bind(tree, Config.class);
        ConfigFlags.requireInputAndOutput(tree);
        ImagePrepareOptions o = new ImagePrepareOptions(cfg.input().stream().map(Path::of).toList(),
                Path.of(cfg.output()), cfg.size(), cfg.channels(),
                cfg.valid() != null ? cfg.valid() : valid,
                cfg.seed() != null ? cfg.seed() : seed,
                Boolean.TRUE.equals(cfg.skipBad()), cfg.labelNames(), Boolean.TRUE.equals(cfg.force()));
        try {
            o.validate();
        } catch (ImagePrepareOptions.Conflict e) {
            throw new UsageException(e.getMessage());
        }
        return o;
    }

    /** The config key of an option: its long name, if {@link Config} has it ({@code --quiet} is none). */
    private static String key(CommandLine.Model.OptionSpec option) {
        String name = ConfigFlags.longName(option);
        return CONFIG_KEYS.contains(name) ? name : null;
    }

    /** Images read on stderr: a line every five seconds and each remark, nothing when quiet. */
    static final class Progress implements ImagePreparer.Progress {
        private final boolean quiet;
        private final PrintStream err;
        private long total = -1;
        private long done;
        private long start = System.nanoTime();
        private long lastLine = start;

        Progress(boolean quiet, PrintStream err) {
            this.quiet = quiet;
            this.err = err;
        }

        @Override
        public void start(long images) {
            total = images;
            start = System.nanoTime();
            lastLine = start;
        }

        @Override
        public void advance(long images) {
            done += images;
            long now = System.nanoTime();
            if (!quiet && now - lastLine > 5_000_000_000L) {
                lastLine = now;
                double secs = (now - start) / 1e9;
                err.printf("prepare: %,d%s images, %,.0f images/s%n", done,
                        total > 0 ? String.format(" of %,d", total) : "", done / secs);
            }
        }

        @Override
        public void note(String line) {
            if (!quiet) {
                err.println("prepare: " + line);
            }
        }

        double seconds() {
            return (System.nanoTime() - start) / 1e9;
        }
    }
}
