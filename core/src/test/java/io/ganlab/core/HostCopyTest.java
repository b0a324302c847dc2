package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;

class HostCopyTest {
    /** Each array keeps its own values although every copy goes through the same reused buffer. */
    @Test
    void arraysAreIndependentOfTheSharedBuffer() {
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            NDArray a = HostCopy.floats(m, new float[] {1, 2, 3, 4, 5, 6}, new Shape(2, 3));
            NDArray b = HostCopy.floats(m, new float[] {9, 9, 9, 9, 9, 9}, new Shape(3, 2));
            NDArray big = HostCopy.floats(m, new float[100_000], new Shape(100_000));   // grows the buffer
            NDArray c = HostCopy.doubles(m, new double[] {0.1, 0.2}, new Shape(2));
            assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.toFloatArray());
            assertEquals(new Shape(2, 3), a.getShape());
            assertArrayEquals(new float[] {9, 9, 9, 9, 9, 9}, b.toFloatArray());
            assertEquals(0f, big.sum().getFloat());
            assertEquals(DataType.FLOAT64, c.getDataType());
            assertArrayEquals(new double[] {0.1, 0.2}, c.toDoubleArray(), 0);
            assertThrows(IllegalArgumentException.class, () -> HostCopy.floats(m, new float[3], new Shape(2, 2)));
        }
    }
}
