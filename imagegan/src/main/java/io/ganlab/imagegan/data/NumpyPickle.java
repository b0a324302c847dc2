package io.ganlab.imagegan.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.razorvine.pickle.IObjectConstructor;
import net.razorvine.pickle.PickleException;
import net.razorvine.pickle.Unpickler;

/**
 * Reads the pickled dicts of CIFAR-10's Python batches with Razorvine's unpickler (never by running Python). A
 * batch pickled by Python 2's cPickle (protocol 2) holds {@code data}, a numpy {@code uint8} array of N x 3072
 * rebuilt by {@code numpy.core.multiarray._reconstruct} and a {@code BUILD} with the state
 * {@code (version, shape, dtype, fortran, rawdata)}, {@code labels} (a list of N ints), {@code batch_label} and
 * {@code filenames}; {@code batches.meta} holds {@code label_names}. Keys and raw data are byte strings under
 * Python 2 and may be {@code bytes} or {@code str} when re-pickled under Python 3 (numpy 2 names the module
 * {@code numpy._core.multiarray}); both are accepted.
 */
final class NumpyPickle {
    static {
        IObjectConstructor reconstruct = args -> new NdArray();
        Unpickler.registerConstructor("numpy.core.multiarray", "_reconstruct", reconstruct);
        Unpickler.registerConstructor("numpy._core.multiarray", "_reconstruct", reconstruct);
        Unpickler.registerConstructor("numpy", "dtype", Dtype::new);
    }

    private NumpyPickle() {}

    /**
     * A numpy array as unpickled: its {@code __setstate__} is what the unpickler calls for {@code BUILD}, so the
     * name is the pickle protocol's, not ours.
     */
    public static final class NdArray {
        int[] shape;
        Dtype dtype;
        boolean fortran;
        byte[] data;

        @SuppressWarnings("checkstyle:MethodName")
        public void __setstate__(Object[] state) {
            // (version, shape, dtype, is_fortran, rawdata); very old numpy leaves out the version
            int o = state.length == 5 ? 1 : 0;
            if (state.length - o != 4) {
                throw new PickleException("numpy array state of " + state.length + " items");
            }
            Object[] dims = (Object[]) state[o];
            shape = new int[dims.length];
            for (int i = 0; i < dims.length; i++) {
                shape[i] = ((Number) dims[i]).intValue();
            }
            dtype = state[o + 1] instanceof Dtype d ? d : null;
            fortran = Boolean.TRUE.equals(state[o + 2]);
            data = bytes(state[o + 3]);
        }
    }

    /** A numpy dtype as unpickled: {@code dtype('u1', 0, 1)} then a state whose endianness is irrelevant for bytes. */
    public static final class Dtype {
        final String code;

        Dtype(Object[] args) {
            this.code = args.length > 0 ? text(args[0]) : "?";
        }

        @SuppressWarnings("checkstyle:MethodName")
        public void __setstate__(Object[] state) {
            // (3, '|', None, None, None, -1, -1, 0): byte order and alignment; nothing to keep for uint8
        }
    }

    /** One batch: N rows of 3072 bytes and N labels. */
    record Batch(int rows, byte[] data, int[] labels) {}

    /** Reads a {@code data_batch_N} / {@code test_batch} pickle. */
    static Batch readBatch(InputStream in, String name) throws IOException {
        Map<String, Object> d = dict(load(in, name), name);
        Object data = d.get("data");
        Object labels = d.get("labels");
        if (!(data instanceof NdArray a) || !(labels instanceof List<?> list)) {
            throw new ImageException(name + ": not a CIFAR-10 batch (no numpy 'data' and list 'labels'; keys "
                    + d.keySet() + ")");
        }
        if (a.dtype == null || !(a.dtype.code.equals("u1") || a.dtype.code.equals("uint8"))) {
            throw new ImageException(name + ": 'data' is not a uint8 array (dtype "
                    + (a.dtype == null ? "?" : a.dtype.code) + ")");
        }
        if (a.shape.length != 2 || a.shape[1] != CifarRecords.PIXELS || a.fortran) {
            throw new ImageException(name + ": 'data' has shape " + java.util.Arrays.toString(a.shape)
                    + (a.fortran ? " in Fortran order" : "") + ", expected (N, 3072) in C order");
        }
        if ((long) a.shape[0] * a.shape[1] != a.data.length) {
            throw new ImageException(name + ": truncated 'data' (" + a.data.length + " bytes for shape ("
                    + a.shape[0] + ", 3072))");
        }
        if (list.size() != a.shape[0]) {
            throw new ImageException(name + ": " + list.size() + " labels for " + a.shape[0] + " images");
        }
        int[] l = new int[list.size()];
        for (int i = 0; i < l.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.longValue() < 0 || n.longValue() > 255) {
                throw new ImageException(name + ": label " + (i + 1) + " is " + list.get(i)
                        + ", not a class number 0..255");
            }
            l[i] = n.intValue();
        }
        return new Batch(a.shape[0], a.data, l);
    }

    /** Reads {@code batches.meta}: its {@code label_names}. */
    static List<String> readLabelNames(InputStream in, String name) throws IOException {
        Map<String, Object> d = dict(load(in, name), name);
        if (!(d.get("label_names") instanceof List<?> list)) {
            throw new ImageException(name + ": no 'label_names' list (keys " + d.keySet() + ")");
        }
        List<String> names = new ArrayList<>();
        for (Object o : list) {
            names.add(text(o));
        }
        return names;
    }

    private static Object load(InputStream in, String name) throws IOException {
        Unpickler u = new Unpickler();
        try {
            // the unpickler closes its stream, which may be an archive still being read
            return u.load(new java.io.FilterInputStream(in) {
                @Override
                public void close() {}
            });
        } catch (java.io.EOFException e) {
            throw new ImageException(name + ": truncated pickle", e);
        } catch (PickleException | ClassCastException | ArrayIndexOutOfBoundsException e) {
            throw new ImageException(name + ": not a readable pickle (" + e.getMessage() + ")", e);
        } finally {
            u.close();
        }
    }

    private static Map<String, Object> dict(Object o, String name) {
        if (!(o instanceof Map<?, ?> m)) {
            throw new ImageException(name + ": the pickle holds a " + (o == null ? "None" : o.getClass().getSimpleName())
                    + ", not a dict");
        }
        Map<String, Object> d = new java.util.LinkedHashMap<>();
        for (var e : m.entrySet()) {
            d.put(text(e.getKey()), e.getValue());
        }
        return d;
    }

    /** A Python 2 str (each char one byte) or Python 3 bytes as bytes. */
    static byte[] bytes(Object o) {
        if (o instanceof byte[] b) {
            return b;
        }
        if (o instanceof String s) {
            byte[] b = new byte[s.length()];
            for (int i = 0; i < b.length; i++) {
                char c = s.charAt(i);
                if (c > 0xFF) {
                    throw new PickleException("raw data holds a character above U+00FF");
                }
                b[i] = (byte) c;
            }
            return b;
        }
        throw new PickleException("raw data of type " + (o == null ? "None" : o.getClass().getSimpleName()));
    }

    /** A key or name: str, or bytes taken as UTF-8. */
    static String text(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(o);
    }
}
