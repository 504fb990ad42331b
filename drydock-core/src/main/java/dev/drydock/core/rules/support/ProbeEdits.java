package dev.drydock.core.rules.support;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.HealthcheckSpec;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.HealthcheckArguments;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.dockerfile.syntax.ShellForm;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.List;

/**
 * Edits that put a probe in place of a healthcheck's command, in exec form, keeping everything else
 * the healthcheck says (interval, timeout, retries, start period, comments).
 */
public final class ProbeEdits {

    private ProbeEdits() {}

    /**
     * The compose healthcheck's {@code test:} value replaced by {@code ["CMD", argv...]}, as a flow list on
     * the key's line; null when the healthcheck has no {@code test} written in one file.
     */
    public static TextEdit composeTest(Service.Healthcheck healthcheck, List<String> argv) {
        if (healthcheck == null || healthcheck.node() == null) {
            return null;
        }
        MapNode.Entry test = healthcheck.node().entry("test");
        if (test == null || !test.key().file().path().equals(test.value().file().path())) {
            return null;
        }
        Node value = test.value();
        if (value.isNull()) {
            return null;
        }
        SourceFile file = value.file();
        String list = Probes.composeTest(argv);
        Span key = test.key().span();
        boolean blockList = value instanceof SeqNode && file.text().charAt(value.span().start()) != '[';
        if (blockList || value.span().startLine() != key.startLine()) {
            int colon = file.text().indexOf(':', key.end());
            if (colon < 0 || colon >= value.span().start()) {
                return null;
            }
            return TextEdit.replace(file.path(), colon, value.span().end(), ": " + list);
        }
        return TextEdit.replace(file.path(), value.span(), list);
    }

    /**
     * A Dockerfile HEALTHCHECK's command replaced by {@code CMD [argv...]}, its flags kept; null for
     * {@code HEALTHCHECK NONE} or a command drydock could not read.
     */
    public static TextEdit dockerfileCommand(HealthcheckSpec spec, List<String> argv) {
        if (spec == null || spec.disabled()
                || !(spec.instruction().arguments() instanceof HealthcheckArguments args)) {
            return null;
        }
        Span command = switch (args.command()) {
            case ExecForm exec -> exec.span();
            case ShellForm shell -> shell.span();
            default -> null;
        };
        if (command == null) {
            return null;
        }
        return TextEdit.replace(spec.instruction().file().path(), args.type().span().start(), command.end(),
                "CMD " + Probes.json(argv));
    }

    /**
     * A HEALTHCHECK (as {@link Probes#dockerfileInstruction} writes it) added to a stage: before its
     * CMD or ENTRYPOINT and the comment lines above it, with a comment saying what it probes when the CMD
     * has one, and the blank line the file puts between instructions; at the end of the stage when it
     * sets neither.
     */
    public static TextEdit addHealthcheck(DockerfileModel model, Stage stage, String healthcheck, String comment) {
        Instruction last = stage.from();
        Instruction start = null;
        for (Step step : stage.steps()) {
            Instruction i = step.instruction();
            if (start == null && (i.kind() == InstructionKind.CMD || i.kind() == InstructionKind.ENTRYPOINT)) {
                start = i;
            }
            last = i;
        }
        SourceFile file = last.file();
        String instruction = continued(healthcheck, model.syntax().escapeChar());
        if (start == null) {
            return SourceEdits.insertLinesAfter(file, last.span().endLine(), instruction);
        }
        int line = start.span().startLine();
        while (line > 1 && file.line(line - 1).strip().startsWith("#")) {
            line--;
        }
        boolean commented = line < start.span().startLine();
        boolean blankBefore = line > 1 && file.line(line - 1).isBlank();
        String text = (commented ? "# " + comment + "\n" : "") + instruction + (blankBefore ? "\n" : "");
        return SourceEdits.insertLinesBefore(file, line, text);
    }

    /** The HEALTHCHECK's command on a continuation line of its own, after the flags. */
    private static String continued(String healthcheck, char escape) {
        int cmd = healthcheck.indexOf(" CMD ");
        return cmd < 0 ? healthcheck : healthcheck.substring(0, cmd) + " " + escape + "\n    " + healthcheck.substring(cmd + 1);
    }
}
