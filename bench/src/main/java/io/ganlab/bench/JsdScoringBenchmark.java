package io.ganlab.bench;

import io.ganlab.common.StagedOutput;
import io.ganlab.corpus.Dataset;
import io.ganlab.eval.JsdEvaluator;
import io.ganlab.eval.JsdReport;
import io.ganlab.eval.Samples;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: scoring samples by n-gram JSD (n = 1..6) against the true models of a {@link MarkovDataset}, the models
 * built and the floor computed once in the set-up. What {@code gan bench jsd} reports as "score", without the
 * child JVM and with JMH's warm-up and statistics. See the README, "Benchmarks", for the command.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class JsdScoringBenchmark {
    /** Training lines of the generated dataset (the reference's 10,000,000 needs -Xmx6g and a minute). */
    @Param("1000000")
    long lines;

    /** Samples scored. */
    @Param({"640", "6400"})
    int samples;

    Path dir;
    JsdEvaluator evaluator;
    Samples batch;

    @Setup
    public void build() throws IOException {
        dir = Files.createTempDirectory("ganlab-jmh-jsd");
        Path data = dir.resolve("dataset");
        MarkovDataset.write(data, lines, samples, 7L, MarkovChain.MIN_VOCAB);
        Dataset ds = Dataset.open(data);
        evaluator = JsdEvaluator.open(ds, JsdBench.NS, JsdEvaluator.Options.defaults()
                .withThreads(Runtime.getRuntime().availableProcessors()).withLog(msg -> { }));
        batch = new MarkovChain(7L).samples(new SplittableRandom(99), samples, ds.seqLen(), ds.vocabulary());
        evaluator.evaluate(batch); // the floor of this sample count, computed once
    }

    @Benchmark
    public JsdReport score() {
        return evaluator.evaluate(batch);
    }

    @TearDown
    public void delete() throws IOException {
        StagedOutput.deleteTree(dir);
    }
}
