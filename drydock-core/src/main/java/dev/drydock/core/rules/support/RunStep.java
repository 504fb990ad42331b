package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.MountSpec;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Expansion;
import dev.drydock.core.shell.ShellCommands;
import dev.drydock.core.shell.ShellOptions;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.WordEvaluator;
import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One RUN of a stage with what rules ask of it: the programs it runs ({@link Call}s, in order, for the
 * shell form and the exec form alike), the state it runs in and its {@code --mount}s.
 *
 * @param script the parsed shell script: the shell form's, or the one an exec form gives a POSIX shell with -c
 *     ({@code ["/bin/sh", "-c", "..."]}); null for other exec forms and a non-POSIX SHELL
 * @param calls the programs run, in execution order
 */
public record RunStep(DockerfileModel model, Stage stage, CommandSpec spec, Step step, ShellScript script,
        List<Call> calls) {

    private static final Pattern ASSIGNMENT = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*=.*");
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");
    private static final Pattern BUILD_VARIABLE = Pattern.compile("\\$\\{(\\w+)}|\\$(\\w+)");

    public RunStep {
        calls = List.copyOf(calls);
    }

    /** The RUNs of these stages, in order. */
    public static List<RunStep> of(DockerfileModel model, List<Stage> stages) {
        List<RunStep> out = new ArrayList<>();
        for (Stage stage : stages) {
            for (CommandSpec spec : stage.runs()) {
                out.add(of(model, stage, spec));
            }
        }
        return out;
    }

    /** The RUN {@code spec} of {@code stage}, read once per model. */
    public static RunStep of(DockerfileModel model, Stage stage, CommandSpec spec) {
        RunStep known = model.derived("run-step", spec, () -> read(model, stage, spec));
        return known.stage() == stage ? known : read(model, stage, spec);
    }

    private static RunStep read(DockerfileModel model, Stage stage, CommandSpec spec) {
        Step step = model.step(spec.instruction()).orElse(null);
        ShellScript script = model.script(spec).orElse(null);
        List<Call> calls = new ArrayList<>();
        if (script != null) {
            for (Command command : script.commands()) {
                if (!command.name().isEmpty()) {
                    calls.add(named(Call.of(command), command, step));
                }
            }
        } else if (spec.execForm() && spec.instruction().arguments() instanceof ExecForm exec
                && !exec.elements().isEmpty()) {
            List<Word> elements = exec.elements();
            int p = programIndex(elements);
            Call.Arg program = arg(elements.get(p));
            List<Call.Arg> args = elements.subList(p + 1, elements.size()).stream().map(RunStep::arg).toList();
            calls.add(new Call(basename(program.value()), program, args, exec.span(), null));
            script = execFormScript(spec.instruction().file(), elements, p).orElse(null);
            if (script != null) {
                script.commands().stream().filter(command -> !command.name().isEmpty())
                        .forEach(command -> calls.add(Call.of(command)));
            }
        }
        return new RunStep(model, stage, spec, step, script, calls);
    }

    /**
     * The element naming the program in exec form, past a leading {@code sudo} or {@code env} given
     * without options ({@code ["sudo", "apt-get", ...]}, {@code ["env", "A=1", "apt-get", ...]}).
     */
    private static int programIndex(List<Word> elements) {
        int p = 0;
        while (p + 1 < elements.size() && (basename(elements.get(p).value()).equals("sudo")
                || basename(elements.get(p).value()).equals("env"))) {
            int next = p + 1;
            while (next + 1 < elements.size() && ASSIGNMENT.matcher(elements.get(next).value()).matches()) {
                next++;
            }
            if (elements.get(next).value().startsWith("-")) {
                break;
            }
            p = next;
        }
        return p;
    }

    /**
     * The script a shell is given in exec form ({@code ["/bin/bash", "-o", "pipefail", "-c", "apt-get ..."]}),
     * parsed with its words mapped to the JSON string in the file; empty when the program is no POSIX shell, there
     * is no -c, or the string holds escapes that would shift positions.
     */
    private static Optional<ShellScript> execFormScript(SourceFile file, List<Word> elements, int program) {
        if (!ShellCommands.isShell(elements.get(program).value())) {
            return Optional.empty();
        }
        int i = program + 1;
        while (i < elements.size()) {
            String v = elements.get(i).value();
            if (v.equals("-o") || v.equals("+o")) {
                i += 2;
            } else if (v.startsWith("-") && !v.startsWith("--") && v.indexOf('c') > 0) {
                break;
            } else if (v.startsWith("-") || v.startsWith("+")) {
                i++;
            } else {
                return Optional.empty();
            }
        }
        if (i + 1 >= elements.size()) {
            return Optional.empty();
        }
        Word script = elements.get(i + 1);
        Span span = script.span();
        String raw = file.text(span);
        if (raw.length() < 2 || raw.charAt(0) != '"' || raw.charAt(raw.length() - 1) != '"'
                || raw.indexOf('\\') >= 0 || !raw.substring(1, raw.length() - 1).equals(script.value())) {
            return Optional.empty();
        }
        List<String> shell = elements.subList(program, i + 1).stream().map(Word::value).toList();
        MappedText text = MappedText.of(file, span.start() + 1, span.end() - 1);
        return Optional.of(ShellScript.parse(text, ShellOptions.ofShellCommand(shell)));
    }

    /**
     * A program word that expands build variables is named by its value ({@code $PYTHON -m pip} with
     * {@code ENV PYTHON=/opt/venv/bin/python} runs python); kept as written when the value is not known exactly.
     */
    private static Call named(Call call, Command command, Step step) {
        dev.drydock.core.shell.Word word = command.program().orElse(null);
        if (word == null || word.isLiteral() || step == null) {
            return call;
        }
        Expansion value = new WordEvaluator(step.variables()::lookup, null).fields(word);
        if (!value.isExact() || value.fields().size() != 1 || value.fields().get(0).isEmpty()) {
            return call;
        }
        return new Call(basename(value.fields().get(0)), call.program(), call.args(), call.span(), call.command());
    }

    private static Call.Arg arg(Word word) {
        return new Call.Arg(word.value(), word.span(), true);
    }

    private static String basename(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    public Instruction instruction() {
        return spec.instruction();
    }

    /** The calls of these programs. */
    public List<Call> calls(String... names) {
        return calls.stream().filter(c -> c.is(names)).toList();
    }

    /** The working directory the RUN starts in ("/" when none is set). */
    public String workdir() {
        Setting<String> w = step == null ? null : step.workdir();
        return w == null ? "/" : w.value();
    }

    /**
     * The directory a call of the RUN works in: the WORKDIR, or the folder a {@code cd} before it in the same shell
     * changes to ({@code cd /srv/app && ./run.sh}, {@code cd backend && ./build.sh} from the WORKDIR or the folder of
     * an earlier cd); null when a cd goes where drydock cannot tell (a variable, {@code ~}, {@code -}, an option), a
     * {@code pushd}/{@code popd} comes first, or a subshell opens or closes between the cd and the call.
     */
    public String directoryAt(Call call) {
        int index = calls.indexOf(call);
        String text = instruction().file().text();
        for (int i = index - 1; i >= 0; i--) {
            Call cd = calls.get(i);
            if (!cd.is("cd", "pushd", "popd")) {
                continue;
            }
            int from = cd.span().end();
            int to = call.span().start();
            if (!cd.is("cd") || from > to || to > text.length() || text.substring(from, to).matches("(?s).*[()].*")
                    || !sameShell(cd, call) || cd.args().size() != 1 || !cd.args().get(0).literal()) {
                return null;
            }
            String folder = cd.args().get(0).value();
            if (folder.isEmpty() || folder.startsWith("~") || folder.startsWith("-")) {
                return null;
            }
            String before = folder.startsWith("/") ? "/" : directoryAt(cd);
            return before == null ? null : ContainerPaths.clean(PathNames.normalizeAbsolute(before, folder));
        }
        return workdir();
    }

    /** Whether a cd run before {@code call} still holds there: the same compound commands and the same nested shell. */
    private static boolean sameShell(Call cd, Call call) {
        if (cd.command() == null || call.command() == null) {
            return cd.command() == call.command();
        }
        return cd.command().scopes().equals(call.command().scopes())
                && cd.command().invokedBy().equals(call.command().invokedBy());
    }

    /** The user the RUN runs as, or null for the base image's default (root unless the image says otherwise). */
    public String user() {
        Setting<String> u = step == null ? null : step.user();
        return u == null ? null : u.value();
    }

    /** A build variable (ARG or ENV) in effect for the RUN, or null. */
    public String variable(String name) {
        return step == null ? null : step.variables().lookup(name);
    }

    /**
     * {@code call} with the words that expand build variables ({@code ${RUNTIME_PACKAGES}} set by an ARG or ENV) read as
     * the shell reads them when the RUN runs: each such word replaced by the fields its value splits into, each field
     * at the word's place. A word whose value drydock cannot tell (a variable nothing sets, a command substitution) is
     * kept as written; an exec-form call, which no shell expands, is returned as it is.
     */
    public Call expanded(Call call) {
        if (call.command() == null || call.args().stream().allMatch(Call.Arg::literal)) {
            return call;
        }
        List<dev.drydock.core.shell.Word> words = call.command().arguments();
        if (words.size() != call.args().size()) {
            return call;
        }
        WordEvaluator evaluator = new WordEvaluator(this::variable, null);
        List<Call.Arg> args = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            Call.Arg arg = call.args().get(i);
            Expansion expansion = arg.literal() ? null : evaluator.fields(words.get(i));
            if (expansion == null || !expansion.isExact()) {
                args.add(arg);
                continue;
            }
            for (String field : expansion.fields()) {
                args.add(new Call.Arg(field, arg.span(), false));
            }
        }
        return new Call(call.name(), call.program(), args, call.span(), call.command());
    }

    /**
     * A --mount option's value with the build variables BuildKit expands in it ({@code target=${PIP_CACHE_DIR}})
     * replaced by their values; as written when one of them has no value drydock can tell.
     */
    private String withBuildVariables(String value) {
        Matcher m = BUILD_VARIABLE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = variable(m.group(1) != null ? m.group(1) : m.group(2));
            if (replacement == null) {
                return value;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The {@code --mount}s; one BuildKit would refuse is left out (the parser reports it). */
    public List<MountSpec> mounts() {
        List<MountSpec> mounts = new ArrayList<>();
        for (var flag : spec.instruction().flags("mount")) {
            try {
                mounts.add(flag.mount());
            } catch (SourceException | IllegalArgumentException e) {
                // reported by the Dockerfile reader
            }
        }
        return mounts;
    }

    /**
     * Whether a cache or tmpfs mount covers {@code path}: its target is the path or a folder above it
     * (a trailing {@code /} and {@code ~/} for {@code /root/} are allowed).
     */
    public boolean cacheMountCovers(String path) {
        for (MountSpec mount : mounts()) {
            if (!mount.type().equals("cache") && !mount.type().equals("tmpfs")) {
                continue;
            }
            String target = withBuildVariables(mount.target().orElse(""));
            if (target.startsWith("~/")) {
                target = "/root/" + target.substring(2);
            }
            if (!target.startsWith("/")) {
                target = workdir() + "/" + target;
            }
            target = TRAILING_SLASHES.matcher(target).replaceAll("");
            if (path.equals(target) || path.startsWith(target + "/")) {
                return true;
            }
        }
        return false;
    }

    /** The RUN's text as written (for messages). */
    public String text() {
        return spec.execForm() ? String.join(" ", spec.arguments()) : spec.shellText();
    }

    @Override
    public String toString() {
        return "RUN@" + spec.instruction().span().startLine() + " " + text();
    }
}
