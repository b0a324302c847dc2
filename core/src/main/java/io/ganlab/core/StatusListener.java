package io.ganlab.core;

import io.ganlab.common.RunState;
import java.nio.file.Path;

/** Keeps {@code status.json} telling people and {@code gan report} where the run stands. */
final class StatusListener implements TrainingListener {
    private final Trainer trainer;

    StatusListener(Trainer trainer) {
        this.trainer = trainer;
    }

    @Override
    public void started(long iteration, double time) {
        trainer.runDirectory().status(RunState.RUNNING, iteration, trainer.target(), null);
    }

    @Override
    public void checkpointed(long iteration, Path file) {
        trainer.runDirectory().status(RunState.RUNNING, iteration, trainer.target(), null);
    }

    @Override
    public void finished(Trainer.Outcome outcome) {
        long it = trainer.iteration();
        if (outcome == Trainer.Outcome.FINISHED) {
            trainer.runDirectory().status(RunState.FINISHED, it, trainer.target(), null);
        } else {
            trainer.runDirectory().status(RunState.STOPPED, it, trainer.target(),
                    "stopped at iteration " + it + "; resume with --resume");
        }
    }

    @Override
    public void failed(Throwable error) {
        trainer.runDirectory().status(RunState.FAILED, trainer.iteration(), trainer.target(), error.getMessage());
    }
}
