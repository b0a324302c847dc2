package io.ganlab.eval.report;

import io.ganlab.common.MetricKeys;
import io.ganlab.eval.report.Report.ConfigSummary;
import io.ganlab.eval.report.Report.CurvePoint;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's charts, drawn with XChart, one kind of chart for every metric: each config's mean across seeds as a
 * line, the min–max across seeds as a shaded band, and a metric's yardstick (the real-data JSD floor, the number of
 * modes) as a dashed line. Every eval metric a run logged gets a chart against generator iterations and one against
 * training wall time (per n for the per-n metrics); every train metric one against iterations; the negative critic
 * loss on training and held-out batches shares one chart.
 */
public final class ReportCharts {
    public static final int WIDTH = 820;
    public static final int HEIGHT = 460;
    /** {@link Report.Chart#group()} of the charts of eval lines. */
    public static final String EVALUATION = "evaluation";
    /** {@link Report.Chart#group()} of the charts of train lines. */
    public static final String TRAINING = "training";

    /** Colour-blind-safe palette (Okabe–Ito), one colour per config in report order. */
    private static final Color[] PALETTE = {new Color(0, 114, 178), new Color(213, 94, 0), new Color(0, 158, 115),
        new Color(204, 121, 167), new Color(230, 159, 0), new Color(86, 180, 233), new Color(120, 120, 120),
        new Color(240, 228, 66)};
    private static final BasicStroke SOLID = new BasicStroke(2f);
    private static final BasicStroke DASHED = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER,
            10f, new float[] {7f, 5f}, 0f);
    private static final String ITERATIONS = "generator iteration";

    private ReportCharts() {}

    /** A chart with what the page says under it. */
    public record Drawn(Report.Chart info, String caption, XYChart chart) {}

    /** The charts a report shows, in page order; charts with nothing to draw are left out. */
    public static List<Drawn> draw(Report r) {
        List<Drawn> out = new ArrayList<>();
        TimeUnit unit = TimeUnit.of(maxTime(r));
        for (String metric : r.evalMetrics()) {
            if (metric.equals(MetricKeys.CRITIC_TRAIN) || metric.equals(MetricKeys.CRITIC_VALID)) {
                continue;     // drawn together below
            }
            MetricLabels.Metric labels = MetricLabels.of(metric);
            for (Measure m : r.measures(metric)) {
                String title = capitalized(m.title());
                List<Report.Reference> refs = r.referencesOf(m);
                String caption = "Lines: mean across seeds; band: min–max across seeds" + (refs.isEmpty() ? ""
                        : "; dashed: " + labels.referenceName() + " (" + labels.referenceNote() + ")") + ".";
                String yTitle = labels.axis(m.n());
                add(out, m.id() + "-iterations", EVALUATION, title + " against generator iterations", ITERATIONS,
                        yTitle, caption, r, c -> c.curves().eval(m), CurvePoint::iteration, refs, labels);
                if (unit != null) {
                    add(out, m.id() + "-time", EVALUATION, title + " against training wall time",
                            "training wall time (" + unit.label + ")", yTitle,
                            "As above, against the mean training wall time of the seeds at each evaluation.", r,
                            c -> c.curves().eval(m), p -> p.time() == null ? Double.NaN : p.time() / unit.seconds,
                            refs, labels);
                }
            }
        }
        XYChart tv = chart("Negative critic loss: training vs held-out real data", ITERATIONS,
                "negative critic loss", true);
        int k = 0;
        boolean any = false;
        for (ConfigSummary c : r.configs()) {
            Color color = PALETTE[k++ % PALETTE.length];
            any |= line(tv, c.label() + " (training batch)", allSeeds(c.curves().eval().get(MetricKeys.CRITIC_TRAIN)),
                    CurvePoint::iteration, color, SOLID);
            any |= line(tv, c.label() + " (held-out batch)", allSeeds(c.curves().eval().get(MetricKeys.CRITIC_VALID)),
                    CurvePoint::iteration, color, DASHED);
        }
        if (any) {
            roundTicks(tv);
            out.add(new Drawn(info("critic-train-valid", EVALUATION, tv),
                    "Solid: on a training batch; dashed: on a held-out real batch (mean across seeds). A growing gap"
                            + " means the critic overfits the training data.", tv));
        }
        for (String metric : r.trainMetrics()) {
            MetricLabels.Metric labels = MetricLabels.of(metric);
            String title = capitalized(labels.name());
            add(out, new Measure(metric, null).id(), TRAINING, title, ITERATIONS, labels.axis(),
                    title + " as logged (mean across seeds, band min–max; binned when long).", r,
                    c -> c.curves().train().get(metric), CurvePoint::iteration, List.of(), labels);
        }
        return out;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private interface Curve {
        List<CurvePoint> of(ConfigSummary c);
    }

    private static void add(List<Drawn> out, String id, String group, String title, String xTitle, String yTitle,
                            String caption, Report r, Curve curve, ToDoubleFunction<CurvePoint> x,
                            List<Report.Reference> refs, MetricLabels.Metric labels) {
        XYChart chart = chart(title, xTitle, yTitle, xTitle.equals(ITERATIONS));
        int k = 0;
        boolean any = false;
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (ConfigSummary c : r.configs()) {
            Color color = PALETTE[k++ % PALETTE.length];
            List<CurvePoint> pts = curve.of(c);
            if (pts == null) {
                continue;
            }
            pts = forwardOnly(allSeeds(pts), x);
            band(chart, c.label() + " min–max", pts, x, color);
            any |= line(chart, c.label(), pts, x, color, SOLID);
            for (CurvePoint p : pts) {
                double v = x.applyAsDouble(p);
                if (Double.isFinite(v)) {
                    xMin = Math.min(xMin, v);
                    xMax = Math.max(xMax, v);
                }
            }
        }
        if (!any) {
            return;
        }
        if (xMax >= xMin) {
            int shade = 0;
            for (Report.Reference ref : refs) {
                double hi = xMax > xMin ? xMax : xMin + 1;
                String name = ref.samples() == null ? labels.referenceName()
                        : String.format("%s (%,d samples)", labels.referenceName(), ref.samples());
                XYSeries s = chart.addSeries(name, new double[] {xMin, hi}, new double[] {ref.value(), ref.value()});
                s.setMarker(SeriesMarkers.NONE);
                s.setLineColor(new Color(60 + 50 * shade, 60 + 50 * shade, 60 + 50 * shade));
                s.setLineStyle(DASHED);
                shade = Math.min(shade + 1, 3);
            }
        }
        if (xTitle.equals(ITERATIONS)) {
            roundTicks(chart);
        }
        String unique = id;
        for (int i = 2; ids(out).contains(unique); i++) {
            unique = id + "-" + i;
        }
        out.add(new Drawn(info(unique, group, chart), caption, chart));
    }

    /**
     * Makes XChart place the iteration ticks at round steps from 0 (0, 500, 1k, ...). When all x values of a chart
     * are equally spaced, as the iterations of train lines 1..N or of evaluations every K are, XChart 3.8 puts its
     * ticks on every k-th data value instead (1, 26, 51, ... or 50, 300, 550, ...); one invisible point just off
     * that grid turns this off.
     */
    private static void roundTicks(XYChart chart) {
        XYSeries first = chart.getSeriesMap().values().iterator().next();
        double x = Math.min(0, Arrays.stream(first.getXData()).min().orElse(0)) + 1e-3;
        XYSeries s = chart.addSeries("\u0000ticks", new double[] {x}, new double[] {first.getYData()[0]});
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    private static List<String> ids(List<Drawn> out) {
        return out.stream().map(d -> d.info().id()).toList();
    }

    private static Report.Chart info(String id, String group, XYChart chart) {
        List<String> legend = chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend)
                .map(XYSeries::getName).toList();
        // a legend in one row is cut off at the chart's edge when long: stack it instead
        if (legend.stream().mapToInt(n -> n.length() + 8).sum() > WIDTH / 7) {
            chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        }
        return new Report.Chart(id, group, chart.getTitle(), id + ".png", legend);
    }

    /** @param iterations whether the x axis counts generator iterations: its ticks then read 0, 5k, 10k, ... */
    private static XYChart chart(String title, String xTitle, String yTitle, boolean iterations) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
                .yAxisTitle(yTitle).build();
        var st = c.getStyler();
        st.setChartBackgroundColor(Color.WHITE);
        st.setPlotBackgroundColor(Color.WHITE);
        st.setPlotBorderVisible(true);
        st.setPlotGridLinesColor(new Color(225, 225, 225));
        st.setLegendPosition(Styler.LegendPosition.OutsideS);
        st.setLegendLayout(Styler.LegendLayout.Horizontal);
        st.setLegendBorderColor(Color.WHITE);
        st.setChartTitleBoxVisible(false);
        st.setChartTitleFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        st.setAxisTitleFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        st.setLegendFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        st.setAxisTickLabelsFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        st.setMarkerSize(4);
        st.setXAxisDecimalPattern("#,##0.##");
        if (iterations) {
            st.setxAxisTickLabelsFormattingFunction(ReportCharts::iterationTick);
            // from 0, where training starts: XChart then places its ticks at round multiples of its step, not at
            // 50, 300, 550 ... from the first evaluation
            st.setXAxisMin(0.0);
        }
        // XChart's default pattern writes 0.05 as ".05"
        st.setYAxisDecimalPattern("#,##0.###");
        st.setAntiAlias(true);
        return c;
    }

    /**
     * The points to draw of a config's curve. A mean over only some seeds jumps from one run to another: such points
     * are left out where every seed was still running, including the ragged end of time-limited runs, whose last
     * evaluations fall at different iterations short of the next common one. Beyond that, where some seeds had
     * stopped, the others' points are drawn, so a seed that ran longer still shows.
     */
    static List<CurvePoint> allSeeds(List<CurvePoint> pts) {
        if (pts == null) {
            return null;
        }
        int seeds = pts.stream().mapToInt(CurvePoint::seeds).max().orElse(0);
        List<CurvePoint> full = pts.stream().filter(p -> p.seeds() == seeds).toList();
        if (full.size() == pts.size()) {
            return pts;
        }
        long last = full.get(full.size() - 1).iteration();
        long spacing = full.size() < 2 ? 0 : last - full.get(full.size() - 2).iteration();
        return pts.stream().filter(p -> p.seeds() == seeds || p.iteration() >= last + spacing).toList();
    }

    /**
     * The points whose x does not go back. Against time, a point drawn from fewer seeds (the faster ones, past the
     * last iteration all reached) can have a mean time before the previous point's, and the line would turn back
     * in time; such points are left out. Points without an x are kept (they are not drawn).
     */
    static List<CurvePoint> forwardOnly(List<CurvePoint> pts, ToDoubleFunction<CurvePoint> x) {
        List<CurvePoint> out = new ArrayList<>();
        double last = Double.NEGATIVE_INFINITY;
        for (CurvePoint p : pts) {
            double v = x.applyAsDouble(p);
            if (!Double.isFinite(v)) {
                out.add(p);
            } else if (v >= last) {
                out.add(p);
                last = v;
            }
        }
        return out;
    }

    private static boolean line(XYChart chart, String name, List<CurvePoint> pts, ToDoubleFunction<CurvePoint> x,
                                Color color, BasicStroke stroke) {
        List<double[]> xy = new ArrayList<>();
        for (CurvePoint p : pts == null ? List.<CurvePoint>of() : pts) {
            double v = x.applyAsDouble(p);
            if (Double.isFinite(v)) {
                xy.add(new double[] {v, p.mean()});
            }
        }
        if (xy.isEmpty()) {
            return false;
        }
        XYSeries s = chart.addSeries(name, xy.stream().mapToDouble(a -> a[0]).toArray(),
                xy.stream().mapToDouble(a -> a[1]).toArray());
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
        s.setLineColor(color);
        s.setLineStyle(stroke);
        // markers show where the evaluations are when there are few of them
        if (xy.size() <= 60) {
            s.setMarker(SeriesMarkers.CIRCLE);
            s.setMarkerColor(color);
        } else {
            s.setMarker(SeriesMarkers.NONE);
        }
        return true;
    }

    /** The min–max band as a closed polygon: along the maxima, then back along the minima. */
    private static void band(XYChart chart, String name, List<CurvePoint> pts, ToDoubleFunction<CurvePoint> x,
                             Color color) {
        List<CurvePoint> usable = pts.stream().filter(p -> Double.isFinite(x.applyAsDouble(p))).toList();
        if (usable.size() < 2 || usable.stream().allMatch(p -> p.seeds() < 2)) {
            return;
        }
        int m = usable.size();
        double[] xs = new double[2 * m];
        double[] ys = new double[2 * m];
        for (int i = 0; i < m; i++) {
            xs[i] = x.applyAsDouble(usable.get(i));
            ys[i] = usable.get(i).max();
            xs[2 * m - 1 - i] = xs[i];
            ys[2 * m - 1 - i] = usable.get(i).min();
        }
        XYSeries s = chart.addSeries(name, xs, ys);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
        s.setFillColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
        s.setLineColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 0));
        s.setMarker(SeriesMarkers.NONE);
        s.setShowInLegend(false);
    }

    /**
     * An iteration count as a tick label: 0, 500, 2.5k, 10k, 1.2M. XChart places ticks at round steps (1, 2 or 5
     * times a power of ten, and 2.5); this keeps their labels short where "12,500" would crowd the axis.
     */
    static String iterationTick(Double v) {
        double a = Math.abs(v);
        if (a >= 1e6) {
            return compact(v / 1e6) + "M";
        }
        if (a >= 1e3) {
            return compact(v / 1e3) + "k";
        }
        return compact(v);
    }

    private static String compact(double v) {
        java.text.DecimalFormat f = new java.text.DecimalFormat("0.##",
                java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        String s = f.format(v);
        return s.equals("-0") ? "0" : s;
    }

    private static double maxTime(Report r) {
        double max = -1;
        for (ConfigSummary c : r.configs()) {
            List<List<CurvePoint>> curves = new ArrayList<>(c.curves().eval().values());
            c.curves().evalByN().values().forEach(m -> curves.addAll(m.values()));
            for (List<CurvePoint> pts : curves) {
                for (CurvePoint p : pts) {
                    if (p.time() != null) {
                        max = Math.max(max, p.time());
                    }
                }
            }
        }
        return max;
    }

    /** Seconds, minutes or hours, whichever keeps the axis numbers readable. */
    private record TimeUnit(String label, double seconds) {
        static TimeUnit of(double maxSeconds) {
            if (maxSeconds < 0) {
                return null;
            }
            return maxSeconds < 300 ? new TimeUnit("s", 1) : maxSeconds < 3 * 3600 ? new TimeUnit("min", 60)
                    : new TimeUnit("h", 3600);
        }
    }

    /**
     * The chart as an SVG element to inline in HTML: without XML prolog, and with its ids prefixed so that the
     * clip paths of several charts on one page do not collide.
     */
    public static String svg(XYChart chart, String idPrefix) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            VectorGraphicsEncoder.saveVectorGraphic(chart, buf, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
        } catch (IOException e) {
            throw new ReportException("cannot draw chart " + chart.getTitle() + " (" + e.getMessage() + ")", e);
        }
        String s = buf.toString(StandardCharsets.UTF_8);
        int start = s.indexOf("<svg");
        if (start < 0) {
            throw new ReportException("cannot draw chart " + chart.getTitle() + ": no SVG produced");
        }
        s = s.substring(start);
        // namespaces are implied for SVG inside HTML; dropping them keeps the page free of any URL
        s = s.replaceAll(" xmlns(:\\w+)?=\"[^\"]*\"", "");
        // XChart draws text as glyph outlines: a tenth of a pixel is precise enough and halves the page
        s = COORDINATE.matcher(s).replaceAll(m -> round(m.group()));
        s = s.replace("id=\"", "id=\"" + idPrefix + "-").replace("url(#", "url(#" + idPrefix + "-")
                .replace("href=\"#", "href=\"#" + idPrefix + "-");
        int open = s.indexOf('>');
        return (s.substring(0, open) + " role=\"img\" aria-label=\"" + Formats.html(chart.getTitle()) + "\">"
                + "<title>" + Formats.html(chart.getTitle()) + "</title>" + s.substring(open + 1)).strip();
    }

    /** Coordinates with more than one decimal, but not opacities (0.2353 must not become 0.2). */
    private static final java.util.regex.Pattern COORDINATE =
            java.util.regex.Pattern.compile("(?<![\\d.:])-?\\d+\\.\\d{2,}(?![\\d.])");

    private static String round(String number) {
        double v = Math.round(Double.parseDouble(number) * 10) / 10.0;
        String r = v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v);
        return r.equals("-0") ? "0" : r;
    }

    /** The chart as PNG bytes. */
    public static byte[] png(XYChart chart) {
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new ReportException("cannot draw chart " + chart.getTitle() + " (" + e.getMessage() + ")", e);
        }
    }
}
