package io.ganlab.eval.report;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Number and text formatting shared by the HTML and Markdown renderings. */
final class Formats {
    private Formats() {}

    /** A score: three decimals (JSD in bits, shares, modes covered as a mean across seeds). */
    static String value(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    static String value(Double v) {
        return v == null ? "–" : value(v.doubleValue());
    }

    static String count(long v) {
        return String.format(Locale.ROOT, "%,d", v);
    }

    /** "0.352 ± 0.010" for several seeds, "0.352" for one. */
    static String spread(Report.Spread s) {
        return s.std() == null ? value(s.mean()) : value(s.mean()) + " ± " + value(s.std());
    }

    static String sizes(List<Integer> sizes) {
        return sizes.isEmpty() ? "?" : sizes.stream().map(Formats::count).collect(Collectors.joining(", "));
    }

    /** Training wall time for people: "45 s", "12.5 min", "3.2 h". */
    static String duration(Double seconds) {
        if (seconds == null) {
            return "–";
        }
        if (seconds < 120) {
            return String.format(Locale.ROOT, "%.0f s", seconds);
        }
        if (seconds < 3 * 3600) {
            return String.format(Locale.ROOT, "%.1f min", seconds / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", seconds / 3600);
    }

    static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Text safe inside a Markdown table cell. */
    static String md(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
