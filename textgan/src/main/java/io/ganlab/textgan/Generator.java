package io.ganlab.textgan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.util.PairList;
import java.util.ArrayList;
import java.util.List;
import io.ganlab.core.Bf16;
import io.ganlab.core.BatchDependentSampling;

/**
 * Generator of the WGAN-GP language model:
 * {@code z (B, 128) → Linear(128 → T·D) → reshape (B, D, T) → 5 residual blocks → Conv1d(D → V, k1) →
 * softmax over V}, returned as {@code (B, T, V)} soft one-hot rows. No sampling: the critic reads the
 * probabilities themselves. Optional batch norm (FOGAN, {@link GeneratorNorm}): on z, after the input linear and
 * after each convolution of the blocks, as {@code Generator} in the authors' {@code gan_language_JSD.py}.
 */
public final class Generator extends AbstractBlock implements BatchDependentSampling {
    private final Architecture arch;
    private final Block inNorm;
    private final Block input;
    private final Block linNorm;
    private final Block[] res;
    private final Block output;
    private final List<ChannelsLastConv1d> convs = new ArrayList<>();   // prepared together each step

    public Generator(Architecture arch) {
        this.arch = arch;
        GeneratorNorm norm = arch.generatorNorm();
        inNorm = optional("bn_z", norm.create(false));
        Linear lin = Linear.builder().setUnits((long) arch.seqLen() * arch.dim()).build();
        lin.setInitializer(glorot(), Parameter.Type.WEIGHT);
        input = addChildBlock("input", lin);
        linNorm = optional("bn_input", norm.create(false));
        res = new Block[arch.blocks()];
        for (int i = 0; i < res.length; i++) {
            res[i] = addChildBlock("res" + (i + 1), new ResidualBlock(arch.dim(),
                    norm == GeneratorNorm.NONE ? null : () -> norm.create(true)));
        }
        output = addChildBlock("output", ResidualBlock.conv(arch.vocab(), 1));
        for (Block r : res) {
            convs.addAll(((ResidualBlock) r).convs());
        }
        convs.add((ChannelsLastConv1d) output);
    }

    private Block optional(String name, Block b) {
        return b == null ? null : addChildBlock(name, b);
    }

    /** Glorot uniform: ±sqrt(6 / (fan_in + fan_out)). */
    static XavierInitializer glorot() {
        return new XavierInitializer(XavierInitializer.RandomType.UNIFORM, XavierInitializer.FactorType.AVG, 3f);
    }

    public Architecture architecture() {
        return arch;
    }

    /** With the authors' batch norm: its first two layers normalise samples with their batch's statistics. */
    @Override
    public boolean samplesDependOnBatch() {
        return arch.generatorNorm() == GeneratorNorm.AUTHORS;
    }

    @Override
    protected NDList forwardInternal(ParameterStore ps, NDList inputs, boolean training,
                                     PairList<String, Object> params) {
        NDArray z = inputs.singletonOrThrow();                                   // (B, Z)
        long b = z.getShape().get(0);
        if (inNorm != null) {
            z = inNorm.forward(ps, new NDList(z), training).singletonOrThrow();
        }
        NDArray h = input.forward(ps, new NDList(z), training).singletonOrThrow(); // (B, T·D)
        if (linNorm != null) {
            h = linNorm.forward(ps, new NDList(h), training).singletonOrThrow();
        }
        ChannelsLastConv1d.prepareAll(convs, ps, h, training);
        // channels-last, and 4-D up to the output convolution (ChannelsLastConv1d says why)
        h = ChannelsLastConv1d.channelsLast(h.reshape(b, arch.dim(), arch.seqLen())).expandDims(2); // (B, D, 1, T)
        for (Block r : res) {
            h = r.forward(ps, new NDList(h), training).singletonOrThrow();     // (B, D, 1, T)
        }
        NDArray logits = output.forward(ps, new NDList(h), training).singletonOrThrow().squeeze(2); // (B, V, T)
        if (Bf16.is(logits)) {
            logits = Bf16.up(logits);   // DJL's softmax cannot take bf16, and FP32 keeps the small probabilities
        }
        return new NDList(logits.transpose(0, 2, 1).softmax(2));                 // (B, T, V)
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return new Shape[] {new Shape(inputShapes[0].get(0), arch.seqLen(), arch.vocab())};
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        long b = inputShapes[0].get(0);
        Shape z = new Shape(b, arch.latent());
        Shape flat = new Shape(b, (long) arch.seqLen() * arch.dim());
        Shape hidden = new Shape(b, arch.dim(), arch.seqLen());
        if (inNorm != null) {
            inNorm.initialize(manager, dataType, z);
        }
        input.initialize(manager, dataType, z);
        if (linNorm != null) {
            linNorm.initialize(manager, dataType, flat);
        }
        for (Block r : res) {
            r.initialize(manager, dataType, hidden);
        }
        output.initialize(manager, dataType, hidden);
    }
}
