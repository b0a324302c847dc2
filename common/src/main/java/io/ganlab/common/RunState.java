package io.ganlab.common;

import java.util.Locale;

/** The state of a run in {@code status.json}, written by training and read by reports. */
public enum RunState {
    RUNNING, FINISHED, STOPPED, FAILED;

    /** The word in {@code status.json}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of a word in {@code status.json}, or {@code null} for an unknown word. */
    public static RunState ofWord(String word) {
        for (RunState s : values()) {
            if (s.word().equals(word)) {
                return s;
            }
        }
        return null;
    }
}
