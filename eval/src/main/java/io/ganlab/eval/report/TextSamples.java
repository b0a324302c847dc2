package io.ganlab.eval.report;

import static io.ganlab.eval.report.Formats.count;
import static io.ganlab.eval.report.Formats.html;

import io.ganlab.common.RunLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/** Decoded text samples, {@code samples/iter-N.txt}: the first lines of the first, middle and last file. */
final class TextSamples implements RunSection {
    static final String EXTENSION = io.ganlab.corpus.SampleFiles.TEXT_EXTENSION;

    @Override
    public String id() {
        return "samples";
    }

    @Override
    public String title() {
        return "Samples";
    }

    @Override
    public String intro() {
        return "Decoded generator samples at the first, middle and last sample file of each run (first lines of each).";
    }

    @Override
    public Report.Section of(TrainingRun run, String imagePrefix, int sampleLines) {
        SortedMap<Long, Path> files = run.iterationFiles(RunLayout.SAMPLES, EXTENSION);
        if (files.isEmpty()) {
            return null;
        }
        List<Report.Shown> shown = new ArrayList<>();
        for (long it : RunSection.firstMiddleLast(files)) {
            Path f = files.get(it);
            shown.add(new Report.Shown(it, RunLayout.SAMPLES + "/" + f.getFileName(),
                    TrainingRun.headLines(f, sampleLines), null));
        }
        return new Report.Section(id(), shown);
    }

    @Override
    public void render(StringBuilder b, Report.Section section) {
        for (Report.Shown x : section.shown()) {
            b.append("<p>iteration ").append(count(x.iteration())).append(" <span class=\"muted\">(")
                    .append(html(x.file())).append(")</span></p>\n<pre>");
            x.lines().forEach(l -> b.append(html(l)).append('\n'));
            b.append("</pre>\n");
        }
    }
}
