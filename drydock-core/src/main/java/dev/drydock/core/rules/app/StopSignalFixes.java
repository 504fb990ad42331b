package dev.drydock.core.rules.app;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.CmdEdits;
import dev.drydock.core.rules.support.InstructionLines;
import dev.drydock.core.rules.support.PackageCommands;
import dev.drydock.core.rules.support.PackageListEdits;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;

/**
 * Dockerfile edits that make the image itself stop on SIGTERM, whatever runs it ({@code docker run},
 * {@code podman run}, compose, Kubernetes): a shell-form CMD written in exec form, and an init
 * (tini, from the distribution's packages) as ENTRYPOINT for a program that ignores SIGTERM as PID 1.
 */
final class StopSignalFixes {

    private StopSignalFixes() {}

    /** The shell-form CMD of the image's own final stage replaced by {@code argv} in exec form. */
    static Fix execForm(Container c, EffectiveCommand command, List<String> argv) {
        Fix entrypoint = CmdEdits.replaceShellEntrypoint(c, command, argv);
        return entrypoint != null ? entrypoint
                : replaceCmd(c, command, argv, "write the CMD in exec form: CMD " + Probes.json(argv), FixSafety.SAFE);
    }

    /**
     * The words of a script that is one plain command (no variables, assignments, redirects or operators),
     * so that it can be written in exec form; empty otherwise.
     */
    static List<String> literalCommand(String script) {
        return CmdEdits.literalCommand(script);
    }

    static Fix replaceCmd(Container c, EffectiveCommand command, List<String> argv, String title, FixSafety safety) {
        return CmdEdits.replaceCmd(c, command, argv, title, safety);
    }

    /**
     * tini as ENTRYPOINT, installed by the final stage's own apt-get or apk install (Debian's tini package
     * puts it in /usr/bin, Alpine's in /sbin): it runs as PID 1, passes SIGTERM on to the program, which
     * then gets the signal's default action, and reaps zombies. Only for an exec-form CMD of the final stage
     * with no ENTRYPOINT; null otherwise.
     */
    static Fix tini(Container c, EffectiveCommand command) {
        if (c.build() == null || c.build().model() == null || !command.entrypoint().isEmpty() || command.shellForm()) {
            return null;
        }
        Instruction cmd = CmdEdits.ownCmd(c, command);
        if (cmd == null) {
            return null;
        }
        Stage stage = c.build().stage();
        PackageCommands.Operation install = null;
        boolean installed = false;
        for (RunStep run : RunStep.of(c.build().model(), Stages.inImage(c.build().model(), stage))) {
            for (Call call : run.calls()) {
                PackageCommands.Operation op = PackageCommands.install(call).orElse(null);
                if (op == null) {
                    continue;
                }
                installed |= op.names().contains("tini");
                if (run.stage() == stage && !op.packages().isEmpty() && run.script() != null
                        && (op.manager() == PackageCommands.Manager.APT || op.manager() == PackageCommands.Manager.APK)) {
                    install = op;
                }
            }
        }
        if (install == null) {
            return null;
        }
        String path = c.build().dockerfile();
        SourceFile file = cmd.file();
        List<TextEdit> edits = new ArrayList<>();
        if (!installed) {
            PackageCommands.Package last = install.packages().get(install.packages().size() - 1);
            edits.add(PackageListEdits.addAfter(path, file, c.build().model().syntax().escapeChar(), install.packages(),
                    last, "tini"));
        }
        String binary = install.manager() == PackageCommands.Manager.APK ? "/sbin/tini" : "/usr/bin/tini";
        edits.add(TextEdit.insert(path, file.lineStart(InstructionLines.firstLineWithComments(cmd)),
                "# tini runs as PID 1 and passes SIGTERM on to the server\nENTRYPOINT " + Probes.json(List.of(binary, "--"))
                        + "\n"));
        return Fix.of("run the server under tini", FixSafety.UNSAFE, edits);
    }
}
