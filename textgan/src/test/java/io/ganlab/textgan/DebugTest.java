package io.ganlab.textgan;

import io.ganlab.core.*;
import java.nio.file.*;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DebugTest {
    @TempDir Path tmp;
    @Test
    void t() throws Exception {
        var data = TinyCorpus.make(tmp, 2000, 256);
        for (String obj : new String[] {"gan", "lsgan", "wgan-clip", "wgan-gp", "fogan"}) {
            for (int rep = 0; rep < 2; rep++) {
                try {
                    var cfg = TextTraining.configFor(TextTrainingTest.tiny(obj, 8), data);
                    TextTraining.train(cfg, data, new RunDirectory(tmp.resolve(obj + rep)), false, false, Evaluation.NONE, TrainingListener.NONE);
                    System.err.println("DBG " + obj + " ok");
                } catch (TrainingException e) {
                    System.err.println("DBG " + obj + " " + e.getMessage().substring(0, 40));
                }
            }
        }
    }
}
