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
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "run-commands-joined",
        title = "A line continuation joins two commands into one",
        severity = Severity.LOW,
        category = Category.RELIABILITY,
        checks = "The shell scripts of the RUNs of the stages a build uses (shell form, heredocs, sh -c strings) for"
                + " a set, echo or printf whose arguments go on past a backslash line break: set with an operand"
                + " that starts a line of its own (set -eux \\ on one line, echo ... on the next), and echo or printf"
                + " with an unquoted argument that starts a line and names a program a RUN runs (apt-get, pip, npm,"
                + " curl, mkdir ...). The line before it ends in \\ without && or ;, so the shell reads the next"
                + " line as more arguments. set -- (positional parameters set on purpose) is left alone. Medium when"
                + " the swallowed command installs, downloads or builds (it silently never runs), low otherwise.",
        problem = "A backslash at the end of a line only joins it to the next one: without && or ; before the"
                + " break, the command on the next line becomes arguments of the command before it. A set -eux that"
                + " ends a line takes the echo of the next one as positional parameters; an echo that ends a line"
                + " prints the apt-get install of the next one instead of running it. The RUN succeeds either way.",
        impact = "A step of the build silently does not happen: a package is not installed, a file not written, a log"
                + " line not printed. The image is built without it and fails later, far from the cause.",
        recommendation = "Put && (or ;) before the line break, or start the next line with &&, so that each"
                + " command runs on its own.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#shell-form",
                "https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_02_01",
                "https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#set"},
        fix = FixSafety.NONE,
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN set -eux \\
                            echo "Installing the runtime packages" \\
                            && apt-get update \\
                            && apt-get install -y --no-install-recommends ca-certificates \\
                            && rm -rf /var/lib/apt/lists/*
                        """,
                good = """
                        FROM debian:12.7-slim
                        RUN set -eux \\
                            && echo "Installing the runtime packages" \\
                            && apt-get update \\
                            && apt-get install -y --no-install-recommends ca-certificates \\
                            && rm -rf /var/lib/apt/lists/*
                        """))
public final class RunCommandsJoined implements Rule {

    /** Programs a line of a RUN starts with: as an argument of echo, one was meant to run. */
    private static final Set<String> PROGRAMS = Set.of("apt-get", "apt", "apk", "yum", "dnf", "microdnf", "zypper",
            "dpkg", "pip", "pip3", "python", "python3", "uv", "poetry", "npm", "npx", "yarn", "pnpm", "corepack",
            "gem", "bundle", "composer", "go", "cargo", "rustup", "mvn", "gradle", "dotnet", "make", "cmake", "curl",
            "wget", "git", "tar", "unzip", "mkdir", "rm", "cp", "mv", "ln", "chmod", "chown", "touch", "sed",
            "useradd", "groupadd", "adduser", "addgroup", "usermod", "update-ca-certificates", "cd", "echo", "printf",
            "export");
    /** Programs whose loss leaves the image without what the step was for: medium. */
    private static final Set<String> CONSEQUENTIAL = Set.of("apt-get", "apt", "apk", "yum", "dnf", "microdnf",
            "zypper", "dpkg", "pip", "pip3", "python", "python3", "uv", "poetry", "npm", "npx", "yarn", "pnpm",
            "corepack", "gem", "bundle", "composer", "go", "cargo", "rustup", "mvn", "gradle", "dotnet", "make",
            "cmake", "curl", "wget", "git", "tar", "unzip");
    /** An option cluster of set ending with o takes the option's name as the next word (set -euo pipefail). */
    private static final Pattern SET_OPTIONS = Pattern.compile("[-+][A-Za-z]+");

    @Override
    public void check(ReviewContext context) {
        for (BuildRuns.ScriptRun scripted : BuildRuns.scripts(context)) {
            ShellScript script = scripted.script();
            for (Command command : script.commands()) {
                Optional<Integer> swallowed = command.is("set") ? setOperand(command)
                        : command.is("echo", "printf") ? echoedProgram(command) : Optional.empty();
                swallowed.ifPresent(index -> report(context, scripted.image(), command, index));
            }
        }
    }

    /** The index in the arguments of set's first operand, when it starts a line after a backslash line break. */
    private static Optional<Integer> setOperand(Command command) {
        List<Word> args = command.arguments();
        int i = 0;
        while (i < args.size() && SET_OPTIONS.matcher(args.get(i).raw()).matches()) {
            i += args.get(i).raw().endsWith("o") ? 2 : 1;
        }
        if (i >= args.size() || args.get(i).raw().equals("--") || args.get(i).raw().equals("-")) {
            return Optional.empty();
        }
        return startsLine(command, i) ? Optional.of(i) : Optional.empty();
    }

    /** The index of an unquoted argument of echo or printf that starts a line and names a program. */
    private static Optional<Integer> echoedProgram(Command command) {
        List<Word> args = command.arguments();
        for (int i = 0; i < args.size(); i++) {
            Word word = args.get(i);
            if (startsLine(command, i) && !word.isQuoted() && PROGRAMS.contains(word.raw())) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** Whether argument {@code i} is on a later line than the word before it: a backslash line break is between. */
    private static boolean startsLine(Command command, int i) {
        List<Word> args = command.arguments();
        Word previous = i == 0 ? command.program().orElse(null) : args.get(i - 1);
        return previous != null && args.get(i).span().startLine() > previous.span().endLine();
    }

    private void report(ReviewContext context, BuiltImage image, Command command, int index) {
        List<Word> args = command.arguments();
        Word first = args.get(index);
        String swallowed = words(args.subList(index, args.size()));
        String before = words(command.words().subList(0, command.words().size() - args.size() + index));
        int line = first.span().startLine();
        int broken = (index == 0 ? command.program().orElseThrow() : args.get(index - 1)).span().endLine();
        String cause = "line " + broken + " ends in \\ without && or ;, so the shell reads line " + line
                + " as more arguments of " + command.name();
        String message = command.is("set")
                ? before + " takes " + swallowed + " as arguments: " + cause + ", and " + first.raw()
                        + " never runs (set stores the words as positional parameters)"
                : before + " prints " + swallowed + " instead of running it: " + cause;
        context.finding(this, image.dockerfile(), first.span(), message)
                .severity(CONSEQUENTIAL.contains(first.raw()) ? Severity.MEDIUM : Severity.LOW)
                .recommendation("End line " + broken + " with && \\ (or start line " + line + " with &&) so that "
                        + first.raw() + " runs as a command of its own.")
                .add();
    }

    /** The words as written, on one line, cut after the fourth. */
    private static String words(List<Word> words) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < words.size(); i++) {
            if (i == 4) {
                out.append(" ...");
                break;
            }
            String raw = words.get(i).raw().replaceAll("\\s*\\n\\s*", " ");
            out.append(i == 0 ? "" : " ").append(raw.length() > 40 ? raw.substring(0, 37) + "..." : raw);
        }
        return out.toString();
    }
}
