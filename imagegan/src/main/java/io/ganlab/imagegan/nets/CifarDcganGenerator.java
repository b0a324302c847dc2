package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code Generator} of {@code gan_cifar.py} (DIM 128):
 * {@code z (B, 128) → Linear → BN → ReLU → (B, 4·DIM, 4, 4) → Deconv5 → BN → ReLU → (B, 2·DIM, 8, 8) → Deconv5 →
 * BN → ReLU → (B, DIM, 16, 16) → Deconv5 → tanh → (B, 3, 32, 32)}, values in [−1, 1]. The first batch norm
 * ({@code Generator.BN1}, axes [0]) normalises each of the 4·4·4·DIM features of the linear output before the
 * reshape; the others are per channel.
 */
public final class CifarDcganGenerator extends ImageNetwork {
    public static final int LATENT = 128;

    private final int dim;
    private final Block input;
    private final Block bn1;
    private final Block deconv2;
    private final Block bn2;
    private final Block deconv3;
    private final Block bn3;
    private final Block deconv5;

    public CifarDcganGenerator(int dim) {
        this.dim = dim;
        input = addChildBlock("input", Dense.glorot(LATENT, 4 * 4 * 4 * dim));
        bn1 = addChildBlock("bn1", new BatchNorm(4 * 4 * 4 * dim));
        deconv2 = addChildBlock("deconv2", Deconv.he(4 * dim, 2 * dim, 5));
        bn2 = addChildBlock("bn2", new BatchNorm(2 * dim));
        deconv3 = addChildBlock("deconv3", Deconv.he(2 * dim, dim, 5));
        bn3 = addChildBlock("bn3", new BatchNorm(dim));
        deconv5 = addChildBlock("deconv5", Deconv.he(dim, 3, 5));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.head();                                             // (B, 128)
        NDArray h = apply(ps, bn1, apply(ps, input, z, training), training);   // (B, 4·4·4·DIM)
        h = Activation.relu(h).reshape(-1, 4 * dim, 4, 4);                     // (B, 4·DIM, 4, 4)
        h = Activation.relu(apply(ps, bn2, apply(ps, deconv2, h, training), training)); // (B, 2·DIM, 8, 8)
        h = Activation.relu(apply(ps, bn3, apply(ps, deconv3, h, training), training)); // (B, DIM, 16, 16)
        return new NDList(Activation.tanh(apply(ps, deconv5, h, training)));   // (B, 3, 32, 32)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 3, 32, 32)};
    }
}
