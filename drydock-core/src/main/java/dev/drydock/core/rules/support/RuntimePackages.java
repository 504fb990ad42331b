package dev.drydock.core.rules.support;

import dev.drydock.core.rules.support.ImageSystems.OperatingSystem;
import dev.drydock.core.rules.support.PackageCommands.Manager;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a final stage keeps of the packages a builder stage installs: for a development package, the runtime library
 * to install instead, by the release of the stage's base image (read from {@code runtime-packages.properties}), or
 * nothing when the base image already holds it. Only names drydock is sure of are listed; any other development
 * package has no known runtime counterpart.
 */
public final class RuntimePackages {

    private static final Properties TABLE = load();

    /** The apt releases the table names, with how a message names them. */
    private static final Map<String, String> RELEASES = Map.of("bookworm", "Debian 12", "trixie", "Debian 13",
            "jammy", "Ubuntu 22.04", "noble", "Ubuntu 24.04");

    private RuntimePackages() {}

    /** What to keep in its place. */
    public sealed interface Keep {
        /** Install this runtime package. */
        record Package(String name) implements Keep {}

        /** Nothing: the base image already has the library. */
        record Provided() implements Keep {}
    }

    /** Debian and Ubuntu releases before the table's, approximated by its oldest; any other unlisted one is newer. */
    private static final Set<String> OLDER = Set.of("jessie", "stretch", "buster", "bullseye", "xenial", "bionic",
            "focal");

    /**
     * The releases a name must hold in for a stage on this system: its own, when the table has it; both releases of
     * its distribution when the tag does not tell which (python:3.12-slim); Debian 12 and 13, the releases the
     * official images are built on, when drydock cannot tell the system. {@code unlisted} names a release the table
     * does not have (Debian 11, Ubuntu 26.04), whose names are then only approximated by the nearest release it has.
     */
    private record Releases(List<String> codenames, String unlisted) {

        static Releases of(Optional<OperatingSystem> system) {
            OperatingSystem os = system.orElse(null);
            boolean ubuntu = os != null && os.family().equals("ubuntu");
            if (os == null || os.release() == null || os.musl()) {
                return new Releases(ubuntu ? List.of("jammy", "noble") : List.of("bookworm", "trixie"), null);
            }
            if (RELEASES.containsKey(os.release())) {
                return new Releases(List.of(os.release()), null);
            }
            boolean older = OLDER.contains(os.release());
            String nearest = ubuntu ? (older ? "jammy" : "noble") : (older ? "bookworm" : "trixie");
            return new Releases(List.of(nearest), os.describe());
        }

        String describe() {
            List<String> names = codenames.stream().map(RELEASES::get).toList();
            if (names.size() == 2 && names.get(0).startsWith("Debian") && names.get(1).startsWith("Debian")) {
                return "Debian 12 and 13";
            }
            if (names.size() == 2 && names.get(0).startsWith("Ubuntu") && names.get(1).startsWith("Ubuntu")) {
                return "Ubuntu 22.04 and 24.04";
            }
            return codenames.size() == 1 ? names.get(0) + " (" + codenames.get(0) + ")" : String.join(" and ", names);
        }
    }

    /** The first Alpine release whose package names the table's apk entries were checked against. */
    private static final int[] FIRST_ALPINE = {3, 18};

    /** Whether the system is an Alpine release before the table's ({@code alpine:3.16}), where names may differ. */
    private static boolean olderAlpine(Optional<OperatingSystem> system) {
        if (system.isEmpty() || !system.get().musl() || system.get().release() == null) {
            return false;
        }
        String[] parts = system.get().release().split("\\.");
        if (parts.length < 2 || !parts[0].matches("\\d+") || !parts[1].matches("\\d+")) {
            return false;
        }
        int major = Integer.parseInt(parts[0]);
        int minor = Integer.parseInt(parts[1]);
        return major < FIRST_ALPINE[0] || major == FIRST_ALPINE[0] && minor < FIRST_ALPINE[1];
    }

    /**
     * What the final stage needs for a development package, or empty when drydock does not know one name that holds
     * wherever the stage may be built (see {@link Releases}).
     *
     * @param pythonImage whether the final stage is built on an official python image
     * @param system the system of the final stage's base image, as far as its name tells
     */
    public static Optional<Keep> forDevelopmentPackage(Manager manager, String name, boolean pythonImage,
            Optional<OperatingSystem> system) {
        String key = key(manager);
        if (key == null) {
            return Optional.empty();
        }
        String n = name.toLowerCase(Locale.ROOT);
        if (pythonImage && providedByPython(key).contains(n)) {
            return Optional.of(new Keep.Provided());
        }
        boolean unlisted = manager == Manager.APT ? Releases.of(system).unlisted() != null : olderAlpine(system);
        if (unlisted) {
            return Optional.empty();
        }
        Map<String, String> names = names(manager, n, system);
        Set<String> distinct = new LinkedHashSet<>(names.values());
        return names.isEmpty() || names.containsValue(null) || distinct.size() != 1 ? Optional.empty()
                : Optional.of(new Keep.Package(distinct.iterator().next()));
    }

    /**
     * The runtime package as a message names it: one name where it holds in every release the stage may be built on
     * ({@code libpq5}), the name of each release where they differ ({@code libicu72 (Debian 12) or libicu76 (Debian
     * 13)}); empty when the table has none.
     */
    public static Optional<String> describe(Manager manager, String name, Optional<OperatingSystem> system) {
        if (key(manager) == null) {
            return Optional.empty();
        }
        Map<String, String> names = names(manager, name.toLowerCase(Locale.ROOT), system);
        Set<String> distinct = names.values().stream().filter(v -> v != null).collect(Collectors.toCollection(LinkedHashSet::new));
        if (distinct.isEmpty()) {
            return Optional.empty();
        }
        if (distinct.size() == 1 && !names.containsValue(null)) {
            return Optional.of(distinct.iterator().next());
        }
        List<String> each = new ArrayList<>();
        names.forEach((release, runtime) -> {
            if (runtime != null) {
                each.add(runtime + " (" + RELEASES.get(release) + ")");
            }
        });
        return Optional.of(String.join(" or ", each));
    }

    /**
     * Which releases the apt names of {@link #describe} are those of, for a message: {@code (package names of Ubuntu
     * 24.04)}, {@code (package names of Debian 12 and 13)}, with a warning for a release the table does not have; for
     * apk, whose names hold from Alpine 3.18 on, only a warning for an older Alpine release.
     */
    public static String releaseNote(Manager manager, Optional<OperatingSystem> system) {
        if (manager == Manager.APK) {
            return olderAlpine(system) ? " (Alpine 3.18 and later package names: the base image is "
                    + system.get().describe() + ", where some names may differ; apk search in the image shows them)"
                    : "";
        }
        if (manager != Manager.APT) {
            return "";
        }
        Releases releases = Releases.of(system);
        if (releases.unlisted() != null) {
            return " (" + releases.describe() + " package names: the base image is " + releases.unlisted() + ", where"
                    + " the version in some names differs; apt-cache search in the image shows them)";
        }
        return " (package names of " + releases.describe() + ")";
    }

    /** The runtime name in each release the stage may be built on, null where the table has none. */
    private static Map<String, String> names(Manager manager, String name, Optional<OperatingSystem> system) {
        String value = TABLE.getProperty(key(manager) + "." + name);
        Map<String, String> out = new LinkedHashMap<>();
        if (manager != Manager.APT) {
            if (value != null && !value.isBlank()) {
                out.put("", value.strip());
            }
            return out;
        }
        Map<String, String> byRelease = byRelease(value);
        for (String release : Releases.of(system).codenames()) {
            out.put(release, byRelease.get(release));
        }
        return out;
    }

    /** {@code libpq5} for every release, or {@code bookworm:libicu72 trixie:libicu76 ...} release by release. */
    private static Map<String, String> byRelease(String value) {
        Map<String, String> out = new LinkedHashMap<>();
        if (value == null || value.isBlank()) {
            return out;
        }
        if (!value.contains(":")) {
            RELEASES.keySet().forEach(r -> out.put(r, value.strip()));
            return out;
        }
        for (String entry : value.strip().split("\\s+")) {
            int colon = entry.indexOf(':');
            out.put(entry.substring(0, colon), entry.substring(colon + 1));
        }
        return out;
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
