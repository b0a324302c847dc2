package io.ganlab.imagegan.nets;

import io.ganlab.common.UserException;

/** An unknown architecture name or a setting the architecture cannot honour; the message is one line. */
public class ArchitectureException extends UserException {
    public ArchitectureException(String message) {
        super(message);
    }
}
