package io.ganlab.corpus;

import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Turns raw text into a dataset, exactly as the reference loader of the WGAN-GP language model does,
 * in bounded memory.
 *
 * <ol>
 *   <li>Read lines in input order (prose: paragraphs split into sentences), optionally normalised; skip
 *       blank ones; truncate each to {@code seqLen} symbols and pad with '`'. Stop after
 *       {@code maxExamples} training lines ({@code maxExamples + validLines} when the validation split comes
 *       from them) and {@code validLines} held-out lines. Benchmark shards, training and held-out, count in
 *       numeric shard order, also when an archive lists them otherwise. Lines wait in a scratch file as
 *       provisional ids.</li>
 *   <li>Shuffle: Fisher–Yates with {@code java.util.Random(seed)}, {@code for i = n-1 .. 1: swap(i,
 *       nextInt(i + 1))}, over the training lines; then over the held-out lines, continuing the same
 *       generator.</li>
 *   <li>Validation split: the first {@code validLines} of the shuffled held-out lines, or, without held-out
 *       input, the first {@code validLines} of the shuffled training lines (the rest stay training).</li>
 *   <li>Vocabulary: unk at id 0, then symbols of the training split (padding included) by descending count,
 *       ties by ascending code, up to {@code vocabSize} ids; others map to unk.</li>
 *   <li>Write both splits in shuffled order through {@link DatasetWriter}, manifest last.</li>
 * </ol>
 */
public final class Preparer {
    /** Progress callbacks (bytes of input files read); the CLI draws a bar from them. */
    public interface Progress {
        Progress NONE = new Progress() {};

        default void start(long totalBytes) {}

        default void advance(long bytes) {}

        default void phase(String name) {}

        default void done() {}
    }

    private static final Pattern SENTENCE_INSIDE = Pattern.compile("[.!?][\"')\\]]?\\s+[\"'(\\[]?[A-Z]");

    private final PrepareOptions o;
    private final Progress progress;
    private final Normalizer normalizer;
    private final SentenceSplitter splitter = new SentenceSplitter();
    private final int seqLen;

    // provisional symbol ids, in order of first appearance
    private final Int2IntOpenHashMap prov = new Int2IntOpenHashMap();
    private final IntArrayList provCode = new IntArrayList();
    private final int padProv;
    private static final int BMP = 1 << 16;
    private static final int MAX_PROV = 65535;
    private static final int OVERFLOW = 65535;
    private final int[] bmp = filled(BMP, -1); // fast path of prov for the Basic Multilingual Plane

    private RecordFile trainTmp;
    private RecordFile heldTmp;
    private long trainLimit;
    private long heldLimit;
    private final short[] record;
    private long[] counts = new long[256]; // training counts by provisional id (padding included)
    private long overflowSymbols;           // symbols beyond MAX_PROV distinct ones: always unk
    private final int[] cps;

    /**
     * The shards of one role (training or held-out) inside the archive being read, which may list them in any
     * order. Lines count as kept only along the contiguous run of shard numbers from the first one (1 for
     * training, 0 for held-out, as in the benchmark), plus the shard being read if it continues that run: a
     * shard not seen yet can only come later in numeric order, so reading may stop once the run holds enough.
     */
    private static final class ShardRun {
        final long startIndex;               // scratch records of this role before the archive
        final long keptBefore;               // of which kept
        final java.util.TreeMap<Integer, long[]> shards = new java.util.TreeMap<>(); // shard -> {start, count}
        final Map<Integer, Integer> sourceIndex = new java.util.HashMap<>(); // shard -> its entry in sources
        int prefixNext;                      // first shard number missing from the contiguous run
        long prefixLines;                    // lines of that run
        int currentShard = -1;
        long currentStart;

        ShardRun(long startIndex, long keptBefore, int firstShard) {
            this.startIndex = startIndex;
            this.keptBefore = keptBefore;
            this.prefixNext = firstShard;
        }

        long kept(long size) {
            long current = currentShard == prefixNext ? size - currentStart : 0;
            return keptBefore + prefixLines + current;
        }

        void begin(int shard, long size) {
            currentShard = shard;
            currentStart = size;
        }

        void end(long size, boolean whole) {
            shards.put(currentShard, new long[] {currentStart, size - currentStart});
            if (whole || currentShard == prefixNext) {
                // a shard cut short by the limit is only ever the last of the contiguous run
                while (shards.containsKey(prefixNext)) {
                    prefixLines += shards.get(prefixNext)[1];
                    prefixNext++;
                }
            }
            currentShard = -1;
        }
    }

    /** Reading state of the archive being read. */
    private record ArchiveState(ShardRun train, ShardRun held) {}

    /**
     * Which scratch records of one role are kept, in reference order: null while that is simply the reading
     * order (no archive out of order, nothing dropped), else the list; {@code dropped} records are not kept.
     */
    private static final class Kept {
        IntArrayList order;
        long dropped;

        long count(RecordFile tmp) {
            return tmp.size() - dropped;
        }

        /** Records appended in reading order since the last call are kept as they are. */
        void catchUp(RecordFile tmp) {
            if (order != null) {
                for (long i = order.size() + dropped; i < tmp.size(); i++) {
                    order.add((int) i);
                }
            }
        }
    }

    private ArchiveState archive;
    private final Kept trainKept = new Kept();
    private final Kept heldKept = new Kept();

    // counts for the manifest
    private long linesRead;
    private long paragraphs;
    private long sentences;
    private long blank;
    private long emptyAfterNorm;
    private long invalidSkipped;
    private long longLines;
    private final List<Manifest.Source> sources = new ArrayList<>();

    private Preparer(PrepareOptions o, Progress progress) {
        this.o = o;
        this.progress = progress;
        this.normalizer = Normalizer.parse(o.normalize());
        this.seqLen = o.seqLen();
        this.record = new short[seqLen + 2];
        this.cps = new int[seqLen];
        prov.defaultReturnValue(-1);
        padProv = provisional(Vocabulary.PAD_CODE);
    }

    /** Prepares a dataset; returns its manifest. Throws {@link CorpusException} for bad input. */
    public static Manifest prepare(PrepareOptions o, Progress progress) {
        o.validate();
        InputFiles.Found found = InputFiles.discover(o.inputs());
        try (DatasetWriter writer = DatasetWriter.create(o.output(), o.force())) {
            return new Preparer(o, progress).run(found, writer);
        }
    }

    private Manifest run(InputFiles.Found found, DatasetWriter writer) {
        boolean heldoutInput = found.hasHeldout();
        if (o.validSource() == PrepareOptions.ValidSource.HELDOUT && !heldoutInput) {
            throw new PrepareOptions.Conflict("--valid-source heldout, but no input has a held-out folder ("
                    + InputFiles.HELDOUT_DIR + "); use --valid-source split");
        }
        boolean useHeldout = heldoutInput && o.validSource() != PrepareOptions.ValidSource.SPLIT;
        trainLimit = useHeldout ? o.maxExamples() : o.maxExamples() + o.validLines();
        heldLimit = useHeldout ? o.validLines() : 0;

        Path scratch = writer.scratch();
        trainTmp = new RecordFile(scratch.resolve("train.scratch"), seqLen + 2);
        heldTmp = new RecordFile(scratch.resolve("heldout.scratch"), seqLen + 2);
        try {
            progress.start(found.files().stream().mapToLong(InputFiles.InputFile::bytes).sum());
            progress.phase("reading");
            for (InputFiles.InputFile f : found.files()) {
                if (done()) {
                    break;
                }
                if (!wants(f.role()) && f.kind() != InputFiles.Kind.TAR_GZ) {
                    continue;
                }
                read(f);
            }
            progress.done();
            if (trainTmp.size() == 0) {
                throw new CorpusException("no text lines found in " + describe(o.inputs()) + " (" + blank
                        + " blank lines, " + emptyAfterNorm + " emptied by normalisation, " + invalidSkipped
                        + " invalid UTF-8 lines skipped)");
            }
            if (o.validSource() == PrepareOptions.ValidSource.HELDOUT && keptHeld() == 0 && o.validLines() > 0) {
                // an archive may lack the held-out members; never fall back silently when they were asked for
                throw new PrepareOptions.Conflict("--valid-source heldout, but no held-out lines were found in "
                        + describe(o.inputs()) + " (" + InputFiles.HELDOUT_DIR + " is missing or empty);"
                        + " use --valid-source split");
            }
            if (useHeldout && keptHeld() == 0 && o.validLines() > 0) {
                progress.phase("warning: no held-out lines were found; the validation split is set aside from the "
                        + trainLimit + " training lines read (--valid-source split would read --valid more)");
            }
            trainTmp.seal();
            heldTmp.seal();
            return write(writer, found, useHeldout && keptHeld() > 0);
        } finally {
            trainTmp.close();
            heldTmp.close();
        }
    }

    private static String describe(List<Path> inputs) {
        return inputs.size() == 1 ? inputs.get(0).toString() : inputs.size() + " inputs";
    }

    private boolean wants(InputFiles.Role role) {
        return role == InputFiles.Role.TRAIN ? keptTrain() < trainLimit : keptHeld() < heldLimit;
    }

    /**
     * Training lines that will be kept as things stand: everything read so far, except inside an archive whose
     * shards come out of numeric order (see {@link ShardRun}). The reference reads shards 1, 2, 3... whatever
     * the archive order.
     */
    private long keptTrain() {
        return archive == null ? trainKept.count(trainTmp) : archive.train().kept(trainTmp.size());
    }

    /** Held-out lines that will be kept, likewise in numeric shard order as in the extracted directory. */
    private long keptHeld() {
        return archive == null ? heldKept.count(heldTmp) : archive.held().kept(heldTmp.size());
    }

    private boolean done() {
        return !wants(InputFiles.Role.TRAIN) && !wants(InputFiles.Role.HELDOUT);
    }

    // ---------------------------------------------------------------- reading

    private void read(InputFiles.InputFile f) {
        String label = f.path().toString();
        long before = trainTmp.size() + heldTmp.size();
        long droppedBefore = trainKept.dropped + heldKept.dropped;
        String sha;
        long rawBytes;
        boolean complete;
        try (SourceStream raw = new SourceStream(Files.newInputStream(f.path()), progress)) {
            complete = switch (f.kind()) {
                case PLAIN -> readText(raw, label, f.role(), f.benchmark());
                case GZIP -> readText(new GZIPInputStream(raw, 1 << 16), label, f.role(), f.benchmark());
                case TAR_GZ -> readArchive(raw, f);
            };
            rawBytes = f.bytes();
            sha = raw.finishSha256();
        } catch (EOFException e) {
            throw new CorpusException(label + ": truncated " + f.kind().id + " file (unexpected end of data)", e);
        } catch (ZipException e) {
            throw new CorpusException(label + ": corrupt " + f.kind().id + " data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            if (f.kind() == InputFiles.Kind.TAR_GZ && m.toLowerCase(java.util.Locale.ROOT).contains("truncated")) {
                throw new CorpusException(label + ": truncated tar.gz archive (" + m + ")", e);
            }
            throw new CorpusException(label + ": cannot read (" + m + ")", e);
        }
        long taken = trainTmp.size() + heldTmp.size() - before - (trainKept.dropped + heldKept.dropped - droppedBefore);
        if (f.kind() != InputFiles.Kind.TAR_GZ) {
            trainKept.catchUp(trainTmp);
            heldKept.catchUp(heldTmp);
        }
        if (f.kind() != InputFiles.Kind.TAR_GZ) {
            sources.add(new Manifest.Source(label, f.kind().id, f.role().id(), rawBytes, sha, taken, complete));
        } else {
            sources.add(new Manifest.Source(label, f.kind().id, "archive", rawBytes, sha, taken, complete));
        }
    }

    /** Reads the benchmark archive in place, member by member, in archive order. */
    private boolean readArchive(InputStream raw, InputFiles.InputFile f) throws IOException {
        String label = f.path().toString();
        boolean any = false;
        boolean complete = true;
        int lastTrainShard = -1;
        int lastHeldShard = -1;
        boolean reordered = false;
        archive = new ArchiveState(new ShardRun(trainTmp.size(), trainKept.count(trainTmp), 1),
                new ShardRun(heldTmp.size(), heldKept.count(heldTmp), 0));
        GZIPInputStream gz = new GZIPInputStream(unclosable(raw), 1 << 16);
        try (TarArchiveInputStream tar = new TarArchiveInputStream(gz)) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (!e.isFile()) {
                    continue;
                }
                InputFiles.Role role = InputFiles.memberRole(e.getName());
                if (role == null) {
                    continue;
                }
                any = true;
                String member = label + "!" + e.getName();
                if (done()) {
                    complete = false;
                    break;
                }
                if (!wants(role)) {
                    complete = false;
                    continue;
                }
                boolean train = role == InputFiles.Role.TRAIN;
                String name = e.getName().substring(e.getName().lastIndexOf('/') + 1);
                int shard = InputFiles.shardNumber(name, train ? InputFiles.TRAIN_SHARD : InputFiles.HELDOUT_SHARD);
                int last = train ? lastTrainShard : lastHeldShard;
                if (shard < last && !reordered) {
                    reordered = true;
                    progress.phase("note: the archive lists shards out of numeric order; they are put back in"
                            + " order (shard 1, 2, ...) as the reference reads them, which may read more of it");
                }
                if (train) {
                    lastTrainShard = shard;
                } else {
                    lastHeldShard = shard;
                }
                ShardRun run = train ? archive.train() : archive.held();
                RecordFile tmp = train ? trainTmp : heldTmp;
                run.begin(shard, tmp.size());
                long before = trainTmp.size() + heldTmp.size();
                boolean whole = readText(tar, member, role, true);
                run.end(tmp.size(), whole);
                complete &= whole;
                if (e.getSize() > 0 && tar.getCurrentEntry() == e) {
                    long taken = trainTmp.size() + heldTmp.size() - before;
                    sources.add(new Manifest.Source(member, "tar member", role.id(), e.getSize(), null, taken, whole));
                    run.sourceIndex.put(shard, sources.size() - 1);
                }
            }
            if (e == null) {
                // the tar end comes before the gzip trailer: inflate to the end so that a cut or corrupt tail
                // (CRC, size) is noticed; when reading stopped early the rest is only hashed, not checked
                drain(gz);
            }
        }
        if (!any) {
            throw new CorpusException(label + ": no One Billion Word shards in this archive (expected members "
                    + InputFiles.TRAIN_DIR + "/news.en-NNNNN-of-00100)");
        }
        fold(archive.train(), trainTmp, trainLimit, trainKept, sources);
        fold(archive.held(), heldTmp, heldLimit, heldKept, sources);
        archive = null;
        return complete;
    }

    /** Puts the archive's lines of one role in shard order and drops those beyond the limit. */
    private static void fold(ShardRun run, RecordFile tmp, long limit, Kept kept, List<Manifest.Source> sources) {
        long start = run.startIndex;
        boolean inOrder = true;
        long expect = start;
        for (long[] seg : run.shards.values()) {
            inOrder &= seg[0] == expect;
            expect = seg[0] + seg[1];
        }
        long total = tmp.size() - start;
        long room = Math.max(0, limit - run.keptBefore);
        if (inOrder && total <= room && kept.order == null) {
            return; // reading order is the reference order: nothing to remember
        }
        if (kept.order == null) {
            kept.order = new IntArrayList();
            for (int i = 0; i < start; i++) {
                kept.order.add(i);
            }
        }
        long n = 0;
        for (Map.Entry<Integer, long[]> shard : run.shards.entrySet()) {
            long[] seg = shard.getValue();
            long before = n;
            for (long i = seg[0]; i < seg[0] + seg[1] && n < room; i++, n++) {
                kept.order.add((int) i);
            }
            Integer at = run.sourceIndex.get(shard.getKey());
            if (at != null && n - before < seg[1]) {
                // lines of this member beyond the limit in shard order are read but not kept
                Manifest.Source src = sources.get(at);
                sources.set(at, new Manifest.Source(src.path(), src.kind(), src.role(), src.bytes(), src.sha256(),
                        n - before, src.complete()));
            }
        }
        kept.dropped += total - n;
    }

    /** Reads one text stream; returns whether all of it was read. */
    private boolean readText(InputStream in, String label, InputFiles.Role role, boolean benchmark) throws IOException {
        byte[] head = in.readNBytes(1 << 16);
        if (head.length == 0) {
            return true; // an empty member or an empty .gz: nothing to read
        }
        int nul = indexOf(head, (byte) 0, Math.min(head.length, 8192));
        if (nul >= 0) {
            throw new CorpusException(label + ": binary file (NUL byte at offset " + nul
                    + "); expected UTF-8 text" + (nul < 2 ? " (UTF-16 is not supported: convert to UTF-8)" : ""));
        }
        TextFormat format = o.format();
        if (format == TextFormat.AUTO) {
            format = benchmark ? TextFormat.LINES : sniff(head);
        }
        boolean prose = format == TextFormat.PROSE;
        boolean bytesMode = o.symbols() == Symbols.BYTE;
        // byte mode iterates raw bytes like the Python 2 loader; UTF-8 is still checked when text must be decoded
        boolean validate = !bytesMode || prose || normalizer != null;
        LineScanner sc = new LineScanner(new SequenceInputStream(new ByteArrayInputStream(head), unclosable(in)), validate,
                o.maxLineBytes());
        StringBuilder paragraph = new StringBuilder();
        while (sc.next()) {
            if (!wants(role)) {
                return false;
            }
            linesRead++;
            if (sc.invalidAt() >= 0) {
                if (o.invalidUtf8() == PrepareOptions.OnInvalid.ERROR) {
                    throw new CorpusException(label + ": invalid UTF-8 in line " + sc.lineNumber() + " (byte offset "
                            + sc.invalidAt() + "); use --invalid-utf8 skip to skip such lines");
                }
                invalidSkipped++;
                continue;
            }
            if (sc.truncated()) {
                longLines++;
            }
            if (prose) {
                String text = new String(sc.bytes(), sc.start(), sc.end() - sc.start(), StandardCharsets.UTF_8);
                if (isBlank(text)) {
                    flushParagraph(paragraph, role);
                } else {
                    if (paragraph.length() > 0) {
                        paragraph.append(' ');
                    }
                    paragraph.append(text);
                    if (paragraph.length() >= o.maxLineBytes()) {
                        flushParagraph(paragraph, role);
                    }
                }
            } else if (normalizer == null) {
                acceptRaw(sc, role);
            } else {
                String text = new String(sc.bytes(), sc.start(), sc.end() - sc.start(), StandardCharsets.UTF_8);
                acceptText(text, role, sc.lineSymbols() - text.codePointCount(0, text.length()));
            }
        }
        flushParagraph(paragraph, role);
        return true;
    }

    private void flushParagraph(StringBuilder paragraph, InputFiles.Role role) {
        if (paragraph.length() == 0) {
            return;
        }
        paragraphs++;
        splitter.split(paragraph.toString(), s -> {
            if (wants(role)) {
                sentences++;
                acceptText(s, role, 0);
            }
        });
        paragraph.setLength(0);
    }

    /** The fast path: no normalisation, one example per line, straight from the bytes. */
    private void acceptRaw(LineScanner sc, InputFiles.Role role) {
        byte[] b = sc.bytes();
        int n;
        if (o.symbols() == Symbols.BYTE) {
            n = Math.min(seqLen, sc.end() - sc.start());
            for (int i = 0; i < n; i++) {
                cps[i] = b[sc.start() + i] & 0xFF;
            }
        } else {
            n = Utf8.decode(b, sc.start(), sc.end(), cps, seqLen);
        }
        if (rawBlank(sc, n)) {
            blank++;
            return;
        }
        emit(n, sc.lineSymbols(), role);
    }

    /**
     * Whether the line is blank, decided on its first {@code n} symbols when that is all of it and they are
     * plain; else on its decoded text, so that byte mode and code point mode skip the same lines.
     */
    private boolean rawBlank(LineScanner sc, int n) {
        boolean decode = sc.lineSymbols() > n;
        for (int i = 0; i < n; i++) {
            int c = cps[i];
            if (o.symbols() == Symbols.BYTE && c >= 0x80) {
                decode = true; // a byte of a multi-byte character: judge the character
            } else if (!isSpace(c)) {
                return false;
            }
        }
        return !decode || isBlank(new String(sc.bytes(), sc.start(), sc.end() - sc.start(), StandardCharsets.UTF_8));
    }

    /** White space in the Unicode sense: Java's white space plus the no-break spaces it leaves out. */
    static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
    }

    /** Empty or only white space ({@link #isSpace}): such lines are skipped and counted. */
    static boolean isBlank(String s) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (!isSpace(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }

    /** Lines that need decoding: normalised lines and prose sentences. */
    private void acceptText(String text, InputFiles.Role role, long extraSymbols) {
        if (isBlank(text)) {
            blank++;
            return;
        }
        String t = normalizer == null ? text : normalizer.apply(text);
        if (isBlank(t)) {
            emptyAfterNorm++;
            return;
        }
        int n = 0;
        long full;
        if (o.symbols() == Symbols.BYTE) {
            byte[] bytes = t.getBytes(StandardCharsets.UTF_8);
            for (; n < seqLen && n < bytes.length; n++) {
                cps[n] = bytes[n] & 0xFF;
            }
            full = bytes.length + Math.max(0, extraSymbols);
        } else {
            for (int i = 0; n < seqLen && i < t.length(); n++) {
                int cp = t.codePointAt(i);
                cps[n] = cp;
                i += Character.charCount(cp);
            }
            full = t.codePointCount(0, t.length()) + Math.max(0, extraSymbols);
        }
        emit(n, full, role);
    }

    /** Stores one line of {@code n} symbols (padded to seqLen) in the scratch file of its role. */
    private void emit(int n, long fullLength, InputFiles.Role role) {
        int len = (int) Math.min(Integer.MAX_VALUE, fullLength);
        record[0] = (short) len;
        record[1] = (short) (len >>> 16);
        boolean train = role == InputFiles.Role.TRAIN;
        for (int i = 0; i < n; i++) {
            int p = provisional(cps[i]);
            record[i + 2] = (short) p;
            if (train) {
                counts[p]++;
            }
        }
        for (int i = n; i < seqLen; i++) {
            record[i + 2] = (short) padProv;
        }
        if (train) {
            counts[padProv] += seqLen - n;
            trainTmp.append(record);
        } else {
            heldTmp.append(record);
        }
    }

    private int provisional(int code) {
        if (code >= 0 && code < BMP) {
            int id = bmp[code];
            if (id >= 0) {
                return id;
            }
        }
        int id = prov.get(code);
        if (id < 0) {
            if (provCode.size() == MAX_PROV) {
                // scratch ids are 16 bits; a corpus with this many distinct symbols is not text we can model
                overflowSymbols++;
                return OVERFLOW;
            }
            id = provCode.size();
            prov.put(code, id);
            provCode.add(code);
            if (id >= counts.length) {
                counts = Arrays.copyOf(counts, counts.length * 2);
            }
            if (code >= 0 && code < BMP) {
                bmp[code] = id;
            }
        }
        return id;
    }

    /** Prose or lines? Prose has several sentence ends inside a line, or long lines. */
    static TextFormat sniff(byte[] head) {
        String text = new String(head, StandardCharsets.UTF_8);
        int lines = 0;
        long chars = 0;
        int inside = 0;
        int blankLines = 0;
        int endsWithStop = 0;
        String[] pieces = text.split("\n", -1);
        // the piece after the last newline is no line of its own: empty at the end of a file
        int count = pieces[pieces.length - 1].isEmpty() ? pieces.length - 1 : pieces.length;
        for (int k = 0; k < count; k++) {
            String line = pieces[k];
            if (line.isBlank()) {
                blankLines++;
                continue;
            }
            lines++;
            chars += line.length();
            var m = SENTENCE_INSIDE.matcher(line);
            while (m.find()) {
                inside++;
            }
            String t = line.strip();
            char last = t.charAt(t.length() - 1);
            if (".!?\"')".indexOf(last) >= 0) {
                endsWithStop++;
            }
        }
        if (lines == 0) {
            return TextFormat.LINES;
        }
        boolean longLines = chars / lines >= 400;
        boolean manySentencesPerLine = inside >= lines;
        boolean wrapped = blankLines > 0 && endsWithStop * 2 < lines;
        return longLines || manySentencesPerLine || wrapped ? TextFormat.PROSE : TextFormat.LINES;
    }

    private static void drain(InputStream in) throws IOException {
        byte[] buf = new byte[1 << 16];
        while (in.read(buf) >= 0) {
            // GZIPInputStream checks the CRC and length of each member at its end
        }
    }

    /** SequenceInputStream closes what it has read to the end: the file and the archive must stay open. */
    private static InputStream unclosable(InputStream in) {
        return new java.io.FilterInputStream(in) {
            @Override
            public void close() {}
        };
    }

    private static int[] filled(int n, int v) {
        int[] a = new int[n];
        Arrays.fill(a, v);
        return a;
    }

    private static int indexOf(byte[] b, byte v, int limit) {
        for (int i = 0; i < limit; i++) {
            if (b[i] == v) {
                return i;
            }
        }
        return -1;
    }

    // ---------------------------------------------------------------- shuffling, vocabulary, writing

    private Manifest write(DatasetWriter writer, InputFiles.Found found, boolean validFromHeldout) {
        progress.phase("shuffling and encoding");
        Random rnd = new Random(o.seed());
        int[] trainOrder = shuffled((int) trainKept.count(trainTmp), rnd);
        if (trainKept.order != null) {
            // positions in reference order -> scratch records; lines past the limit are not counted
            int[] ref = trainKept.order.toIntArray();
            for (int k = 0; k < trainOrder.length; k++) {
                trainOrder[k] = ref[trainOrder[k]];
            }
            if (trainKept.dropped > 0) {
                java.util.BitSet kept = new java.util.BitSet((int) trainTmp.size());
                for (int i : ref) {
                    kept.set(i);
                }
                trainTmp.scan((i, buf, off) -> {
                    if (!kept.get((int) i)) {
                        for (int k = 2; k < seqLen + 2; k++) {
                            int id = buf.get(off + k) & 0xFFFF;
                            if (id != OVERFLOW) {
                                counts[id]--;
                            }
                        }
                    }
                });
            }
        }
        int[] heldOrder = shuffled((int) heldKept.count(heldTmp), rnd);
        if (heldKept.order != null) {
            int[] ref = heldKept.order.toIntArray();
            for (int k = 0; k < heldOrder.length; k++) {
                heldOrder[k] = ref[heldOrder[k]];
            }
        }
        int[] validIdx;
        if (validFromHeldout) {
            validIdx = Arrays.copyOf(heldOrder, (int) Math.min(o.validLines(), heldOrder.length));
        } else {
            long v = o.validLines();
            if (v > 0 && v * 2 > trainOrder.length) {
                throw new CorpusException("only " + trainOrder.length + " lines were read; --valid " + v
                        + " would take half or more of them; lower --valid");
            }
            validIdx = Arrays.copyOf(trainOrder, (int) v);
            // the vocabulary is counted on training lines only, as in the reference
            short[] rec = new short[seqLen + 2];
            for (int i : validIdx) {
                trainTmp.read(i, rec);
                for (int k = 2; k < seqLen + 2; k++) {
                    int id = rec[k] & 0xFFFF;
                    if (id != OVERFLOW) {
                        counts[id]--;
                    }
                }
            }
        }
        Vocabulary vocab = vocabulary();
        int[] remap = new int[OVERFLOW + 1]; // OVERFLOW and unused entries stay unk (0)
        for (int p = 0; p < provCode.size(); p++) {
            remap[p] = vocab.id(provCode.getInt(p));
        }
        progress.phase("writing " + (validIdx.length + trainOrder.length - (validFromHeldout ? 0 : validIdx.length))
                + " lines");
        writer.begin(vocab, seqLen);
        short[] rec = new short[seqLen + 2];
        short[] ids = new short[seqLen];
        if (validFromHeldout) {
            for (int i : validIdx) {
                heldTmp.read(i, rec);
                encode(rec, remap, ids);
                writer.addValid(ids, length(rec));
            }
        }
        writeInOrder(trainOrder, validFromHeldout ? 0 : validIdx.length, writer, remap);
        Manifest.Counts counts = new Manifest.Counts(linesRead, paragraphs, sentences, blank, emptyAfterNorm,
                invalidSkipped, longLines, found.emptySkipped(), found.otherSkipped(), overflowSymbols, writer.trainLines(),
                writer.validLines());
        Map<String, Object> options = Manifest.orderedOptions(
                "inputs", o.inputs().stream().map(Path::toString).toList(),
                "seqLen", seqLen, "maxExamples", o.maxExamples(), "vocabSize", o.vocabSize(), "seed", o.seed(),
                "valid", o.validLines(), "validSource", o.validSource().name().toLowerCase(java.util.Locale.ROOT),
                "validFrom", validFromHeldout ? "heldout" : "split",
                "symbols", o.symbols().id(), "format", o.format().id(),
                "normalize", normalizer == null ? List.of() : normalizer.steps(),
                "maxLineBytes", o.maxLineBytes(),
                "invalidUtf8", o.invalidUtf8().name().toLowerCase(java.util.Locale.ROOT));
        trainTmp.close(); // scratch files are deleted at commit
        heldTmp.close();
        return writer.commit(sources, counts, options);
    }

    /**
     * Writes the training scratch lines in the order {@code order} (output position -> scratch line); the
     * first {@code validCount} positions go to the validation split.
     *
     * <p>Scattered reads of millions of records are slow (page faults, cache misses), so the output is built
     * in blocks of consecutive positions, each filled by one sequential scan of the scratch file.
     */
    private void writeInOrder(int[] order, int validCount, DatasetWriter writer, int[] remap) {
        int n = order.length;
        int recShorts = seqLen + 2;
        int[] dest = new int[(int) trainTmp.size()];
        Arrays.fill(dest, -1); // scratch lines past the limit (out-of-order archives) are not written
        for (int k = 0; k < n; k++) {
            dest[order[k]] = k;
        }
        int blockLines = (int) Math.max(1, Math.min(n, (256L << 20) / (recShorts * 2L)));
        short[] block = new short[blockLines * recShorts];
        short[] ids = new short[seqLen];
        for (int first = 0; first < n; first += blockLines) {
            int lo = first;
            int hi = Math.min(n, first + blockLines);
            trainTmp.scan((i, buf, off) -> {
                int d = dest[(int) i];
                if (d >= lo && d < hi) {
                    buf.get(off, block, (d - lo) * recShorts, recShorts);
                }
            });
            for (int d = lo; d < hi; d++) {
                int off = (d - lo) * recShorts;
                for (int j = 0; j < seqLen; j++) {
                    ids[j] = (short) remap[block[off + 2 + j] & 0xFFFF];
                }
                int len = (block[off] & 0xFFFF) | (block[off + 1] & 0xFFFF) << 16;
                if (d < validCount) {
                    writer.addValid(ids, len);
                } else {
                    writer.addTrain(ids, len);
                }
            }
        }
    }

    /** Record layout: length before truncation as two shorts (low, high), then seqLen provisional ids. */
    private static void encode(short[] rec, int[] remap, short[] ids) {
        for (int k = 0; k < ids.length; k++) {
            ids[k] = (short) remap[rec[k + 2] & 0xFFFF];
        }
    }

    private static int length(short[] rec) {
        return (rec[0] & 0xFFFF) | (rec[1] & 0xFFFF) << 16;
    }

    /** unk, then training symbols by count (descending), ties by code (ascending). */
    private Vocabulary vocabulary() {
        Integer[] order = new Integer[provCode.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> {
            int c = Long.compare(counts[b], counts[a]);
            return c != 0 ? c : Integer.compare(provCode.getInt(a), provCode.getInt(b));
        });
        IntArrayList codes = new IntArrayList();
        codes.add(Vocabulary.UNK_CODE);
        for (int p : order) {
            if (codes.size() >= o.vocabSize()) {
                break;
            }
            if (counts[p] > 0) {
                codes.add(provCode.getInt(p));
            }
        }
        return new Vocabulary(o.symbols(), codes.toIntArray());
    }

    /** Fisher–Yates with java.util.Random: for i = n-1 down to 1, swap(i, nextInt(i + 1)). */
    static int[] shuffled(int n, Random rnd) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        return a;
    }
}
