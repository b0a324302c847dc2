package io.ganlab.eval.image;

import java.util.ArrayList;
import java.util.List;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * The Fréchet distance between two Gaussians fitted to feature vectors (FID, Heusel et al. 2017):
 * {@code ||mu1 - mu2||^2 + Tr(S1 + S2 - 2 (S1 S2)^(1/2))}, a pure function of two {@link FeatureStatistics}. Its
 * unit is the square of the features' unit; it is biased upwards for small sample counts, so scores are
 * comparable only at equal counts (every {@link Result} carries them).
 *
 * <p>Linear algebra: EJML ({@code org.ejml:ejml-ddense}), chosen over commons-math3 because it is maintained, has
 * a symmetric QR eigensolver (tridiagonalisation, then implicit QR) and blocked matrix products, which matters at
 * {@code d = 2048} (two eigendecompositions and two products there: about 25 CPU seconds). All in double precision.
 *
 * <p>The trace of the square root is not taken from {@code sqrtm(S1 S2)} (a non-symmetric matrix whose numerical
 * square root can come out complex, the reason other implementations add {@code eps * I} and drop imaginary
 * parts). Instead: {@code S1 S2} is similar to the symmetric positive semi-definite
 * {@code M = S1^(1/2) S2 S1^(1/2)} (for invertible {@code S1}, {@code S1 S2 = S1^(1/2) M S1^(-1/2)}; by continuity
 * otherwise), so both have the same non-negative eigenvalues {@code lambda_i} and
 * {@code Tr (S1 S2)^(1/2) = sum sqrt(lambda_i)}. {@code S1^(1/2)} comes from the symmetric eigendecomposition of
 * {@code S1} with negative eigenvalues (rounding noise of a singular covariance) clamped to 0; {@code M} (formed in
 * the eigenbasis of {@code S1}, which leaves its eigenvalues unchanged) is symmetrised and its eigenvalues computed
 * by the symmetric solver, again clamped at 0 before the square root. A
 * nearly singular product (rank-deficient covariances, fewer samples than dimensions) therefore needs no
 * regularisation and gives no NaN: its zero eigenvalues contribute 0. Nothing is clamped in the final sum, so a
 * set against itself scores 0 up to rounding ({@code -1e-12} for 3,000 2048-d vectors). Rounding-level eigenvalues
 * of a singular covariance ({@code ~1e-16} of the largest) enter through their square roots ({@code ~1e-8}): a
 * rank-deficient set against itself then scores about {@code -1e-8} times the trace instead of 0.
 */
public final class FrechetDistance {
    /** Key of the score in metric records. */
    public static final String KEY = io.ganlab.common.MetricKeys.FID;

    /**
     * A Fréchet distance.
     *
     * @param score            {@code meanTerm + traceTerm}
     * @param meanTerm         {@code ||mu1 - mu2||^2}
     * @param traceTerm        {@code Tr(S1 + S2 - 2 (S1 S2)^(1/2))}
     * @param generatedSamples samples behind the first statistics
     * @param referenceSamples samples behind the second statistics
     * @param dimension        length of the feature vectors
     * @param notes            warnings (rank-deficient covariance estimates); empty when none
     */
    public record Result(double score, double meanTerm, double traceTerm, long generatedSamples,
                         long referenceSamples, int dimension, List<String> notes) {
        public Result {
            notes = List.copyOf(notes);
        }
    }

    private FrechetDistance() {}

    /** The distance between the statistics of generated features and of reference (real) features. */
    public static Result between(FeatureStatistics generated, FeatureStatistics reference) {
        int d = generated.dimension();
        if (reference.dimension() != d) {
            throw new ImageMetricException("fid: generated features have dimension " + d
                    + ", reference features " + reference.dimension() + " (statistics of different extractors?)");
        }
        double meanTerm = 0;
        for (int j = 0; j < d; j++) {
            double diff = generated.mean()[j] - reference.mean()[j];
            meanTerm += diff * diff;
        }
        DMatrixRMaj s1 = matrix(generated.covariance());
        DMatrixRMaj s2 = matrix(reference.covariance());
        double traceS1 = CommonOps_DDRM.trace(s1);
        double traceS2 = CommonOps_DDRM.trace(s2);
        double traceSqrt = traceOfSqrtProduct(s1, s2);
        double traceTerm = traceS1 + traceS2 - 2 * traceSqrt;

        List<String> notes = new ArrayList<>();
        rankNote(notes, "generated", generated);
        rankNote(notes, "reference", reference);
        return new Result(meanTerm + traceTerm, meanTerm, traceTerm, generated.samples(), reference.samples(), d,
                notes);
    }

    /** {@link #between} of the statistics of two sets of feature vectors. */
    public static Result between(float[][] generated, float[][] reference) {
        return between(FeatureStatistics.of(generated), FeatureStatistics.of(reference));
    }

    private static void rankNote(List<String> notes, String which, FeatureStatistics s) {
        if (s.rankDeficient()) {
            notes.add(which + " covariance from " + s.samples() + " samples in " + s.dimension()
                    + " dimensions has rank at most " + (s.samples() - 1)
                    + ": the estimate is rank-deficient and the distance biased; use more samples than dimensions");
        }
    }

    /**
     * {@code Tr (S1 S2)^(1/2)} as {@code sum sqrt(eig(S1^(1/2) S2 S1^(1/2)))}; see the class comment. With
     * {@code S1 = V L V^T} and {@code B = V L^(1/2)}, {@code S1^(1/2) S2 S1^(1/2) = V (B^T S2 B) V^T}: the symmetric
     * {@code B^T S2 B} has the same eigenvalues and costs one matrix product less.
     */
    static double traceOfSqrtProduct(DMatrixRMaj s1, DMatrixRMaj s2) {
        int d = s1.numRows;
        DMatrixRMaj b = scaledEigenvectors(s1);                 // (d, d) = V L^(1/2)
        DMatrixRMaj tmp = new DMatrixRMaj(d, d);
        DMatrixRMaj m = new DMatrixRMaj(d, d);
        CommonOps_DDRM.mult(s2, b, tmp);                        // S2 B
        CommonOps_DDRM.multTransA(b, tmp, m);                   // B^T S2 B
        symmetrise(m);                                          // remove the products' rounding asymmetry
        double sum = 0;
        for (double lambda : symmetricEigenvalues(m)) {
            sum += Math.sqrt(Math.max(lambda, 0));
        }
        return sum;
    }

    /**
     * {@code V L^(1/2)} of a symmetric {@code S = V L V^T}, negative eigenvalues clamped to 0: column {@code i} is
     * eigenvector {@code i} times {@code sqrt(max(l_i, 0))}, so that {@code S^(1/2) = B V^T} and {@code S = B B^T}.
     */
    static DMatrixRMaj scaledEigenvectors(DMatrixRMaj s) {
        int d = s.numRows;
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(s, true);
        DMatrixRMaj b = new DMatrixRMaj(d, d);
        for (int i = 0; i < d; i++) {
            double root = Math.sqrt(Math.max(eig.getEigenvalue(i).getReal(), 0));
            DMatrixRMaj v = eig.getEigenVector(i);              // (d, 1), unit length
            for (int k = 0; k < d; k++) {
                b.unsafe_set(k, i, v.get(k) * root);
            }
        }
        return b;
    }

    static double[] symmetricEigenvalues(DMatrixRMaj s) {
        EigenDecomposition_F64<DMatrixRMaj> eig = decompose(s, false);
        double[] out = new double[s.numRows];
        for (int i = 0; i < out.length; i++) {
            out[i] = eig.getEigenvalue(i).getReal();
        }
        return out;
    }

    private static EigenDecomposition_F64<DMatrixRMaj> decompose(DMatrixRMaj s, boolean vectors) {
        EigenDecomposition_F64<DMatrixRMaj> eig = DecompositionFactory_DDRM.eig(s.numRows, vectors, true);
        if (!eig.decompose(eig.inputModified() ? s.copy() : s)) {
            throw new ImageMetricException("fid: the symmetric eigendecomposition of a " + s.numRows + " x "
                    + s.numCols + " covariance did not converge (are the features finite and not huge?)");
        }
        return eig;
    }

    private static void symmetrise(DMatrixRMaj m) {
        int d = m.numRows;
        for (int i = 0; i < d; i++) {
            for (int j = i + 1; j < d; j++) {
                double v = 0.5 * (m.unsafe_get(i, j) + m.unsafe_get(j, i));
                m.unsafe_set(i, j, v);
                m.unsafe_set(j, i, v);
            }
        }
    }

    private static DMatrixRMaj matrix(double[][] rows) {
        return new DMatrixRMaj(rows);
    }
}
