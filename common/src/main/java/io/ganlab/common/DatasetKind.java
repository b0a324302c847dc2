package io.ganlab.common;

import static io.ganlab.common.UserException.firstLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A kind of dataset directory this tool writes ({@link StagedDirectory}) and reads: a directory with a JSON
 * manifest, written last, that names its format. The messages about a dataset that is missing, damaged or of
 * another format are the same for every kind, naming the kind and the command that makes one.
 *
 * @param noun       how messages name it: "dataset", "image dataset"
 * @param manifest   the manifest's file name
 * @param format     the manifest format this version writes and reads
 * @param prepare    the command that makes one: "gan corpus prepare"
 * @param recognises whether an existing directory is one of this kind, and may therefore be replaced
 * @param failure    the module's own error type
 */
public record DatasetKind(String noun, String manifest, String format, String prepare, Predicate<Path> recognises,
                          UserException.Factory failure) {
    /** The noun with its article: "a dataset", "an image dataset". */
    public String withArticle() {
        return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
    }

    /**
     * The manifest of the dataset in {@code dir}, checked to be of {@link #format}.
     *
     * @param formatOf the format a manifest names
     */
    public <M> M readManifest(Path dir, Class<M> type, Function<M, String> formatOf) {
        if (!Files.exists(dir)) {
            throw failure.of(dir + ": no such " + noun + " directory", null);
        }
        if (!Files.isDirectory(dir)) {
            throw failure.of(dir + ": not a directory (" + withArticle() + " is a directory made by '" + prepare
                    + "')", null);
        }
        Path mf = dir.resolve(manifest);
        if (!Files.isRegularFile(mf)) {
            throw failure.of(dir + ": not " + withArticle() + " (no " + manifest + "); make one with '" + prepare
                    + "'", null);
        }
        M m;
        try {
            m = Json.PRETTY.readValue(mf.toFile(), type);
        } catch (IOException e) {
            throw failure.of(mf + ": unreadable manifest (" + firstLine(e.getMessage()) + ")", e);
        }
        String given = formatOf.apply(m);
        if (!format.equals(given)) {
            throw failure.of(mf + ": " + noun + " format '" + given + "', this tool reads '" + format
                    + "'; prepare the dataset again", null);
        }
        return m;
    }
}
