package io.ganlab.corpus;

import io.ganlab.corpus.source.Benchmark;
import io.ganlab.corpus.source.InputFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns raw text into a dataset as the reference loader of the WGAN-GP language model does, in bounded memory,
 * in four stages:
 *
 * <ol>
 *   <li>read ({@link InputReader}, {@link ExampleReader}): lines in input order (prose: paragraphs split into
 *       sentences), optionally normalised, blank ones skipped, each cut to {@code seqLen} symbols, until the limits
 *       of the {@link ValidationPlan}; they wait in scratch files as provisional ids ({@link ScratchLines});</li>
 *   <li>split ({@link ValidationSplit}): the seeded shuffle and the validation split;</li>
 *   <li>vocabulary ({@link Vocabulary#mostFrequent}): unk, then the symbols of the training split by count;</li>
 *   <li>write ({@link BlockWriter}): both splits in shuffled order through {@link DatasetWriter}, manifest
 *       last.</li>
 * </ol>
 */
public final class Preparer {
    /** Progress callbacks (bytes of input files read) and remarks; the CLI draws a bar from them. */
    public interface Progress {
        Progress NONE = new Progress() {};

        default void start(long totalBytes) {}

        default void advance(long bytes) {}

        default void phase(String name) {}

        /** Something worth knowing that needs no action (what was decided for a file). */
        default void note(String message) {
            phase("note: " + message);
        }

        /** Something that may not be what the user wanted; also recorded in the manifest. */
        default void warning(String message) {
            phase("warning: " + message);
        }

        default void done() {}
    }

    private Preparer() {}

    /** Prepares a dataset; returns its manifest. Throws {@link CorpusException} for bad input. */
    public static Manifest prepare(PrepareOptions options, Progress progress) {
        options.validate();
        InputFiles.Found found = InputFiles.discover(options.inputs());
        List<String> warnings = new ArrayList<>();
        found.duplicates().forEach(d -> warn(progress, warnings, d + "; it is read once"));
        ValidationPlan plan = ValidationPlan.of(options, found);
        int seqLen = options.seqLen();
        try (DatasetWriter writer = DatasetWriter.create(options.output(), options.force());
             ScratchLines scratch = new ScratchLines(writer.scratch(), seqLen)) {
            InputReader reader = new InputReader(options, plan, scratch, progress);
            reader.readAll(found.files());
            checkRead(options, plan, scratch, reader, progress, warnings);
            scratch.seal();

            progress.phase("shuffling and encoding");
            ValidationSplit split = ValidationSplit.shuffle(scratch, plan, options.seed());
            reportSplit(plan, split, scratch, progress);

            Vocabulary vocabulary = Vocabulary.mostFrequent(options.symbols(), scratch.ids, options.vocabSize());

            progress.phase("writing " + (split.trainOrder().length + split.heldoutValid().length) + " lines");
            writer.begin(vocabulary, seqLen);
            int[] vocabularyIdOf = new int[scratch.ids.size()];
            for (int id = 0; id < vocabularyIdOf.length; id++) {
                vocabularyIdOf[id] = vocabulary.id(scratch.ids.code(id));
            }
            BlockWriter.write(scratch.heldout.file, split.heldoutValid(), split.heldoutValid().length, vocabularyIdOf,
                    seqLen, writer);
            BlockWriter.write(scratch.train.file, split.trainOrder(), split.validFromTrain(), vocabularyIdOf, seqLen,
                    writer);
            scratch.close(); // scratch files are deleted at commit
            return writer.commit(reader.sources, counts(reader, found, writer), manifestOptions(options, reader, plan,
                    split), warnings);
        }
    }

    private static void warn(Progress progress, List<String> warnings, String message) {
        progress.warning(message);
        warnings.add(message);
    }

    /** What reading must have found before the split. */
    private static void checkRead(PrepareOptions options, ValidationPlan plan, ScratchLines scratch,
                                  InputReader reader, Progress progress, List<String> warnings) {
        ExampleReader.Counts c = reader.counts();
        if (scratch.train.file.size() == 0) {
            throw new CorpusException("no text lines found in " + describe(options.inputs()) + " (" + c.blank
                    + " blank lines, " + c.emptyAfterNormalisation + " emptied by normalisation, " + c.invalidSkipped
                    + " invalid UTF-8 lines skipped)");
        }
        long held = scratch.heldout.kept();
        if (options.validSource() == PrepareOptions.ValidSource.HELDOUT && held == 0) {
            // an archive may lack the held-out members; never fall back silently when they were asked for
            throw new PrepareOptions.Conflict("--valid-source heldout, but no held-out lines were found in "
                    + describe(options.inputs()) + " (" + Benchmark.HELDOUT_DIR + " is missing or empty);"
                    + " use --valid-source split");
        }
        if (plan.fromHeldout() && held == 0 && plan.heldoutLimit() > 0) {
            warn(progress, warnings, "no held-out lines were found; the validation split is set aside from the "
                    + plan.trainLimit() + " training lines read (--valid-source split would read --valid more)");
        }
        if (plan.fromHeldout() && plan.requested() != null && held > 0 && held < plan.requested()) {
            warn(progress, warnings, "--valid " + plan.requested() + " asks for more held-out lines than the inputs"
                    + " hold: the validation split has " + held + " held-out lines");
        }
    }

    private static void reportSplit(ValidationPlan plan, ValidationSplit split, ScratchLines scratch,
                                    Progress progress) {
        if (plan.requested() == null) {
            progress.note(String.format(Locale.ROOT, "--valid not given: %,d validation lines (%s, at most %,d)",
                    split.validLines(), split.heldoutValid().length > 0 ? "held-out lines"
                            : String.format(Locale.ROOT, "about a tenth of the %,d lines read", scratch.train.kept()),
                    ValidationPlan.AUTO_MAX));
        }
    }

    private static String describe(List<Path> inputs) {
        return inputs.size() == 1 ? inputs.get(0).toString() : inputs.size() + " inputs";
    }

    private static Manifest.Counts counts(InputReader reader, InputFiles.Found found, DatasetWriter writer) {
        ExampleReader.Counts c = reader.counts();
        return new Manifest.Counts(c.linesRead, c.paragraphs, c.sentences, c.blank, c.emptyAfterNormalisation,
                c.invalidSkipped, c.longLines, found.emptySkipped(), found.otherSkipped() + reader.archivesSkipped,
                0, writer.trainLines(), writer.validLines(), found.duplicates().size(), found.linkedDirs());
    }

    private static Map<String, Object> manifestOptions(PrepareOptions o, InputReader reader, ValidationPlan plan,
                                                       ValidationSplit split) {
        Normalizer normalizer = reader.normalizer();
        return Manifest.orderedOptions(
                "inputs", o.inputs().stream().map(Path::toString).toList(),
                "seqLen", o.seqLen(), "maxExamples", o.maxExamples(), "vocabSize", o.vocabSize(), "seed", o.seed(),
                "valid", plan.requested() != null ? plan.requested() : split.validLines(),
                "validRequested", o.valid().json(),
                "validSource", o.validSource().id(),
                "validFrom", split.heldoutValid().length > 0 ? "heldout" : "split",
                "symbols", o.symbols().id(), "format", o.format().id(),
                "normalize", normalizer == null ? List.of() : normalizer.steps(),
                "maxLineBytes", o.maxLineBytes(),
                "invalidUtf8", o.invalidUtf8().id(),
                "keepBlank", o.keepBlank());
    }
}
