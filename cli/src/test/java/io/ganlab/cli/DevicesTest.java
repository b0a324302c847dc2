package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.Device;
import org.junit.jupiter.api.Test;

/** The device line of train and bench commands. */
class DevicesTest {
    // the CPU case and a GPU case, written out by hand
    @Test
    void lineFromItsFacts() {
        assertEquals("device: CPU (2 threads); libtorch 2.7.1, CPU build (2.7.1-20250812-cpu-linux-x86_64);"
                        + " 0 GPUs visible",
                Devices.describe(Device.cpu(), "2.7.1", false, 0, "2.7.1-20250812-cpu-linux-x86_64", "", 2));
        assertEquals("device: GPU 1 (NVIDIA A100, compute capability 8.0, 40,960 MiB); libtorch 2.7.1, CUDA build"
                        + " (2.7.1-cu124-linux-x86_64); 2 GPUs visible",
                Devices.describe(Device.gpu(1), "2.7.1", true, 2, "2.7.1-cu124-linux-x86_64",
                        "NVIDIA A100, compute capability 8.0, 40,960 MiB", 8));
        assertEquals("device: GPU 0; libtorch 2.7.1, CUDA build; 1 GPU visible",
                Devices.describe(Device.gpu(0), "2.7.1", true, 1, "", "", 8));
    }

    // this process: the tests' class path carries pytorch-native-cpu, loaded from DJL's cache folder of the CPU
    // flavour, with the thread count surefire sets (-Dai.djl.pytorch.num_threads=2)
    @Test
    void thisProcessRunsOnTheCpuBuild() {
        String line = Devices.describe();
        org.junit.jupiter.api.Assertions.assertTrue(line.matches("device: CPU \\(2 threads\\); libtorch 2\\.7\\.1, CPU"
                + " build \\([^)]*-cpu-linux-x86_64\\); \\d+ GPUs? visible"), line);
    }
}
