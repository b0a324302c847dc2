package io.ganlab.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Top-level {@code gan} command. */
@Command(name = "gan",
        mixinStandardHelpOptions = true,
        versionProvider = Gan.Version.class,
        header = "Train and evaluate GANs on the JVM: corpus preparation, WGAN-GP/FOGAN training, n-gram JSD, reports.",
        subcommands = {CorpusCommand.class, ImagesCommand.class, TextganCommand.class, ToyCommand.class, EvalCommand.class, ReportCommand.class,
                BenchCommand.class, DemoCommand.class,
                CommandLine.HelpCommand.class})
public final class Gan implements Runnable {
    @Option(names = "--stacktrace", scope = CommandLine.ScopeType.INHERIT,
            description = "Print the full stack trace of an error.")
    boolean stacktrace;

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
        cl.setParameterExceptionHandler(Gan::usageError);
        cl.setExecutionExceptionHandler(Gan::failure);
        return cl;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    private static int usageError(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        err.println(name + ": error: " + e.getMessage());
        err.println("Try '" + name + " --help' for more information.");
        err.flush();
        return 2;
    }

    private static int failure(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        PrintWriter err = cmd.getErr();
        String name = cmd.getCommandSpec().qualifiedName();
        if (e instanceof UsageException || e instanceof io.ganlab.corpus.PrepareOptions.Conflict) {
            err.println(name + ": error: " + e.getMessage());
            err.println("Try '" + name + " --help' for more information.");
            err.flush();
            return 2;
        }
        String msg = e.getMessage();
        boolean expected = isUserError(e) && msg != null;
        err.println(name + ": error: " + (expected ? msg : e.getClass().getSimpleName() + (msg == null ? "" : ": " + msg)));
        if (stacktraceRequested(parsed) || !expected && Boolean.getBoolean("ganlab.stacktrace")) {
            e.printStackTrace(err);
        }
        err.flush();
        return 1;
    }

    /** --stacktrace is inherited: it may have been given to any command on the path. */
    private static boolean stacktraceRequested(CommandLine.ParseResult pr) {
        for (CommandLine.ParseResult r = pr; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--stacktrace")) {
                return true;
            }
        }
        return false;
    }

    /** Errors the library throws for bad input carry a message written for the user. */
    private static boolean isUserError(Throwable e) {
        return e instanceof io.ganlab.common.UserException
                || e instanceof java.io.IOException
                || e instanceof java.io.UncheckedIOException;
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
