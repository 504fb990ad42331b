package dev.drydock.core.testing;

import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Seeded random inputs for robustness tests: strings from an alphabet, concatenations of
 * fragments, truncations and small edits of real files.
 *
 * <p>{@link #forEachSample} runs a check over a fixed number of generated samples. Every sample
 * draws from its own {@link Random}, derived from the run's seed, the check's name and the
 * sample's index, so one sample can be replayed alone. The seed is {@link #DEFAULT_SEED} unless
 * the system property {@value #SEED_PROPERTY} gives another (decimal or {@code 0x} hex); the
 * property {@value #SAMPLE_PROPERTY} runs only the sample with that index. A failing sample's
 * message names the seed, the index and the input, e.g.
 * {@code ./build -o -pl drydock-core test -Dtest=ShellPropertiesTest -Ddrydock.seed=... -Ddrydock.sample=...}.
 */
public final class RandomInputs {

    public static final String SEED_PROPERTY = "drydock.seed";
    public static final String SAMPLE_PROPERTY = "drydock.sample";
    public static final long DEFAULT_SEED = 0x5EED_D0C4L;

    /** How much of a failing input the message shows. */
    private static final int SHOWN_CHARACTERS = 1_000;
    /** The longest run an edit deletes or replaces unless the caller says otherwise. */
    private static final int DEFAULT_RUN = 8;

    private final Random random;

    private RandomInputs(Random random) {
        this.random = random;
    }

    /** A check of one generated input; it may throw, which fails the sample. */
    @FunctionalInterface
    public interface Check<T> {
        void accept(T input) throws Exception;
    }

    /** The run's seed: the system property {@value #SEED_PROPERTY}, else {@link #DEFAULT_SEED}. */
    public static long seed() {
        String value = System.getProperty(SEED_PROPERTY);
        return value == null || value.isBlank() ? DEFAULT_SEED : Long.decode(value.trim());
    }

    /** The inputs of sample {@code index} of the check called {@code name} under {@code seed}. */
    public static RandomInputs forSample(long seed, String name, int index) {
        long mixed = mix(mix(seed ^ name.hashCode()) + index);
        return new RandomInputs(new Random(mixed));
    }

    /** Inputs drawn from {@code random}, for code that already holds one. */
    public static RandomInputs of(Random random) {
        return new RandomInputs(random);
    }

    /**
     * Generates {@code samples} inputs and checks each; the first failure is rethrown as an
     * {@link AssertionError} naming the seed, the sample's index and its input.
     */
    public static <T> void forEachSample(String name, int samples, Function<RandomInputs, T> generator, Check<T> check) {
        long seed = seed();
        String only = System.getProperty(SAMPLE_PROPERTY);
        int from = 0;
        int to = samples;
        if (only != null && !only.isBlank()) {
            from = Integer.parseInt(only.trim());
            to = Math.min(samples, from + 1);
        }
        for (int index = from; index < to; index++) {
            T input = null;
            boolean generated = false;
            try {
                input = generator.apply(forSample(seed, name, index));
                generated = true;
                check.accept(input);
            } catch (Exception | AssertionError | StackOverflowError e) {
                String header = "%s: sample %d of %d failed (rerun it alone with -D%s=%d -D%s=%d)"
                        .formatted(name, index, samples, SEED_PROPERTY, seed, SAMPLE_PROPERTY, index);
                String shown = generated ? "\ninput: " + describe(input) : "\nwhile generating the input";
                throw new AssertionError(header + shown + "\n" + e, e);
            }
        }
    }

    /** The underlying generator. */
    public Random random() {
        return random;
    }

    /** A number from {@code min} to {@code max}, both included. */
    public int between(int min, int max) {
        if (max < min) {
            throw new IllegalArgumentException(min + " > " + max);
        }
        return min + random.nextInt(max - min + 1);
    }

    /** True once in {@code n} times on average. */
    public boolean oneIn(int n) {
        return random.nextInt(n) == 0;
    }

    public <T> T pick(List<T> items) {
        return items.get(random.nextInt(items.size()));
    }

    /**
     * A length from {@code min} to {@code max}: uniform, except that one time in four it is taken
     * from the lowest eighth of the range, so short and empty inputs come up often.
     */
    public int length(int min, int max) {
        if (oneIn(4)) {
            return between(min, min + (max - min) / 8);
        }
        return between(min, max);
    }

    /** A string of {@code min} to {@code max} code points, each one of the alphabet's. */
    public String string(String alphabet, int min, int max) {
        int[] codePoints = alphabet.codePoints().toArray();
        int length = length(min, max);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.appendCodePoint(codePoints[random.nextInt(codePoints.length)]);
        }
        return out.toString();
    }

    /**
     * Any string of up to {@code max} chars: half of them printable ASCII, the others control
     * characters, other Latin and symbols, or any UTF-16 unit at all (unpaired surrogates,
     * noncharacters and {@code \u0000} included).
     */
    public String anyString(int max) {
        int length = length(0, max);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(switch (random.nextInt(8)) {
                case 0, 1, 2, 3 -> (char) between(0x20, 0x7E);
                case 4 -> (char) between(0x00, 0x1F);
                case 5 -> (char) between(0x80, 0x2FFF);
                default -> (char) random.nextInt(0x1_0000);
            });
        }
        return out.toString();
    }

    /** {@code min} to {@code max} fragments picked from the list, joined. */
    public String concat(List<String> fragments, int min, int max) {
        int count = length(min, max);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < count; i++) {
            out.append(pick(fragments));
        }
        return out.toString();
    }

    /** A prefix of the text, from empty to all of it. */
    public String truncate(String text) {
        return text.substring(0, random.nextInt(text.length() + 1));
    }

    /**
     * A position from 0 to the text's length. Half the time (when the text holds any) it is at
     * or just after one of the structural characters, so edits land where a reader decides
     * something; otherwise it is uniform.
     */
    public int position(CharSequence text, String structural) {
        if (!structural.isEmpty() && random.nextBoolean()) {
            int count = 0;
            for (int i = 0; i < text.length(); i++) {
                if (structural.indexOf(text.charAt(i)) >= 0) {
                    count++;
                }
            }
            if (count > 0) {
                int wanted = random.nextInt(count);
                for (int i = 0; i < text.length(); i++) {
                    if (structural.indexOf(text.charAt(i)) >= 0 && wanted-- == 0) {
                        return i + random.nextInt(2);
                    }
                }
            }
        }
        return random.nextInt(text.length() + 1);
    }

    /**
     * The text after one random edit: deleting a run of 1 to 8 chars, inserting one of the
     * fragments, or replacing a run of 1 to 8 chars with one of them, at a {@link #position}
     * biased to the structural characters.
     */
    public String edit(String text, String structural, List<String> fragments) {
        return edit(text, structural, () -> pick(fragments), DEFAULT_RUN);
    }

    /** As {@link #edit(String, String, List)}, with the inserted text from {@code insertion} and runs of 1 to {@code maxRun} chars. */
    public String edit(String text, String structural, Supplier<String> insertion, int maxRun) {
        StringBuilder out = new StringBuilder(text);
        editInPlace(out, structural, insertion, maxRun);
        return out.toString();
    }

    /** The text after {@code count} edits as by {@link #edit(String, String, List)}. */
    public String edits(String text, int count, String structural, List<String> fragments) {
        StringBuilder out = new StringBuilder(text);
        for (int i = 0; i < count; i++) {
            editInPlace(out, structural, () -> pick(fragments), DEFAULT_RUN);
        }
        return out.toString();
    }

    /** Applies one edit as by {@link #edit(String, String, Supplier, int)} to {@code text}. */
    public void editInPlace(StringBuilder text, String structural, Supplier<String> insertion, int maxRun) {
        int at = position(text, structural);
        int end = Math.min(text.length(), at + between(1, Math.max(1, maxRun)));
        switch (random.nextInt(3)) {
            case 0 -> text.delete(at, end);
            case 1 -> text.insert(at, insertion.get());
            default -> text.replace(at, end, insertion.get());
        }
    }

    /** The input as shown in a failure message: escaped, quoted if a string, and cut if long. */
    static String describe(Object input) {
        String text = String.valueOf(input);
        StringBuilder out = new StringBuilder(input instanceof CharSequence ? "\"" : "");
        int shown = Math.min(text.length(), SHOWN_CHARACTERS);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\\' -> out.append("\\\\");
                case '"' -> out.append(input instanceof CharSequence ? "\\\"" : "\"");
                default -> {
                    if (c < 0x20 || c > 0x7E) {
                        out.append("\\u%04X".formatted((int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append(input instanceof CharSequence ? "\"" : "");
        if (shown < text.length()) {
            out.append(" ... (").append(text.length()).append(" chars in all)");
        }
        return out.toString();
    }

    /** SplitMix64's finaliser: spreads close seeds far apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
