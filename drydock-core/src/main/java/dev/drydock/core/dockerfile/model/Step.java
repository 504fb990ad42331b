package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.syntax.Instruction;
import java.util.List;
import java.util.Set;

/**
 * One instruction of a stage with the state it runs in: the variables in scope, the user, the
 * working directory and the shell in effect before it, and the names it refers to that no ARG or
 * ENV defines (BuildKit's undefined-variable input).
 */
public record Step(int stageIndex, Instruction instruction, Variables variables, Setting<String> user,
        Setting<String> workdir, Setting<List<String>> shell, Set<String> undefinedVariables) {

    public Step {
        undefinedVariables = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(undefinedVariables));
    }
}
