package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;

/**
 * An image that only carries files and starts nothing: built on scratch, with no ENTRYPOINT or CMD and
 * no command given by compose. Such images are exported with --output or copied from
 * ({@code COPY --from=image}); `docker run` cannot start one without being told what to run.
 */
public final class FileOnlyImage {

    private FileOnlyImage() {}

    public static boolean is(Container container) {
        return (container.command() == null || container.command().isEmpty())
                && Stages.rootBase(container.build().model(), container.build().stage()) instanceof BaseImage.Scratch;
    }
}
