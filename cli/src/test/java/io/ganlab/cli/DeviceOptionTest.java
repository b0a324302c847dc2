package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import io.ganlab.common.UserException;
import org.junit.jupiter.api.Test;

/** {@code --device}: cpu always; a GPU only when the loaded libtorch is the CUDA build and sees that GPU. */
class DeviceOptionTest {
    // cpu needs nothing; gpu is the first GPU, gpu:N the N-th, when a CUDA build sees enough GPUs
    @Test
    void validDevices() {
        assertEquals(Device.cpu(), DeviceOption.resolve("cpu", false, 0));
        assertEquals(Device.cpu(), DeviceOption.resolve("cpu", true, 2));
        assertEquals(Device.gpu(0), DeviceOption.resolve("gpu", true, 1));
        assertEquals(Device.gpu(0), DeviceOption.resolve("gpu:0", true, 1));
        assertEquals(Device.gpu(1), DeviceOption.resolve("gpu:1", true, 2));
    }

    // the CPU build of libtorch cannot run on a GPU, whatever the count says: one line naming the cuda profile
    @Test
    void gpuOnTheCpuBuildFails() {
        DeviceOption.DeviceException e = assertThrows(DeviceOption.DeviceException.class,
                () -> DeviceOption.resolve("gpu", false, 1));
        assertEquals("--device gpu: the libtorch loaded is the CPU build; build with the cuda profile"
                + " (GAN_MAVEN_OPTS=-Pcuda ./gan ...) on a machine with an NVIDIA driver (README, GPU)", e.getMessage());
        assertTrue(e instanceof UserException);
    }

    // the CUDA build without a visible GPU, and a GPU number past the last one, fail with one line each
    @Test
    void missingGpusFail() {
        assertEquals("--device gpu: libtorch is the CUDA build but sees no GPU; check the driver (nvidia-smi) and"
                        + " CUDA_VISIBLE_DEVICES",
                assertThrows(DeviceOption.DeviceException.class, () -> DeviceOption.resolve("gpu", true, 0)).getMessage());
        assertEquals("--device gpu:1: libtorch sees 1 GPU (gpu:0)",
                assertThrows(DeviceOption.DeviceException.class, () -> DeviceOption.resolve("gpu:1", true, 1)).getMessage());
        assertEquals("--device gpu:4: libtorch sees 3 GPUs (gpu:0 to gpu:2)",
                assertThrows(DeviceOption.DeviceException.class, () -> DeviceOption.resolve("gpu:4", true, 3)).getMessage());
    }

    // anything but cpu, gpu and gpu:N is refused before the engine is asked
    @Test
    void malformedSpecsFail() {
        for (String bad : new String[] {"", "tpu", "GPU", "gpu:", "gpu:-1", "gpu:x", "cuda:0", "gpu:0:1", " cpu"}) {
            DeviceOption.DeviceException e = assertThrows(DeviceOption.DeviceException.class,
                    () -> DeviceOption.resolve(bad, true, 8), bad);
            assertEquals("--device must be cpu, gpu or gpu:N, not '" + bad + "'", e.getMessage());
        }
    }

    // in this process (the tests run on the CPU build of libtorch): cpu resolves, gpu fails with the CPU-build line
    @Test
    void thisProcessHasTheCpuBuild() {
        assertEquals(Device.cpu(), DeviceOption.resolve("cpu"));
        DeviceOption.DeviceException e = assertThrows(DeviceOption.DeviceException.class,
                () -> DeviceOption.resolve("gpu"));
        assertTrue(e.getMessage().startsWith("--device gpu: the libtorch loaded is the CPU build;"), e.getMessage());
    }
}
