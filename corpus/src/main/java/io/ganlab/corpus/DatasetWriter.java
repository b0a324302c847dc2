package io.ganlab.corpus;

import io.ganlab.common.Json;
import io.ganlab.common.StagedOutput;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Writes a dataset directory so that it only ever appears complete.
 *
 * <p>Everything goes to a sibling directory {@code .NAME.partial-PID} first; {@link #commit} writes the
 * manifest last and renames the directory into place. Closing without commit deletes the partial
 * directory, and so does a JVM shutdown (Ctrl-C). An existing dataset is replaced only when {@code force}
 * is given, and then only after the new one is complete.
 */
public final class DatasetWriter implements AutoCloseable {
    static final String SCRATCH = "scratch";
    private final Path out;
    private final Path staging;
    private final boolean force;
    private final StagedOutput.Registration cleanup;
    private Vocabulary vocabulary;
    private int seqLen;
    private SplitWriter train;
    private SplitWriter valid;
    private boolean committed;

    private DatasetWriter(Path out, Path staging, boolean force) {
        this.out = out;
        this.staging = staging;
        this.force = force;
        this.cleanup = StagedOutput.removeOnExit(staging);
    }

    /**
     * Starts a dataset at {@code out}. Fails at once if {@code out} exists and {@code force} is false, so
     * that no work is done for nothing.
     */
    public static DatasetWriter create(Path out, boolean force) {
        Path abs = out.toAbsolutePath().normalize();
        if (Files.exists(abs) && !force) {
            throw new CorpusException(out + ": already exists; use --force to replace it");
        }
        if (Files.exists(abs) && !Files.isDirectory(abs)) {
            throw new CorpusException(out + ": exists and is not a directory; refusing to replace it");
        }
        if (Files.exists(abs) && !Files.exists(abs.resolve(Dataset.MANIFEST)) && !isEmptyDir(abs)) {
            throw new CorpusException(out + ": exists and is not a dataset; refusing to replace it even with --force");
        }
        Path parent = abs.getParent();
        try {
            Files.createDirectories(parent);
            Path staging = StagedOutput.stagingPath(abs);
            StagedOutput.deleteTree(staging);
            Files.createDirectory(staging);
            return new DatasetWriter(abs, staging, force);
        } catch (IOException e) {
            throw new CorpusException(out + ": cannot create (" + e.getMessage() + ")", e);
        }
    }

    private static boolean isEmptyDir(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A scratch directory inside the partial dataset: deleted at {@link #commit} before the dataset moves into
     * place (so no scratch file ever ends up in a dataset), and with the partial dataset on failure.
     */
    public Path scratch() {
        Path dir = staging.resolve(SCRATCH);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new CorpusException(dir + ": cannot create scratch directory (" + e.getMessage() + ")", e);
        }
        return dir;
    }

    /** Fixes the vocabulary and line length; must come before the first line. */
    public void begin(Vocabulary vocabulary, int seqLen) {
        if (seqLen < 1) {
            throw new IllegalArgumentException("seqLen must be >= 1, got " + seqLen);
        }
        this.vocabulary = vocabulary;
        this.seqLen = seqLen;
        this.train = new SplitWriter(staging.resolve(Dataset.TRAIN), seqLen);
        this.valid = new SplitWriter(staging.resolve(Dataset.VALID), seqLen);
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
            StagedOutput.deleteTree(staging.resolve(SCRATCH));
            Manifest.Split tr = train.finish(Dataset.TRAIN, vocabulary);
            Manifest.Split va = valid.finish(Dataset.VALID, vocabulary);
            byte[] vocabJson = Json.PRETTY.writeValueAsBytes(vocabulary);
            Files.write(staging.resolve(Dataset.VOCAB), vocabJson);
            MessageDigest md = sha256();
            md.update((tr.sha256() + "\n" + va.sha256() + "\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            md.update(vocabJson);
            md.update(("seqLen=" + seqLen).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String checksum = HexFormat.of().formatHex(md.digest());
            Manifest m = new Manifest(Manifest.FORMAT, io.ganlab.common.Provenance.version(), Instant.now().toString(), seqLen,
                    vocabulary.symbols(), vocabulary.size(), checksum, tr, va, sources, counts, options,
                    List.copyOf(warnings));
            // the manifest is written last: a directory without it is never taken for a dataset
            Path mf = staging.resolve(Dataset.MANIFEST);
            Json.PRETTY.writeValue(mf.toFile(), m);
            StagedOutput.moveIntoPlace(staging, out, force);
            committed = true;
            cleanup.close();
            return m;
        } catch (IOException e) {
            throw new CorpusException(out + ": cannot write dataset (" + e.getMessage() + ")", e);
        }
    }

    @Override
    public void close() {
        if (train != null) {
            train.closeQuietly();
            valid.closeQuietly();
        }
        if (!committed) {
            StagedOutput.deleteTreeQuietly(staging);
            cleanup.close();
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One split file being written, with its statistics. */
    private static final class SplitWriter {
        private final int seqLen;
        private final MessageDigest md = sha256();
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
            return new Manifest.Split(name, lines, HexFormat.of().formatHex(md.digest()), unk, truncated, lengths);
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
