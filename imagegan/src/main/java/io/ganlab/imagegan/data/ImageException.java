package io.ganlab.imagegan.data;

import io.ganlab.common.UserException;

/** A problem with an image input or an image dataset on disk; its message is one line naming the file. */
public class ImageException extends UserException {
    public ImageException(String message) {
        super(message);
    }

    public ImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
