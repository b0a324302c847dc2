package io.ganlab.eval.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void aSingleRunKeepsEveryPoint() {
        List<CurvePoint> pts = List.of(at(0, 1.0, 1), at(100, 0.8, 1), at(2744, 0.49, 1));
        assertEquals(pts, ReportCharts.allSeeds(pts));
    }
}
