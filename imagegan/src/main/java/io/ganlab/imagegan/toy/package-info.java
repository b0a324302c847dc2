/**
 * The toy 2-D sets of Gulrajani et al. 2017 ("Improved Training of Wasserstein GANs", figure 1): 8 Gaussians,
 * 25 Gaussians and the Swiss roll, learnt by a small ReLU MLP generator against an MLP critic through the core
 * {@link io.ganlab.core.Trainer}. Every evaluation measures how many modes the generator covers and the share of
 * its samples that land close to the data, and draws the critic's value surface with real and generated points
 * as a PNG.
 *
 * <p>It is the second user of the training core (after the text GAN); it knows nothing of images beyond writing
 * its plot, and nothing of the objectives beyond their names.
 */
package io.ganlab.imagegan.toy;
