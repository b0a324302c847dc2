package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code WGANPaper_CrippledDCGANGenerator} of {@code gan_64x64.py} ("no BN and a constant number of filters in
 * G"): {@code z (B, 128) → Linear → ReLU → (B, DIM, 4, 4) → 3 × [Deconv5 (DIM → DIM) → ReLU] → (B, DIM, 32, 32) →
 * Deconv5 → tanh → (B, 3, 64, 64)}. The library's default initialisation (Glorot linear, He deconvolutions).
 */
public final class ConstantFilterGenerator64 extends ImageNetwork {
    public static final int LATENT = 128;

    private final int dim;
    private final Block input;
    private final Block[] deconvs = new Block[4];

    public ConstantFilterGenerator64(int dim) {
        this.dim = dim;
        input = addChildBlock("input", Dense.glorot(LATENT, 4 * 4 * dim));
        for (int i = 0; i < 4; i++) {
            deconvs[i] = addChildBlock("deconv" + (i + 2), Deconv.he(dim, i == 3 ? 3 : dim, 5));
        }
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.head();                                             // (B, 128)
        NDArray h = Activation.relu(apply(ps, input, z, training)).reshape(-1, dim, 4, 4); // (B, DIM, 4, 4)
        for (int i = 0; i < 3; i++) {
            h = Activation.relu(apply(ps, deconvs[i], h, training));           // (B, DIM, 8, 8) … (B, DIM, 32, 32)
        }
        return new NDList(Activation.tanh(apply(ps, deconvs[3], h, training))); // (B, 3, 64, 64)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), 3, 64, 64)};
    }
}
