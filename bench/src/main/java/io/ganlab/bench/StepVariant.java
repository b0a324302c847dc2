package io.ganlab.bench;

import io.ganlab.core.InputGradient;
import io.ganlab.core.Precision;
import java.util.ArrayList;
import java.util.List;

/**
 * One way our training steps can run, as the benches time them: the arithmetic and how the penalty takes the
 * critic's input gradient (the trainer's default, {@code explicit}, or autograd's double backward).
 */
public record StepVariant(Precision precision, InputGradient.Method inputGradient) {
    /** The trainer's defaults: FP32, the critic's own input gradient. */
    public static final StepVariant DEFAULT = new StepVariant(Precision.FP32, InputGradient.Method.EXPLICIT);

    /** Every precision with every input gradient method, precisions outermost. */
    public static List<StepVariant> all(List<Precision> precisions, List<InputGradient.Method> methods) {
        List<StepVariant> out = new ArrayList<>();
        for (Precision p : precisions) {
            for (InputGradient.Method m : methods) {
                out.add(new StepVariant(p, m));
            }
        }
        return List.copyOf(out);
    }

    /**
     * How the reports name our side: {@code ours} for the defaults (the form scripts and tests parse), else with
     * what differs: {@code ours bf16}, {@code ours autograd}, {@code ours bf16 autograd}.
     */
    public String label() {
        StringBuilder s = new StringBuilder("ours");
        if (precision != Precision.FP32) {
            s.append(' ').append(precision.label());
        }
        if (inputGradient != InputGradient.Method.EXPLICIT) {
            s.append(' ').append(inputGradient.label());
        }
        return s.toString();
    }
}
