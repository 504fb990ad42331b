package dev.drydock.core.rules.support;

import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.ScriptRuns;
import dev.drydock.core.entrypoint.Wrapper;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.AndOrList;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.CommandNode;
import dev.drydock.core.shell.Pipeline;
import dev.drydock.core.shell.Scope;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a container runs before its program to wait for another service: the commands of the shell scripts it starts
 * with (its command's own script, {@code sh -c "..."} or a shell-form CMD, and the project's entry-point scripts it
 * passes through or that start the program), each with whether it is repeated until it succeeds, and the addresses
 * of the waiting tools its command passes through or its scripts run: wait-for-it's and wait-for's
 * {@code host:port} before {@code --}, dockerize's {@code -wait tcp://host:port}. A command in a comment, a string or
 * an {@code echo} runs nothing and waits for nothing.
 */
public final class StartWaits {

    /**
     * A command the container's start may run.
     *
     * @param command the command, seen through its wrappers ({@code exec}, {@code timeout 60})
     * @param repeated whether it runs again until it succeeds: in the condition or body of a {@code while},
     *     {@code until} or {@code for} loop, also through a function such a loop calls
     * @param next the command its output is piped to ({@code showmigrations | grep}), or null
     * @param djangoCommand the Django management command it runs ({@code wait_for_db} for {@code python manage.py
     *     wait_for_db}, also through {@code uv run} or {@code poetry run}), or ""
     */
    public record Step(Command command, boolean repeated, Command next, String djangoCommand) {}

    private StartWaits() {}

    /** The commands the container's start may run, in the order of its scripts. */
    public static List<Step> steps(ReviewContext context, Container c) {
        return context.memo("start-waits steps", c, () -> collect(c));
    }

    private static List<Step> collect(Container c) {
        List<Step> steps = new ArrayList<>();
        for (ShellScript script : scripts(c)) {
            List<Command> commands = ScriptRuns.commands(script);
            for (int i = 0; i < commands.size(); i++) {
                Command command = commands.get(i);
                Command next = i + 1 < commands.size() && command.inPipeline()
                        && command.pipelineIndex() + 1 < command.pipelineSize() ? commands.get(i + 1) : null;
                steps.add(new Step(command, repeated(command, script, 0), next, djangoCommand(command)));
            }
        }
        return steps;
    }

    private static String djangoCommand(Command command) {
        EntryPoint ep = EntryPoints.interpret(command.words().stream().map(Word::value).toList(), false, Map.of(), "/");
        return ep.runtime() == Runtime.DJANGO_MANAGE && ep.option("command") != null ? ep.option("command") : "";
    }

    /**
     * The addresses the container's start waits for with a waiting tool: {@code db:5432} of {@code wait-for-it db:5432
     * -- ...} or {@code wait-for db:5432 -- ...}, {@code tcp://db:5432} of {@code dockerize -wait tcp://db:5432 ...}; as
     * written, variables unexpanded in a script ({@code $DB_HOST:5432}). A tool that waits by itself need not be in a
     * loop.
     */
    public static List<String> addresses(ReviewContext context, Container c) {
        List<String> addresses = new ArrayList<>();
        EntryPoint ep = c.entryPoint();
        if (ep != null) {
            for (Wrapper wrapper : ep.wrappers()) {
                addresses.addAll(addresses(wrapper.name(), wrapper.args()));
            }
        }
        for (Step step : steps(context, c)) {
            String name = step.command().name();
            List<String> args = step.command().argumentValues();
            int dashes = args.indexOf("--");
            addresses.addAll(addresses(name, name.startsWith("wait-for") && dashes >= 0 ? args.subList(0, dashes) : args));
        }
        return addresses;
    }

    /** The addresses a waiting tool is given: every argument before {@code --} of wait-for-it, dockerize's -wait values. */
    private static List<String> addresses(String program, List<String> args) {
        if (program.startsWith("wait-for")) {
            return args;
        }
        List<String> out = new ArrayList<>();
        if (program.equals("dockerize")) {
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i).startsWith("--") ? args.get(i).substring(1) : args.get(i);
                if (arg.equals("-wait") && i + 1 < args.size()) {
                    out.add(args.get(++i));
                } else if (arg.startsWith("-wait=")) {
                    out.add(arg.substring("-wait=".length()));
                }
            }
        }
        return out;
    }

    /**
     * The shell scripts the container starts with: the project's entry-point scripts its command passes through and the
     * one that starts its program, and the script of its command ({@code sh -c}, a shell-form CMD).
     */
    private static List<ShellScript> scripts(Container c) {
        EntryPoint ep = c.entryPoint();
        List<ShellScript> scripts = new ArrayList<>();
        if (ep == null) {
            return scripts;
        }
        List<String> paths = ep.startScripts();
        Set<String> texts = new LinkedHashSet<>();
        for (String path : paths) {
            c.scripts().parsed(path).filter(s -> texts.add(s.text().file().text())).ifPresent(scripts::add);
        }
        for (Wrapper wrapper : ep.wrappers()) {
            if (wrapper.name().endsWith(" -c") && !wrapper.args().isEmpty() && texts.add(wrapper.args().get(0))) {
                scripts.add(ShellScript.parse(wrapper.args().get(0)));
            }
        }
        if (c.command() != null && c.command().shellForm() && c.command().script() != null
                && texts.add(c.command().script())) {
            scripts.add(ShellScript.parse(c.command().script()));
        }
        return scripts;
    }

    /** Whether the command of {@code script} runs in a loop, or in a function that a command in a loop calls. */
    public static boolean repeated(Command command, ShellScript script) {
        return repeated(command, script, 0);
    }

    private static boolean repeated(Command command, ShellScript script, int depth) {
        if (command.in(Scope.LOOP_CONDITION) || command.in(Scope.LOOP_BODY)) {
            return true;
        }
        if (!command.in(Scope.FUNCTION_BODY) || depth > 4) {
            return false;
        }
        Optional<String> function = enclosingFunction(command, script);
        return function.isPresent() && script.commands().stream()
                .anyMatch(call -> call.is(function.get()) && repeated(call, script, depth + 1));
    }

    /** The name of the top-level function whose body holds the command. */
    private static Optional<String> enclosingFunction(Command command, ShellScript script) {
        for (AndOrList item : script.body().items()) {
            for (Pipeline pipeline : item.pipelines()) {
                for (CommandNode node : pipeline.commands()) {
                    if (node instanceof CommandNode.FunctionDefinition f && f.span().start() <= command.span().start()
                            && command.span().end() <= f.span().end()) {
                        return Optional.of(f.name());
                    }
                }
            }
        }
        return Optional.empty();
    }
}
