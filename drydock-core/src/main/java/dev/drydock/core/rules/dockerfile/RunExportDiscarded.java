package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.SecretNames;
import dev.drydock.core.shell.AndOrList;
import dev.drydock.core.shell.Assignment;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.CommandNode;
import dev.drydock.core.shell.Pipeline;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "run-export-discarded",
        title = "A RUN ends by setting a variable that no later instruction sees",
        severity = Severity.LOW,
        category = Category.BUILD,
        checks = "The shell-form RUNs of the stages a build uses whose script, at its top level, ends with export"
                + " NAME=value, a bare NAME=value, or source/. of a file (a virtualenv's activate, an env file),"
                + " with nothing run after it but more of the same, echo, printf, true or :. Each RUN is a new shell"
                + " process: what it exports ends with it, so later RUN, CMD and ENTRYPOINT instructions do not see"
                + " it. An export followed by another command is fine (it may use it), as are assignments inside"
                + " sh -c, a subshell, a branch or a function. Medium when a later instruction of the same stage reads the variable"
                + " ($NAME or ${NAME}) and no ENV or ARG declares it: it is empty there. When an ARG or ENV in effect"
                + " already declares every name, the line only does nothing, and the advice is to remove it.",
        problem = "The variable exists only inside the shell of this RUN, which exits right after setting it: the"
                + " instruction does nothing, and whoever wrote it expected later steps to see the value.",
        impact = "Later steps run without the variable (an empty PATH entry, an unset proxy or mode, a virtualenv"
                + " that is not active), so the build uses other tools or settings than intended, or fails later"
                + " with a confusing error.",
        recommendation = "Use ENV NAME=value to set a variable for every later instruction and the container (ARG"
                + " for a build-time value only), or set it in the RUN that needs it (export NAME=value && cmd)."
                + " For a virtualenv, put its bin folder first on PATH with ENV. For a token, use RUN"
                + " --mount=type=secret,id=NAME,env=NAME on the RUN that needs it, never ENV.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#env",
                "https://docs.docker.com/build/building/best-practices/#env",
                "https://docs.docker.com/reference/dockerfile/#run---mounttypesecret"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM node:20.15.1-bookworm-slim
                        WORKDIR /srv
                        RUN export NODE_OPTIONS=--max-old-space-size=4096
                        COPY . .
                        RUN npm ci && npm run build
                        """,
                good = """
                        FROM node:20.15.1-bookworm-slim
                        WORKDIR /srv
                        COPY . .
                        RUN export NODE_OPTIONS=--max-old-space-size=4096 && npm ci && npm run build
                        """))
public final class RunExportDiscarded implements Rule {

    /** Commands that may follow the lost setting without using it. */
    private static final Set<String> INERT = Set.of("echo", "printf", "true", ":");

    @Override
    public void check(ReviewContext context) {
        for (BuildRuns.ScriptRun scripted : BuildRuns.scripts(context)) {
            ShellScript script = scripted.script();
            lostSetting(script).ifPresent(setting -> report(context, scripted.image(), scripted.run(), setting));
        }
    }

    /** The first of the settings that end the script's top level (only echo, printf, true or : after them). */
    private static Optional<Command> lostSetting(ShellScript script) {
        Map<CommandNode.SimpleCommand, Command> commands = new IdentityHashMap<>();
        script.commands().forEach(c -> commands.put(c.node(), c));
        Command first = null;
        List<Command> inert = new ArrayList<>();
        List<AndOrList> items = script.body().items();
        for (int i = items.size() - 1; i >= 0; i--) {
            AndOrList item = items.get(i);
            if (item.background()) {
                return Optional.ofNullable(first);
            }
            for (int p = item.pipelines().size() - 1; p >= 0; p--) {
                Pipeline pipeline = item.pipelines().get(p);
                if (pipeline.commands().size() != 1
                        || !(pipeline.commands().get(0) instanceof CommandNode.SimpleCommand simple)
                        || commands.get(simple) == null) {
                    return Optional.ofNullable(first);
                }
                Command command = commands.get(simple);
                if (setting(command)) {
                    if (inert.stream().anyMatch(c -> usesAny(c, names(command)))) {
                        return Optional.ofNullable(first);
                    }
                    first = command;
                } else if (command.is(INERT.toArray(String[]::new))) {
                    inert.add(command);
                } else {
                    return Optional.ofNullable(first);
                }
            }
        }
        return Optional.ofNullable(first);
    }

    private static boolean setting(Command command) {
        if (command.name().isEmpty()) {
            return !command.assignments().isEmpty() && command.node().words().isEmpty();
        }
        return command.is("export") && !command.arguments().isEmpty()
                && command.arguments().stream().noneMatch(w -> w.value().startsWith("-"))
                || command.is("source", ".") && command.arguments().size() == 1;
    }

    private static List<String> names(Command command) {
        if (command.name().isEmpty()) {
            return command.assignments().stream().map(Assignment::name).toList();
        }
        if (command.is("source", ".")) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (Word word : command.arguments()) {
            String v = word.value();
            int eq = v.indexOf('=');
            out.add(eq < 0 ? v : v.substring(0, eq));
        }
        return out;
    }

    /** The command reads one of the names, in a word or a redirection target ({@code echo "$V" > /out/v}). */
    private static boolean usesAny(Command command, List<String> names) {
        for (String name : names) {
            Pattern use = Pattern.compile("\\$\\{?" + Pattern.quote(name) + "\\b");
            if (command.node().words().stream().anyMatch(w -> use.matcher(w.raw()).find())
                    || command.redirects().stream().anyMatch(r -> r.target() != null
                            && use.matcher(r.target().raw()).find())) {
                return true;
            }
        }
        return false;
    }

    private void report(ReviewContext context, BuiltImage image, BuildRuns.StageRun run, Command setting) {
        List<String> names = names(setting);
        String what = setting.is("source", ".")
                ? setting.name() + " " + setting.arguments().get(0).value() + " changes only this RUN's shell"
                : String.join(", ", names) + (names.size() == 1 ? " is" : " are") + " set only in this RUN's shell";
        Optional<String> laterUse = laterUse(run, names);
        boolean known = !names.isEmpty() && run.run().step() != null
                && names.stream().allMatch(n -> run.run().step().variables().definition(n) != null);
        String message = what + ", which exits right after: later instructions do not see "
                + (setting.is("source", ".") ? "what it sets" : names.size() == 1 ? "it" : "them")
                + laterUse.map(u -> " (" + u + ")").orElse("")
                + (known ? "; an ARG or ENV already passes " + String.join(", ", names)
                        + " to later RUNs, so the line does nothing" : "");
        boolean secret = names.stream().anyMatch(SecretNames::isSecretName);
        context.finding(this, image.dockerfile(), setting.span(), message)
                .severity(laterUse.isPresent() ? Severity.MEDIUM : Severity.LOW)
                .recommendation(known ? "Remove the assignment: the ARG or ENV in effect already passes "
                        + String.join(", ", names) + " to every later RUN." : advice(setting, names, secret))
                .add();
    }

    /** The line of a later instruction of the stage that reads one of the names, when no ENV or ARG sets it there. */
    private static Optional<String> laterUse(BuildRuns.StageRun run, List<String> names) {
        int line = run.run().instruction().span().startLine();
        for (CommandSpec spec : run.stage().runs()) {
            if (spec.instruction().span().startLine() <= line || spec.execForm()) {
                continue;
            }
            for (String name : names) {
                Pattern use = Pattern.compile("\\$\\{?" + Pattern.quote(name) + "\\b");
                boolean defined = run.run().model().step(spec.instruction())
                        .map(step -> step.variables().definition(name) != null).orElse(false);
                if (!defined && use.matcher(spec.shellText()).find()) {
                    return Optional.of("the RUN on line " + spec.instruction().span().startLine() + " reads $"
                            + name + ", empty there");
                }
            }
        }
        return Optional.empty();
    }

    private static String advice(Command setting, List<String> names, boolean secret) {
        if (setting.is("source", ".")) {
            return "Source the file in the RUN that needs it (. " + setting.arguments().get(0).value()
                    + " && cmd), or set what it sets with ENV (for a virtualenv: ENV PATH=\"/path/to/venv/bin:$PATH\").";
        }
        if (secret) {
            return "Pass " + String.join(", ", names) + " as a build secret to the RUN that needs it: RUN"
                    + " --mount=type=secret,id=" + names.get(0) + ",env=" + names.get(0) + " cmd (not ENV, which"
                    + " stores the value in the image).";
        }
        String assignments = setting.name().isEmpty()
                ? String.join(" ", setting.assignments().stream()
                        .map(a -> a.name() + "=" + (a.value() == null ? "" : a.value().raw())).toList())
                : String.join(" ", setting.arguments().stream().map(Word::raw).toList());
        return "Set it with ENV " + assignments + " instead (ARG for the build only), or in the RUN that needs it:"
                + " export NAME=value && cmd.";
    }
}
