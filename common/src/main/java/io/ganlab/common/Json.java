package io.ganlab.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;

/** The tool's JSON and YAML mappers: one configuration, shared by every module. */
public final class Json {
    /** Files people open (manifests, configs, reports): indented; unknown fields in what it reads are ignored. */
    public static final ObjectMapper PRETTY = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** One-line records ({@code metrics.jsonl}) and reading. */
    public static final ObjectMapper LINE = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    /** Config binding: an unknown key or a missing primitive is an error. */
    public static final ObjectMapper STRICT = com.fasterxml.jackson.databind.json.JsonMapper.builder()
            .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS).build()
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    /** Records written for other programs with snake_case keys (report.json), indented. */
    public static final ObjectMapper SNAKE_CASE = new ObjectMapper()
            .setPropertyNamingStrategy(com.fasterxml.jackson.databind.PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);
    /** Config files and the built-in defaults, which are YAML (JSON is YAML too). */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Json() {}

    /** A JSON or YAML file as a tree, chosen by its extension ({@code .json} is JSON, anything else YAML). */
    public static JsonNode readTree(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return (name.endsWith(".json") ? LINE : YAML).readTree(file.toFile());
    }
}
