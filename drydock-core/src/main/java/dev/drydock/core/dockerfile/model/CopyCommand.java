package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.syntax.Heredoc;
import dev.drydock.core.dockerfile.syntax.Instruction;
import java.util.List;

/**
 * A COPY or ADD, its words expanded as BuildKit expands them.
 *
 * @param instruction where it is written
 * @param sources the source paths or URLs (a heredoc source appears as its file name)
 * @param heredocs the here-documents used as source files
 * @param destination the destination as written (expanded)
 * @param containerPath the destination made absolute against the WORKDIR in effect (a trailing
 *     {@code /} kept: it means "into this directory")
 * @param from the {@code --from} value, or null: a stage name or index, or an image
 * @param fromStage the index of the stage {@code --from} names, or -1 for the build context or an image
 * @param chown the {@code --chown} value or null; {@code chmod} likewise
 * @param link whether {@code --link} is set
 * @param unresolvedSources the indexes of {@link #sources()} written with a variable that has no value here (an ARG
 *     without default and no build argument): what such a source names is unknown
 */
public record CopyCommand(Instruction instruction, List<String> sources, List<Heredoc> heredocs, String destination,
        String containerPath, String from, int fromStage, String chown, String chmod, boolean link, java.util.Set<Integer> unresolvedSources) {

    public CopyCommand {
        sources = List.copyOf(sources);
        heredocs = List.copyOf(heredocs);
        unresolvedSources = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(unresolvedSources));
    }

    /** Whether the source at {@code index} was written with a variable that has no value here. */
    public boolean unresolved(int index) {
        return unresolvedSources.contains(index);
    }

    public boolean isAdd() {
        return instruction.kind() == dev.drydock.core.dockerfile.syntax.InstructionKind.ADD;
    }

    /** Whether the sources come from the build context (no {@code --from}). */
    public boolean fromContext() {
        return from == null;
    }
}
