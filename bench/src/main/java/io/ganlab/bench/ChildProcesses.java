package io.ganlab.bench;

import io.ganlab.core.InputGradient;
import io.ganlab.core.Precision;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** The timing children of the same-run comparison: ours in a fresh JVM, and any command printing a {@link StepTimesLine}. */
final class ChildProcesses {
    /** System properties passed on to our child: the engine's settings (threads, offline, ...) and the log levels. */
    private static final List<String> FORWARDED_PREFIXES = List.of("ai.djl.", "org.slf4j.simpleLogger.");

    private ChildProcesses() {}

    /**
     * Our steps ({@link TextganStepsChild}) in a fresh JVM with this one's class path and heap cap, the engine
     * properties of this one, and {@code threads} libtorch threads.
     */
    static StepTimesLine ours(int dim, int batch, int length, int vocab, int steps, int generatorSteps, int warmup,
                              int threads, long seed, StepVariant variant) throws IOException, InterruptedException {
        List<String> cmd = oursCommand(dim, batch, length, vocab, steps, generatorSteps, warmup, threads, seed,
                variant, false);
        return stepTimes(cmd, "our timing child (" + TextganStepsChild.class.getSimpleName() + ")", line -> {});
    }

    /** The command line of our timing child; with {@code serve}, one that answers blocks of steps on stdin. */
    static List<String> oursCommand(int dim, int batch, int length, int vocab, int steps, int generatorSteps,
                                    int warmup, int threads, long seed, StepVariant variant, boolean serve) {
        List<String> cmd = javaCommand(threads, TextganStepsChild.class);
        cmd.addAll(List.of("--dim", "" + dim, "--batch", "" + batch, "--length", "" + length, "--vocab", "" + vocab,
                "--steps", "" + steps, "--generator-steps", "" + generatorSteps, "--warmup", "" + warmup,
                "--seed", "" + seed, "--bf16", variant.precision() == Precision.BF16 ? "1" : "0",
                "--autograd", variant.inputGradient() == InputGradient.Method.AUTOGRAD ? "1" : "0",
                "--serve", serve ? "1" : "0"));
        return cmd;
    }

    /**
     * {@code main} of {@code main} in a fresh JVM with this one's class path and heap cap, the engine properties of
     * this one, and {@code threads} libtorch threads; its arguments to be added.
     */
    static List<String> javaCommand(int threads, Class<?> main) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + (Runtime.getRuntime().maxMemory() >> 20) + "m",
                "-XX:+UseParallelGC"));
        // the launcher's fixed young generation (see ./gan), so the child's heap behaves as this process's
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(a -> a.startsWith("-Xmn") || a.startsWith("-XX:NewSize=") || a.startsWith("-XX:MaxNewSize="))
                .forEach(cmd::add);
        System.getProperties().stringPropertyNames().stream()
                .filter(k -> FORWARDED_PREFIXES.stream().anyMatch(k::startsWith))
                .filter(k -> !k.equals("ai.djl.pytorch.num_threads")).sorted()
                .forEach(k -> cmd.add("-D" + k + "=" + System.getProperty(k)));
        cmd.add("-Dai.djl.pytorch.num_threads=" + threads);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        return cmd;
    }

    /** A timing child's arguments, {@code --name N} pairs, as the child reads them. */
    static Map<String, Integer> intArguments(String[] args) {
        Map<String, Integer> a = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], Integer.parseInt(args[i + 1]));
        }
        return a;
    }

    /**
     * Runs {@code cmd} (stderr to ours, this process's environment) and returns its stdout, every line of which also
     * goes to {@code stdout}, before the exit status is looked at.
     *
     * @throws IOException naming {@code what} when it exits with an error
     */
    static String output(List<String> cmd, String what, Consumer<String> stdout)
            throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        out.lines().forEach(stdout);
        if (p.waitFor() != 0) {
            throw new IOException(what + " failed (exit " + p.exitValue() + ")");
        }
        return out;
    }

    /**
     * Runs {@code cmd} (stderr to ours, with the environment of this process) and reads its line; every line of
     * its stdout also goes to {@code stdout}.
     */
    static StepTimesLine stepTimes(List<String> cmd, String what, Consumer<String> stdout)
            throws IOException, InterruptedException {
        String out = output(cmd, what, stdout);
        try {
            return StepTimesLine.find(out);
        } catch (IllegalArgumentException e) {
            throw new IOException(what + ": " + e.getMessage());
        }
    }
}
