package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Linux distribution, release and system libraries an image is built on, as far as its name and tag tell:
 * operating-system images ({@code debian:bookworm-slim}, {@code ubuntu:22.04}, {@code alpine:3.20}), distroless,
 * official images whose tag names the release ({@code python:3.12-slim-bookworm}), the official elixir and erlang
 * images (Debian unless the tag says alpine) and hexpm's ({@code 1.17.3-erlang-27.1.2-debian-bookworm-20241016-slim}), the
 * official rust image and cargo-chef's (the Debian release of the Rust version's default variant).
 * What programs compiled on one of them need from the other: the C library and OpenSSL's major version.
 */
public final class ImageSystems {

    private ImageSystems() {}

    /**
     * One image's system.
     *
     * @param family {@code debian}, {@code ubuntu} or {@code alpine}
     * @param release the codename ({@code bookworm}, {@code jammy}) or the Alpine version ({@code 3.20}); null when the
     *     tag does not tell
     */
    public record OperatingSystem(String family, String release) {

        public boolean musl() {
            return family.equals("alpine");
        }

        /** The C library in words. */
        public String libc() {
            return musl() ? "musl" : "glibc" + (glibc() == null ? "" : " " + glibc());
        }

        /** {@code Debian bookworm}, {@code Alpine 3.20}, {@code Debian} when the release is unknown. */
        public String describe() {
            String name = switch (family) {
                case "debian" -> "Debian";
                case "ubuntu" -> "Ubuntu";
                default -> "Alpine";
            };
            return release == null ? name : name + " " + release;
        }

        /** The glibc version of a Debian or Ubuntu release, null when unknown. */
        public String glibc() {
            Facts facts = release == null ? null : FACTS.get(release);
            return facts == null ? null : facts.glibc();
        }

        /** The major version of the OpenSSL library the release ships ({@code 1.1}, {@code 3}), null when unknown. */
        public String openssl() {
            if (release == null) {
                return null;
            }
            if (musl()) {
                String[] parts = release.split("\\.");
                if (parts.length < 2 || !parts[1].matches("\\d+")) {
                    return null;
                }
                int minor = Integer.parseInt(parts[1]);
                return !parts[0].equals("3") ? null : minor >= 17 ? "3" : minor >= 9 ? "1.1" : null;
            }
            Facts facts = FACTS.get(release);
            return facts == null ? null : facts.openssl();
        }
    }

    private record Facts(String glibc, String openssl) {}

    /** glibc and OpenSSL of the Debian and Ubuntu releases images are still built on. */
    private static final Map<String, Facts> FACTS = Map.ofEntries(
            Map.entry("stretch", new Facts("2.24", "1.1")),
            Map.entry("buster", new Facts("2.28", "1.1")),
            Map.entry("bullseye", new Facts("2.31", "1.1")),
            Map.entry("bookworm", new Facts("2.36", "3")),
            Map.entry("trixie", new Facts("2.41", "3")),
            Map.entry("bionic", new Facts("2.27", "1.1")),
            Map.entry("focal", new Facts("2.31", "1.1")),
            Map.entry("jammy", new Facts("2.35", "3")),
            Map.entry("noble", new Facts("2.39", "3")));

    private static final Pattern HEXPM = Pattern.compile("-(debian|ubuntu)-([a-z]+)-|-alpine-(\\d+\\.\\d+)");
    private static final Pattern ALPINE_IN_TAG = Pattern.compile("(?:^|-)alpine(\\d+\\.\\d+)?(?:$|-)");

    private static final Pattern RUST_VERSION = Pattern.compile("(?:^|rust-)1\\.(\\d+)(?:\\.\\d+)?(?:$|-)");
    private static final Pattern ROLLING_RUST = Pattern.compile("(?:latest-rust-)?(?:latest|1|slim|1-slim|stable)");

    /**
     * The Debian release of an official rust image (or lukemathwalker/cargo-chef, built on it) whose tag names none:
     * the default variant moved from buster to bullseye at Rust 1.55/1.56, to bookworm between 1.70 and 1.74, and to
     * trixie with 1.89/1.90; the versions at each move are left out. The rolling tags (latest, 1, slim) follow the
     * current default, trixie.
     */
    private static Optional<OperatingSystem> rustDebian(String tag) {
        for (String part : tag.split("-")) {
            if (FACTS.containsKey(part)) {
                return Optional.of(new OperatingSystem("debian", part));
            }
        }
        if (ROLLING_RUST.matcher(tag).matches()) {
            return Optional.of(new OperatingSystem("debian", "trixie"));
        }
        Matcher version = RUST_VERSION.matcher(tag);
        if (!version.find()) {
            return Optional.empty();
        }
        int minor = Integer.parseInt(version.group(1));
        String release = minor <= 54 ? "buster" : minor >= 56 && minor <= 69 ? "bullseye"
                : minor >= 74 && minor <= 88 ? "bookworm" : minor >= 90 ? "trixie" : null;
        return Optional.ofNullable(release).map(r -> new OperatingSystem("debian", r));
    }

    /** Whether this system's glibc is older than the other's, when both are known glibc releases. */
    public static boolean olderGlibc(OperatingSystem system, OperatingSystem than) {
        if (system.musl() || than.musl() || system.glibc() == null || than.glibc() == null) {
            return false;
        }
        String[] a = system.glibc().split("\\.");
        String[] b = than.glibc().split("\\.");
        for (int i = 0; i < Math.min(a.length, b.length); i++) {
            int diff = Integer.parseInt(a[i]) - Integer.parseInt(b[i]);
            if (diff != 0) {
                return diff < 0;
            }
        }
        return a.length < b.length;
    }

    /** The system of the image a stage starts from, or empty when drydock cannot tell (a variable, scratch, other images). */
    public static Optional<OperatingSystem> of(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        return of(external.reference());
    }

    public static Optional<OperatingSystem> of(ImageReference ref) {
        String full = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        String tag = ref.effectiveTagLowerCase();
        if (tag.contains("$") || full.contains("$")) {
            return Optional.empty();
        }
        if (full.equals("docker.io/hexpm/elixir") || full.equals("docker.io/hexpm/erlang")) {
            Matcher m = HEXPM.matcher(tag);
            if (!m.find()) {
                return Optional.empty();
            }
            return Optional.of(m.group(3) != null ? new OperatingSystem("alpine", m.group(3))
                    : new OperatingSystem(m.group(1), m.group(2)));
        }
        Optional<DistributionLifecycles.Release> release = DistributionLifecycles.of(ref);
        if (release.isPresent()) {
            DistributionLifecycles.Release r = release.get();
            return switch (r.distribution()) {
                case "debian", "ubuntu" -> r.codename() == null ? Optional.empty()
                        : Optional.of(new OperatingSystem(r.distribution(), r.codename()));
                case "alpine" -> Optional.of(new OperatingSystem("alpine", r.version()));
                default -> Optional.empty();
            };
        }
        String official = ImageTags.officialName(ref);
        Matcher alpine = ALPINE_IN_TAG.matcher(tag);
        if (official.equals("rust") || full.equals("docker.io/lukemathwalker/cargo-chef")) {
            return alpine.find() ? Optional.of(new OperatingSystem("alpine", alpine.group(1))) : rustDebian(tag);
        }
        return switch (official) {
            case "debian", "ubuntu" -> Optional.of(new OperatingSystem(official, null));
            case "alpine" -> Optional.of(new OperatingSystem("alpine", null));
            case "elixir", "erlang" -> Optional.of(alpine.find() ? new OperatingSystem("alpine", alpine.group(1))
                    : new OperatingSystem("debian", null));
            default -> Optional.empty();
        };
    }
}
