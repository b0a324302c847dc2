package io.ganlab.eval;

/**
 * The plug-in Jensen-Shannon divergence in bits between two n-gram models, as in the WGAN-GP code:
 * with {@code M = (P + Q) / 2},
 * {@code JSD = ½ Σ_{g∈supp P} P(g) log(P(g)/M(g)) + ½ Σ_{g∈supp Q} Q(g) log(Q(g)/M(g))}, divided by ln 2.
 *
 * <p>Only the smaller model is walked: each of its n-grams is looked up in the larger one, and the n-grams
 * of the larger model absent from the smaller contribute {@code Q(g) log 2} each, i.e. their total count
 * times log 2, which follows from integer counts. Scoring 6,400 samples thus never walks the tens of
 * millions of n-grams of a true model. Identical models give exactly 0, disjoint ones exactly 1.
 */
public final class JensenShannon {
    private static final double LN2 = Math.log(2);

    private JensenShannon() {}

    /** JSD in bits, in [0, 1]; symmetric. Both models must count n-grams of the same n and vocabulary. */
    public static double divergence(NgramModel p, NgramModel q) {
        if (!p.packing().equals(q.packing())) {
            throw new IllegalArgumentException("models of different n or vocabulary: " + p + " vs " + q);
        }
        if (p.total() == 0 || q.total() == 0) {
            throw new EvalException("JSD of an empty n-gram model (no windows counted)");
        }
        NgramModel small = p.distinct() <= q.distinct() ? p : q;
        NgramModel large = small == p ? q : p;
        double ts = small.total();
        double tl = large.total();
        double sum = 0;          // Σ over shared n-grams of both terms (nats)
        long smallOnly = 0;      // count of the small model's n-grams absent from the large one
        long largeShared = 0;    // count in the large model of the shared n-grams
        int from = 0;
        for (int i = 0; i < small.distinct(); i++) {
            long l = small.lo(i);
            long h = small.hi(i);
            int at = large.seek(from, l, h);
            if (at < large.distinct() && large.lo(at) == l && large.hi(at) == h) {
                double a = small.count(i) / ts;
                double b = large.count(at) / tl;
                double m = (a + b) / 2;
                sum += a * Math.log(a / m) + b * Math.log(b / m);
                largeShared += large.count(at);
                from = at + 1;
            } else {
                smallOnly += small.count(i);
                from = at;
            }
        }
        // n-grams in one model only: P(g) log(P(g) / (P(g)/2)) = P(g) log 2
        double onlyMass = smallOnly / ts + (large.total() - largeShared) / tl;
        double jsd = (sum / LN2 + onlyMass) / 2;
        return Math.max(0, Math.min(1, jsd));
    }
}
