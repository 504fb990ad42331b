package dev.drydock.core.project;

import dev.drydock.core.compose.Service;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.ScriptFiles;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.supervisor.Supervision;
import java.util.List;

/**
 * Something that runs: a compose service, or a Dockerfile no compose service builds (then the image
 * built from it with default arguments). Everything rules need about it, linked across files.
 *
 * @param name the service name, or the Dockerfile's path for a lone Dockerfile
 * @param service the compose service, or null
 * @param composeFile the compose file that declares the service (relative path), or null
 * @param origin where the service (or the Dockerfile's target stage) is declared
 * @param build how the image is built, or null for a service that only pulls an image
 * @param image the image name it runs or tags, or null
 * @param manifests the dependency manifests inside the build context
 * @param command the command PID 1 runs, or null when nothing sets one (the base image's default)
 * @param entryPoint what that command starts, as read from it, or null
 * @param entryFiles the application's files in the project (relative paths) the command runs, in lookup order
 * @param healthcheck the healthcheck in effect, or null when none is configured
 * @param user the user the container runs as (compose {@code user} over USER), with its origin; null when
 *     neither sets one (the base image's default, root unless the image says otherwise)
 * @param supervision the programs a process manager runs: supervisord, when the command is supervisord and its
 *     configuration is among the files the image copies from the build context (or the distribution's, with files
 *     copied to its include folder); s6-svscan, s6-overlay's /init or runsvdir, when the service folders' run scripts
 *     are; null otherwise
 * @param imageLink why a service that only pulls an image is reviewed with {@code build}'s Dockerfile; null for every
 *     other container
 * @param scripts the project files the image's scripts are copies of, by their path in the image
 */
public record Container(String name, Service service, String composeFile, Origin origin, BuildLink build, String image,
        List<Manifest> manifests, EffectiveCommand command, EntryPoint entryPoint, List<String> entryFiles,
        EffectiveHealthcheck healthcheck, Setting user, Supervision supervision, ImageLink imageLink,
        ScriptFiles scripts) {

    public Container {
        manifests = List.copyOf(manifests);
        entryFiles = List.copyOf(entryFiles);
    }

    /** A value of the container's configuration and where it is set. */
    public record Setting(String value, Origin origin) {}

    public boolean isComposeService() {
        return service != null;
    }
}
