package io.ganlab.eval;

/** A problem with the user's samples, options or cached models; the message is one line for the user. */
public class EvalException extends io.ganlab.common.UserException {
    public EvalException(String message) {
        super(message);
    }

    public EvalException(String message, Throwable cause) {
        super(message, cause);
    }
}
