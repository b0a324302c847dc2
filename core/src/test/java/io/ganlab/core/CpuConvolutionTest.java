package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

class CpuConvolutionTest {
    @Test
    void multiplesOfSixteenTrainOnTheCpu() {
        for (long c : new long[] {16, 64, 128, 512}) {
            assertDoesNotThrow(() -> CpuConvolution.requireTrainableWidth("model.dim", c, Device.cpu()));
        }
    }

    @Test
    void otherWidthsAreRefusedOnTheCpuWithTheNearestChoices() {
        TrainingException e = assertThrows(TrainingException.class,
                () -> CpuConvolution.requireTrainableWidth("model.dim", 100, Device.cpu()));
        assertEquals("model.dim is 100: on the CPU it must be a multiple of 16 (libtorch's oneDNN convolutions return"
                + " NaN gradients at other widths; see README, Known issues); use 96 or 112", e.getMessage());
        e = assertThrows(TrainingException.class,
                () -> CpuConvolution.requireTrainableWidth("model.dim", 8, Device.cpu()));
        assertEquals(true, e.getMessage().endsWith("; use 16"), e.getMessage());
    }

    @Test
    void theGpuHasNoSuchLimit() {
        assertDoesNotThrow(() -> CpuConvolution.requireTrainableWidth("model.dim", 100, Device.gpu()));
    }
}
