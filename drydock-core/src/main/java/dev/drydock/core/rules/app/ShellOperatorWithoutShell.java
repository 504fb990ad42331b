package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.ShellWords;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.HealthcheckArguments;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeProbe;
import dev.drydock.core.kubernetes.KubeWorkload;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.DockerfileSource;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.app.VariableInExecForm.Word;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.ShellOperators;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "shell-operator-without-shell",
        title = "A shell command line written where no shell reads it",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "(1) A compose `command` or `entrypoint` written as one string that holds a shell operator (`&&`,"
                + " `||`, `|`, `;`, `&`, `>`, `<`): Compose splits such a string into words itself and stops at the"
                + " first operator, dropping the rest (a lone trailing `&` or `;`, or `2>&1`, loses nothing and is"
                + " left alone). (2) An operator written as a word of its own in a command given as a list: the"
                + " container's command (Dockerfile CMD and ENTRYPOINT in JSON form, compose list `command` and"
                + " `entrypoint`, Kubernetes `command` with its `args`), RUN and HEALTHCHECK in JSON form, compose CMD"
                + " tests and Kubernetes exec probes. Left alone: words that a shell reads (`sh -c`, and programs that"
                + " hand their arguments to one: watch, ssh, su), words passed to an entry-point script that does not"
                + " plainly `exec \"$@\"` or to an image whose entry point drydock does not know, an operator that is"
                + " an option's value (`cut -d \"|\"`), find's `-exec ... ;`, and the arguments of programs that"
                + " treat such characters as data (awk, sed, tr, grep, jq, expr, test). (3) A compose healthcheck"
                + " `[\"CMD-SHELL\", ...]` with more than one string after CMD-SHELL.",
        problem = "Only a shell gives `&&`, `|` or `>` their meaning. A command written as a list is started"
                + " directly, so the program receives the operator and every word after it as ordinary arguments;"
                + " a string `command` in compose is not run by a shell either: Compose cuts it into words with"
                + " shell-like quoting and silently discards everything from the first unquoted operator on. For"
                + " CMD-SHELL, Docker runs the shell with the first string as the script and passes any further"
                + " strings as the script's positional parameters ($0, $1...), which the script never reads.",
        impact = "The container does not do what was written: `flask db upgrade && gunicorn app:app` as a compose"
                + " string runs the migration and exits without starting the server (a restart policy then loops"
                + " it); as a list, the first program is given `&&` and the rest as arguments and usually fails with"
                + " a usage error. A CMD-SHELL probe runs without its options (`pg_isready` without `-d app`), so it"
                + " checks something else than intended.",
        recommendation = "Hand the line to a shell and keep the last program as PID 1: command: [\"sh\", \"-c\","
                + " \"flask db upgrade && exec gunicorn -b 0.0.0.0:8000 app:app\"] in compose, CMD"
                + " [\"/bin/sh\", \"-c\", \"...\"] in a Dockerfile, RUN and HEALTHCHECK in shell form. For CMD-SHELL,"
                + " write the whole script as one string: [\"CMD-SHELL\", \"pg_isready -d app\"].",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#command",
                "https://docs.docker.com/reference/compose-file/services/#healthcheck",
                "https://docs.docker.com/reference/dockerfile/#shell-and-exec-form",
                "https://docs.docker.com/reference/dockerfile/#healthcheck",
                "https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11.0-slim
                        WORKDIR /app
                        COPY . .
                        RUN npm ci --omit=dev
                        USER node
                        CMD ["npm", "run", "migrate", "&&", "node", "server.js"]
                        """,
                good = """
                        FROM node:22.11.0-slim
                        WORKDIR /app
                        COPY . .
                        RUN npm ci --omit=dev
                        USER node
                        CMD ["/bin/sh", "-c", "npm run migrate && exec node server.js"]
                        """))
public final class ShellOperatorWithoutShell implements Rule {

    /** What Compose's splitting may drop without changing anything: a trailing `;` or `&`, or merging stderr. */
    private static final Pattern HARMLESS_TAIL = Pattern.compile("\\s*(;|&|>&1)?\\s*");
    private static final Pattern BARE_WORD = Pattern.compile("[A-Za-z0-9_@%+=:,./${}-]+");

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container c : context.project().containers()) {
            Service s = c.service();
            if (s != null) {
                composeString(context, c, s.command(), "command", reported);
                composeString(context, c, s.entrypoint(), "entrypoint", reported);
                composeHealthcheck(context, s, reported);
            }
            containerCommand(context, c, reported);
        }
        for (DockerfileSource dockerfile : context.dockerfiles()) {
            if (dockerfile.model() == null) {
                continue;
            }
            for (Stage stage : dockerfile.model().stages()) {
                for (Step step : stage.steps()) {
                    dockerfileCommand(context, dockerfile, step.instruction(), reported);
                }
            }
        }
        for (KubeWorkload workload : context.project().kubernetesWorkloads()) {
            for (KubeContainer container : workload.containers()) {
                kubernetes(context, workload, container, reported);
            }
        }
    }

    // (1) compose string commands, which Compose cuts at the first operator

    private void composeString(ReviewContext context, Container c, Service.Command command, String key,
            Set<String> reported) {
        if (command == null || !command.shellForm() || command.stoppedAt() < 0
                || !(command.node() instanceof ScalarNode scalar)) {
            return;
        }
        String line = scalar.value();
        String tail = line.substring(command.stoppedAt());
        if (HARMLESS_TAIL.matcher(tail).matches()) {
            return;
        }
        int end = command.stoppedAt();
        while (end < line.length() && "&|;<>".indexOf(line.charAt(end)) >= 0) {
            end++;
        }
        Span at = scalar.raw().equals(line) ? scalar.spanOf(command.stoppedAt(), end) : scalar.span();
        if (!reported.add(scalar.file().path() + ":" + at.start())) {
            return;
        }
        String operator = line.substring(command.stoppedAt(), end);
        String kept = String.join(" ", command.argv());
        String script = execLast(line);
        List<String> argv = key.equals("entrypoint") && c.service().command() == null
                ? List.of("sh", "-c", script + " \"$@\"", "sh") : List.of("sh", "-c", script);
        boolean fixable = !line.contains("\n") && (key.equals("command") || c.service().command() == null)
                && VariableInExecForm.hasShell(c);
        context.finding(this, scalar.file().path(), at, "Compose splits the string `" + key + "` of " + c.name()
                        + " into words without a shell and stops at `" + operator + "`: the container runs only `"
                        + kept + "`, and `" + tail.trim() + "` is dropped")
                .recommendation("Hand the line to a shell and keep the last program as PID 1: " + key + ": "
                        + Probes.json(argv) + ".")
                .fix(fixable ? Fix.of("run the " + key + " of " + c.name() + " through sh -c", FixSafety.UNSAFE,
                        TextEdit.replace(scalar.file().path(), scalar.span(), Probes.json(argv))) : null)
                .add();
    }

    // (2) operators as words of a list

    private void containerCommand(ReviewContext context, Container c, Set<String> reported) {
        EffectiveCommand command = c.command();
        if (command == null || command.isEmpty() || command.shellForm()) {
            return;
        }
        List<Word> words = new ArrayList<>();
        if (!VariableInExecForm.wordsOf(context, c, command.entrypointOrigin(), command.entrypoint(), words)
                || !VariableInExecForm.wordsOf(context, c, command.cmdOrigin(), command.cmd(), words)) {
            return;
        }
        if (c.build() == null && (c.service() == null || c.service().entrypoint() == null)
                && !VariableInExecForm.officialImage(c)) {
            return; // the image's own entrypoint may hand its arguments to a shell
        }
        List<String> argv = words.stream().map(Word::value).toList();
        List<Integer> found = ShellOperators.in(argv,
                script -> VariableInExecForm.passesArguments(context, c, script));
        if (found.isEmpty()) {
            return;
        }
        Word w = words.get(found.get(0));
        if (w.span() == null || !reported.add(w.file() + ":" + w.span().start())) {
            return;
        }
        Service.Command owner = w.instruction() != null ? null : owner(c.service(), w);
        if (w.instruction() == null && owner == null) {
            return;
        }
        String key = owner == null ? null : owner == c.service().command() ? "command" : "entrypoint";
        String where = owner != null ? "the compose " + key + " of " + c.name()
                : "the " + w.instruction().kind() + (c.isComposeService() ? " of " + c.name() : "");
        boolean inCmd = owner != null ? key.equals("command") : w.instruction().kind() == InstructionKind.CMD;
        List<String> own = new ArrayList<>();
        for (Word other : words) {
            if (owner != null ? other.instruction() == null && within(owner, other)
                    : other.instruction() == w.instruction()) {
                own.add(other.value());
            }
        }
        String script = join(own, true);
        context.finding(this, w.file(), w.span(), where + " passes `" + w.value() + "` to "
                        + VariableInExecForm.program(argv) + " as a plain argument: " + consequence(w.value(), argv,
                                found.get(0)))
                .recommendation("Hand the line to a shell and keep the last program as PID 1: "
                        + (owner != null ? key + ": " + Probes.json(List.of("sh", "-c", script))
                                : w.instruction().kind() + " " + Probes.json(List.of("/bin/sh", "-c", script))) + ".")
                .fix(inCmd && VariableInExecForm.hasShell(c) ? commandFix(c, w, script) : null)
                .add();
    }

    /** The compose command or entrypoint that holds {@code w}, or null. */
    private static Service.Command owner(Service s, Word w) {
        for (Service.Command command : java.util.Arrays.asList(s == null ? null : s.command(),
                s == null ? null : s.entrypoint())) {
            if (command != null && command.node().file().path().equals(w.file()) && within(command, w)) {
                return command;
            }
        }
        return null;
    }

    private static boolean within(Service.Command command, Word w) {
        Span span = command.node().span();
        return w.span().start() >= span.start() && w.span().end() <= span.end();
    }

    private static Fix commandFix(Container c, Word w, String script) {
        if (w.instruction() != null) {
            return Fix.of("run the CMD through /bin/sh", FixSafety.UNSAFE, TextEdit.replace(
                    w.instruction().file().path(), w.instruction().span(),
                    "CMD " + Probes.json(List.of("/bin/sh", "-c", script))));
        }
        Node node = c.service().command().node();
        if (!flowList(node)) {
            return null;
        }
        return Fix.of("run the command of " + c.name() + " through sh -c", FixSafety.UNSAFE,
                TextEdit.replace(node.file().path(), node.span(), Probes.json(List.of("sh", "-c", script))));
    }

    private void dockerfileCommand(ReviewContext context, DockerfileSource dockerfile, Instruction instruction,
            Set<String> reported) {
        ExecForm exec = null;
        if (instruction.kind() == InstructionKind.RUN && instruction.arguments() instanceof ExecForm e) {
            exec = e;
        } else if (instruction.kind() == InstructionKind.HEALTHCHECK
                && instruction.arguments() instanceof HealthcheckArguments h && h.isCmd()
                && h.command() instanceof ExecForm e) {
            exec = e;
        }
        if (exec == null) {
            return;
        }
        List<String> argv = exec.values();
        List<Integer> found = ShellOperators.in(argv, script -> false);
        if (found.isEmpty()) {
            return;
        }
        dev.drydock.core.dockerfile.syntax.Word element = exec.elements().get(found.get(0));
        if (!reported.add(dockerfile.file().path() + ":" + element.span().start())) {
            return;
        }
        String shellForm = join(argv, false);
        boolean health = instruction.kind() == InstructionKind.HEALTHCHECK;
        context.finding(this, dockerfile.file().path(), element.span(), instruction.kind() + " in JSON form passes `"
                        + element.value() + "` to " + VariableInExecForm.program(argv) + " as a plain argument: "
                        + consequence(element.value(), argv, found.get(0))
                        + (health ? "; the probe does not check what was written" : ""))
                .recommendation("Write it in shell form, which /bin/sh runs: " + instruction.kind() + " "
                        + (health ? "CMD " : "") + shellForm + ".")
                .fix(Fix.of("write the " + instruction.kind() + " in shell form", FixSafety.UNSAFE,
                        TextEdit.replace(dockerfile.file().path(), exec.span(), shellForm)))
                .add();
    }

    private void composeHealthcheck(ReviewContext context, Service s, Set<String> reported) {
        Service.Healthcheck health = s.healthcheck();
        if (health == null || health.test().size() < 2) {
            return;
        }
        List<Located<String>> test = health.test();
        Node testNode = health.node().get("test");
        List<String> rest = test.subList(1, test.size()).stream().map(Located::value).toList();
        if ("CMD-SHELL".equals(health.testForm()) && test.size() > 2) {
            Located<String> extra = test.get(2);
            if (!reported.add(extra.file().path() + ":" + extra.node().span().start())) {
                return;
            }
            String joined = joinScript(rest);
            context.finding(this, extra.file().path(), extra.node().span(), "the CMD-SHELL healthcheck of " + s.name()
                            + " runs only `" + test.get(1).value() + "`: Docker gives the shell the first string as"
                            + " its script and " + (test.size() == 3 ? "`" + extra.value() + "` as its $0"
                                    : "the " + (test.size() - 2) + " strings after it as $0, $1..., which the script"
                                            + " never reads"))
                    .recommendation("Write the script as one string: test: "
                            + Probes.json(List.of("CMD-SHELL", joined == null ? String.join(" ", rest) : joined)) + ".")
                    .fix(joined != null && flowList(testNode) ? Fix.of("join the CMD-SHELL healthcheck of " + s.name()
                            + " into one script", FixSafety.SAFE, TextEdit.replace(testNode.file().path(),
                            testNode.span(), Probes.json(List.of("CMD-SHELL", joined)))) : null)
                    .add();
            return;
        }
        if (!"CMD".equals(health.testForm())) {
            return;
        }
        List<Integer> found = ShellOperators.in(rest, script -> false);
        if (found.isEmpty()) {
            return;
        }
        Located<String> word = test.get(found.get(0) + 1);
        if (!reported.add(word.file().path() + ":" + word.node().span().start())) {
            return;
        }
        String script = join(rest, false);
        context.finding(this, word.file().path(), word.node().span(), "the CMD healthcheck of " + s.name()
                        + " passes `" + word.value() + "` to " + VariableInExecForm.program(rest) + " as a plain"
                        + " argument: " + consequence(word.value(), rest, found.get(0))
                        + "; the probe does not check what was written")
                .recommendation("Use CMD-SHELL, whose script a shell runs: test: "
                        + Probes.json(List.of("CMD-SHELL", script)) + ".")
                .fix(flowList(testNode) ? Fix.of("run the healthcheck of " + s.name() + " through the shell",
                        FixSafety.UNSAFE, TextEdit.replace(testNode.file().path(), testNode.span(),
                                Probes.json(List.of("CMD-SHELL", script)))) : null)
                .add();
    }

    private void kubernetes(ReviewContext context, KubeWorkload workload, KubeContainer container,
            Set<String> reported) {
        SourceFile file = context.project().source(workload.file()).orElse(null);
        if (file == null) {
            return;
        }
        if (!container.command().isEmpty()) {
            List<String> argv = new ArrayList<>(container.command());
            argv.addAll(container.args());
            List<Integer> found = ShellOperators.in(argv, script -> false);
            if (!found.isEmpty()) {
                int i = found.get(0);
                List<Integer> lines = new ArrayList<>(container.commandLines());
                lines.addAll(container.argsLines());
                String script = join(argv, true);
                report(context, file, lines.get(i), reported, workload.describe(container)
                                + " passes `" + argv.get(i) + "` to " + VariableInExecForm.program(argv)
                                + " as a plain argument: " + consequence(argv.get(i), argv, i),
                        "Hand the line to a shell and keep the last program as PID 1: command: "
                                + Probes.json(List.of("sh", "-c", script)) + (container.args().isEmpty() ? ""
                                        : ", with no args") + ".");
            }
        }
        for (KubeProbe probe : java.util.Arrays.asList(container.liveness(), container.readiness(),
                container.startup())) {
            if (probe == null || probe.command().isEmpty()) {
                continue;
            }
            List<Integer> found = ShellOperators.in(probe.command(), script -> false);
            if (!found.isEmpty()) {
                String operator = probe.command().get(found.get(0));
                report(context, file, probe.commandLines().get(found.get(0)), reported, workload.describe(container)
                                + " has an exec probe that passes `" + operator + "` to "
                                + VariableInExecForm.program(probe.command()) + " as a plain argument: "
                                + consequence(operator, probe.command(), found.get(0))
                                + "; the probe does not check what was written",
                        "Hand the line to a shell: command: "
                                + Probes.json(List.of("sh", "-c", join(probe.command(), false))) + ".");
            }
        }
    }

    private void report(ReviewContext context, SourceFile file, int line, Set<String> reported, String message,
            String recommendation) {
        if (line < 1 || line > file.lineCount() || !reported.add(file.path() + "#" + line)) {
            return;
        }
        context.finding(this, new Location(file.path(), file.lines(line, line)), message)
                .recommendation(recommendation)
                .add();
    }

    // words

    private static String consequence(String operator, List<String> argv, int at) {
        if (ShellOperators.redirection(operator)) {
            return "no shell runs a command written as a list, so nothing is redirected";
        }
        String next = at + 1 < argv.size() ? argv.get(at + 1) : null;
        return "no shell runs a command written as a list, so " + (next == null ? "nothing after it runs"
                : "`" + next.substring(next.lastIndexOf('/') + 1) + "` never runs as a command of its own");
    }

    /**
     * The words as one shell line: operators as they are, other words quoted where the shell would read them
     * otherwise; with {@code exec}, the last command of a chain of {@code &&} or {@code ;} replaces the shell.
     */
    static String join(List<String> argv, boolean exec) {
        int last = -1;
        for (int i = 0; i < argv.size(); i++) {
            if (ShellOperators.isOperator(argv.get(i))) {
                last = i;
            }
        }
        boolean addExec = exec && last >= 0 && last + 1 < argv.size()
                && (argv.get(last).equals("&&") || argv.get(last).equals(";")) && !argv.get(last + 1).equals("exec");
        List<String> out = new ArrayList<>();
        for (int i = 0; i < argv.size(); i++) {
            String w = argv.get(i);
            if (addExec && i == last + 1) {
                out.add("exec");
            }
            out.add(ShellOperators.isOperator(w) ? w : VariableInExecForm.shellJoin(List.of(w)));
        }
        return String.join(" ", out);
    }

    /**
     * The CMD-SHELL strings as the one script their author meant: the first as it is, the others after a blank,
     * double-quoted when they hold blanks; null when one holds a quote or backslash that quoting would change.
     */
    private static String joinScript(List<String> strings) {
        StringBuilder out = new StringBuilder(strings.get(0));
        for (String s : strings.subList(1, strings.size())) {
            if (s.isEmpty() || BARE_WORD.matcher(s).matches()) {
                out.append(' ').append(s.isEmpty() ? "\"\"" : s);
            } else if (s.matches("[^\"\\\\`]*")) {
                out.append(" \"").append(s).append('"');
            } else {
                return null;
            }
        }
        return out.toString();
    }

    /** The compose line with {@code exec} before its last command when a {@code &&} or {@code ;} leads to it. */
    private static String execLast(String line) {
        int offset = 0;
        String lastOperator = null;
        int lastStart = -1;
        try {
            while (true) {
                ShellWords.Result r = ShellWords.split(line.substring(offset));
                if (r.stoppedAt() < 0) {
                    break;
                }
                int start = offset + r.stoppedAt();
                int end = start;
                while (end < line.length() && "&|;<>".indexOf(line.charAt(end)) >= 0) {
                    end++;
                }
                lastOperator = line.substring(start, end);
                lastStart = end;
                offset = end;
            }
        } catch (IllegalArgumentException e) {
            return line;
        }
        if (!"&&".equals(lastOperator) && !";".equals(lastOperator)) {
            return line;
        }
        String head = line.substring(0, lastStart);
        String tail = line.substring(lastStart).stripLeading();
        if (tail.isEmpty() || tail.startsWith("exec ")) {
            return line;
        }
        return head + " exec " + tail;
    }

    private static boolean flowList(Node node) {
        return node != null && node.file().text(node.span()).startsWith("[");
    }
}
