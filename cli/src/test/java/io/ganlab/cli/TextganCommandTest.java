package io.ganlab.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code gan textgan train|sample}: a short run whose JSD goes down, sampling, and every refused input. */
class TextganCommandTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String[] WORDS = {"the", "cat", "sat", "on", "a", "mat", "dog", "ran", "to", "big", "red", "hat"};

    @TempDir
    static Path tmp;
    static Path data;
    static Path otherData;
    static Path run;

    /** Lines of a few words: a distribution a tiny generator can approach in a few dozen iterations. */
    static Path corpus(String name, int lines, String extra) throws IOException {
        Random r = new Random(name.hashCode());
        List<String> text = new ArrayList<>();
        for (int i = 0; i < lines; i++) {
            StringBuilder sb = new StringBuilder();
            int words = 2 + r.nextInt(4);
            for (int w = 0; w < words; w++) {
                sb.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            text.add(sb + extra);
        }
        Path in = tmp.resolve(name + ".txt");
        Files.write(in, text);
        Path out = tmp.resolve(name);
        GanRunner.Run p = GanRunner.run("corpus", "prepare", "--input", in.toString(), "--output", out.toString(),
                "--valid", "200", "--quiet");
        assertEquals(0, p.code(), p.err());
        return out;
    }

    static GanRunner.Run train(String... extra) {
        List<String> args = new ArrayList<>(List.of("textgan", "train", "--quiet", "--batch", "32",
                "--critic-iters", "5", "--eval-samples", "128", "--checkpoint-every", "50"));
        args.addAll(List.of(extra));
        if (!args.contains("--dim") && !args.contains("--resume")) {
            args.addAll(List.of("--dim", "16"));
        }
        return GanRunner.run(args.toArray(String[]::new));
    }

    static List<JsonNode> evals(Path run) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (String l : Files.readAllLines(run.resolve("metrics.jsonl"))) {
            JsonNode n = JSON.readTree(l);
            if (n.get("kind").asText().equals("eval")) {
                out.add(n);
            }
        }
        return out;
    }

    @BeforeAll
    static void trainOnce() throws IOException {
        data = corpus("words", 3000, " .");
        otherData = corpus("other", 1000, " !?");
        run = tmp.resolve("run");
        GanRunner.Run r = train("--dataset", data.toString(), "--out", run.toString(), "--iterations", "100",
                "--eval-every", "50", "--lr-critic", "1e-3", "--lr-generator", "1e-3");
        assertEquals(0, r.code(), r.err());
    }

    // A short run learns: the JSD of its samples against the data falls from the untrained generator's.
    @Test
    void jsdGoesDown() throws IOException {
        List<JsonNode> ev = evals(run);
        assertEquals(List.of(0L, 50L, 100L), ev.stream().map(n -> n.get("iteration").asLong()).toList());
        for (String n : List.of("1", "2")) {
            double first = ev.get(0).get("jsd").get(n).asDouble();
            double last = ev.get(2).get("jsd").get(n).asDouble();
            assertTrue(last < first - 0.03, "JSD n=" + n + " from " + first + " to " + last);
            assertTrue(ev.get(2).get("floor").get(n).asDouble() < last, "the floor lies below the model's JSD");
        }
        assertEquals(128, ev.get(2).get("samples").asInt());
        assertTrue(Files.readAllLines(run.resolve("samples/iter-00000100.txt")).size() == 128);
        JsonNode status = JSON.readTree(run.resolve("status.json").toFile());
        assertEquals("finished", status.get("state").asText());
        assertTrue(Files.exists(run.resolve("checkpoints/iter-00000100.ckpt")));
        JsonNode cfg = JSON.readTree(run.resolve("config.json").toFile());
        assertEquals(16, cfg.get("model").get("dim").asInt());
        assertEquals("cpu-small", cfg.get("preset").asText());
    }

    // Samples: N lines decoded from the newest checkpoint; interpolation gives K lines; no overwrite without --force.
    @Test
    void samples() throws IOException {
        GanRunner.Run r = GanRunner.run("textgan", "sample", "--run", run.toString(), "--count", "7");
        assertEquals(0, r.code(), r.err());
        assertEquals(7, r.out().lines().count());
        assertTrue(r.out().lines().noneMatch(l -> l.endsWith("`")), "trailing padding is stripped");
        r = GanRunner.run("textgan", "sample", "--run", run.toString(), "--interpolate", "5");
        assertEquals(5, r.out().lines().count());
        Path out = tmp.resolve("s.txt");
        Files.writeString(out, "mine\n");
        r = GanRunner.run("textgan", "sample", "--run", run.toString(), "--out", out.toString());
        assertEquals(2, r.code());
        assertEquals("mine\n", Files.readString(out));
        r = GanRunner.run("textgan", "sample", "--run", run.toString(), "--out", out.toString(), "--force", "--count", "3");
        assertEquals(0, r.code(), r.err());
        assertEquals(3, Files.readAllLines(out).size());
    }

    // --generator-batch-norm names the kind the saved config holds; --no-generator-batch-norm is none; without
    // either, FOGAN gets its authors' batch norm; a kind that does not exist, or both flags, is a usage error
    @Test
    void generatorBatchNormKinds() throws IOException {
        String d = data.toString();
        String[][] cases = {{"fogan", null, "authors"}, {"fogan", "--generator-batch-norm=channel", "channel"},
                {"wgan-gp", "--generator-batch-norm=Authors", "authors"}, {"fogan", "--no-generator-batch-norm", "none"},
                {"wgan-gp", null, "none"}};
        for (int i = 0; i < cases.length; i++) {
            Path out = tmp.resolve("bn-" + i);
            List<String> args = new ArrayList<>(List.of("--dataset", d, "--out", out.toString(), "--iterations", "1",
                    "--objective", cases[i][0]));
            if (cases[i][1] != null) {
                args.add(cases[i][1]);
            }
            GanRunner.Run r = train(args.toArray(String[]::new));
            assertEquals(0, r.code(), r.err());
            assertEquals(cases[i][2], JSON.readTree(out.resolve("config.json").toFile()).get("model")
                    .get("generatorBatchNorm").asText(), String.join(" ", args));
        }
        assertError(2, "--generator-batch-norm must be one of authors, channel, none, got 'layer'", train("--dataset",
                d, "--out", tmp.resolve("bn-x").toString(), "--generator-batch-norm", "layer"));
        assertError(2, "not both", train("--dataset", d, "--out", tmp.resolve("bn-y").toString(),
                "--generator-batch-norm", "channel", "--no-generator-batch-norm"));
        assertTrue(!Files.exists(tmp.resolve("bn-x")) && !Files.exists(tmp.resolve("bn-y")));
        // a resumed run keeps its kind
        assertError(1, "keeps its config: model.generatorBatchNorm", train("--out", tmp.resolve("bn-0").toString(),
                "--resume", "--iterations", "2", "--generator-batch-norm", "channel"));
    }

    // Each bad input: one error line naming the problem, a non-zero exit, nothing overwritten.
    @Test
    void refusedInputs() throws IOException {
        String d = data.toString();
        assertError(2, "unknown preset 'paper-gpt'", train("--dataset", d, "--out", tmp.resolve("x1").toString(), "--preset", "paper-gpt"));
        assertError(2, "unknown objective 'wgan-xx'", train("--dataset", d, "--out", tmp.resolve("x2").toString(), "--objective", "wgan-xx"));
        assertError(1, "no such dataset directory", train("--dataset", tmp.resolve("nope").toString(), "--out", tmp.resolve("x3").toString()));
        assertError(1, "already holds a run", train("--dataset", d, "--out", run.toString(), "--iterations", "1"));
        assertError(1, "no run to resume", train("--out", tmp.resolve("x4").toString(), "--resume"));
        assertError(1, "keeps its config: model.dim", train("--out", run.toString(), "--resume", "--dim", "32"));
        assertError(1, "vocabulary", train("--dataset", otherData.toString(), "--out", run.toString(), "--resume"));
        assertError(2, "--resume continues a run and --force replaces it", train("--out", run.toString(), "--resume", "--force"));
        // outputs that must not be overwritten: a directory given as the samples file, a dataset's own manifest
        Path dirOut = Files.createDirectories(tmp.resolve("samples-dir"));
        GanRunner.Run sr = GanRunner.run("textgan", "sample", "--run", run.toString(), "--out", dirOut.toString(),
                "--force");
        assertEquals(2, sr.code(), sr.err());
        assertTrue(sr.err().contains("is a directory"), sr.err());
        try (var left = Files.list(tmp)) {
            assertTrue(left.noneMatch(p -> p.getFileName().toString().contains(".partial")), "no partial file left");
        }
        byte[] manifest = Files.readAllBytes(data.resolve("manifest.json"));
        Path samplesFile = tmp.resolve("few.txt");
        Files.writeString(samplesFile, "the cat sat .\n");
        assertError(1, "is inside the dataset directory", GanRunner.run("eval", "jsd", "--dataset", d, "--samples",
                samplesFile.toString(), "--json", data.resolve("manifest.json").toString(), "--force"));
        assertTrue(java.util.Arrays.equals(manifest, Files.readAllBytes(data.resolve("manifest.json"))));
        // another dataset of the same vocabulary size cannot decode this run's samples
        Path twin = corpus("twin", 2000, " .");
        assertEquals(Files.readString(data.resolve("vocab.json")).length() > 0, true);
        assertError(1, "is a different dataset", GanRunner.run("textgan", "sample", "--run", run.toString(),
                "--dataset", twin.toString(), "--count", "2"));
        // config files: an empty file, a fraction where a whole number belongs, zero blocks, an n the scorer lacks
        for (String[] bad : new String[][] {{"", "the config file is empty"},
                {"model:\n  latent: 64.7\n", "model.latent cannot be 64.7"},
                {"model:\n  blocks: 0\n", "blocks must be at least 1"},
                {"eval:\n  n: [1, 9]\n", "eval n must lie in 1..8"},
                {"eval:\n  n: 4\n", "eval.n must be a list"}}) {
            Path cfgFile = tmp.resolve("bad.yaml");
            Files.writeString(cfgFile, bad[0]);
            GanRunner.Run r = train("--dataset", d, "--out", tmp.resolve("never").toString(), "--config",
                    cfgFile.toString(), "--iterations", "1");
            assertTrue(r.code() != 0 && r.err().contains(bad[1]), bad[1] + " expected in: " + r.err());
            assertTrue(!Files.exists(tmp.resolve("never")), "a refused run creates nothing");
        }

        // a resumed run's targets only grow, and a preset or config file cannot be slipped into it
        assertError(1, "schedule.iterations may only grow: it is 100", train("--out", run.toString(), "--resume",
                "--iterations", "50"));
        assertError(2, "a resumed run keeps the one in", train("--out", run.toString(), "--resume", "--preset",
                "paper-fogan"));
        assertError(2, "a resumed run keeps the one in", train("--out", run.toString(), "--resume", "--config",
                data.resolve("manifest.json").toString()));

        // on the CPU a width off oneDNN's vector block would train on NaN gradients: refused, nothing created
        Path odd = tmp.resolve("odd-width");
        assertError(1, "model.dim is 24: on the CPU it must be a multiple of 16", train("--dataset", d, "--out",
                odd.toString(), "--iterations", "1", "--dim", "24"));
        assertTrue(!Files.exists(odd), "a refused run must not create its directory");

        // a checkpoint of a narrower network dropped into a wider run is refused, naming the mismatch
        Path wide = tmp.resolve("wide");
        assertEquals(0, train("--dataset", d, "--out", wide.toString(), "--iterations", "1", "--dim", "32").code());
        Path ckpt = wide.resolve("checkpoints/iter-00000001.ckpt");
        Files.copy(run.resolve("checkpoints/iter-00000100.ckpt"), ckpt, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertError(1, "different network", train("--out", wide.toString(), "--resume", "--iterations", "2"));

        // a damaged checkpoint is refused
        byte[] b = Files.readAllBytes(ckpt);
        b[b.length / 2] ^= 0x55;
        Files.write(ckpt, b);
        assertError(1, "damaged checkpoint", train("--out", wide.toString(), "--resume", "--iterations", "2"));
        // the run that was there is untouched
        assertTrue(Files.exists(run.resolve("checkpoints/iter-00000100.ckpt")));
    }

    static void assertError(int code, String message, GanRunner.Run r) {
        assertEquals(code, r.code(), r.err());
        assertTrue(r.err().contains(message), "expected '" + message + "' in: " + r.err());
        assertTrue(r.err().lines().filter(l -> l.contains("error:")).count() == 1, r.err());
    }
}
