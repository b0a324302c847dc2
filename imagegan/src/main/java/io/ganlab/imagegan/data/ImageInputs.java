package io.ganlab.imagegan.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Tells what the inputs are, by name and, for archives, by their first recognisable member:
 * <ul>
 *   <li>{@code .tar.gz}/{@code .tgz} with {@code data_batch_N.bin} members: CIFAR-10 binary; with
 *       {@code data_batch_N} or {@code batches.meta}: CIFAR-10 Python;</li>
 *   <li>a directory with {@code data_batch_N.bin} / {@code test_batch.bin}: CIFAR-10 binary; with
 *       {@code data_batch_N} and {@code batches.meta}: CIFAR-10 Python;</li>
 *   <li>files named {@code *-images-idx3-ubyte[.gz]} / {@code *-labels-idx1-ubyte[.gz]}, or a directory of them:
 *       IDX (MNIST, Fashion-MNIST);</li>
 *   <li>a directory with {@code data.mdb}, a {@code data.mdb} file or a {@code .zip}: LSUN;</li>
 *   <li>any other directory: a folder of images.</li>
 * </ul>
 * Several inputs must be of one kind (several IDX files, LSUN databases or image folders; one CIFAR-10 input).
 */
public final class ImageInputs {
    private ImageInputs() {}

    static ImageInput detect(List<Path> inputs) {
        Map<String, List<Path>> byKind = new LinkedHashMap<>();
        CifarInput cifar = null;
        for (Path p : inputs) {
            if (!Files.exists(p)) {
                throw new ImageException(p + ": no such file or directory");
            }
            if (!Files.isReadable(p)) {
                throw new ImageException(p + ": not readable");
            }
            String kind;
            String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
            if (Files.isDirectory(p)) {
                CifarInput.Flavour f = CifarInput.flavourOfDirectory(p);
                if (f != null) {
                    cifar = new CifarInput(p, false, f);
                    kind = f.kind;
                } else if (LsunInput.isLsun(p)) {
                    kind = "lsun-lmdb";
                } else if (!idxFiles(p).isEmpty()) {
                    byKind.computeIfAbsent("idx", k -> new ArrayList<>()).addAll(idxFiles(p));
                    continue;
                } else {
                    kind = "image-folder";
                }
            } else if (name.endsWith(".tar.gz") || name.endsWith(".tgz")) {
                CifarInput.Flavour f = archiveFlavour(p);
                cifar = new CifarInput(p, true, f);
                kind = f.kind;
            } else if (IdxInput.isIdxName(p)) {
                kind = "idx";
            } else if (LsunInput.isLsun(p)) {
                kind = "lsun-lmdb";
            } else {
                throw new ImageException(p + ": not a known image input (CIFAR-10 archive or directory, IDX files,"
                        + " LSUN LMDB directory or zip, or a folder of images)");
            }
            byKind.computeIfAbsent(kind, k -> new ArrayList<>()).add(p);
        }
        if (byKind.size() > 1) {
            throw new ImageException("inputs of different kinds (" + String.join(", ", byKind.keySet())
                    + "); prepare them separately");
        }
        var e = byKind.entrySet().iterator().next();
        List<Path> paths = e.getValue();
        return switch (e.getKey()) {
            case "idx" -> IdxInput.of(paths);
            case "lsun-lmdb" -> LsunInput.of(paths);
            case "image-folder" -> FolderInput.of(paths);
            default -> {
                if (paths.size() > 1) {
                    throw new ImageException("give one CIFAR-10 input, not " + paths.size());
                }
                yield cifar;
            }
        };
    }

    private static List<Path> idxFiles(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(f -> Files.isRegularFile(f) && IdxInput.isIdxName(f)).sorted().toList();
        } catch (IOException e) {
            throw new ImageException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    /** The CIFAR-10 flavour of an archive, from its first member that tells. */
    private static CifarInput.Flavour archiveFlavour(Path archive) {
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(
                new java.io.BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                if (e.isFile()) {
                    CifarInput.Flavour f = CifarInput.flavourOfMember(e.getName());
                    if (f != null) {
                        return f;
                    }
                }
            }
        } catch (IOException e) {
            throw new ImageException(archive + ": truncated or corrupt archive (" + e.getMessage() + ")", e);
        }
        throw new ImageException(archive + ": no CIFAR-10 batches (data_batch_N, test_batch) in the archive");
    }
}
