package io.ganlab.eval.report;

import io.ganlab.eval.EvalException;

/** A run directory or report destination the report cannot use; the message is one line for the user. */
public class ReportException extends EvalException {
    public ReportException(String message) {
        super(message);
    }

    public ReportException(String message, Throwable cause) {
        super(message, cause);
    }
}
