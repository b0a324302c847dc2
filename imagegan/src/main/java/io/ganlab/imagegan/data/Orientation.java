package io.ganlab.imagegan.data;

/**
 * The eight EXIF orientations (tag 274): how the stored pixels must be turned to be seen upright. For a stored
 * image of width W and height H, shown pixel (x, y) is stored pixel:
 * <pre>
 *   1 (x, y)            2 (W-1-x, y)          3 (W-1-x, H-1-y)      4 (x, H-1-y)
 *   5 (y, x)            6 (y, H-1-x)          7 (W-1-y, H-1-x)      8 (W-1-y, x)
 * </pre>
 * (5 to 8 swap width and height: 6 is "rotate 90 degrees clockwise to view", 8 counter-clockwise.)
 */
final class Orientation {
    private Orientation() {}

    static PlanarImage apply(PlanarImage in, int orientation) {
        if (orientation == 1) {
            return in;
        }
        int w = in.width();
        int h = in.height();
        boolean swap = orientation >= 5;
        int ow = swap ? h : w;
        int oh = swap ? w : h;
        byte[] src = in.data();
        byte[] out = new byte[src.length];
        for (int c = 0; c < in.channels(); c++) {
            int plane = c * w * h;
            for (int y = 0; y < oh; y++) {
                for (int x = 0; x < ow; x++) {
                    int sx;
                    int sy;
                    switch (orientation) {
                        case 2 -> { sx = w - 1 - x; sy = y; }
                        case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
                        case 4 -> { sx = x; sy = h - 1 - y; }
                        case 5 -> { sx = y; sy = x; }
                        case 6 -> { sx = y; sy = h - 1 - x; }
                        case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
                        case 8 -> { sx = w - 1 - y; sy = x; }
                        default -> throw new IllegalArgumentException("EXIF orientation " + orientation);
                    }
                    out[plane + y * ow + x] = src[plane + sy * w + sx];
                }
            }
        }
        return new PlanarImage(in.channels(), oh, ow, out);
    }
}
