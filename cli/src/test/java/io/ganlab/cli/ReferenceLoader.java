package io.ganlab.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * An independent re-implementation, written for the tests from the documentation (README "Shuffle and split"
 * and the reference notes), of what {@code gan corpus prepare} must produce from the benchmark's extracted
 * directory. Plain lists and maps, whole files in memory: slow and obvious on purpose. Calls no corpus code.
 */
final class ReferenceLoader {
    /** The expected dataset: encoded lines of both splits and the vocabulary's codes by id (-1 = unk). */
    record Expected(List<short[]> train, List<short[]> valid, int[] codes, long blankSkipped, long truncatedTrain) {}

    private static final Pattern TRAIN = Pattern.compile("news\\.en-(\\d{5})-of-00100");
    private static final Pattern HELDOUT = Pattern.compile("news\\.en\\.heldout-(\\d{5})-of-00050");
    private static final int PAD = '`';

    private ReferenceLoader() {}

    /**
     * @param heldout take the validation split from the held-out folder (else from the shuffled training lines)
     * @param bytes   symbols are UTF-8 bytes (else code points)
     */
    static Expected load(Path dir, int seqLen, long maxExamples, int vocabSize, long seed, int valid, boolean heldout,
                         boolean bytes) throws IOException {
        long[] blank = new long[1];
        long trainLimit = heldout ? maxExamples : maxExamples + valid;
        List<int[]> train = read(shards(dir.resolve(BenchmarkFixture.TRAIN), TRAIN), trainLimit, seqLen, bytes, blank);
        List<int[]> held = heldout
                ? read(shards(dir.resolve(BenchmarkFixture.HELDOUT), HELDOUT), valid, seqLen, bytes, blank)
                : new ArrayList<>();
        long truncated = 0;

        // Fisher–Yates with java.util.Random(seed): for i = n-1 .. 1, swap(i, nextInt(i + 1)); training lines
        // first, then the held-out lines with the same generator
        Random rnd = new Random(seed);
        shuffle(train, rnd);
        shuffle(held, rnd);
        List<int[]> validLines;
        List<int[]> trainLines;
        if (heldout) {
            validLines = held.subList(0, Math.min(valid, held.size()));
            trainLines = train;
        } else {
            validLines = train.subList(0, valid);
            trainLines = train.subList(valid, train.size());
        }
        for (int[] l : trainLines) {
            if (l[seqLen] > seqLen) {
                truncated++;
            }
        }

        // vocabulary: unk, then symbols of the training split (padding included) by count desc, code asc
        Map<Integer, Long> counts = new HashMap<>();
        for (int[] l : trainLines) {
            for (int k = 0; k < seqLen; k++) {
                counts.merge(l[k], 1L, Long::sum);
            }
        }
        List<Map.Entry<Integer, Long>> byCount = new ArrayList<>(counts.entrySet());
        byCount.sort((a, b) -> a.getValue().equals(b.getValue()) ? Integer.compare(a.getKey(), b.getKey())
                : Long.compare(b.getValue(), a.getValue()));
        int[] codes = new int[Math.min(vocabSize, byCount.size() + 1)];
        codes[0] = -1;
        Map<Integer, Integer> ids = new HashMap<>();
        for (int i = 1; i < codes.length; i++) {
            codes[i] = byCount.get(i - 1).getKey();
            ids.put(codes[i], i);
        }
        return new Expected(encode(trainLines, ids, seqLen), encode(validLines, ids, seqLen), codes, blank[0],
                truncated);
    }

    private static List<Path> shards(Path dir, Pattern pattern) throws IOException {
        List<Path> out = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            s.filter(p -> pattern.matcher(p.getFileName().toString()).matches()).forEach(out::add);
        }
        out.sort((a, b) -> Integer.compare(number(a, pattern), number(b, pattern)));
        return out;
    }

    private static int number(Path p, Pattern pattern) {
        Matcher m = pattern.matcher(p.getFileName().toString());
        m.matches();
        return Integer.parseInt(m.group(1));
    }

    /** Lines of the files in order, blank ones skipped, until {@code limit}: symbols padded, then the length. */
    private static List<int[]> read(List<Path> files, long limit, int seqLen, boolean bytes, long[] blank)
            throws IOException {
        List<int[]> out = new ArrayList<>();
        for (Path f : files) {
            String text = Files.readString(f, StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(Arrays.asList(text.split("\n", -1)));
            if (lines.get(lines.size() - 1).isEmpty()) {
                lines.remove(lines.size() - 1); // after the last newline
            }
            for (String line : lines) {
                if (out.size() == limit) {
                    return out;
                }
                if (line.isBlank()) {
                    blank[0]++;
                    continue;
                }
                int[] symbols = bytes
                        ? toInts(line.getBytes(StandardCharsets.UTF_8))
                        : line.codePoints().toArray();
                int[] padded = new int[seqLen + 1];
                Arrays.fill(padded, PAD);
                System.arraycopy(symbols, 0, padded, 0, Math.min(seqLen, symbols.length));
                padded[seqLen] = symbols.length;
                out.add(padded);
            }
        }
        return out;
    }

    private static int[] toInts(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }

    private static void shuffle(List<int[]> list, Random rnd) {
        for (int i = list.size() - 1; i > 0; i--) {
            Collections.swap(list, i, rnd.nextInt(i + 1));
        }
    }

    private static List<short[]> encode(List<int[]> lines, Map<Integer, Integer> ids, int seqLen) {
        List<short[]> out = new ArrayList<>();
        for (int[] l : lines) {
            short[] e = new short[seqLen];
            for (int k = 0; k < seqLen; k++) {
                e[k] = (short) (int) ids.getOrDefault(l[k], 0);
            }
            out.add(e);
        }
        return out;
    }
}
