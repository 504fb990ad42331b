package dev.drydock.core.rules.support;

import dev.drydock.core.shell.AndOrList;
import dev.drydock.core.shell.CommandNode;
import dev.drydock.core.shell.Pipeline;
import dev.drydock.core.shell.ShellScript;
import java.util.List;
import java.util.Optional;

/**
 * The pipeline a {@code sh -c} script ends with, after its last top-level {@code ;}, newline, {@code &&} or
 * {@code ||}, as the shell parser reads it: the command {@code exec} would go in front of.
 */
public record FinalPipeline(String script, Pipeline pipeline) {

    /** Empty when the script does not parse, has no command, or ends with a background job. */
    public static Optional<FinalPipeline> of(String script) {
        ShellScript parsed = ShellScript.parse(script);
        List<AndOrList> items = parsed.body().items();
        if (parsed.hasProblems() || items.isEmpty() || items.get(items.size() - 1).background()) {
            return Optional.empty();
        }
        List<Pipeline> pipelines = items.get(items.size() - 1).pipelines();
        return Optional.of(new FinalPipeline(script, pipelines.get(pipelines.size() - 1)));
    }

    /** The pipeline as the script writes it. */
    public String text() {
        return script.substring(pipeline.span().start(), pipeline.span().end()).strip();
    }

    /** The one simple command the pipeline is, or empty for a pipe, a negation or a compound command. */
    public Optional<CommandNode.SimpleCommand> simple() {
        return !pipeline.negated() && pipeline.commands().size() == 1
                && pipeline.commands().get(0) instanceof CommandNode.SimpleCommand simple
                ? Optional.of(simple) : Optional.empty();
    }

    /** The keyword of the loop, branch or group the script ends with, or empty when it ends with a simple command. */
    public Optional<String> compoundKeyword() {
        CommandNode last = pipeline.commands().get(pipeline.commands().size() - 1);
        return Optional.ofNullable(switch (last) {
            case CommandNode.WhileClause w -> w.until() ? "until" : "while";
            case CommandNode.ForClause f -> f.select() ? "select" : "for";
            case CommandNode.IfClause i -> "if";
            case CommandNode.CaseClause c -> "case";
            case CommandNode.BraceGroup b -> "{ ... }";
            case CommandNode.Subshell s -> "( ... )";
            default -> null;
        });
    }

    /** The script with {@code exec } written before this pipeline. */
    public String withExec() {
        int start = pipeline.span().start();
        return script.substring(0, start) + "exec " + script.substring(start);
    }
}
