package io.ganlab.imagegan.data;

/**
 * Gray to RGB by replication; RGB to gray by the ITU-R BT.601 luma, {@code Y = 0.299 R + 0.587 G + 0.114 B}, in
 * integers and rounded half up: {@code (299 R + 587 G + 114 B + 500) / 1000} (what PIL's {@code convert('L')}
 * computes, up to its rounding).
 */
final class ChannelConversion {
    private ChannelConversion() {}

    static PlanarImage to(PlanarImage in, int channels) {
        if (in.channels() == channels) {
            return in;
        }
        int px = in.height() * in.width();
        byte[] d = in.data();
        if (in.channels() == 1 && channels == 3) {
            byte[] out = new byte[3 * px];
            System.arraycopy(d, 0, out, 0, px);
            System.arraycopy(d, 0, out, px, px);
            System.arraycopy(d, 0, out, 2 * px, px);
            return new PlanarImage(3, in.height(), in.width(), out);
        }
        if (in.channels() == 3 && channels == 1) {
            byte[] out = new byte[px];
            for (int i = 0; i < px; i++) {
                int r = d[i] & 0xFF;
                int g = d[px + i] & 0xFF;
                int b = d[2 * px + i] & 0xFF;
                out[i] = (byte) ((299 * r + 587 * g + 114 * b + 500) / 1000);
            }
            return new PlanarImage(1, in.height(), in.width(), out);
        }
        throw new IllegalArgumentException("cannot convert " + in.channels() + " channels to " + channels);
    }
}
