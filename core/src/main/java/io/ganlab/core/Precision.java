package io.ganlab.core;

import java.util.Locale;

/**
 * The number format of the training steps' arithmetic.
 *
 * <p>{@link #BF16} runs the forward and backward passes of both networks in bfloat16 on FP32 master weights: each
 * step casts the weights and biases of the convolutions and linear layers to bf16 through a differentiable cast
 * ({@link Bf16}), so the gradients arrive in FP32 and Adam keeps its moments in FP32; the normalisation layers'
 * scale, shift and running statistics stay FP32 (libtorch computes them in FP32 for bf16 inputs). The scores leave
 * the critic as FP32, so losses, the penalty's norm and everything logged are FP32 sums. Evaluation and sampling
 * stay FP32. It pays on CPUs with bf16 matrix instructions (AVX512-BF16, AMX) and on GPUs from Ampere on.
 */
public enum Precision {
    FP32, BF16;

    /** The config and flag spelling: {@code fp32} or {@code bf16}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** @throws IllegalArgumentException naming the choices */
    public static Precision named(String s) {
        for (Precision p : values()) {
            if (p.label().equals(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + s + "' (fp32 or bf16)");
    }
}
