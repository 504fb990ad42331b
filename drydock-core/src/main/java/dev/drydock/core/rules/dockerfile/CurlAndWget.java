package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.Stages;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RuleDefinition(
        id = "curl-and-wget",
        title = "A stage downloads with both curl and wget",
        severity = Severity.LOW,
        category = Category.MAINTAINABILITY,
        checks = "The RUNs (shell and exec form, heredocs included) of each stage a build uses: once a stage has run"
                + " one of curl and wget, every call of the other one is reported. Low in the image's stages, info in"
                + " builder stages.",
        problem = "Two download tools do the same job; each needs its own package, certificates handling and flags"
                + " (retries, failing on HTTP errors, redirects), which readers must check twice.",
        impact = "A larger image with one more network tool for an attacker to use, and downloads that fail"
                + " differently depending on which tool a line happens to use.",
        recommendation = "Pick one tool for the stage (curl -fsSL; on Alpine, BusyBox's wget -q, which is always there) and"
                + " install only that one.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#run",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        aliases = {"DL4001", "DS014", "DS-0014", "Run Using 'wget' and 'curl'"},
        fix = FixSafety.NONE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.8
                        RUN curl -fsSL -o /tmp/a.tgz https://example.com/a-1.0.tgz
                        RUN wget -q -O /tmp/b.tgz https://example.com/b-1.0.tgz
                        """,
                good = """
                        FROM python:3.12.8
                        RUN curl -fsSL -o /tmp/a.tgz https://example.com/a-1.0.tgz
                        RUN curl -fsSL -o /tmp/b.tgz https://example.com/b-1.0.tgz
                        """))
public final class CurlAndWget implements Rule {

    private static boolean busyBox(BuiltImage image, Stage stage) {
        return InferredImageTools.of(image.model(), stage).map(t -> "apk".equals(t.packageManager())
                || t.image().contains("alpine") || t.image().startsWith("busybox")).orElse(false);
    }

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            Map<Stage, List<Call>> byStage = new LinkedHashMap<>();
            Map<Stage, Boolean> builder = new LinkedHashMap<>();
            for (BuildRuns.StageRun run : BuildRuns.of(image)) {
                builder.put(run.stage(), run.builder());
                for (Call call : run.run().calls()) {
                    if (call.is("curl", "wget")) {
                        byStage.computeIfAbsent(run.stage(), s -> new ArrayList<>()).add(call);
                    }
                }
            }
            for (Map.Entry<Stage, List<Call>> entry : byStage.entrySet()) {
                List<Call> calls = entry.getValue();
                String first = calls.get(0).name();
                String second = first.equals("curl") ? "wget" : "curl";
                Call firstCall = calls.get(0);
                for (Call call : calls) {
                    if (!call.is(second)) {
                        continue;
                    }
                    context.finding(this, image.dockerfile(), call.program() == null ? call.span()
                                    : call.program().span(), second + " in " + Stages.describe(entry.getKey())
                                    + ", which already downloads with " + first + " (line "
                                    + firstCall.span().startLine() + ")")
                            .severity(builder.get(entry.getKey()) ? Severity.INFO : Severity.LOW)
                            .recommendation(busyBox(image, entry.getKey())
                                    ? "The image's BusyBox already provides wget: download with wget -q everywhere and"
                                            + " do not install curl."
                                    : "Download with " + first + " here too (or switch the stage to " + second
                                            + " everywhere), and install only the tool you keep.")
                            .add();
                }
            }
        }
    }
}
