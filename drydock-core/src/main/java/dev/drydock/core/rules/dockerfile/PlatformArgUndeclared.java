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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
                + " variable to nothing. One finding per stage, at the first RUN that uses one, naming the later RUNs"
                + " that do too; the fix inserts the ARG lines once, before that first RUN, where every later RUN of"
                + " the stage sees them.",
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
                check(context, dockerfile, stage);
            }
        }
    }

    /** A RUN that uses platform variables its stage does not declare, and where it first uses each. */
    private record Use(CommandSpec run, Map<String, Integer> undeclared) {}

    /**
     * One finding per stage, at the first RUN that uses an undeclared platform variable, naming the later RUNs that
     * use one too: one ARG block before that first RUN declares them for all of them.
     */
    private void check(ReviewContext context, DockerfileSource dockerfile, Stage stage) {
        List<Use> uses = new ArrayList<>();
        for (CommandSpec run : stage.runs()) {
            Map<String, Integer> undeclared = undeclared(dockerfile, run);
            if (!undeclared.isEmpty()) {
                uses.add(new Use(run, undeclared));
            }
        }
        if (uses.isEmpty()) {
            return;
        }
        Use firstUse = uses.get(0);
        CommandSpec run = firstUse.run();
        MappedText script = run.script();
        Set<String> all = new LinkedHashSet<>();
        uses.forEach(u -> all.addAll(u.undeclared().keySet()));
        String names = String.join(" and ", all);
        String used = String.join(" and $", firstUse.undeclared().keySet());
        int first = firstUse.undeclared().values().iterator().next();
        SourceFile file = script.file();
        String path = file.path();
        int lineStart = run.instruction().span().start();
        String indent = leadingBlanks(file.text(), lineStart);
        StringBuilder args = new StringBuilder();
        all.forEach(name -> args.append("ARG ").append(name).append('\n').append(indent));
        boolean one = firstUse.undeclared().size() == 1;
        List<String> later = uses.subList(1, uses.size()).stream()
                .map(u -> String.valueOf(u.run().instruction().span().startLine())).toList();
        context.finding(this, path, script.fileSpan(first, first + 1 + firstUse.undeclared().keySet().iterator().next()
                        .length()),
                        "this RUN uses $" + used + ", which BuildKit sets in the"
                                + " global scope only, and the stage declares no ARG " + String.join(" and ",
                                        firstUse.undeclared().keySet()) + ": the shell expands "
                                + (one ? "it" : "them") + " to nothing" + (script.text().contains("${"
                                        + firstUse.undeclared().keySet().iterator().next() + ":-") ? " (or to the default"
                                        + " written after :-, in a build for any platform)" : "")
                                + (later.isEmpty() ? "" : later.size() == 1 ? "; so does the RUN on line " + later.get(0)
                                        + " of this stage" : "; so do the RUNs on lines " + String.join(", ", later)
                                        + " of this stage"))
                .recommendation("Declare " + (all.size() == 1 ? "it" : "them") + " in the stage before this RUN: "
                        + String.join(", ", all.stream().map(n -> "`ARG " + n + "`").toList())
                        + " (no value, so that BuildKit's comes in)" + (later.isEmpty() ? "" : "; the later RUNs of the"
                                + " stage see it too") + ".")
                .fix(Fix.of("declare " + names + " in the stage", FixSafety.SAFE,
                        TextEdit.insert(path, lineStart, args.toString())))
                .add();
    }

    /** The platform variables the RUN uses that its stage does not declare, each with its first use in the script. */
    private static Map<String, Integer> undeclared(DockerfileSource dockerfile, CommandSpec run) {
        MappedText script = run.script();
        Step step = dockerfile.model().step(run.instruction()).orElse(null);
        Map<String, Integer> undeclared = new LinkedHashMap<>();
        if (run.execForm() || script == null || step == null) {
            return undeclared;
        }
        String text = script.text();
        Matcher m = USE.matcher(text);
        while (m.find()) {
            String name = m.group(1);
            if (step.variables().definition(name) == null && !assignedBefore(text, name, m.start())) {
                undeclared.putIfAbsent(name, m.start());
            }
        }
        return undeclared;
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
