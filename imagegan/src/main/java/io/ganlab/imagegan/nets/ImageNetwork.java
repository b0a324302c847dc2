package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;

/**
 * A network composed of this package's layers. Every layer fixes its parameter shapes at construction (channels
 * in and out are arguments, not read from an input), so the network initialises each child without tracing
 * shapes through the forward pass, and the forward pass is the one place where the shapes are written down.
 */
abstract class ImageNetwork extends AbstractBlock {
    /** Adds {@code block} under {@code name}, or nothing when it is null (an absent normalisation). */
    protected final <B extends Block> B optional(String name, B block) {
        return block == null ? null : addChildBlock(name, block);
    }

    /** {@code block(x)}, or {@code x} unchanged when the block is absent. */
    protected static NDArray apply(ParameterStore ps, Block block, NDArray x, boolean training) {
        return block == null ? x : block.forward(ps, new NDList(x), training).head();
    }

    @Override
    protected void initializeChildBlocks(NDManager manager, DataType dataType, Shape... inputShapes) {
        for (Block b : getChildren().values()) {
            b.initialize(manager, dataType, inputShapes);
        }
    }
}
