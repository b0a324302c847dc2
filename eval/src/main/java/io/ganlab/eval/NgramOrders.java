package io.ganlab.eval;

import java.util.Locale;
import java.util.TreeSet;

/** The list of n to evaluate, parsed from {@code "1..6"}, {@code "2,4"} or a mix such as {@code "1,3..5"}. */
public final class NgramOrders {
    /** Largest n this tool counts (the papers use up to 6). */
    public static final int MAX_N = 8;

    private NgramOrders() {}

    /** Parses a list of n; each must be in {@code 1..MAX_N}. Throws {@link EvalException} with the reason. */
    public static int[] parse(String spec) {
        TreeSet<Integer> out = new TreeSet<>();
        String s = spec.trim().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            throw new EvalException("--n is empty; give a list such as 1..6 or 2,4");
        }
        for (String part : s.split(",")) {
            String t = part.trim();
            int dots = t.indexOf("..");
            try {
                if (dots >= 0) {
                    int a = Integer.parseInt(t.substring(0, dots).trim());
                    int b = Integer.parseInt(t.substring(dots + 2).trim());
                    if (a > b) {
                        throw new EvalException("--n range '" + t + "' is empty (" + a + " > " + b + ")");
                    }
                    for (int n = a; n <= b; n++) {
                        out.add(check(n));
                    }
                } else {
                    out.add(check(Integer.parseInt(t)));
                }
            } catch (NumberFormatException e) {
                throw new EvalException("--n '" + spec + "' is not a list such as 1..6 or 2,4");
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int check(int n) {
        if (n < 1 || n > MAX_N) {
            throw new EvalException("n = " + n + " is out of range; n must be between 1 and " + MAX_N);
        }
        return n;
    }
}
