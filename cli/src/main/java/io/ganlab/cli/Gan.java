package io.ganlab.cli;

import io.ganlab.common.ConfigException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Top-level {@code gan} command, and the one place of the command line's error policy. Exit codes:
 * <ul>
 *   <li>0: done;</li>
 *   <li>2: the command line is wrong, found before any work: an unknown command or option (also next to
 *       {@code --help}), a missing or malformed value, options out of range or contradicting each other
 *       ({@link UsageException}, {@link io.ganlab.corpus.PrepareOptions.Conflict}), {@code gan} or a command
 *       group without a command, and a {@link ConfigException} when the config came from the command line alone
 *       (built-in defaults and presets, which are valid, plus flags: the flags are at fault);</li>
 *   <li>1: the command ran and failed: bad input files ({@link io.ganlab.common.UserException}, I/O errors),
 *       including a {@link ConfigException} when a config was also read from a file ({@code --config FILE}, or
 *       the run's saved config on {@code --resume}), since the file's values are bound with the flags and the
 *       file is input; and anything unexpected.</li>
 * </ul>
 * Errors are one line, {@code gan <command>: error: <message>}, followed by a pointer to {@code --help} for
 * exit code 2; {@code --stacktrace} adds the trace.
 */
@Command(name = "gan",
        mixinStandardHelpOptions = true,
        versionProvider = Gan.Version.class,
        header = "Train and evaluate GANs on the JVM: corpus preparation, WGAN-GP/FOGAN training, n-gram JSD, reports.",
        subcommands = {CorpusCommand.class, ImagesCommand.class, TextganCommand.class, ImageganCommand.class, ToyCommand.class, EvalCommand.class, ReportCommand.class,
                BenchCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class Gan implements Callable<Integer> {
    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace of an error.")
    boolean stacktrace;

    @Option(names = "--log-level", paramLabel = "LEVEL", scope = CommandLine.ScopeType.INHERIT,
            converter = LogLevel.Converter.class,
            description = "Messages of DJL and the libraries on stderr from this level up: ${COMPLETION-CANDIDATES}"
                    + " (default: warn, and error for DJL, whose GPU warnings are noise on the CPU).")
    LogLevel logLevel;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs {@code gan} with the given arguments and returns its exit code (tests call this). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The configured command line, with the project's one error policy. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Gan());
        cl.setExecutionStrategy(Gan::execute);
        cl.setParameterExceptionHandler(Gan::usageError);
        cl.setExecutionExceptionHandler(Gan::failure);
        return cl;
    }

    /** {@code gan} alone: the usage on stderr and exit code 2, as a command is missing. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        spec.commandLine().getErr().flush();
        return 2;
    }

    /**
     * Before running the command: arguments left over anywhere on the path are an error even next to
     * {@code --help} (picocli would print the help of the last known command and exit 0), and the log level is
     * set before anything logs.
     */
    private static int execute(CommandLine.ParseResult parsed) {
        for (CommandLine.ParseResult r = parsed; r != null; r = r.subcommand()) {
            if (!r.unmatched().isEmpty()) {
                throw new CommandLine.UnmatchedArgumentException(r.commandSpec().commandLine(), r.unmatched());
            }
        }
        LogLevel.apply(matched(parsed, "--log-level"));
        return new CommandLine.RunLast().execute(parsed);
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        String message = e.getMessage();
        if (e instanceof CommandLine.UnmatchedArgumentException u && !cmd.getSubcommands().isEmpty()
                && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
            message = "unknown command '" + u.getUnmatched().get(0) + "'; the commands of "
                    + cmd.getCommandSpec().qualifiedName() + " are: " + String.join(", ", cmd.getSubcommands().keySet());
        }
        return usageError(cmd, message);
    }

    private static int usageError(CommandLine cmd, String message) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": error: " + message);
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return 2;
    }

    private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        if (e instanceof UsageException || e instanceof io.ganlab.corpus.PrepareOptions.Conflict
                || e instanceof ConfigException && !readsConfigFile(parsed)) {
            if (stacktraceRequested(parsed)) {
                e.printStackTrace(cmd.getErr());
            }
            return usageError(cmd, e.getMessage());
        }
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        String msg = e.getMessage();
        boolean expected = isUserError(e) && msg != null;
        err.println(name + ": error: " + (expected ? msg : e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg)));
        if (stacktraceRequested(parsed) || !expected && Boolean.getBoolean("ganlab.stacktrace")) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** Whether the command read a config from a file besides the flags: a config error may then be the file's. */
    private static boolean readsConfigFile(CommandLine.ParseResult parsed) {
        return matched(parsed, "--config") != null || Boolean.TRUE.equals(matched(parsed, "--resume"));
    }

    /** --stacktrace is inherited: it may have been given to any command on the path. */
    private static boolean stacktraceRequested(CommandLine.ParseResult pr) {
        return Boolean.TRUE.equals(matched(pr, "--stacktrace"));
    }

    /** The value of an option given to any command on the path (inherited options may sit on any), or null. */
    private static <T> T matched(CommandLine.ParseResult pr, String option) {
        T value = null;
        for (CommandLine.ParseResult r = pr; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption(option)) {
                value = r.matchedOptionValue(option, null);
            }
        }
        return value;
    }

    /** Errors the library throws for bad input carry a message written for the user. */
    private static boolean isUserError(Throwable e) {
        return e instanceof io.ganlab.common.UserException
                || e instanceof java.io.IOException
                || e instanceof java.io.UncheckedIOException;
    }

    /**
     * Levels of {@code --log-level}, applied to the SLF4J binding (slf4j-simple, on stderr) through its system
     * properties, which it reads when the first logger is made: before the command runs, nothing has logged.
     */
    enum LogLevel {
        OFF, ERROR, WARN, INFO, DEBUG, TRACE;

        private static final String DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
        private static final String DJL_LEVEL = "org.slf4j.simpleLogger.log.ai.djl";

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * Sets the levels: {@code level} for every logger, or with none given warn, and error for DJL (it warns
         * "Failed to detect GPU count" on every CPU-only start; see simplelogger.properties).
         */
        static void apply(LogLevel level) {
            System.setProperty(DEFAULT_LEVEL, level == null ? WARN.toString() : level.toString());
            System.setProperty(DJL_LEVEL, level == null ? ERROR.toString() : level.toString());
        }

        /** Case-insensitive, with the message listing the levels. */
        static final class Converter implements CommandLine.ITypeConverter<LogLevel> {
            @Override
            public LogLevel convert(String value) {
                for (LogLevel l : values()) {
                    if (l.name().equalsIgnoreCase(value)) {
                        return l;
                    }
                }
                throw new CommandLine.TypeConversionException("expected one of "
                        + Arrays.stream(values()).map(LogLevel::toString).collect(Collectors.joining(", "))
                        + ", not '" + value + "'");
            }
        }
    }

    /** Version from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"gan " + io.ganlab.common.Provenance.version(), "Java " + System.getProperty("java.version")
                    + " on " + System.getProperty("os.name") + " " + System.getProperty("os.arch")};
        }
    }
}
