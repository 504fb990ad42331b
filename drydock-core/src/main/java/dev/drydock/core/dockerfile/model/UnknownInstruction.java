package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** BuildKit's error for a word that is no instruction, with what the line most likely is. */
final class UnknownInstruction {

    private UnknownInstruction() {}

    static String message(Instruction instruction) {
        String written = instruction.keyword().value();
        return "unknown instruction: " + written + hint(written).map(h -> " (" + h + ")").orElse("");
    }

    /**
     * A single message for a file whose lines are YAML keys ({@code services:}, {@code version:}) and that has no
     * FROM: a compose file under a Dockerfile's name. Empty for anything else.
     */
    static Optional<String> yamlFile(Dockerfile syntax) {
        List<Instruction> instructions = syntax.instructions();
        if (instructions.isEmpty() || instructions.stream().anyMatch(i -> i.kind() == InstructionKind.FROM)) {
            return Optional.empty();
        }
        String first = instructions.get(0).keyword().value();
        if (!first.endsWith(":")) {
            return Optional.empty();
        }
        boolean compose = instructions.stream().map(i -> i.keyword().value())
                .anyMatch(k -> k.equals("services:") || k.equals("version:"));
        return Optional.of("unknown instruction: " + first + " (the file holds YAML, not Dockerfile instructions"
                + (compose ? ": a compose file under a Dockerfile's name" : "") + "; Docker stops at its first line)");
    }

    private static Optional<String> hint(String written) {
        String lower = written.toLowerCase(Locale.ROOT);
        for (InstructionKind kind : InstructionKind.values()) {
            String keyword = kind.keyword();
            if (!keyword.isEmpty() && lower.length() > keyword.length() && lower.startsWith(keyword)
                    && "[\"'-".indexOf(lower.charAt(keyword.length())) >= 0) {
                return Optional.of("the keyword " + keyword.toUpperCase(Locale.ROOT)
                        + " needs a space before its arguments");
            }
        }
        if (written.endsWith(":")) {
            return Optional.of("a YAML key, not a Dockerfile instruction");
        }
        Optional<String> meant = closest(lower);
        if (meant.isPresent()) {
            return meant.map(m -> "did you mean " + m.toUpperCase(Locale.ROOT) + "?");
        }
        if (lower.matches("[a-z][a-z0-9._-]*")) {
            return Optional.of("a command outside RUN: write RUN " + written + " ..., or # before it if it is a note");
        }
        return Optional.empty();
    }

    /** The instruction one or two edits away, as BuildKit suggests it. */
    private static Optional<String> closest(String lower) {
        for (InstructionKind kind : InstructionKind.values()) {
            String keyword = kind.keyword();
            if (!keyword.isEmpty() && keyword.length() > 3 && distance(lower, keyword) <= 2) {
                return Optional.of(keyword);
            }
        }
        return Optional.empty();
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
