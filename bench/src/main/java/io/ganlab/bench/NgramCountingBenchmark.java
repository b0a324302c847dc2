package io.ganlab.bench;

import io.ganlab.corpus.Vocabulary;
import io.ganlab.eval.NgramModel;
import io.ganlab.eval.Samples;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: counting the n-grams of a batch of samples (what scoring does to the generated side every evaluation),
 * on Markov-chain lines of 32 symbols. See the README, "Benchmarks", for the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class NgramCountingBenchmark {
    /** Samples counted (FOGAN scores 6,400). */
    @Param("6400")
    int samples;

    /** The n-gram order. */
    @Param({"1", "4", "6"})
    int n;

    /** Vocabulary size: 2048 makes 6-gram keys of two 64-bit words. */
    @Param({"76", "2048"})
    int vocab;

    Samples batch;

    @Setup
    public void generate() {
        Vocabulary v = MarkovChain.vocabulary(vocab);
        batch = new MarkovChain(7L).samples(new SplittableRandom(99), samples, MarkovDataset.SEQ_LEN, v);
    }

    @Benchmark
    public NgramModel count() {
        return NgramModel.of(batch, n);
    }
}
