package io.ganlab.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ganlab.eval.report.Report.CurvePoint;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportChartsTest {
    private static CurvePoint at(long iteration, double mean, int seeds) {
        return new CurvePoint(iteration, iteration * 0.6, mean, mean, mean, null, seeds);
    }

    // two time-limited seeds stop at 2,835 and 2,834: each last evaluation is one seed's, not the config's mean
    @Test
    void curvesOfSeveralSeedsKeepOnlyPointsEverySeedLogged() {
        List<CurvePoint> pts = List.of(at(0, 1.0, 2), at(100, 0.8, 2), at(2800, 0.5, 2), at(2834, 0.62, 1),
                at(2835, 0.48, 1));
        assertEquals(List.of(0L, 100L, 2800L), ReportCharts.allSeeds(pts).stream().map(CurvePoint::iteration).toList());
    }

    // one seed failed at 500, the other ran on: the mean stops there, the surviving seed's points carry on
    @Test
    void aSeedThatRanLongerStillShows() {
        List<CurvePoint> pts = List.of(at(400, 0.8, 2), at(500, 0.7, 2), at(550, 0.75, 1), at(600, 0.6, 1),
                at(700, 0.55, 1));
        assertEquals(List.of(400L, 500L, 600L, 700L),
                ReportCharts.allSeeds(pts).stream().map(CurvePoint::iteration).toList());
    }

    // three seeds at different speeds: at iteration 400 all three (mean time 6.6 min), at 500 and 600 only the
    // fastest (6.1 and 7.3 min): against time the line goes 6.6 -> 7.3, never back to 6.1
    @Test
    void aTimeCurveDoesNotGoBack() {
        List<CurvePoint> pts = List.of(new CurvePoint(300, 300.0, 0.8, 0.8, 0.8, null, 3),
                new CurvePoint(400, 396.0, 0.75, 0.7, 0.8, null, 3), new CurvePoint(500, 366.0, 0.7, 0.7, 0.7, null, 1),
                new CurvePoint(600, 438.0, 0.69, 0.69, 0.69, null, 1));
        assertEquals(List.of(300L, 400L, 600L), ReportCharts.forwardOnly(pts, p -> p.time())
                .stream().map(CurvePoint::iteration).toList());
        assertEquals(pts, ReportCharts.forwardOnly(pts, p -> p.iteration()));
    }

    @Test
    void aSingleRunKeepsEveryPoint() {
        List<CurvePoint> pts = List.of(at(0, 1.0, 1), at(100, 0.8, 1), at(2744, 0.49, 1));
        assertEquals(pts, ReportCharts.allSeeds(pts));
    }

    // iteration ticks read 0, 500, 2.5k, 10k, 1.2M: short labels where "12,500" would crowd the axis
    @Test
    void iterationTicksAreShort() {
        assertEquals("0", ReportCharts.iterationTick(0.0));
        assertEquals("500", ReportCharts.iterationTick(500.0));
        assertEquals("1k", ReportCharts.iterationTick(1000.0));
        assertEquals("2.5k", ReportCharts.iterationTick(2500.0));
        assertEquals("12.5k", ReportCharts.iterationTick(12_500.0));
        assertEquals("100k", ReportCharts.iterationTick(100_000.0));
        assertEquals("1.2M", ReportCharts.iterationTick(1_200_000.0));
        assertEquals("0.5", ReportCharts.iterationTick(0.5));
    }

    /** The x-axis tick labels XChart laid out when drawing the chart (read from its internals: it has no API). */
    @SuppressWarnings("unchecked")
    private static List<String> xTickLabels(org.knowm.xchart.XYChart chart) throws ReflectiveOperationException {
        ReportCharts.png(chart);
        var pair = org.knowm.xchart.internal.chartpart.Chart.class.getDeclaredField("axisPair");
        pair.setAccessible(true);
        Object axes = pair.get(chart);
        Object x = axes.getClass().getMethod("getXAxis").invoke(axes);
        Object ticks = x.getClass().getMethod("getAxisTickCalculator").invoke(x);
        return (List<String>) ticks.getClass().getMethod("getTickLabels").invoke(ticks);
    }

    // train lines at 1..N and evaluations every 50 from 50 are equally spaced, which XChart would tick at every
    // k-th data value (1, 26, 51, ...); the iteration axes tick at round steps from 0 instead
    @Test
    void iterationAxesTickAtRoundSteps(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) throws Exception {
        System.setProperty("java.awt.headless", "true");
        StringBuilder lines = new StringBuilder();
        for (int it = 1; it <= 300; it++) {
            lines.append("{\"kind\":\"train\",\"iteration\":").append(it).append(",\"critic_loss\":")
                    .append(Math.sin(it)).append("}\n");
            if (it % 50 == 0) {
                lines.append("{\"kind\":\"eval\",\"iteration\":").append(it).append(",\"high_quality\":")
                        .append(it / 300.0).append("}\n");
            }
        }
        java.nio.file.Files.writeString(tmp.resolve("metrics.jsonl"), lines);
        java.nio.file.Files.writeString(tmp.resolve("config.json"), "{\"seed\":1}");
        Report r = ReportBuilder.build(List.of(TrainingRun.load(tmp)), "t", "now", 0);
        List<ReportCharts.Drawn> drawn = ReportCharts.draw(r);
        assertEquals(List.of("high-quality-iterations", "critic-loss"), drawn.stream().map(d -> d.info().id()).toList());
        for (ReportCharts.Drawn d : drawn) {
            List<Double> ticks = xTickLabels(d.chart()).stream().map(ReportChartsTest::parseTick).toList();
            assertTrue(ticks.contains(0.0), d.info().id() + ": " + ticks);
            double step = ticks.get(ticks.indexOf(0.0) + 1);
            // a round step: 1, 2, 2.5 or 5 times a power of ten
            double mantissa = step / Math.pow(10, Math.floor(Math.log10(step)));
            assertTrue(List.of(1.0, 2.0, 2.5, 5.0).contains(mantissa), d.info().id() + ": " + ticks);
            for (double t : ticks) {
                assertEquals(0, Math.IEEEremainder(t, step), 1e-9, d.info().id() + ": " + ticks);
            }
        }
    }

    private static double parseTick(String label) {
        return label.endsWith("k") ? Double.parseDouble(label.substring(0, label.length() - 1)) * 1000
                : Double.parseDouble(label);
    }
}
