package io.ganlab.core;

import io.ganlab.common.RunState;
import io.ganlab.common.RunLayout;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The GAN training loop shared by every modality. Each generator iteration:
 * <ol>
 *   <li>schedule: learning rates for this iteration (optional linear decay);</li>
 *   <li>critic steps: {@code criticIters} times, a real batch and a generated one (no generator graph),
 *       the objective's critic loss, backward, optimizer step;</li>
 *   <li>generator step: the critic frozen, the objective's generator loss, backward, optimizer step;</li>
 *   <li>one metrics line; a non-finite loss stops the run before any weight is touched;</li>
 *   <li>every K iterations: evaluation and the critic's loss on training and held-out real batches;</li>
 *   <li>every N iterations and at the end: a checkpoint; stop at the iteration or time target or on Ctrl-C.</li>
 * </ol>
 * All randomness comes from {@link Rng} streams keyed by (iteration, purpose) and real batches are a function
 * of their index, so a resumed run repeats exactly what an uninterrupted one does.
 */
public final class Trainer {
    /** How a call to {@link #run()} ended. */
    public enum Outcome { FINISHED, STOPPED }

    // Rng purposes: critic step j uses CRITIC + j
    private static final int GENERATOR = 1;
    private static final int EVAL_SAMPLES = 2;
    private static final int EVAL_CRITIC = 3;
    private static final int CRITIC = 1000;
    /** Real batches on which the training and held-out critic losses are compared. */
    private static final int HELDOUT_BATCHES = 4;

    private final GanModel model;
    private final TrainingData data;
    private final Objective objective;
    private final Schedule schedule;
    private final RunDirectory run;
    private final JsonNode config;
    private final Evaluation evaluation;
    private final TrainingListener listener;
    private final NDManager manager;
    private final ParameterStore ps;
    private final Rng rng;
    private final Optimizer optG;
    private final Optimizer optD;
    private final List<Parameter> genParams;
    private final List<Parameter> criticParams;

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
        this.listener = listener;
        this.manager = manager;
        this.ps = new ParameterStore(manager, false);
        this.rng = new Rng(schedule.seed());
        this.optG = optimizer(schedule);
        this.optD = optimizer(schedule);
        this.genParams = trainable(model.generator());
        this.criticParams = trainable(model.critic());
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

    /** Continues from the newest checkpoint of the run. */
    public Checkpoint.Meta resume() throws IOException {
        Checkpoint.Meta meta = Checkpoint.load(run.latestCheckpoint(), manager, model.generator(), model.critic(), optG, optD,
                genParams, criticParams);
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

    /** Seconds of training so far, including earlier sessions of a resumed run. */
    public double time() {
        return timeBefore + (System.nanoTime() - startNanos) / 1e9;
    }

    /** Trains until the schedule's target, or until stopped; returns how it ended. */
    public Outcome run() throws IOException {
        startNanos = System.nanoTime();
        java.util.concurrent.CountDownLatch saved = new java.util.concurrent.CountDownLatch(1);
        Thread hook = new Thread(() -> {
            requestStop();
            try {
                // let the loop write its checkpoint before the JVM exits (not join: the loop's thread may
                // itself be blocked in System.exit once the run has returned)
                saved.await(120, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ganlab-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        Outcome outcome;
        try {
            run.status(RunState.RUNNING, iteration, target(), null);
            listener.started(iteration, timeBefore);
            if (iteration == 0 && lastEval != 0) {
                evaluate();   // where the curves start: the untrained generator
            }
            while (!targetReached() && !stopRequested) {
                step(iteration + 1);
                iteration++;
                if (iteration % schedule.evalEvery() == 0) {
                    evaluate();
                }
                if (iteration % schedule.checkpointEvery() == 0) {
                    checkpoint();
                }
            }
            outcome = stopRequested && !targetReached() ? Outcome.STOPPED : Outcome.FINISHED;
            if (outcome == Outcome.FINISHED && lastEval != iteration) {
                evaluate();
            }
            if (lastCheckpoint != iteration) {
                checkpoint();
            }
            run.status(outcome == Outcome.FINISHED ? RunState.FINISHED : RunState.STOPPED, iteration, target(),
                    outcome == Outcome.FINISHED ? null : "stopped at iteration " + iteration + "; resume with --resume");
            listener.finished(outcome);
            return outcome;
        } catch (RuntimeException | Error e) {
            run.status(RunState.FAILED, iteration, target(), e.getMessage());
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

    private Long target() {
        return schedule.iterations() > 0 ? schedule.iterations() : null;
    }

    private boolean targetReached() {
        return schedule.iterations() > 0 && iteration >= schedule.iterations()
                || schedule.minutes() > 0 && time() >= schedule.minutes() * 60;
    }

    /** One generator iteration {@code it} (1-based) with its critic steps. */
    private void step(long it) {
        float decay = schedule.decay(it);
        float lrD = schedule.lrCritic() * decay;
        float lrG = schedule.lrGenerator() * decay;
        long batchIndex = (it - 1) * realBatchesPerIteration();

        // critic steps
        double criticLoss = 0;
        Map<String, Double> terms = new LinkedHashMap<>();
        for (int j = 0; j < schedule.criticIters(); j++) {
            try (NDManager step = manager.newSubManager()) {
                RandomGenerator g = rng.stream(it, CRITIC + j);
                NDArray real = data.batch(step, batchIndex++, schedule.batch());
                NDArray fake = generate(model.noise(step, g, schedule.batch()), true).stopGradient();
                float loss;
                try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                    Loss l = objective.criticLoss(this::score, real, fake, g);
                    loss = finite(it, "critic loss", l.value().getFloat());
                    for (Map.Entry<String, NDArray> t : l.terms().entrySet()) {
                        terms.merge(t.getKey(), (double) t.getValue().getFloat(), Double::sum);
                    }
                    gc.backward(l.value());
                }
                optD.step(criticParams, lrD);
                objective.afterCriticStep(criticParams);
                criticLoss += loss;
            }
        }

        // generator step, critic frozen so its weights collect no gradient
        float genLoss;
        model.critic().freezeParameters(true);
        try (NDManager step = manager.newSubManager()) {
            RandomGenerator g = rng.stream(it, GENERATOR);
            NDArray real = objective.generatorNeedsReal() ? data.batch(step, batchIndex, schedule.batch()) : null;
            NDArray z = model.noise(step, g, schedule.batch());
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray fake = generate(z, true);
                Loss l = objective.generatorLoss(this::score, real, fake, g);
                genLoss = finite(it, "generator loss", l.value().getFloat());
                gc.backward(l.value());
            }
            optG.step(genParams, lrG);
        } finally {
            model.critic().freezeParameters(false);
        }

        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "train");
        line.put("iteration", it);
        line.put("time", round(time()));
        line.put("critic_loss", criticLoss / schedule.criticIters());
        line.put("generator_loss", (double) genLoss);
        for (Map.Entry<String, Double> t : terms.entrySet()) {
            line.put(t.getKey(), t.getValue() / schedule.criticIters());
        }
        line.put("lr_critic", (double) lrD);
        line.put("lr_generator", (double) lrG);
        metrics.append(line);
        listener.iteration(line);
    }

    /** Real batches one generator iteration draws: one per critic step, and one more for FOGAN's generator. */
    private int realBatchesPerIteration() {
        return schedule.criticIters() + (objective.generatorNeedsReal() ? 1 : 0);
    }

    private float finite(long it, String what, float v) {
        if (!Float.isFinite(v)) {
            String last = lastCheckpoint >= 0
                    ? "the last good checkpoint is " + run.checkpoints().resolve(RunLayout.iterationFile(lastCheckpoint, RunLayout.CHECKPOINT_EXTENSION))
                    + " (iteration " + lastCheckpoint + "); lower the learning rates and resume from it"
                    : "no checkpoint was written yet; lower the learning rates and start again";
            throw new TrainingException("iteration " + it + ": " + what + " is " + v
                    + ", training diverged and was stopped; " + last);
        }
        return v;
    }

    private NDArray generate(NDArray z, boolean training) {
        return model.generator().forward(ps, new NDList(z), training).singletonOrThrow();
    }

    /** The critic as a function (B, …) → (B). */
    private NDArray score(NDArray x) {
        NDArray s = model.critic().forward(ps, new NDList(x), true).singletonOrThrow();
        return s.reshape(s.getShape().get(0));
    }

    /** Evaluation of the modality, plus the critic's loss on training and held-out real batches. */
    private void evaluate() {
        long it = iteration;
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("kind", "eval");
        line.put("iteration", it);
        Evaluation.Sampler sampler = (m, count) -> {
            RandomGenerator g = rng.stream(it, EVAL_SAMPLES);
            NDList parts = new NDList();
            for (int done = 0; done < count; done += schedule.batch()) {
                int n = Math.min(schedule.batch(), count - done);
                parts.add(generate(model.noise(m, g, n), false));
            }
            return parts.size() == 1 ? parts.get(0) : NDArrays.concat(parts);
        };
        line.putAll(evaluation.evaluate(it, sampler, run));
        double[] critic = heldoutCriticLoss(it);
        line.put("critic_train", critic[0]);
        line.put("critic_valid", critic[1]);
        line.put("time", round(time()));
        metrics.append(line);
        lastEval = it;
        listener.evaluated(line);
    }

    /** Negative critic loss on recent training batches and on held-out batches, same generated batches. */
    private double[] heldoutCriticLoss(long it) {
        long drawn = it * realBatchesPerIteration();
        double train = 0;
        double valid = 0;
        for (int k = 0; k < HELDOUT_BATCHES; k++) {
            try (NDManager m = manager.newSubManager();
                 GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                RandomGenerator g = rng.stream(it, EVAL_CRITIC + 10 * k);
                NDArray fake = generate(model.noise(m, g, schedule.batch()), false).stopGradient();
                NDArray realTrain = data.batch(m, Math.max(0, drawn - 1 - k), schedule.batch());
                NDArray realValid = data.heldout(m, (it / schedule.evalEvery()) * HELDOUT_BATCHES + k, schedule.batch());
                long seed = g.nextLong(); // the same α for both losses
                train -= objective.criticLoss(this::score, realTrain, fake, new java.util.SplittableRandom(seed))
                        .value().getFloat();
                valid -= objective.criticLoss(this::score, realValid, fake, new java.util.SplittableRandom(seed))
                        .value().getFloat();
            }
        }
        return new double[] {train / HELDOUT_BATCHES, valid / HELDOUT_BATCHES};
    }

    private void checkpoint() {
        try {
            Checkpoint.Meta meta = new Checkpoint.Meta(iteration, round(time()), metrics.bytes(), config,
                    Checkpoint.fingerprint(model.generator()), Checkpoint.fingerprint(model.critic()));
            Path file = Checkpoint.save(run.checkpoints(), meta, model.generator(), model.critic(), optG, optD);
            Checkpoint.prune(run.checkpoints(), schedule.keepCheckpoints());
            lastCheckpoint = iteration;
            run.status(RunState.RUNNING, iteration, target(), null);
            listener.checkpointed(iteration, file);
        } catch (IOException e) {
            throw new UncheckedIOException(run.checkpoints() + ": cannot write checkpoint", e);
        }
    }

    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
