package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.dockerfile.syntax.ArgList;
import dev.drydock.core.dockerfile.syntax.KeyValue;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.BaseImageVersions;
import dev.drydock.core.rules.support.BuildArgumentPlaceholders;
import dev.drydock.core.rules.support.BuildTools;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.PackageCommands;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.DockerfileEdits;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.LocallyBuiltImages;
import dev.drydock.core.rules.support.DistributionReleases;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.ImageTags.Movement;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import dev.drydock.core.rules.support.NamedContexts;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "unpinned-base-image",
        title = "Base image is not pinned to a version",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "The image of every FROM (final and builder stages that the build uses) and of every COPY --from"
                + " that names an image, after build arguments are expanded. It fires when the reference has no tag,"
                + " the tag latest, a tag without a version (bookworm, lts-alpine) or a version that is not complete"
                + " (3.11-slim, 20), and no digest. A tag that names only the language runtime's version"
                + " (uv's python3.12-bookworm-slim) fixes that runtime, not the version of the image's own tool, and"
                + " is reported as such; with the tool's version before it (0.5.11-python3.12-bookworm-slim) it is"
                + " pinned. Quiet for scratch, earlier stages, digests, full versions"
                + " (3.11.9-slim; Debian point releases such as 12.7), dated tags (jammy-20240911) and commit tags,"
                + " for references whose image is only known at build time (FROM ${BASE_IMAGE} with an ARG without"
                + " default or with a placeholder default), and for an"
                + " image a compose service of the project builds and tags itself (build and image: set), which the"
                + " build uses from the local store rather than pulling it, or that a build of the project's CI or"
                + " task files tags with that literal name (docker build -t org/app:base -f base.Dockerfile .) or"
                + " with that repository and a tag only known when it runs (org/app:$VERSION, a GoReleaser"
                + " image_templates entry org/app:{{ .Tag }}), an image of its own whose tag moves only when it rebuilds it, or that is named under the registry"
                + " localhost (podman's name for an image it built, or the build machine's own registry). High"
                + " when the stages built on the image install compilers or development packages (gcc, libpq-dev;"
                + " not build runners alone such as make, cmake or pkg-config, which link against nothing)"
                + " from a distribution the tag does not name (python:3.12-slim, not python:3.12-slim-bookworm or"
                + " debian:bookworm, nor a latest tag of a tool on an exact toolchain release such as cargo-chef's"
                + " latest-rust-1.62.0, whose distribution is that release's): the tag moves to the distribution's next release, and the build then compiles"
                + " against other library versions or fails on renamed packages. Otherwise medium for no tag, latest"
                + " and tags without a version, which can move to the next major release; low for a tag that keeps"
                + " the major version (python:3.12-slim, node:20-alpine) and for an operating-system image tagged with"
                + " one stable release of its distribution (debian:bookworm-slim, debian:12, ubuntu:24.04, alpine:3.20,"
                + " fedora:41, rockylinux:9): they take only compatible updates and security rebuilds, and are how the"
                + " official images' own documentation tells to use them. Google's distroless images name the"
                + " Debian release in the image (base-debian12) and publish only moving tags (latest, nonroot,"
                + " debug) that follow that release's rebuilds: low, like a distribution image tagged with its"
                + " release, with their digest as the recommendation;"
                + " a distroless name without the release (gcr.io/distroless/static:nonroot) is told to name it"
                + " (static-debian12) as well."
                + " A tag taken from a build argument that every build has to pass (an ARG without default, or one"
                + " whose default is a placeholder without a digit such as PLEASE_PROVIDE_GO_VERSION, CHANGE_ME or"
                + " <version>), and that no compose file of the project passes, is an info finding that says where the"
                + " tag comes from: drydock cannot see it."
                + " A dev container's image is left alone: it is rebuilt on developers' machines and ships nothing.",
        problem = "A tag that is not a full version is re-pointed by its publisher at every release: python:3.11-slim"
                + " is a new image after each Python patch release and each Debian security rebuild.",
        impact = "Two builds of the same commit can produce different images: a new interpreter or system library"
                + " arrives unannounced, breaks the build or the application, and cannot be traced back or rolled back"
                + " by rebuilding the old commit. A compromised or broken tag is pulled silently.",
        recommendation = "Pin the full version of the image and, for reproducible builds, its digest"
                + " (image:1.2.3@sha256:...); let Dependabot or Renovate propose updates.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#pin-base-image-versions",
                "https://docs.docker.com/reference/dockerfile/#from",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        aliases = {"DL3006", "DL3007", "CKV_DOCKER_7", "DS001", "DS-0001", "Image Version Not Explicit",
            "Image Version Using 'latest'"},
        fix = FixSafety.UNSAFE,
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12-slim
                        COPY app.py /app/app.py
                        CMD ["python", "/app/app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        COPY app.py /app/app.py
                        CMD ["python", "/app/app.py"]
                        """))
public final class UnpinnedBaseImage implements Rule {

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    /**
     * Each FROM and COPY --from once: a stage that is the image of one build (the target a compose service builds)
     * and a builder of another (the final stage `docker build` makes copies from it) is read first as the image's own
     * stage, which is what ships.
     */
    @Override
    public void check(ReviewContext context) {
        Set<String> seen = new HashSet<>();
        for (boolean builders : new boolean[] {false, true}) {
            for (BuiltImage image : BuiltImage.of(context)) {
                if (image.devContainer()) {
                    continue; // rebuilt on developers' machines, which take the base's updates; nothing it builds ships
                }
                DockerfileModel model = image.model();
                for (Stage stage : image.neededStages()) {
                    boolean builder = !Stages.inImage(model, image.stage()).contains(stage);
                    if (builder != builders || !seen.add(image.dockerfile() + ":" + stage.from().span().start() + ":"
                            + (stage.base() instanceof BaseImage.External e ? e.expanded() : ""))) {
                        continue;
                    }
                    if (stage.base() instanceof BaseImage.External external) {
                        checkFrom(context, image, stage, external, builder);
                    }
                    for (CopyCommand copy : stage.copies()) {
                        checkCopyFrom(context, image, copy);
                    }
                }
            }
        }
    }

    private void checkFrom(ReviewContext context, BuiltImage image, Stage stage, BaseImage.External external,
            boolean builder) {
        List<Variables.Definition> required = requiredArguments(image.model(), external.written());
        if (!required.isEmpty()) {
            reportRequired(context, image, stage, external, required, builder);
            return;
        }
        ImageReference ref = external.reference();
        Optional<Movement> movement = ImageTags.movement(ref);
        if (movement.isEmpty() || LocallyBuiltImages.contains(context, ref) || EndOfLifeBaseImage.endOfLife(ref)
                || BaseImageVersions.droppedRelease(ref).isPresent()) {
            return; // a tag no longer published does not move: end-of-life-base-image reports it
        }
        StringBuilder message = new StringBuilder();
        message.append(ref.familiarString()).append(' ').append(describe(ref, movement.get()));
        if (!external.written().equals(external.expanded())) {
            message.append(" (FROM ").append(external.written()).append(" resolves to it")
                    .append(argumentOrigin(image.model(), external.written())).append(')');
        }
        if (builder) {
            message.append("; it is the base of the builder ").append(Stages.describe(stage));
        }
        Optional<String> pinned = BaseImageVersions.pinnedTag(ref);
        String recommendation = recommendation(ref, movement.get(), pinWording(image.model(), external));
        if (pinned.isPresent()) {
            recommendation += " On " + BaseImageVersions.date() + " " + ref.familiarString() + " was "
                    + ref.familiarName() + ":" + pinned.get() + "; drydock's fix pins that version (it cannot look up"
                    + " the digest offline: add it yourself).";
        }
        List<String> compiled = ref.isPinnedByDigest() || DistributionReleases.release(ref).isPresent()
                || DistributionReleases.namedInTag(ref) || ImageTags.latestOnFullVersion(ref) ? List.of()
                : compiledAgainst(image, stage);
        if (!compiled.isEmpty()) {
            message.append("; the image installs its build tools and headers, ").append(String.join(", ", compiled))
                    .append(", from the")
                    .append(" distribution under the tag, which moves to that distribution's next release without")
                    .append(" notice: other compiler and library versions, renamed or removed packages");
        }
        context.finding(this, image.dockerfile(), Stages.imageSpan(stage), message.toString())
                .severity(compiled.isEmpty() ? severity(ref, movement.get()) : Severity.HIGH)
                .recommendation(recommendation)
                .fix(pinned.map(tag -> pin(image, stage, external, tag)).orElse(null))
                .add();
    }

    /**
     * The edits that pin a FROM: the tag written in FROM, or, when FROM takes the version from a global ARG
     * ({@code python:${PYTHON_VERSION}-slim}), that ARG's default and the variant written after it. Taken in a
     * round of its own: the other fixes of the Dockerfile read the tag it changes (build-args-missing lifts its
     * version into an ARG, which must then be the full one).
     */
    private static Fix pin(BuiltImage image, Stage stage, BaseImage.External external, String tag) {
        ImageReference ref = external.reference();
        SourceFile file = image.model().syntax().file();
        Span word = Stages.imageSpan(stage);
        String written = file.text(word);
        String title = "pin " + ref.familiarString() + " to " + ref.familiarName() + ":" + tag;
        if (written.equals(external.expanded())) {
            int at = written.lastIndexOf(":" + ref.tag());
            if (at < 0 || at + 1 + ref.tag().length() != written.length()) {
                return null;
            }
            return Fix.of(title, FixSafety.UNSAFE, TextEdit.replace(image.dockerfile(), word.start() + at + 1,
                    word.end(), tag)).restructuring();
        }
        Matcher m = VARIABLE.matcher(written);
        if (!m.find() || image.model().options().buildArgs().containsKey(m.group(1))) {
            return null;
        }
        String name = m.group(1);
        int tagStart = written.lastIndexOf(':', m.start());
        String version = ref.version().version();
        Variables.Definition d = image.model().globalArgs().definition(name);
        if (tagStart < 0 || written.indexOf('$', m.end()) >= 0 || d == null || d.instruction() == null
                || !version.equals(d.value()) || !written.substring(tagStart + 1, m.start()).isEmpty()
                || !(d.instruction().arguments() instanceof ArgList args)) {
            return null;
        }
        for (Stage other : image.model().stages()) {
            if (other.base() instanceof BaseImage.External e && e.reference() != null
                    && VARIABLE.matcher(e.written()).results().anyMatch(r -> r.group(1).equals(name))
                    && !ref.familiarName().equals(e.reference().familiarName())) {
                return null; // the version is also part of another image's tag (maven:3.9-eclipse-temurin-21)
            }
        }
        KeyValue entry = args.entries().stream().filter(e -> e.name().value().equals(name)).findFirst().orElse(null);
        String full = BaseImageVersions.fullVersion(ImageTags.officialName(ref), version).orElse(null);
        if (entry == null || full == null) {
            return null;
        }
        int suffixStart = written.charAt(m.start() + 1) == '{' ? written.indexOf('}', m.start()) + 1 : m.end();
        String suffix = written.substring(suffixStart);
        String variant = ref.version().variant();
        String pinnedVariant = BaseImageVersions.pinnedVariant(ImageTags.officialName(ref), variant);
        List<TextEdit> edits = new ArrayList<>();
        DockerfileEdits.replaceValue(file, entry, version, full).ifPresent(edits::add);
        if (edits.isEmpty()) {
            return null;
        }
        if (!pinnedVariant.equals(variant) && suffix.equals(variant.isEmpty() ? "" : "-" + variant)) {
            // every FROM that takes its version from the ARG with this variant gets the pinned one: the ARG
            // now holds a full version, so none of them would be reported again
            for (Stage other : image.model().stages()) {
                Span otherWord = other.base() instanceof BaseImage.External e && e.written().equals(written)
                        ? Stages.imageSpan(other) : null;
                if (otherWord != null && file.text(otherWord).equals(written)) {
                    edits.add(TextEdit.replace(image.dockerfile(), otherWord.start() + suffixStart, otherWord.end(),
                            "-" + pinnedVariant));
                }
            }
        }
        return Fix.of(title + " (ARG " + name + "=" + full + ")", FixSafety.UNSAFE, edits).restructuring();
    }

    /**
     * The global ARGs a FROM takes its image from that every build has to pass, since their default is none or a
     * placeholder ({@code ARG GO_VERSION=PLEASE_PROVIDE_GO_VERSION}), and that the project's builds do not pass.
     */
    private static List<Variables.Definition> requiredArguments(DockerfileModel model, String written) {
        List<Variables.Definition> required = new ArrayList<>();
        Matcher m = VARIABLE.matcher(written);
        while (m.find()) {
            Variables.Definition d = model.globalArgs().definition(m.group(1));
            if (d != null && d.instruction() != null && !model.options().buildArgs().containsKey(d.name())
                    && (d.value() == null || d.value().isEmpty() || BuildArgumentPlaceholders.isPlaceholder(d.value()))
                    && !required.contains(d)) {
                required.add(d);
            }
        }
        return required;
    }

    /**
     * A FROM whose tag comes from build arguments every build must pass: drydock cannot see the tag, so it only says
     * where it comes from; quiet when the whole image (or its name) is the argument, which leaves no tag to speak of.
     */
    private void reportRequired(ReviewContext context, BuiltImage image, Stage stage, BaseImage.External external,
            List<Variables.Definition> required, boolean builder) {
        String written = external.written();
        int firstVariable = written.indexOf('$');
        if (firstVariable < 0 || written.substring(0, firstVariable).indexOf(':') < 0
                || written.substring(0, firstVariable).contains("@")) {
            return;
        }
        List<String> names = required.stream().map(Variables.Definition::name).toList();
        List<String> defaults = required.stream().map(d -> d.value() == null || d.value().isEmpty()
                ? "ARG " + d.name() + " (line " + d.instruction().span().startLine() + ") has no default"
                : "the default " + d.value() + " of ARG " + d.name() + " (line " + d.instruction().span().startLine()
                        + ") is a placeholder, not a tag").toList();
        String subject = names.size() == 1 ? "the build argument " + names.get(0) : "the build arguments "
                + String.join(" and ", names);
        String passes = String.join(" ", names.stream().map(n -> "--build-arg " + n + "=...").toList());
        String message = "FROM " + written + " takes its tag from " + subject + ", which every build has to pass ("
                + passes + ", or build.args in compose): " + String.join("; ", defaults) + ". drydock cannot see the"
                + " value given, so it cannot tell whether the tag is pinned"
                + (builder ? "; it is the base of the builder " + Stages.describe(stage) : "");
        String name = written.substring(0, written.substring(0, firstVariable).lastIndexOf(':'));
        context.finding(this, image.dockerfile(), Stages.imageSpan(stage), message)
                .severity(Severity.INFO)
                .recommendation("Give " + (names.size() == 1 ? "it" : "them") + " a full version wherever the image is"
                        + " built (the CI workflow, the Makefile or release script, compose build.args), not a moving"
                        + " tag such as a bare major version or latest, and for reproducible builds the digest of "
                        + name + " at that tag (docker buildx imagetools inspect shows it).")
                .add();
    }

    private void checkCopyFrom(ReviewContext context, BuiltImage image, CopyCommand copy) {
        if (copy.from() == null || copy.fromStage() >= 0 || copy.from().contains("$")
                || copy.from().chars().allMatch(Character::isDigit) || NamedContexts.supplies(image, copy.from())) {
            return; // a named context (compose build.additional_contexts) is pinned where the compose file names it
        }
        ImageReference ref = ImageReference.tryParse(copy.from()).orElse(null);
        Optional<Movement> movement = ImageTags.movement(ref);
        if (movement.isEmpty()) {
            return;
        }
        Span span = copy.instruction().flag("from").map(f -> f.span()).orElse(copy.instruction().span());
        context.finding(this, image.dockerfile(), span, "COPY --from=" + copy.from() + " copies files out of an image that "
                        + describe(ref, movement.get()))
                .severity(severity(ref, movement.get()))
                .recommendation(recommendation(ref, movement.get(), "Pin "))
                .add();
    }

    private static String describe(ImageReference ref, Movement movement) {
        if (DistributionReleases.distrolessWithRelease(ref).isPresent()) {
            return (ref.hasExplicitTag() ? "is tagged " + ref.tag() : "has no tag (latest)") + " and names no Debian"
                    + " release: a distroless name without -debianN leaves the release to distroless, which has moved"
                    + " such names to newer releases before, and distroless publishes no version tags";
        }
        Optional<String> distroless = DistributionReleases.distrolessRelease(ref);
        if (distroless.isPresent()) {
            return (ref.hasExplicitTag() ? "is tagged " + ref.tag() : "has no tag (latest)") + ": distroless publishes"
                    + " no version tags, and its moving tags follow the security rebuilds of " + distroless.get()
                    + " (they stay on that release)";
        }
        Optional<String> release = DistributionReleases.release(ref);
        if (release.isPresent()) {
            return "is a moving tag: " + ref.tag() + " follows the point releases and security rebuilds of "
                    + release.get() + " (it stays on that release)";
        }
        return switch (movement) {
            case NO_TAG -> "has no tag, so every build pulls whatever " + ref.familiarName() + ":latest is that day";
            case LATEST -> ref.isLatest()
                    ? "uses the latest tag, which follows every new release of " + ref.familiarName()
                    : "is tagged " + ref.tag() + ", whose latest part follows every new release of "
                            + ref.familiarName();
            case NO_VERSION -> runtimeVariant(ref)
                    .map(runtime -> "is tagged " + ref.tag() + ": the tag fixes " + runtime + " but names no version of "
                            + tool(ref) + " itself, so it moves with every " + tool(ref) + " release")
                    .orElse("is tagged " + ref.tag() + ", a tag without a version that moves with every release");
            case MAJOR -> "is a moving tag: " + ref.tag() + " follows every minor and patch release of version "
                    + ref.version().version();
            case MINOR -> ImageTags.redHat(ref) && ref.tag().equals(ref.version().version())
                    ? "is a moving tag: " + ref.tag() + " follows every build of that release (" + ref.tag() + "-1, "
                            + ref.tag() + "-2 ...), which Red Hat publishes with each update of its packages"
                    : ImageTags.officialName(ref).equals("ubuntu")
                    ? "is a moving tag: ubuntu:" + ref.tag() + " is rebuilt with every update of the release"
                    : "is a moving tag: " + ref.tag() + " follows every " + ref.version().version() + ".x patch release";
        };
    }

    /**
     * The compilers and development packages (with their line) that the stages built on {@code stage}
     * install from the distribution: what a build compiles against the distribution's own libraries.
     */
    /**
     * Build tools that compile nothing themselves and link against no library of the distribution: a stage that
     * installs only these (make to run a Makefile of npm scripts) builds the same on the next release.
     */
    private static final Set<String> RUNNERS = Set.of("make", "cmake", "ninja", "ninja-build", "meson", "autoconf",
            "automake", "libtool", "libtool-bin", "pkg-config", "pkgconf", "pkgconfig", "bison", "flex");

    private static List<String> compiledAgainst(BuiltImage image, Stage stage) {
        Set<String> found = new LinkedHashSet<>();
        List<Stage> onIt = image.neededStages().stream()
                .filter(s -> Stages.rootStage(image.model(), s) == stage).toList();
        for (RunStep run : RunStep.of(image.model(), onIt)) {
            for (Call call : run.calls()) {
                PackageCommands.install(call).ifPresent(install -> install.packages().stream()
                        .filter(p -> BuildTools.isBuildTool(p.name()) && !RUNNERS.contains(p.name())
                                || BuildTools.isDevelopmentPackage(p.name()))
                        .forEach(p -> found.add(p.name() + " (line " + p.word().span().startLine() + ")")));
            }
        }
        return List.copyOf(found);
    }

    /**
     * Low for a tag that stays on one release line (a version, or a distribution's release), which only takes
     * compatible updates; medium for no tag, latest and versionless tags, which jump to the next major release.
     */
    private static Severity severity(ImageReference ref, Movement movement) {
        if (DistributionReleases.release(ref).isPresent()) {
            return Severity.LOW;
        }
        return movement == Movement.MAJOR || movement == Movement.MINOR ? Severity.LOW : Severity.MEDIUM;
    }

    /** How to say where the version is set: in FROM itself, an ARG default, or a build argument passed in. */
    private static String pinWording(DockerfileModel model, BaseImage.External external) {
        if (external.written().equals(external.expanded())) {
            return "Pin ";
        }
        Matcher m = VARIABLE.matcher(external.written());
        while (m.find()) {
            if (model.options().buildArgs().containsKey(m.group(1))) {
                return "Set the build argument " + m.group(1) + " (compose build.args or --build-arg) to ";
            }
        }
        return "Set the ARG default to ";
    }

    private static String recommendation(ImageReference ref, Movement movement, String pin) {
        String name = ref.familiarName();
        String current = ref.familiarString();
        String inspect = "docker buildx imagetools inspect " + current + " shows the digest";
        StringBuilder out = new StringBuilder();
        Optional<String> withRelease = DistributionReleases.distrolessWithRelease(ref);
        if (withRelease.isPresent()) {
            String named = withRelease.get() + (ref.hasExplicitTag() ? ":" + ref.tag() : "");
            return out.append(pin).append("the image with its Debian release named, and its digest, the only fixed")
                    .append(" reference distroless offers: ").append(named).append("@sha256:<digest> (the release you")
                    .append(" test on; docker buildx imagetools inspect ").append(named).append(" shows the digest).")
                    .append(" Dependabot or Renovate can then propose each rebuild as a reviewed change.").toString();
        }
        if (DistributionReleases.distrolessRelease(ref).isPresent()) {
            return out.append(pin).append("its digest, the only fixed reference distroless offers: ").append(current)
                    .append("@sha256:<digest> (").append(inspect).append("). Dependabot or Renovate can then propose")
                    .append(" each rebuild as a reviewed change.").toString();
        }
        if (ImageTags.officialName(ref).equals("ubuntu")) {
            out.append(pin).append("a dated tag of the release (").append(name)
                    .append(":jammy-YYYYMMDD style, listed on Docker Hub) or add the digest of ").append(current)
                    .append(" (").append(inspect).append(").");
        } else if (movement == Movement.MAJOR || movement == Movement.MINOR) {
            String full = name + ":" + ImageTags.fullVersionPattern(ref);
            out.append(pin).append("the full version, ").append(full)
                    .append(" with N the release you build and test with");
            String command = ImageTags.versionCommand(ref);
            if (command != null) {
                out.append(" (docker run --rm ").append(current).append(' ').append(command)
                        .append(" prints the one the tag points to today)");
            }
            out.append(", and add its digest, ").append(full).append("@sha256:<digest> (").append(inspect).append(").");
        } else if (movement == Movement.NO_VERSION && datedTags(ref)) {
            out.append(pin).append("a dated tag, ").append(name).append(':').append(ref.tag())
                    .append("-YYYY-MM-DD with the date of the build you test with (").append(name)
                    .append(" publishes one per rebuild, listed on Docker Hub), and add its digest (").append(inspect)
                    .append(").");
        } else if (movement == Movement.NO_VERSION && runtimeVariant(ref).isPresent()) {
            out.append(pin).append(tool(ref)).append("'s version before the runtime, ").append(name).append(":X.Y.Z-")
                    .append(ref.tag()).append(" with X.Y.Z the ").append(tool(ref))
                    .append(" release you build and test with (from the registry's tag list), and add its digest (")
                    .append(inspect).append(").");
        } else {
            out.append(pin).append("a full version tag of ").append(name)
                    .append(" (the release you build and test with, from the registry's tag list) and add its digest (")
                    .append(inspect).append(").");
        }
        out.append(" Dependabot or Renovate can then propose each update as a reviewed change.");
        return out.toString();
    }

    /**
     * Whether the image's maintainer marks each rebuild with a dated tag rather than a version: tiangolo's server
     * images ({@code python3.11-2024-08-25}).
     */
    private static boolean datedTags(ImageReference ref) {
        return ref.familiarName() != null && ref.familiarName().startsWith("tiangolo/") && ref.hasExplicitTag();
    }

    /**
     * The language runtime a versionless tag names with its version ({@code python3.12} in uv's
     * {@code python3.12-bookworm-slim}): the tag fixes that runtime, not the version of the image's own tool.
     */
    private static Optional<String> runtimeVariant(ImageReference ref) {
        for (String variant : ref.version().variants()) {
            Matcher m = RUNTIME_VARIANT.matcher(variant);
            if (m.matches() && !tool(ref).startsWith(m.group(1))) {
                return Optional.of(RUNTIMES.get(m.group(1)) + " " + m.group(2));
            }
        }
        return Optional.empty();
    }

    private static final Pattern RUNTIME_VARIANT = Pattern.compile("(python|py|node|php|ruby|jdk|jre|java|go|golang)"
            + "(\\d+(?:\\.\\d+)*)");

    private static final java.util.Map<String, String> RUNTIMES = java.util.Map.of("python", "Python", "py", "Python",
            "node", "Node.js", "php", "PHP", "ruby", "Ruby", "jdk", "Java", "jre", "Java", "java", "Java", "go", "Go",
            "golang", "Go");

    /** The image's own program, as its name's last part says ({@code uv} for ghcr.io/astral-sh/uv). */
    private static String tool(ImageReference ref) {
        String name = ref.familiarName();
        return name.substring(name.lastIndexOf('/') + 1);
    }

    /** Where the build arguments of a FROM come from: " (ARG PYTHON_VERSION=3.11, line 1)". */
    private static String argumentOrigin(DockerfileModel model, String written) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = VARIABLE.matcher(written);
        while (m.find()) {
            names.add(m.group(1));
        }
        List<String> parts = new ArrayList<>();
        for (String name : names) {
            Variables.Definition d = model.globalArgs().definition(name);
            if (d != null && d.instruction() != null) {
                parts.add(model.options().buildArgs().containsKey(name)
                        ? "the build argument " + name + "=" + d.value() + " passed to the build (ARG at line "
                                + d.instruction().span().startLine() + ")"
                        : "ARG " + name + "=" + (d.value() == null ? "" : d.value()) + ", line "
                                + d.instruction().span().startLine());
            }
        }
        return parts.isEmpty() ? "" : " with " + String.join(" and ", parts);
    }
}
