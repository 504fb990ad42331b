package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.TagVersion;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageVersions;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.DistributionReleases;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.Stages;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "end-of-life-base-image",
        title = "Base image is a release line that no longer gets security fixes",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "The image of every FROM of the stages a build uses, after build arguments are expanded, when it is"
                + " the official python, node, golang, php, ruby or alpine image with a version in its tag: fires when"
                + " that version belongs to a release line older than the oldest one its maintainers still supported"
                + " on the date of drydock's table of image versions (python below 3.10, node below 20, golang below"
                + " 1.24, alpine below 3.20...), whether the tag moves or names a full version. Medium for the stages"
                + " the image is made of and for golang builders, since Go compiles its standard library into the"
                + " program; low for other builder stages, whose runtime does not ship. A tag with the major version"
                + " only (python:3) follows the newest line and is left alone, as are lines that ended after the"
                + " table's date and Node.js's odd-numbered releases. Also fires, for any version, when the tag names"
                + " a distribution release the image was no longer built on at that date (python and golang on Debian"
                + " bullseye, eclipse-temurin on Ubuntu focal): such a tag is no longer rebuilt either.",
        problem = "Once a release line reaches its end of life, its maintainers publish no more fixes for it: the"
                + " runtime or distribution keeps every vulnerability found after that day, and the image's tags stop"
                + " being rebuilt.",
        impact = "Known vulnerabilities ship with every build, scanners report them with no fixed version of that"
                + " line to move to, and the upgrade, when it comes, spans several releases at once.",
        recommendation = "Move to a supported line (the newest one the application is tested on), pin its full"
                + " version, and let Renovate or Dependabot propose the next line when it comes.",
        references = {
                "https://devguide.python.org/versions/",
                "https://nodejs.org/en/about/previous-releases",
                "https://go.dev/doc/devel/release#policy",
                "https://alpinelinux.org/releases/",
                "https://www.php.net/supported-versions.php",
                "https://www.ruby-lang.org/en/downloads/branches/"},
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
                        FROM node:22.12.0-alpine3.20
                        WORKDIR /app
                        COPY . .
                        USER node
                        CMD ["node", "server.js"]
                        """))
public final class EndOfLifeBaseImage implements Rule {

    private static final Map<String, String> SOFTWARE = Map.of("python", "Python", "node", "Node.js", "golang", "Go",
            "php", "PHP", "ruby", "Ruby", "alpine", "Alpine Linux");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            List<Stage> inImage = Stages.inImage(image.model(), image.stage());
            for (Stage stage : image.neededStages()) {
                if (stage.base() instanceof BaseImage.External external && external.reference() != null
                        && external.reference().isImage() && reported.add(image.dockerfile() + "#" + stage.index())) {
                    check(context, image, stage, external.reference(), inImage.contains(stage));
                }
            }
        }
    }

    /**
     * Whether the image's tag names a release line its maintainers no longer support: the official images
     * stop publishing such a line, so its tags no longer move either.
     */
    static boolean endOfLife(ImageReference ref) {
        String oldest = BaseImageVersions.oldestSupported(ImageTags.officialName(ref)).orElse(null);
        TagVersion version = ref.version();
        return oldest != null && version != null && version.hasVersion() && older(version, TagVersion.parse(oldest));
    }

    private void check(ReviewContext context, BuiltImage image, Stage stage, ImageReference ref, boolean ships) {
        if (!endOfLife(ref)) {
            BaseImageVersions.droppedRelease(ref).ifPresent(release -> dropped(context, image, stage, ref, release,
                    ships));
            return;
        }
        String name = ImageTags.officialName(ref);
        TagVersion version = ref.version();
        String oldest = BaseImageVersions.oldestSupported(name).orElseThrow();
        String software = SOFTWARE.get(name);
        String line = version.components().subList(0, TagVersion.parse(oldest).components().size()).stream()
                .map(String::valueOf).reduce((a, b) -> a + "." + b).orElseThrow();
        boolean compiledIn = name.equals("golang");
        StringBuilder message = new StringBuilder(ref.familiarString()).append(" is ").append(software).append(' ')
                .append(line).append(", a release line its maintainers no longer support (the oldest they still")
                .append(" fixed on ").append(BaseImageVersions.date()).append(" was ").append(oldest).append("): the")
                .append(" vulnerabilities found since then stay in it");
        if (!ships) {
            message.append("; it is the base of the builder ").append(Stages.describe(stage))
                    .append(compiledIn ? ", and Go compiles its standard library into the program it builds"
                            : ", so only what it builds ships");
        }
        List<String> lines = BaseImageVersions.supportedLines(name);
        String kept = DistributionReleases.withoutRelease(version.variant());
        String variant = kept.isEmpty() ? "" : "-" + kept;
        String choices = lines.isEmpty() ? software + " " + oldest + " or newer"
                : software + " " + words(lines) + " (" + ref.familiarName() + ":" + lines.get(lines.size() - 1)
                        + variant + " for the newest)";
        context.finding(this, image.dockerfile(), Stages.imageSpan(stage), message.toString())
                .severity(ships || compiledIn ? Severity.MEDIUM : Severity.LOW)
                .recommendation("Move to a supported line, " + choices + ", test the application on it and pin its"
                        + " full version; Renovate or Dependabot can then propose the next line.")
                .add();
    }

    /**
     * A supported line on a distribution release the image is no longer built on: the tag stopped at its last
     * build there, and the fixes of the runtime and of the distribution since then are not in it.
     */
    private void dropped(ReviewContext context, BuiltImage image, Stage stage, ImageReference ref, String release,
            boolean ships) {
        StringBuilder message = new StringBuilder(ref.familiarString()).append(" names the distribution release ")
                .append(release).append(", which the ").append(ref.familiarName()).append(" images had left by ")
                .append(BaseImageVersions.date()).append(": the tag is no longer rebuilt, so the runtime and")
                .append(" distribution fixes published since then stay out of it");
        if (!ships) {
            message.append("; it is the base of the builder ").append(Stages.describe(stage));
        }
        String variant = DistributionReleases.withoutRelease(ref.version() == null ? "" : ref.version().variant());
        String moving = ref.version() == null || !ref.version().hasVersion() ? null
                : ref.familiarName() + ":" + ref.version().version() + (variant.isEmpty() ? "" : "-" + variant);
        context.finding(this, image.dockerfile(), Stages.imageSpan(stage), message.toString())
                .severity(ships ? Severity.MEDIUM : Severity.LOW)
                .recommendation("Move to a release the image is still built on"
                        + (moving == null ? "" : " (" + moving + " names none and follows the current one)")
                        + ", test the application on it and pin its full version.")
                .add();
    }

    /** "20, 22 or 24". */
    private static String words(List<String> lines) {
        return lines.size() == 1 ? lines.get(0)
                : String.join(", ", lines.subList(0, lines.size() - 1)) + " or " + lines.get(lines.size() - 1);
    }

    /** Whether the version's line (as many numbers as the oldest supported line has) comes before it. */
    private static boolean older(TagVersion version, TagVersion oldest) {
        List<Long> numbers = version.components();
        List<Long> limit = oldest.components();
        if (numbers.size() < limit.size()) {
            return false; // python:3 follows the newest 3.x
        }
        for (int i = 0; i < limit.size(); i++) {
            if (!numbers.get(i).equals(limit.get(i))) {
                return numbers.get(i) < limit.get(i);
            }
        }
        return false;
    }
}
