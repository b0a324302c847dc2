package io.ganlab.corpus;

import io.ganlab.common.Json;
import io.ganlab.common.Provenance;
import io.ganlab.common.Sha256;
import io.ganlab.common.StagedDirectory;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes a dataset directory so that it only ever appears complete: a {@link StagedDirectory} of {@link Dataset#KIND},
 * whose manifest {@link #commit} writes last. Closing without commit deletes the partial directory, and so does a
 * JVM shutdown (Ctrl-C). An existing dataset is replaced only when {@code force} is given, and then only after
 * the new one is complete.
 */
public final class DatasetWriter implements AutoCloseable {
    private final StagedDirectory dir;
    private Vocabulary vocabulary;
    private int seqLen;
    private SplitWriter train;
    private SplitWriter valid;

    private DatasetWriter(StagedDirectory dir) {
        this.dir = dir;
    }

    /**
     * Starts a dataset at {@code out}. Fails at once if {@code out} exists and {@code force} is false, so
     * that no work is done for nothing.
     */
    public static DatasetWriter create(Path out, boolean force) {
        return new DatasetWriter(StagedDirectory.create(out, force, Dataset.KIND));
    }

    /**
     * A scratch directory inside the partial dataset: deleted at {@link #commit} before the dataset moves into
     * place (so no scratch file ever ends up in a dataset), and with the partial dataset on failure.
     */
    public Path scratch() {
        return dir.scratch();
    }

    /** Fixes the vocabulary and line length; must come before the first line. */
    public void begin(Vocabulary vocabulary, int seqLen) {
        if (seqLen < 1) {
            throw new IllegalArgumentException("seqLen must be >= 1, got " + seqLen);
        }
        this.vocabulary = vocabulary;
        this.seqLen = seqLen;
        this.train = new SplitWriter(dir.staging().resolve(Dataset.TRAIN), seqLen);
        this.valid = new SplitWriter(dir.staging().resolve(Dataset.VALID), seqLen);
    }

    /** Appends a training line of {@code seqLen} ids; {@code originalLength} is its length before truncation. */
    public void addTrain(short[] ids, int originalLength) {
        train.add(ids, originalLength);
    }

    /** Appends a validation line. */
    public void addValid(short[] ids, int originalLength) {
        valid.add(ids, originalLength);
    }

    public long trainLines() {
        return train.lines;
    }

    public long validLines() {
        return valid.lines;
    }

    /**
     * Writes vocabulary and manifest, then moves the dataset into place.
     *
     * @return the manifest written
     */
    public Manifest commit(List<Manifest.Source> sources, Manifest.Counts counts,
                           Map<String, Object> options) {
        return commit(sources, counts, options, List.of());
    }

    /** Like {@link #commit(List, Manifest.Counts, Map)}, recording the run's warnings in the manifest. */
    public Manifest commit(List<Manifest.Source> sources, Manifest.Counts counts,
                           Map<String, Object> options, List<String> warnings) {
        try {
            Manifest.Split tr = train.finish(Dataset.TRAIN, vocabulary);
            Manifest.Split va = valid.finish(Dataset.VALID, vocabulary);
            byte[] vocabJson = Json.PRETTY.writeValueAsBytes(vocabulary);
            Files.write(dir.staging().resolve(Dataset.VOCAB), vocabJson);
            MessageDigest md = Sha256.newDigest();
            md.update((tr.sha256() + "\n" + va.sha256() + "\n").getBytes(StandardCharsets.US_ASCII));
            md.update(vocabJson);
            md.update(("seqLen=" + seqLen).getBytes(StandardCharsets.US_ASCII));
            String checksum = Sha256.hex(md);
            Manifest m = new Manifest(Manifest.FORMAT, Provenance.version(), Instant.now().toString(), seqLen,
                    vocabulary.symbols(), vocabulary.size(), checksum, tr, va, sources, counts, options,
                    List.copyOf(warnings));
            dir.commit(m);
            return m;
        } catch (IOException e) {
            throw new CorpusException(dir.out() + ": cannot write dataset (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        if (train != null) {
            train.closeQuietly();
            valid.closeQuietly();
        }
        dir.close();
    }

    /** One split file being written, with its statistics. */
    private static final class SplitWriter {
        private final int seqLen;
        private final MessageDigest md = Sha256.newDigest();
        private final OutputStream os;
        private final byte[] buf;
        private final long[] shortLengths = new long[1 << 12]; // most lines: no boxing per line
        private final TreeMap<Integer, Long> lengths = new TreeMap<>();
        private long lines;
        private long truncated;
        private long unk;

        SplitWriter(Path file, int seqLen) {
            this.seqLen = seqLen;
            this.buf = new byte[seqLen * 2];
            try {
                this.os = new BufferedOutputStream(new DigestOutputStream(Files.newOutputStream(file), md), 1 << 20);
            } catch (IOException e) {
                throw new CorpusException(file + ": cannot write (" + e.getMessage() + ")", e);
            }
        }

        void add(short[] ids, int originalLength) {
            if (ids.length != seqLen) {
                throw new IllegalArgumentException("line of " + ids.length + " ids, expected " + seqLen);
            }
            for (int i = 0; i < seqLen; i++) {
                int v = ids[i];
                if (v == Vocabulary.UNK) {
                    unk++;
                }
                buf[2 * i] = (byte) v;
                buf[2 * i + 1] = (byte) (v >>> 8);
            }
            try {
                os.write(buf);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            lines++;
            if (originalLength > seqLen) {
                truncated++;
            }
            if (originalLength >= 0 && originalLength < shortLengths.length) {
                shortLengths[originalLength]++;
            } else {
                lengths.merge(originalLength, 1L, Long::sum);
            }
        }

        Manifest.Split finish(String name, Vocabulary vocab) throws IOException {
            os.close();
            for (int len = 0; len < shortLengths.length; len++) {
                if (shortLengths[len] > 0) {
                    lengths.put(len, shortLengths[len]);
                }
            }
            return new Manifest.Split(name, lines, Sha256.hex(md), unk, truncated, lengths);
        }

        void closeQuietly() {
            try {
                os.close();
            } catch (IOException e) {
                // nothing to save: the partial dataset is deleted
            }
        }
    }
}
