package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.VariableReference;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.TaskFiles;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.EnvFiles;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "compose-variable-unset",
        title = "A compose file interpolates a variable that nothing in the project sets",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Every `${NAME}` and `$NAME` of a compose file without a default (`:-`, `-`) or an error message"
                + " (`:?`, `?`) whose variable the project's .env beside the compose file does not set. Quiet when the"
                + " .env template (.env.example ...) declares it (copying the template is the documented step), when"
                + " a CI file, a task file at the root (Makefile, justfile, Taskfile, package.json), a shell script, the"
                + " README at the root or another env file of the"
                + " project sets or names it as `NAME=` or `NAME:` (the command that runs Compose may pass it, or"
                + " --env-file may load that file), for the variables every shell exports (HOME, USER, PWD, PATH ...)"
                + " and Windows (APPDATA, USERPROFILE), those of CI runners and Docker (GITHUB_*, CI_*, DOCKER_*,"
                + " COMPOSE_*), and where"
                + " compose-interpolates-container-variable speaks (a command or healthcheck word the container"
                + " sets). UID and GID, which bash sets but does not export, count as unset. The env_file of a service"
                + " does not count: Compose does not read it for interpolation, and the message says so. Medium, one"
                + " finding per variable and file at its first use, when the checkout has the .env (it lacks the"
                + " variable), for UID and GID, and for a variable only an env_file sets; low, one finding per file"
                + " for all its variables, when the checkout has no .env at all (each developer may keep one out of"
                + " git, but nothing tells a newcomer or CI what it must hold).",
        problem = "Compose replaces variables from the shell that runs it and the project's .env, before any container"
                + " exists. An unset variable becomes an empty string with only a warning (\"The NAME variable is not"
                + " set. Defaulting to a blank string.\"); the service's env_file sets variables inside the container"
                + " only.",
        impact = "On a fresh checkout or another machine the stack starts with empty values: an image reference"
                + " `app:` that is invalid, a published port or a volume path that is missing, a database password"
                + " that is empty so the database refuses to initialise, a URL with no host. It works where someone"
                + " exported the variable by hand, and nowhere else.",
        recommendation = "Give the variable a default (`${NAME:-value}`), or make it required with a message"
                + " (`${NAME:?set NAME in .env}`) so that Compose stops and says what is missing; declare it in a"
                + " committed .env.example.",
        references = {"https://docs.docker.com/reference/compose-file/interpolation/",
                "https://docs.docker.com/compose/how-tos/environment-variables/variable-interpolation/"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:16.4
                            environment:
                              POSTGRES_PASSWORD: ${DB_PASSWORD}
                        """,
                good = """
                        services:
                          db:
                            image: postgres:16.4
                            environment:
                              POSTGRES_PASSWORD: ${DB_PASSWORD:?set DB_PASSWORD in .env}
                        """))
public final class ComposeVariableUnset implements Rule {

    /**
     * Variables the shell that runs Compose exports on every machine; on Windows, the profile folders Visual Studio's
     * generated override files mount (${APPDATA}/Microsoft/UserSecrets).
     */
    private static final Set<String> EXPORTED = Set.of("HOME", "USER", "PWD", "PATH", "SHELL", "LANG", "LOGNAME",
            "TERM", "TMPDIR", "HOSTNAME", "LC_ALL", "TZ", "APPDATA", "LOCALAPPDATA", "USERPROFILE", "USERNAME");
    /** Prefixes of variables CI runners, Docker and Compose set. */
    private static final List<String> SET_BY_TOOLS = List.of("XDG_", "GITHUB_", "RUNNER_", "CI_", "GITLAB_",
            "BUILDKITE_", "CIRCLE_", "TRAVIS_", "JENKINS_", "BITBUCKET_", "DOCKER_", "COMPOSE_", "BUILDX_", "BUILDKIT_");
    /** Shell variables bash sets but does not export: Compose never sees them. */
    private static final Set<String> NOT_EXPORTED = Set.of("UID", "GID", "EUID");
    private static final List<String> READMES = List.of("README.md", "README", "README.rst", "readme.md");

    @Override
    public void check(ReviewContext context) {
        Project project = context.project();
        Set<Location> reported = new HashSet<>();
        Set<String> setElsewhere = null;
        for (ComposeProject compose : project.composeProjects()) {
            Map<String, List<VariableReference>> byFileAndName = new LinkedHashMap<>();
            for (VariableReference ref : compose.missingVariables()) {
                if (!ref.substitution().nested()) {
                    byFileAndName.computeIfAbsent(ref.file().path() + "\n" + ref.name(), k -> new ArrayList<>()).add(ref);
                }
            }
            Map<String, List<List<VariableReference>>> undocumented = new LinkedHashMap<>();
            for (List<VariableReference> refs : byFileAndName.values()) {
                VariableReference first = refs.get(0);
                String name = first.name();
                boolean unexported = NOT_EXPORTED.contains(name);
                if (!unexported && (EXPORTED.contains(name) || SET_BY_TOOLS.stream().anyMatch(name::startsWith))
                        || ComposeInterpolatesContainerVariable.declaredByTemplate(project, compose, name)
                        || (setElsewhere == null ? setElsewhere = namesSetElsewhere(project) : setElsewhere)
                                .contains(name)
                        || coveredForContainer(context, compose, first)
                        || !reported.add(new Location(first.file().path(), first.span()))) {
                    continue;
                }
                if (unexported || project.files().exists(EnvFiles.composeDotEnv(project, compose))
                        || envFileSetting(project, compose, name) != null) {
                    report(context, compose, refs, unexported);
                } else {
                    undocumented.computeIfAbsent(first.file().path(), f -> new ArrayList<>()).add(refs);
                }
            }
            undocumented.values().forEach(group -> reportUndocumented(context, compose, group));
        }
    }

    private static boolean coveredForContainer(ReviewContext context, ComposeProject compose, VariableReference ref) {
        return compose.services().values().stream()
                .anyMatch(s -> ComposeInterpolatesContainerVariable.covers(context, s, ref.node(), ref.name()));
    }

    private static final Pattern ASSIGNED = Pattern.compile("(?<![\\w$])([A-Za-z_][A-Za-z0-9_]*)\\s*[=:]");

    /**
     * The names that files of the project which may run Compose or load its variables set or name ({@code NAME=},
     * {@code NAME:}): CI files, the task files at the root, shell scripts, the README, and env files no service reads
     * as its env_file. Each file is read once.
     */
    private static Set<String> namesSetElsewhere(Project project) {
        Set<String> serviceEnvFiles = serviceEnvFiles(project);
        List<String> paths = new ArrayList<>(project.layout().ciFiles().stream().map(ProjectEntry::path).toList());
        for (ProjectEntry e : project.layout().envFiles()) {
            if (!serviceEnvFiles.contains(e.path()) && !PathNames.fileName(e.path()).equals(".env")) {
                paths.add(e.path());
            }
        }
        paths.addAll(TaskFiles.present(project.files()));
        project.layout().entries(FileType.SHELL_SCRIPT).forEach(e -> paths.add(e.path()));
        READMES.stream().filter(project.files()::exists).forEach(paths::add);
        Set<String> names = new HashSet<>();
        for (String path : paths) {
            project.source(path).ifPresent(f -> {
                java.util.regex.Matcher m = ASSIGNED.matcher(f.text());
                while (m.find()) {
                    names.add(m.group(1));
                }
            });
        }
        return names;
    }

    private static Set<String> serviceEnvFiles(Project project) {
        Set<String> out = new HashSet<>();
        for (ComposeProject compose : project.composeProjects()) {
            for (Service s : compose.services().values()) {
                for (Service.EnvFile f : s.envFiles()) {
                    if (f.path() != null) {
                        String path = ComposeServices.projectPath(project, f.path());
                        if (path != null) {
                            out.add(path);
                        }
                    }
                }
            }
        }
        return out;
    }

    /** The env_file of a service of the project that sets the variable, or null. */
    private static String envFileSetting(Project project, ComposeProject compose, String name) {
        for (Service s : compose.services().values()) {
            for (Service.EnvFile f : s.envFiles()) {
                String path = f.path() == null ? null : ComposeServices.projectPath(project, f.path());
                if (path != null && EnvFiles.entries(project, path).stream().anyMatch(e -> e.key().equals(name))) {
                    return s.name() + "'s env_file " + path;
                }
            }
        }
        return null;
    }

    private static String written(VariableReference ref) {
        return ref.node().raw().substring(ref.substitution().start(), ref.substitution().end());
    }

    /**
     * The variables of one file that nothing documents, with no .env in the checkout: most likely a .env each
     * developer keeps out of git, which a fresh checkout lacks. One low finding, at the first.
     */
    private void reportUndocumented(ReviewContext context, ComposeProject compose, List<List<VariableReference>> group) {
        String dotEnv = EnvFiles.composeDotEnv(context.project(), compose);
        VariableReference first = group.get(0).get(0);
        List<String> names = group.stream().map(refs -> refs.get(0).name()).toList();
        String uses = String.join(", ", group.stream().map(refs -> "`" + written(refs.get(0)) + "` (line "
                + refs.get(0).span().startLine() + ")").toList());
        String one = names.size() == 1 ? "it" : "them";
        context.finding(this, new Location(first.file().path(), first.span()), uses + (names.size() == 1 ? " is" : " are")
                        + " replaced when Compose loads the file, and the checkout has no " + dotEnv + " and no template"
                        + " that declares " + one + ", nor a CI file or script that sets " + one + ": where nobody exports "
                        + one + " (a fresh checkout, another machine, CI) Compose warns 'The \"" + names.get(0)
                        + "\" variable is not set. Defaulting to a blank string.' and uses empty values")
                .severity(Severity.LOW)
                .recommendation("Commit " + dotEnv + ".example declaring " + String.join(", ", names) + " with safe"
                        + " placeholders (copied to " + dotEnv + " before the first `docker compose up`), and make each"
                        + " required where it has no sensible default: ${" + names.get(0) + ":?set " + names.get(0)
                        + " in .env}.")
                .add();
    }

    private void report(ReviewContext context, ComposeProject compose, List<VariableReference> refs,
            boolean unexported) {
        Project project = context.project();
        VariableReference first = refs.get(0);
        String name = first.name();
        String written = written(first);
        String dotEnv = EnvFiles.composeDotEnv(project, compose);
        String others = refs.size() == 1 ? "" : " (and " + (refs.size() - 1) + " more use" + (refs.size() == 2 ? "" : "s")
                + " in this file, on line" + (refs.size() == 2 ? " " : "s ") + String.join(", ", refs.subList(1,
                        refs.size()).stream().map(r -> String.valueOf(r.span().startLine())).distinct().toList()) + ")";
        String why = unexported
                ? name + " is a variable bash sets in every shell but does not export, so Compose never sees it"
                : "nothing sets " + name + " for Compose: " + dotEnv + " does not set it, no template declares it,"
                        + " and no CI file or script of the project sets it";
        String envFile = unexported ? null : envFileSetting(project, compose, name);
        String message = "`" + written + "`" + others + " is replaced when Compose loads the file, and " + why
                + (envFile == null ? "" : " (" + envFile + " sets it, but only inside the container: Compose does"
                        + " not read env_file for interpolation)")
                + ": Compose warns 'The \"" + name + "\" variable is not set. Defaulting to a blank string.' and the"
                + " value becomes `" + first.node().value() + "`";
        String recommendation = unexported
                ? "Put " + name + " in " + dotEnv + " (" + name + "=1000), or export it before running Compose ("
                        + "export " + name + "; or " + name + "=$(id -" + (name.equals("GID") ? "g" : "u")
                        + ") docker compose up), and give it a default: ${" + name + ":-1000}."
                : "Give it a default (${" + name + ":-...}) or make it required with a message (${" + name
                        + ":?set " + name + " in .env}), and declare it in a committed " + dotEnv + ".example"
                        + (envFile == null ? "" : "; or set it in " + dotEnv + ", which Compose reads for"
                        + " interpolation") + ".";
        context.finding(this, new Location(first.file().path(), first.span()), message)
                .recommendation(recommendation).add();
    }
}
