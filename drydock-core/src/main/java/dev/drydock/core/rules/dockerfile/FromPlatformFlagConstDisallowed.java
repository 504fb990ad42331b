package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.expand.Expansion;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.FromPlatformFlags;
import java.util.Locale;
import java.util.Set;

@RuleDefinition(
        id = "from-platform-flag-const-disallowed",
        title = "FROM --platform pins a stage to one constant platform",
        severity = Severity.LOW,
        category = Category.BUILD,
        checks = "The --platform of every FROM, as BuildKit's FromPlatformFlagConstDisallowed check does: fires when"
                + " the value is a constant platform (--platform=linux/amd64, no variable) and the stage name does"
                + " not mention its OS or architecture (a stage named build-amd64 or linux-tools is taken as"
                + " deliberately platform-specific). This rule also stands for hadolint's DL3029 and KICS's 'Using"
                + " Platform Flag with FROM Command', which flag --platform more broadly: a value built from"
                + " variables ($BUILDPLATFORM for cross-compilation, or an ARG a build can set) is the recommended"
                + " way to use the flag and is not reported here.",
        problem = "A constant --platform forces the stage onto one platform whatever the build asks for: the"
                + " Dockerfile cannot produce a multi-platform image, and on another machine the stage runs under"
                + " emulation or yields binaries for the wrong architecture.",
        impact = "Slow emulated builds on ARM laptops and CI runners, images whose architecture does not match the"
                + " hosts they are deployed to, and a BuildKit warning on every build.",
        recommendation = "Leave --platform out and choose the platform at build time (docker build --platform), or use"
                + " --platform=$BUILDPLATFORM for a stage that cross-compiles; if the stage really is for one"
                + " platform, say so in its name (AS build-amd64).",
        references = {
                "https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/",
                "https://docs.docker.com/build/building/multi-platform/",
                "https://docs.docker.com/reference/dockerfile/#from"},
        aliases = {"FromPlatformFlagConstDisallowed", "DL3029", "Using Platform Flag with FROM Command"},
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM --platform=linux/amd64 alpine:3.20.3 AS base
                        RUN apk add --no-cache git=2.45.2-r0
                        """,
                good = """
                        FROM alpine:3.20.3 AS base
                        RUN apk add --no-cache git=2.45.2-r0
                        """))
public final class FromPlatformFlagConstDisallowed implements Rule {

    private static final Set<String> OPERATING_SYSTEMS = Set.of("linux", "windows", "darwin", "freebsd", "netbsd",
            "openbsd", "solaris", "illumos", "aix", "android", "ios", "plan9", "js", "wasip1", "dragonfly");

    @Override
    public void check(ReviewContext context) {
        for (FromPlatformFlags.PlatformFlag platform
                : FromPlatformFlags.of(context, "FromPlatformFlagConstDisallowed")) {
            Stage stage = platform.stage();
            Flag flag = platform.flag();
            Expansion e = platform.expansion();
            if (!e.ok() || e.hasReferences() || e.value().isEmpty()) {
                continue;
            }
            String[] parts = e.value().toLowerCase(Locale.ROOT).split("/");
            String os;
            String arch;
            if (parts.length == 1 && OPERATING_SYSTEMS.contains(parts[0])) {
                os = parts[0];
                arch = "amd64";
            } else if (parts.length == 1) {
                os = "linux";
                arch = architecture(parts[0]);
            } else {
                os = parts[0];
                arch = architecture(parts[1]);
            }
            String name = stage.name() == null ? "" : stage.name();
            if (name.contains(os) || name.contains(arch)) {
                continue;
            }
            context.finding(this, platform.dockerfile().file().path(), flag.span(), "FROM --platform should not use the"
                            + " constant value \"" + e.value() + "\": " + (stage.name() == null ? "the stage"
                            : "stage " + stage.writtenName()) + " is built for " + e.value() + " whatever platform the"
                            + " build targets")
                    .recommendation("Remove --platform and pass the platform to the build (docker build --platform "
                            + e.value() + "), use --platform=$BUILDPLATFORM for a cross-compiling stage, or name"
                            + " the stage after its platform (AS " + (stage.name() == null ? "build" : stage.name())
                            + "-" + arch + ").")
                    .add();
        }
    }

    /** The architecture as containerd normalises it. */
    private static String architecture(String arch) {
        return switch (arch) {
            case "x86_64", "x86-64" -> "amd64";
            case "aarch64" -> "arm64";
            case "i386", "i486", "i586", "i686" -> "386";
            case "armhf", "armel" -> "arm";
            default -> arch;
        };
    }
}
