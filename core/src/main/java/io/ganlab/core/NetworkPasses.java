package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;
import java.util.List;
import java.util.Map;

/**
 * The forward passes of a {@link GanModel}'s two networks as the {@link Trainer} takes them: with the FP32 weights
 * (evaluation, sampling, FP32 training) or with a step's bf16 copies ({@link Precision#BF16}), whose outputs come
 * back FP32; the critic as a {@link CriticFunction}, scoring real and fake in one pass where that is exact, taking a
 * gradient penalty's input gradient from the critic itself where it writes one ({@link ExplicitInputGradient}), and
 * keeping a conditional critic's class logits for the class losses.
 */
final class NetworkPasses {
    private final GanModel model;
    private final ParameterStore masters;
    private final Precision precision;
    private final boolean conditional;
    private final boolean criticPerExample;          // no batch norm in the critic: real and fake in one pass
    private final ExplicitInputGradient explicit;    // the critic's own input gradient, or null: autograd's
    private final List<List<Parameter>> bf16Groups;   // cast together, per network

    NetworkPasses(GanModel model, ParameterStore masters, Precision precision, InputGradient.Method inputGradient) {
        this.model = model;
        this.masters = masters;
        this.precision = precision;
        this.conditional = model.classifier() != null;
        this.criticPerExample = !BatchCoupled.within(model.critic());
        // a conditional critic's class logits come from its forward passes, which the explicit gradient does not make
        this.explicit = inputGradient == InputGradient.Method.EXPLICIT && !conditional
                && model.critic() instanceof ExplicitInputGradient e ? e : null;
        this.bf16Groups = List.of(parameters(model.generator()), parameters(model.critic()));
    }

    private static List<Parameter> parameters(Block b) {
        return b.getParameters().values();
    }

    /** The FP32 weights. */
    ParameterStore masters() {
        return masters;
    }

    /** A training step's weights: the FP32 masters, or bf16 copies owned by the step. */
    ParameterStore forStep(NDManager step) {
        return precision == Precision.BF16 ? Bf16.store(step, bf16Groups) : masters;
    }

    /**
     * The generator on noise {@code z} and, for a conditional model, {@code labels}, with the weights of
     * {@code store}: FP32 samples from a bf16 store's pass too.
     */
    NDArray generate(NDArray z, NDArray labels, boolean training, ParameterStore store) {
        boolean bf16 = store != masters;
        NDList in = labels == null ? new NDList(z) : new NDList(z, labels);
        if (bf16) {
            in.set(0, Bf16.down(z, z.getManager()));
        }
        NDArray x = model.generator().forward(store, in, training).singletonOrThrow();
        return bf16 ? Bf16.up(x) : x;
    }

    /**
     * The critic as a function (B, …) → (B) with the weights of {@code store}. A conditional critic's class logits
     * are kept in {@code logits} under the input they were computed for (by identity), so that the class losses
     * reuse the objective's forward passes. The penalty's forward passes carry {@link PenaltyForward}'s mark.
     */
    CriticFunction critic(Map<NDArray, NDArray> logits, ParameterStore store) {
        return new CriticFunction() {
            @Override
            public NDArray score(NDArray x) {
                return NetworkPasses.this.score(x, logits, null, store);
            }

            @Override
            public NDArray scoreForPenalty(NDArray x) {
                return NetworkPasses.this.score(x, logits, PenaltyForward.params(), store);
            }

            @Override
            public PenaltyPoint penaltyPoint(NDArray x, boolean scored) {
                if (explicit == null) {
                    return CriticFunction.super.penaltyPoint(x, scored);
                }
                // the scores are only differentiated once: the plain forward pass
                NDArray s = scored ? NetworkPasses.this.score(x, logits, null, store) : null;
                return new PenaltyPoint(explicitGradient(x, store), s);
            }

            // One forward pass of real and fake together is the same function as two passes only if the critic
            // scores each example on its own. The gradient-penalty critics do: the penalty is per example, so they
            // have no batch norm (the text and toy critics have none, the image configs refuse it with a penalty;
            // layer norm is per example). A critic with batch norm (one trained without a penalty, or built by
            // hand) would normalise with the joint batch's statistics: two passes then.
            @Override
            public NDArray[] scoreJointly(NDArray a, NDArray b) {
                if (!criticPerExample) {
                    return CriticFunction.super.scoreJointly(a, b);
                }
                long n = a.getShape().get(0);
                NDArray both = NDArrays.concat(new NDList(a, b));
                NDArray s = NetworkPasses.this.score(both, logits, null, store);
                NDArray l = logits.remove(both);
                if (l != null) {
                    logits.putIfAbsent(a, first(l, n));
                    logits.putIfAbsent(b, rest(l, n));
                }
                return new NDArray[] {first(s, n), rest(s, n)};
            }
        };
    }

    /** The critic's own input gradient at {@code x} with the weights of {@code store}, FP32 whatever the store. */
    private NDArray explicitGradient(NDArray x, ParameterStore store) {
        if (store == masters) {
            return explicit.inputGradient(masters, x, true);
        }
        return Bf16.up(explicit.inputGradient(store, Bf16.down(x, x.getManager()), true));
    }

    /** The class logits of batch {@code x}: from the objective's forward pass, or one more if it made none. */
    NDArray classLogits(NDArray x, Map<NDArray, NDArray> logits, ParameterStore store) {
        NDArray l = logits.get(x);
        return l != null ? l : criticForward(x, null, store).get(1);
    }

    private static NDArray first(NDArray x, long n) {
        return x.get(new NDIndex("0:{}", n));
    }

    private static NDArray rest(NDArray x, long n) {
        return x.get(new NDIndex("{}:", n));
    }

    private NDArray score(NDArray x, Map<NDArray, NDArray> logits, PairList<String, Object> params,
                          ParameterStore store) {
        NDList out = criticForward(x, params, store);
        NDArray s;
        if (!conditional) {
            s = out.singletonOrThrow();
        } else {
            s = out.get(0);
            logits.putIfAbsent(x, out.get(1));
        }
        return s.reshape(s.getShape().get(0));
    }

    /** The critic's outputs on {@code x} with the weights of {@code store}, FP32 whatever the store. */
    private NDList criticForward(NDArray x, PairList<String, Object> params, ParameterStore store) {
        if (store == masters) {
            return model.critic().forward(masters, new NDList(x), true, params);
        }
        NDList out = model.critic().forward(store, new NDList(Bf16.down(x, x.getManager())), true, params);
        NDList up = new NDList(out.size());
        for (NDArray o : out) {
            up.add(Bf16.up(o));
        }
        return up;
    }
}
