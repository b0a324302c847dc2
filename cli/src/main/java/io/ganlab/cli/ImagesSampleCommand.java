package io.ganlab.cli;

import io.ganlab.common.StagedOutput;
import io.ganlab.imagegan.data.DataSplit;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.data.ImageGrid;
import io.ganlab.imagegan.data.ImageException;
import io.ganlab.imagegan.data.ImageShape;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code gan images sample}. */
@Command(name = "sample", mixinStandardHelpOptions = true,
        header = "Draw random images of a dataset as a PNG grid.")
final class ImagesSampleCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Image dataset directory.")
    Path dir;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "64",
            description = "Images in the grid (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--out", paramLabel = "FILE.png", required = true, description = "PNG file to write.")
    Path out;

    @CommandLine.Mixin
    SampleChoice choice;

    @Option(names = "--scale", paramLabel = "K", defaultValue = "1",
            description = "Draw each pixel as K x K (default: ${DEFAULT-VALUE}).")
    int scale;

    @Option(names = "--force", description = "Replace an existing file at --out.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (count < 1 || count > 10_000) {
            throw new UsageException("--count must be between 1 and 10,000, got " + count);
        }
        if (scale < 1 || scale > 16) {
            throw new UsageException("--scale must be between 1 and 16, got " + scale);
        }
        DataSplit which = choice.train() ? DataSplit.TRAIN : DataSplit.VALID;
        if (Files.exists(out) && !force) {
            throw new ImageException(out + ": already exists; use --force to replace it");
        }
        ImageDataset ds = ImageDataset.open(dir);
        choice.requireExamples(dir, ds.size(which));
        BufferedImage grid = grid(ds, which, count, choice.random(), scale);
        ImageGrid.writePng(out, grid);
        var w = spec.commandLine().getOut();
        w.println(out);
        w.flush();
        return 0;
    }

    /** {@code count} random images of a split in a grid. */
    static BufferedImage grid(ImageDataset ds, DataSplit split, int count, SplittableRandom rnd, int scale) {
        ImageShape s = ds.shape();
        byte[] pixels = new byte[count * s.bytes()];
        for (int k = 0; k < count; k++) {
            ds.image(split, rnd.nextLong(ds.size(split)), pixels, k * s.bytes());
        }
        return ImageGrid.draw(pixels, count, s, scale);
    }
}
