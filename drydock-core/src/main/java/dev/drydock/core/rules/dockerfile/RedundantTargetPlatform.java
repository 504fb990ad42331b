package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.expand.Expansion;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.FromPlatformFlags;
import java.util.Set;

@RuleDefinition(
        id = "redundant-target-platform",
        title = "FROM --platform=$TARGETPLATFORM repeats the default",
        severity = Severity.INFO,
        category = Category.MAINTAINABILITY,
        checks = "The --platform of every FROM, as BuildKit's RedundantTargetPlatform check does: fires when the value"
                + " uses TARGETPLATFORM and nothing else, so that it expands to the target platform itself. No fix"
                + " when the comment above the FROM names the flag, Podman or Buildah: the author keeps it for a"
                + " builder that needs it.",
        problem = "A stage is built for the target platform unless told otherwise, so --platform=$TARGETPLATFORM"
                + " says nothing; it makes readers look for a cross-compilation setup that is not there.",
        impact = "Noise in the Dockerfile and a BuildKit warning on every build.",
        recommendation = "Remove the --platform flag.",
        references = {
                "https://docs.docker.com/reference/build-checks/redundant-target-platform/",
                "https://docs.docker.com/build/building/multi-platform/"},
        aliases = {"RedundantTargetPlatform", "DL3065"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM --platform=$TARGETPLATFORM alpine:3.20.3
                        RUN apk add --no-cache git=2.45.2-r0
                        """,
                good = """
                        FROM alpine:3.20.3
                        RUN apk add --no-cache git=2.45.2-r0
                        """))
public final class RedundantTargetPlatform implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (FromPlatformFlags.PlatformFlag platform : FromPlatformFlags.of(context, "RedundantTargetPlatform")) {
            Flag flag = platform.flag();
            Expansion e = platform.expansion();
            if (!e.ok() || !e.unmatched().isEmpty() || !e.matched().equals(Set.of("TARGETPLATFORM"))
                    || !e.value().equals(platform.dockerfile().model().globalArgs().lookup("TARGETPLATFORM"))) {
                continue;
            }
            String file = platform.dockerfile().file().path();
            String text = platform.dockerfile().file().text();
            int end = flag.span().end();
            while (end < text.length() && (text.charAt(end) == ' ' || text.charAt(end) == '\t')) {
                end++;
            }
            boolean explained = commentAboveNamesPlatform(platform.dockerfile().file(), flag.span().startLine());
            context.finding(this, file, flag.span(), "FROM " + flag.text() + " is redundant: stages are built for"
                            + " the target platform by default" + (explained ? "; the comment above it gives a reason"
                            + " to keep it (other builders, such as Podman's, have needed it)" : ""))
                    .recommendation(explained ? "Remove " + flag.text() + " once the builders the comment names no"
                            + " longer need it." : "Remove " + flag.text() + ".")
                    .fix(explained ? null : Fix.of("remove " + flag.text(), FixSafety.SAFE,
                            TextEdit.delete(file, flag.span().start(), end)))
                    .add();
        }
    }

    /**
     * Whether the comment lines right above the line speak of the flag or of the builders that needed it
     * (Podman, Buildah): the author keeps it on purpose.
     */
    private static boolean commentAboveNamesPlatform(SourceFile file, int line) {
        for (int l = line - 1; l >= 1; l--) {
            String text = file.line(l).strip();
            if (!text.startsWith("#")) {
                return false;
            }
            String lower = text.toLowerCase(java.util.Locale.ROOT);
            if (lower.contains("--platform") || lower.contains("podman") || lower.contains("buildah")) {
                return true;
            }
        }
        return false;
    }
}
