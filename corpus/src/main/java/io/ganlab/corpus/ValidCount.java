package io.ganlab.corpus;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * The {@code valid} option: a number of validation lines, or {@code auto} (null {@code lines}), which scales the
 * split to the corpus (see {@link ValidationPlan}).
 */
public record ValidCount(Long lines) {
    public static final ValidCount AUTO = new ValidCount(null);

    public static ValidCount of(long lines) {
        return new ValidCount(lines);
    }

    /** From a config value: a whole number, or "auto". */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ValidCount parse(JsonNode value) {
        if (value.isIntegralNumber()) {
            return of(value.asLong());
        }
        String s = value.asText().trim().toLowerCase(Locale.ROOT);
        if (s.equals("auto")) {
            return AUTO;
        }
        if (s.matches("-?\\d+")) {
            return of(Long.parseLong(s));
        }
        throw new IllegalArgumentException("valid must be a number of lines or auto, got '" + value.asText() + "'");
    }

    public boolean auto() {
        return lines == null;
    }

    @JsonValue
    public Object json() {
        return lines == null ? "auto" : lines;
    }

    @Override
    public String toString() {
        return String.valueOf(json());
    }
}
