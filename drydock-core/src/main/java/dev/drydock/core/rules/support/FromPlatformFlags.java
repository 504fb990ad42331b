package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.expand.Expansion;
import dev.drydock.core.dockerfile.expand.WordExpander;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The {@code FROM --platform=...} flags that carry a value, each with what it expands to under the global
 * ARGs, in the Dockerfiles whose check directive does not skip the BuildKit check that asks for them.
 */
public final class FromPlatformFlags {

    /** One stage's FROM --platform flag and its expansion. */
    public record PlatformFlag(DockerfileSource dockerfile, Stage stage, Flag flag, Expansion expansion) {}

    private FromPlatformFlags() {}

    /** The platform flags of every stage, Dockerfile by Dockerfile, leaving out those that skip {@code check}. */
    public static List<PlatformFlag> of(ReviewContext context, String check) {
        List<PlatformFlag> flags = new ArrayList<>();
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            DockerfileModel model = dockerfile.model();
            if (model == null || BuildCheckDirective.skips(dockerfile.syntax(), check)) {
                continue;
            }
            WordExpander expander = WordExpander.forEscape(model.syntax().escapeChar());
            for (Stage stage : model.stages()) {
                Optional<Flag> platform = stage.from().flag("platform");
                if (platform.isEmpty() || !platform.get().hasValue()) {
                    continue;
                }
                Flag flag = platform.get();
                flags.add(new PlatformFlag(dockerfile, stage, flag, expander.expand(flag.value(), model.globalArgs())));
            }
        }
        return flags;
    }
}
