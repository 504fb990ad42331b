package dev.drydock.core.discovery;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Compose files named for their environment alone, at the project root: {@code local.yml} and
 * {@code production.yml} as cookiecutter-django generated them before 2024 ({@code docker compose -f
 * production.yml up}). Those names are common for other YAML too (Ansible inventories, application
 * settings), so such a file is taken as a compose file only when its text declares services that build or
 * pull an image.
 */
final class StackFileNames {

    private StackFileNames() {}

    private static final Set<String> NAMES = Set.of("local.yml", "local.yaml", "production.yml",
            "production.yaml", "staging.yml", "staging.yaml");

    private static final long MAX_SIZE = 256 * 1024;

    private static final Pattern SERVICES = Pattern.compile("(?m)^services:[ \\t]*(?:#.*)?$");

    private static final Pattern SERVICE_IMAGE = Pattern.compile("(?m)^[ \\t]+(?:build|image):");

    /** Whether a root-level file has one of the names and a size worth reading. */
    static boolean isCandidate(String relative, long size) {
        return relative.indexOf('/') < 0 && NAMES.contains(relative) && size <= MAX_SIZE;
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
