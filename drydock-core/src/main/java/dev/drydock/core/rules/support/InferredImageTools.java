package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import java.util.Optional;
import java.util.Set;

/**
 * The tools of the image a stage builds: the base image's known ones ({@link BaseImageFacts#tools}),
 * else what the Dockerfile itself proves about an unknown base: a shell-form RUN that installs with
 * apt-get or apk shows a POSIX shell and that package manager (and with them the distribution's
 * user tools: Debian's and Ubuntu's passwd package, which holds useradd, is part of every install;
 * Alpine has BusyBox's adduser). No other program is claimed.
 */
public final class InferredImageTools {

    private InferredImageTools() {}

    public static Optional<ImageTools> of(DockerfileModel model, Stage stage) {
        BaseImage base = Stages.rootBase(model, stage);
        Optional<ImageTools> known = BaseImageFacts.tools(base);
        if (known.isPresent() || !(base instanceof BaseImage.External external)) {
            return known;
        }
        for (RunStep run : RunStep.of(model, Stages.inImage(model, stage))) {
            if (run.script() == null) {
                continue;
            }
            for (Call call : run.calls()) {
                PackageCommands.Manager manager = PackageCommands.install(call).map(PackageCommands.Operation::manager)
                        .orElse(null);
                if (manager == PackageCommands.Manager.APT || manager == PackageCommands.Manager.APK) {
                    return Optional.of(new ImageTools(external.expanded(), true, Set.of("sh"),
                            manager == PackageCommands.Manager.APT ? "apt" : "apk", null));
                }
            }
        }
        return Optional.empty();
    }
}
