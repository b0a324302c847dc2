package io.ganlab.imagegan.data;

/**
 * One decoded image as 8-bit planes: {@code data[c * height * width + y * width + x]}, channels R, G, B or a single
 * gray channel. {@link ImageDecoder#read} makes one from a file.
 */
public record PlanarImage(int channels, int height, int width, byte[] data) {
    public PlanarImage {
        if (data.length != channels * height * width) {
            throw new IllegalArgumentException(data.length + " bytes for a " + channels + "x" + height + "x" + width
                    + " image");
        }
    }

    int at(int c, int y, int x) {
        return data[(c * height + y) * width + x] & 0xFF;
    }
}
