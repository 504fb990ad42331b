package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.Spans;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Connector;
import dev.drydock.core.shell.Scope;
import dev.drydock.core.shell.Word;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "pipe-without-pipefail",
        title = "A failure before a pipe does not fail the build",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "Every pipeline (a | b) in the shell-form RUNs and heredoc scripts of the stages a build uses, and"
                + " in the script an exec-form RUN gives a shell ([\"sh\", \"-c\", \"...\"]). It is fine when pipefail"
                + " is on where it runs: set by the SHELL in effect (SHELL [\"/bin/bash\", \"-o\","
                + " \"pipefail\", \"-c\"]) or by set -o pipefail / set -eo pipefail earlier in the same script (which"
                + " hadolint does not see). Pipelines whose failure is handled (a | b || ..., if/while conditions, !)"
                + " and pipelines fed only by echo, printf, yes, true or cat of a here-document are fine, and so is a"
                + " pipeline in a command substitution whose output a test then compares with an expected value"
                + " (actual=$(sha256sum f | cut -d' ' -f1) && [ \"$actual\" = \"$expected\" ]): a failed producer makes"
                + " the comparison fail. Medium when a"
                + " download (curl, wget) feeds the pipe. Any other exec form runs no shell: a \"|\" there is an"
                + " argument.",
        problem = "A pipeline's exit status is its last command's: when curl, a compiler or a generator fails in"
                + " front of a pipe, the RUN still succeeds as long as the last command does.",
        impact = "The build goes on with a missing download or half-written output and produces an image that fails"
                + " later, far from the cause (curl -fsSL url | tar -xz extracting nothing, a truncated script run"
                + " by sh).",
        recommendation = "Set pipefail for the RUNs: SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] (Alpine:"
                + " SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"]; BusyBox ash supports it), or start the"
                + " script with set -o pipefail where the shell is bash, ash or zsh. Debian's and Ubuntu's /bin/sh"
                + " (dash 0.5.12) rejects set -o pipefail.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#using-pipes",
                "https://docs.docker.com/reference/dockerfile/#shell",
                "https://www.gnu.org/software/bash/manual/html_node/Pipelines.html"},
        aliases = {"DL4006", "Shell Running A Pipe Without Pipefail Flag"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\
                         && curl -fsSL https://nodejs.org/dist/v20.15.1/node-v20.15.1-linux-x64.tar.xz \\
                            | tar -xJ -C /usr/local --strip-components=1
                        """,
                good = """
                        FROM debian:12.7-slim
                        SHELL ["/bin/bash", "-o", "pipefail", "-c"]
                        RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \\
                         && curl -fsSL https://nodejs.org/dist/v20.15.1/node-v20.15.1-linux-x64.tar.xz \\
                            | tar -xJ -C /usr/local --strip-components=1
                        """))
public final class PipeWithoutPipefail implements Rule {

    private static final Set<String> HARMLESS_PRODUCERS = Set.of("echo", "printf", "yes", "true", ":");
    private static final Set<String> DOWNLOADS = Set.of("curl", "wget");
    private static final Set<String> COMPARISONS = Set.of("=", "==", "!=");
    private static final Pattern NEWLINES = Pattern.compile("\\s*\\n\\s*");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (BuildRuns.StageRun run : BuildRuns.of(image)) {
                List<Call> calls = run.run().calls();
                for (int i = 0; i < calls.size(); i++) {
                    Command first = calls.get(i).command();
                    if (first == null || !first.inPipeline() || first.pipelineIndex() != 0) {
                        continue;
                    }
                    List<Call> pipeline = pipeline(calls, i);
                    if (run.run().script() != null && comparedAfterwards(first, run.run().script().commands())) {
                        continue;
                    }
                    Optional<Call> hidden = hiddenFailure(pipeline);
                    if (hidden.isPresent()) {
                        report(context, image, run, pipeline, hidden.get());
                    }
                }
            }
        }
    }

    /** The commands of the pipeline starting at {@code start}, in order (commands nested inside them skipped). */
    private static List<Call> pipeline(List<Call> calls, int start) {
        Command first = calls.get(start).command();
        List<Call> out = new ArrayList<>(List.of(calls.get(start)));
        int depth = first.scopes().size();
        for (int j = start + 1; j < calls.size() && out.size() < first.pipelineSize(); j++) {
            Command c = calls.get(j).command();
            if (c != null && c.scopes().size() == depth && c.pipelineSize() == first.pipelineSize()
                    && c.pipelineIndex() == out.size()) {
                out.add(calls.get(j));
            }
        }
        return out;
    }

    /**
     * The pipeline runs in a command substitution whose output a test then compares with an expected value
     * ({@code actual=$(sha256sum f | cut -d' ' -f1) && [ "$actual" = "$expected" ]}, or {@code [ "$(...)" = x ]}):
     * a failed producer leaves the output empty or wrong and the comparison fails.
     */
    private static boolean comparedAfterwards(Command first, List<Command> commands) {
        if (!first.in(Scope.COMMAND_SUBSTITUTION)) {
            return false;
        }
        Command enclosing = null;
        for (Command c : commands) {
            if (c != first && c.scopes().size() < first.scopes().size() && c.span().start() <= first.span().start()
                    && c.span().end() >= first.span().end()
                    && (enclosing == null || c.scopes().size() > enclosing.scopes().size())) {
                enclosing = c;
            }
        }
        if (enclosing == null) {
            return false;
        }
        if (comparison(enclosing)) {
            return true;
        }
        for (var assignment : enclosing.node().assignments()) {
            if (assignment.value() == null || assignment.value().span().start() > first.span().start()
                    || assignment.value().span().end() < first.span().end()) {
                continue;
            }
            Pattern use = Pattern.compile("\\$\\{?" + Pattern.quote(assignment.name()) + "\\b");
            for (Command c : commands) {
                if (c.span().start() > enclosing.span().end() && comparison(c)
                        && c.words().stream().anyMatch(w -> use.matcher(w.raw()).find())) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A test comparing two strings: {@code [ a = b ]}, {@code test a != b}. */
    private static boolean comparison(Command command) {
        return command.is("[", "test") && command.argumentValues().stream().anyMatch(COMPARISONS::contains);
    }

    /** The first command whose failure the pipeline's status would hide, if any. */
    private static Optional<Call> hiddenFailure(List<Call> pipeline) {
        Command last = pipeline.get(pipeline.size() - 1).command();
        if (pipeline.size() < 2 || last.pipefail() || last.negated() || last.followedBy() == Connector.OR
                || last.in(Scope.IF_CONDITION) || last.in(Scope.LOOP_CONDITION)) {
            return Optional.empty();
        }
        for (Call producer : pipeline.subList(0, pipeline.size() - 1)) {
            boolean harmless = producer.is(HARMLESS_PRODUCERS.toArray(String[]::new))
                    || producer.is("cat") && producer.args().isEmpty();
            if (!harmless) {
                return Optional.of(producer);
            }
        }
        return Optional.empty();
    }

    private void report(ReviewContext context, BuiltImage image, BuildRuns.StageRun run, List<Call> pipeline,
            Call hidden) {
        Call last = pipeline.get(pipeline.size() - 1);
        boolean download = pipeline.subList(0, pipeline.size() - 1).stream().anyMatch(c -> DOWNLOADS.contains(c.name()));
        String text = String.join(" | ", pipeline.stream().map(PipeWithoutPipefail::asWritten).toList());
        if (text.length() > 100) {
            text = String.join(" ... | ", pipeline.stream().map(Call::name).toList()) + " ...";
        }
        context.finding(this, image.dockerfile(), Spans.cover(pipeline.get(0).span(), last.span()),
                        text + ": if " + hidden.name() + " fails, the pipeline still succeeds when " + last.name()
                                + " does (no pipefail), and the build goes on")
                .severity(download ? Severity.MEDIUM : Severity.LOW)
                .recommendation(advice(image, run))
                .add();
    }

    /** The command as written (quotes and wrappers such as xargs kept), up to its sixth argument. */
    private static String asWritten(Call call) {
        if (call.command() == null) {
            return BuildRuns.describe(call);
        }
        List<Word> words = call.command().words();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i == 7) {
                out.append(" ...");
                break;
            }
            out.append(i == 0 ? "" : " ").append(NEWLINES.matcher(words.get(i).raw()).replaceAll(" "));
        }
        return out.toString();
    }

    private static String advice(BuiltImage image, BuildRuns.StageRun run) {
        if (run.run().script() == null) {
            return "Give the shell the option in the exec form: [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\", \"...\"]"
                    + " (Alpine: [\"/bin/ash\", \"-o\", \"pipefail\", \"-c\", \"...\"]), or start the script with"
                    + " set -o pipefail.";
        }
        Optional<ImageTools> tools = InferredImageTools.of(image.model(), run.stage());
        boolean alpine = tools.map(t -> "apk".equals(t.packageManager()) || t.image().contains("alpine")
                || t.image().startsWith("busybox")).orElse(false);
        if (alpine && !tools.get().has("bash")) {
            return "Add SHELL [\"/bin/ash\", \"-eo\", \"pipefail\", \"-c\"] before this RUN (BusyBox ash supports"
                    + " pipefail), or start the script with set -o pipefail.";
        }
        return "Add SHELL [\"/bin/bash\", \"-o\", \"pipefail\", \"-c\"] before this RUN, or start the script with"
                + " set -o pipefail when it runs in bash (not with Debian's /bin/sh, dash, which rejects the option).";
    }
}
