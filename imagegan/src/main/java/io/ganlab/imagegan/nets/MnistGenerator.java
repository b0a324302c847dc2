package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code Generator} of {@code gan_mnist.py} (DIM 64):
 * {@code z (B, 128) → Linear → ReLU → (B, 4·DIM, 4, 4) → Deconv5 → ReLU → (B, 2·DIM, 8, 8) → crop 7×7 →
 * Deconv5 → ReLU → (B, DIM, 14, 14) → Deconv5 → sigmoid → (B, 1, 28, 28)}, values in [0, 1]. The reference
 * returns the image flattened to (B, 784); here it stays NCHW. Batch norm ({@code Generator.BN1..3}) only with
 * {@code batchNorm}, as the reference's {@code MODE = 'wgan'}; its default {@code 'wgan-gp'} has none.
 */
public final class MnistGenerator extends ImageNetwork {
    public static final int LATENT = 128;

    private final int dim;
    private final Block input;
    private final Block bn1;
    private final Block deconv2;
    private final Block bn2;
    private final Block deconv3;
    private final Block bn3;
    private final Block deconv5;

    public MnistGenerator(int dim, boolean batchNorm) {
        this.dim = dim;
        input = addChildBlock("input", Dense.glorot(LATENT, 4 * 4 * 4 * dim));
        bn1 = optional("bn1", batchNorm ? new BatchNorm(4 * 4 * 4 * dim) : null);
        deconv2 = addChildBlock("deconv2", Deconv.he(4 * dim, 2 * dim, 5));
        bn2 = optional("bn2", batchNorm ? new BatchNorm(2 * dim) : null);
        deconv3 = addChildBlock("deconv3", Deconv.he(2 * dim, dim, 5));
        bn3 = optional("bn3", batchNorm ? new BatchNorm(dim) : null);
        deconv5 = addChildBlock("deconv5", Deconv.he(dim, 1, 5));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.head();                                             // (B, 128)
        NDArray h = apply(ps, input, z, training);                             // (B, 4·4·4·DIM)
        h = Activation.relu(apply(ps, bn1, h, training));
        h = h.reshape(-1, 4 * dim, 4, 4);                                      // (B, 4·DIM, 4, 4)
        h = Activation.relu(apply(ps, bn2, apply(ps, deconv2, h, training), training)); // (B, 2·DIM, 8, 8)
        h = h.get(":, :, :7, :7");                                             // (B, 2·DIM, 7, 7)
        h = Activation.relu(apply(ps, bn3, apply(ps, deconv3, h, training), training)); // (B, DIM, 14, 14)
        return new NDList(Activation.sigmoid(apply(ps, deconv5, h, training))); // (B, 1, 28, 28)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 1, 28, 28)};
    }
}
