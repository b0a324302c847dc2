package io.ganlab.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The one line that says where a command computes: the device DJL's engine uses by default (a GPU or the CPU), the
 * libtorch it loaded (version, CPU or CUDA build, its folder) and how many GPUs it sees. Train and bench commands
 * print it first, so a GPU run that silently fell back to the CPU shows at once.
 */
public final class Devices {
    private Devices() {}

    /** The line for the engine loaded in this process (loads it if needed). */
    public static String describe() {
        Engine engine = Engine.getEngine("PyTorch");
        Device device = engine.defaultDevice();
        return describe(device, engine.getVersion(), engine.hasCapability(StandardCapabilities.CUDA),
                engine.getGpuCount(), libtorchFolder(), device.isGpu() ? gpuModel(device) : "",
                Integer.getInteger("ai.djl.pytorch.num_threads", Runtime.getRuntime().availableProcessors()));
    }

    /**
     * The line from its facts.
     *
     * @param cudaBuild whether the loaded libtorch was built with CUDA
     * @param folder    the folder DJL loaded libtorch from (its name carries the flavour), or "" if unknown
     * @param gpuModel  what is known of the GPU in use (compute capability, memory), or ""
     */
    static String describe(Device device, String libtorchVersion, boolean cudaBuild, int gpuCount, String folder,
                           String gpuModel, int threads) {
        String where = device.isGpu()
                ? "GPU " + device.getDeviceId() + (gpuModel.isEmpty() ? "" : " (" + gpuModel + ")")
                : "CPU (" + threads + " threads)";
        return String.format(Locale.ROOT, "device: %s; libtorch %s, %s build%s; %d GPU%s visible", where,
                libtorchVersion, cudaBuild ? "CUDA" : "CPU", folder.isEmpty() ? "" : " (" + folder + ")", gpuCount,
                gpuCount == 1 ? "" : "s");
    }

    /** The name of the folder libtorch was loaded from, e.g. {@code 2.7.1-cpu-linux-x86_64}, or "". */
    private static String libtorchFolder() {
        try {
            Path p = Path.of(LibUtils.getLibtorchPath());
            Path name = p.getFileName();
            return name == null ? "" : name.toString();
        } catch (RuntimeException | LinkageError e) {
            return "";
        }
    }

    /**
     * The GPU's name (nvidia-smi's, when it is installed), CUDA compute capability and memory (DJL's CUDA
     * utilities); whatever of it is known, "" if nothing.
     */
    private static String gpuModel(Device device) {
        List<String> parts = new ArrayList<>();
        String name = nvidiaSmiName(device.getDeviceId());
        if (!name.isEmpty()) {
            parts.add(name);
        }
        try {
            String cc = CudaUtils.getComputeCapability(device.getDeviceId());   // "86" for 8.6
            parts.add("compute capability " + cc.substring(0, cc.length() - 1) + "." + cc.substring(cc.length() - 1));
            parts.add(String.format(Locale.ROOT, "%,d MiB", CudaUtils.getGpuMemory(device).getMax() >> 20));
        } catch (RuntimeException | LinkageError e) {
            // the name alone, or nothing: the device id is printed anyway
        }
        return String.join(", ", parts);
    }

    private static String nvidiaSmiName(int id) {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "--query-gpu=name", "--format=csv,noheader", "-i", "" + id)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0 && !out.contains("\n") ? out : "";
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
