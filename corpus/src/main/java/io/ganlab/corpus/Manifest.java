package io.ganlab.corpus;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * What a dataset is and where it came from: written last by {@link Preparer}, as {@code manifest.json}.
 *
 * @param format     {@link #FORMAT}; datasets of another format are refused
 * @param toolVersion version of the tool that wrote it
 * @param createdAt  ISO-8601 instant
 * @param seqLen     symbols per line
 * @param symbols    code points or bytes
 * @param vocabSize  ids in use, including unk
 * @param checksum   SHA-256 over the checksums of the splits and the vocabulary: the dataset's identity
 * @param train      the training split, in shuffled order
 * @param valid      the held-out validation split (possibly empty)
 * @param sources    every input read, with its size and checksum
 * @param counts     what was read, kept and skipped
 * @param options    the effective options of the run
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
        String format,
        String toolVersion,
        String createdAt,
        int seqLen,
        Symbols symbols,
        int vocabSize,
        String checksum,
        Split train,
        Split valid,
        List<Source> sources,
        Counts counts,
        Map<String, Object> options) {

    public static final String FORMAT = "ganlab-dataset/1";

    /**
     * One split of encoded lines.
     *
     * @param file            file name inside the dataset directory
     * @param lines           number of lines
     * @param sha256          checksum of the file
     * @param unkSymbols      symbols (after truncation and padding) that mapped to unk
     * @param truncatedLines  lines longer than {@code seqLen} before truncation
     * @param lengthHistogram line length in symbols before truncation → number of lines
     */
    public record Split(String file, long lines, String sha256, long unkSymbols, long truncatedLines,
                        SortedMap<Integer, Long> lengthHistogram) {}

    /**
     * One input file (or archive member).
     *
     * @param path     path as found (an archive member as {@code archive!member})
     * @param kind     plain, gzip, tar.gz member
     * @param role     {@code train} or {@code heldout}
     * @param bytes    size of the file on disk (compressed size for .gz), or of the archive member
     * @param sha256   checksum of the whole file on disk; null for archive members (see the archive's entry)
     * @param lines    lines (or sentences) taken from it
     * @param complete whether every line of it was read (false when the example limit stopped reading)
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String path, String kind, String role, long bytes, String sha256, long lines,
                         boolean complete) {}

    /**
     * What happened to the input lines.
     *
     * @param linesRead       lines (or sentences, for prose) read from all inputs
     * @param blankSkipped    empty or whitespace-only lines, skipped
     * @param emptyAfterNormalisation lines that the normalisation chain reduced to nothing, skipped
     * @param longLines       lines longer than {@code maxLineBytes} bytes; still read, only their first
     *                        {@code seqLen} symbols matter
     * @param paragraphs      prose paragraphs split into sentences
     * @param trainLines      lines in the training split
     * @param validLines      lines in the validation split
     */
    public record Counts(long linesRead, long blankSkipped, long emptyAfterNormalisation, long longLines,
                         long paragraphs, long trainLines, long validLines) {}

    /** Options echoed in the manifest, as a plain map (stable key order). */
    public static Map<String, Object> orderedOptions(Object... keyValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
