package io.ganlab.core;

/** Writes a checkpoint every {@code checkpointEvery} iterations and at the end of every session of a run. */
final class CheckpointListener implements TrainingListener {
    private final Trainer trainer;
    private final int every;

    CheckpointListener(Trainer trainer, Schedule schedule) {
        this.trainer = trainer;
        this.every = schedule.checkpointEvery();
    }

    @Override
    public void afterIteration(long iteration) {
        if (iteration % every == 0) {
            trainer.checkpoint();
        }
    }

    @Override
    public void finished(Trainer.Outcome outcome) {
        if (trainer.lastCheckpoint() != trainer.iteration()) {
            trainer.checkpoint();
        }
    }
}
