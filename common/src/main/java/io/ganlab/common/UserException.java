package io.ganlab.common;

/**
 * A problem with the user's input or files, whose message is one line written for the user: the command line
 * prints it without a stack trace and exits 1. Each module's own error type extends this one.
 */
public class UserException extends RuntimeException {
    public UserException(String message) {
        super(message);
    }

    public UserException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Makes a module's own error type from a message and a cause (which may be null): {@code CorpusException::new}. */
    @FunctionalInterface
    public interface Factory {
        UserException of(String message, Throwable cause);
    }

    /** The first line of a library's message (which may span several, or be null), to quote in a one-line error. */
    public static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse("");
    }
}
