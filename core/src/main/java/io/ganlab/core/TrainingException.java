package io.ganlab.core;

/** A run that cannot start or continue, with a message for the user. */
public class TrainingException extends io.ganlab.common.UserException {
    public TrainingException(String message) {
        super(message);
    }

    public TrainingException(String message, Throwable cause) {
        super(message, cause);
    }
}
