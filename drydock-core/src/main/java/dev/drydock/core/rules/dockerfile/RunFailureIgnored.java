package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.shell.AndOrList;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.CommandNode;
import dev.drydock.core.shell.Operator;
import dev.drydock.core.shell.Pipeline;
import dev.drydock.core.shell.Scope;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.StatementList;
import dev.drydock.core.shell.Word;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "run-failure-ignored",
        title = "A command in the middle of a RUN can fail without failing the build",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "The shell-form RUNs and heredoc scripts of the stages a build uses: commands separated by ; or by"
                + " the lines of a here-document, where errexit is off. BuildKit runs a shell-form RUN, and a RUN"
                + " <<EOF body, as SHELL (default /bin/sh -c) followed by the text, and a body starting with #! as a"
                + " file executed by that interpreter: errexit is on only through set -e (set -eu, set -o errexit)"
                + " before the command, a SHELL with -e ([\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]), a shebang"
                + " with -e (#!/bin/sh -e) or a shell fed the here-document with -e (RUN bash -e <<EOF). Lists in"
                + " if, loop, case and group bodies and in scripts given to sh -c or to a shell's standard input are"
                + " read too. Not reported: the last command of a list (its status is the RUN's), a chain with ||"
                + " (its failure is handled: cmd || true), lists ending with true, : or exit 0 (failures ignored on"
                + " purpose), a chain starting with a test ([, test,"
                + " command -v, which, grep -q), one followed by a command reading $?, background (&) commands that a"
                + " later wait collects or that install, download and build nothing (a server started for the RUN),"
                + " commands whose failure does not matter for the image (echo, printf, set, export, ls, env, uname,"
                + " a --version query, rm, package-cache cleaning) and assignments whose command substitutions run"
                + " only such commands (arch=\"$(uname -m)\")."
                + " A cleanup after the last real command does not excuse it: apt-get install -y x; rm -rf"
                + " /var/lib/apt/lists/* succeeds when the install fails. cd is reported: a failed cd runs the rest"
                + " in the wrong folder. Medium when the ignored command installs, downloads, builds or changes"
                + " folder; low otherwise. A command that installs, downloads or builds and is ended by a single &"
                + " (apk add x & cargo install y, where && was meant) is reported whatever errexit says, medium: the"
                + " shell does not wait for it, so its failure never counts and it is killed if still running when"
                + " the script ends. One finding per RUN, at the first command whose failure is ignored.",
        problem = "A shell without set -e runs the next command after a failed one, and the RUN's exit status is the"
                + " last command's: a failed apt-get update, download, cd or compile in the middle of a RUN is printed"
                + " in the log and the build goes on. A RUN <<EOF body runs the same way: its lines are not joined"
                + " with &&.",
        impact = "The image is built without the package, file or build output the step was for, and fails later"
                + " (at run time, far from the cause), or a command after a failed cd writes into the wrong folder.",
        recommendation = "Join the commands with && (apt-get update && apt-get install -y ...), or turn errexit on:"
                + " set -e as the first command of the script or heredoc, SHELL [\"/bin/sh\", \"-e\", \"-c\"] (bash:"
                + " [\"/bin/bash\", \"-eo\", \"pipefail\", \"-c\"]) before the RUNs, or #!/bin/sh -e as the shebang"
                + " of a heredoc. Where a failure may be ignored on purpose, write it: cmd || true.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#here-documents",
                "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
                "https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#set"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        # syntax=docker/dockerfile:1
                        FROM debian:12.7-slim
                        RUN <<EOF
                        apt-get update
                        apt-get install -y --no-install-recommends ca-certificates curl
                        rm -rf /var/lib/apt/lists/*
                        EOF
                        """,
                good = """
                        # syntax=docker/dockerfile:1
                        FROM debian:12.7-slim
                        RUN <<EOF
                        set -e
                        apt-get update
                        apt-get install -y --no-install-recommends ca-certificates curl
                        rm -rf /var/lib/apt/lists/*
                        EOF
                        """))
public final class RunFailureIgnored implements Rule {

    /** Commands whose failure leaves the image as intended, or that cannot meaningfully fail. */
    private static final Set<String> HARMLESS = Set.of("echo", "printf", "true", ":", "set", "export", "unset",
            "readonly", "local", "declare", "typeset", "shopt", "alias", "unalias", "trap", "umask", "hash", "ulimit",
            "sleep", "wait", "shift", "pwd", "ls", "env", "printenv", "id", "whoami", "uname", "date", "which", "type",
            "df", "du", "free", "nproc", "hostname", "tree", "rm", "rmdir", "sync");
    /** A failure here is a test the script makes, not an error. */
    private static final Set<String> TESTS = Set.of("[", "test", "which", "type", "hash", "getent", "id");
    private static final Set<String> VERSION_QUERIES = Set.of("--version", "-version", "-v", "-V", "version");
    private static final Set<String> CLEANING = Set.of("clean", "autoclean", "autoremove", "purge");
    /** Programs that install, download, build or move the shell elsewhere: medium when ignored. */
    private static final Set<String> CONSEQUENTIAL = Set.of("apt-get", "apt", "apk", "yum", "dnf", "microdnf",
            "zypper", "pacman", "pip", "pip3", "uv", "poetry", "pipenv", "conda", "mamba", "micromamba", "npm", "yarn",
            "pnpm", "bun", "npx", "go", "cargo", "rustup", "mvn", "mvnw", "gradle", "gradlew", "make", "cmake",
            "ninja", "dotnet", "composer", "gem", "bundle", "curl", "wget", "git", "tar", "unzip", "cd", "sbt",
            "mix", "ant");

    /** A command whose failure the script does not see, with the separator that follows its list. */
    private record Ignored(Command command, Operator separator) {}

    @Override
    public void check(ReviewContext context) {
        for (BuildRuns.ScriptRun scripted : BuildRuns.scripts(context)) {
            ShellScript script = scripted.script();
            Map<CommandNode.SimpleCommand, Command> commands = new IdentityHashMap<>();
            script.commands().forEach(c -> commands.put(c.node(), c));
            List<Ignored> ignored = new ArrayList<>();
            collect(script.body(), commands, script.commands(), ignored);
            if (!ignored.isEmpty()) {
                report(context, scripted.image(), scripted.run(), ignored);
            }
        }
    }

    /** The ignored failures of {@code list} and of the lists nested in it, in script order. */
    private static void collect(StatementList list, Map<CommandNode.SimpleCommand, Command> commands,
            List<Command> all, List<Ignored> out) {
        List<AndOrList> items = list.items();
        boolean deliberate = !items.isEmpty() && endsOnPurpose(items.get(items.size() - 1), commands);
        for (int i = 0; i < items.size(); i++) {
            AndOrList item = items.get(i);
            if (item.background()) {
                if (!waitedFor(item, all)) {
                    backgrounded(item, commands).forEach(c -> out.add(new Ignored(c, Operator.BACKGROUND)));
                }
            } else if (i < items.size() - 1 && !deliberate && !checkedNext(items.get(i + 1), all)) {
                ignoredIn(item, commands, all).forEach(c -> out.add(new Ignored(c, item.separator())));
            }
            for (Pipeline pipeline : item.pipelines()) {
                for (CommandNode node : pipeline.commands()) {
                    nested(node, commands, all, out);
                }
            }
        }
    }

    private static void nested(CommandNode node, Map<CommandNode.SimpleCommand, Command> commands, List<Command> all,
            List<Ignored> out) {
        switch (node) {
            case CommandNode.SimpleCommand simple -> {
                Command command = commands.get(simple);
                if (command != null) {
                    command.nestedScript().ifPresent(body -> collect(body, commands, all, out));
                }
            }
            case CommandNode.Subshell s -> collect(s.body(), commands, all, out);
            case CommandNode.BraceGroup g -> collect(g.body(), commands, all, out);
            case CommandNode.IfClause f -> {
                f.branches().forEach(b -> collect(b.body(), commands, all, out));
                if (f.elseBody() != null) {
                    collect(f.elseBody(), commands, all, out);
                }
            }
            case CommandNode.WhileClause w -> collect(w.body(), commands, all, out);
            case CommandNode.ForClause f -> collect(f.body(), commands, all, out);
            case CommandNode.CaseClause c -> c.items().forEach(item -> collect(item.body(), commands, all, out));
            default -> {
                // function bodies run where they are called; arithmetic and [[ ]] run no program
            }
        }
    }

    /** The commands of a list that is not the last, whose failure the shell passes over. */
    private static List<Command> ignoredIn(AndOrList item, Map<CommandNode.SimpleCommand, Command> commands,
            List<Command> all) {
        if (item.operators().contains(Operator.OR)) {
            return List.of();
        }
        List<Command> out = new ArrayList<>();
        for (int p = 0; p < item.pipelines().size(); p++) {
            Pipeline pipeline = item.pipelines().get(p);
            if (pipeline.negated() || !(pipeline.commands().getLast() instanceof CommandNode.SimpleCommand last)) {
                return out;
            }
            Command command = commands.get(last);
            if (command == null || command.errexit() || command.in(Scope.IF_CONDITION)
                    || command.in(Scope.LOOP_CONDITION)) {
                return out;
            }
            if (p == 0 && isTest(command)) {
                return List.of();
            }
            if (!harmless(command, all)) {
                out.add(command);
            }
        }
        return out;
    }

    /** A later {@code wait} collects the jobs started in the background: running them in parallel is deliberate. */
    private static boolean waitedFor(AndOrList item, List<Command> all) {
        return all.stream().anyMatch(c -> c.is("wait") && c.span().start() >= item.span().end());
    }

    /** The installs, downloads and builds of a list ended by {@code &}, which nothing waits for. */
    private static List<Command> backgrounded(AndOrList item, Map<CommandNode.SimpleCommand, Command> commands) {
        List<Command> out = new ArrayList<>();
        for (Pipeline pipeline : item.pipelines()) {
            for (CommandNode node : pipeline.commands()) {
                Command command = node instanceof CommandNode.SimpleCommand simple ? commands.get(simple) : null;
                if (command != null && CONSEQUENTIAL.contains(command.name()) && !command.is("cd")) {
                    out.add(command);
                }
            }
        }
        return out;
    }

    /** The list ends with true, : or exit 0: whatever failed before, the author wants the RUN to succeed. */
    private static boolean endsOnPurpose(AndOrList last, Map<CommandNode.SimpleCommand, Command> commands) {
        Pipeline pipeline = last.pipelines().getLast();
        if (!(pipeline.commands().getLast() instanceof CommandNode.SimpleCommand simple)) {
            return false;
        }
        Command command = commands.get(simple);
        if (command == null) {
            return false;
        }
        return command.is("true", ":") || command.is("exit") && command.argumentValues().equals(List.of("0"));
    }

    /** The next list reads the status ($?) of this one. */
    private static boolean checkedNext(AndOrList next, List<Command> all) {
        for (Command command : all) {
            if (command.span().start() >= next.span().start() && command.span().end() <= next.span().end()) {
                for (Word word : command.node().words()) {
                    if (word.raw().contains("$?")) {
                        return true;
                    }
                }
                if (command.assignments().stream().anyMatch(a -> a.value() != null && a.value().raw().contains("$?"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isTest(Command command) {
        if (command.is(TESTS.toArray(String[]::new))) {
            return true;
        }
        if (command.is("command")) {
            return true;
        }
        return command.is("grep") && command.argumentValues().stream().anyMatch(a -> a.equals("-q") || a.equals("-s")
                || a.equals("--quiet") || a.matches("-[a-zA-Z]*q[a-zA-Z]*"));
    }

    private static boolean harmless(Command command, List<Command> all) {
        if (command.name().isEmpty()) {
            return all.stream().filter(c -> c != command && c.in(Scope.COMMAND_SUBSTITUTION)
                            && c.span().start() >= command.span().start() && c.span().end() <= command.span().end())
                    .allMatch(c -> harmless(c, all));
        }
        if (command.is(HARMLESS.toArray(String[]::new))) {
            return true;
        }
        List<String> args = command.argumentValues();
        if (args.size() == 1 && VERSION_QUERIES.contains(args.get(0))) {
            return true;
        }
        boolean cleaning = args.stream().anyMatch(CLEANING::contains)
                && (command.is("apt-get", "apt", "yum", "dnf", "microdnf", "zypper", "conda", "mamba")
                        || command.is("npm", "pip", "pip3", "yarn", "pnpm") && args.contains("cache")
                        || command.is("apk") && args.contains("cache"));
        return cleaning;
    }

    private void report(ReviewContext context, BuiltImage image, BuildRuns.StageRun run, List<Ignored> ignored) {
        Ignored first = ignored.get(0);
        if (first.separator() == Operator.BACKGROUND) {
            reportBackground(context, image, first);
            return;
        }
        boolean consequential = ignored.stream().anyMatch(i -> CONSEQUENTIAL.contains(i.command().name()));
        String how = first.separator() == Operator.NEWLINE ? "the next line" : "the next command after ;";
        StringBuilder text = new StringBuilder(describe(first.command()) + " can fail without failing the build: "
                + "errexit is off, so " + how + " runs anyway and only the last command's status counts");
        List<String> others = ignored.stream().skip(1).map(i -> describe(i.command())).distinct().limit(3).toList();
        if (!others.isEmpty()) {
            text.append(" (the same for ").append(String.join(", ", others))
                    .append(ignored.size() - 1 > others.size() ? ", ..." : "").append(')');
        }
        context.finding(this, image.dockerfile(), first.command().span(), text.toString())
                .severity(consequential ? Severity.MEDIUM : Severity.LOW)
                .recommendation(advice(run, first))
                .add();
    }

    private void reportBackground(ReviewContext context, BuiltImage image, Ignored first) {
        context.finding(this, image.dockerfile(), first.command().span(), describe(first.command())
                        + " runs in the background (a single & ends it): the shell starts the next command without"
                        + " waiting, a failure of it never fails the build, and it is killed if it is still running when"
                        + " the script ends")
                .severity(Severity.MEDIUM)
                .recommendation("Write && instead of & to run the commands one after the other. To run them in"
                        + " parallel on purpose, keep each job's process id and wait for it before the script ends"
                        + " (cmd & job=$!; ...; wait \"$job\"), which also fails the RUN when the job fails.")
                .add();
    }

    private static String describe(Command command) {
        if (command.name().isEmpty()) {
            return command.node().assignments().get(0).name() + "=$(...)";
        }
        List<Word> words = command.words();
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.size() && i < 3; i++) {
            String word = words.get(i).raw().replaceAll("\\s*\\n\\s*", " ");
            out.append(i == 0 ? "" : " ").append(word.length() > 40 ? word.substring(0, 37) + "..." : word);
        }
        if (words.size() > 3) {
            out.append(" ...");
        }
        return out.toString();
    }

    private static String advice(BuildRuns.StageRun run, Ignored first) {
        String text = run.run().script().text().text();
        if (text.startsWith("#!")) {
            String shebang = text.lines().findFirst().orElse("#!").strip();
            String option = shebang.contains(" ") ? "" : " (or give the interpreter -e: " + shebang + " -e)";
            return "Add set -e on the line after " + shebang + option + ", or join the commands with &&; write"
                    + " cmd || true where a failure is expected.";
        }
        if (first.separator() == Operator.NEWLINE) {
            return "Start the script with set -e (set -eux to see each command), or add SHELL [\"/bin/sh\", \"-e\","
                    + " \"-c\"] before this RUN; write cmd || true where a failure is expected.";
        }
        return "Join the commands with && instead of ;, or make set -e the RUN's first command; write cmd || true"
                + " where a failure is expected.";
    }
}
