package io.ganlab.imagegan.features;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.IValue;
import ai.djl.pytorch.jni.JniUtils;
import io.ganlab.common.HashingInputStream;
import io.ganlab.common.UserException;
import io.ganlab.eval.image.ImageMetricException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TorchScript file loaded through DJL's PyTorch engine, in evaluation mode, on the CPU, with its SHA-256: what
 * both TorchScript extractors share. Errors are one line naming the file.
 */
final class TorchScriptModel implements AutoCloseable {
    private final NDManager manager;
    private final PtSymbolBlock block;
    private final String sha256;
    private final Path file;

    private TorchScriptModel(NDManager manager, PtSymbolBlock block, String sha256, Path file) {
        this.manager = manager;
        this.block = block;
        this.sha256 = sha256;
        this.file = file;
    }

    /** The SHA-256 of a file, lower-case hex; a missing file is refused with {@code missing} as the message. */
    static String sha256(Path file, String missing) {
        if (!Files.isRegularFile(file)) {
            throw new ImageMetricException(missing);
        }
        try {
            return HashingInputStream.sha256(file);
        } catch (IOException e) {
            throw new ImageMetricException(file + ": cannot be read (" + UserException.firstLine(e.getMessage()) + ")", e);
        }
    }

    /**
     * Loads {@code file}, whose SHA-256 the caller has computed; anything libtorch cannot load (not a TorchScript
     * archive, truncated, a plain state dict) is one line.
     */
    static TorchScriptModel load(Path file, String sha256, String what) {
        NDManager manager = NDManager.newBaseManager("PyTorch");
        try {
            PtSymbolBlock block = JniUtils.loadModule((PtNDManager) manager, file, true, new String[0],
                    new String[0], false);
            return new TorchScriptModel(manager, block, sha256, file);
        } catch (RuntimeException e) {
            manager.close();
            throw new ImageMetricException(file + ": not a TorchScript " + what + " that libtorch can load ("
                    + UserException.firstLine(e.getMessage()) + ")", e);
        }
    }

    String sha256() {
        return sha256;
    }

    Path file() {
        return file;
    }

    /** A sub-manager for one forward pass: close it after use. */
    NDManager step() {
        return manager.newSubManager();
    }

    /** The named parameter ({@code output.weight}), or null when the module has none of that name. */
    NDArray parameter(String name) {
        for (var p : block.getDirectParameters()) {
            if (p.getKey().equals(name)) {
                Parameter param = p.getValue();
                return param.getArray();
            }
        }
        return null;
    }

    /**
     * {@code forward(input, flags...)}: the tensors the module returns (one, or the elements of a tuple or list),
     * in {@code step}; a failing forward is one line.
     */
    List<NDArray> forward(NDManager step, NDArray input, boolean... flags) {
        List<IValue> args = new ArrayList<>();
        try {
            args.add(IValue.from((PtNDArray) input));
            for (boolean f : flags) {
                args.add(IValue.from(f));
            }
            try (IValue out = block.forward(args.toArray(IValue[]::new))) {
                List<NDArray> tensors = new ArrayList<>();
                if (out.isTensor()) {
                    tensors.add(out.toTensor((PtNDManager) step));
                } else if (out.isTuple() || out.isList() || out.isTensorList()) {
                    IValue[] parts = out.isTuple() ? out.toIValueTuple() : out.toIValueArray();
                    for (IValue part : parts) {
                        try (part) {
                            if (!part.isTensor()) {
                                throw new ImageMetricException(file + ": forward returned a " + out.getType()
                                        + " holding a " + part.getType() + "; tensors expected");
                            }
                            tensors.add(part.toTensor((PtNDManager) step));
                        }
                    }
                } else {
                    throw new ImageMetricException(file + ": forward returned a " + out.getType()
                            + "; a tensor or a tuple of tensors expected");
                }
                return tensors;
            }
        } catch (ai.djl.engine.EngineException e) {
            throw new ImageMetricException(file + ": forward failed on input " + input.getShape() + " ("
                    + UserException.firstLine(e.getMessage()) + ")", e);
        } finally {
            args.forEach(IValue::close);
        }
    }

    /**
     * The rows of a {@code (n, d)} float tensor as Java arrays; another shape, or a non-finite value, is one line
     * naming {@code what}.
     */
    float[][] rows(NDArray t, int n, int d, String what) {
        Shape s = t.getShape();
        if (s.dimension() != 2 || s.get(0) != n || s.get(1) < 1 || (d > 0 && s.get(1) != d)) {
            throw new ImageMetricException(file + ": " + what + " of shape " + s + " for " + n + " images; (" + n
                    + ", " + (d > 0 ? d : "d") + ") expected");
        }
        int cols = (int) s.get(1);
        float[] v = t.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
        float[][] rows = new float[n][cols];
        for (int i = 0; i < n; i++) {
            System.arraycopy(v, i * cols, rows[i], 0, cols);
            for (int j = 0; j < cols; j++) {
                if (!Float.isFinite(rows[i][j])) {
                    throw new ImageMetricException(file + ": " + what + " has a non-finite value (" + rows[i][j]
                            + ") for image " + i);
                }
            }
        }
        return rows;
    }

    @Override
    public void close() {
        manager.close();
    }
}
