package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import dev.drydock.core.shell.ShellScript;
import java.util.Optional;

/**
 * BusyBox's sh, the {@code /bin/sh} of Alpine and BusyBox images, and bash, the {@code /bin/sh} of the Red Hat family
 * (UBI, Fedora, Rocky, Alma, Amazon Linux), run the only command of an {@code sh -c} script in place of themselves:
 * under a shell-form {@code CMD node server.js} node is PID 1 there and receives docker stop's SIGTERM, while Debian's
 * and Ubuntu's dash (0.5.12 in bookworm) stays PID 1 with the program as its child.
 */
public final class LoneCommandExec {

    private LoneCommandExec() {}

    /**
     * The image, as written, whose shell hands PID 1 to the container's shell-form command, and that shell: the
     * default shell (no SHELL instruction) running a script of one command, not sent to the background.
     */
    public static Optional<ImageTools> of(Container c) {
        EffectiveCommand command = c.command();
        if (command == null || !command.shellForm() || command.script() == null || c.build() == null
                || c.build().stage() == null || c.build().model() == null) {
            return Optional.empty();
        }
        return of(c.build().model(), c.build().stage(), command.script());
    }

    /**
     * The image, as written, whose shell would run this shell-form script of the stage in its own place: the
     * default shell (no SHELL instruction), one command, not sent to the background.
     */
    public static Optional<ImageTools> of(DockerfileModel model, Stage stage, String script) {
        if (stage.config().shell() != null || !single(script)) {
            return Optional.empty();
        }
        return InferredImageTools.of(model, stage).filter(ImageTools::shExecsLoneCommand);
    }

    /**
     * Whether the image's sh runs a lone command in its own place and {@code script}, which an {@code sh -c} of the command runs (a shell-form
     * CMD after an exec-form ENTRYPOINT such as {@code tini --}), is one command that the shell runs in its own place.
     */
    public static boolean handsOver(Container c, String script) {
        if (script == null || c.build() == null || c.build().stage() == null || c.build().model() == null) {
            return false;
        }
        return single(script) && InferredImageTools.of(c.build().model(), c.build().stage())
                .filter(ImageTools::shExecsLoneCommand).isPresent();
    }

    private static boolean single(String script) {
        ShellScript parsed = ShellScript.parse(script);
        return !parsed.hasProblems() && parsed.commands().size() == 1 && !parsed.commands().get(0).background();
    }
}
