package dev.drydock.core.rules.app;

import dev.drydock.core.entrypoint.ArgumentUse;
import dev.drydock.core.entrypoint.ScriptArguments;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellCommands;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "entrypoint-ignores-command",
        title = "The entry-point script ignores the container's command",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Containers whose exec-form entrypoint (Dockerfile ENTRYPOINT or compose `entrypoint`, also behind"
                + " tini, dumb-init or catatonit with their `--`, or `sh`/`bash` given the script's path) runs a shell"
                + " script of the build context, while the Dockerfile CMD or the compose `command` gives it a"
                + " non-empty command: the script never reads its arguments (no $@, ${@}, $*, $#, $1 to $9, shift,"
                + " getopts, bare `for arg` loop, and it sources no other file that could). Quiet when the script"
                + " cannot be read, when there is no command or an empty one, and when the entrypoint is not a script"
                + " of the project.",
        problem = "Docker appends CMD (or compose `command`) to an exec-form ENTRYPOINT as its arguments: a script"
                + " that never reads them starts whatever it starts itself, and the command is silently dropped.",
        impact = "What the command was written to run (a tracer preloaded with --require, other flags, another"
                + " process for a worker service) never runs, and nothing says so: the container looks configured"
                + " and behaves otherwise.",
        recommendation = "End the script with `exec \"$@\"` so that it runs the command it is given (and keep its own"
                + " default in CMD), or move what the command runs into the script and drop the command.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#understand-how-cmd-and-entrypoint-interact",
                "https://docs.docker.com/reference/dockerfile/#entrypoint",
                "https://docs.docker.com/reference/compose-file/services/#command"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM node:22.11.0-slim
                        WORKDIR /app
                        COPY . .
                        ENTRYPOINT ["/app/entrypoint.sh"]
                        CMD ["node", "--require", "dd-trace/init", "server.js"]
                        """,
                good = """
                        FROM node:22.11.0-slim
                        WORKDIR /app
                        COPY . .
                        ENTRYPOINT ["/app/entrypoint.sh"]
                        """,
                alongside = @ExampleFile(name = "entrypoint.sh", content = """
                        #!/bin/sh
                        set -e
                        node migrate.js
                        exec node server.js
                        """)))
public final class EntrypointIgnoresCommand implements Rule {

    private static final Set<String> INITS = Set.of("tini", "tini-static", "dumb-init", "catatonit", "docker-init");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            EffectiveCommand command = c.command();
            if (c.build() == null || command == null || command.shellForm() || command.inheritsEntrypoint()
                    || command.cmdOrigin() == null || command.cmd().stream().allMatch(String::isBlank)) {
                continue;
            }
            String script = scriptWord(command.entrypoint());
            ShellScript parsed = script == null ? null : c.scripts().parsed(script).orElse(null);
            if (parsed == null || ScriptArguments.use(parsed) != ArgumentUse.IGNORES) {
                continue;
            }
            report(context, c, command, parsed);
        }
    }

    private void report(ReviewContext context, Container c, EffectiveCommand command, ShellScript parsed) {
        SourceFile file = parsed.text().file();
        boolean compose = c.service() != null && c.service().command() != null;
        String which = compose ? "compose command" : "CMD";
        String given = String.join(" ", command.cmd());
        Optional<Command> last = c.entryPoint() == null ? Optional.empty()
                : ScriptArguments.lastForegroundCommand(parsed, c.entryPoint(), c.scripts());
        String instead = last.map(l -> "it runs `" + ShortText.of(ScriptArguments.text(file, l), 70) + "` (line "
                + l.span().startLine() + ") instead").orElse("it runs only its own commands");
        context.finding(this, command.cmdOrigin(), "the " + which + " `" + ShortText.of(given, 70) + "` is handed to the"
                        + " entry-point script " + file.path() + " as its arguments, but the script never reads them: "
                        + instead + ", so the " + which + " never runs")
                .recommendation("End " + file.path() + " with `exec \"$@\"` so that it runs the " + which + " it is"
                        + " given, or drop the " + which + " if the script's own start is what should run.")
                .add();
    }

    /** The entrypoint word that names the script: the first one after an init (and its options) or a plain shell. */
    private static String scriptWord(List<String> entrypoint) {
        int i = 0;
        while (i < entrypoint.size()) {
            String word = entrypoint.get(i);
            String name = word.substring(word.lastIndexOf('/') + 1);
            if (INITS.contains(name)) {
                i++;
                while (i < entrypoint.size() && entrypoint.get(i).startsWith("-")) {
                    i++; // the init's options and its --
                }
            } else if (ShellCommands.isShell(name)) {
                i++;
                if (i < entrypoint.size() && entrypoint.get(i).startsWith("-")) {
                    return null; // sh -c and other options: not a script file run with the command as arguments
                }
            } else {
                return word.isBlank() || word.contains("$") ? null : word;
            }
        }
        return null;
    }
}
