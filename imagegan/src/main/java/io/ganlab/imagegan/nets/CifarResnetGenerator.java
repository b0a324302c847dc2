package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code Generator} of {@code gan_cifar_resnet.py} (DIM_G 128, {@code NORMALIZATION_G = True}):
 * {@code z (B, 128) → Linear → (B, DIM, 4, 4) → 3 × ResidualBlock up → (B, DIM, 32, 32) → BN → ReLU →
 * Conv3 (Glorot) → tanh → (B, 3, 32, 32)}, values in [−1, 1]. No batch norm or nonlinearity between the linear
 * layer and the first block (the blocks are pre-activation). With {@code classes > 0} ({@code CONDITIONAL = True},
 * the AC-GAN model) the blocks' batch norms are conditional on the label and the inputs are {@code (z, labels)};
 * the output batch norm stays unconditional, as in the reference.
 */
public final class CifarResnetGenerator extends ImageNetwork {
    public static final int LATENT = 128;

    private final int dim;
    private final int classes;
    private final Block input;
    private final Block[] blocks = new Block[3];
    private final Block outputNorm;
    private final Block output;

    public CifarResnetGenerator(int dim, int classes) {
        if (classes < 0) {
            throw new IllegalArgumentException("classes must be 0 (unconditional) or positive, got " + classes);
        }
        this.dim = dim;
        this.classes = classes;
        input = addChildBlock("input", Dense.glorot(LATENT, 4 * 4 * dim));
        for (int i = 0; i < blocks.length; i++) {
            blocks[i] = addChildBlock("res" + (i + 1), new CifarResidualBlock(dim, dim, Resampling.UP,
                    c -> classes > 0 ? new ConditionalBatchNorm(c, classes) : new BatchNorm(c)));
        }
        outputNorm = addChildBlock("outputNorm", new BatchNorm(dim));
        output = addChildBlock("output", Conv.glorot(dim, 3, 3, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.get(0);                                             // (B, 128)
        if (classes > 0 && inputs.size() < 2) {
            throw new IllegalArgumentException("the conditional generator needs (z, labels), got one input");
        }
        NDArray h = apply(ps, input, z, training).reshape(-1, dim, 4, 4);      // (B, DIM, 4, 4)
        for (Block b : blocks) {
            NDList in = classes > 0 ? new NDList(h, inputs.get(1)) : new NDList(h);
            h = b.forward(ps, in, training).head();                            // (B, DIM, 2H, 2W)
        }                                                                      // (B, DIM, 32, 32)
        h = Activation.relu(apply(ps, outputNorm, h, training));
        return new NDList(Activation.tanh(apply(ps, output, h, training)));    // (B, 3, 32, 32)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 3, 32, 32)};
    }
}
