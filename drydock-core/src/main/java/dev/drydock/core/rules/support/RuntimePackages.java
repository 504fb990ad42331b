package dev.drydock.core.rules.support;

import dev.drydock.core.rules.support.PackageCommands.Manager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a final stage keeps of the packages a builder stage installs: for a development package, the
 * runtime library to install instead (read from {@code runtime-packages.properties}), or nothing when
 * the base image already holds it. Only names drydock is sure of are listed; any other development
 * package has no known runtime counterpart.
 */
public final class RuntimePackages {

    private static final Properties TABLE = load();

    private RuntimePackages() {}

    /** What to keep in its place. */
    public sealed interface Keep {
        /** Install this runtime package. */
        record Package(String name) implements Keep {}

        /** Nothing: the base image already has the library. */
        record Provided() implements Keep {}
    }

    /**
     * What the final stage needs for a development package, or empty when drydock does not know.
     *
     * @param pythonImage whether the final stage is built on an official python image
     */
    public static Optional<Keep> forDevelopmentPackage(Manager manager, String name, boolean pythonImage) {
        String key = key(manager);
        if (key == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (pythonImage && providedByPython(key).contains(n)) {
            return Optional.of(new Keep.Provided());
        }
        String runtime = TABLE.getProperty(key + "." + n);
        return runtime == null || runtime.isBlank() ? Optional.empty() : Optional.of(new Keep.Package(runtime.strip()));
    }

    private static Set<String> providedByPython(String key) {
        String list = TABLE.getProperty("python." + key, "");
        return Arrays.stream(list.split("\\s+")).filter(s -> !s.isEmpty()).collect(Collectors.toSet());
    }

    private static String key(Manager manager) {
        return switch (manager) {
            case APT -> "apt";
            case APK -> "apk";
            default -> null;
        };
    }

    private static Properties load() {
        Properties p = new Properties();
        try (InputStream in = RuntimePackages.class.getResourceAsStream("runtime-packages.properties")) {
            if (in == null) {
                throw new IllegalStateException("runtime-packages.properties is missing from the class path");
            }
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
