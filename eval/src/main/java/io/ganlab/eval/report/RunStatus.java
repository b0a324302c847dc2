package io.ganlab.eval.report;

import io.ganlab.common.RunState;

/**
 * A run's {@code status.json}: where the run is.
 *
 * @param state the run's state, {@code null} when the file is missing, unreadable or names no known state
 * @param iteration the iteration the status was written at; it lags the metrics of a live run (the status is
 *                  written at checkpoints), so {@link #describe} takes the larger of the two
 */
public record RunStatus(RunState state, Long iteration, Long targetIterations, String message, String updated) {
    /** The word of a run without a readable state. */
    public static final String UNKNOWN = "unknown";

    static RunStatus unknown(String why) {
        return new RunStatus(null, null, null, why, null);
    }

    /** {@code running}, {@code finished}, {@code stopped}, {@code failed} or {@link #UNKNOWN}. */
    public String word() {
        return state == null ? UNKNOWN : state.word();
    }

    /** True unless the run said it finished: its numbers may still change or stop short of the plan. */
    public boolean incomplete() {
        return state != RunState.FINISHED;
    }

    /** The iteration the run has reached: the status's, or the last one logged if the metrics are ahead. */
    public long reached(long lastLogged) {
        return iteration == null ? lastLogged : Math.max(iteration, lastLogged);
    }

    /** One sentence for people, e.g. "still running: iteration 1,200 of 5,000". */
    public String describe(long lastLogged) {
        long it = reached(lastLogged);
        String of = targetIterations != null ? String.format(" of %,d", targetIterations) : "";
        String why = message == null || message.isBlank() ? "" : " (" + message + ")";
        if (state == null) {
            return String.format("state unknown%s; last logged iteration %,d (may still be running)", why, it);
        }
        return switch (state) {
            case RUNNING -> String.format("still running: iteration %,d%s when the report was made", it, of);
            case FINISHED -> String.format("finished: %,d iterations", it);
            case STOPPED -> String.format("stopped early at iteration %,d%s%s", it, of, why);
            case FAILED -> String.format("failed at iteration %,d%s%s", it, of, why);
        };
    }
}
