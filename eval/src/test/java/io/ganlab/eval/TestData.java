package io.ganlab.eval;

import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.DatasetWriter;
import io.ganlab.corpus.Manifest;
import io.ganlab.corpus.Symbols;
import io.ganlab.corpus.Vocabulary;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/** Small datasets and brute-force references for the tests: plain maps and doubles, nothing from main code. */
final class TestData {
    private TestData() {}

    /** Codes of a vocabulary of {@code size} ids: unk, the backtick (id 1), then letters and other code points. */
    static int[] codes(int size) {
        int[] codes = new int[size];
        codes[0] = Vocabulary.UNK_CODE;
        if (size > 1) {
            codes[1] = '`';
        }
        for (int i = 2; i < size; i++) {
            codes[i] = i - 2 < 26 ? 'a' + (i - 2) : 0x400 + i;
        }
        return codes;
    }

    static Vocabulary vocabulary(int size) {
        return new Vocabulary(Symbols.CODEPOINT, codes(size));
    }

    /** Writes a dataset of the given lines through the corpus's own writer. */
    static Dataset dataset(Path dir, int vocabSize, int seqLen, short[][] train, short[][] valid) {
        try (DatasetWriter w = DatasetWriter.create(dir, true)) {
            w.begin(vocabulary(vocabSize), seqLen);
            for (short[] l : valid) {
                w.addValid(l, seqLen);
            }
            for (short[] l : train) {
                w.addTrain(l, seqLen);
            }
            w.commit(List.of(), new Manifest.Counts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, train.length, valid.length),
                    Map.of());
        }
        return Dataset.open(dir);
    }

    /** Random lines over ids {@code [0, alphabet)}, with a random run of padding (id 1) at the end of some. */
    static short[][] lines(SplittableRandom rnd, int count, int seqLen, int alphabet) {
        short[][] out = new short[count][seqLen];
        for (short[] l : out) {
            int len = rnd.nextInt(3) == 0 ? rnd.nextInt(seqLen + 1) : seqLen;
            for (int i = 0; i < seqLen; i++) {
                l[i] = (short) (i < len ? rnd.nextInt(alphabet) : 1);
            }
        }
        return out;
    }

    static int[] flat(short[][] lines) {
        int seqLen = lines[0].length;
        int[] out = new int[lines.length * seqLen];
        for (int i = 0; i < lines.length; i++) {
            for (int j = 0; j < seqLen; j++) {
                out[i * seqLen + j] = lines[i][j] & 0xFFFF;
            }
        }
        return out;
    }

    /** n-gram counts by brute force: each window as a list of ids. */
    static Map<List<Integer>, Long> counts(short[][] lines, int n) {
        Map<List<Integer>, Long> m = new HashMap<>();
        for (short[] l : lines) {
            for (int i = 0; i + n <= l.length; i++) {
                List<Integer> g = new ArrayList<>();
                for (int k = 0; k < n; k++) {
                    g.add(l[i + k] & 0xFFFF);
                }
                m.merge(g, 1L, Long::sum);
            }
        }
        return m;
    }

    /** The plug-in JSD in bits, straight from the formula, over the union of both supports. */
    static double jsd(Map<List<Integer>, Long> p, Map<List<Integer>, Long> q) {
        double tp = p.values().stream().mapToLong(Long::longValue).sum();
        double tq = q.values().stream().mapToLong(Long::longValue).sum();
        double sum = 0;
        for (var e : p.entrySet()) {
            double a = e.getValue() / tp;
            double b = q.getOrDefault(e.getKey(), 0L) / tq;
            sum += 0.5 * a * Math.log(a / ((a + b) / 2));
        }
        for (var e : q.entrySet()) {
            double b = e.getValue() / tq;
            double a = p.getOrDefault(e.getKey(), 0L) / tp;
            sum += 0.5 * b * Math.log(b / ((a + b) / 2));
        }
        return sum / Math.log(2);
    }
}
