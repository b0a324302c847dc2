package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Per-parameter state arrays of an optimizer ({@code slots} arrays per trainable parameter, shaped like it), the
 * step counter, and their binary form. Owns a manager for the arrays.
 */
final class OptimizerState implements AutoCloseable {
    private final String kind;
    private final int slots;
    private NDManager manager;
    private final List<String> names = new ArrayList<>();
    private final List<Shape> shapes = new ArrayList<>();
    /** arrays.get(i)[k]: slot k of trainable parameter i. */
    final List<NDArray[]> arrays = new ArrayList<>();
    long steps;

    OptimizerState(String kind, int slots) {
        this.kind = kind;
        this.slots = slots;
    }

    static List<Parameter> trainable(List<Parameter> params) {
        List<Parameter> t = new ArrayList<>(params.size());
        for (Parameter p : params) {
            if (p.requiresGradient()) {
                t.add(p);
            }
        }
        return t;
    }

    /** Creates zero state on first use; afterwards checks that the same parameters come back. */
    void ensure(List<Parameter> trainable) {
        if (manager == null) {
            if (trainable.isEmpty()) {
                throw new IllegalArgumentException(kind + ": no trainable parameters");
            }
            manager = trainable.get(0).getArray().getManager().newSubManager();
            for (Parameter p : trainable) {
                NDArray w = p.getArray();
                NDArray[] s = new NDArray[slots];
                for (int k = 0; k < slots; k++) {
                    s[k] = manager.zeros(w.getShape(), w.getDataType());
                }
                names.add(p.getName());
                shapes.add(w.getShape());
                arrays.add(s);
            }
            return;
        }
        String problem = mismatch(trainable, names, shapes);
        if (problem != null) {
            throw new IllegalArgumentException(kind + ": parameters changed since the first step: " + problem);
        }
    }

    private static String mismatch(List<Parameter> trainable, List<String> names, List<Shape> shapes) {
        if (trainable.size() != names.size()) {
            return "expected " + names.size() + " trainable parameters, got " + trainable.size();
        }
        for (int i = 0; i < names.size(); i++) {
            Parameter p = trainable.get(i);
            Shape s = p.getArray().getShape();
            if (!names.get(i).equals(p.getName()) || !shapes.get(i).equals(s)) {
                return "parameter " + i + " is " + p.getName() + " " + s + ", expected " + names.get(i) + " "
                        + shapes.get(i);
            }
        }
        return null;
    }

    void save(DataOutputStream out, double... hyper) throws IOException {
        out.writeUTF(kind);
        out.writeInt(1);                              // format version
        out.writeInt(hyper.length);
        for (double h : hyper) {
            out.writeDouble(h);
        }
        out.writeLong(steps);
        out.writeInt(arrays.size());
        out.writeInt(slots);
        for (int i = 0; i < arrays.size(); i++) {
            out.writeUTF(names.get(i));
            Shape s = shapes.get(i);
            out.writeInt(s.dimension());
            for (long d : s.getShape()) {
                out.writeLong(d);
            }
            for (NDArray a : arrays.get(i)) {
                out.writeUTF(a.getDataType().name());
                byte[] b = a.toByteArray();           // native byte order, as create(ByteBuffer) reads it
                out.writeInt(b.length);
                out.write(b);
            }
        }
    }

    /** Reads the state; returns the saved hyperparameters. Fails with a message naming the first mismatch. */
    double[] load(DataInputStream in, List<Parameter> trainable) throws IOException {
        String savedKind = in.readUTF();
        if (!savedKind.equals(kind)) {
            throw new IOException("optimizer state is for " + savedKind + ", not " + kind);
        }
        int version = in.readInt();
        if (version != 1) {
            throw new IOException(kind + " state format " + version + " is not supported (expected 1)");
        }
        double[] hyper = new double[in.readInt()];
        for (int i = 0; i < hyper.length; i++) {
            hyper[i] = in.readDouble();
        }
        long savedSteps = in.readLong();
        int count = in.readInt();
        int savedSlots = in.readInt();
        if (savedSlots != slots) {
            throw new IOException(kind + " state has " + savedSlots + " arrays per parameter, expected " + slots);
        }
        if (count == 0 && savedSteps == 0) {
            close();   // saved before its first step: a fresh optimizer
            steps = 0;
            return hyper;
        }
        if (count != trainable.size()) {
            throw new IOException(kind + " state holds " + count + " parameters but the network has "
                    + trainable.size() + " trainable ones: the checkpoint is from another architecture");
        }
        List<String> n = new ArrayList<>();
        List<Shape> sh = new ArrayList<>();
        List<byte[][]> data = new ArrayList<>();
        List<DataType[]> types = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            n.add(in.readUTF());
            long[] dims = new long[in.readInt()];
            for (int d = 0; d < dims.length; d++) {
                dims[d] = in.readLong();
            }
            sh.add(new Shape(dims));
            byte[][] bytes = new byte[slots][];
            DataType[] t = new DataType[slots];
            for (int s = 0; s < slots; s++) {
                t[s] = DataType.valueOf(in.readUTF());
                bytes[s] = in.readNBytes(in.readInt());
            }
            data.add(bytes);
            types.add(t);
        }
        String problem = mismatch(trainable, n, sh);
        if (problem != null) {
            throw new IOException(kind + " state does not match the network: " + problem);
        }
        close();
        manager = trainable.get(0).getArray().getManager().newSubManager();
        names.addAll(n);
        shapes.addAll(sh);
        for (int i = 0; i < count; i++) {
            NDArray[] s = new NDArray[slots];
            for (int k = 0; k < slots; k++) {
                ByteBuffer buf = ByteBuffer.allocateDirect(data.get(i)[k].length).order(ByteOrder.nativeOrder());
                buf.put(data.get(i)[k]).rewind();
                // duplicate: libtorch-owned memory, not a view of the Java buffer
                try (NDArray view = manager.create(buf, sh.get(i), types.get(i)[k])) {
                    s[k] = view.duplicate();
                }
            }
            arrays.add(s);
        }
        steps = savedSteps;
        return hyper;
    }

    @Override
    public void close() {
        if (manager != null) {
            manager.close();
            manager = null;
        }
        names.clear();
        shapes.clear();
        arrays.clear();
        steps = 0;
    }
}
