package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.ganlab.common.Json;
import io.ganlab.common.StagedOutput;
import io.ganlab.core.Checkpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} at random moments, at checkpoint writes and at evaluations, then {@code --resume}, again and
 * again: the run ends with exactly the metrics of an uninterrupted run, every checkpoint verifies, and no file is
 * left half-written.
 */
class CrashResumeTest {
    static final String[] RUN = {"--dim", "16", "--batch", "16", "--critic-iters", "2", "--iterations", "24",
            "--eval-every", "6", "--eval-samples", "64", "--checkpoint-every", "3", "--seed", "5", "-q"};

    @TempDir
    Path tmp;

    @Test
    void killedAndResumedTextRunEqualsAnUninterruptedOne() throws Exception {
        Path data = tmp.resolve("data");
        GanRunner.Run p = GanRunner.run("corpus", "prepare", "-q", "--input", GoldenRunTest.golden("words.txt").toString(),
                "--output", data.toString(), "--valid", "200");
        assertEquals(0, p.code(), p.err());
        killAndResume((out, resume) -> args("textgan", data, out, resume, RUN));
    }

    // image runs stand on the same session and get the same guarantee
    @Test
    void killedAndResumedImageRunEqualsAnUninterruptedOne() throws Exception {
        Path raw = Files.createDirectories(tmp.resolve("raw"));
        ImageganCommandTest.images(raw, "train", 200);
        ImageganCommandTest.images(raw, "t10k", 60);
        Path data = tmp.resolve("images");
        GanRunner.Run p = GanRunner.run("images", "prepare", "--input", raw.toString(), "--output", data.toString());
        assertEquals(0, p.code(), p.err());
        killAndResume((out, resume) -> args("imagegan", data, out, resume, IMAGE_RUN));
    }

    static final String[] IMAGE_RUN = {"--preset", "cpu-fashion", "--batch", "16", "--critic-iters", "2",
            "--iterations", "24", "--minutes", "0", "--eval-every", "6", "--eval-samples", "16", "--checkpoint-every",
            "3", "--seed", "5", "-q"};

    /** The arguments of a new run ({@code resume} false) or of its resumption, writing to {@code out}. */
    interface Command {
        String[] args(Path out, boolean resume);
    }

    private void killAndResume(Command command) throws Exception {
        Path straight = tmp.resolve("straight");
        GanRunner.Run s = GanRunner.run(command.args(straight, false));
        assertEquals(0, s.code(), s.err());

        Path run = tmp.resolve("killed");
        long totalLines = Files.readAllLines(straight.resolve("metrics.jsonl")).size();
        Random random = new Random(11);
        int kills = 0;
        int atCheckpoint = 0;
        int atEvaluation = 0;
        boolean finished = false;
        for (int round = 0; round < 10 && !finished; round++) {
            boolean resume = hasCheckpoint(run);
            List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Dai.djl.pytorch.num_threads=2", "-cp", System.getProperty("java.class.path"),
                    Gan.class.getName()));
            cmd.addAll(List.of(command.args(run, resume)));
            if (!resume && Files.exists(run)) {
                cmd.add("--force");   // killed before its first checkpoint: start again
            }
            Process child = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            // three kinds of moment: while a checkpoint is being written, while an evaluation writes its samples
            // (once a checkpoint exists: the evaluation at iteration 0 comes before any), and at a random point of
            // progress; every round also kills at that point if the watched moment has not come, so that the run
            // is killed several times however fast this machine is
            String watch = round % 3 == 0 ? "checkpoints" : round % 3 == 1 && resume ? "samples" : null;
            long done = lines(run);
            long target = Math.min(done + 2 + random.nextInt(5), totalLines - 3);
            boolean killed = false;
            while (child.isAlive()) {
                boolean atWatch = watch != null && staging(run.resolve(watch));
                if (atWatch || lines(run) >= target && target > done) {
                    child.destroyForcibly();
                    killed = true;
                    if (atWatch) {
                        if (watch.equals("checkpoints")) {
                            atCheckpoint++;
                        } else {
                            atEvaluation++;
                        }
                    }
                    break;
                }
                Thread.sleep(1);
            }
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            kills += killed ? 1 : 0;
            finished = !killed && child.exitValue() == 0;
        }
        if (!finished) {
            List<String> last = new ArrayList<>(List.of(command.args(run, hasCheckpoint(run))));
            if (!hasCheckpoint(run)) {
                last.add("--force");
            }
            GanRunner.Run end = GanRunner.run(last.toArray(String[]::new));
            assertEquals(0, end.code(), end.err());
        }
        System.err.println("crash test: " + kills + " kills, " + atCheckpoint + " during a checkpoint write, "
                + atEvaluation + " during an evaluation");
        assertTrue(kills >= 3, "the run was killed " + kills + " times");

        GoldenRunTest.assertSameMetrics(straight.resolve("metrics.jsonl"), run.resolve("metrics.jsonl"));
        assertEquals("finished", Json.LINE.readTree(run.resolve("status.json").toFile()).get("state").asText());
        for (Path ckpt : Checkpoint.list(run.resolve("checkpoints"))) {
            Checkpoint.verify(ckpt);
        }
        try (Stream<Path> all = Files.walk(run)) {
            List<Path> left = all.filter(f -> StagedOutput.isStagingName(f.getFileName().toString())).toList();
            assertTrue(left.isEmpty(), "half-written files left: " + left);
        }
        for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = Json.LINE.readTree(line);   // every line whole
            assertTrue(n.has("iteration"), line);
        }
    }

    private static String[] args(String modality, Path data, Path out, boolean resume, String[] newRun) {
        List<String> a = new ArrayList<>(List.of(modality, "train", "--out", out.toString()));
        if (resume) {
            a.addAll(List.of("--resume", "--iterations", "24", "-q"));
        } else {
            a.addAll(List.of("--dataset", data.toString()));
            a.addAll(List.of(newRun));
        }
        return a.toArray(String[]::new);
    }

    /** Lines of the run's metrics log so far (0 before it exists). */
    private static long lines(Path run) {
        try (Stream<String> s = Files.lines(run.resolve("metrics.jsonl"))) {
            return s.count();
        } catch (Exception e) {
            return 0;
        }
    }

    private static boolean hasCheckpoint(Path run) throws Exception {
        return !Checkpoint.list(run.resolve("checkpoints")).isEmpty();
    }

    private static boolean staging(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> StagedOutput.isStagingName(f.getFileName().toString()));
        } catch (Exception e) {
            return false;
        }
    }
}
