package dev.drydock.core.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compose files whose own name does not say so: named for their environment alone at the project root
 * ({@code local.yml} and {@code production.yml} as cookiecutter-django generated them before 2024, run with
 * {@code docker compose -f production.yml up}), or any YAML file in a folder named for compose files
 * ({@code contrib/docker-compose/basic.yml}, {@code examples/compose/traefik.yml}). Such names are common
 * for other YAML too (Ansible inventories, application settings, a proxy's configuration kept beside the
 * stacks), so the file is taken as a compose file only when its text declares services that build or pull an
 * image.
 */
final class StackFileNames {

    private StackFileNames() {}

    private static final Set<String> NAMES = Set.of("local.yml", "local.yaml", "production.yml",
            "production.yaml", "staging.yml", "staging.yaml");

    /** {@code compose}, {@code docker-compose}, {@code compose-examples}, {@code docker_compose}; not {@code composer}. */
    private static final Pattern COMPOSE_FOLDER = Pattern.compile("(.*[-_.])?compose([-_.].*)?");

    private static final long MAX_SIZE = 256 * 1024;

    private static final Pattern SERVICES = Pattern.compile("(?m)^services:[ \\t]*(?:#.*)?$");

    private static final Pattern SERVICE_IMAGE = Pattern.compile("(?m)^[ \\t]+(?:build|image):");

    /** Whether a file has one of the names at the root, or is YAML in a compose folder, and has a size worth reading. */
    static boolean isCandidate(String relative, long size) {
        if (size > MAX_SIZE) {
            return false;
        }
        int slash = relative.lastIndexOf('/');
        if (slash < 0) {
            return NAMES.contains(relative);
        }
        String name = relative.substring(slash + 1).toLowerCase(Locale.ROOT);
        String folder = relative.substring(relative.lastIndexOf('/', slash - 1) + 1, slash).toLowerCase(Locale.ROOT);
        return (name.endsWith(".yml") || name.endsWith(".yaml")) && COMPOSE_FOLDER.matcher(folder).matches();
    }

    /** Whether the file's text has a top-level {@code services:} key and a service that builds or pulls an image. */
    static boolean declaresServices(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8);
            return SERVICES.matcher(text).find() && SERVICE_IMAGE.matcher(text).find();
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
