package io.ganlab.eval.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The extractor's input and output types, and a toy extractor feeding the metrics batch by batch. */
class FeatureExtractorTest {

    /** Pool features: each channel's mean brightness; logits: dark vs bright. */
    private static final class ChannelMeans implements FeatureExtractor {
        @Override
        public String id() {
            return "channel-means";
        }

        @Override
        public int classes() {
            return 2;
        }

        @Override
        public int featureDimension() {
            return 3;
        }

        @Override
        public ExtractedFeatures extract(ImageBatch images) {
            if (images.channels() != 3) {
                throw new ImageMetricException("channel-means: needs RGB images, got " + images.channels()
                        + " channels");
            }
            float[][] pool = new float[images.count()][3];
            float[][] logits = new float[images.count()][2];
            for (int n = 0; n < images.count(); n++) {
                for (int c = 0; c < 3; c++) {
                    long sum = 0;
                    for (int y = 0; y < images.height(); y++) {
                        for (int x = 0; x < images.width(); x++) {
                            sum += images.pixel(n, c, y, x);
                        }
                    }
                    pool[n][c] = (float) sum / (images.height() * images.width());
                }
                float brightness = (pool[n][0] + pool[n][1] + pool[n][2]) / 3;
                logits[n][1] = (brightness - 127.5f) / 10;
            }
            return new ExtractedFeatures(logits, pool);
        }

        @Override
        public void close() {}
    }

    // pixel (n, c, y, x) is read from N x C x H x W order, unsigned
    @Test
    void batchLayoutIsChannelMajorAndUnsigned() {
        byte[] px = new byte[2 * 3 * 2 * 4];
        px[((1 * 3 + 2) * 2 + 1) * 4 + 3] = (byte) 250;
        ImageBatch b = new ImageBatch(2, 3, 2, 4, px);
        assertEquals(250, b.pixel(1, 2, 1, 3));
        assertEquals(0, b.pixel(1, 2, 1, 2));
        assertTrue(assertThrows(ImageMetricException.class, () -> new ImageBatch(2, 3, 2, 4, new byte[5]))
                .getMessage().contains("5 bytes for shape 2 x 3 x 2 x 4 (48 expected)"));
        assertTrue(assertThrows(ImageMetricException.class, () -> new ImageBatch(0, 3, 2, 4, new byte[0]))
                .getMessage().contains("empty axis"));
    }

    // at least one output, and both with one row per image
    @Test
    void extractedFeaturesAreConsistent() {
        assertEquals(2, new ExtractedFeatures(null, new float[2][4]).count());
        assertThrows(ImageMetricException.class, () -> new ExtractedFeatures(null, null));
        assertTrue(assertThrows(ImageMetricException.class, () -> new ExtractedFeatures(new float[3][2],
                new float[2][4])).getMessage().contains("3 rows of logits but 2 rows of pool features"));
    }

    // images of two sizes go through one extractor; the statistics of all batches equal those of all rows
    @Test
    void toyExtractorFeedsTheMetrics() {
        try (FeatureExtractor extractor = new ChannelMeans()) {
            FeatureStatistics.Accumulator acc = new FeatureStatistics.Accumulator(extractor.featureDimension());
            float[][] all = new float[6][];
            float[][] logits = new float[6][];
            int k = 0;
            for (int size : new int[] {2, 5}) {
                byte[] px = new byte[3 * 3 * size * size];
                for (int i = 0; i < px.length; i++) {
                    px[i] = (byte) (i * 37 + size);
                }
                ExtractedFeatures f = extractor.extract(new ImageBatch(3, 3, size, size, px));
                acc.add(f.pool());
                for (int n = 0; n < 3; n++) {
                    all[k] = f.pool()[n];
                    logits[k++] = f.logits()[n];
                }
            }
            FeatureStatistics streamed = acc.statistics();
            FeatureStatistics direct = FeatureStatistics.of(all);
            assertArrayEquals(direct.mean(), streamed.mean(), 0);
            assertEquals(6, InceptionScore.fromLogits(logits, 2, 0).samples());
            assertTrue(assertThrows(ImageMetricException.class,
                    () -> extractor.extract(new ImageBatch(1, 1, 2, 2, new byte[4]))).getMessage()
                    .contains("needs RGB images"));
        }
    }
}
