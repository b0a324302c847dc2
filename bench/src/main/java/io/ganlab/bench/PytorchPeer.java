package io.ganlab.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The eager PyTorch peer of the language GAN's steps: {@code bench/python/textgan_steps.py}, shipped inside this
 * module's jar and run by a Python interpreter that has PyTorch (Debian: {@code apt-get install python3-torch}).
 */
public final class PytorchPeer {
    /** Where the build puts the script on the class path (bench/pom.xml copies bench/python there). */
    static final String SCRIPT_RESOURCE = "/io/ganlab/bench/python/textgan_steps.py";
    /** Seconds to wait for {@code import torch}: a first import reads a few hundred MB from disk. */
    private static final long PROBE_SECONDS = 120;

    private final String python;
    private final String torchVersion;
    private Path script;

    private PytorchPeer(String python, String torchVersion) {
        this.python = python;
        this.torchVersion = torchVersion;
    }

    /** Whether {@code python -c 'import torch'} works: the peer, or why not (one line, for the user). */
    public record Probe(Optional<PytorchPeer> peer, String whyNot) {}

    /** Runs {@code python -c 'import torch'} (printing its version) and tells whether the peer can run. */
    public static Probe probe(String python) {
        String what = python + " -c 'import torch'";
        Process p;
        try {
            p = new ProcessBuilder(python, "-c", "import sys, torch; sys.stdout.write(torch.__version__)")
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            return new Probe(Optional.empty(), "cannot run " + python + " (" + e.getMessage() + ")");
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!p.waitFor(PROBE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Probe(Optional.empty(), what + " did not finish in " + PROBE_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                List<String> lines = out.lines().toList();
                return new Probe(Optional.empty(), what + " failed"
                        + (lines.isEmpty() ? " (exit " + p.exitValue() + ")" : ": " + lines.get(lines.size() - 1)));
            }
            return new Probe(Optional.of(new PytorchPeer(python, out.split("\\+")[0])), "");
        } catch (IOException e) {
            return new Probe(Optional.empty(), what + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Probe(Optional.empty(), what + " was interrupted");
        }
    }

    public String python() {
        return python;
    }

    /** PyTorch's version as the interpreter reports it, without a local build suffix. */
    public String torchVersion() {
        return torchVersion;
    }

    /**
     * Runs the script once and reads its line.
     *
     * @param device {@code cpu} or {@code cuda:N}
     * @throws IOException when the script fails or prints no parseable line
     */
    public StepTimesLine run(int dim, int batch, int length, int vocab, int steps, int generatorSteps, int warmup,
                             int threads, long seed, String device) throws IOException, InterruptedException {
        return run(dim, batch, length, vocab, steps, generatorSteps, warmup, threads, seed, device, line -> {});
    }

    /** {@link #run}, also handing every line the script printed on stdout to {@code stdout}. */
    StepTimesLine run(int dim, int batch, int length, int vocab, int steps, int generatorSteps, int warmup,
                      int threads, long seed, String device, Consumer<String> stdout)
            throws IOException, InterruptedException {
        List<String> cmd = command(dim, batch, length, vocab, steps, generatorSteps, warmup, threads, seed, device);
        return ChildProcesses.stepTimes(cmd, "the PyTorch peer (" + python + " textgan_steps.py)", stdout);
    }

    /** The script's command line (add {@code --serve} for the interleaved comparison). */
    List<String> command(int dim, int batch, int length, int vocab, int steps, int generatorSteps, int warmup,
                         int threads, long seed, String device) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(python, script().toString()));
        cmd.addAll(List.of("--dim", "" + dim, "--batch", "" + batch, "--length", "" + length, "--vocab", "" + vocab,
                "--steps", "" + steps, "--generator-steps", "" + generatorSteps, "--warmup", "" + warmup,
                "--threads", "" + threads, "--seed", "" + seed, "--device", device));
        return cmd;
    }

    /**
     * The script's {@code --convolutions} mode: its residual convolution's three passes, milliseconds per call in
     * {@link ConvolutionPasses.Pass} order.
     *
     * @throws IOException when the script fails or prints no parseable line
     */
    public double[] convolutionPasses(int dim, int batch, int length, int threads, int calls, int repeats,
                                      String device) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, script().toString(), "--convolutions"));
        cmd.addAll(List.of("--dim", "" + dim, "--batch", "" + batch, "--length", "" + length, "--threads", "" + threads,
                "--calls", "" + calls, "--repeats", "" + repeats, "--device", device));
        return ConvolutionPasses.fromChild(cmd,
                "the PyTorch peer (" + python + " textgan_steps.py --convolutions)");
    }

    /** The script, copied once from the class path to a temporary file that is removed at exit. */
    private synchronized Path script() throws IOException {
        if (script == null) {
            try (InputStream in = PytorchPeer.class.getResourceAsStream(SCRIPT_RESOURCE)) {
                if (in == null) {
                    throw new IOException(SCRIPT_RESOURCE + " is missing from the class path; rebuild the bench module");
                }
                Path tmp = Files.createTempFile("ganlab-textgan-steps", ".py");
                tmp.toFile().deleteOnExit();
                Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                script = tmp;
            }
        }
        return script;
    }

    /** The script's text (tests check that the copy on the class path is the one in bench/python). */
    static String scriptText() {
        try (InputStream in = PytorchPeer.class.getResourceAsStream(SCRIPT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(SCRIPT_RESOURCE + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
