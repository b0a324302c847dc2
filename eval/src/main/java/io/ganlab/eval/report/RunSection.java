package io.ganlab.eval.report;

import io.ganlab.common.RunLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeSet;

/**
 * A part of the page that shows what a run wrote besides its metrics, chosen by the files the run has: decoded
 * text samples ({@code samples/iter-N.txt}), sample grids ({@code samples/iter-N.png}), plots
 * ({@code plots/iter-N.png}). A modality whose runs write a new kind of file adds an implementation here, and
 * no chart code.
 */
public interface RunSection {
    /** Every kind of section, in page order. */
    static List<RunSection> all() {
        return List.of(new TextSamples(), new ImageFiles(RunLayout.SAMPLES, "sample-grids", "Sample grids",
                        "Generated samples at the first, middle and last sample grid of each run."),
                new ImageFiles(RunLayout.PLOTS, "plots", "Plots",
                        "The run's plots at its first, middle and last evaluation (for the toy sets: real points,"
                                + " generated points and the critic's value surface)."));
    }

    /** The section of a kind, or {@code null}. */
    static RunSection byId(String id) {
        return all().stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
    }

    /** Anchor on the page and {@link Report.Section#kind()}. */
    String id();

    /** Heading on the page. */
    String title();

    /** What the section shows, in a sentence. */
    String intro();

    /**
     * What the section shows of a run, or {@code null} when the run has none of its files.
     *
     * @param imagePrefix where in the report directory the run's images go ({@code images/NAME-}), unique per run
     * @param sampleLines lines shown of each text file
     */
    Report.Section of(TrainingRun run, String imagePrefix, int sampleLines);

    /** Appends the HTML of one run's section (escaped; no heading). */
    void render(StringBuilder b, Report.Section section);

    /** The first, middle and last of a run's files by iteration (fewer when it has fewer). */
    static List<Long> firstMiddleLast(SortedMap<Long, Path> files) {
        List<Long> its = new ArrayList<>(files.keySet());
        List<Long> out = new ArrayList<>();
        for (int idx : new TreeSet<>(List.of(0, (its.size() - 1) / 2, its.size() - 1))) {
            if (idx >= 0 && idx < its.size()) {
                out.add(its.get(idx));
            }
        }
        return out;
    }
}
