package io.ganlab.eval.image;

import io.ganlab.common.UserException;

/** Features, probabilities or options an image metric cannot use; the message is one line for the user. */
public class ImageMetricException extends UserException {
    public ImageMetricException(String message) {
        super(message);
    }

    public ImageMetricException(String message, Throwable cause) {
        super(message, cause);
    }
}
