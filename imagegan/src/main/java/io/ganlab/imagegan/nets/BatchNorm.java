package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.Initializer;
import ai.djl.util.PairList;
import io.ganlab.core.BatchCoupled;
import io.ganlab.core.Bf16;

/**
 * The reference's {@code lib.ops.batchnorm.Batchnorm}: per channel (axis 1) of {@code (B, C)} or
 * {@code (B, C, H, W)}, batch statistics over every other axis, ε = 1e-5, scale {@code (C)} one and offset
 * {@code (C)} zero. Like the reference, whose scripts never pass {@code is_training}, it normalises with the
 * batch's own statistics when sampling too (so a generator with it samples in whole batches,
 * {@link io.ganlab.core.BatchDependentSampling}). It still keeps running averages (momentum 0.9, DJL's convention),
 * which training updates and nothing reads, so that checkpoints keep their layout.
 */
public final class BatchNorm extends AbstractBlock implements BatchCoupled {
    static final float EPSILON = 1e-5f;
    static final float MOMENTUM = 0.9f;

    private final int channels;
    private final Parameter scale;
    private final Parameter offset;
    private final Parameter runningMean;
    private final Parameter runningVar;

    public BatchNorm(int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("batch norm needs at least one channel, got " + channels);
        }
        this.channels = channels;
        Shape c = new Shape(channels);
        scale = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optShape(c)
                .optInitializer(Initializer.ONES).build());
        offset = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optShape(c)
                .optInitializer(Initializer.ZEROS).build());
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optShape(c).optInitializer(Initializer.ZEROS).optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optShape(c).optInitializer(Initializer.ONES).optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                             // (B, C, ...)
        if (x.getShape().dimension() < 2 || x.getShape().get(1) != channels) {
            throw new IllegalArgumentException("BatchNorm(" + channels + ") expects (B, " + channels
                    + ", ...), got " + x.getShape());
        }
        var d = x.getDevice();
        NDArray mean = runningStatistic(ps.getValue(runningMean, d, training), x, training);
        NDArray var = runningStatistic(ps.getValue(runningVar, d, training), x, training);
        return new NDList(Bf16.inFloat(x, v -> ai.djl.nn.norm.BatchNorm.batchNorm(v, mean, var,
                ps.getValue(scale, d, training), ps.getValue(offset, d, training), 1, MOMENTUM, EPSILON, true)
                .head()));                                                     // (B, C, ...)
    }

    /**
     * A running average as the batch-statistics pass may update it: the parameter itself in training, a copy in
     * the step's manager otherwise, so that sampling leaves the averages as training left them.
     */
    static NDArray runningStatistic(NDArray running, NDArray x, boolean training) {
        if (training) {
            return running;
        }
        NDArray copy = running.duplicate();
        copy.attach(x.getManager());
        return copy;
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "BatchNorm(" + channels + ")";
    }
}
