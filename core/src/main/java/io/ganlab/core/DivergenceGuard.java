package io.ganlab.core;

import io.ganlab.common.RunLayout;

/**
 * Stops a run whose loss is NaN or infinite before that loss updates any weight, and names the last good
 * checkpoint to resume from.
 */
final class DivergenceGuard implements TrainingListener {
    private final Trainer trainer;

    DivergenceGuard(Trainer trainer) {
        this.trainer = trainer;
    }

    @Override
    public void loss(long iteration, String what, double value) {
        if (Double.isFinite(value)) {
            return;
        }
        long good = trainer.lastCheckpoint();
        String last = good >= 0
                ? "the last good checkpoint is " + trainer.runDirectory().checkpoints().resolve(
                        RunLayout.iterationFile(good, RunLayout.CHECKPOINT_EXTENSION))
                + " (iteration " + good + "); lower the learning rates and resume from it"
                : "no checkpoint was written yet; lower the learning rates and start again";
        throw new TrainingException("iteration " + iteration + ": " + what + " is " + (float) value
                + ", training diverged and was stopped; " + last);
    }
}
