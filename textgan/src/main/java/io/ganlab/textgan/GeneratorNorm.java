package io.ganlab.textgan;

import ai.djl.nn.Block;
import ai.djl.nn.norm.BatchNorm;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The batch norm of the generator: where the FOGAN runs put one (on z, after the input linear, after each convolution
 * of the residual blocks) and how it normalises. Configs name it in lower case ({@code authors}, {@code channel},
 * {@code none}); configs saved before there was a choice hold {@code true} (today's {@link #CHANNEL}) or
 * {@code false} ({@link #NONE}), and still read.
 */
public enum GeneratorNorm {
    /**
     * As the FOGAN authors' code ({@code WGAN_GP/gan_language_JSD.py} of zalandoresearch/first_order_gan): TensorFlow's
     * batch norm on the default (last) axis, so per sequence position over batch and channels inside the residual
     * blocks, without scale or shift; the two before the residual blocks use batch statistics even when sampling.
     * See {@link LastAxisBatchNorm}.
     */
    AUTHORS,
    /** DJL's batch norm per channel with a trained scale and shift, moving averages at sampling. */
    CHANNEL,
    /** No batch norm (the WGAN-GP paper's generator). */
    NONE;

    /** The lower-case name configs use. */
    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * One batch-norm layer of this kind, or {@code null} for {@link #NONE}.
     *
     * @param movingAverages whether the authors' layer samples with moving averages (those in the residual blocks)
     *                       or with the batch's statistics (the two before them); the channel layer always has them
     */
    Block create(boolean movingAverages) {
        return switch (this) {
            case AUTHORS -> new LastAxisBatchNorm(movingAverages);
            case CHANNEL -> BatchNorm.builder().optAxis(1).build();
            case NONE -> null;
        };
    }

    /** The batch norm a paper's language-model runs had: theirs when they had one. */
    public static GeneratorNorm ofPaper(boolean batchNorm) {
        return batchNorm ? AUTHORS : NONE;
    }

    /** A config value: a name in any case, or a boolean of a config saved before the choice existed. */
    @JsonCreator
    public static GeneratorNorm parse(JsonNode v) {
        if (v.isBoolean()) {
            return v.booleanValue() ? CHANNEL : NONE;    // what true and false meant when they were written
        }
        for (GeneratorNorm n : values()) {
            if (v.isTextual() && n.label().equals(v.asText().toLowerCase(Locale.ROOT))) {
                return n;
            }
        }
        throw new IllegalArgumentException("model.generatorBatchNorm must be one of " + choices() + ", got " + v);
    }

    /** {@code authors, channel, none}. */
    public static String choices() {
        return Arrays.stream(values()).map(GeneratorNorm::label).collect(Collectors.joining(", "));
    }
}
