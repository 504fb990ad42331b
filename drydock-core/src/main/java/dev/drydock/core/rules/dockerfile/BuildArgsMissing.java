package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Stages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "build-args-missing",
        title = "Versions are hard-coded: the Dockerfile declares no build argument",
        severity = Severity.MEDIUM,
        category = Category.MAINTAINABILITY,
        checks = "Fires when the Dockerfile has no ARG instruction at all (neither before the first FROM nor in a"
                + " stage) and the image the final stage starts from is written literally with a version tag"
                + " (FROM python:3.11-slim). One finding per built image, at that FROM. Quiet as soon as any ARG is"
                + " declared, or when the base has no version to vary (scratch, an untagged image, or one pinned by digest,"
                + " where the digest and not the tag decides what is pulled, or a tag that names a commit, such as"
                + " 137a295ff71b, whose leading digits are no version)."
                + " A dev container's image and one built from a Dockerfile named for development or tests"
                + " (Dockerfile.dev, Dockerfile.test) that nothing deploys are left alone, and so is a Dockerfile whose header comments say it is"
                + " generated (\"GENERATED VIA apply-templates.sh\", \"DO NOT EDIT\", as the Docker official images'"
                + " are): its versions come from the template and the data it is generated from.",
        problem = "The runtime version lives only inside the FROM line: building the image for another version"
                + " (testing the next Python or Node release, a security rebuild on a newer patch) means editing the"
                + " Dockerfile, and every other build-time value is fixed the same way.",
        impact = "Version upgrades cannot be tried in CI with --build-arg, builder and runtime stages drift apart"
                + " when one FROM is updated and not the other, and environments that need other values end up"
                + " with copies of the Dockerfile.",
        recommendation = "Declare the base image version as an ARG before the first FROM (with the current value as"
                + " default) and use it in every FROM; pass other values that differ per build the same way.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#arg",
                "https://docs.docker.com/reference/dockerfile/#understand-how-arg-and-from-interact",
                "https://docs.docker.com/build/building/variables/"},
        aliases = {},
        fix = FixSafety.SAFE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        COPY app.py /app/app.py
                        CMD ["python", "/app/app.py"]
                        """,
                good = """
                        ARG PYTHON_VERSION=3.12.7
                        FROM python:${PYTHON_VERSION}-slim
                        COPY app.py /app/app.py
                        CMD ["python", "/app/app.py"]
                        """))
public final class BuildArgsMissing implements Rule {

    private static final Pattern NOT_ALPHANUMERIC = Pattern.compile("[^A-Z0-9]+");
    private static final Pattern EDGE_UNDERSCORES = Pattern.compile("^_|_$");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (declaresArg(image) || image.builtForDevelopment() || generated(image.model().syntax().file())) {
                continue; // a development image's versions are chosen in its devcontainer.json or Dockerfile, never at
                          // release; a generated Dockerfile's come from the template and the data it is generated from
            }
            Stage root = Stages.rootStage(image.model(), image.stage());
            if (!(root.base() instanceof BaseImage.External external) || external.reference() == null
                    || !external.reference().isImage() || external.written().contains("$")
                    || external.reference().isPinnedByDigest()) {
                continue; // with a digest the tag only documents the version: an ARG in it would change nothing
            }
            ImageReference ref = external.reference();
            TagVersion version = ref.version();
            if (version == null || !version.hasVersion()) {
                continue;
            }
            String arg = argName(ref);
            String tag = ref.tag();
            int at = tag.indexOf(version.version());
            int after = at + version.version().length();
            if (at < 0 || after < tag.length() && Character.isLetterOrDigit(tag.charAt(after))) {
                continue; // digits that run on into letters start a commit tag (137a295ff71b), not a version
            }
            String templated = tag.substring(0, at) + "${" + arg + "}" + tag.substring(at + version.version().length());
            String reference = ref.familiarName() + ":" + templated;
            long sameImage = image.neededStages().stream()
                    .filter(s -> s.base() instanceof BaseImage.External e && e.reference() != null
                            && ref.familiarName().equals(e.reference().familiarName()))
                    .count();
            List<String> carriers = new ArrayList<>(); // other stages whose image names the same runtime version
            List<String> templatedCarriers = new ArrayList<>();
            for (Stage s : image.neededStages()) {
                if (s.base() instanceof BaseImage.External e && e.reference() != null && e.reference().isImage()
                        && e.reference().tag() != null && !ref.familiarName().equals(e.reference().familiarName())) {
                    Matcher m = runtimeToken(ref, e.reference(), version.version()).matcher(e.reference().tag());
                    if (m.find()) {
                        String t = e.reference().tag();
                        int g = m.group(1) != null ? 1 : 2;
                        carriers.add(Stages.describe(s) + " (" + e.reference().familiarString() + ")");
                        templatedCarriers.add("FROM " + e.reference().familiarName() + ":" + t.substring(0, m.start(g))
                                + "${" + arg + "}" + t.substring(m.end(g)) + (s.name() == null ? "" : " AS " + s.name()));
                    }
                }
            }
            String message = ref.familiarString() + " is written into FROM and the Dockerfile declares no ARG: the "
                    + label(ref) + " version " + version.version() + " can only be changed by editing the Dockerfile"
                    + (sameImage > 1 ? ", in each of the " + sameImage + " FROM lines that use " + ref.familiarName() : "")
                    + (carriers.isEmpty() ? "" : "; " + String.join(", ", carriers) + " names the same " + label(ref)
                            + " " + version.version() + " in its tag, and the two drift apart when one is updated"
                            + " without the other");
            String recommendation = "Declare the version once before the first FROM and use it: ARG " + arg + "="
                    + version.version() + ", then FROM " + reference
                    + (sameImage > 1 ? " in every stage" : "")
                    + (templatedCarriers.isEmpty() ? "" : " and " + String.join(" and ", templatedCarriers))
                    + ". CI can then build the next release with"
                    + " --build-arg " + arg + "=<version> (compose: build.args) without editing the file.";
            context.finding(this, image.dockerfile(), Stages.imageSpan(root), message)
                    .implicit()
                    .recommendation(recommendation)
                    .fix(fix(image, ref, arg, withBuild(tag, version.version())))
                    .add();
        }
    }

    /** A header comment that says the file is generated ("GENERATED VIA apply-templates.sh", "DO NOT EDIT"). */
    private static final Pattern GENERATED = Pattern.compile(
            "(?im)^\\s*#.*(\\bgenerated\\b.*\\b(via|by|from|with)\\b|\\bdo not edit\\b)");

    /** Whether the comments before the first instruction say the Dockerfile is generated from a template. */
    private static boolean generated(SourceFile file) {
        String text = file.text();
        StringBuilder header = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (!t.isEmpty() && !t.startsWith("#")) {
                break;
            }
            header.append(line).append('\n');
        }
        return GENERATED.matcher(header).find();
    }

    /**
     * {@code ARG NAME=version} before the first FROM, and the version replaced by {@code ${NAME}} in every
     * literal FROM whose tag carries it: the same image at the same version, and images that name the
     * runtime in their tag (maven:3.9-eclipse-temurin-21). None when no FROM can take the variable.
     */
    private static Fix fix(BuiltImage image, ImageReference ref, String arg, String version) {
        SourceFile file = image.model().syntax().file();
        List<TextEdit> edits = new ArrayList<>();
        Instruction firstFrom = image.model().stages().get(0).from();
        edits.add(SourceEdits.insertLinesBefore(file, file.position(firstFrom.span().start()).line(),
                "ARG " + arg + "=" + version));
        String variable = "${" + arg + "}";
        for (Stage s : image.neededStages()) {
            if (!(s.base() instanceof BaseImage.External e) || e.reference() == null || !e.reference().isImage()
                    || e.reference().tag() == null || e.written().contains("$")) {
                continue;
            }
            Span word = Stages.imageSpan(s);
            String written = file.text(word);
            String tag = e.reference().tag();
            int tagAt = written.lastIndexOf(":" + tag) + 1;
            if (tagAt == 0 || tagAt + tag.length() != written.length()) {
                continue;
            }
            int from;
            int to;
            if (ref.familiarName().equals(e.reference().familiarName())) {
                TagVersion v = e.reference().version();
                if (v == null || !v.hasVersion() || !version.equals(withBuild(tag, v.version()))) {
                    continue;
                }
                from = tag.indexOf(version);
                to = from + version.length();
            } else {
                Matcher m = runtimeToken(ref, e.reference(), version).matcher(tag);
                if (!m.find()) {
                    continue;
                }
                int g = m.group(1) != null ? 1 : 2;
                from = m.start(g);
                to = m.end(g);
            }
            edits.add(TextEdit.replace(image.dockerfile(), word.start() + tagAt + from, word.start() + tagAt + to,
                    variable));
        }
        if (edits.size() == 1) {
            return null; // no FROM could use the ARG (a digest pins the image): it would be declared for nothing
        }
        return Fix.of("declare ARG " + arg + "=" + version + " and use it in FROM", FixSafety.SAFE, edits);
    }

    /** The version with the build number some tags write after it (eclipse-temurin's 21.0.9_10). */
    private static String withBuild(String tag, String version) {
        Matcher m = BUILD.matcher(tag.substring(tag.indexOf(version) + version.length()));
        return m.lookingAt() ? version + m.group() : version;
    }

    private static final Pattern BUILD = Pattern.compile("_\\d+(?=$|-)");

    private static boolean declaresArg(BuiltImage image) {
        for (Instruction instruction : image.model().syntax().instructions()) {
            if (instruction.kind() == InstructionKind.ARG) {
                return true;
            }
        }
        return false;
    }

    /** Java runtime images, whose version other images (maven, gradle) name in their tags. */
    private static final Set<String> JAVA_IMAGES = Set.of("eclipse-temurin", "openjdk", "amazoncorretto",
            "ibm-semeru-runtimes", "sapmachine");

    /**
     * How another image's tag names this runtime's version ({@code maven:3.9-eclipse-temurin-21},
     * {@code gradle:8.10-jdk21}, the .NET SDK's 8.0 for the aspnet image's); the version is the group that
     * matched (1, or 2 for a jdk tag).
     */
    private static Pattern runtimeToken(ImageReference ref, ImageReference other, String version) {
        String v = Pattern.quote(version);
        if (dotnet(ref) && dotnet(other)) {
            return Pattern.compile("^(" + v + ")(?=$|-)"); // the SDK and the runtimes share their versions
        }
        String name = Pattern.quote(ref.imageName());
        String jdk = JAVA_IMAGES.contains(ref.imageName()) ? "|(?:^|-)jdk-?(" + v + ")(?=$|-)" : "";
        return Pattern.compile("(?:^|-)" + name + "-(" + v + ")(?=$|-)" + jdk);
    }

    /** PYTHON_VERSION for python, JAVA_VERSION for the Java runtimes, GO_VERSION for golang, DOTNET_VERSION for .NET. */
    static String argName(ImageReference ref) {
        if (dotnet(ref)) {
            return "DOTNET_VERSION";
        }
        if (JAVA_IMAGES.contains(ref.imageName())) {
            return "JAVA_VERSION";
        }
        if (ref.imageName().equals("golang")) {
            return "GO_VERSION";
        }
        String name = EDGE_UNDERSCORES.matcher(NOT_ALPHANUMERIC.matcher(ref.imageName().toUpperCase(Locale.ROOT))
                .replaceAll("_")).replaceAll("");
        if (name.isEmpty() || Character.isDigit(name.charAt(0))) {
            name = "BASE_" + name;
        }
        return name + "_VERSION";
    }

    /** The .NET images (sdk, aspnet, runtime, runtime-deps), whose tags all name the .NET version. */
    private static boolean dotnet(ImageReference ref) {
        return ref.familiarName().startsWith("mcr.microsoft.com/dotnet/");
    }

    private static String label(ImageReference ref) {
        if (dotnet(ref)) {
            return ".NET";
        }
        String name = ref.imageName();
        return switch (name) {
            case "python" -> "Python";
            case "node" -> "Node.js";
            case "golang" -> "Go";
            case "ruby" -> "Ruby";
            case "openjdk", "eclipse-temurin", "amazoncorretto" -> "Java";
            default -> name;
        };
    }
}
