package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code Discriminator} of {@code gan_cifar.py} (DIM 128):
 * {@code x (B, 3, 32, 32) → Conv5/2 → LReLU → (B, DIM, 16, 16) → Conv5/2 → [norm] → LReLU → (B, 2·DIM, 8, 8) →
 * Conv5/2 → [norm] → LReLU → (B, 4·DIM, 4, 4) → flatten → Linear → (B)}, leaky slope 0.2. The reference puts
 * batch norm in the two slots for every {@code MODE} but {@code 'wgan-gp'}, which has none.
 */
public final class CifarDcganCritic extends ImageNetwork {
    private final int dim;
    private final Block conv1;
    private final Block conv2;
    private final Block norm2;
    private final Block conv3;
    private final Block norm3;
    private final Block output;

    public CifarDcganCritic(int dim, CriticNorm norm) {
        this.dim = dim;
        conv1 = addChildBlock("conv1", Conv.he(3, dim, 5, 2));
        conv2 = addChildBlock("conv2", Conv.he(dim, 2 * dim, 5, 2));
        norm2 = optional("norm2", norm.create(2 * dim));
        conv3 = addChildBlock("conv3", Conv.he(2 * dim, 4 * dim, 5, 2));
        norm3 = optional("norm3", norm.create(4 * dim));
        output = addChildBlock("output", Dense.glorot(4 * 4 * 4 * dim, 1));
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                             // (B, 3, 32, 32)
        NDArray h = Resample.leakyRelu(apply(ps, conv1, x, training));         // (B, DIM, 16, 16)
        h = Resample.leakyRelu(apply(ps, norm2, apply(ps, conv2, h, training), training)); // (B, 2·DIM, 8, 8)
        h = Resample.leakyRelu(apply(ps, norm3, apply(ps, conv3, h, training), training)); // (B, 4·DIM, 4, 4)
        h = h.reshape(-1, 4 * 4 * 4 * dim);                                    // (B, 4·4·4·DIM), channel-major
        return new NDList(apply(ps, output, h, training).reshape(-1));         // (B)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0))};
    }
}
