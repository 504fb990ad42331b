package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.devcontainer.DevContainer;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.DevContainers;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UserIds;
import java.util.Optional;

/**
 * runs-as-root for a dev container's image that ends as root: the user the dev container tools run the developer's
 * processes as, from devcontainer.json or the metadata of a devcontainers base image.
 */
final class DevContainerUsers {

    private DevContainerUsers() {}

    /**
     * A dev container's image that ends as root: who the dev container tools run the developer's processes as
     * (terminals, lifecycle commands, the editor's server) is what matters there: devcontainer.json's remoteUser, else
     * its containerUser, else the remote user the devcontainers base image's metadata names.
     */
    static void report(Rule rule, ReviewContext context, Container container, DevContainer dev) {
        DevContainer.Value remote = dev.remoteUser();
        DevContainer.Value whole = dev.containerUser();
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        Optional<String> imageUser = DevContainers.imageRemoteUser(base);
        DevContainer.Value root = remote != null ? (UserIds.isRoot(remote.value()) ? remote : null)
                : whole != null && UserIds.isRoot(whole.value()) ? whole : null;
        String workspace = ", and the files they create in the mounted workspace belong to root on a Linux host";
        if (root != null) {
            String key = root == remote ? "remoteUser" : "containerUser";
            context.finding(rule, new Location(dev.path(), root.span()), dev.path() + " sets " + key + " to "
                            + root.value() + ": the dev container's terminals, lifecycle commands and editor server run as"
                            + " root" + workspace)
                    .severity(Severity.MEDIUM)
                    .recommendation(imageUser.map(u -> "Remove \"" + key + "\": \"" + root.value() + "\" so that the tools"
                                    + " run as " + u + ", the non-root user of " + BaseImage.describe(base) + "; use sudo in the"
                                    + " container for the steps that need root.")
                            .orElse("Create a non-root user in " + container.build().dockerfile() + " (RUN useradd"
                                    + " --create-home --uid 1000 dev) and set \"" + key + "\": \"dev\"."))
                    .add();
            return;
        }
        if (remote != null) {
            context.strength(rule, new Location(dev.path(), remote.span()), "the dev container's terminals, lifecycle"
                    + " commands and editor server run as " + remote.value() + " (remoteUser in " + dev.path() + "),"
                    + " not root");
        } else if (whole != null) {
            context.strength(rule, new Location(dev.path(), whole.span()), dev.path() + " runs the dev container as "
                    + whole.value() + " (containerUser), not root");
        } else if (imageUser.isPresent()) {
            context.strength(rule, new Location(container.build().dockerfile(), container.build().stage().from().span()),
                    BaseImage.describe(base) + " is a dev container image whose metadata makes " + imageUser.get() + " the remote"
                            + " user: the dev container's terminals, lifecycle commands and editor server run as "
                            + imageUser.get() + ", not root");
        } else {
            boolean knownBase = BaseImageFacts.defaultUserKnown(base);
            context.finding(rule, new Location(container.build().dockerfile(), container.build().stage().from().span()),
                            "no USER in the dev container's image, and " + dev.path() + " sets neither remoteUser nor"
                            + " containerUser: the dev container's terminals, lifecycle commands and editor server run as "
                            + (knownBase ? "root" : "the user " + BaseImage.describe(base) + " ends with, root unless it sets"
                                    + " another") + workspace)
                    .severity(Severity.MEDIUM)
                    .implicit()
                    .recommendation("Create a non-root user in " + container.build().dockerfile() + " (RUN useradd"
                            + " --create-home --uid 1000 dev) and set \"remoteUser\": \"dev\" in " + dev.path()
                            + ", or build FROM an mcr.microsoft.com/devcontainers image, whose vscode user (uid 1000) the"
                            + " dev container tools use.")
                    .add();
        }
    }
}
