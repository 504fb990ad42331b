package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.Word;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One build stage: from its FROM to the next.
 *
 * @param index 0-based position in the Dockerfile
 * @param nameWord the {@code AS name} word, or null for an unnamed stage
 * @param from the FROM instruction
 * @param base what the stage starts from
 * @param platform the {@code --platform} value after expansion, or null
 * @param steps the instructions after FROM, with the state each runs in
 * @param copies the COPY and ADD instructions of the stage
 * @param runs the RUN instructions, as commands with the shell in effect
 * @param config the image configuration at the end of the stage (inherited from a base stage)
 * @param variables the ARGs and ENVs in scope at the end of the stage
 */
public record Stage(int index, Word nameWord, Instruction from, BaseImage base, String platform, List<Step> steps,
        List<CopyCommand> copies, List<CommandSpec> runs, ImageConfig config, Variables variables) {

    public Stage {
        steps = List.copyOf(steps);
        copies = List.copyOf(copies);
        runs = List.copyOf(runs);
    }

    /** The name as BuildKit compares it (lower case), or null for an unnamed stage. */
    public String name() {
        return nameWord == null ? null : nameWord.value().toLowerCase(Locale.ROOT);
    }

    /** The name, or the index for an unnamed stage, as {@code COPY --from} would refer to it. */
    /** The name as the Dockerfile writes it ({@code BUILD_STAGE}), for messages; null for an unnamed stage. */
    public String writtenName() {
        return nameWord == null ? null : nameWord.value();
    }

    public String reference() {
        return nameWord == null ? Integer.toString(index) : name();
    }

    /**
     * The record's component-wise equality, answered at once for the same stage: rules ask whether a
     * list of stages contains one, and comparing a stage with itself would read all of it.
     */
    @Override
    public boolean equals(Object o) {
        return this == o || o instanceof Stage s && index == s.index && Objects.equals(nameWord, s.nameWord)
                && Objects.equals(from, s.from) && Objects.equals(base, s.base) && Objects.equals(platform, s.platform)
                && Objects.equals(steps, s.steps) && Objects.equals(copies, s.copies) && Objects.equals(runs, s.runs)
                && Objects.equals(config, s.config) && Objects.equals(variables, s.variables);
    }

    /**
     * Consistent with equals but without hashing every step: rules key maps by stage, and a deep hash
     * would cost the whole stage on each lookup.
     */
    @Override
    public int hashCode() {
        return 31 * index + (nameWord == null ? 0 : nameWord.value().hashCode());
    }

    public boolean isBasedOnStage() {
        return base instanceof BaseImage.OfStage;
    }
}
