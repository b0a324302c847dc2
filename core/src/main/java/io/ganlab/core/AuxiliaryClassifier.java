package io.ganlab.core;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.random.RandomGenerator;

/**
 * Class conditioning with an auxiliary classifier (AC-GAN, Odena et al. 2017), as the WGAN-GP paper's supervised
 * CIFAR-10 ResNet uses it ({@code gan_cifar_resnet.py} with {@code ACGAN = True}): the generator takes a class
 * label beside its noise, the critic returns class logits beside its scores, the critic's loss adds
 * {@code criticScale} × the cross-entropy of its class head on real batches and their labels, and the generator's
 * adds {@code generatorScale} × the cross-entropy of the critic's class head on its samples and the labels they
 * were drawn for. The critic's objective (and its gradient penalty) sees only the scores.
 *
 * @param classes        number of classes (labels 0..classes−1)
 * @param criticScale    weight of the critic's class loss ({@code ACGAN_SCALE}, 1 in the reference)
 * @param generatorScale weight of the generator's class loss ({@code ACGAN_SCALE_G}, 0.1 in the reference)
 */
public record AuxiliaryClassifier(int classes, double criticScale, double generatorScale) {
    public AuxiliaryClassifier {
        if (classes < 2) {
            throw new IllegalArgumentException("an auxiliary classifier needs at least 2 classes, got " + classes);
        }
        if (!(criticScale >= 0) || !(generatorScale >= 0)) {
            throw new IllegalArgumentException("class-loss weights must be >= 0, got " + criticScale + " and "
                    + generatorScale);
        }
    }

    /** Mean cross-entropy of {@code logits (B, K)} against integer {@code labels (B)}: a scalar with graph. */
    public static NDArray crossEntropy(NDArray logits, NDArray labels) {
        int k = (int) logits.getShape().get(1);
        NDArray logp = logits.logSoftmax(1);                                   // (B, K)
        return logp.mul(labels.oneHot(k, logp.getDataType())).sum(new int[] {1}).mean().neg();
    }

    /** Fraction of rows of {@code logits (B, K)} whose largest logit is at the label: a detached scalar. */
    public static NDArray accuracy(NDArray logits, NDArray labels) {
        NDArray predicted = logits.stopGradient().argMax(1);                   // (B) int64
        return predicted.eq(labels.toType(predicted.getDataType(), false)).toType(DataType.FLOAT32, false).mean();
    }

    /** {@code batch} labels drawn uniformly from the classes ({@code fake_labels} of the reference). */
    public NDArray uniformLabels(NDManager manager, RandomGenerator rng, int batch) {
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = rng.nextInt(classes);
        }
        return manager.create(y, new Shape(batch));
    }

    /** Labels {@code 0, 1, …, K−1, 0, 1, …} for {@code batch} samples starting at sample {@code first}. */
    public NDArray cyclicLabels(NDManager manager, long first, int batch) {
        int[] y = new int[batch];
        for (int i = 0; i < batch; i++) {
            y[i] = (int) ((first + i) % classes);
        }
        return manager.create(y, new Shape(batch));
    }
}
