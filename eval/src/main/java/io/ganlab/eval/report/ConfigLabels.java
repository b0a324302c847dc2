package io.ganlab.eval.report;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Names a config the way a person would in a legend: {@code fogan, batch norm} or {@code wgan-gp, dim 128}, not
 * {@code model.generatorBatchNorm=true, objective.name=fogan}. One table maps a config key (the last segment of its
 * dotted path) to a short form of its value; a key not in it reads {@code key=value}.
 */
final class ConfigLabels {
    /**
     * One row.
     *
     * @param key   last segment of the dotted config key
     * @param label the value in short form; for a switch ({@code flag} true) the words said when it is on, and
     *              "no ..." when off ({@link #off})
     */
    private record Row(String key, UnaryOperator<String> label, boolean flag) {
        static Row value(String key) {
            return new Row(key, v -> v, false);
        }

        static Row prefixed(String key, String prefix) {
            return new Row(key, v -> prefix + " " + shortNumber(v), false);
        }

        static Row suffixed(String key, String suffix) {
            return new Row(key, v -> shortNumber(v) + " " + suffix, false);
        }

        static Row flag(String key, String words) {
            return new Row(key, v -> words, true);
        }

        /** Whether a switch's value is its off position ({@code false}, or {@code none} of a choice of kinds). */
        static boolean off(String v) {
            return v.equals("false") || v.equals("none");
        }
    }

    /** In legend order: the objective first, then the model, then the schedule. */
    private static final List<Row> TABLE = List.of(
            Row.value("name"),              // objective.name
            Row.value("objective"),         // a flat config's objective
            Row.value("preset"),
            Row.value("data"),              // toy set
            new Row("path", v -> "data " + java.nio.file.Path.of(v).getFileName(), false),
            new Row("checksum", v -> "data " + v.substring(0, Math.min(8, v.length())), false),
            // true and false in configs saved before the choice of kind; the kinds as GeneratorNorm names them
            new Row("generatorBatchNorm", v -> switch (v) {
                case "authors" -> "authors' batch norm";
                case "channel" -> "channel batch norm";
                default -> "batch norm";
            }, true),
            Row.prefixed("dim", "dim"),
            Row.suffixed("blocks", "blocks"),
            Row.suffixed("layers", "layers"),
            Row.prefixed("latent", "latent"),
            Row.prefixed("gpLambda", "λ"),
            Row.flag("oneSided", "one-sided penalty"),
            Row.value("optimizer"),
            Row.prefixed("lrCritic", "critic lr"),
            Row.prefixed("lr_critic", "critic lr"),
            Row.prefixed("lrGenerator", "generator lr"),
            Row.prefixed("lr_generator", "generator lr"),
            Row.suffixed("criticIters", "critic steps"),
            Row.suffixed("critic_iters", "critic steps"),
            Row.prefixed("batch", "batch"),
            Row.flag("linearDecay", "linear decay"),
            Row.suffixed("iterations", "iterations"),
            Row.suffixed("minutes", "min"),
            Row.prefixed("seqLen", "length"),
            Row.suffixed("samples", "eval samples"));

    private ConfigLabels() {}

    /** A label of more parts than this says little at a glance: the configs are named after their runs instead. */
    static final int MAX_PARTS = 3;

    /**
     * The labels of a report's configs: the run's directory name (or what its seeds' names share) for a report of
     * one config; otherwise the values that differ ({@link #of}), unless a label would need more than
     * {@link #MAX_PARTS} of them (runs of different modalities, say), where names tell the configs apart better.
     *
     * @param runNames the names of each config's runs
     */
    static List<String> forGroups(List<Map<String, String>> configs, List<List<String>> runNames, List<String> keys) {
        if (configs.size() == 1) {
            return List.of(single(runNames.get(0), configs.get(0)));
        }
        List<String> byValue = of(configs, keys);
        if (byValue.stream().allMatch(l -> l.split(", ").length <= MAX_PARTS)) {
            return byValue;
        }
        List<String> byName = new ArrayList<>();
        for (int i = 0; i < configs.size(); i++) {
            byName.add(single(runNames.get(i), configs.get(i)));
        }
        return new HashSet<>(byName).size() == byName.size() ? byName : byValue;
    }

    /**
     * Labels of configs that differ in {@code keys} (dotted, in config order): each config's values of those keys
     * in short form, table rows first. A switch that is off is said only when nothing else tells the config apart.
     * When two labels would come out the same, every config is labelled {@code key=value} instead.
     */
    static List<String> of(List<Map<String, String>> configs, List<String> keys) {
        List<String> labels = new ArrayList<>();
        for (Map<String, String> c : configs) {
            labels.add(label(c, keys));
        }
        Set<String> distinct = new HashSet<>(labels);
        if (distinct.size() < labels.size() || distinct.contains("")) {
            labels.clear();
            for (Map<String, String> c : configs) {
                List<String> parts = new ArrayList<>();
                keys.forEach(k -> parts.add(lastSegment(k) + "=" + shortNumber(c.getOrDefault(k, "–"))));
                labels.add(String.join(", ", parts));
            }
        }
        return labels;
    }

    /**
     * The label of the only config of a report: its run's directory name, or the part the names of its seeds'
     * directories share ({@code wgan-s1}, {@code wgan-s2}: {@code wgan}); failing that, its objective.
     */
    static String single(List<String> runNames, Map<String, String> config) {
        if (runNames.size() == 1) {
            return runNames.get(0);
        }
        String prefix = runNames.get(0);
        for (String n : runNames) {
            int i = 0;
            while (i < Math.min(prefix.length(), n.length()) && prefix.charAt(i) == n.charAt(i)) {
                i++;
            }
            prefix = prefix.substring(0, i);
        }
        // "wgan-s" of wgan-s1 and wgan-s2, "run-seed" of run-seed1 ...: the seed's part goes
        prefix = prefix.replaceAll("(?:(?:^|[-_. ]+)(?:seed|s))?[-_. ]*\\d*$", "");
        if (!prefix.isBlank()) {
            return prefix;
        }
        for (Map.Entry<String, String> e : config.entrySet()) {
            String last = lastSegment(e.getKey());
            if (last.equals("name") || last.equals("objective")) {
                return e.getValue();
            }
        }
        return "config";
    }

    private static String label(Map<String, String> c, List<String> keys) {
        List<String> ordered = new ArrayList<>(keys);
        ordered.sort(java.util.Comparator.comparingInt(ConfigLabels::rank));
        List<String> parts = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (String k : ordered) {
            String v = c.get(k);
            if (v == null) {
                continue;         // the key is new in another config: that config's label says it
            }
            Row row = row(k);
            if (row == null) {
                parts.add(lastSegment(k) + "=" + shortNumber(v));
            } else if (!row.flag()) {
                parts.add(row.label().apply(v));
            } else if (!Row.off(v)) {
                parts.add(row.label().apply(v));
            } else {
                off.add("no " + row.label().apply(v));
            }
        }
        return String.join(", ", parts.isEmpty() ? off : parts);
    }

    private static int rank(String key) {
        Row r = row(key);
        return r == null ? TABLE.size() : TABLE.indexOf(r);
    }

    private static Row row(String key) {
        String last = lastSegment(key);
        return TABLE.stream().filter(r -> r.key().equals(last)).findFirst().orElse(null);
    }

    static String lastSegment(String key) {
        return key.substring(key.lastIndexOf('.') + 1);
    }

    /** "3.0E-4" as "3e-4" and "10.0" as "10": numbers read better in a legend that way. */
    static String shortNumber(String v) {
        if (!v.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return v;
        }
        return v.replaceAll("\\.0([eE])", "$1").replaceAll("\\.0$", "").replace("E", "e");
    }
}
