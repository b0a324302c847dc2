/**
 * The character-level language GAN of Gulrajani et al. 2017 ("Improved Training of Wasserstein GANs",
 * section 5.5 and appendix): a 1D-CNN {@link io.ganlab.textgan.Generator} that emits soft one-hot rows and a
 * 1D-CNN {@link io.ganlab.textgan.Critic} that reads them. Knows the text modality; the objectives, penalty and
 * training loop live in the core module.
 */
package io.ganlab.textgan;
