package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;
import java.util.Optional;

/**
 * The non-root user a RUN added at the end of the image's final stage runs as: its last USER (its own or an
 * earlier stage's it is built FROM), else the user a known base image ends with ({@link NonRootVendorImages}:
 * Jupyter's jovyan, micromamba's mambauser, Airflow's airflow). A package manager's install needs root, so
 * advice to install a program there has to switch to root and back.
 */
public final class FinalUser {

    private FinalUser() {}

    /** That user as written, or empty when the stage ends as root or drydock cannot tell. */
    public static Optional<String> nonRoot(Container c) {
        if (c == null || c.build() == null || c.build().stage() == null) {
            return Optional.empty();
        }
        var user = c.build().stage().config().user();
        if (user != null && user.value() != null) {
            String name = user.value().contains(":") ? user.value().substring(0, user.value().indexOf(':')) : user.value();
            return name.isBlank() || name.equals("root") || name.equals("0") ? Optional.empty() : Optional.of(user.value());
        }
        return Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External base
                ? NonRootVendorImages.of(base.reference()).map(NonRootVendorImages::user) : Optional.empty();
    }

    /**
     * The RUN that installs {@code pkg} with the image's package manager ({@code apk} or apt), as the final stage can
     * execute it ({@link #asRoot}).
     */
    public static String installRun(Container c, String packageManager, String pkg) {
        return asRoot(c, "apk".equals(packageManager) ? "RUN apk add --no-cache " + pkg
                : "RUN apt-get update && apt-get install -y --no-install-recommends " + pkg
                        + " && rm -rf /var/lib/apt/lists/*");
    }

    /** {@code run} as the final stage can execute it: between USER root and USER back when it ends as another user. */
    public static String asRoot(Container c, String run) {
        return nonRoot(c).map(user -> "USER root, then " + run + ", then USER " + user + " again (the stage runs as "
                + user + ", who cannot install packages)").orElse(run);
    }
}
