package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The support dates of the distribution releases base images are built on ({@code distribution-lifecycles.tsv}),
 * and which release an image's tag stays on: the release of an operating-system image ({@code debian:buster-slim},
 * {@code ubuntu:20.04}, {@code alpine:3.14}, {@code fedora:41}, {@code amazonlinux:2}) or the one another official
 * image's tag names ({@code python:3.11-slim-buster}, {@code rust:alpine3.14}, {@code eclipse-temurin:17-jre-focal}).
 */
public final class DistributionLifecycles {

    private DistributionLifecycles() {}

    /** What follows a release's own security support. */
    public enum Extended {
        /** Debian LTS: free, published in the same archive, for fewer architectures and packages. */
        LTS,
        /** Ubuntu Pro's Expanded Security Maintenance: only for machines attached to a subscription. */
        ESM,
        NONE
    }

    /**
     * One row of the table.
     *
     * @param securityEnd the end of the distribution's own security support, null when not announced
     * @param extendedEnd the end of the extended support, null when there is none
     * @param packagesMoved where the packages went after the end when the image's package sources then fail
     *     ({@code archive.debian.org}), or null
     */
    public record Release(String distribution, String version, String codename, LocalDate securityEnd,
            LocalDate extendedEnd, Extended extended, String packagesMoved, String source) {

        /** {@code Debian 10 (buster)}, {@code Ubuntu 20.04 (focal)}, {@code Alpine Linux 3.14}, {@code Fedora 41}. */
        public String describe() {
            return name() + (codename == null ? "" : " (" + codename + ")");
        }

        /** {@code Debian 10}, {@code Ubuntu 20.04}, {@code Alpine Linux 3.14}. */
        public String name() {
            String name = switch (distribution) {
                case "debian" -> "Debian";
                case "ubuntu" -> "Ubuntu";
                case "alpine" -> "Alpine Linux";
                case "fedora" -> "Fedora";
                case "amazonlinux" -> "Amazon Linux";
                default -> distribution;
            };
            return name + " " + version;
        }

        /** The last day anyone publishes fixes for it without a subscription, null when not announced. */
        public LocalDate freeSupportEnd() {
            return extended == Extended.LTS && extendedEnd != null ? extendedEnd : securityEnd;
        }

        /** Whether its free support had ended on the table's date. */
        public boolean ended() {
            LocalDate end = freeSupportEnd();
            return end != null && end.isBefore(date());
        }

        /** Whether it is an Ubuntu release with long-term support. */
        boolean longTerm() {
            return extended == Extended.ESM;
        }
    }

    private static final List<Release> TABLE = new ArrayList<>();
    private static LocalDate checked = LocalDate.MIN;

    static {
        load();
    }

    /** The newest day a row was checked: the day releases are judged on. */
    public static LocalDate date() {
        return checked;
    }

    /**
     * The release the reference stays on: an official image whose tag names one of the table's, a distroless
     * image whose name does ({@code gcr.io/distroless/base-debian11}), or one of hexpm's Elixir and Erlang images, whose
     * dated tags name the system they are built on ({@link #hexpm}).
     */
    public static Optional<Release> of(ImageReference ref) {
        Optional<String> distroless = DistributionReleases.distrolessDebian(ref);
        if (distroless.isPresent()) {
            return find("debian", distroless.get());
        }
        if (isHexpm(ref)) {
            return ref.hasExplicitTag() ? hexpm(ref.tag().toLowerCase(Locale.ROOT)) : Optional.empty();
        }
        String image = ImageTags.officialName(ref);
        if (image.isEmpty() || !ref.hasExplicitTag()) {
            return Optional.empty();
        }
        String tag = ref.tag().toLowerCase(Locale.ROOT);
        String first = tag.split("[-_]", 2)[0];
        return switch (image) {
            case "debian", "ubuntu", "fedora" -> find(image, first);
            case "alpine" -> find(image, majorMinor(first));
            case "amazonlinux" -> find(image, first.startsWith("2018.") || first.equals("1") ? "1"
                    : first.startsWith("2023") ? "2023" : first.equals("2") || first.startsWith("2.") ? "2" : "");
            case "centos" -> Optional.empty(); // deprecated-base-image reports every centos tag
            default -> named(tag);
        };
    }

    private static final Pattern ALPINE_RELEASE = Pattern.compile("alpine(\\d+\\.\\d+)");
    /** The system part of a hexpm tag: {@code -debian-bullseye-20210902}, {@code -ubuntu-jammy-}, {@code -alpine-3.20.5}. */
    private static final Pattern HEXPM_SYSTEM = Pattern.compile("-(debian|ubuntu)-([a-z]+)-|-alpine-(\\d+\\.\\d+)");

    /** Whether the reference is hexpm/elixir or hexpm/erlang, built by hexpm/bob on a dated system image. */
    public static boolean isHexpm(ImageReference ref) {
        String full = ref == null || ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        return full.equals("docker.io/hexpm/elixir") || full.equals("docker.io/hexpm/erlang");
    }

    /** The release a hexpm tag is built on ({@code 1.14.0-erlang-24.3.4.2-debian-bullseye-20210902-slim}). */
    private static Optional<Release> hexpm(String tag) {
        Matcher m = HEXPM_SYSTEM.matcher(tag);
        if (!m.find()) {
            return Optional.empty();
        }
        return m.group(3) != null ? find("alpine", m.group(3)) : find(m.group(1), m.group(2));
    }

    /** The release a language or service image's tag names as one of its parts ({@code slim-buster}, {@code alpine3.14}). */
    private static Optional<Release> named(String tag) {
        for (String part : tag.split("[-_]")) {
            Matcher alpine = ALPINE_RELEASE.matcher(part);
            Optional<Release> release = alpine.matches() ? find("alpine", alpine.group(1))
                    : TABLE.stream().filter(r -> part.equals(r.codename())).findFirst();
            if (release.isPresent()) {
                return release;
            }
        }
        return Optional.empty();
    }

    private static String majorMinor(String version) {
        String[] parts = version.split("\\.");
        return parts.length >= 2 ? parts[0] + "." + parts[1] : "";
    }

    /** A release by number or codename ({@code 10}, {@code 10.13}, {@code buster}). */
    private static Optional<Release> find(String distribution, String name) {
        String major = distribution.equals("debian") ? name.split("\\.")[0] : name;
        return TABLE.stream()
                .filter(r -> r.distribution().equals(distribution)
                        && (r.version().equals(major) || name.equals(r.codename())))
                .findFirst();
    }

    /**
     * The releases to move to, oldest first: the newest supported ones whose free support lasts at least six
     * months after the table's date (LTS releases only for Ubuntu), at most two.
     */
    public static List<Release> successors(String distribution) {
        LocalDate horizon = date().plusMonths(6);
        List<Release> candidates = TABLE.stream()
                .filter(r -> r.distribution().equals(distribution))
                .filter(r -> !distribution.equals("ubuntu") || r.longTerm())
                .filter(r -> r.freeSupportEnd() == null || r.freeSupportEnd().isAfter(horizon))
                .sorted(Comparator.comparing(DistributionLifecycles::order))
                .toList();
        return candidates.subList(Math.max(0, candidates.size() - 2), candidates.size());
    }

    /** Release numbers in order: {@code 3.9} before {@code 3.10}. */
    private static String order(Release release) {
        StringBuilder key = new StringBuilder();
        for (String part : release.version().split("\\.")) {
            key.append(String.format(Locale.ROOT, "%06d", Integer.parseInt(part)));
        }
        return key.toString();
    }

    private static LocalDate day(String text) {
        return text.equals("-") ? null : LocalDate.parse(text);
    }

    private static void load() {
        try (InputStream in = DistributionLifecycles.class.getResourceAsStream("distribution-lifecycles.tsv")) {
            if (in == null) {
                throw new IllegalStateException("distribution-lifecycles.tsv is missing");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t");
                if (f.length != 9) {
                    throw new IllegalStateException("distribution-lifecycles.tsv: 9 columns expected in " + line);
                }
                TABLE.add(new Release(f[0], f[1], f[2].equals("-") ? null : f[2], day(f[3]), day(f[4]),
                        Extended.valueOf(f[5].equals("-") ? "NONE" : f[5].toUpperCase(Locale.ROOT)),
                        f[6].equals("-") ? null : f[6], f[7]));
                LocalDate rowChecked = LocalDate.parse(f[8]);
                checked = rowChecked.isAfter(checked) ? rowChecked : checked;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
