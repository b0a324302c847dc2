package io.ganlab.core;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.common.MetricKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The GAN training loop shared by every modality, read top to bottom in {@link #run()}. Each generator iteration:
 * <ol>
 *   <li>schedule: learning rates for this iteration (optional linear decay);</li>
 *   <li>critic steps ({@link #criticStep}): {@code criticIters} times, a real batch and a generated one (no
 *       generator graph), the objective's critic loss, backward, optimizer step;</li>
 *   <li>generator step ({@link #generatorStep}): the critic frozen, the objective's generator loss, backward,
 *       optimizer step;</li>
 *   <li>one metrics line ({@link MetricKeys#TRAIN});</li>
 *   <li>every K iterations: the modality's evaluation and the critic's loss on training and held-out real batches.</li>
 * </ol>
 * A conditional model ({@link GanModel#classifier()}, AC-GAN) generates the critic's fake batch with the real
 * batch's labels and the generator's with uniformly drawn ones, and adds the class losses of
 * {@link AuxiliaryClassifier}; evaluation samples get uniform labels, the fixed-noise ones 0, 1, …, K−1 in turn.
 * What is not training is a listener on the loop: checkpoints ({@link CheckpointListener}), the guard that stops a
 * diverged run before any weight changes ({@link DivergenceGuard}), the status file ({@link StatusListener}), and
 * the caller's progress display. All randomness comes from {@link Rng} streams keyed by (iteration,
 * {@link RandomStream}) and real batches are a function of their index, so a resumed run repeats exactly what an
 * uninterrupted one does.
 */
public final class Trainer {
    /** How a call to {@link #run()} ended. */
    public enum Outcome { FINISHED, STOPPED }

    /** Real batches on which the training and held-out critic losses are compared. */
    private static final int HELDOUT_BATCHES = 4;

    private final GanModel model;
    private final TrainingData data;
    private final Objective objective;
    private final Schedule schedule;
    private final RunDirectory run;
    private final JsonNode config;
    private final Evaluation evaluation;
    private final List<TrainingListener> listeners;
    private final NDManager manager;
    private final ParameterStore ps;
    private final Rng rng;
    private final Optimizer optG;
    private final Optimizer optD;
    private final List<Parameter> genParams;
    private final List<Parameter> criticParams;
    private final AuxiliaryClassifier classifier;   // null: unconditional
    private final NetworkPasses passes;

    private long iteration;
    private double timeBefore;
    private long startNanos;
    private MetricsLog metrics;
    private long lastEval = -1;
    private long lastCheckpoint = -1;
    private volatile boolean stopRequested;

    public Trainer(GanModel model, TrainingData data, Objective objective, Schedule schedule, RunDirectory run,
                   JsonNode config, Evaluation evaluation, TrainingListener listener, NDManager manager) {
        this.model = model;
        this.data = data;
        this.objective = objective;
        this.schedule = schedule;
        this.run = run;
        this.config = config;
        this.evaluation = evaluation;
        this.manager = manager;
        this.ps = new ParameterStore(manager, false);
        this.rng = new Rng(schedule.seed());
        this.optG = optimizer(schedule);
        this.optD = optimizer(schedule);
        this.genParams = trainable(model.generator());
        this.criticParams = trainable(model.critic());
        this.classifier = model.classifier();
        this.passes = new NetworkPasses(model, ps, Precision.named(schedule.precision()),
                InputGradient.Method.named(schedule.inputGradient()));
        // order matters at the end of a run: the last checkpoint is written before the status says finished
        this.listeners = List.of(new DivergenceGuard(this), new CheckpointListener(this, schedule),
                new StatusListener(this), listener);
    }

    private static Optimizer optimizer(Schedule s) {
        return "rmsprop".equals(s.optimizer()) ? new RmsProp(0.99f, 1e-8f) : new Adam(s.beta1(), s.beta2(), 1e-8f);
    }

    private static List<Parameter> trainable(Block b) {
        List<Parameter> out = new ArrayList<>();
        for (Pair<String, Parameter> p : b.getParameters()) {
            if (p.getValue().requiresGradient()) {
                out.add(p.getValue());
            }
        }
        return out;
    }

    /** Starts a new run: writes nothing but an empty metrics log; the caller has written the config. */
    public void start() throws IOException {
        iteration = 0;
        timeBefore = 0;
        metrics = MetricsLog.create(run.metrics());
    }

    /**
     * Continues from the newest checkpoint of the run that verifies; a damaged newer one is skipped with a notice to
     * the listeners, and the metrics and the files of {@code outputs} are cut back to the checkpoint's iteration, so
     * that the continued run still matches an uninterrupted one.
     */
    public Checkpoint.Meta resume(List<Path> outputs) throws IOException {
        Path latest = run.latestCheckpoint(message -> listeners.forEach(l -> l.notice(message)));
        Checkpoint.Meta meta = Checkpoint.load(latest, manager, model.generator(), model.critic(), optG, optD,
                genParams, criticParams);
        run.forgetAfter(meta.iteration(), outputs);
        iteration = meta.iteration();
        timeBefore = meta.time();
        lastEval = iteration;          // the checkpointed iteration was already evaluated and saved
        lastCheckpoint = iteration;
        metrics = MetricsLog.resume(run.metrics(), meta.metricsBytes());
        return meta;
    }

    /** Asks the loop to checkpoint and return after the current iteration (Ctrl-C does this). */
    public void requestStop() {
        stopRequested = true;
    }

    public long iteration() {
        return iteration;
    }

    /** The iteration of the newest checkpoint written or resumed from, or -1. */
    public long lastCheckpoint() {
        return lastCheckpoint;
    }

    public RunDirectory runDirectory() {
        return run;
    }

    /** The iteration target, or {@code null} for a run limited by time only. */
    public Long target() {
        return schedule.iterations() > 0 ? schedule.iterations() : null;
    }

    /** Seconds of training so far, including earlier sessions of a resumed run. */
    public double time() {
        return timeBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    /** Trains until the schedule's target, or until stopped; returns how it ended. */
    public Outcome run() throws IOException {
        startNanos = System.nanoTime();
        CountDownLatch saved = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                // let the loop write its checkpoint before the JVM exits (not join: the loop's thread may
                // itself be blocked in System.exit once the run has returned)
                saved.await(120, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ganlab-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            listeners.forEach(l -> l.started(iteration, timeBefore));
            if (iteration == 0 && lastEval != 0) {
                evaluate();   // where the curves start: the untrained generator
            }
            while (!targetReached() && !stopRequested) {
                long it = iteration + 1;
                // 1. schedule
                float decay = schedule.decay(it);
                float lrCritic = schedule.lrCritic() * decay;
                float lrGenerator = schedule.lrGenerator() * decay;
                // 2. critic steps
                double criticLoss = 0;
                Map<String, Double> terms = new LinkedHashMap<>();
                for (int j = 0; j < schedule.criticIters(); j++) {
                    criticLoss += criticStep(it, j, lrCritic, terms);
                }
                // 3. generator step
                Map<String, Double> generatorTerms = new LinkedHashMap<>();
                double generatorLoss = generatorStep(it, lrGenerator, generatorTerms);
                // 4. the metrics line
                iteration = it;
                Map<String, Object> line = trainLine(it, criticLoss, generatorLoss, terms, lrCritic, lrGenerator);
                line.putAll(generatorTerms);
                metrics.append(line);
                listeners.forEach(l -> l.iteration(line));
                // 5. evaluation, then whatever the listeners do at the end of an iteration (checkpoints)
                if (it % schedule.evalEvery() == 0) {
                    evaluate();
                }
                listeners.forEach(l -> l.afterIteration(it));
            }
            Outcome outcome = stopRequested && !targetReached() ? Outcome.STOPPED : Outcome.FINISHED;
            if (outcome == Outcome.FINISHED && lastEval != iteration) {
                evaluate();
            }
            listeners.forEach(l -> l.finished(outcome));
            return outcome;
        } catch (RuntimeException | Error e) {
            listeners.forEach(l -> l.failed(e));
            throw e;
        } finally {
            saved.countDown();
            metrics.close();
            optG.close();
            optD.close();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is exiting because of Ctrl-C: the hook is waiting for us, nothing to remove
            }
        }
    }

    private boolean targetReached() {
        return schedule.iterations() > 0 && iteration >= schedule.iterations()
                || schedule.minutes() > 0 && time() >= schedule.minutes() * 60;
    }

    /**
     * Critic step {@code j} of generator iteration {@code it} (1-based): a real batch, a generated batch without
     * the generator's graph, the objective's critic loss, backward and an optimizer step. Adds the loss's logged
     * terms into {@code terms}.
     *
     * @return the critic loss
     */
    public double criticStep(long it, int j, float lr, Map<String, Double> terms) {
        try (NDManager step = manager.newSubManager()) {
            RandomGenerator g = rng.stream(it, RandomStream.CRITIC_STEP, j);
            long index = firstBatchIndex(it) + j;
            NDArray real = data.batch(step, index, schedule.batch());
            NDArray labels = classifier == null ? null : data.labels(step, index, schedule.batch());
            ParameterStore store = passes.forStep(step);
            NDArray fake = passes.generate(model.noise(step, g, schedule.batch()), labels, true, store).stopGradient();
            float loss;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Map<NDArray, NDArray> logits = new IdentityHashMap<>();
                Loss l = objective.criticLoss(passes.critic(logits, store), real, fake, g);
                NDArray value = l.value();
                if (classifier != null) {
                    NDArray realLogits = passes.classLogits(real, logits, store);
                    NDArray classLoss = AuxiliaryClassifier.crossEntropy(realLogits, labels);
                    value = value.add(Scalars.times(classLoss, classifier.criticScale()));
                    terms.merge(MetricKeys.CLASS_LOSS, (double) classLoss.getFloat(), Double::sum);
                    terms.merge(MetricKeys.CLASS_ACCURACY_REAL,
                            (double) AuxiliaryClassifier.accuracy(realLogits, labels).getFloat(), Double::sum);
                    NDArray fakeLogits = passes.classLogits(fake, logits, store);
                    terms.merge(MetricKeys.CLASS_ACCURACY_FAKE,
                            (double) AuxiliaryClassifier.accuracy(fakeLogits, labels).getFloat(), Double::sum);
                }
                loss = value.getFloat();
                announceLoss(it, "critic loss", loss);
                for (Map.Entry<String, NDArray> t : l.terms().entrySet()) {
                    terms.merge(t.getKey(), (double) t.getValue().getFloat(), Double::sum);
                }
                gc.backward(value);
            }
            optD.step(criticParams, lr);
            objective.afterCriticStep(criticParams);
            return loss;
        }
    }

    /**
     * The generator step of iteration {@code it}: the critic frozen so that its weights collect no gradient, the
     * objective's generator loss, backward and an optimizer step.
     *
     * @return the generator loss
     */
    public double generatorStep(long it, float lr) {
        return generatorStep(it, lr, new LinkedHashMap<>());
    }

    /** {@link #generatorStep(long, float)}, putting the step's logged terms (the class loss) into {@code terms}. */
    public double generatorStep(long it, float lr, Map<String, Double> terms) {
        float loss;
        model.critic().freezeParameters(true);
        try (NDManager step = manager.newSubManager()) {
            RandomGenerator g = rng.stream(it, RandomStream.GENERATOR_STEP);
            NDArray real = objective.generatorNeedsReal()
                    ? data.batch(step, firstBatchIndex(it) + schedule.criticIters(), schedule.generatorBatch()) : null;
            NDArray z = model.noise(step, g, schedule.generatorBatch());
            NDArray labels = classifier == null ? null : classifier.uniformLabels(step, g, schedule.generatorBatch());
            ParameterStore store = passes.forStep(step);
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray fake = passes.generate(z, labels, true, store);
                Map<NDArray, NDArray> logits = new IdentityHashMap<>();
                Loss l = objective.generatorLoss(passes.critic(logits, store), real, fake, g);
                NDArray value = l.value();
                if (classifier != null) {
                    NDArray classLoss = AuxiliaryClassifier.crossEntropy(passes.classLogits(fake, logits, store), labels);
                    value = value.add(Scalars.times(classLoss, classifier.generatorScale()));
                    terms.put(MetricKeys.GENERATOR_CLASS_LOSS, (double) classLoss.getFloat());
                }
                loss = value.getFloat();
                announceLoss(it, "generator loss", loss);
                gc.backward(value);
            }
            optG.step(genParams, lr);
        } finally {
            model.critic().freezeParameters(false);
        }
        return loss;
    }

    private void announceLoss(long it, String what, double value) {
        for (TrainingListener l : listeners) {
            l.loss(it, what, value);
        }
    }

    private Map<String, Object> trainLine(long it, double criticLoss, double generatorLoss, Map<String, Double> terms,
                                          float lrCritic, float lrGenerator) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(MetricKeys.KIND, MetricKeys.TRAIN);
        line.put(MetricKeys.ITERATION, it);
        line.put(MetricKeys.TIME, round(time()));
        line.put(MetricKeys.CRITIC_LOSS, criticLoss / schedule.criticIters());
        line.put(MetricKeys.GENERATOR_LOSS, generatorLoss);
        for (Map.Entry<String, Double> t : terms.entrySet()) {
            line.put(t.getKey(), t.getValue() / schedule.criticIters());
        }
        line.put(MetricKeys.LR_CRITIC, (double) lrCritic);
        line.put(MetricKeys.LR_GENERATOR, (double) lrGenerator);
        return line;
    }

    /** The index of the first real batch generator iteration {@code it} draws. */
    private long firstBatchIndex(long it) {
        return (it - 1) * realBatchesPerIteration();
    }

    /** Real batches one generator iteration draws: one per critic step, and one more for FOGAN's generator. */
    private int realBatchesPerIteration() {
        return schedule.criticIters() + (objective.generatorNeedsReal() ? 1 : 0);
    }

    /** The generator on noise {@code z} (and labels), with the FP32 weights: evaluation and sampling. */
    private NDArray generate(NDArray z, NDArray labels, boolean training) {
        return passes.generate(z, labels, training, passes.masters());
    }

    /** The critic as a function with the FP32 weights ({@link NetworkPasses#critic}). Package-private for the tests. */
    CriticFunction critic(Map<NDArray, NDArray> logits) {
        return passes.critic(logits, passes.masters());
    }

    /**
     * {@code count} samples in inference mode, a batch at a time, of noise drawn from {@code g}; a conditional
     * model's labels are drawn from {@code g} too, or are 0, 1, …, K−1 in turn when {@code cyclicLabels}. The last
     * batch is drawn whole when the generator's samples depend on their batch ({@link BatchDependentSampling}).
     */
    private NDArray generateMany(NDManager m, int count, RandomGenerator g, boolean cyclicLabels) {
        NDList parts = new NDList();
        boolean fullBatches = BatchDependentSampling.of(model.generator());
        for (int done = 0; done < count; done += schedule.batch()) {
            int n = Math.min(schedule.batch(), count - done);
            int drawn = fullBatches ? schedule.batch() : n;
            // each batch's intermediate arrays go with its own manager and only the samples stay: 6,400 samples
            // at DIM 512 (the FOGAN authors' protocol) would otherwise hold about 20 GB of activations at once
            try (NDManager b = m.newSubManager()) {
                NDArray z = model.noise(b, g, drawn);
                NDArray labels = classifier == null ? null
                        : cyclicLabels ? classifier.cyclicLabels(b, done, drawn) : classifier.uniformLabels(b, g, drawn);
                NDArray x = generate(z, labels, false);
                NDArray kept = drawn == n ? x : x.get(new NDIndex("0:" + n));   // the batch's first n rows
                kept.attach(m);
                parts.add(kept);
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        NDArray all = NDArrays.concat(parts);
        parts.close();
        return all;
    }

    /** Evaluation of the modality, plus the critic's loss on training and held-out real batches. */
    private void evaluate() {
        long it = iteration;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put(MetricKeys.KIND, MetricKeys.EVAL);
        line.put(MetricKeys.ITERATION, it);
        Evaluation.Sampler sampler = new Evaluation.Sampler() {
            @Override
            public NDArray sample(NDManager m, int count) {
                return generateMany(m, count, rng.stream(it, RandomStream.EVALUATION_NOISE), false);
            }

            @Override
            public NDArray fixed(NDManager m, int count) {
                return generateMany(m, count, rng.stream(0, RandomStream.FIXED_NOISE), true);
            }
        };
        line.putAll(evaluation.evaluate(it, sampler, run));
        double[] critic = heldoutCriticLoss(it);
        line.put(MetricKeys.CRITIC_TRAIN, critic[0]);
        line.put(MetricKeys.CRITIC_VALID, critic[1]);
        line.put(MetricKeys.TIME, round(time()));
        metrics.append(line);
        lastEval = it;
        listeners.forEach(l -> l.evaluated(line));
    }

    /** Negative critic loss on recent training batches and on held-out batches, same generated batches. */
    private double[] heldoutCriticLoss(long it) {
        long drawn = it * realBatchesPerIteration();
        double train = 0;
        double valid = 0;
        for (int k = 0; k < HELDOUT_BATCHES; k++) {
            try (NDManager m = manager.newSubManager();
                 GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                RandomGenerator g = rng.stream(it, RandomStream.HELDOUT_CRITIC, k);
                NDArray z = model.noise(m, g, schedule.batch());
                NDArray labels = classifier == null ? null : classifier.uniformLabels(m, g, schedule.batch());
                NDArray fake = generate(z, labels, false).stopGradient();
                NDArray realTrain = data.batch(m, Math.max(0, drawn - 1 - k), schedule.batch());
                NDArray realValid = data.heldout(m, (it / schedule.evalEvery()) * HELDOUT_BATCHES + k, schedule.batch());
                long seed = g.nextLong(); // the same α for both losses
                train -= objective.criticLoss(critic(new IdentityHashMap<>()), realTrain, fake,
                        new SplittableRandom(seed)).value().getFloat();
                valid -= objective.criticLoss(critic(new IdentityHashMap<>()), realValid, fake,
                        new SplittableRandom(seed)).value().getFloat();
            }
        }
        return new double[] {train / HELDOUT_BATCHES, valid / HELDOUT_BATCHES};
    }

    /** Writes a checkpoint of the current iteration (listeners decide when; see {@link CheckpointListener}). */
    public void checkpoint() {
        try {
            Checkpoint.Meta meta = new Checkpoint.Meta(iteration, round(time()), metrics.bytes(), config,
                    Checkpoint.fingerprint(model.generator()), Checkpoint.fingerprint(model.critic()));
            Path file = Checkpoint.save(run.checkpoints(), meta, model.generator(), model.critic(), optG, optD);
            Checkpoint.prune(run.checkpoints(), schedule.keepCheckpoints());
            lastCheckpoint = iteration;
            listeners.forEach(l -> l.checkpointed(iteration, file));
        } catch (IOException e) {
            throw new UncheckedIOException(run.checkpoints() + ": cannot write checkpoint (" + e.getMessage() + ")", e);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
