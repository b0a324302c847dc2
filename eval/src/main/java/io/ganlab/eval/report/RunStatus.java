package io.ganlab.eval.report;

/**
 * A run's {@code status.json}: where the run is. {@code state} is {@code running}, {@code finished},
 * {@code stopped}, {@code failed}, or {@code unknown} when the file is missing or unreadable.
 */
public record RunStatus(String state, Long iteration, Long targetIterations, String message, String updated) {
    public static final String UNKNOWN = "unknown";

    static RunStatus unknown(String why) {
        return new RunStatus(UNKNOWN, null, null, why, null);
    }

    /** True unless the run said it finished: its numbers may still change or stop short of the plan. */
    public boolean incomplete() {
        return !"finished".equals(state);
    }

    /** One sentence for people, e.g. "still running: iteration 1,200 of 5,000". */
    public String describe(long lastLogged) {
        long it = iteration != null ? iteration : lastLogged;
        String of = targetIterations != null ? String.format(" of %,d", targetIterations) : "";
        String why = message == null || message.isBlank() ? "" : " (" + message + ")";
        return switch (state) {
            case "running" -> String.format("still running: iteration %,d%s when the report was made", it, of);
            case "finished" -> String.format("finished: %,d iterations", it);
            case "stopped" -> String.format("stopped early at iteration %,d%s%s", it, of, why);
            case "failed" -> String.format("failed at iteration %,d%s%s", it, of, why);
            default -> String.format("state unknown%s; last logged iteration %,d (may still be running)", why, it);
        };
    }
}
