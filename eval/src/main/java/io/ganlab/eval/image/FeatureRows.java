package io.ganlab.eval.image;

/** Checks that the rows an extractor produced form a finite N x D matrix. */
final class FeatureRows {
    private FeatureRows() {}

    /**
     * The common row length, after checking that there are at least {@code minRows} rows, that every row has the
     * first row's (non-zero) length and that every value is finite.
     *
     * @param what names the input in the error message ("generated features", "logits")
     */
    static int checkFinite(float[][] rows, String what, int minRows) {
        int d = checkShape(rows, what, minRows);
        for (int i = 0; i < rows.length; i++) {
            for (int j = 0; j < d; j++) {
                if (!Float.isFinite(rows[i][j])) {
                    throw new ImageMetricException(what + ": value " + rows[i][j] + " at row " + i + ", column " + j
                            + " (must be finite)");
                }
            }
        }
        return d;
    }

    /** The common row length after the shape checks of {@link #checkFinite}, without looking at the values. */
    static int checkShape(float[][] rows, String what, int minRows) {
        if (rows == null || rows.length < minRows) {
            throw new ImageMetricException(what + ": " + (rows == null ? 0 : rows.length) + " rows, at least "
                    + minRows + " needed");
        }
        if (rows.length == 0) {
            return 0;
        }
        int d = rows[0] == null ? 0 : rows[0].length;
        if (d == 0) {
            throw new ImageMetricException(what + ": rows are empty (no values)");
        }
        for (int i = 1; i < rows.length; i++) {
            if (rows[i] == null || rows[i].length != d) {
                throw new ImageMetricException(what + ": row " + i + " has " + (rows[i] == null ? 0 : rows[i].length)
                        + " values, row 0 has " + d);
            }
        }
        return d;
    }
}
