package io.ganlab.cli;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import io.ganlab.common.UserException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The value of a {@code --device} option: {@code cpu}, {@code gpu} (the first GPU) or {@code gpu:N}. Asking for a
 * GPU that the loaded libtorch cannot use is an error, never a quiet run on the CPU.
 */
public final class DeviceOption {
    private static final Pattern GPU = Pattern.compile("gpu(?::(\\d{1,4}))?");

    /** A {@code --device} that cannot be honoured; the message is the one line for the user. */
    public static final class DeviceException extends UserException {
        DeviceException(String message) {
            super(message);
        }
    }

    private DeviceOption() {}

    /** The DJL device for {@code spec}, checked against the libtorch loaded in this process. */
    public static Device resolve(String spec) {
        if ("cpu".equals(spec)) {
            return Device.cpu();     // no need to load the engine to know the CPU is there
        }
        Engine engine = Engine.getEngine("PyTorch");
        return resolve(spec, engine.hasCapability(StandardCapabilities.CUDA), engine.getGpuCount());
    }

    /**
     * The DJL device for {@code spec} given the loaded libtorch's facts.
     *
     * @param cudaBuild whether the loaded libtorch was built with CUDA
     * @param gpuCount  GPUs it sees
     */
    static Device resolve(String spec, boolean cudaBuild, int gpuCount) {
        if ("cpu".equals(spec)) {
            return Device.cpu();
        }
        Matcher m = GPU.matcher(spec == null ? "" : spec);
        if (!m.matches()) {
            throw new DeviceException("--device must be cpu, gpu or gpu:N, not '" + spec + "'");
        }
        int id = m.group(1) == null ? 0 : Integer.parseInt(m.group(1));
        if (!cudaBuild) {
            throw new DeviceException("--device " + spec + ": the libtorch loaded is the CPU build; build with the"
                    + " cuda profile (GAN_MAVEN_OPTS=-Pcuda ./gan ...) on a machine with an NVIDIA driver (README, GPU)");
        }
        if (gpuCount == 0) {
            throw new DeviceException("--device " + spec + ": libtorch is the CUDA build but sees no GPU; check the"
                    + " driver (nvidia-smi) and CUDA_VISIBLE_DEVICES");
        }
        if (id >= gpuCount) {
            throw new DeviceException("--device " + spec + ": libtorch sees " + gpuCount + " GPU"
                    + (gpuCount == 1 ? " (gpu:0)" : "s (gpu:0 to gpu:" + (gpuCount - 1) + ")"));
        }
        return Device.gpu(id);
    }
}
