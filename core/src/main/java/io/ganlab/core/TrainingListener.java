package io.ganlab.core;

import java.util.Map;

/** Progress of a run, for a progress bar or a log. Called on the training thread. */
public interface TrainingListener {
    default void started(long iteration, double time) {}

    /** After each generator iteration, with that iteration's metrics line. */
    default void iteration(Map<String, Object> metrics) {}

    default void evaluated(Map<String, Object> metrics) {}

    default void checkpointed(long iteration, java.nio.file.Path file) {}

    default void finished(Trainer.Outcome outcome) {}

    TrainingListener NONE = new TrainingListener() {};
}
