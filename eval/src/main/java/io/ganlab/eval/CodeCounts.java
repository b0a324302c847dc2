package io.ganlab.eval;

/** Distinct n-grams as code keys ({@link SymbolCodes}) in ascending order, and their counts. */
record CodeCounts(long[] keys, int[] counts) {}
