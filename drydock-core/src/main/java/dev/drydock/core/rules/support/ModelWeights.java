package dev.drydock.core.rules.support;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The size of a model's weights as its Hugging Face id tells it: the parameter count the name gives
 * (Llama-3.1-8B-Instruct, Qwen2.5-0.5B, Qwen3-30B-A3B counts all 30B) times the bytes each takes: 2 at 16 bits
 * (bf16 or fp16, what vLLM and text-generation-inference load by default), 1 in an 8-bit checkpoint (FP8, INT8), half
 * a byte in a 4-bit one (AWQ, GPTQ, bitsandbytes 4-bit). Nothing for a name without a count, or one of experts whose
 * total it does not give (Mixtral-8x7B).
 *
 * @param model the model's id
 * @param billions the parameters, in billions
 * @param bytesPerParameter the bytes each weight takes
 * @param precision how the weights are stored, for messages ("16 bits")
 */
public record ModelWeights(String model, double billions, double bytesPerParameter, String precision) {

    private static final Pattern PARAMETERS = Pattern.compile(
            "(?<![a-z0-9.])(\\d+(?:\\.\\d+)?)b(?![a-z0-9])");
    private static final Pattern FOUR_BITS = Pattern.compile("awq|gptq|int4|4bit|4-bit|nf4|w4a16");
    private static final Pattern EIGHT_BITS = Pattern.compile("fp8|int8|8bit|8-bit|w8a8|w8a16");

    /** The size of a model's weights, if its name gives its parameter count. */
    public static Optional<ModelWeights> of(String model) {
        String name = model.substring(model.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        if (name.matches(".*\\d+x\\d+(\\.\\d+)?b.*")) {
            return Optional.empty();
        }
        Matcher m = PARAMETERS.matcher(name);
        if (!m.find()) {
            return Optional.empty();
        }
        double billions = Double.parseDouble(m.group(1));
        if (billions <= 0) {
            return Optional.empty();
        }
        if (FOUR_BITS.matcher(name).find()) {
            return Optional.of(new ModelWeights(model, billions, 0.5, "4 bits"));
        }
        if (EIGHT_BITS.matcher(name).find()) {
            return Optional.of(new ModelWeights(model, billions, 1, "8 bits"));
        }
        return Optional.of(new ModelWeights(model, billions, 2, "16 bits"));
    }

    /** The weights' size in MiB. */
    public long mib() {
        return (long) Math.ceil(billions * 1e9 * bytesPerParameter / (1024 * 1024));
    }

    /** The weights' size in whole GiB, rounded up. */
    public long gib() {
        return (mib() + 1023) / 1024;
    }

    /** The parameter count as written: 8, 0.5. */
    public String parameters() {
        return billions == Math.rint(billions) ? Long.toString((long) billions) : Double.toString(billions);
    }
}
