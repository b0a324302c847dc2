package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Java arrays to NDArrays whose memory libtorch owns.
 *
 * <p>{@code NDManager.create(float[])} copies into a fresh direct buffer that the tensor merely points at; the
 * buffer is freed only when the garbage collector gets to it, which, with a large heap and little Java garbage,
 * can be hundreds of steps later: resident memory then grows by every batch made so far (measured: +147 MB over
 * 200 critic steps). Here the data goes through one reused direct buffer per thread and is cloned into
 * libtorch's memory, which is freed as soon as the array is closed.
 */
public final class HostCopy {
    private static final ThreadLocal<ByteBuffer> BUFFER =
            ThreadLocal.withInitial(() -> ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.nativeOrder()));

    private HostCopy() {}

    private static ByteBuffer buffer(long bytes) {
        ByteBuffer b = BUFFER.get();
        if (b.capacity() < bytes) {
            b = ByteBuffer.allocateDirect((int) Math.max(bytes, 2L * b.capacity())).order(ByteOrder.nativeOrder());
            BUFFER.set(b);
        }
        b.clear().limit((int) bytes);
        return b;
    }

    /** A float32 array of the given shape holding {@code v}. */
    public static NDArray floats(NDManager m, float[] v, Shape s) {
        check(v.length, s);
        ByteBuffer b = buffer(4L * v.length);
        b.asFloatBuffer().put(v);
        return cloned(m, b, s, DataType.FLOAT32);
    }

    /** A uint8 array of the given shape holding {@code v} (read as unsigned 0..255). */
    public static NDArray bytes(NDManager m, byte[] v, Shape s) {
        check(v.length, s);
        ByteBuffer b = buffer(v.length);
        b.put(v).flip();
        return cloned(m, b, s, DataType.UINT8);
    }

    /** A float64 array of the given shape holding {@code v}. */
    public static NDArray doubles(NDManager m, double[] v, Shape s) {
        check(v.length, s);
        ByteBuffer b = buffer(8L * v.length);
        b.asDoubleBuffer().put(v);
        return cloned(m, b, s, DataType.FLOAT64);
    }

    private static NDArray cloned(NDManager m, ByteBuffer b, Shape s, DataType t) {
        // the view points into the reused buffer; its clone owns its memory
        try (NDArray view = m.create(b, s, t)) {
            return view.duplicate();
        }
    }

    private static void check(int n, Shape s) {
        if (n != s.size()) {
            throw new IllegalArgumentException(n + " values do not fill shape " + s);
        }
    }
}
