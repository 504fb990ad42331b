package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.VariableReference;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.shell.ShellCommands;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.EnvFiles;
import dev.drydock.core.rules.support.ShortText;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "compose-interpolates-container-variable",
        title = "A compose command or healthcheck writes $VAR for the container's variable, which Compose replaces"
                + " first",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The command, entrypoint and healthcheck test of each compose service, for a `$NAME` or `${NAME}`"
                + " (no default, no error message) whose variable Compose itself has no value for (no .env of the"
                + " project, no env template beside the compose file declares it) while the container has one: the"
                + " service's environment gives it a literal value, one of its env_file files sets it, the image's"
                + " ENV sets it, or it is HOSTNAME, which every container has. A safe fix doubles the `$` where a"
                + " shell in the container expands the word (a CMD-SHELL or string healthcheck test, a shell-form"
                + " command, the script of `sh -c`); in an exec-form word no shell would expand `$$NAME` either, so"
                + " the recommendation there is to run it through a shell.",
        problem = "Compose interpolates every value of the file, command and healthcheck included, from the shell"
                + " that runs it and the project's .env, before any container exists; the service's own"
                + " environment and env_file are not used. A variable only the container defines is unset at that"
                + " point: Compose warns \"The NAME variable is not set. Defaulting to a blank string\" and writes"
                + " nothing in its place. `$$NAME` is how a compose file leaves a `$` for the container.",
        impact = "The command or probe runs with an empty word: `pg_isready -U` without a user logs a failed login"
                + " as root at every interval, `curl http://localhost:/health` never succeeds so the service is never"
                + " healthy and its dependants never start, a command loses an argument. It works on a machine whose"
                + " shell happens to export the variable, and breaks everywhere else.",
        recommendation = "Write `$$NAME` in a CMD-SHELL test, a shell-form command or an `sh -c` script, so that the"
                + " container's shell expands it; turn an exec-form test or command that needs the variable into one"
                + " of those.",
        references = {"https://docs.docker.com/reference/compose-file/interpolation/",
                "https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:17.2
                            environment:
                              POSTGRES_USER: shop
                              POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                            healthcheck:
                              test: ["CMD-SHELL", "pg_isready -U $POSTGRES_USER"]
                        """,
                good = """
                        services:
                          db:
                            image: postgres:17.2
                            environment:
                              POSTGRES_USER: shop
                              POSTGRES_PASSWORD_FILE: /run/secrets/db_password
                            healthcheck:
                              test: ["CMD-SHELL", "pg_isready -U $$POSTGRES_USER"]
                        """))
public final class ComposeInterpolatesContainerVariable implements Rule {

    /** A word of a service's command, entrypoint or test, and whether a shell in the container expands it. */
    private record Word(Located<String> word, String where, boolean shell) {}

    @Override
    public void check(ReviewContext context) {
        Set<Location> reported = new HashSet<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            Container container = ComposeServices.container(context, service);
            for (Word word : words(service)) {
                if (!(word.word().node() instanceof ScalarNode scalar)) {
                    continue;
                }
                for (Substitution sub : scalar.substitutions()) {
                    if (sub.nested() || !sub.isMissing() || !containerSets(context.project(), service, container,
                            sub.name()) || declaredByTemplate(context.project(), ref.compose(), sub.name())) {
                        continue;
                    }
                    VariableReference reference = reference(ref.compose(), scalar, sub);
                    Location at = reference == null ? new Location(scalar.file().path(), scalar.span())
                            : new Location(scalar.file().path(), reference.span());
                    if (reported.add(at)) {
                        report(context, service, word, sub, scalar, reference, at);
                    }
                }
            }
        }
    }

    private void report(ReviewContext context, Service service, Word word, Substitution sub, ScalarNode scalar,
            VariableReference reference, Location at) {
        String written = scalar.raw().substring(sub.start(), sub.end());
        String doubled = "$" + written;
        context.finding(this, at, "`" + written + "` in the " + word.where() + " of " + service.name() + " is"
                        + " Compose's to replace, from the shell that runs Compose or the project's .env, and neither"
                        + " sets "
                        + sub.name() + " (only the container does): Compose replaces it with nothing, with a warning,"
                        + " and runs `"
                        + ShortText.of(word.word().value(), 100) + "`")
                .recommendation(word.shell()
                        ? "Write `" + doubled + "`, so that Compose leaves `" + written + "` for the container's shell"
                                + " to expand."
                        : "No shell expands an exec-form word: run it through one (a CMD-SHELL test, or [\"sh\","
                                + " \"-c\", \"...\"]) and write `" + doubled + "` there.")
                .fix(word.shell() && reference != null && reference.span().end() - reference.span().start()
                        == sub.end() - sub.start()
                                ? Fix.of("write " + doubled + " for the container's shell", FixSafety.SAFE,
                                        TextEdit.insert(scalar.file().path(), reference.span().start(), "$"))
                                : null)
                .add();
    }

    /** The words of the service's test, command and entrypoint that may hold the container's variables. */
    private static List<Word> words(Service service) {
        List<Word> out = new ArrayList<>();
        Service.Healthcheck hc = service.healthcheck();
        if (hc != null && hc.test() != null) {
            boolean shellTest = "CMD-SHELL".equals(hc.testForm()) || "STRING".equals(hc.testForm());
            for (Located<String> word : hc.test().subList(Math.min(1, hc.test().size()), hc.test().size())) {
                out.add(new Word(word, "healthcheck test", shellTest)); // after CMD or CMD-SHELL
            }
        }
        command(service.command(), "command", out);
        command(service.entrypoint(), "entrypoint", out);
        return out;
    }

    private static void command(Service.Command command, String where, List<Word> out) {
        if (command == null) {
            return;
        }
        List<Located<String>> words = command.words();
        int script = ShellCommands.commandStringIndex(words.stream().map(Located::value).toList());
        for (int i = 0; i < words.size(); i++) {
            out.add(new Word(words.get(i), where, command.shellForm() || i == script));
        }
    }

    /** Whether the container defines the variable: HOSTNAME, a literal environment value, an env_file, the image. */
    private static boolean containerSets(Project project, Service service, Container container, String name) {
        if (name.equals("HOSTNAME")) {
            return true;
        }
        var env = service.env(name);
        if (env.isPresent()) {
            var value = env.get().value();
            return value != null && value.node() instanceof ScalarNode scalar && scalar.substitutions().isEmpty();
        }
        for (Service.EnvFile file : service.envFiles()) {
            if (file.path() != null && file.path().startsWith(project.root())) {
                String path = project.root().relativize(file.path()).toString().replace('\\', '/');
                if (EnvFiles.entries(project, path).stream().anyMatch(e -> e.key().equals(name))) {
                    return true;
                }
            }
        }
        if (container == null || container.build() == null || container.build().stage() == null) {
            return false;
        }
        Variables.Definition d = container.build().stage().variables().definition(name);
        return d != null && d.kind() == Variables.Kind.ENV;
    }

    /** Whether an env template beside the compose file declares the variable: the .env copied from it sets it. */
    static boolean declaredByTemplate(Project project, ComposeProject compose, String name) {
        return EnvFiles.template(project, EnvFiles.composeDotEnv(project, compose)).map(t -> EnvFiles.entries(project, t.path()).stream()
                .anyMatch(e -> e.key().equals(name))).orElse(false);
    }

    /**
     * Whether this rule speaks for a missing variable of the scalar: a word of the service's command, entrypoint or
     * healthcheck test naming a variable the container itself sets.
     */
    static boolean covers(ReviewContext context, Service service, ScalarNode scalar, String name) {
        return words(service).stream().anyMatch(w -> w.word().node() == scalar)
                && containerSets(context.project(), service, ComposeServices.container(context, service), name);
    }

    private static VariableReference reference(ComposeProject compose, ScalarNode scalar, Substitution sub) {
        return compose.variableReferences().stream().filter(r -> r.node() == scalar && r.substitution() == sub)
                .findFirst().orElse(null);
    }
}
