package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import java.util.Map;

/**
 * A loss to minimise and the named scalar terms the trainer logs. {@code value} carries the graph; the terms are
 * detached. Fixed term names: {@code wasserstein} (mean D(real) − mean D(fake)), {@code penalty} (0 where the
 * objective has none), {@code grad_norm} (mean per-example ‖∇D‖ at the penalised points, where computed).
 */
public record Loss(NDArray value, Map<String, NDArray> terms) {
    public static final String WASSERSTEIN = "wasserstein";
    public static final String PENALTY = "penalty";
    public static final String GRAD_NORM = "grad_norm";

    public Loss {
        terms = Map.copyOf(terms);
    }

    /** A term as a double, or NaN when the objective did not compute it. */
    public double term(String name) {
        NDArray t = terms.get(name);
        return t == null ? Double.NaN : t.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
    }
}
