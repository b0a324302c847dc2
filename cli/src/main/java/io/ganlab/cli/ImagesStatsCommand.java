package io.ganlab.cli;

import io.ganlab.imagegan.data.DataSplit;
import io.ganlab.imagegan.data.ImageDataset;
import io.ganlab.imagegan.data.ImageShape;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code gan images stats}. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        header = "Shape, images per label and per-channel mean of an image dataset.",
        description = "Reads every image once (the mean is over all pixels of each split).")
final class ImagesStatsCommand implements Callable<Integer> {
    @Parameters(paramLabel = "DIR", description = "Image dataset directory.")
    Path dir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        ImageDataset ds = ImageDataset.open(dir);
        ImageShape s = ds.shape();
        PrintWriter out = spec.commandLine().getOut();
        out.printf("dataset   %s%n", dir);
        out.printf("shape     %dx%dx%d uint8 (C, H, W)%n", s.channels(), s.height(), s.width());
        out.printf("sources   %d, format %s, checksum %s%n", ds.manifest().sources().size(), ds.manifest().format(),
                ds.manifest().checksum());
        for (DataSplit split : DataSplit.values()) {
            long n = ds.size(split);
            out.printf("%-9s %,d images%n", split.id(), n);
            if (n == 0) {
                continue;
            }
            List<String> names = ds.labelNames();
            long[] perLabel = new long[Math.max(1, names.size())];
            long[] sums = new long[s.channels()];
            int plane = s.height() * s.width();
            byte[] img = new byte[s.bytes()];
            for (long i = 0; i < n; i++) {
                ds.image(split, i, img, 0);
                for (int c = 0; c < s.channels(); c++) {
                    long sum = 0;
                    for (int k = c * plane; k < (c + 1) * plane; k++) {
                        sum += img[k] & 0xFF;
                    }
                    sums[c] += sum;
                }
                if (ds.hasLabels()) {
                    perLabel[ds.label(split, i)]++;
                }
            }
            StringBuilder mean = new StringBuilder();
            for (int c = 0; c < s.channels(); c++) {
                String ch = s.channels() == 1 ? "gray" : "RGB".substring(c, c + 1);
                mean.append(String.format(" %s %.2f", ch, sums[c] / (double) (n * plane)));
            }
            out.printf("  mean (0..255):%s%n", mean);
            if (ds.hasLabels()) {
                for (int l = 0; l < names.size(); l++) {
                    out.printf("  %3d %-20s %,d%n", l, names.get(l), perLabel[l]);
                }
            }
        }
        out.flush();
        return 0;
    }
}
