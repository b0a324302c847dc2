package io.ganlab.imagegan.data;

import io.ganlab.common.Sha256;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Folders of images (PNG, JPEG, and WebP, GIF, BMP since ImageIO reads them). When a folder's top level holds
 * sub-folders, each is a class (its name the label name, classes sorted by name, files found at any depth below
 * it); otherwise the folder's images are unlabelled. Files are read in sorted path order; hidden files and files
 * that are not images by name are skipped and counted. Only the list of file names is held in memory.
 */
final class FolderInput extends ImageInput {
    static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg", "webp", "gif", "bmp");

    /** One image file: its root, its path relative to the root, its class (-1 without classes). */
    record Item(int root, String relative, int label) {}

    private final List<Path> roots;
    private final List<String> classes;
    private final List<Item> items = new ArrayList<>();
    private final long[] otherFiles;

    private FolderInput(List<Path> roots) {
        this.roots = roots;
        this.otherFiles = new long[roots.size()];
        TreeSet<String> names = new TreeSet<>();
        Boolean labelled = null;
        for (Path root : roots) {
            List<Path> top = list(root);
            boolean dirs = top.stream().anyMatch(Files::isDirectory);
            boolean images = top.stream().anyMatch(p -> Files.isRegularFile(p) && isImageName(p));
            if (dirs && images) {
                throw new ImageException(root + ": holds both images and class folders at its top level; move the"
                        + " images into a class folder or the class folders out");
            }
            if (labelled != null && labelled != dirs) {
                throw new ImageException(root + ": " + (dirs ? "has" : "has no") + " class folders, unlike "
                        + roots.get(0));
            }
            labelled = dirs;
            if (dirs) {
                top.stream().filter(Files::isDirectory).forEach(d -> names.add(d.getFileName().toString()));
            }
        }
        this.classes = List.copyOf(names);
        for (int r = 0; r < roots.size(); r++) {
            Path root = roots.get(r);
            List<Item> found = new ArrayList<>();
            try (Stream<Path> s = Files.walk(root)) {
                for (Path p : (Iterable<Path>) s::iterator) {
                    if (!Files.isRegularFile(p)) {
                        continue;
                    }
                    Path rel = root.relativize(p);
                    boolean hidden = false;
                    for (Path part : rel) {
                        hidden |= part.toString().startsWith(".");
                    }
                    if (hidden || !isImageName(p)) {
                        otherFiles[r]++;
                        continue;
                    }
                    int label = classes.isEmpty() ? -1 : classes.indexOf(rel.getName(0).toString());
                    found.add(new Item(r, rel.toString(), label));
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                String m = e instanceof java.io.UncheckedIOException u ? u.getCause().getMessage() : e.getMessage();
                throw new ImageException(root + ": cannot list (" + m + ")", e);
            }
            found.sort(java.util.Comparator.comparing(Item::relative));
            if (found.isEmpty()) {
                throw new ImageException(root + ": no images (PNG, JPEG, WebP, GIF, BMP) in the folder");
            }
            items.addAll(found);
        }
    }

    static FolderInput of(List<Path> roots) {
        return new FolderInput(roots);
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> !p.getFileName().toString().startsWith(".")).toList();
        } catch (IOException e) {
            throw new ImageException(dir + ": cannot list (" + e.getMessage() + ")", e);
        }
    }

    static boolean isImageName(Path p) {
        String n = p.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 && EXTENSIONS.contains(n.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    @Override
    String kind() {
        return "image-folder";
    }

    @Override
    String describe() {
        return roots.size() == 1 ? roots.get(0).toString() : roots.size() + " image folders";
    }

    @Override
    ImageShape nativeShape() {
        return null;
    }

    /** 3 as soon as one image is in colour (by its header: usually the first decides), 1 if all are gray. */
    @Override
    int nativeChannels() {
        for (Item it : items) {
            try (InputStream in = Files.newInputStream(file(it))) {
                if (ImageDecoder.headerChannels(in) != 1) {
                    return 3;
                }
            } catch (IOException e) {
                return 3; // the error comes when the image is read
            }
        }
        return 1;
    }

    @Override
    int classes() {
        return classes.size();
    }

    @Override
    long expectedImages() {
        return items.size();
    }

    @Override
    boolean randomValidSplit() {
        return true;
    }

    @Override
    List<String> labelNames() {
        return classes.isEmpty() ? null : classes;
    }

    private Path file(Item it) {
        return roots.get(it.root()).resolve(it.relative());
    }

    /** One file read and decoded (or found corrupt) by a decoding thread. */
    private record Decoded(int ordinal, Item item, long bytes, String sha256, PlanarImage image, ImageException error) {}

    private Decoded decode(int ordinal, Item it, ImageShape shape) {
        Path f = file(it);
        byte[] data;
        try {
            data = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new ImageException(f + ": cannot read (" + e.getMessage() + ")", e);
        }
        String sha = HexFormat.of().formatHex(Sha256.newDigest().digest(data));
        try {
            PlanarImage img = ImageTransform.fit(ImageDecoder.decode(data, f.toString()), shape);
            return new Decoded(ordinal, it, data.length, sha, img, null);
        } catch (ImageException e) {
            return new Decoded(ordinal, it, data.length, sha, null, e);
        }
    }

    @Override
    void read(Sink sink) {
        for (long n : otherFiles) {
            sink.otherFiles(n);
        }
        // per root: total bytes, images taken, and the digest of its "relative-path SHA-256" lines
        long[] bytes = new long[roots.size()];
        long[] images = new long[roots.size()];
        MessageDigest[] trees = new MessageDigest[roots.size()];
        for (int r = 0; r < roots.size(); r++) {
            trees[r] = Sha256.newDigest();
        }
        ImageShape shape = sink.shape();
        try (DecodePool<Decoded> pool = new DecodePool<>(d -> {
            int r = d.item().root();
            bytes[r] += d.bytes();
            trees[r].update((d.item().relative() + " " + d.sha256() + "\n").getBytes(StandardCharsets.UTF_8));
            if (d.error() != null) {
                sink.corrupt(d.error());
            } else {
                sink.image(sink.splitOf(d.ordinal()), d.image(), Math.max(d.item().label(), 0));
                images[r]++;
            }
        })) {
            for (int i = 0; i < items.size(); i++) {
                int ordinal = i;
                Item it = items.get(i);
                pool.submit(() -> decode(ordinal, it, shape));
            }
            pool.finish();
        }
        for (int r = 0; r < roots.size(); r++) {
            sink.source(new ImageManifest.Source(roots.get(r).toString(), kind(), null, bytes[r],
                    HexFormat.of().formatHex(trees[r].digest()), images[r]));
        }
    }
}
