package io.ganlab.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class ConfigTreeTest {
    // paths of a config file are relative to its directory, lists and single paths alike; absolute paths and
    // keys not named stay as written
    @Test
    void pathsAreRelativeToTheFile() throws Exception {
        Path file = Path.of("/data/sets/prepare.yaml");
        ObjectNode tree = (ObjectNode) Json.YAML.readTree(
                "input: [a.gz, ../b, /abs/c]\noutput: out/ds\nlabel: keep/me\n");
        ConfigTree.resolvePaths(tree, file, "input", "output", "absent");
        assertEquals(Json.YAML.readTree("input: [/data/sets/a.gz, /data/b, /abs/c]\noutput: /data/sets/out/ds\n"
                + "label: keep/me\n"), tree);
    }
}
