package io.ganlab.corpus;

import io.ganlab.common.StagedOutput;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Generated lines saved as two files side by side: {@code NAME.ids}, the symbol ids themselves, and {@code NAME.txt},
 * the same lines as text for people.
 *
 * <ul>
 *   <li>{@code NAME.ids}: {@code count × seqLen} little-endian {@code uint16} ids, row-major, no header: the layout
 *       of a dataset's {@code train.bin}, read with that dataset's vocabulary and line length.</li>
 *   <li>{@code NAME.txt}: each line decoded by {@link Vocabulary#decode} with its trailing padding stripped, followed
 *       by {@code \n}, in UTF-8.</li>
 * </ul>
 *
 * <p>Why both: the text does not always encode back to the same ids. {@code unk} is written U+FFFD, which the
 * vocabulary does not hold (and which takes three symbols in byte mode), and in byte mode a byte sequence that is not
 * UTF-8 becomes U+FFFD too. Whoever re-scores saved lines reads the ids, after checking that the text beside them is
 * still exactly their decoding ({@link #matches}): an edited text file or another dataset's vocabulary then falls back
 * to the text instead of to stale ids.
 */
public final class SampleFiles {
    /** Extension of the text file. */
    public static final String TEXT_EXTENSION = "txt";
    /** Extension of the ids file. */
    public static final String IDS_EXTENSION = "ids";

    private SampleFiles() {}

    /** {@code NAME.ids} beside {@code NAME.txt}; for a name without {@code .txt}, the name with {@code .ids} added. */
    public static Path idsBeside(Path text) {
        String name = text.getFileName().toString();
        String suffix = "." + TEXT_EXTENSION;
        String base = name.endsWith(suffix) && name.length() > suffix.length()
                ? name.substring(0, name.length() - suffix.length()) : name;
        return text.resolveSibling(base + "." + IDS_EXTENSION);
    }

    /** True for a name ending in {@code .ids}. */
    public static boolean isIdsFile(Path file) {
        return file.getFileName().toString().endsWith("." + IDS_EXTENSION);
    }

    /**
     * Writes {@code idsBeside(text)} and then {@code text}, each whole or not at all ({@link StagedOutput}); existing
     * files are replaced (a resumed run rewrites the files of an evaluation it repeats).
     *
     * @param ids {@code count × seqLen} ids, row-major
     */
    public static void write(Path text, Vocabulary vocabulary, short[] ids, int seqLen) throws IOException {
        checkShape(ids.length, seqLen);
        ByteBuffer b = ByteBuffer.allocate(ids.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.asShortBuffer().put(ids);
        StagedOutput.writeFile(idsBeside(text), b.array());
        StagedOutput.writeFile(text, text(vocabulary, ids, seqLen));
    }

    /** The text file's content for these ids: each line decoded, padding stripped, {@code \n} after each, UTF-8. */
    public static byte[] text(Vocabulary vocabulary, short[] ids, int seqLen) {
        checkShape(ids.length, seqLen);
        ByteArrayOutputStream out = new ByteArrayOutputStream(ids.length + ids.length / seqLen);
        short[] line = new short[seqLen];
        for (int start = 0; start < ids.length; start += seqLen) {
            System.arraycopy(ids, start, line, 0, seqLen);
            out.writeBytes(vocabulary.decode(line, true).getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /**
     * Reads an ids file of lines of {@code seqLen} ids, each below {@code vocabSize}.
     *
     * @throws CorpusException when the file is missing, empty, not whole lines, or holds an id outside the vocabulary
     */
    public static short[] readIds(Path file, int seqLen, int vocabSize) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new CorpusException(file + ": no such file");
        } catch (IOException e) {
            throw new CorpusException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        long lineBytes = 2L * seqLen;
        if (bytes.length == 0 || bytes.length % lineBytes != 0) {
            throw new CorpusException(file + ": " + bytes.length + " bytes is not a whole number of lines of " + seqLen
                    + " uint16 ids (" + lineBytes + " bytes each); was it saved with this dataset's line length?");
        }
        short[] ids = new short[bytes.length / 2];
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(ids);
        for (int i = 0; i < ids.length; i++) {
            int id = ids[i] & 0xFFFF;
            if (id >= vocabSize) {
                throw new CorpusException(file + ": line " + (i / seqLen + 1) + ", position " + (i % seqLen + 1)
                        + ": id " + id + " is outside this dataset's vocabulary of " + vocabSize
                        + " (saved with another dataset?)");
            }
        }
        return ids;
    }

    /** True when {@code text} holds exactly {@link #text} of these ids under {@code vocabulary}. */
    public static boolean matches(Path text, Vocabulary vocabulary, short[] ids, int seqLen) throws IOException {
        return java.util.Arrays.equals(Files.readAllBytes(text), text(vocabulary, ids, seqLen));
    }

    private static void checkShape(int length, int seqLen) {
        if (seqLen < 1 || length % seqLen != 0) {
            throw new IllegalArgumentException(length + " ids are not whole lines of " + seqLen);
        }
    }
}
