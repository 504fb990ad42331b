package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import java.util.List;
import java.util.Optional;

/**
 * Makes the final stage of an image without a shell (scratch, distroless) run as UID/GID {@value #ID}:
 * with no shell there is no RUN to create a user, and a numeric USER needs no user database (distroless
 * images name that UID nonroot). Files copied in keep their owner and mode, so a binary copied from a
 * build stage stays executable. No fix when the compose service mounts named volumes: a new volume takes
 * the owner of its mount point, which such an image cannot create for the user, so the application could
 * no longer write its data; nor when instructions follow CMD.
 */
final class NumericUserFix {

    static final String ID = "65532";

    private NumericUserFix() {}

    static Optional<Fix> fix(Container container) {
        Service service = container.service();
        if (service != null && service.volumes().stream().anyMatch(v -> v.isNamedVolume() && !"/tmp".equals(v.target()))) {
            return Optional.empty();
        }
        Stage stage = container.build().stage();
        Instruction command = NonRootUserFix.lastOf(stage, InstructionKind.CMD, InstructionKind.ENTRYPOINT);
        if (command != null && NonRootUserFix.followedByBuildSteps(stage, command)) {
            return Optional.empty();
        }
        String path = container.build().dockerfile();
        TextEdit userSwitch = NonRootUserFix.userSwitch(path, stage.from().file(), stage, command, ID + ":" + ID);
        return Optional.ofNullable(userSwitch).map(edit -> Fix.of("run as the unprivileged UID " + ID
                + " (the image has no shell to create a user)", FixSafety.UNSAFE, List.of(edit)));
    }
}
