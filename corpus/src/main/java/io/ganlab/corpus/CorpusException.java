package io.ganlab.corpus;

/** A problem with the user's input or a dataset on disk; its message is one line meant for the user. */
public class CorpusException extends io.ganlab.common.UserException {
    public CorpusException(String message) {
        super(message);
    }

    public CorpusException(String message, Throwable cause) {
        super(message, cause);
    }
}
