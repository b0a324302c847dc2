package io.ganlab.imagegan.data;

import java.util.Locale;

/** The two splits of an image dataset and their file names. */
public enum DataSplit {
    TRAIN, VALID;

    /** {@code train} or {@code valid}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The images file: {@code train.u8}, {@code valid.u8}. */
    public String imagesFile() {
        return id() + ".u8";
    }

    /** The labels file: {@code train-labels.u8}, or {@code train-labels.i16} for more than 256 classes. */
    public String labelsFile(LabelType type) {
        return id() + "-labels." + (type == LabelType.INT16 ? "i16" : "u8");
    }

    /** How labels are stored. */
    public enum LabelType {
        /** No labels file (a folder without class folders). */
        NONE,
        /** One byte per image, up to 256 classes. */
        UINT8,
        /** Two bytes per image, little-endian, up to 32,768 classes. */
        INT16;

        static LabelType forClasses(int classes) {
            return classes == 0 ? NONE : classes <= 256 ? UINT8 : INT16;
        }

        String dtype() {
            return this == INT16 ? "int16" : "uint8";
        }
    }
}
