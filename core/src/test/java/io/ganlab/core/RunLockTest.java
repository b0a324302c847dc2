package io.ganlab.core;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lock is an OS lock: a second process is refused with the owner's pid, and a killed owner frees it. */
class RunLockTest {
    @TempDir
    Path tmp;

    /** Child process: holds the lock of the run directory given and waits to be killed. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            try (RunLock lock = RunLock.acquire(new RunDirectory(Path.of(args[0])))) {
                System.out.println("locked");
                System.out.flush();
                Thread.sleep(120_000);
            }
        }
    }

    // a live owner in another process blocks the run; SIGKILL of the owner releases it (nothing stays stuck)
    @Test
    void otherProcessIsRefusedAndAKilledOwnerLeavesNoLock() throws Exception {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), Holder.class.getName(),
                run.dir().toString()).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue("locked".equals(line), "child said: " + line);
            TrainingException e = assertThrows(TrainingException.class, () -> RunLock.acquire(run));
            assertTrue(e.getMessage().contains("in use by process " + child.pid()), e.getMessage());
        } finally {
            child.destroyForcibly();
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        }
        try (RunLock mine = RunLock.acquire(run)) {
            // acquired: the lock died with its process
        }
    }

    // within one process a second claim is refused too (two runs of one JVM on one directory)
    @Test
    void sameProcessTwiceIsRefused() throws Exception {
        RunDirectory run = new RunDirectory(tmp.resolve("run"));
        try (RunLock first = RunLock.acquire(run)) {
            TrainingException e = assertThrows(TrainingException.class, () -> RunLock.acquire(run));
            assertTrue(e.getMessage().contains("in use by"), e.getMessage());
        }
        try (RunLock again = RunLock.acquire(run)) {
            // released by close
        }
    }
}
