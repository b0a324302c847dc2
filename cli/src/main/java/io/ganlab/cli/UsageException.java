package io.ganlab.cli;

/** Options that make no sense together: reported like a parse error, exit code 2. */
final class UsageException extends RuntimeException {
    UsageException(String message) {
        super(message);
    }

    /** {@code parse.get()}; a refusal ({@link IllegalArgumentException}) becomes one usage line naming {@code option}. */
    static <T> T parsing(String option, java.util.function.Supplier<T> parse) {
        try {
            return parse.get();
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }
}
