package io.ganlab.corpus;

import static io.ganlab.common.UserException.firstLine;

import io.ganlab.common.DatasetKind;
import io.ganlab.common.Json;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * An encoded dataset directory: {@code manifest.json}, {@code vocab.json}, {@code train.bin},
 * {@code valid.bin}. Opening checks that everything is present and of the right size; it reads no lines.
 */
public final class Dataset {
    public static final String MANIFEST = "manifest.json";
    public static final String VOCAB = "vocab.json";
    public static final String TRAIN = "train.bin";
    public static final String VALID = "valid.bin";
    /** A text dataset: replaced with --force when it has a manifest; errors are {@link CorpusException}s. */
    public static final DatasetKind KIND = new DatasetKind("dataset", MANIFEST, Manifest.FORMAT,
            "gan corpus prepare", dir -> Files.exists(dir.resolve(MANIFEST)), CorpusException::new);

    private final Path dir;
    private final Manifest manifest;
    private final Vocabulary vocabulary;
    private final EncodedLines train;
    private final EncodedLines valid;

    private Dataset(Path dir, Manifest manifest, Vocabulary vocabulary, EncodedLines train, EncodedLines valid) {
        this.dir = dir;
        this.manifest = manifest;
        this.vocabulary = vocabulary;
        this.train = train;
        this.valid = valid;
    }

    /** Opens a dataset directory written by {@link Preparer}. */
    public static Dataset open(Path dir) {
        Manifest manifest = KIND.readManifest(dir, Manifest.class, Manifest::format);
        Path vf = dir.resolve(VOCAB);
        if (!Files.isRegularFile(vf)) {
            throw new CorpusException(dir + ": dataset has no vocabulary (" + VOCAB + " is missing)");
        }
        Vocabulary vocab;
        try {
            vocab = Json.PRETTY.readValue(vf.toFile(), Vocabulary.class);
        } catch (IOException e) {
            throw new CorpusException(vf + ": unreadable vocabulary (" + firstLine(e.getMessage()) + ")", e);
        }
        if (vocab.size() != manifest.vocabSize() || vocab.symbols() != manifest.symbols()) {
            throw new CorpusException(vf + ": vocabulary (" + vocab.size() + " " + vocab.symbols().id()
                    + ") does not match the manifest (" + manifest.vocabSize() + " " + manifest.symbols().id() + ")");
        }
        EncodedLines train = split(dir, manifest.train(), manifest.seqLen());
        EncodedLines valid = split(dir, manifest.valid(), manifest.seqLen());
        return new Dataset(dir, manifest, vocab, train, valid);
    }

    private static EncodedLines split(Path dir, Manifest.Split split, int seqLen) {
        if (split == null || split.lines() == 0) {
            return EncodedLines.empty(seqLen);
        }
        Path f = dir.resolve(split.file());
        EncodedLines.checkExists(f);
        return EncodedLines.map(f, split.lines(), seqLen);
    }

    public Path dir() {
        return dir;
    }

    public Manifest manifest() {
        return manifest;
    }

    public Vocabulary vocabulary() {
        return vocabulary;
    }

    public int seqLen() {
        return manifest.seqLen();
    }

    /** Training lines, in the shuffled order of the dataset. */
    public EncodedLines train() {
        return train;
    }

    /** Held-out validation lines (possibly none). */
    public EncodedLines valid() {
        return valid;
    }

    /**
     * Copies line {@code line} of {@code split} ({@link #train()} or {@link #valid()}) into {@code dst}, checking
     * its ids: one outside the vocabulary (a damaged file) is one line naming the file, the line and the id.
     */
    public void readLine(EncodedLines split, long line, short[] dst) {
        split.copy(line, dst);
        for (short s : dst) {
            int id = s & 0xFFFF;
            if (id >= vocabulary.size()) {
                String file = split == valid ? manifest.valid().file() : manifest.train().file();
                throw new CorpusException(dir.resolve(file) + ": line " + (line + 1) + " holds id " + id
                        + ", outside the vocabulary of " + vocabulary.size() + " ids; the dataset is damaged, prepare it"
                        + " again");
            }
        }
    }

    /** The dataset's identity: changes whenever its lines or vocabulary change. */
    public String checksum() {
        return manifest.checksum();
    }

    @Override
    public String toString() {
        return "Dataset(" + dir + ", " + train.size() + " train + " + valid.size() + " valid lines of "
                + seqLen() + ", " + vocabulary + ")";
    }
}
