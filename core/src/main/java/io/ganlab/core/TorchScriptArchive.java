package io.ganlab.core;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the zip archive that {@code torch.jit.load} reads, for a parameterless TorchScript module whose code is
 * given as source text. Lets the project ship a scripted helper without Python at build or run time.
 *
 * <p>Layout (as written by {@code torch.jit.save} in torch 1.13, which libtorch 2.x loads):
 * {@code <name>/data.pkl} (the pickled module object: class {@code __torch__.<Class>} with its attribute dict),
 * {@code <name>/code/__torch__.py} (the class source), {@code <name>/constants.pkl} (an empty tuple) and
 * {@code <name>/version} (the file format version).
 */
final class TorchScriptArchive {
    /** File format 3: what torch 1.13 writes for modules without tensors; within libtorch 2.7's supported range. */
    static final String FORMAT_VERSION = "3";

    private TorchScriptArchive() {}

    /**
     * The archive bytes of a module of class {@code __torch__.<className>} defined in {@code code} (the whole
     * {@code __torch__.py} text), with a single attribute {@code training = True}.
     */
    static byte[] write(String archiveName, String className, String code) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
                put(zip, archiveName + "/data.pkl", modulePickle(className));
                put(zip, archiveName + "/code/__torch__.py", code.getBytes(StandardCharsets.UTF_8));
                put(zip, archiveName + "/constants.pkl", new byte[] {(byte) 0x80, 0x02, ')', '.'});
                put(zip, archiveName + "/version", (FORMAT_VERSION + "\n").getBytes(StandardCharsets.US_ASCII));
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

    /**
     * Pickle protocol 2 of the module object, as TorchScript's pickler writes it:
     * {@code GLOBAL '__torch__ <Class>', EMPTY_TUPLE, NEWOBJ, EMPTY_DICT, MARK, 'training', True, SETITEMS,
     * BUILD, STOP}.
     */
    static byte[] modulePickle(String className) {
        ByteArrayOutputStream p = new ByteArrayOutputStream();
        p.write(0x80);                                      // PROTO
        p.write(2);
        p.write('c');                                       // GLOBAL module\nname\n
        p.writeBytes(("__torch__\n" + className + "\n").getBytes(StandardCharsets.US_ASCII));
        p.write(')');                                       // EMPTY_TUPLE
        p.write(0x81);                                      // NEWOBJ
        p.write('}');                                       // EMPTY_DICT
        p.write('(');                                       // MARK
        byte[] key = "training".getBytes(StandardCharsets.US_ASCII);
        p.write('X');                                       // BINUNICODE, 4-byte little-endian length
        p.write(key.length);
        p.write(0);
        p.write(0);
        p.write(0);
        p.writeBytes(key);
        p.write(0x88);                                      // NEWTRUE
        p.write('u');                                       // SETITEMS
        p.write('b');                                       // BUILD
        p.write('.');                                       // STOP
        return p.toByteArray();
    }
}
