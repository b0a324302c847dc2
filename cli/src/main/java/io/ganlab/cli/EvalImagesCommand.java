package io.ganlab.cli;

import io.ganlab.common.Json;
import io.ganlab.eval.image.FeatureExtractor;
import io.ganlab.eval.image.InceptionScore;
import io.ganlab.eval.image.KernelDistance;
import io.ganlab.imagegan.classifier.ClassifierException;
import io.ganlab.imagegan.classifier.ClassifierFeatures;
import io.ganlab.imagegan.classifier.ClassifierScores;
import io.ganlab.imagegan.classifier.ReferenceFeatures;
import io.ganlab.imagegan.data.DataSplit;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.features.InceptionFeatures;
import io.ganlab.imagegan.features.ModelInput;
import io.ganlab.imagegan.features.ResizeFilter;
import io.ganlab.imagegan.features.TorchScriptFeatures;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan eval images}: inception score (or classifier score), FID and KID of images against a dataset's train split. */
@Command(name = "images", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Score images by inception/classifier score, FID and KID against a dataset's train split.",
        description = {
            "Samples come from a run's newest checkpoint, a folder of PNG/JPEG images, or a prepared image dataset"
                    + " (its --samples-split), at most --count of them. The reference is the dataset's whole train"
                    + " split; its features are computed once per (dataset checksum, extractor SHA-256, tool"
                    + " version) and cached in DIR/features/.",
            "Feature extractors (--features):",
            "  classifier:FILE  the domain classifier made by 'gan eval classifier train': 'classifier score' (the"
                    + " inception-score formula on its softmax) and 'classifier FID/KID' (on its penultimate"
                    + " features), comparable only between runs scored with the same classifier file and sample"
                    + " count, never with Inception numbers.",
            "  inception[:FILE] Inception v3 of the 2015-12-05 TensorFlow graph as NVIDIA's TorchScript file "
                    + InceptionFeatures.FILE_NAME + " (FILE, or $" + InceptionFeatures.ENV + "): the inception"
                    + " score (1008 classes, no output bias), FID and KID (2048 pool features) as StyleGAN2-ADA and"
                    + " clean-fid compute them. Nothing is downloaded: get it from " + InceptionFeatures.URL
                    + "; its SHA-256 must be " + InceptionFeatures.SHA256 + ". Images go in at their own size (the"
                    + " network resizes to 299x299 itself); grey images are replicated to RGB.",
            "  torchscript:FILE any TorchScript model: forward(x) takes float32 (N, C, H, W) as --input, --resize"
                    + " and --input-range declare, and returns what --output declares: logits (N, K), features"
                    + " (N, d), or a tuple (logits, features). Its 'model score' (the formula on its softmax) and"
                    + " 'model FID/KID' are comparable only between runs scored with the same file and options.",
            "--floor adds the scores of as many real images of the dataset's valid split: what real data gets at"
                    + " this sample count."})
final class EvalImagesCommand implements Callable<Integer> {
    /** The metrics this command computes. */
    enum Metric { IS, FID, KID }

    @Option(names = "--dataset", required = true, paramLabel = "DIR", description = "Prepared image dataset: the reference.")
    Path dataset;

    @Option(names = "--samples", required = true, paramLabel = "RUN|DIR|FILE",
            description = "A run directory, a folder of images, or a prepared image dataset (its directory or manifest.json).")
    Path samples;

    @Option(names = "--metrics", paramLabel = "LIST", split = ",", defaultValue = "is,fid,kid",
            converter = MetricConverter.class,
            description = "Metrics, comma-separated: is (the inception-score formula: inception, classifier or model"
                    + " score), fid, kid (default: ${DEFAULT-VALUE}).")
    List<Metric> metrics;

    @Option(names = "--features", required = true, paramLabel = "KIND[:FILE]",
            description = "classifier:FILE, inception[:FILE] or torchscript:FILE (see above).")
    String features;

    @Option(names = "--input", paramLabel = "CxHxW",
            description = "torchscript: the input the model takes, channels (1 or 3) x height x width, e.g. 3x224x224.")
    String input;

    @Option(names = "--input-range", paramLabel = "LO,HI",
            description = "torchscript: pixel value 0 becomes LO and 255 becomes HI, e.g. 0,255 or 0,1 (default: -1,1).")
    String inputRange;

    @Option(names = "--resize", paramLabel = "FILTER",
            description = "torchscript: filter for images of another size than --input: bilinear (PyTorch's, no"
                    + " antialiasing) or area (default: bilinear).")
    String resize;

    @Option(names = "--output", paramLabel = "WHAT",
            description = "torchscript: what forward returns: logits, features, or logits,features (a tuple).")
    String output;

    @Option(names = "--count", paramLabel = "N", defaultValue = "10000",
            description = "Samples to score: drawn from a run, or the first N of a folder or split (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--samples-split", paramLabel = "train|valid", defaultValue = "valid",
            description = "Split of a dataset given as --samples (default: ${DEFAULT-VALUE}).")
    String samplesSplit;

    @Option(names = "--floor", description = "Also score as many images of the dataset's valid split (the real-data floor).")
    boolean floor;

    @Option(names = "--splits", paramLabel = "K", defaultValue = "" + InceptionScore.DEFAULT_SPLITS,
            description = "Parts of the score's mean and std (default: ${DEFAULT-VALUE}).")
    int splits;

    @Option(names = "--kid-subsets", paramLabel = "S", defaultValue = "" + KernelDistance.DEFAULT_SUBSETS,
            description = "KID subsets of min(1000, samples) vectors (default: ${DEFAULT-VALUE}).")
    int kidSubsets;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1",
            description = "Seed of the noise when sampling a run (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", paramLabel = "OUT", description = "Also write the scores as JSON to OUT.")
    Path json;

    @Option(names = "--force", description = "Replace an existing --json file.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** Images decoded from a folder or drawn from a run, handed to the extractor this many at a time. */

    static final class MetricConverter implements CommandLine.ITypeConverter<Metric> {
        @Override
        public Metric convert(String value) {
            try {
                return Metric.valueOf(value.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException("unknown metric '" + value + "'; choose from is, fid, kid");
            }
        }
    }

    @Override
    public Integer call() throws IOException {
        EnumSet<Metric> which = EnumSet.copyOf(metrics);
        if (count < 2 || count > 1_000_000) {
            throw new UsageException("--count must lie in 2..1000000, got " + count);
        }
        if (splits < 1 || splits > count) {
            throw new UsageException("--splits must lie in 1..--count, got " + splits);
        }
        if (kidSubsets < 1 || kidSubsets > 10_000) {
            throw new UsageException("--kid-subsets must lie in 1..10000, got " + kidSubsets);
        }
        DataSplit split = switch (samplesSplit) {
            case "train" -> DataSplit.TRAIN;
            case "valid" -> DataSplit.VALID;
            default -> throw new UsageException("--samples-split must be train or valid, got '" + samplesSplit + "'");
        };
        if (json != null && Files.isDirectory(json)) {
            throw new UsageException(json + ": is a directory; --json takes a file name");
        }
        if (json != null && Files.exists(json) && !force) {
            throw new ClassifierException(json + ": already exists; use --force to replace it");
        }
        PrintWriter err = spec.commandLine().getErr();
        java.util.function.Consumer<String> log = line -> {
            err.println("gan eval images: " + line);
            err.flush();
        };
        Kind kind = parseKind(which);
        ImageDataset ds = ImageDataset.open(dataset);
        long start = System.nanoTime();
        try (Extractor extractor = open(kind)) {
            FeatureExtractor ex = extractor.features();
            if (which.contains(Metric.IS) && ex.classes() < 1) {
                throw new UsageException("--metrics is needs class logits, but the model gives only features"
                        + " (--output features); use --metrics fid,kid");
            }
            if ((which.contains(Metric.FID) || which.contains(Metric.KID)) && ex.featureDimension() < 1) {
                throw new UsageException("--metrics fid and kid need features, but the model gives only logits"
                        + " (--output logits); use --metrics is");
            }
            if (ex instanceof ClassifierFeatures c && !c.info().datasetChecksum().equals(ds.manifest().checksum())) {
                log.accept("note: the classifier was trained on another dataset (" + c.info().datasetPath() + ")");
            }
            SampleFeatures s = SampleFeatures.of(samples, split, count, seed, ex, log);
            log.accept(String.format(Locale.ROOT, "%d samples (%s): features in %.1f s (%.1f images/s)",
                    s.features().count(), s.description(), s.features().seconds(), s.features().count() / s.features().seconds()));
            ReferenceFeatures.Reference ref = which.contains(Metric.FID) || which.contains(Metric.KID)
                    ? ReferenceFeatures.train(ds, ex, log) : null;
            Map<String, Object> scores = score(extractor.names(), which, s.features(), ref);
            Map<String, Object> floorScores = null;
            long floorCount = 0;
            if (floor) {
                ReferenceFeatures.Features real = ReferenceFeatures.extract(ds, DataSplit.VALID, s.features().count(), ex);
                floorCount = real.count();
                if (floorCount < 2) {
                    throw new ClassifierException(dataset + ": the valid split has " + floorCount
                            + " images; --floor needs at least 2");
                }
                if (floorCount < s.features().count()) {
                    log.accept("note: the floor uses all " + floorCount + " valid images, fewer than the "
                            + s.features().count() + " samples: compare with care");
                }
                floorScores = score(extractor.names(), which, real, ref);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("dataset", ds.dir().toString());
            report.put("dataset_checksum", ds.manifest().checksum());
            report.put("samples", s.description());
            report.put("sample_count", s.features().count());
            report.put("reference_count", ref == null ? 0 : ref.statistics().samples());
            report.put("extractor", ex.id());
            report.put("extractor_file", extractor.file().toString());
            report.put("extractor_sha256", extractor.sha256());
            if (ex instanceof ClassifierFeatures c) {
                report.put("classifier_file", extractor.file().toString());
                report.put("classifier_sha256", c.sha256());
                report.put("classifier_held_out_accuracy", c.info().heldOutAccuracy());
            }
            report.put("scores", scores);
            if (floorScores != null) {
                report.put("floor_count", floorCount);
                report.put("floor", floorScores);
            }
            report.put("seconds", (System.nanoTime() - start) / 1e9);
            print(spec.commandLine().getOut(), report, which, extractor);
            if (json != null) {
                EvalJsdCommand.writeAtomically(json, Json.PRETTY.writeValueAsString(report), force);
            }
        }
        return 0;
    }

    /** The kinds of --features. */
    enum Kind { CLASSIFIER, INCEPTION, TORCHSCRIPT }

    /**
     * An open extractor and what the command says about it.
     *
     * @param header      the first line of the output, naming the extractor
     * @param comparable  the last line: what its scores can be compared with
     */
    record Extractor(FeatureExtractor features, ClassifierScores.Names names, Path file, String sha256,
                     String header, String comparable) implements AutoCloseable {
        @Override
        public void close() {
            features.close();
        }
    }

    /** The FILE of --features KIND:FILE, or null. */
    private String fileOf() {
        int colon = features.indexOf(':');
        return colon < 0 ? null : features.substring(colon + 1);
    }

    /** The kind of --features, with its options checked (usage errors). */
    private Kind parseKind(EnumSet<Metric> which) {
        int colon = features.indexOf(':');
        String name = colon < 0 ? features : features.substring(0, colon);
        Kind kind = switch (name) {
            case "classifier" -> Kind.CLASSIFIER;
            case "inception" -> Kind.INCEPTION;
            case "torchscript" -> Kind.TORCHSCRIPT;
            default -> throw new UsageException("--features kind '" + name + "': choose classifier, inception or"
                    + " torchscript");
        };
        if (kind != Kind.INCEPTION && (colon < 1 || colon == features.length() - 1)) {
            throw new UsageException("--features " + name + " needs a file: " + name + ":FILE, got '" + features + "'");
        }
        if (kind != Kind.TORCHSCRIPT && (input != null || inputRange != null || resize != null || output != null)) {
            throw new UsageException("--input, --input-range, --resize and --output declare a torchscript: model;"
                    + " the " + name + " extractor takes none of them");
        }
        if (kind == Kind.TORCHSCRIPT && (input == null || output == null)) {
            throw new UsageException("--features torchscript: needs --input CxHxW and --output"
                    + " logits|features|logits,features");
        }
        return kind;
    }

    /** Opens the extractor of --features (files checked; bad files are one line, exit 1). */
    private Extractor open(Kind kind) {
        String f = fileOf();
        switch (kind) {
            case CLASSIFIER -> {
                ClassifierFeatures c = ClassifierFeatures.open(Path.of(f));
                return new Extractor(c, ClassifierScores.Names.CLASSIFIER, Path.of(f), c.sha256(),
                        String.format(Locale.ROOT, "features: classifier %s (%d classes, %d features, held-out"
                                + " accuracy %.2f%%)", c.sha256().substring(0, 16), c.classes(), c.featureDimension(),
                                100 * c.info().heldOutAccuracy()),
                        "scores of this classifier are comparable only with scores of the same classifier file at"
                                + " the same sample count");
            }
            case INCEPTION -> {
                Path file = InceptionFeatures.resolve(f, System.getenv());
                InceptionFeatures i = InceptionFeatures.open(file);
                return new Extractor(i, ClassifierScores.Names.INCEPTION, file, i.sha256(),
                        "features: Inception v3 2015-12-05 (" + file + ", sha256 " + i.sha256().substring(0, 16)
                                + ", 1008 classes, 2048 pool features)",
                        "inception score, FID and KID of the 2015-12-05 network: comparable with other tools' numbers"
                                + " only at the same sample counts, splits and reference images");
            }
            default -> {
                TorchScriptFeatures t = TorchScriptFeatures.open(Path.of(f), torchScriptSpec());
                return new Extractor(t, ClassifierScores.Names.MODEL, Path.of(f), t.sha256(),
                        String.format(Locale.ROOT, "features: TorchScript model %s (sha256 %s, input %s, %d classes,"
                                + " %d features)", f, t.sha256().substring(0, 16), t.spec().input().describe(),
                                t.classes(), t.featureDimension()),
                        "scores of this model are comparable only with scores of the same model file and options at"
                                + " the same sample count");
            }
        }
    }

    /** --input, --input-range, --resize and --output as a spec (usage errors for malformed values). */
    TorchScriptFeatures.Spec torchScriptSpec() {
        String[] dims = input.toLowerCase(Locale.ROOT).split("x");
        String[] range = (inputRange == null ? "-1,1" : inputRange).split(",");
        try {
            if (dims.length != 3 || range.length != 2) {
                throw new IllegalArgumentException("--input must be CxHxW and --input-range LO,HI");
            }
            ModelInput in = new ModelInput(Integer.parseInt(dims[0].trim()), Integer.parseInt(dims[1].trim()),
                    Integer.parseInt(dims[2].trim()), ResizeFilter.of(resize == null ? "bilinear" : resize.trim()),
                    false, Double.parseDouble(range[0].trim()), Double.parseDouble(range[1].trim()));
            return new TorchScriptFeatures.Spec(in, TorchScriptFeatures.Output.of(output.trim()));
        } catch (IllegalArgumentException e) {       // NumberFormatException included
            throw new UsageException("torchscript options --input " + input + " --input-range "
                    + (inputRange == null ? "-1,1" : inputRange) + " --output " + output + ": " + e.getMessage());
        }
    }

    /** Scores of one set of features: metric key -> value, and the metrics' notes. */
    private Map<String, Object> score(ClassifierScores.Names names, EnumSet<Metric> which,
                                      ReferenceFeatures.Features f, ReferenceFeatures.Reference ref) {
        List<String> notes = ClassifierScores.notes();
        EnumSet<ClassifierScores.Metric> metrics = EnumSet.noneOf(ClassifierScores.Metric.class);
        which.forEach(w -> metrics.add(ClassifierScores.Metric.valueOf(w.name())));
        Map<String, Object> m = ClassifierScores.score(names, metrics, f, ref, splits, kidSubsets, notes);
        m.put("notes", notes);
        return m;
    }

    @SuppressWarnings("unchecked")
    private static void print(PrintWriter out, Map<String, Object> r, EnumSet<Metric> which, Extractor ex) {
        Map<String, Object> s = (Map<String, Object>) r.get("scores");
        Map<String, Object> f = (Map<String, Object>) r.get("floor");
        ClassifierScores.Names k = ex.names();
        out.println(ex.header());
        out.printf("samples: %s%n", r.get("samples"));
        if (which.contains(Metric.FID) || which.contains(Metric.KID)) {
            out.printf("reference: %s train images of %s%n", r.get("reference_count"), r.get("dataset"));
        }
        String floorHead = f == null ? "" : String.format(" %12s %12s %8s", "floor", "floor_std", "floor_n");
        out.printf("%-17s %12s %12s %8s %9s%s%n", "metric", "value", "std", "samples", "reference", floorHead);
        int n = (int) r.get("sample_count");
        Object refN = r.get("reference_count");
        if (which.contains(Metric.IS)) {
            row(out, k.scoreLabel(), s, f, k.score(), k.score() + "_std", n, "-", r.get("floor_count"));
        }
        if (which.contains(Metric.FID)) {
            row(out, k.fidLabel(), s, f, k.fid(), null, n, refN, r.get("floor_count"));
        }
        if (which.contains(Metric.KID)) {
            row(out, k.kidLabel(), s, f, k.kid(), k.kid() + "_std", n, refN, r.get("floor_count"));
        }
        List<String> notes = new ArrayList<>((List<String>) s.get("notes"));
        if (f != null) {
            for (String note : (List<String>) f.get("notes")) {
                notes.add("floor: " + note);
            }
            out.printf("floor: the first %s images of the valid split scored the same way (real data at this count)%n",
                    r.get("floor_count"));
        }
        for (String note : notes) {
            out.println("note: " + note);
        }
        out.println(ex.comparable());
        out.flush();
    }

    private static void row(PrintWriter out, String name, Map<String, Object> s, Map<String, Object> f, String key,
                            String stdKey, int n, Object refN, Object floorN) {
        String floorCols = f == null ? "" : String.format(Locale.ROOT, " %12s %12s %8s", num(f.get(key)),
                stdKey == null ? "-" : num(f.get(stdKey)), floorN);
        out.printf(Locale.ROOT, "%-17s %12s %12s %8d %9s%s%n", name, num(s.get(key)),
                stdKey == null ? "-" : num(s.get(stdKey)), n, refN, floorCols);
    }

    private static String num(Object v) {
        double d = ((Number) v).doubleValue();
        return Math.abs(d) >= 1e-3 || d == 0 ? String.format(Locale.ROOT, "%.4f", d)
                : String.format(Locale.ROOT, "%.3e", d);
    }
}
