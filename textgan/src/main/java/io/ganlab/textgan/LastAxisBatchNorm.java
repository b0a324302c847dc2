package io.ganlab.textgan;

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
import io.ganlab.core.Scalars;

/**
 * The FOGAN authors' generator batch norm ({@code batch_norm_class} in {@code WGAN_GP/gan_language_JSD.py} of
 * zalandoresearch/first_order_gan): TensorFlow's {@code tf.contrib.layers.batch_norm} with its default layout, which
 * keeps one mean and variance per entry of the <em>last</em> axis, pooled over all the others. On the residual
 * blocks' {@code (B, D, T)} activations that is one statistic per sequence position over batch and channels; on
 * {@code (B, F)} one per feature over the batch.
 *
 * <p>{@code y = (x − mean) / sqrt(var + 1e-5)}, the variance biased (TensorFlow's {@code nn.moments}). No scale
 * ({@code BN_SCALE = False}) and no shift: TensorFlow makes a shift {@code beta}, initialised to 0, but the authors'
 * optimisers only receive the {@code lib.params_with_name('Generator')} variables, which are tflib's, so it stays 0
 * and is left out here. Nothing in this block is trained.
 *
 * <p>With moving averages, every training-mode forward updates them in place ({@code updates_collections=None},
 * decay 0.9: {@code m ← 0.9·m + 0.1·batch}, variance biased) and inference normalises with them. Without, every
 * forward uses the batch's own statistics: the authors call their first two batch norms (on z and after the input
 * linear) without {@code train=train}, so those stay in training mode when sampling, and samples depend on the
 * batch they are drawn in.
 */
public final class LastAxisBatchNorm extends AbstractBlock implements BatchCoupled {
    /** ε of {@code batch_norm_class}. */
    static final float EPSILON = 1e-5f;
    /** Decay of the moving averages ({@code momentum = 0.9} of {@code batch_norm_class}). */
    static final float DECAY = 0.9f;

    private final Parameter movingMean;
    private final Parameter movingVar;

    /** @param movingAverages keep moving averages for inference (else batch statistics always) */
    public LastAxisBatchNorm(boolean movingAverages) {
        if (movingAverages) {
            movingMean = addParameter(Parameter.builder().setName("movingMean").setType(Parameter.Type.RUNNING_MEAN)
                    .optInitializer(Initializer.ZEROS).optRequiresGrad(false).build());
            movingVar = addParameter(Parameter.builder().setName("movingVar").setType(Parameter.Type.RUNNING_VAR)
                    .optInitializer(Initializer.ONES).optRequiresGrad(false).build());
        } else {
            movingMean = null;
            movingVar = null;
        }
    }

    /** Whether inference normalises with moving averages (else with the batch's statistics). */
    public boolean hasMovingAverages() {
        return movingMean != null;
    }

    @Override
    protected void prepare(Shape[] inputShapes) {
        if (movingMean != null) {
            Shape last = new Shape(inputShapes[0].get(inputShapes[0].dimension() - 1));
            movingMean.setShape(last);
            movingVar.setShape(last);
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.singletonOrThrow();                                  // (…, L)
        if (x.getShape().dimension() < 2) {
            throw new IllegalArgumentException("batch norm expects (B, …, L), got " + x.getShape());
        }
        if (Bf16.is(x)) {
            return new NDList(Bf16.inFloat(x, v -> forwardInternal(ps, new NDList(v), training, params).head()));
        }
        // x, or arrays made from it, always come first: results belong to the first input's manager, and one
        // made in the model's manager would stay there for good
        NDArray eps = Scalars.constant(x, EPSILON);
        if (!training && movingMean != null) {
            NDArray mean = ps.getValue(movingMean, x.getDevice(), false);       // (L)
            NDArray var = ps.getValue(movingVar, x.getDevice(), false);         // (L)
            return new NDList(x.sub(mean).div(eps.add(var).sqrt()));          // (…, L), broadcast on the last axis
        }
        long last = x.getShape().get(x.getShape().dimension() - 1);
        // DJL's PyTorch mean takes one axis: pool every axis but the last as the rows of a (N, L) view
        NDArray mean = x.reshape(-1, last).mean(new int[] {0}, true);          // (1, L)
        NDArray centred = x.sub(mean);                                          // (…, L)
        NDArray var = centred.reshape(-1, last).square().mean(new int[] {0}, true); // (1, L), biased
        NDArray y = centred.div(var.add(eps).sqrt());                           // (…, L)
        if (training && movingMean != null) {
            update(ps.getValue(movingMean, x.getDevice(), true), mean.stopGradient().reshape(last));
            update(ps.getValue(movingVar, x.getDevice(), true), var.stopGradient().reshape(last));
        }
        return new NDList(y);
    }

    /** {@code moving ← 0.9·moving + 0.1·batch}, in place (the parameter's own array, never a new one). */
    private static void update(NDArray moving, NDArray batch) {
        try (NDArray decay = Scalars.constant(batch, DECAY)) {
            moving.muli(decay).addi(Scalars.times(batch, 1 - DECAY));
        }
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {inputShapes[0]};
    }

    @Override
    public String toString() {
        return "LastAxisBatchNorm(" + (movingMean != null ? "moving averages" : "batch statistics") + ")";
    }
}
