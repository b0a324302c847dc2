package io.ganlab.core;

import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;

/**
 * A first-order optimizer whose whole state (moments, step counter) the project owns and saves, so that a resumed
 * run continues exactly. Parameters that do not require gradient (batch-norm running statistics) are skipped.
 * The parameter list must come in the same order at every call.
 */
public interface Optimizer extends AutoCloseable {
    /** One update of every trainable parameter from its gradient, without recording; zeroes the gradients. */
    void step(List<Parameter> params, float lr);

    /** Writes the state (hyperparameters, step counter, per-parameter moments with their names and shapes). */
    void save(DataOutputStream out) throws IOException;

    /**
     * Restores the state saved by {@link #save}, for the same parameters in the same order.
     *
     * @throws IOException with a message naming the mismatch when the saved state does not fit the parameters
     */
    void load(DataInputStream in, List<Parameter> params) throws IOException;

    /** Frees the state arrays. */
    @Override
    void close();
}
