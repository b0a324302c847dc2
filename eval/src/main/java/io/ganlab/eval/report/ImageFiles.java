package io.ganlab.eval.report;

import static io.ganlab.eval.report.Formats.count;
import static io.ganlab.eval.report.Formats.html;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * Images a run wrote at its evaluations, {@code FOLDER/iter-N.png} (sample grids, plots): the first, middle and
 * last, copied into the report directory so that the report stays whole when the run is moved or deleted.
 */
final class ImageFiles implements RunSection {
    static final String EXTENSION = "png";
    /** The report's folder of copied images. */
    static final String FOLDER = "images";

    private final String runFolder;
    private final String id;
    private final String title;
    private final String intro;

    ImageFiles(String runFolder, String id, String title, String intro) {
        this.runFolder = runFolder;
        this.id = id;
        this.title = title;
        this.intro = intro;
    }

    @Override
    public String id() {
        return id;
    }

    @Override
    public String title() {
        return title;
    }

    @Override
    public String intro() {
        return intro;
    }

    @Override
    public Report.Section of(TrainingRun run, String imagePrefix, int sampleLines) {
        SortedMap<Long, Path> files = run.iterationFiles(runFolder, EXTENSION);
        if (files.isEmpty()) {
            return null;
        }
        List<Report.Shown> shown = new ArrayList<>();
        for (long it : RunSection.firstMiddleLast(files)) {
            String name = files.get(it).getFileName().toString();
            shown.add(new Report.Shown(it, runFolder + "/" + name, List.of(),
                    imagePrefix + runFolder + "-" + name));
        }
        return new Report.Section(id, shown);
    }

    @Override
    public void render(StringBuilder b, Report.Section section) {
        b.append("<div class=\"images\">\n");
        for (Report.Shown x : section.shown()) {
            b.append("<figure><a href=\"").append(html(x.image())).append("\"><img src=\"").append(html(x.image()))
                    .append("\" alt=\"").append(html(x.file())).append("\" loading=\"lazy\"></a><figcaption>iteration ")
                    .append(count(x.iteration())).append(" <span class=\"muted\">(").append(html(x.file()))
                    .append(")</span></figcaption></figure>\n");
        }
        b.append("</div>\n");
    }
}
