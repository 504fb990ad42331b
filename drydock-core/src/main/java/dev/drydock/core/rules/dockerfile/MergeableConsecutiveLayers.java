package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Spans;
import dev.drydock.core.rules.support.StagesInUse;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

@RuleDefinition(
        id = "mergeable-consecutive-layers",
        title = "Consecutive instructions that could be one layer",
        severity = Severity.INFO,
        category = Category.PERFORMANCE,
        checks = "The stages whose file system is part of the image (the final stage and the stages it is built"
                + " FROM), for runs of directly consecutive instructions (comments and blank lines between them"
                + " allowed): RUNs in shell form that each run a single command with the same flags"
                + " (--mount, --network, --security), or COPYs (ADDs) with the same flags, no heredoc and the same"
                + " destination. RUNs that already chain several commands are left alone: keeping a long step apart"
                + " from a short one is a legitimate caching choice. So is a RUN that installs dependencies from a"
                + " manifest (npm ci, pip install -r, bundle install, go mod download ...): its layer is the one the"
                + " build cache keeps while only the source changes, so it stays apart from the steps around it. So are COPY --from rows and COPYs of directories"
                + " (a source written with a trailing slash): copying a build's output one part at a time (Spring"
                + " Boot's extracted dependencies/, spring-boot-loader/, snapshot-dependencies/ and application/)"
                + " gives each part that changes on its own its own layer, and the parts that did not change since"
                + " the last release keep the same layer, which registries and hosts already have. Builder stages that"
                + " the image only copies files out of are left alone: their layers are never shipped, and separate"
                + " steps there only cost a little build cache. A COPY of the whole context (`COPY . .`) stays apart"
                + " from the COPYs before it: the manifests copied first are what keeps the dependency install cached"
                + " (see layer-caching).",
        problem = "Each RUN, COPY and ADD makes a layer; a row of one-command RUNs (or of COPYs into one directory)"
                + " makes a layer per line where one would do.",
        impact = "More layers to store, push and pull, and files deleted in a later RUN stay in the earlier layer.",
        recommendation = "Join the RUNs with && (one command per line with \\ continuations), or list the sources in"
                + " one COPY.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#run",
                "https://docs.docker.com/build/cache/optimize/"},
        aliases = {"DL3059", "Multiple RUN, ADD, COPY, Instructions Listed"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN apt-get update
                        RUN apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u7
                        RUN rm -rf /var/lib/apt/lists/*
                        """,
                good = """
                        FROM debian:12.7-slim
                        RUN apt-get update \\
                            && apt-get install -y --no-install-recommends curl=7.88.1-10+deb12u7 \\
                            && rm -rf /var/lib/apt/lists/*
                        """))
public final class MergeableConsecutiveLayers implements Rule {

    private static final Pattern TRAILING_SLASH = Pattern.compile("/$");

    @Override
    public void check(ReviewContext context) {
        for (StagesInUse used : StagesInUse.of(context)) {
            if (!used.inImage()) {
                continue;
            }
            Stage stage = used.stage();
            Map<Instruction, RunStep> runs = new IdentityHashMap<>();
            for (RunStep run : RunStep.of(used.image().model(), List.of(stage))) {
                runs.put(run.instruction(), run);
            }
            Map<Instruction, CopyCommand> copies = new IdentityHashMap<>();
            for (CopyCommand copy : stage.copies()) {
                copies.put(copy.instruction(), copy);
            }
            List<Instruction> group = new ArrayList<>();
            String groupKey = null;
            for (Step step : stage.steps()) {
                String key = key(step.instruction(), runs, copies);
                if (key != null && key.equals(groupKey)) {
                    group.add(step.instruction());
                    continue;
                }
                report(context, group);
                group = new ArrayList<>();
                groupKey = key;
                if (key != null) {
                    group.add(step.instruction());
                }
            }
            report(context, group);
        }
    }

    /** What an instruction must share with its neighbours to be merged with them; null when it cannot be. */
    private static String key(Instruction instruction, Map<Instruction, RunStep> runs, Map<Instruction, CopyCommand> copies) {
        String flags = instruction.flags().stream().map(Flag::text).sorted().collect(Collectors.joining(" "));
        if (instruction.kind() == InstructionKind.RUN) {
            RunStep run = runs.get(instruction);
            if (run == null || run.script() == null || run.calls().size() != 1 || !instruction.heredocs().isEmpty()
                    || !DependencyInstalls.of(run).isEmpty()) {
                return null; // a dependency install keeps its own layer, the one the build cache is about
            }
            return "RUN|" + flags;
        }
        if (instruction.kind() == InstructionKind.COPY || instruction.kind() == InstructionKind.ADD) {
            CopyCommand copy = copies.get(instruction);
            if (copy == null || !copy.heredocs().isEmpty() || copy.from() != null
                    || copy.sources().stream().anyMatch(src -> src.endsWith("/"))) {
                return null; // layer by layer on purpose (a build's output, a directory per part): unchanged layers are reused
            }
            if (copy.sources().stream().anyMatch(src -> src.equals(".") || src.equals("*"))) {
                return null; // the whole context: the manifests copied before it keep the dependency layer cached
            }
            return instruction.kind() + "|" + flags + "|" + TRAILING_SLASH.matcher(copy.containerPath()).replaceAll("");
        }
        return null;
    }

    private void report(ReviewContext context, List<Instruction> group) {
        if (group.size() < 2) {
            return;
        }
        Instruction first = group.get(0);
        Instruction last = group.get(group.size() - 1);
        String kind = first.kind().name();
        String lines = group.stream().map(i -> Integer.toString(i.startLine())).collect(Collectors.joining(", "));
        String message = kind.equals("RUN")
                ? group.size() + " consecutive RUNs with one command each (lines " + lines + ") make "
                        + group.size() + " layers where one would do"
                : group.size() + " consecutive " + kind + "s into the same destination (lines " + lines + ") make "
                        + group.size() + " layers where one would do";
        context.finding(this, first.file().path(), Spans.cover(first.span(), last.span()), message)
                .recommendation(kind.equals("RUN")
                        ? "Join them into one RUN, the commands chained with && and one per line."
                        : "List the sources in one " + kind + " whose destination ends with /.")
                .add();
    }
}
