package io.ganlab.cli;

import io.ganlab.common.RunLayout;
import io.ganlab.core.RunDirectory;
import io.ganlab.core.TrainingException;
import io.ganlab.imagegan.data.ImageGrid;
import io.ganlab.imagegan.data.ImageShape;
import io.ganlab.imagegan.train.ImageGanConfig;
import io.ganlab.imagegan.train.ImageSampling;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code gan imagegan sample}. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Draw images from a run's newest checkpoint: one PNG grid, or one PNG per image in a directory.")
final class ImageganSampleCommand implements Callable<Integer> {
    @Option(names = "--run", paramLabel = "RUN", required = true, description = "Run directory.")
    Path runDir;

    @Option(names = "--count", paramLabel = "N", defaultValue = "64", description = "Images to draw (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", paramLabel = "FILE.png|DIR", required = true,
            description = "A .png file gets a grid of the images; any other path is a directory of sample-NNNNN.png files.")
    Path out;

    @Option(names = "--interpolate", paramLabel = "K", description = "Instead: K images along the line between two latent points.")
    Integer interpolate;

    @Option(names = "--label", paramLabel = "K",
            description = "A conditional (AC-GAN) run: draw every image of class K (default: image i of class i mod"
                    + " the class count; an interpolation keeps class 0).")
    Integer label;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Seed of the noise (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--scale", paramLabel = "S", defaultValue = "1", description = "Pixel size in a grid (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--force", description = "Replace --out if it exists.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (count < 1 || count > 100_000) {
            throw new UsageException("--count must lie in 1..100000, got " + count);
        }
        if (interpolate != null && (interpolate < 2 || interpolate > 1024)) {
            throw new UsageException("--interpolate needs 2..1024 points, got " + interpolate);
        }
        if (scale < 1 || scale > 16) {
            throw new UsageException("--scale must lie in 1..16, got " + scale);
        }
        boolean grid = out.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".png");
        if (grid && Files.isDirectory(out)) {
            throw new UsageException(out + ": is a directory; a grid is written to a .png file");
        }
        if (!grid && Files.exists(out) && !Files.isDirectory(out)) {
            throw new UsageException(out + ": exists and is not a directory");
        }
        if (Files.exists(out) && !force && (grid || !isEmptyDir(out))) {
            throw new UsageException(out + ": exists; pass --force to replace it");
        }
        RunDirectory run = new RunDirectory(runDir);
        if (!run.exists()) {
            throw new TrainingException(runDir + ": not a run (no " + RunLayout.CONFIG + ")");
        }
        ImageGanConfig cfg = ImageGanConfig.of(run.readConfig());
        int classes = cfg.architecture().classes();
        if (label != null && (label < 0 || label >= classes)) {
            throw new UsageException(classes == 0 ? "--label is for a conditional run; " + runDir + " is a "
                    + cfg.architecture().name() + " run without classes"
                    : "--label must lie in 0.." + (classes - 1) + ", got " + label);
        }
        int n = interpolate != null ? interpolate : count;
        byte[] pixels = ImageSampling.sample(run, cfg, count, seed, interpolate == null ? 0 : interpolate,
                label == null ? -1 : label, message -> System.err.println("gan: warning: " + message));
        ImageShape shape = ImageSampling.shape(cfg);
        if (grid) {
            ImageGrid.writePng(out, ImageGrid.draw(pixels, n, shape, scale));
        } else {
            Files.createDirectories(out);
            for (int i = 0; i < n; i++) {
                byte[] one = Arrays.copyOfRange(pixels, i * shape.bytes(), (i + 1) * shape.bytes());
                ImageGrid.writePng(out.resolve(String.format("sample-%05d.png", i)),
                        ImageGrid.draw(one, 1, shape, scale));
            }
        }
        System.err.println("wrote " + n + " images to " + out);
        return 0;
    }

    private static boolean isEmptyDir(Path p) throws IOException {
        try (var s = Files.list(p)) {
            return s.findAny().isEmpty();
        }
    }
}
