package io.ganlab.imagegan.classifier;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import io.ganlab.common.Json;
import io.ganlab.common.StagedOutput;
import io.ganlab.imagegan.data.ImageShape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * One file holding a trained classifier: {@code "GANLABCL"}, format version (int), header length (int), the
 * {@link ClassifierInfo} as UTF-8 JSON, the network's parameters (DJL's {@code Block.saveParameters}), and the
 * SHA-256 of everything before it (32 bytes), which lets {@link #read} tell a damaged file. The SHA-256 of the
 * whole file is the classifier's identity: cached reference features are keyed by it.
 */
public final class ClassifierFile {
    private static final byte[] MAGIC = "GANLABCL".getBytes(StandardCharsets.US_ASCII);
    private static final int FORMAT = 1;
    private static final int DIGEST = 32;
    /** A classifier of the widths allowed is far below this; a larger file is not one. */
    private static final long MAX_BYTES = 1L << 30;

    private ClassifierFile() {}

    /**
     * A classifier read from a file.
     *
     * @param network its network, initialised with the file's parameters (owned by the manager passed to read)
     * @param info    its header
     * @param sha256  the SHA-256 of the whole file, lower-case hex
     */
    public record Loaded(ClassifierNetwork network, ClassifierInfo info, String sha256) {}

    /** Writes {@code network} with {@code info} to {@code file} atomically; returns the file's SHA-256. */
    public static String write(Path file, ClassifierNetwork network, ClassifierInfo info) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        out.write(MAGIC);
        out.writeInt(FORMAT);
        byte[] header = Json.PRETTY.writeValueAsBytes(info);
        out.writeInt(header.length);
        out.write(header);
        network.saveParameters(out);
        out.flush();
        byte[] body = bytes.toByteArray();
        byte[] whole = Arrays.copyOf(body, body.length + DIGEST);
        System.arraycopy(sha256(body, body.length), 0, whole, body.length, DIGEST);
        StagedOutput.writeFile(file, true, ch -> {
            java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(whole);
            while (b.hasRemaining()) {
                ch.write(b);
            }
        });
        return HexFormat.of().formatHex(sha256(whole, whole.length));
    }

    /**
     * Reads a classifier file, checking it whole before anything is built.
     *
     * @throws ClassifierException with one line naming the file and what is wrong: missing, not a classifier,
     *                             another format, damaged (checksum), or parameters that do not fit the header
     */
    public static Loaded read(Path file, NDManager manager) {
        byte[] all;
        try {
            if (Files.isDirectory(file)) {
                throw new ClassifierException(file + ": is a directory, not a classifier file");
            }
            if (Files.size(file) > MAX_BYTES) {
                throw bad(file, "too large to be a classifier file");
            }
            all = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ClassifierException(file + ": no such classifier file; train one with 'gan eval classifier"
                    + " train'");
        } catch (IOException e) {
            throw new ClassifierException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
        if (all.length < MAGIC.length + 8 + DIGEST
                || !Arrays.equals(Arrays.copyOf(all, MAGIC.length), MAGIC)) {
            throw bad(file, "not a classifier file");
        }
        int body = all.length - DIGEST;
        if (!Arrays.equals(sha256(all, body), Arrays.copyOfRange(all, body, all.length))) {
            throw bad(file, "damaged (its checksum does not match its content); train it again or copy it again");
        }
        try {
            DataInputStream in = new DataInputStream(new ByteArrayInputStream(all, 0, body));
            in.skipNBytes(MAGIC.length);
            int format = in.readInt();
            if (format != FORMAT) {
                throw bad(file, "format " + format + ", this version reads " + FORMAT);
            }
            int headerLength = in.readInt();
            if (headerLength < 2 || headerLength > body) {
                throw bad(file, "damaged header");
            }
            ClassifierInfo info = Json.PRETTY.readValue(in.readNBytes(headerLength), ClassifierInfo.class);
            if (!ClassifierInfo.FORMAT.equals(info.format())) {
                throw bad(file, "header format '" + info.format() + "', this version reads '"
                        + ClassifierInfo.FORMAT + "'");
            }
            ImageShape shape = new ImageShape(info.channels(), info.height(), info.width());
            ClassifierNetwork net = new ClassifierNetwork(info.architecture(), shape, info.classNames().size());
            net.initialize(manager, DataType.FLOAT32, new Shape(1, shape.channels(), shape.height(), shape.width()));
            net.loadParameters(manager, in);
            if (in.read() != -1) {
                throw bad(file, "trailing bytes after the parameters");
            }
            return new Loaded(net, info, HexFormat.of().formatHex(sha256(all, all.length)));
        } catch (ClassifierException e) {
            throw e;
        } catch (IOException | ai.djl.MalformedModelException | RuntimeException e) {
            String msg = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            throw bad(file, "unreadable (" + msg + ")");
        }
    }

    /** SHA-256 of a whole file, lower-case hex, read in chunks. */
    public static String sha256(Path file) throws IOException {
        MessageDigest md = digest();
        try (var in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static byte[] sha256(byte[] b, int length) {
        MessageDigest md = digest();
        md.update(b, 0, length);
        return md.digest();
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM lacks SHA-256", e);   // every Java SE has it
        }
    }

    private static ClassifierException bad(Path file, String why) {
        return new ClassifierException(file + ": " + why);
    }
}
