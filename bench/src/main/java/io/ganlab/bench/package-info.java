/**
 * Benchmarks behind {@code gan bench}: generated inputs shaped like the real ones (benchmark-shaped text, a
 * character Markov-chain dataset), the child-JVM harness whose heap cap and peak heap are the reported figures,
 * the text GAN's step timing, and JMH benchmarks of n-gram counting and JSD scoring. Not user-facing commands:
 * the cli's {@code bench} commands parse options and call in here.
 */
package io.ganlab.bench;
