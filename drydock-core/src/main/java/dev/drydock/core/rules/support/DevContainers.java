package dev.drydock.core.rules.support;

import dev.drydock.core.devcontainer.DevContainer;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.ReviewContext;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The development containers of the project: images a {@code devcontainer.json} builds for developers to work in
 * (its {@code build.dockerfile}, or the {@code service} of its compose files), not images that ship. Such an image runs
 * the editor's server, terminals and lifecycle commands as the dev container's remote user; its command is an idle
 * placeholder the tools start ({@code sleep infinity}), so health, labels, scanning and production servers are not its
 * concerns.
 *
 * <p>A build counts when its Dockerfile is one of the dev container's own ({@code .devcontainer/Dockerfile}), is named
 * for development ({@code Dockerfile.dev}) or builds a development stage; a devcontainer.json that reuses the project's
 * production Dockerfile ({@code "dockerfile": "../Dockerfile"}) does not make that image a development one. A compose
 * service counts when it is the dev container's {@code service} in a development compose file.
 */
public final class DevContainers {

    /** The remote user the devcontainers images' metadata names, by image ({@code remoteUser} of their definitions). */
    private static final Map<String, String> IMAGE_REMOTE_USERS = Map.ofEntries(
            Map.entry("base", "vscode"), Map.entry("python", "vscode"), Map.entry("go", "vscode"),
            Map.entry("rust", "vscode"), Map.entry("dotnet", "vscode"), Map.entry("ruby", "vscode"),
            Map.entry("cpp", "vscode"), Map.entry("java", "vscode"), Map.entry("php", "vscode"),
            Map.entry("miniconda", "vscode"), Map.entry("anaconda", "vscode"), Map.entry("jekyll", "vscode"),
            Map.entry("javascript-node", "node"), Map.entry("typescript-node", "node"),
            Map.entry("universal", "codespace"));

    private static final String[] IMAGE_PREFIXES = {"mcr.microsoft.com/devcontainers/",
            "mcr.microsoft.com/vscode/devcontainers/"};

    private DevContainers() {}

    /** The configuration that builds or runs this container as a development container, or empty. */
    public static Optional<DevContainer> of(ReviewContext context, Container c) {
        if (c.build() == null) {
            return Optional.empty();
        }
        for (DevContainer dev : context.project().devContainers()) {
            if (c.service() == null && dev.build() != null && c.build().origin() != null
                    && dev.path().equals(c.build().origin().file()) && developmentBuild(dev)) {
                return Optional.of(dev);
            }
            if (c.service() != null && dev.compose() != null && c.name().equals(dev.compose().service())
                    && dev.compose().files().contains(c.composeFile())
                    && ComposeServices.isDevelopmentFile(context, c.composeFile())) {
                return Optional.of(dev);
            }
        }
        return Optional.empty();
    }

    /**
     * The compose files a dev container starts on their own ({@code "dockerComposeFile": "../compose.yaml"}): its
     * environment. A file a devcontainer.json layers its own override over ({@code ["../compose.yaml",
     * "compose.extend.yaml"]}) is the project's stack, reused.
     */
    static Set<String> composeFiles(Project project) {
        Set<String> files = new HashSet<>();
        for (DevContainer dev : project.devContainers()) {
            if (dev.compose() != null && dev.compose().files().size() == 1) {
                files.add(dev.compose().files().get(0));
            }
        }
        return files;
    }

    /**
     * The user the dev container tools run their processes as by default on this base image: the {@code remoteUser}
     * that the devcontainers images ({@code mcr.microsoft.com/devcontainers/python}) record in their metadata label
     * (vscode, uid 1000, on most; node on the Node.js ones), or empty.
     */
    public static Optional<String> imageRemoteUser(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null) {
            return Optional.empty();
        }
        ImageReference ref = external.reference();
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        return Arrays.stream(IMAGE_PREFIXES).filter(name::startsWith).findFirst()
                .map(prefix -> IMAGE_REMOTE_USERS.get(name.substring(prefix.length())));
    }

    private static boolean developmentBuild(DevContainer dev) {
        String dockerfile = dev.build().dockerfile();
        return ("/" + dockerfile).contains("/.devcontainer/") || ComposeServices.isDevelopmentFile(dockerfile)
                || BuiltImage.isDevelopmentStageName(dev.build().target());
    }
}
