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
 * @param warnings   what the run warned about (e.g. fewer validation lines than asked for); absent when none
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
        Map<String, Object> options,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> warnings) {

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
     * @param lines    lines (or sentences) kept from it (an archive member read past the limit counts only those kept)
     * @param complete whether every line of it was read (false when the example limit stopped reading)
     * @param format   how its text was cut: {@code lines}, or prose with a paragraph per line or between blank
     *                 lines (absent for archives and their members, which are lines)
     * @param formatReason why: the option given, or what detection saw in its first 64 KiB
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Source(String path, String kind, String role, long bytes, String sha256, long lines,
                         boolean complete, String format, String formatReason) {}

    /**
     * What happened to the input lines.
     *
     * @param linesRead       input lines read from all inputs (for prose: physical lines)
     * @param paragraphs      prose paragraphs split into sentences (0 for line input)
     * @param sentences       sentences made from prose (0 for line input)
     * @param blankSkipped    empty or whitespace-only lines (or sentences), skipped
     * @param emptyAfterNormalisation lines the normalisation chain reduced to nothing, skipped
     * @param invalidUtf8Skipped lines that were not valid UTF-8, skipped (only with --invalid-utf8 skip)
     * @param longLines       lines longer than --max-line-bytes: only their first bytes are processed
     * @param emptyFilesSkipped empty files found inside input directories, skipped
     * @param otherFilesSkipped files in input directories that are not text by name, skipped
     * @param overflowSymbols always 0 now (earlier versions mapped the symbols first seen after 65,535 distinct
     *                        ones to unk and counted them here)
     * @param trainLines      lines in the training split
     * @param validLines      lines in the validation split
     * @param duplicateInputsSkipped files met again (named twice, inside two inputs, or through a link), read once
     * @param linkedDirsSkipped symbolic links to directories inside input directories, not followed
     */
    public record Counts(long linesRead, long paragraphs, long sentences, long blankSkipped,
                         long emptyAfterNormalisation, long invalidUtf8Skipped, long longLines,
                         long emptyFilesSkipped, long otherFilesSkipped, long overflowSymbols, long trainLines,
                         long validLines, long duplicateInputsSkipped, long linkedDirsSkipped) {

        /** Counts without duplicate inputs or linked directories, as earlier versions recorded them. */
        public Counts(long linesRead, long paragraphs, long sentences, long blankSkipped,
                      long emptyAfterNormalisation, long invalidUtf8Skipped, long longLines,
                      long emptyFilesSkipped, long otherFilesSkipped, long overflowSymbols, long trainLines,
                      long validLines) {
            this(linesRead, paragraphs, sentences, blankSkipped, emptyAfterNormalisation, invalidUtf8Skipped,
                    longLines, emptyFilesSkipped, otherFilesSkipped, overflowSymbols, trainLines, validLines, 0, 0);
        }
    }

    /** Options echoed in the manifest, as a plain map (stable key order). */
    public static Map<String, Object> orderedOptions(Object... keyValues) {
        Map<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }
}
