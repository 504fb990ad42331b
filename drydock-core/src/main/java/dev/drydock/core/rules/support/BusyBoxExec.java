package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import dev.drydock.core.shell.ShellScript;
import java.util.Optional;

/**
 * BusyBox's sh, the {@code /bin/sh} of Alpine and BusyBox images, runs the only command of an
 * {@code sh -c} script in place of itself: under a shell-form {@code CMD node server.js} node is PID 1
 * there and receives docker stop's SIGTERM, while Debian's and Ubuntu's dash stays PID 1 with the program
 * as its child.
 */
public final class BusyBoxExec {

    private BusyBoxExec() {}

    /**
     * The image, as written, whose BusyBox shell hands PID 1 to the container's shell-form command: the
     * default shell (no SHELL instruction) running a script of one command, not sent to the background.
     */
    public static Optional<String> of(Container c) {
        EffectiveCommand command = c.command();
        if (command == null || !command.shellForm() || command.script() == null || c.build() == null
                || c.build().stage() == null || c.build().model() == null) {
            return Optional.empty();
        }
        return of(c.build().model(), c.build().stage(), command.script());
    }

    /**
     * The image, as written, whose BusyBox shell would run this shell-form script of the stage in its own
     * place: the default shell (no SHELL instruction), one command, not sent to the background.
     */
    public static Optional<String> of(DockerfileModel model, Stage stage, String script) {
        if (stage.config().shell() != null || !single(script)) {
            return Optional.empty();
        }
        return InferredImageTools.of(model, stage).filter(ImageTools::busyBox).map(ImageTools::image);
    }

    /**
     * Whether the image's sh is BusyBox's and {@code script}, which an {@code sh -c} of the command runs (a shell-form
     * CMD after an exec-form ENTRYPOINT such as {@code tini --}), is one command that the shell runs in its own place.
     */
    public static boolean handsOver(Container c, String script) {
        if (script == null || c.build() == null || c.build().stage() == null || c.build().model() == null) {
            return false;
        }
        return single(script) && InferredImageTools.of(c.build().model(), c.build().stage())
                .filter(ImageTools::busyBox).isPresent();
    }

    private static boolean single(String script) {
        ShellScript parsed = ShellScript.parse(script);
        return !parsed.hasProblems() && parsed.commands().size() == 1 && !script.contains("&");
    }
}
