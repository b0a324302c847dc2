package io.ganlab.imagegan.toy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ModeCoverageTest {
    static final double R = 2 / 1.414;

    static float[] at(double[]... points) {
        float[] xy = new float[2 * points.length];
        for (int i = 0; i < points.length; i++) {
            xy[2 * i] = (float) points[i][0];
            xy[2 * i + 1] = (float) points[i][1];
        }
        return xy;
    }

    // points on the 8 centres (hand-computed) are all of high quality and cover every mode
    @Test
    void pointsOnEveryCentre() {
        double h = R * Math.sqrt(0.5);
        float[] xy = at(new double[] {R, 0}, new double[] {h, h}, new double[] {0, R}, new double[] {-h, h},
                new double[] {-R, 0}, new double[] {-h, -h}, new double[] {0, -R}, new double[] {h, -h});
        ModeCoverage c = ModeCoverage.of(ToySet.EIGHT_GAUSSIANS, xy);
        assertEquals(8, c.modes());
        assertEquals(8, c.covered());
        assertEquals(1.0, c.quality(), 1e-12);
    }

    // 0.09 from a centre counts, 0.11 does not; the origin is far from all; one mode alone covers one
    @Test
    void radiusAndShares() {
        float[] xy = at(new double[] {R + 0.09, 0}, new double[] {R - 0.11, 0}, new double[] {0, 0},
                new double[] {0, R + 0.05});
        ModeCoverage c = ModeCoverage.of(ToySet.EIGHT_GAUSSIANS, xy);
        assertEquals(0.5, c.quality(), 1e-12);
        assertEquals(2, c.covered());
        assertEquals(0.25, c.shares()[0], 1e-12);
        assertEquals(0.25, c.shares()[2], 1e-12);
    }

    // a mode needs 2% of the points (8 modes): 2 of 100 covers, 1 of 100 does not
    @Test
    void coverageThreshold() {
        double[][] pts = new double[100][];
        for (int i = 0; i < 100; i++) {
            pts[i] = new double[] {0, 0};
        }
        pts[0] = new double[] {R, 0};
        pts[1] = new double[] {R, 0};
        pts[2] = new double[] {-R, 0};
        ModeCoverage c = ModeCoverage.of(ToySet.EIGHT_GAUSSIANS, at(pts));
        assertEquals(1, c.covered());
        assertEquals(0.03, c.quality(), 1e-12);
    }

    // the 25-Gaussians grid: the corner (4, 4)/2.828 is a mode, (1, 1)/2.828 lies between four of them
    @Test
    void twentyFive() {
        ModeCoverage c = ModeCoverage.of(ToySet.TWENTY_FIVE_GAUSSIANS,
                at(new double[] {4 / 2.828, 4 / 2.828}, new double[] {1 / 2.828, 1 / 2.828}));
        assertEquals(25, c.modes());
        assertEquals(1, c.covered());
        assertEquals(0.5, c.quality(), 1e-12);
    }

    // points on the noiseless roll t(cos t, sin t)/7.5 at the middle of each tenth of t cover all 10 stretches;
    // the origin is off the roll
    @Test
    void swissRoll() {
        double[][] pts = new double[11][];
        for (int k = 0; k < 10; k++) {
            double t = 1.5 * Math.PI + (k + 0.5) * 0.3 * Math.PI;
            pts[k] = new double[] {t * Math.cos(t) / 7.5, t * Math.sin(t) / 7.5};
        }
        pts[10] = new double[] {0, 0};
        ModeCoverage c = ModeCoverage.of(ToySet.SWISS_ROLL, at(pts));
        assertEquals(10, c.modes());
        assertEquals(10, c.covered());
        assertEquals(10.0 / 11, c.quality(), 1e-12);
    }
}
