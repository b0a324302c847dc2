package io.ganlab.imagegan.data;

import io.ganlab.common.DataCache;
import io.ganlab.common.HashingInputStream;
import io.ganlab.common.StagedOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Fashion-MNIST (Zalando Research, MIT licence): 60,000 training and 10,000 test images of clothes, 28 x 28 gray,
 * in 10 classes, as IDX files. Debian ships them in the package {@value #PACKAGE}; it is fetched once with the
 * machine's {@code apt-get download} (no root needed) and unpacked with {@code dpkg-deb -x} into the
 * {@link DataCache}, with a {@value DataCache#CONFIG} that {@code gan images prepare --config} turns into a dataset.
 * Nothing else is downloaded.
 */
public final class FashionMnist {
    public static final String NAME = "fashion-mnist";
    public static final String PACKAGE = "dataset-fashion-mnist";
    /** The four files, in the order prepare reads them. */
    public static final List<String> FILES = List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
            "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz");
    /** Class names by label, from the data set's README. */
    public static final List<String> LABEL_NAMES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");

    /** Its place in the {@link DataCache}: complete when the four IDX files are there. */
    public static final DataCache.Entry ENTRY = new DataCache.Entry(NAME, "Fashion-MNIST", FILES,
            ImageException::new);

    private FashionMnist() {}

    /**
     * Fetches the package into {@code cacheDir/fashion-mnist} unless it is already there.
     *
     * @return the directory holding the four IDX files, {@value DataCache#CONFIG} and {@value DataCache#INFO}
     */
    public static Path fetch(Path cacheDir, boolean force, Consumer<String> log) {
        return ENTRY.fetch(cacheDir, force, log, tmp -> {
            log.accept("fetching the Debian package " + PACKAGE + " with apt-get download ...");
            run(tmp, "apt-get is needed to fetch Fashion-MNIST (a Debian or Ubuntu machine)", 30,
                    "apt-get", "download", PACKAGE);
            Path deb;
            try (Stream<Path> s = Files.list(tmp)) {
                deb = s.filter(f -> f.getFileName().toString().endsWith(".deb")).findFirst()
                        .orElseThrow(() -> new ImageException("apt-get download " + PACKAGE + " wrote no .deb file"));
            }
            String sha = HashingInputStream.sha256(deb);
            String version = run(tmp, "dpkg-deb is needed to unpack the package", 5, "dpkg-deb", "-f",
                    deb.toString(), "Version").strip();
            Path unpacked = tmp.resolve("deb");
            run(tmp, "dpkg-deb is needed to unpack the package", 10, "dpkg-deb", "-x", deb.toString(),
                    unpacked.toString());
            List<String> missing = new ArrayList<>();
            for (String f : FILES) {
                Path found;
                try (Stream<Path> s = Files.walk(unpacked)) {
                    found = s.filter(p -> p.getFileName().toString().equals(f)).findFirst().orElse(null);
                }
                if (found == null) {
                    missing.add(f);
                } else {
                    Files.move(found, tmp.resolve(f));
                }
            }
            if (!missing.isEmpty()) {
                throw new ImageException(deb.getFileName() + ": the package lacks " + missing);
            }
            StagedOutput.deleteTree(unpacked);
            Files.delete(deb);
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("package", PACKAGE);
            info.put("version", version);
            info.put("debSha256", sha);
            info.put("files", FILES);
            info.put("fetchedAt", Instant.now().toString());
            info.put("license", "MIT (Zalando SE)");
            return new DataCache.Fetched(config(), info, "Fashion-MNIST (" + PACKAGE + " " + version + ")");
        });
    }

    /** The {@value DataCache#CONFIG} written beside the files: inputs and class names. */
    static String config() {
        StringBuilder sb = new StringBuilder();
        sb.append("# gan images prepare --config ").append(DataCache.CONFIG).append(" --output DIR\n");
        sb.append("# Fashion-MNIST from Debian's ").append(PACKAGE)
                .append(": 60,000 training and 10,000 test images (the valid split), 28x28 gray.\n");
        sb.append("input:\n");
        for (String f : FILES) {
            sb.append("  - ").append(f).append('\n');
        }
        sb.append("label-names:\n");
        for (String n : LABEL_NAMES) {
            sb.append("  - \"").append(n).append("\"\n");
        }
        return sb.toString();
    }

    /** Runs a command in {@code dir}; returns its stdout, or fails with its last line of output. */
    private static String run(Path dir, String missing, int minutes, String... cmd) throws IOException {
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectError(ProcessBuilder.Redirect.PIPE).start();
        } catch (IOException e) {
            throw new ImageException(missing + ", and " + cmd[0] + " was not found on PATH", e);
        }
        try (InputStream out = p.getInputStream(); InputStream err = p.getErrorStream()) {
            var errText = new java.util.concurrent.CompletableFuture<String>();
            Thread t = new Thread(() -> {
                try {
                    errText.complete(new String(err.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    errText.complete("");
                }
            });
            t.start();
            String text = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(minutes, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new ImageException(String.join(" ", cmd) + " did not finish in " + minutes + " minutes");
            }
            t.join();
            if (p.exitValue() != 0) {
                String last = (text + "\n" + errText.join()).lines().filter(l -> !l.isBlank() && !l.startsWith("W:"))
                        .reduce((a, b) -> b).orElse("no output");
                throw new ImageException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): " + last
                        + (cmd[0].equals("apt-get") ? " (apt-get update may help)" : ""));
            }
            return text;
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new ImageException("interrupted while running " + cmd[0]);
        }
    }
}
