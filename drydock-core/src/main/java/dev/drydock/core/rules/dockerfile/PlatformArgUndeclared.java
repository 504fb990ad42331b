package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "platform-arg-undeclared",
        title = "A RUN uses a platform argument the stage never declares",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "The shell-form RUNs of every stage for a use of the platform arguments BuildKit sets"
                + " (TARGETPLATFORM, TARGETOS, TARGETARCH, TARGETVARIANT, BUILDPLATFORM, BUILDOS, BUILDARCH,"
                + " BUILDVARIANT: $TARGETARCH, ${TARGETARCH}, ${TARGETARCH:-amd64}) with no ARG of that name in the"
                + " stage or the stages it is built on, and no ENV of it: BuildKit sets them in the global scope only,"
                + " like an ARG before the first FROM, so a stage sees them only after `ARG TARGETARCH`. A RUN that"
                + " assigns the name itself before using it (TARGETARCH=$(dpkg --print-architecture)) is not reported,"
                + " nor is an escaped \\$TARGETARCH. UndefinedVar does not look into RUN, whose shell expands the"
                + " variable to nothing. The fix inserts the ARG lines before the RUN.",
        problem = "Without the ARG the variable is empty in the RUN: a download URL written for the target"
                + " architecture (tool-linux-${TARGETARCH}.tar.gz) becomes tool-linux-.tar.gz, and a default"
                + " (${TARGETARCH:-amd64}) always wins, also in an arm64 build.",
        impact = "The build fails with a 404 from the download, or worse succeeds and installs a binary of the wrong"
                + " architecture, which fails with 'exec format error' only when the container runs.",
        recommendation = "Declare the argument in the stage before its first use: `ARG TARGETARCH` (no value, so that"
                + " BuildKit's value comes in).",
        references = {
                "https://docs.docker.com/reference/dockerfile/#automatic-platform-args-in-the-global-scope",
                "https://docs.docker.com/build/building/variables/#scoping"},
        aliases = {},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.8-slim
                        RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\
                            && curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.3/bin/linux/${TARGETARCH}/kubectl \\
                            && chmod +x /usr/local/bin/kubectl && rm -rf /var/lib/apt/lists/*
                        USER 10001
                        ENTRYPOINT ["kubectl"]
                        """,
                good = """
                        FROM debian:12.8-slim
                        ARG TARGETARCH
                        RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\
                            && curl -fsSLo /usr/local/bin/kubectl https://dl.k8s.io/release/v1.31.3/bin/linux/${TARGETARCH}/kubectl \\
                            && chmod +x /usr/local/bin/kubectl && rm -rf /var/lib/apt/lists/*
                        USER 10001
                        ENTRYPOINT ["kubectl"]
                        """))
public final class PlatformArgUndeclared implements Rule {

    private static final Pattern USE = Pattern.compile(
            "(?<!\\\\)\\$\\{?((?:TARGET|BUILD)(?:PLATFORM|OS|ARCH|VARIANT))(?![A-Za-z0-9_])");

    @Override
    public void check(ReviewContext context) {
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (dockerfile.model() == null) {
                continue;
            }
            for (Stage stage : dockerfile.model().stages()) {
                for (CommandSpec run : stage.runs()) {
                    check(context, dockerfile, run);
                }
            }
        }
    }

    private void check(ReviewContext context, DockerfileSource dockerfile, CommandSpec run) {
        MappedText script = run.script();
        Step step = dockerfile.model().step(run.instruction()).orElse(null);
        if (run.execForm() || script == null || step == null) {
            return;
        }
        String text = script.text();
        Map<String, Integer> undeclared = new LinkedHashMap<>();
        Matcher m = USE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (step.variables().definition(name) == null && !assignedBefore(text, name, m.start())) {
                undeclared.putIfAbsent(name, m.start());
            }
        }
        if (undeclared.isEmpty()) {
            return;
        }
        String names = String.join(" and ", undeclared.keySet());
        int first = undeclared.values().iterator().next();
        SourceFile file = script.file();
        String path = file.path();
        int lineStart = run.instruction().span().start();
        String indent = leadingBlanks(file.text(), lineStart);
        StringBuilder args = new StringBuilder();
        undeclared.keySet().forEach(name -> args.append("ARG ").append(name).append('\n').append(indent));
        boolean one = undeclared.size() == 1;
        context.finding(this, path, script.fileSpan(first, first + 1 + undeclared.keySet().iterator().next().length()),
                        "this RUN uses $" + String.join(" and $", undeclared.keySet()) + ", which BuildKit sets in the"
                                + " global scope only, and the stage declares no ARG " + names + ": the shell expands "
                                + (one ? "it" : "them") + " to nothing" + (text.contains("${" + undeclared.keySet()
                                        .iterator().next() + ":-") ? " (or to the default written after :-, in a build"
                                        + " for any platform)" : ""))
                .recommendation("Declare " + (one ? "it" : "them") + " in the stage before this RUN: "
                        + String.join(", ", undeclared.keySet().stream().map(n -> "`ARG " + n + "`").toList())
                        + " (no value, so that BuildKit's comes in).")
                .fix(Fix.of("declare " + names + " in the stage", FixSafety.SAFE,
                        TextEdit.insert(path, lineStart, args.toString())))
                .add();
    }

    /** Whether the script sets the name itself before the use ({@code TARGETARCH=$(uname -m)}, {@code export ...}). */
    private static boolean assignedBefore(String text, String name, int use) {
        return Pattern.compile("(?<![A-Za-z0-9_$])" + name + "=").matcher(text.substring(0, use)).find();
    }

    private static String leadingBlanks(String text, int offset) {
        int start = offset;
        while (start > 0 && text.charAt(start - 1) != '\n') {
            start--;
        }
        return text.substring(start, offset).isBlank() ? text.substring(start, offset) : "";
    }
}
