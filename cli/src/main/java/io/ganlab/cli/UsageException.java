package io.ganlab.cli;

/** Options that make no sense together: reported like a parse error, exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }
}
