package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.List;

/** Edits of the CMD that the image's own final stage writes. */
public final class CmdEdits {

    private CmdEdits() {}

    /**
     * The words of a script that is one plain command (no variables, assignments, redirects or operators, not sent to the background),
     * so that it can be written in exec form; empty otherwise.
     */
    public static List<String> literalCommand(String script) {
        ShellScript parsed = ShellScript.parse(script);
        if (parsed.hasProblems() || parsed.commands().size() != 1 || parsed.commands().get(0).background()) {
            return List.of(); // a background job (`server &`) is no command the exec form can write
        }
        return literalWords(parsed.commands().get(0));
    }

    /** The words of a plain command (no variables, assignments, redirects or wrappers); empty otherwise. */
    public static List<String> literalWords(Command command) {
        if (!command.assignments().isEmpty() || !command.redirects().isEmpty() || !command.wrappers().isEmpty()
                || !command.words().stream().allMatch(Word::isLiteral)) {
            return List.of();
        }
        return command.words().stream().map(Word::value).toList();
    }

    /** The CMD of the image's own final stage, with no ENTRYPOINT before it, replaced by {@code argv} in exec form. */
    public static Fix replaceCmd(Container c, EffectiveCommand command, List<String> argv, String title,
            FixSafety safety) {
        if (!command.entrypoint().isEmpty()) {
            return null;
        }
        Instruction cmd = ownCmd(c, command);
        if (cmd == null) {
            return null;
        }
        return Fix.of(title, safety, TextEdit.replace(c.build().dockerfile(), cmd.span(), "CMD " + Probes.json(argv)));
    }

    /**
     * The shell-form ENTRYPOINT of the image's own final stage replaced by {@code argv} in exec form, when no CMD is
     * written for it: setting ENTRYPOINT resets the CMD a base image has, and a shell-form ENTRYPOINT ignores the
     * CMD and the arguments of docker run, which the exec form appends (hence unsafe). Null otherwise.
     */
    public static Fix replaceShellEntrypoint(Container c, EffectiveCommand command, List<String> argv) {
        if (command.entrypoint().isEmpty() || command.inheritsEntrypoint() || !command.shellForm()
                || command.cmdOrigin() != null
                || c.service() != null && (c.service().command() != null || c.service().entrypoint() != null)) {
            return null;
        }
        Instruction own = WrittenInstructions.ownAt(c, command.entrypointOrigin());
        if (own == null || own.kind() != InstructionKind.ENTRYPOINT) {
            return null;
        }
        return Fix.of("write the ENTRYPOINT in exec form: ENTRYPOINT " + Probes.json(argv), FixSafety.UNSAFE,
                TextEdit.replace(c.build().dockerfile(), own.span(), "ENTRYPOINT " + Probes.json(argv)));
    }

    /** The CMD instruction of the container's final stage that sets the command, if it is there. */
    public static Instruction ownCmd(Container c, EffectiveCommand command) {
        if (c.service() != null && (c.service().command() != null || c.service().entrypoint() != null)) {
            return null;
        }
        Instruction own = WrittenInstructions.ownAt(c, command.cmdOrigin());
        return own != null && own.kind() == InstructionKind.CMD ? own : null;
    }
}
