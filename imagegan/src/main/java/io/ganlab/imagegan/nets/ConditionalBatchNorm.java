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
 * The reference's {@code lib.ops.cond_batchnorm.Batchnorm} (Dumoulin et al. 2016): batch statistics per channel of
 * {@code (B, C, H, W)}, ε = 1e-5, then the scale and offset of each example's class, looked up in
 * {@code (classes, C)} tables (scale one, offset zero). Inputs {@code (x, labels)} with integer labels {@code (B)}.
 * Like the reference and {@link BatchNorm}, it normalises with the batch's statistics when sampling too; the
 * running averages it keeps (momentum 0.9, not trained, read by nothing) only keep checkpoints' layout.
 */
public final class ConditionalBatchNorm extends AbstractBlock implements BatchCoupled {
    private final int channels;
    private final int classes;
    private final Parameter scale;
    private final Parameter offset;
    private final Parameter runningMean;
    private final Parameter runningVar;

    public ConditionalBatchNorm(int channels, int classes) {
        if (channels < 1 || classes < 1) {
            throw new IllegalArgumentException("conditional batch norm needs channels and classes >= 1, got "
                    + channels + " and " + classes);
        }
        this.channels = channels;
        this.classes = classes;
        Shape table = new Shape(classes, channels);
        scale = addParameter(Parameter.builder().setName("gamma").setType(Parameter.Type.GAMMA).optShape(table)
                .optInitializer(Initializer.ONES).build());
        offset = addParameter(Parameter.builder().setName("beta").setType(Parameter.Type.BETA).optShape(table)
                .optInitializer(Initializer.ZEROS).build());
        Shape c = new Shape(channels);
        runningMean = addParameter(Parameter.builder().setName("runningMean").setType(Parameter.Type.RUNNING_MEAN)
                .optShape(c).optInitializer(Initializer.ZEROS).optRequiresGrad(false).build());
        runningVar = addParameter(Parameter.builder().setName("runningVar").setType(Parameter.Type.RUNNING_VAR)
                .optShape(c).optInitializer(Initializer.ONES).optRequiresGrad(false).build());
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        if (inputs.size() != 2) {
            throw new IllegalArgumentException("ConditionalBatchNorm expects (x, labels), got " + inputs.size()
                    + " inputs");
        }
        NDArray x = inputs.get(0);                                             // (B, C, H, W)
        NDArray labels = inputs.get(1);                                        // (B)
        if (x.getShape().dimension() != 4 || x.getShape().get(1) != channels
                || labels.getShape().dimension() != 1 || labels.getShape().get(0) != x.getShape().get(0)) {
            throw new IllegalArgumentException("ConditionalBatchNorm(" + channels + ") expects x (B, " + channels
                    + ", H, W) and labels (B), got " + x.getShape() + " and " + labels.getShape());
        }
        return new NDList(Bf16.inFloat(x, v -> normalise(ps, v, labels, training)));
    }

    private NDArray normalise(ParameterStore ps, NDArray x, NDArray labels, boolean training) {
        var d = x.getDevice();
        NDArray normed;
        try (NDArray ones = x.getManager().ones(new Shape(channels), x.getDataType());
             NDArray zeros = x.getManager().zeros(new Shape(channels), x.getDataType())) {
            // batch statistics when sampling too, as the reference (BatchNorm)
            normed = ai.djl.nn.norm.BatchNorm.batchNorm(x,
                    BatchNorm.runningStatistic(ps.getValue(runningMean, d, training), x, training),
                    BatchNorm.runningStatistic(ps.getValue(runningVar, d, training), x, training), ones, zeros, 1,
                    BatchNorm.MOMENTUM, BatchNorm.EPSILON, true).head();      // (B, C, H, W)
        }
        NDArray oneHot = labels.oneHot(classes, x.getDataType()); // (B, classes)
        long b = x.getShape().get(0);
        NDArray g = oneHot.matMul(ps.getValue(scale, d, training)).reshape(b, channels, 1, 1);  // (B, C, 1, 1)
        NDArray o = oneHot.matMul(ps.getValue(offset, d, training)).reshape(b, channels, 1, 1); // (B, C, 1, 1)
        return normed.mul(g).add(o);                                           // (B, C, H, W)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "ConditionalBatchNorm(" + channels + ", " + classes + " classes)";
    }
}
