package dev.drydock.core.image;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The Jupyter Docker Stacks' notebook images ({@code quay.io/jupyter/*-notebook}, formerly {@code jupyter/*-notebook} on
 * Docker Hub): base-notebook, which the others are built on, ends with a HEALTHCHECK since March 2022 (docker-stacks
 * pull request 1660); the images published on quay.io run {@code /etc/jupyter/docker_healthcheck.py}, which asks the
 * running Jupyter server's API. Older tags on Docker Hub are left out: some predate the check.
 */
public final class JupyterStackImages {

    private JupyterStackImages() {}

    /**
     * What the images' ENTRYPOINT {@code ["tini", "-g", "--", "start.sh"]} leaves in front of the CMD once start.sh has
     * prepared the user and run it with exec: tini as PID 1, passing docker stop's signal to the whole process group.
     */
    public static final List<String> ENTRYPOINT_INIT = List.of("tini", "-g", "--");

    /**
     * Whether the image is one of the stacks ({@code docker-stacks-foundation} and the {@code *-notebook} images built on
     * it), on quay.io or Docker Hub.
     */
    public static boolean is(ImageReference ref) {
        if (ref == null || !ref.isImage() || ref.fullName() == null) {
            return false;
        }
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        return (name.startsWith("quay.io/jupyter/") || name.startsWith("docker.io/jupyter/"))
                && (name.endsWith("-notebook") || name.endsWith("/docker-stacks-foundation"));
    }

    /** The HEALTHCHECK of quay.io's notebook images, as Docker stores it. */
    public static final List<String> HEALTHCHECK = List.of("CMD-SHELL", "/etc/jupyter/docker_healthcheck.py || exit 1");

    /**
     * Whether the notebook image ends with a HEALTHCHECK: every quay.io tag, and on Docker Hub (frozen since October 2023)
     * latest, the python-3.11 tags and the date tags from 2022-03-17 on.
     */
    public static boolean checksItself(ImageReference ref) {
        if (ref == null || !ref.isImage() || ref.fullName() == null) {
            return false;
        }
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        if (!name.endsWith("-notebook")) {
            return false;
        }
        if (name.startsWith("quay.io/jupyter/")) {
            return true;
        }
        String tag = ref.effectiveTagLowerCase();
        return name.startsWith("docker.io/jupyter/") && (tag.equals("latest") || tag.startsWith("python-3.11")
                || tag.matches("\\d{4}-\\d{2}-\\d{2}") && tag.compareTo("2022-03-17") >= 0);
    }

    /** The HEALTHCHECK the image ends with, where drydock knows it. */
    public static Optional<List<String>> healthcheck(ImageReference ref) {
        if (ref == null || !ref.isImage() || ref.fullName() == null) {
            return Optional.empty();
        }
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        return name.startsWith("quay.io/jupyter/") && name.endsWith("-notebook") ? Optional.of(HEALTHCHECK)
                : Optional.empty();
    }
}
