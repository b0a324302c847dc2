/**
 * The image networks of Gulrajani et al. 2017 ("Improved Training of Wasserstein GANs"), as its code
 * (github.com/igul222/improved_wgan_training) defines them, for DJL's PyTorch engine in NCHW. Each network class
 * names the file and function it mirrors; {@link io.ganlab.imagegan.nets.ImageArchitecture} is the registry
 * (name → generator and critic at any width, image size, channels, latent size, classes, the reference's critic
 * normalisation per objective).
 *
 * <p>Names and the paper's labels:
 * <ul>
 *   <li>{@code mnist-dcgan}: {@code gan_mnist.py} (section 5.6); {@code cifar-dcgan}: {@code gan_cifar.py}
 *       (figure 3); {@code cifar-resnet} and {@code cifar-resnet-acgan}: {@code gan_cifar_resnet.py}, unsupervised
 *       and AC-GAN (table 3).</li>
 *   <li>{@code gan_64x64.py}, LSUN bedrooms (section 5.2, figure 2): {@code lsun-dcgan} "DCGAN";
 *       {@code lsun-g-nobn-constant} "No BN and a constant number of filters in G"; {@code lsun-g-mlp} "4-layer
 *       512-dim ReLU MLP G"; {@code lsun-no-norm} "No normalization in either G or D"; {@code lsun-gated} "Gated
 *       multiplicative nonlinearities everywhere in G and D"; {@code lsun-tanh} "tanh nonlinearities everywhere
 *       in G and D"; {@code lsun-resnet101} "101-layer ResNet G and D"; {@code lsun-resnet} the script's default
 *       {@code GoodGenerator}/{@code GoodDiscriminator} (the 64x64 ResNet of section 5.4).</li>
 * </ul>
 *
 * <p>What is exact: layer order, widths, TensorFlow's SAME padding (asymmetric for strided convolutions),
 * transposed-convolution alignment, tflib's initialisation (uniform, σ from fans computed with Python 2's integer
 * division, σ = 0.02 in the 64x64 DCGAN), ε = 1e-5, tflib's layer norm (statistics over C, H, W; per-channel scale
 * and offset). Every trainable variable count equals the reference's. What differs: generators return
 * {@code (B, C, H, W)} rather than flattened rows; batch norms keep running averages for sampling (the reference
 * normalises samples with their own batch); transposed convolutions run as one convolution plus a pixel shuffle
 * because DJL 0.35.1's PyTorch engine lacks {@code Conv2dTranspose} ("Not implemented").
 *
 * <p>Critics are differentiated twice by the gradient penalty: they use only operations whose double backward
 * libtorch has (convolutions, reshapes, single-axis means, leaky ReLU, tanh, sigmoid, products) and multiply by
 * constants through {@code io.ganlab.core.Scalars}. With a gradient penalty, the critic uses layer normalisation
 * where the architecture has batch norm ({@link io.ganlab.imagegan.nets.ImageArchitecture#checkCriticNorm}).
 *
 * <p>Not here: data readers, training loops, objectives; conditional training (labels into the generator, the
 * critic's class loss) is for the training core to wire up: the AC-GAN generator takes {@code (z, labels)} and
 * its critic returns {@code (scores, class logits)}.
 */
package io.ganlab.imagegan.nets;
