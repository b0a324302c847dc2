package io.ganlab.imagegan.nets;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

/** The {@code nonlinearity} argument of the 64x64 DCGAN networks ({@code gan_64x64.py}). */
public enum Nonlinearity {
    RELU,
    LEAKY_RELU,
    TANH;

    NDArray apply(NDArray x) {
        return switch (this) {
            case RELU -> Activation.relu(x);
            case LEAKY_RELU -> Resample.leakyRelu(x);
            case TANH -> Activation.tanh(x);
        };
    }
}
