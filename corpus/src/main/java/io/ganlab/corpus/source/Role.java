package io.ganlab.corpus.source;

import java.util.Locale;

/** What the lines of an input are for: training, or the benchmark's held-out validation lines. */
public enum Role {
    TRAIN, HELDOUT;

    /** Lower-case name, as in the manifest. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
