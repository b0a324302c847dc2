package io.ganlab.core;

import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.engine.PtSymbolBlock;
import ai.djl.pytorch.jni.JniUtils;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the zip archive that {@code torch.jit.load} reads, for a TorchScript module whose code is given as source
 * text: lets the project ship a scripted helper, and its tests make TorchScript models, without Python.
 *
 * <p>Layout (as written by {@code torch.jit.save} in torch 1.13, which libtorch 2.x loads):
 * {@code <name>/data.pkl} (the pickled module object: class {@code __torch__.<Class>} with its attribute dict,
 * sub-modules and tensors nested in it), {@code <name>/code/__torch__.py} (the classes' source),
 * {@code <name>/constants.pkl} (an empty tuple), {@code <name>/version} (the file format version) and one
 * {@code <name>/data/<key>} per tensor: its float32 values, little-endian, contiguous.
 */
public final class TorchScriptArchive {
    /** File format 3: what torch 1.13 writes for these modules; within libtorch 2.7's supported range. */
    static final String FORMAT_VERSION = "3";
    private static final Map<String, PtSymbolBlock> SHARED = new HashMap<>();
    private static NDManager sharedManager;

    private TorchScriptArchive() {}

    /**
     * A module object: an instance of {@code __torch__.<className>} whose attributes are, in order, booleans,
     * {@code null}, {@link Tensor}s and nested modules (the classes' code must declare each of them).
     */
    public record Module(String className, Map<String, Object> attributes) {
        public Module {
            attributes = new LinkedHashMap<>(attributes);
        }

        /** A module with {@code training = False} followed by {@code more} (name, value, name, value, ...). */
        public static Module of(String className, Object... more) {
            Map<String, Object> a = new LinkedHashMap<>();
            a.put("training", false);
            for (int i = 0; i + 1 < more.length; i += 2) {
                a.put((String) more[i], more[i + 1]);
            }
            return new Module(className, a);
        }
    }

    /** A contiguous float32 tensor of the given shape on the CPU. */
    public record Tensor(float[] values, long... shape) {
        public Tensor {
            long n = 1;
            for (long s : shape) {
                n *= s;
            }
            if (n != values.length) {
                throw new IllegalArgumentException(values.length + " values for shape " + Arrays.toString(shape));
            }
        }
    }

    /**
     * The archive bytes of a module of class {@code __torch__.<className>} defined in {@code code} (the whole
     * {@code __torch__.py} text), with a single attribute {@code training = True}.
     */
    static byte[] write(String archiveName, String className, String code) {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("training", true);
        return write(archiveName, code, new Module(className, a));
    }

    /**
     * The in-process module {@code className} of {@code code} (the input gradient, the bf16 casts, fused Adam, the
     * language critic's written-out input gradient),
     * written and loaded once per process and archive name. Such modules hold no tensors, so one instance serves
     * every thread; they live in a base manager of their own, which closing a step's or a model's manager cannot
     * free.
     */
    public static synchronized PtSymbolBlock shared(String archiveName, String className, String code) {
        PtSymbolBlock m = SHARED.get(archiveName);
        if (m == null) {
            if (sharedManager == null) {
                sharedManager = NDManager.newBaseManager("PyTorch");
            }
            m = load(write(archiveName, className, code), sharedManager, archiveName.replace('_', '-'));
            SHARED.put(archiveName, m);
        }
        return m;
    }

    /**
     * Loads the module of an archive written here into {@code manager} (through a temp file, which libtorch needs).
     *
     * @param what names the module in the error message
     */
    private static PtSymbolBlock load(byte[] archive, NDManager manager, String what) {
        try {
            Path tmp = Files.createTempFile("ganlab-" + what.replace(' ', '-'), ".pt");
            try {
                Files.write(tmp, archive);
                return JniUtils.loadModule((PtNDManager) manager, tmp, true, new String[0], new String[0], true);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the " + what + " TorchScript module to a temp file", e);
        }
    }

    /** The archive bytes of {@code root}, whose classes {@code code} defines (the whole {@code __torch__.py}). */
    public static byte[] write(String archiveName, String code, Module root) {
        List<Tensor> tensors = new ArrayList<>();
        byte[] pickle = modulePickle(root, tensors);
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                put(zip, archiveName + "/data.pkl", pickle);
                put(zip, archiveName + "/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
                put(zip, archiveName + "/constants.pkl", new byte[] {(byte) 0x80, 0x02, ')', '.'});
                put(zip, archiveName + "/version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
                for (int i = 0; i < tensors.size(); i++) {
                    float[] v = tensors.get(i).values();
                    ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                    b.asFloatBuffer().put(v);
                    putStored(zip, archiveName + "/data/" + i, b.array());
                }
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in-memory streams do not fail
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    /** Tensor storage is stored uncompressed, as torch.jit.save does. */
    private static void putStored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /** Pickle protocol 2 of the module object as TorchScript's pickler writes it; tensors are appended to {@code tensors}. */
    static byte[] modulePickle(Module root, List<Tensor> tensors) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);                                      // PROTO 2
        p.write(2);
        module(p, root, tensors);
        p.write('.');                                       // STOP
        return p.toByteArray();
    }

    /** {@code GLOBAL '__torch__ <Class>', EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, MARK, key, value, ..., SETITEMS, BUILD}. */
    private static void module(ByteArrayOutputStream p, Module m, List<Tensor> tensors) {
        global(p, "__torch__", m.className());
        p.write(')');                                       // EMPTY_TUPLE
        p.write(0x81);                                      // NEWOBJ
        p.write('}');                                       // EMPTY_DICT
        p.write('(');                                       // MARK
        for (Map.Entry<String, Object> e : m.attributes().entrySet()) {
            string(p, e.getKey());
            value(p, e.getValue(), tensors);
        }
        p.write('u');                                       // SETITEMS
        p.write('b');                                       // BUILD
    }

    private static void value(ByteArrayOutputStream p, Object v, List<Tensor> tensors) {
        if (v == null) {
            p.write('N');                                   // NONE
        } else if (v instanceof Boolean b) {
            p.write(b ? 0x88 : 0x89);                       // NEWTRUE / NEWFALSE
        } else if (v instanceof Module m) {
            module(p, m, tensors);
        } else if (v instanceof Tensor t) {
            tensor(p, t, tensors);
        } else {
            throw new IllegalArgumentException("TorchScript archive: cannot pickle a " + v.getClass().getSimpleName());
        }
    }

    /**
     * {@code torch._utils._rebuild_tensor_v2((persistent ('storage', torch.FloatStorage, key, 'cpu', numel)),
     * offset 0, shape, contiguous stride, requires_grad False, OrderedDict())}.
     */
    private static void tensor(ByteArrayOutputStream p, Tensor t, List<Tensor> tensors) {
        String key = Integer.toString(tensors.size());
        tensors.add(t);
        global(p, "torch._utils", "_rebuild_tensor_v2");
        p.write('(');                                       // MARK: the argument tuple
        p.write('(');                                       // MARK: the persistent id
        string(p, "storage");
        global(p, "torch", "FloatStorage");
        string(p, key);
        string(p, "cpu");
        integer(p, t.values().length);
        p.write('t');                                       // TUPLE
        p.write('Q');                                       // BINPERSID
        integer(p, 0);                                      // storage offset
        long[] shape = t.shape();
        long[] stride = new long[shape.length];
        long s = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            stride[i] = s;
            s *= shape[i];
        }
        intTuple(p, shape);
        intTuple(p, stride);
        p.write(0x89);                                      // requires_grad: NEWFALSE
        global(p, "collections", "OrderedDict");            // backward hooks: OrderedDict()
        p.write(')');
        p.write('R');                                       // REDUCE
        p.write('t');                                       // TUPLE
        p.write('R');                                       // REDUCE
    }

    private static void intTuple(ByteArrayOutputStream p, long[] v) {
        p.write('(');
        for (long x : v) {
            integer(p, x);
        }
        p.write('t');
    }

    private static void global(ByteArrayOutputStream p, String module, String name) {
        p.write('c');                                       // GLOBAL module\nname\n
        p.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
    }

    private static void string(ByteArrayOutputStream p, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        p.write('X');                                       // BINUNICODE, 4-byte little-endian length
        p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(b.length).array());
        p.writeBytes(b);
    }

    private static void integer(ByteArrayOutputStream p, long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("TorchScript archive: " + v + " does not fit BININT");
        }
        p.write('J');                                       // BININT, 4-byte little-endian signed
        p.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt((int) v).array());
    }
}
