package io.ganlab.eval;

/**
 * How an n-gram of symbol ids becomes an exact key: each id takes {@code bits = ceil(log2 V)} bits, the
 * first symbol in the highest bits, so that key order is symbol order. When {@code n · bits} exceeds 64
 * the last {@code 64 / bits} symbols go to a low word and the others to a high word (a vocabulary of 2048
 * symbols at n = 6 needs 66 bits). Keys compare as unsigned numbers, high word first.
 *
 * @param n         symbols per n-gram
 * @param bits      bits per symbol
 * @param loSymbols symbols in the low word
 * @param hiSymbols symbols in the high word (0: one word is enough)
 */
record NgramPacking(int n, int bits, int loSymbols, int hiSymbols) {

    /** The packing of n-grams over a vocabulary of {@code vocabSize} ids. */
    static NgramPacking of(int n, int vocabSize) {
        if (n < 1) {
            throw new EvalException("n must be >= 1, got " + n);
        }
        if (vocabSize < 1 || vocabSize > 65536) {
            throw new EvalException("vocabulary size must be 1..65536, got " + vocabSize);
        }
        int bits = Math.max(1, 32 - Integer.numberOfLeadingZeros(vocabSize - 1));
        int perWord = 64 / bits;
        if (n <= perWord) {
            return new NgramPacking(n, bits, n, 0);
        }
        if (n <= 2 * perWord) {
            return new NgramPacking(n, bits, perWord, n - perWord);
        }
        throw new EvalException("n = " + n + " is too long for a vocabulary of " + vocabSize + " symbols (at most "
                + 2 * perWord + ")");
    }

    boolean twoWords() {
        return hiSymbols > 0;
    }

    int loBits() {
        return loSymbols * bits;
    }

    int hiBits() {
        return hiSymbols * bits;
    }

    int totalBits() {
        return n * bits;
    }

    static long mask(int bits) {
        return bits >= 64 ? -1L : (1L << bits) - 1;
    }
}
