package io.ganlab.corpus.source;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * gzip data as {@code gzip -t} sees it: every member of a multi-member file, and an error for anything after
 * the last member that is not another member (a damaged member header or trailing garbage). The JDK's
 * {@code GZIPInputStream} stops silently at a damaged later member, which lost lines without a word.
 */
public final class Gzip {
    private Gzip() {}

    /** The decompressed bytes of all members of {@code raw} (read in 64 KiB chunks). */
    public static InputStream members(InputStream raw) throws IOException {
        return GzipCompressorInputStream.builder().setInputStream(new BufferedInputStream(raw, 1 << 16))
                .setDecompressConcatenated(true).get();
    }

    /** Whether an exception of {@link #members} says the data is damaged (rather than cut short or unreadable). */
    public static boolean corrupt(IOException e) {
        String m = e.getMessage() == null ? "" : e.getMessage();
        return e instanceof java.util.zip.ZipException || e.getCause() instanceof java.util.zip.DataFormatException
                || m.contains("corrupt") || m.contains("not in the .gz format");
    }

    /** Whether an exception of {@link #members} is about data after the last member. */
    public static boolean trailingData(IOException e) {
        return e.getMessage() != null && e.getMessage().startsWith("Unexpected data after a valid .gz stream");
    }
}
