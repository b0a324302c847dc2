package io.ganlab.imagegan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Centre crop and area resize against hand-worked cases. */
class AreaResizeTest {
    private static PlanarImage plane(int[][] rows) {
        int h = rows.length;
        int w = rows[0].length;
        byte[] d = new byte[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                d[y * w + x] = (byte) rows[y][x];
            }
        }
        return new PlanarImage(1, h, w, d);
    }

    private static int[][] rows(PlanarImage p) {
        int[][] r = new int[p.height()][p.width()];
        for (int y = 0; y < p.height(); y++) {
            for (int x = 0; x < p.width(); x++) {
                r[y][x] = p.at(0, y, x);
            }
        }
        return r;
    }

    // 4x4 -> 2x2 is the mean of each 2x2 block, rounded half up: (0+1+4+5)/4 = 2.5 -> 3, 4.5 -> 5, 10.5 -> 11, 12.5 -> 13
    @Test
    void integerFactorIsTheBlockMean() {
        int[][] in = {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}, {12, 13, 14, 15}};
        assertArrayEquals(new int[][] {{3, 5}, {11, 13}}, rows(AreaResize.cropResize(plane(in), 2)));
    }

    // 3 -> 2: output 0 covers input [0, 1.5): weights 1 and 0.5; output 1 weights 0.5 and 1 (each divided by 1.5).
    // (0,0): (1*1*0 + 1*.5*30 + .5*1*90 + .5*.5*120) / 2.25 = 90 / 2.25 = 40; likewise 180/2.25 = 80,
    // 360/2.25 = 160, 450/2.25 = 200
    @Test
    void fractionalFactorWeighsByOverlap() {
        int[][] in = {{0, 30, 60}, {90, 120, 150}, {180, 210, 240}};
        assertArrayEquals(new int[][] {{40, 80}, {160, 200}}, rows(AreaResize.cropResize(plane(in), 2)));
    }

    // a 6x3 image is cropped to its centre 3x3 (columns 1..3: offset (6-3)/2 = 1, rounded down) before resizing
    @Test
    void centreCropComesFirst() {
        int[][] in = {{255, 0, 30, 60, 255, 255}, {255, 90, 120, 150, 255, 255}, {255, 180, 210, 240, 255, 255}};
        assertArrayEquals(new int[][] {{40, 80}, {160, 200}}, rows(AreaResize.cropResize(plane(in), 2)));
        assertArrayEquals(new int[][] {{0, 30, 60}, {90, 120, 150}, {180, 210, 240}},
                rows(AreaResize.cropResize(plane(in), 3)));
        // a tall image: rows (5-3)/2 = 1 .. 3
        int[][] tall = {{9, 9, 9}, {1, 2, 3}, {4, 5, 6}, {7, 8, 9}, {9, 9, 9}};
        assertArrayEquals(new int[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}}, rows(AreaResize.cropResize(plane(tall), 3)));
    }

    // upscaling 2 -> 3: output 1 covers [2/3, 4/3), half of each input pixel: (0 + 90) / 2 = 45
    @Test
    void upscalingBlendsTheOverlappedPixels() {
        int[][] in = {{0, 90}, {0, 90}};
        assertArrayEquals(new int[][] {{0, 45, 90}, {0, 45, 90}, {0, 45, 90}}, rows(AreaResize.cropResize(plane(in), 3)));
    }

    // rounding is half up and exact (integer arithmetic): 0.25 -> 0, 0.5 -> 1, 0.75 -> 1
    @Test
    void roundingIsHalfUp() {
        assertEquals(0, rows(AreaResize.cropResize(plane(new int[][] {{0, 0}, {0, 1}}), 1))[0][0]);
        assertEquals(1, rows(AreaResize.cropResize(plane(new int[][] {{0, 1}, {0, 1}}), 1))[0][0]);
        assertEquals(1, rows(AreaResize.cropResize(plane(new int[][] {{0, 1}, {1, 1}}), 1))[0][0]);
    }

    // every plane is resized alike, independently
    @Test
    void planesAreIndependent() {
        byte[] d = {0, 2, 4, 6, 100, 100, 100, 100};
        PlanarImage p = AreaResize.cropResize(new PlanarImage(2, 2, 2, d), 1);
        assertEquals(3, p.at(0, 0, 0));
        assertEquals(100, p.at(1, 0, 0));
    }

    // ITU-R BT.601 luma in integers: (299 R + 587 G + 114 B + 500) / 1000; e.g. (10, 20, 30): 18.15 -> 18
    @Test
    void lumaAndReplication() {
        byte[] rgb = {(byte) 255, 0, 0, 10, /* G */ 0, (byte) 255, 0, 20, /* B */ 0, 0, (byte) 255, 30};
        PlanarImage gray = ChannelConversion.to(new PlanarImage(3, 1, 4, rgb), 1);
        assertArrayEquals(new int[][] {{76, 150, 29, 18}}, rows(gray));
        PlanarImage back = ChannelConversion.to(gray, 3);
        assertArrayEquals(new byte[] {76, (byte) 150, 29, 18, 76, (byte) 150, 29, 18, 76, (byte) 150, 29, 18},
                back.data());
    }

    // the eight EXIF orientations of a 3x2 image [[1,2,3],[4,5,6]], worked by hand
    @Test
    void orientations() {
        PlanarImage p = plane(new int[][] {{1, 2, 3}, {4, 5, 6}});
        assertArrayEquals(new int[][] {{1, 2, 3}, {4, 5, 6}}, rows(Orientation.apply(p, 1)));
        assertArrayEquals(new int[][] {{3, 2, 1}, {6, 5, 4}}, rows(Orientation.apply(p, 2)));
        assertArrayEquals(new int[][] {{6, 5, 4}, {3, 2, 1}}, rows(Orientation.apply(p, 3)));
        assertArrayEquals(new int[][] {{4, 5, 6}, {1, 2, 3}}, rows(Orientation.apply(p, 4)));
        assertArrayEquals(new int[][] {{1, 4}, {2, 5}, {3, 6}}, rows(Orientation.apply(p, 5)));
        assertArrayEquals(new int[][] {{4, 1}, {5, 2}, {6, 3}}, rows(Orientation.apply(p, 6)));
        assertArrayEquals(new int[][] {{6, 3}, {5, 2}, {4, 1}}, rows(Orientation.apply(p, 7)));
        assertArrayEquals(new int[][] {{3, 6}, {2, 5}, {1, 4}}, rows(Orientation.apply(p, 8)));
    }
}
