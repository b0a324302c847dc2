package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

/**
 * {@code Discriminator} of {@code gan_cifar_resnet.py} (DIM_D 128):
 * {@code x (B, 3, 32, 32) → OptimizedResBlockDisc1 → (B, DIM, 16, 16) → ResidualBlock down → (B, DIM, 8, 8) →
 * 2 × ResidualBlock → ReLU → mean over H, W → (B, DIM) → Linear → (B)}; with {@code classes > 0} ({@code ACGAN})
 * also {@code Linear → (B, classes)} class logits from the same features, returned second.
 *
 * <p>{@code OptimizedResBlockDisc1}: {@code meanpool(conv1x1(x)) + meanpool(conv3(relu(conv3(x))))}, no
 * normalisation and no nonlinearity before the first conv. The other blocks normalise where {@code Normalize}
 * stands: nothing by default ({@code NORMALIZATION_D = False}); {@code NORMALIZATION_D = True} means tflib's
 * layer norm over (C, H, W) (the published file passes it a {@code labels} argument its {@code Layernorm} does not
 * take, so that setting fails as written; this follows its evident intent). Batch norm is offered for objectives
 * without a gradient penalty; the reference has no such setting.
 */
public final class CifarResnetCritic extends ImageNetwork {
    private final int dim;
    private final int classes;
    private final Block shortcut1;
    private final Block conv1a;
    private final Block conv1b;
    private final Block[] blocks = new Block[3];
    private final Block output;
    private final Block classOutput;

    public CifarResnetCritic(int dim, CriticNorm norm, int classes) {
        if (classes < 0) {
            throw new IllegalArgumentException("classes must be 0 (no class head) or positive, got " + classes);
        }
        this.dim = dim;
        this.classes = classes;
        shortcut1 = addChildBlock("shortcut1", Conv.glorot(3, dim, 1, 1));
        conv1a = addChildBlock("conv1a", Conv.he(3, dim, 3, 1));
        conv1b = addChildBlock("conv1b", Conv.he(dim, dim, 3, 1));
        blocks[0] = addChildBlock("res2", new CifarResidualBlock(dim, dim, Resampling.DOWN, norm::create));
        blocks[1] = addChildBlock("res3", new CifarResidualBlock(dim, dim, Resampling.NONE, norm::create));
        blocks[2] = addChildBlock("res4", new CifarResidualBlock(dim, dim, Resampling.NONE, norm::create));
        output = addChildBlock("output", Dense.glorot(dim, 1));
        classOutput = classes > 0 ? addChildBlock("acganOutput", Dense.glorot(dim, classes)) : null;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray x = inputs.head();                                             // (B, 3, 32, 32)
        NDArray skip = apply(ps, shortcut1, Resample.meanPool(x), training);   // (B, DIM, 16, 16)
        NDArray h = Activation.relu(apply(ps, conv1a, x, training));           // (B, DIM, 32, 32)
        h = skip.add(Resample.meanPool(apply(ps, conv1b, h, training)));       // (B, DIM, 16, 16)
        for (Block b : blocks) {
            h = b.forward(ps, new NDList(h), training).head();                 // (B, DIM, 8, 8)
        }
        NDArray features = Activation.relu(h).reshape(h.getShape().get(0), dim, -1)
                .mean(new int[] {2});                                          // (B, DIM)
        NDArray scores = apply(ps, output, features, training).reshape(-1);    // (B)
        if (classOutput == null) {
            return new NDList(scores);
        }
        return new NDList(scores, apply(ps, classOutput, features, training)); // (B), (B, classes)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        long b = inputShapes[0].get(0);
        return classes == 0 ? new Shape[] {new Shape(b)} : new Shape[] {new Shape(b), new Shape(b, classes)};
    }
}
