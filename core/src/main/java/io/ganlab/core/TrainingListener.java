package io.ganlab.core;

import java.nio.file.Path;
import java.util.Map;

/**
 * Something that happens around the training loop rather than inside it (DJL's {@code TrainingListener} idea):
 * checkpoints, the divergence guard, the status file, a progress display. Called on the training thread, in the
 * order the trainer lists its listeners.
 */
public interface TrainingListener {
    default void started(long iteration, double time) {}

    /** Something the user should know that does not stop the run (a damaged checkpoint skipped on resume). */
    default void notice(String message) {}

    /**
     * A loss about to update weights. Throwing here stops the run before any weight changes.
     *
     * @param what "critic loss" or "generator loss"
     */
    default void loss(long iteration, String what, double value) {}

    /** After each generator iteration, with that iteration's metrics line. */
    default void iteration(Map<String, Object> metrics) {}

    default void evaluated(Map<String, Object> metrics) {}

    /** At the end of iteration {@code iteration}, after its metrics line and evaluation. */
    default void afterIteration(long iteration) {}

    default void checkpointed(long iteration, Path file) {}

    default void finished(Trainer.Outcome outcome) {}

    /** The run stopped on an error, which the trainer rethrows after the listeners. */
    default void failed(Throwable error) {}

    TrainingListener NONE = new TrainingListener() {};
}
