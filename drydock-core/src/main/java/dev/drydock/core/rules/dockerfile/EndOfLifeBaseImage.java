package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageVersions;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DeprecatedImages;
import dev.drydock.core.rules.support.DistributionLifecycles;
import dev.drydock.core.rules.support.DistributionLifecycles.Release;
import dev.drydock.core.rules.support.DistributionReleases;
import dev.drydock.core.rules.support.DotnetImages;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.LocallyBuiltImages;
import dev.drydock.core.rules.support.Stages;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "end-of-life-base-image",
        title = "Base image is a release line that no longer gets security fixes",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "The image of every FROM of the stages a build uses, after build arguments are expanded, and the"
                + " `image` of every compose service that runs a published image as it is (no `build` section), after"
                + " interpolation (one finding per image and compose file, on its first `image:` line, naming every service"
                + " that runs it and the other lines that write it). Fires"
                + " when it is the official python, node, golang, php, ruby or nginx image with a version in its tag that"
                + " belongs to a release line older than the oldest one its maintainers still supported on the date"
                + " of drydock's table of image versions (python below 3.11, node below 22, golang below 1.26, php below 8.2, ruby below 3.3, nginx below 1.28 on"
                + " 2026-11-30: nginx.org fixes only its current stable and mainline branches); any other image whose"
                + " tag names an ended Python line in a part of its own, with its dot (tiangolo/uvicorn-gunicorn-fastapi:"
                + "python3.8, an image's 2.1-py3.7 tag; undotted forms such as py38 are left alone); or one of Microsoft's .NET images (mcr.microsoft.com/dotnet/sdk, aspnet, runtime,"
                + " runtime-deps, and the retired repositories of older lines: mcr.microsoft.com/dotnet/core/*,"
                + " microsoft/dotnet, microsoft/aspnetcore and microsoft/aspnetcore-build) of a .NET line past its end of support (below 10.0 on that date: .NET 8 and 9"
                + " ended on 2026-11-10); or denoland/deno of the 1.x line (alpine-1.46.3 as well as 1.46.3), which got no"
                + " fix after Deno 2.0; or the official database, broker or proxy images compose files run, whose"
                + " supported lines the table lists one by one, so that a short-term line between two long-term ones"
                + " counts as ended: postgres (15, 16, 17, 18: 13 and 14 ended), mysql (8.4 and 9.7 LTS: 5.7, 8.0 and"
                + " the innovation lines 8.1-8.3, 9.0-9.6 ended), mariadb (10.11, 11.4, 11.8, 12.3: 10.6 and older and"
                + " the short-term lines between them ended), mongo (7.0, 8.0), redis (7.0, 6.0 and older; 6.2, 7.2,"
                + " 7.4 and 8.x are left alone), rabbitmq (below 4.2: the project patches only its latest minor series)"
                + " and traefik (2.11 and 3.7: v1, 2.0-2.10 and 3.0-3.6 ended). A line newer than the newest the table"
                + " knows is left alone, and so is a tag with the major version only (python:3, mysql:8, mariadb:11)"
                + " when that major has a supported line: it follows the newest; mysql:5 or rabbitmq:3, whose majors"
                + " all ended, are reported. For the databases and brokers the recommendation names the next supported"
                + " line and the data migration it needs (pg_upgrade or dump and restore; MySQL 5.7 through 8.0; MongoDB"
                + " one major at a time with featureCompatibilityVersion); drydock never changes these tags. Fires too"
                + " when the tag stays on a distribution release whose free security support had ended on the date of"
                + " drydock's table of distribution releases: the operating-system images debian (by codename or"
                + " number: buster, 10), ubuntu (18.04, focal, the interim releases), alpine, fedora and amazonlinux,"
                + " and any official image whose tag names a Debian or Ubuntu codename or an Alpine release"
                + " (python:3.11-slim-buster, node:18-bullseye, rust:alpine3.14, eclipse-temurin:17-jre-focal,"
                + " redis:6.2-bullseye), whatever the version of its software, hexpm's Elixir and Erlang images, whose"
                + " dated tags name the system they are built on (hexpm/elixir:1.14.0-erlang-24.3.4.2-debian-bullseye-"
                + "20210902-slim, -alpine-3.20.5; the recommended tags keep a YYYYMMDD to fill from Docker Hub), and"
                + " Google's distroless images named"
                + " after an ended Debian release (gcr.io/distroless/base-debian10 and -debian11: buster and"
                + " bullseye). A Debian release in LTS (bookworm until June 2028) counts"
                + " as supported; an Ubuntu LTS release past its standard support does not, as its Expanded Security"
                + " Maintenance needs a subscription. Medium for the stages the image is made of, high when the"
                + " release ended two years before or more or when its packages have left the regular mirrors"
                + " (Debian buster, bullseye and older, Ubuntu interim releases), so that apt-get update fails;"
                + " for builder stages, low, medium when apt-get update fails there, and medium for golang lines since"
                + " Go compiles its standard library into the program; low for compose services that only development"
                + " compose files run. Images deprecated-base-image reports (centos, openjdk...) are left to it.",
        problem = "Once a release line or a distribution release reaches its end of life, its maintainers publish"
                + " no more fixes for it: the runtime or the operating system packages keep every vulnerability"
                + " found after that day, and the image's tags stop being rebuilt. For Debian and Ubuntu interim"
                + " releases the packages then leave the regular mirrors, so the image's own package sources stop"
                + " answering.",
        impact = "Known vulnerabilities ship with every build, scanners report them with no fixed version to move"
                + " to, builds that install packages fail once the mirrors drop the release, and the upgrade, when it"
                + " comes, spans several releases at once.",
        recommendation = "Move to a supported line or release (the newest one the application is tested on:"
                + " debian:trixie-slim or bookworm-slim, ubuntu:24.04, python:3.12-slim-trixie,"
                + " gcr.io/distroless/base-debian12...), in the Dockerfile or in the compose service's `image:`, pin"
                + " it, and let"
                + " Renovate or Dependabot propose the next one when it comes.",
        references = {
                "https://devguide.python.org/versions/",
                "https://nodejs.org/en/about/previous-releases",
                "https://go.dev/doc/devel/release#policy",
                "https://www.php.net/supported-versions.php",
                "https://www.ruby-lang.org/en/downloads/branches/",
                "https://nginx.org/en/download.html",
                "https://dotnet.microsoft.com/en-us/platform/support/policy/dotnet-core",
                "https://www.postgresql.org/support/versioning/",
                "https://dev.mysql.com/doc/refman/8.4/en/mysql-releases.html",
                "https://mariadb.org/about/#maintenance-policy",
                "https://www.mongodb.com/legal/support-policy/lifecycles",
                "https://github.com/redis/redis/security",
                "https://www.rabbitmq.com/release-information",
                "https://doc.traefik.io/traefik/deprecation/releases/",
                "https://wiki.debian.org/LTS",
                "https://ubuntu.com/about/release-cycle",
                "https://alpinelinux.org/releases/",
                "https://docs.fedoraproject.org/en-US/releases/eol/",
                "https://aws.amazon.com/amazon-linux-2/faqs/",
                "https://github.com/GoogleContainerTools/distroless#base-operating-system",
                "https://docs.docker.com/reference/compose-file/services/#image",
                "https://endoflife.date/"},
        aliases = {},
        fix = FixSafety.NONE,
        effort = "1 h",
        examples = @RuleExample(
                bad = """
                        FROM node:18.20.4-alpine3.20
                        WORKDIR /app
                        COPY . .
                        USER node
                        CMD ["node", "server.js"]
                        """,
                good = """
                        FROM node:24.22.1-alpine3.24
                        WORKDIR /app
                        COPY . .
                        USER node
                        CMD ["node", "server.js"]
                        """))
public final class EndOfLifeBaseImage implements Rule {

    private static final Map<String, String> SOFTWARE = Map.ofEntries(Map.entry("python", "Python"),
            Map.entry("node", "Node.js"), Map.entry("golang", "Go"), Map.entry("php", "PHP"), Map.entry("ruby", "Ruby"),
            Map.entry("dotnet", ".NET"), Map.entry("nginx", "nginx"), Map.entry("postgres", "PostgreSQL"),
            Map.entry("mysql", "MySQL"), Map.entry("mariadb", "MariaDB"), Map.entry("mongo", "MongoDB"),
            Map.entry("redis", "Redis"), Map.entry("rabbitmq", "RabbitMQ"), Map.entry("traefik", "Traefik"),
            Map.entry("deno", "Deno"));

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            List<Stage> inImage = Stages.inImage(image.model(), image.stage());
            for (Stage stage : image.neededStages()) {
                if (stage.base() instanceof BaseImage.External external && external.reference() != null
                        && external.reference().isImage() && DeprecatedImages.of(external.reference()).isEmpty()
                        && reported.add(image.dockerfile() + "#" + stage.index())) {
                    boolean ships = inImage.contains(stage);
                    check(context, external.reference(), new Target(new Location(image.dockerfile(),
                            Stages.imageSpan(stage)), external.reference().familiarString(), ships ? null : stage,
                            false));
                }
            }
        }
        checkCompose(context);
    }

    /** The services that run a published image as it is (no build section), once per image and compose file. */
    private void checkCompose(ReviewContext context) {
        List<ComposeServices.Ref> pulled = ComposeServices.services(context).stream()
                .filter(ref -> ComposeServices.pulledImage(ref.service())
                        .filter(image -> image.isImage() && DeprecatedImages.of(image).isEmpty()
                                && !LocallyBuiltImages.contains(context, image))
                        .isPresent())
                .toList();
        for (List<ComposeServices.Ref> group : ComposeServices.byPulledImage(pulled)) {
            ComposeServices.Ref first = group.get(0);
            ImageReference image = ComposeServices.pulledImage(first.service()).orElseThrow();
            String subject = "the image " + first.service().image().value() + " of "
                    + ComposeServices.names(group.stream().map(ComposeServices.Ref::name).toList())
                    + ComposeServices.imageLines(group);
            check(context, image, new Target(ComposeServices.location(first.service().image().node()), subject, null,
                    group.stream().allMatch(ComposeServices.Ref::inDevelopmentFile)));
        }
    }

    /**
     * Where a finding goes and how it names the image: a FROM (the image reference, and the builder stage when
     * the stage does not ship) or a compose service's {@code image:} (the image and its services; only for
     * local development when every service is in a development compose file).
     */
    private record Target(Location where, String subject, Stage builder, boolean development) {

        boolean ships() {
            return builder == null;
        }

        Severity cap(Severity severity) {
            return development ? Severity.LOW : severity;
        }
    }

    /**
     * Whether the image's tag names a release line its maintainers no longer support: the official images
     * stop publishing such a line, so its tags no longer move either.
     */
    static boolean endOfLife(ImageReference ref) {
        return lineEnded(ref) || endedRelease(ref).isPresent();
    }

    private static Optional<Release> endedRelease(ImageReference ref) {
        return DistributionLifecycles.of(ref).filter(Release::ended);
    }

    private static boolean lineEnded(ImageReference ref) {
        TagVersion version = version(ref);
        return version != null && version.hasVersion()
                && BaseImageVersions.ended(lifecycle(ref), version.components());
    }

    /** The tag's version; denoland/deno writes its variant first ({@code alpine-1.46.3}). */
    private static TagVersion version(ImageReference ref) {
        TagVersion version = ref.version();
        if (lifecycle(ref).equals("deno") && (version == null || !version.hasVersion()) && ref.hasExplicitTag()) {
            Matcher variantFirst = VARIANT_FIRST.matcher(ref.tag());
            if (variantFirst.matches()) {
                return TagVersion.parse(variantFirst.group(2) + "-" + variantFirst.group(1));
            }
        }
        return version;
    }

    private static final Pattern VARIANT_FIRST = Pattern.compile("([a-z]+)-(\\d+(?:\\.\\d+)*)");

    /**
     * The name the table of supported lines knows the image's software by: the official image's, dotnet, or deno
     * (denoland/deno).
     */
    private static String lifecycle(ImageReference ref) {
        if (DotnetImages.versioned(ref)) {
            return "dotnet";
        }
        return ref.fullName() != null && ref.fullName().equalsIgnoreCase("docker.io/denoland/deno") ? "deno"
                : ImageTags.officialName(ref);
    }

    private void check(ReviewContext context, ImageReference ref, Target target) {
        Optional<Release> release = endedRelease(ref);
        Optional<String> python = taggedPython(ref);
        if (lineEnded(ref)) {
            line(context, ref, target, release);
        } else if (python.isPresent()) {
            taggedPythonEnded(context, ref, target, python.get(), release);
        } else if (release.isPresent()) {
            DistributionEnd end = new DistributionEnd(ref, release.get(), target.ships());
            end.report(this, context, target.where(), target.subject(), target.builder(), target.cap(end.severity()));
        } else {
            BaseImageVersions.droppedRelease(ref).ifPresent(dropped -> dropped(context, ref, target, dropped));
        }
    }

    private void line(ReviewContext context, ImageReference ref, Target target, Optional<Release> release) {
        String name = lifecycle(ref);
        TagVersion version = version(ref);
        List<String> listed = BaseImageVersions.listedLines(name);
        String oldest = listed.get(0);
        String software = SOFTWARE.getOrDefault(name, name);
        String line = line(name, version, TagVersion.parse(oldest).components().size());
        boolean compiledIn = name.equals("golang");
        StringBuilder message = new StringBuilder(target.subject()).append(" is ").append(software).append(' ')
                .append(line).append(", a release line its maintainers no longer support (");
        if (listed.size() > 1) {
            message.append("the lines they still fixed on ").append(BaseImageVersions.date()).append(" were ")
                    .append(words(listed, "and"));
        } else {
            message.append("the oldest they still fixed on ").append(BaseImageVersions.date()).append(" was ")
                    .append(oldest);
        }
        message.append("): the vulnerabilities found since then stay in it");
        if (!target.ships()) {
            message.append("; it is the base of the builder ").append(Stages.describe(target.builder()))
                    .append(compiledIn ? ", and Go compiles its standard library into the program it builds"
                            : ", so only what it builds ships");
        }
        Severity severity = target.ships() || compiledIn ? Severity.MEDIUM : Severity.LOW;
        if (release.isPresent()) {
            DistributionEnd end = new DistributionEnd(ref, release.get(), target.ships());
            message.append("; its tag also stays on ").append(end.facts(false));
            severity = end.severity().atLeast(severity) ? end.severity() : severity;
        }
        List<String> lines = BaseImageVersions.supportedLines(name);
        String kept = DistributionReleases.withoutRelease(version.variant());
        String variant = kept.isEmpty() ? "" : "-" + kept;
        String choices = lines.isEmpty() ? software + " " + oldest + " or newer"
                : software + " " + words(lines, "or") + " (" + ref.familiarName() + ":" + lines.get(lines.size() - 1)
                        + variant + " for the newest)";
        Optional<String> upgrade = DataUpgrades.of(name, version.components(),
                BaseImageVersions.nextSupported(name, version.components()).orElse(oldest));
        String recommendation = upgrade.isPresent()
                ? "Move to a supported line, " + choices + "; " + upgrade.get() + "; then pin its full version."
                : "Move to a supported line, " + choices + ", test the application on it and pin its full version;"
                        + " Renovate or Dependabot can then propose the next line.";
        context.finding(this, target.where(), message.toString())
                .severity(target.cap(severity))
                .recommendation(recommendation)
                .add();
    }

    /**
     * The release line a version belongs to, written with as many numbers as the table's lines ({@code 3.9} for
     * python:3.9.18, {@code 13} for postgres:13.4), or fewer when the tag has fewer (mysql:5); PostgreSQL before 10
     * numbered its major versions with two ({@code 9.6}).
     */
    private static String line(String name, TagVersion version, int size) {
        List<Long> numbers = version.components();
        int count = name.equals("postgres") && numbers.get(0) < 10 ? 2 : size;
        return numbers.subList(0, Math.min(count, numbers.size())).stream().map(String::valueOf)
                .reduce((a, b) -> a + "." + b).orElseThrow();
    }

    /**
     * A supported line on a distribution release the image is no longer built on: the tag stopped at its last
     * build there, and the fixes of the runtime and of the distribution since then are not in it.
     */
    private void dropped(ReviewContext context, ImageReference ref, Target target, String release) {
        StringBuilder message = new StringBuilder(target.subject()).append(" names the distribution release ")
                .append(release).append(", which the ").append(ref.familiarName()).append(" images had left by ")
                .append(BaseImageVersions.date()).append(": the tag is no longer rebuilt, so the runtime and")
                .append(" distribution fixes published since then stay out of it");
        if (!target.ships()) {
            message.append("; it is the base of the builder ").append(Stages.describe(target.builder()));
        }
        String variant = DistributionReleases.withoutRelease(ref.version() == null ? "" : ref.version().variant());
        String moving = ref.version() == null || !ref.version().hasVersion() ? null
                : ref.familiarName() + ":" + ref.version().version() + (variant.isEmpty() ? "" : "-" + variant);
        context.finding(this, target.where(), message.toString())
                .severity(target.cap(target.ships() ? Severity.MEDIUM : Severity.LOW))
                .recommendation("Move to a release the image is still built on"
                        + (moving == null ? "" : " (" + moving + " names none and follows the current one)")
                        + ", test the application on it and pin its full version.")
                .add();
    }

    private static final Pattern PYTHON_VARIANT = Pattern.compile("(?:python|py)(3\\.\\d{1,2})");

    /**
     * The Python line the tag of an image other than the official python one names in a part of its own, written with
     * its dot ({@code python3.8} in tiangolo/uvicorn-gunicorn-fastapi:python3.8, {@code py3.7}), when that line has
     * ended; undotted forms ({@code py38}) and versions in the image's name are left alone.
     */
    static Optional<String> taggedPython(ImageReference ref) {
        if (lifecycle(ref).equals("python") || ref.version() == null) {
            return Optional.empty();
        }
        for (String variant : ref.version().variants()) {
            Matcher m = PYTHON_VARIANT.matcher(variant);
            if (m.matches() && BaseImageVersions.ended("python", TagVersion.parse(m.group(1)).components())) {
                return Optional.of(m.group(1));
            }
        }
        return Optional.empty();
    }

    private void taggedPythonEnded(ReviewContext context, ImageReference ref, Target target, String line,
            Optional<Release> release) {
        List<String> supported = BaseImageVersions.supportedLines("python");
        String oldest = BaseImageVersions.listedLines("python").get(0);
        StringBuilder message = new StringBuilder(target.subject()).append(" is built on Python ").append(line)
                .append(", as its tag ").append(ref.tag()).append(" says: a release line its maintainers no longer")
                .append(" support (the oldest they still fixed on ").append(BaseImageVersions.date()).append(" was ")
                .append(oldest).append("), so the interpreter keeps the vulnerabilities found since then");
        if (!target.ships()) {
            message.append("; it is the base of the builder ").append(Stages.describe(target.builder()))
                    .append(", so only what it builds ships");
        }
        Severity severity = target.ships() ? Severity.MEDIUM : Severity.LOW;
        if (release.isPresent()) {
            DistributionEnd end = new DistributionEnd(ref, release.get(), target.ships());
            message.append("; its tag also stays on ").append(end.facts(false));
            severity = end.severity().atLeast(severity) ? end.severity() : severity;
        }
        String newest = supported.isEmpty() ? oldest : supported.get(supported.size() - 1);
        context.finding(this, target.where(), message.toString())
                .severity(target.cap(severity))
                .recommendation("Move to a tag of " + ref.familiarName() + " built on a supported Python ("
                        + (supported.isEmpty() ? oldest + " or newer" : words(supported, "or")) + ") if it publishes"
                        + " one, or build on the official python image (python:" + newest + "-slim) and install what"
                        + " the application needs there; test the application on it and pin its full version.")
                .add();
    }

    /** "20, 22 or 24". */
    private static String words(List<String> lines, String conjunction) {
        return lines.size() == 1 ? lines.get(0)
                : String.join(", ", lines.subList(0, lines.size() - 1)) + " " + conjunction + " "
                        + lines.get(lines.size() - 1);
    }
}
