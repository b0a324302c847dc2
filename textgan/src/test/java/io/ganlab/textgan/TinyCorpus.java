package io.ganlab.textgan;

import io.ganlab.corpus.Dataset;
import io.ganlab.corpus.PrepareOptions;
import io.ganlab.corpus.Preparer;
import io.ganlab.corpus.Symbols;
import io.ganlab.corpus.TextFormat;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A small dataset with strong regularities (a few words in fixed patterns), prepared by the real corpus code. */
final class TinyCorpus {
    private TinyCorpus() {}

    static final String[] WORDS = {"the", "cat", "sat", "on", "a", "mat", "dog", "ran", "to", "big", "red", "hat"};

    static Dataset make(Path dir, int lines, int valid) throws IOException {
        Random r = new Random(5);
        List<String> text = new ArrayList<>();
        for (int i = 0; i < lines + valid; i++) {
            StringBuilder sb = new StringBuilder();
            int words = 3 + r.nextInt(4);
            for (int w = 0; w < words; w++) {
                sb.append(w == 0 ? "" : " ").append(WORDS[r.nextInt(WORDS.length)]);
            }
            text.add(sb.append(" .").toString());
        }
        Path in = dir.resolve("tiny.txt");
        Files.write(in, text);
        Path out = dir.resolve("data");
        Preparer.prepare(new PrepareOptions(List.of(in), out, 32, 10_000_000L, 2048, 1, valid,
                PrepareOptions.ValidSource.SPLIT, Symbols.CODEPOINT, TextFormat.LINES, List.of(), 1 << 20,
                PrepareOptions.OnInvalid.ERROR, false), Preparer.Progress.NONE);
        return Dataset.open(out);
    }
}
