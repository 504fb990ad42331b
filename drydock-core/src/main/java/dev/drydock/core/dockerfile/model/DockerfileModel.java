package dev.drydock.core.dockerfile.model;

import dev.drydock.core.dockerfile.syntax.Dockerfile;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.shell.Shebang;
import dev.drydock.core.shell.ShellOptions;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.FactKey;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A Dockerfile understood as BuildKit builds it: its stages, the global ARGs, and for every
 * instruction the variables, user, working directory and shell in effect. Built once from the
 * syntax tree; rules query it and never re-parse.
 */
public final class DockerfileModel {


    private final Dockerfile syntax;
    private final BuildOptions options;
    private final Variables globalArgs;
    private final List<Stage> stages;
    private final List<Diagnostic> diagnostics;
    private final Map<Instruction, Step> steps = new IdentityHashMap<>();
    private final Map<FactKey, Object> derived = new HashMap<>();

    DockerfileModel(Dockerfile syntax, BuildOptions options, Variables globalArgs, List<Stage> stages,
            List<Diagnostic> diagnostics) {
        this.syntax = syntax;
        this.options = options;
        this.globalArgs = globalArgs;
        this.stages = List.copyOf(stages);
        this.diagnostics = List.copyOf(diagnostics);
        for (Stage stage : this.stages) {
            for (Step step : stage.steps()) {
                steps.put(step.instruction(), step);
            }
        }
    }

    /** Builds the model with default options (no build arguments, the last stage, linux/amd64). */
    public static DockerfileModel of(Dockerfile syntax) {
        return of(syntax, BuildOptions.DEFAULT);
    }

    public static DockerfileModel of(Dockerfile syntax, BuildOptions options) {
        return new ModelBuilder(syntax, options).build();
    }

    public Dockerfile syntax() {
        return syntax;
    }

    public BuildOptions options() {
        return options;
    }

    /** The ARGs declared before the first FROM (and the automatic platform ARGs), usable in FROM lines. */
    public Variables globalArgs() {
        return globalArgs;
    }

    public List<Stage> stages() {
        return stages;
    }

    /**
     * The stage the build produces: the {@code target} of the options when it names a stage, else the
     * last one. Empty only when the Dockerfile has no FROM.
     */
    public Optional<Stage> targetStage() {
        if (options.target() != null) {
            Optional<Stage> named = stage(options.target());
            if (named.isPresent()) {
                return named;
            }
        }
        return stages.isEmpty() ? Optional.empty() : Optional.of(stages.get(stages.size() - 1));
    }

    /** A stage by name (case-insensitive) or index. */
    public Optional<Stage> stage(String reference) {
        String lower = reference.toLowerCase(Locale.ROOT);
        for (Stage stage : stages) {
            if (lower.equals(stage.name())) {
                return Optional.of(stage);
            }
        }
        if (!lower.isEmpty() && lower.chars().allMatch(Character::isDigit) && lower.length() < 6) {
            int index = Integer.parseInt(lower);
            if (index < stages.size()) {
                return Optional.of(stages.get(index));
            }
        }
        return Optional.empty();
    }

    /** The state an instruction runs in; empty for FROM, global ARGs and instructions outside any stage. */
    public Optional<Step> step(Instruction instruction) {
        return Optional.ofNullable(steps.get(instruction));
    }

    /**
     * The shell script of a shell-form command (RUN, CMD, ENTRYPOINT, HEALTHCHECK), parsed on first
     * use with the options its SHELL sets ({@code -o pipefail} ...) and kept; empty in exec form or
     * when the SHELL is not a POSIX shell (PowerShell, cmd).
     */
    public Optional<ShellScript> script(CommandSpec command) {
        if (command.script() == null || command.shell().isEmpty() || ShellOptions.isNonPosixShell(command.shell().get(0))
                || startsWithForeignShebang(command.script().text())) {
            return Optional.empty();
        }
        return Optional.of(derived("script", command,
                () -> ShellScript.parse(command.script(), initialOptions(command))));
    }

    /**
     * The options the script starts with: its SHELL's flags ({@code SHELL ["/bin/bash", "-e", "-c"]}), except for a
     * here-document run on its own that starts with a shebang: BuildKit then writes the body to a file and executes
     * it, so the shebang's interpreter and its one argument ({@code #!/bin/sh -e}) apply, not the SHELL.
     */
    private static ShellOptions initialOptions(CommandSpec command) {
        String text = command.script().text();
        if (command.instruction().heredocs().isEmpty() || !text.startsWith("#!")) {
            return ShellOptions.ofShellCommand(command.shell());
        }
        return ShellOptions.ofShellCommand(Shebang.of(text).map(Shebang::command).orElse(List.of()));
    }

    /**
     * A fact derived from this model alone (the programs a RUN runs, say), computed on first use and
     * kept: the model does not change, so neither does the fact. {@code owner} (a stage, a command) is
     * compared by identity. The computation runs outside the lock, so it may ask for other facts.
     */
    @SuppressWarnings("unchecked")
    public <T> T derived(String name, Object owner, Supplier<T> compute) {
        FactKey key = new FactKey(name, owner);
        synchronized (derived) {
            Object known = derived.get(key);
            if (known != null) {
                return (T) known;
            }
        }
        T value = compute.get();
        synchronized (derived) {
            Object known = derived.putIfAbsent(key, value);
            return known == null ? value : (T) known;
        }
    }

    /** A heredoc script such as {@code #!/usr/bin/env python3} runs with its own interpreter, not the shell. */
    private static boolean startsWithForeignShebang(String script) {
        return Shebang.of(script).map(shebang -> !shebang.isShell()).orElse(false);
    }

    /** Problems met while building the model: unexpandable words, bad flag values, misplaced instructions. */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }
}
