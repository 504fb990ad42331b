package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageVersions;
import dev.drydock.core.rules.support.DistributionLifecycles;
import dev.drydock.core.rules.support.DistributionLifecycles.Extended;
import dev.drydock.core.rules.support.DistributionLifecycles.Release;
import dev.drydock.core.rules.support.DistributionReleases;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.Stages;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What end-of-life-base-image says about an image whose tag stays on a distribution release past its end: the
 * dates, whether the image's package sources still answer, and the tags of a supported release to move to.
 */
final class DistributionEnd {

    private final ImageReference ref;
    private final Release release;
    private final boolean ships;
    /** Whether the image is the distribution's own ({@code debian:buster}) rather than one built on it. */
    private final boolean own;
    /** Whether it is a distroless image, whose name carries the release and which has no package manager. */
    private final boolean distroless;
    /** Whether it is one of hexpm's images, whose tags carry the date of the system image they are built on. */
    private final boolean hexpm;

    DistributionEnd(ImageReference ref, Release release, boolean ships) {
        this.ref = ref;
        this.release = release;
        this.ships = ships;
        this.own = ref.imageName().toLowerCase(Locale.ROOT).equals(release.distribution());
        this.distroless = DistributionReleases.distrolessDebian(ref).isPresent();
        this.hexpm = DistributionLifecycles.isHexpm(ref);
    }

    /**
     * Reports it at {@code where}; {@code subject} names the image as the message starts ({@code debian:buster},
     * {@code the image redis:6-bullseye of cache}); {@code builder} is the builder stage it is the base of, or null.
     */
    void report(Rule rule, ReviewContext context, Location where, String subject, Stage builder,
            Severity severity) {
        StringBuilder message = new StringBuilder(subject)
                .append(own ? " is " : " is built on ").append(facts(!own));
        if (builder != null) {
            message.append("; it is the base of the builder ").append(Stages.describe(builder));
        }
        context.finding(rule, where, message.toString())
                .severity(severity)
                .recommendation(recommendation())
                .add();
    }

    /**
     * The release, its end, and what that means for the image and its builds; {@code staysOn} adds that the
     * tag stays on it.
     */
    String facts(boolean staysOn) {
        StringBuilder out = new StringBuilder(release.describe());
        if (staysOn) {
            out.append(distroless ? ", the release its name stays on" : ", the release its tag stays on");
        }
        LocalDate end = release.freeSupportEnd();
        String since = " (" + elapsed(end, DistributionLifecycles.date()) + " before " + DistributionLifecycles.date()
                + ")";
        if (release.extended() == Extended.LTS && release.securityEnd() != null) {
            out.append(": its security support ended on ").append(release.securityEnd())
                    .append(" and its free long-term support (Debian LTS) on ").append(end)
                    .append(", and Debian has published no fixes for its packages since").append(since)
                    .append("; only Freexian's paid Extended LTS still fixes the packages its sponsors choose, in its")
                    .append(" own repository, which the image does not use");
        } else if (release.extended() == Extended.ESM && release.extendedEnd() != null) {
            out.append(": its standard support ended on ").append(end).append(since).append(", and the fixes")
                    .append(" until ").append(release.extendedEnd()).append(" go only to machines attached to an")
                    .append(" Ubuntu Pro subscription (Expanded Security Maintenance), not to the public archive the")
                    .append(" image installs from");
        } else {
            out.append(": its support ended on ").append(end)
                    .append(", and no fixes have been published for its packages since").append(since);
        }
        if (release.packagesMoved() != null && !distroless) {
            out.append("; its packages have left the regular mirrors for ").append(release.packagesMoved())
                    .append(", so `apt-get update` with the image's own package sources fails (no Release file,")
                    .append(" 404) and every build step that installs packages breaks");
        }
        return out.toString();
    }

    /** High when it ships and the end is two years old or its builds break; low for builders whose builds work. */
    Severity severity() {
        boolean breaks = release.packagesMoved() != null && !distroless; // distroless installs no packages
        boolean longPast = Period.between(release.freeSupportEnd(), DistributionLifecycles.date()).toTotalMonths()
                >= 24;
        if (ships) {
            return breaks || longPast ? Severity.HIGH : Severity.MEDIUM;
        }
        return breaks ? Severity.MEDIUM : Severity.LOW;
    }

    String recommendation() {
        List<Release> successors = DistributionLifecycles.successors(release.distribution());
        if (!own && release.distribution().equals("ubuntu") && successors.size() > 1) {
            successors = successors.subList(0, 1); // images built on Ubuntu add a new LTS release late
        }
        List<String> tags = new ArrayList<>();
        for (Release successor : successors) {
            String name = distroless ? ref.familiarName().replaceAll("-debian\\d+$", "-debian" + successor.version())
                    + (ref.hasExplicitTag() ? ":" + ref.tag() : "") : ref.familiarName() + ":" + successorTag(successor);
            tags.add(name + " (" + successor.name() + supportedUntil(successor) + ")");
        }
        StringBuilder out = new StringBuilder("Move to ").append(String.join(" or ", tags));
        String moving = own || distroless || hexpm ? null : movingTag();
        if (moving != null) {
            out.append(", or ").append(moving).append(", which follows the release the image is currently built on");
        }
        if (hexpm) {
            out.append(release.distribution().equals("alpine") ? ", with the Alpine patch release" : ", with the date")
                    .append(" of a build listed on Docker Hub (hexpm builds Elixir and Erlang/OTP on dated images of")
                    .append(" each system; a pair too old to be built on the new release needs a newer Elixir or OTP")
                    .append(" too)");
        }
        if (distroless) {
            out.append("; test the application on it (its libraries change between releases) and pin its digest");
        } else {
            out.append("; test the application on it (package names and versions change between releases) and pin")
                    .append(" it");
        }
        if ("archive.debian.org".equals(release.packagesMoved()) && !distroless) {
            out.append(". A build that cannot move yet only keeps working by pointing its package sources at")
                    .append(" archive.debian.org, which gets no fixes either");
        }
        return out.append('.').toString();
    }

    private static String supportedUntil(Release successor) {
        LocalDate end = successor.freeSupportEnd();
        if (end == null) {
            return "";
        }
        boolean inLts = successor.extended() == Extended.LTS && successor.securityEnd() != null
                && successor.securityEnd().isBefore(DistributionLifecycles.date());
        return inLts ? ", kept by Debian LTS until " + end : ", supported until " + end;
    }

    /** The tag naming {@code successor} instead of the release: {@code bookworm-slim}, {@code 3.11-slim-trixie}. */
    private String successorTag(Release successor) {
        if (hexpm) {
            String tag = ref.tag().toLowerCase(Locale.ROOT);
            return successor.distribution().equals("alpine")
                    ? tag.replaceAll("-alpine-\\d+\\.\\d+(?:\\.\\d+)?", "-alpine-" + successor.version() + ".N")
                    : tag.replaceAll("-(debian|ubuntu)-[a-z]+-\\d{8}", "-$1-" + successor.codename() + "-YYYYMMDD");
        }
        String tag = own ? ref.tag().toLowerCase(Locale.ROOT) : lineTag();
        if (own) {
            return switch (release.distribution()) {
                case "debian" -> successor.codename() + (tag.contains("slim") ? "-slim" : "");
                default -> successor.version();
            };
        }
        String from = release.distribution().equals("alpine") ? "alpine" + release.version() : release.codename();
        String to = successor.distribution().equals("alpine") ? "alpine" + successor.version() : successor.codename();
        return tag.replaceAll("(^|[-_])" + Pattern.quote(from) + "($|[-_])", "$1" + to + "$2");
    }

    /** The tag without the release ({@code python:3.11-slim}), when something is left. */
    private String movingTag() {
        TagVersion version = TagVersion.parse(lineTag());
        String variant = DistributionReleases.withoutRelease(version.hasVersion() ? version.variant() : version.tag());
        String number = version.hasVersion() ? version.version() : "";
        String tag = number.isEmpty() ? variant : variant.isEmpty() ? number : number + "-" + variant;
        return tag.isEmpty() ? null : ref.familiarName() + ":" + tag;
    }

    /**
     * The tag, lowercased, with a single release's version ({@code 17.0.4_8-jre-focal}) replaced by the version
     * line it belongs to ({@code 17-jre-focal}): an old patch release is not rebuilt on a newer distribution
     * release, and its tag stays on the old one, so only the line's tags lead to a supported release. The line is
     * the one the version table lists for the image, or else its major.minor; build numbers glued to the version
     * with {@code _} go with it.
     */
    private String lineTag() {
        String tag = ref.tag().toLowerCase(Locale.ROOT);
        TagVersion version = ref.version();
        if (version == null || !version.hasVersion() || !version.isPatchPrecise() || !version.qualifier().isEmpty()) {
            return tag;
        }
        String line = BaseImageVersions.lineOf(ImageTags.officialName(ref), version.components())
                .orElse(version.major().getAsLong() + "." + version.minor().getAsLong());
        List<String> variants = new ArrayList<>(version.variants());
        while (!variants.isEmpty() && variants.get(0).chars().allMatch(Character::isDigit)) {
            variants.remove(0);
        }
        return (variants.isEmpty() ? line : line + "-" + String.join("-", variants)).toLowerCase(Locale.ROOT);
    }

    /** "2 years and 5 months", "3 months", "12 days". */
    private static String elapsed(LocalDate from, LocalDate to) {
        Period p = Period.between(from, to);
        List<String> parts = new ArrayList<>();
        if (p.getYears() > 0) {
            parts.add(p.getYears() + (p.getYears() == 1 ? " year" : " years"));
        }
        if (p.getMonths() > 0) {
            parts.add(p.getMonths() + (p.getMonths() == 1 ? " month" : " months"));
        }
        if (parts.isEmpty()) {
            parts.add(p.getDays() + (p.getDays() == 1 ? " day" : " days"));
        }
        return String.join(" and ", parts);
    }
}
