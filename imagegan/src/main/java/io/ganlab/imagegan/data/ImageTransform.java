package io.ganlab.imagegan.data;

/**
 * Brings a decoded image to the dataset's shape, in this order: RGB to gray (when fewer channels are wanted),
 * centre crop and area resize ({@link AreaResize}) when the size differs, gray to RGB (when more are wanted;
 * replication commutes with the resize, so it is done on the smaller image).
 */
final class ImageTransform {
    private ImageTransform() {}

    static PlanarImage fit(PlanarImage in, ImageShape target) {
        PlanarImage p = in.channels() > target.channels() ? ChannelConversion.to(in, target.channels()) : in;
        if (p.height() != target.height() || p.width() != target.width()) {
            if (target.height() != target.width()) {
                throw new IllegalArgumentException("resizing makes square images, not " + target);
            }
            p = AreaResize.cropResize(p, target.height());
        }
        return ChannelConversion.to(p, target.channels());
    }
}
