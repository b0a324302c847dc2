package io.ganlab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The eager PyTorch peer: a missing interpreter is reported in one line, the script on the class path is the one in
 * bench/python, and, only where Python has PyTorch, the script runs a few steps and prints a line that parses
 * (nothing timed is asserted).
 */
class PytorchPeerTest {
    // an interpreter that does not exist: no peer, and the reason names it
    @Test
    void missingInterpreterIsReported() {
        PytorchPeer.Probe p = PytorchPeer.probe("/nonexistent/python3");
        assertTrue(p.peer().isEmpty());
        assertTrue(p.whyNot().startsWith("cannot run /nonexistent/python3 ("), p.whyNot());
        assertEquals(1, p.whyNot().lines().count(), p.whyNot());
    }

    // the build copies bench/python/textgan_steps.py unchanged onto the class path, where the command runs it from
    @Test
    void scriptOnTheClassPathIsTheSource() throws Exception {
        assertEquals(Files.readString(Path.of("python", "textgan_steps.py")), PytorchPeer.scriptText());
    }

    // two steps of each kind at a tiny width: one parseable line with the shape, thread count and step counts asked
    // for, ordered quantiles, and both networks' weight counts equal to ours, counted by hand (TextganStepsTest)
    @Test
    void scriptRunsTwoStepsAndPrintsItsLine() throws Exception {
        PytorchPeer peer = pythonWithTorch();
        List<String> out = new ArrayList<>();
        StepTimesLine l = peer.run(16, 2, 4, 5, 2, 2, 0, 1, 1, "cpu", out::add);
        assertEquals("pytorch", l.impl());
        assertEquals(peer.torchVersion(), l.version());
        assertEquals("cpu", l.device());
        assertEquals(List.of(16, 2, 4, 5, 1), List.of(l.dim(), l.batch(), l.length(), l.vocab(), l.threads()));
        assertEquals(2, l.critic().steps());
        assertEquals(2, l.generator().steps());
        for (StepTimesLine.Times t : List.of(l.critic(), l.generator())) {
            assertTrue(0 < t.p10Ms() && t.p10Ms() <= t.medianMs() && t.medianMs() <= t.p90Ms(), t.toString());
        }
        int v = 5;
        int d = 16;
        int t = 4;
        long critic = (v * d + d) + 5 * 2 * (d * d * 5 + d) + (t * d + 1);
        long generator = (128L * t * d + t * d) + 5 * 2 * (d * d * 5 + d) + (d * v + v);
        assertEquals(critic, weights(out, "critic_weights"));
        assertEquals(generator, weights(out, "generator_weights"));
    }

    // the script's --convolutions mode: one line with a positive time for each of the three passes
    @Test
    void scriptTimesTheConvolutionPasses() throws Exception {
        double[] ms = pythonWithTorch().convolutionPasses(16, 2, 4, 1, 2, 1, "cpu");
        assertEquals(ConvolutionPasses.Pass.values().length, ms.length);
        for (double v : ms) {
            assertTrue(v > 0, java.util.Arrays.toString(ms));
        }
    }

    private static long weights(List<String> lines, String key) {
        Matcher m = Pattern.compile(" " + key + "=(\\d+) ").matcher(String.join("\n", lines));
        assertTrue(m.find(), key + " in " + lines);
        return Long.parseLong(m.group(1));
    }

    /** python3, or Debian's /usr/bin/python3 (python3-torch installs there), whichever has PyTorch; else skipped. */
    private static PytorchPeer pythonWithTorch() {
        List<String> why = new ArrayList<>();
        for (String python : List.of(System.getProperty("ganlab.test.python", "python3"), "/usr/bin/python3")) {
            PytorchPeer.Probe p = PytorchPeer.probe(python);
            Optional<PytorchPeer> peer = p.peer();
            if (peer.isPresent()) {
                return peer.get();
            }
            why.add(p.whyNot());
        }
        Assumptions.abort("skipped: no Python with PyTorch here (" + String.join("; ", why) + ")");
        throw new AssertionError("unreachable");
    }
}
