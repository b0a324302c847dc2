package io.ganlab.cli;

import io.ganlab.common.ConfigTree;
import io.ganlab.common.Json;
import picocli.CommandLine;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ganlab.core.InputGradient;
import io.ganlab.core.ObjectiveConfig;
import io.ganlab.core.Objectives;
import io.ganlab.core.Precision;
import io.ganlab.core.RunDirectory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options every {@code train} command shares (run directory, objective, schedule, evaluation), as a picocli
 * mixin, and the config tree they overlay. Defaults come from each command's config, not from here.
 */
final class TrainOptions {
    @Option(names = "--out", paramLabel = "RUN", required = true, description = "Run directory.")
    Path out;

    @Option(names = "--objective", paramLabel = "NAME", description = "wgan-gp, fogan, wgan-clip, gan or lsgan.")
    String objective;

    @Option(names = "--iterations", paramLabel = "N", description = "Generator iterations to reach (0: no limit).")
    Long iterations;

    @Option(names = "--minutes", paramLabel = "M", description = "Training time to reach, summed over resumes (0: no limit).")
    Double minutes;

    @Option(names = "--critic-iters", paramLabel = "K", description = "Critic steps per generator step.")
    Integer criticIters;

    @Option(names = "--batch", paramLabel = "B", description = "Batch size.")
    Integer batch;

    @Option(names = "--lr-critic", paramLabel = "LR", description = "Critic learning rate.")
    Float lrCritic;

    @Option(names = "--lr-generator", paramLabel = "LR", description = "Generator learning rate.")
    Float lrGenerator;

    @Option(names = "--lambda", paramLabel = "L", description = "WGAN-GP penalty weight.")
    Double lambda;

    @Option(names = "--linear-decay", negatable = true, description = "Decay learning rates linearly to 0 over --iterations.")
    Boolean linearDecay;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random draw.")
    Long seed;

    @Option(names = "--eval-every", paramLabel = "K", description = "Evaluate (and log the held-out critic loss) every K iterations.")
    Integer evalEvery;

    @Option(names = "--eval-samples", paramLabel = "N", description = "Generated samples per evaluation.")
    Integer evalSamples;

    @Option(names = "--checkpoint-every", paramLabel = "N", description = "Checkpoint every N iterations.")
    Integer checkpointEvery;

    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint.")
    boolean resume;

    @Option(names = "--force", description = "Replace a run already in --out.")
    boolean force;

    @Option(names = {"-q", "--quiet"}, description = "No progress output.")
    boolean quiet;

    @Option(names = "--precision", paramLabel = "fp32|bf16",
            description = "The training steps' arithmetic: fp32, or bf16 compute on FP32 master weights (README,"
                    + " Performance). Evaluation stays FP32.")
    String precision;

    @Option(names = "--input-gradient", paramLabel = "explicit|autograd",
            description = "How the gradient penalty takes the critic's input gradient: explicit (default; the critic's"
                    + " own forward graph where it has one, the language critic's; autograd's otherwise) or autograd"
                    + " (libtorch's double backward). The same up to rounding (README, Performance).")
    String inputGradient;

    @Option(names = "--device", paramLabel = "cpu|gpu|gpu:N",
            description = "Where to train (default: a GPU if the loaded libtorch has one, else the CPU); gpu fails when no CUDA libtorch is loaded.")
    String device;

    /** The device asked for, resolved by {@link #validate()}; {@code null} for the engine's default. */
    private ai.djl.Device resolvedDevice;

    /** The device asked for, or {@code null} for the engine's default (after {@link #validate()}). */
    ai.djl.Device device() {
        return resolvedDevice;
    }

    /** Says on stderr which device and libtorch the run uses (unless --quiet), so a GPU user sees a CPU fallback. */
    void announceDevice() {
        if (!quiet) {
            System.err.println(Devices.describe());
        }
    }

    /** Option combinations and names that are wrong whatever the modality. */
    void validate() {
        if (resume && force) {
            throw new UsageException("--resume continues a run and --force replaces it: give one of them");
        }
        // the schedule's own check names neither the flag nor the rule ("set a number of iterations or of minutes")
        if (iterations != null && iterations < 0) {
            throw new UsageException("--iterations must be >= 0 (0: no limit), got " + iterations);
        }
        if (minutes != null && !(minutes >= 0)) {
            throw new UsageException("--minutes must be >= 0 (0: no limit), got " + minutes);
        }
        // an impossible device is refused before any work
        resolvedDevice = device == null ? null : DeviceOption.resolve(device);
        if (precision != null) {
            UsageException.parsing("--precision", () -> Precision.named(precision));
        }
        if (inputGradient != null) {
            UsageException.parsing("--input-gradient", () -> InputGradient.Method.named(inputGradient));
        }
        if (objective != null && !Objectives.NAMES.contains(objective)) {
            throw new UsageException("unknown objective '" + objective + "'; choose one of "
                    + String.join(", ", Objectives.NAMES));
        }
    }

    /**
     * The options given, as a config tree with sections {@code model}, {@code objective}, {@code schedule} and
     * {@code eval}; the command adds its own keys to those sections before calling {@link #withoutEmpty}.
     */
    ObjectNode flags() {
        ObjectNode t = Json.PRETTY.createObjectNode();
        t.putObject("model");
        ObjectNode obj = t.putObject("objective");
        ObjectNode sch = t.putObject("schedule");
        ObjectNode ev = t.putObject("eval");
        if (objective != null) obj.put("name", objective);
        if (lambda != null) obj.put("gpLambda", lambda);
        if (iterations != null) sch.put("iterations", iterations);
        if (minutes != null) sch.put("minutes", minutes);
        if (criticIters != null) sch.put("criticIters", criticIters);
        if (batch != null) sch.put("batch", batch);
        if (lrCritic != null) sch.put("lrCritic", lrCritic);
        if (lrGenerator != null) sch.put("lrGenerator", lrGenerator);
        if (linearDecay != null) sch.put("linearDecay", linearDecay);
        if (seed != null) sch.put("seed", seed);
        if (precision != null) sch.put("precision", precision);
        if (inputGradient != null) sch.put("inputGradient", inputGradient);
        if (evalEvery != null) sch.put("evalEvery", evalEvery);
        if (checkpointEvery != null) sch.put("checkpointEvery", checkpointEvery);
        if (evalSamples != null) ev.put("samples", evalSamples);
        return t;
    }

    /** On {@code --resume}: a preset or config file would choose a new run's config, which a resumed run keeps. */
    void refuseNewConfig(CommandLine.Model.CommandSpec spec, Path config, RunDirectory run) {
        if (config != null || spec.commandLine().getParseResult().hasMatchedOption("--preset")) {
            throw new UsageException("--preset and --config choose a new run's config; a resumed run keeps the one in "
                    + run.config());
        }
    }

    /** A new run's config tree: the preset's tree ← the config file (if any) ← the flags. */
    static ObjectNode newRunTree(ObjectNode preset, Path config, ObjectNode flags) {
        if (config != null) {
            ConfigTree.merge(preset, ConfigTree.file(config));
        }
        ConfigTree.merge(preset, flags);
        return preset;
    }

    /** Drops empty sections, so that a resumed run compares only what was given. */
    static ObjectNode withoutEmpty(ObjectNode t) {
        List<String> empty = new ArrayList<>();
        t.fieldNames().forEachRemaining(k -> {
            if (t.get(k).isObject() && t.get(k).isEmpty()) {
                empty.add(k);
            }
        });
        t.remove(empty);
        return t;
    }
}
