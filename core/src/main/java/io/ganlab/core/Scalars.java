package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

/**
 * Multiplication by a constant that is safe inside graphs that are differentiated later.
 *
 * <p>DJL's PyTorch {@code mul(Number)} wraps the number in a tensor made with {@code from_blob} over a Java
 * direct buffer and closes that tensor right away; autograd keeps the tensor for the backward pass, but the
 * buffer is then reachable from nothing and the garbage collector may free it, so a later (double) backward
 * reads freed memory. The same holds for {@code div}/{@code pow} with a Number. Here the constant is cloned
 * into memory that libtorch owns and reference-counts.
 */
public final class Scalars {
    private Scalars() {}

    /** {@code x · c}, with {@code c} held in libtorch-owned memory of x's type and device. */
    public static NDArray times(NDArray x, double c) {
        try (NDArray s = constant(x, c)) {
            return x.mul(s);
        }
    }

    /** A 0-d constant of x's type in x's manager, in libtorch-owned memory (a clone, not a view of a buffer). */
    public static NDArray constant(NDArray x, double c) {
        DataType t = x.getDataType();
        if (t == DataType.FLOAT64) {
            return HostCopy.doubles(x.getManager(), new double[] {c}, new Shape());
        }
        NDArray f = HostCopy.floats(x.getManager(), new float[] {(float) c}, new Shape());
        // a bf16 array (which DJL cannot cast to, see Bf16) keeps its type under a 0-d FP32 constant
        if (t == DataType.FLOAT32 || t == DataType.UNKNOWN) {
            return f;
        }
        try (f) {
            return f.toType(t, true);
        }
    }
}
