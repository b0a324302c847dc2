package io.ganlab.imagegan.classifier;

import io.ganlab.common.UserException;

/** A classifier file, dataset or option the classifier cannot use; the message is one line for the user. */
public class ClassifierException extends UserException {
    public ClassifierException(String message) {
        super(message);
    }

    public ClassifierException(String message, Throwable cause) {
        super(message, cause);
    }
}
