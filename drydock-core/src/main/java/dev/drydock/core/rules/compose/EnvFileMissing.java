package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.ignore.GitIgnorePattern;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.EnvFiles;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@RuleDefinition(
        id = "env-file-missing",
        title = "A service's env_file is not in the project",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Each `env_file` of every compose service (short form, or long form without `required: false`),"
                + " resolved against the folder of the compose file that names it, when the path lies in the project"
                + " and holds no variable (the shell that runs Compose may set it). Fires when the file is not there."
                + " Low when a template beside it (.env.example, api.env.sample, .env.dist ...) says what it holds:"
                + " keeping the real file out of git is right (whether or not a .gitignore in the reviewed folder"
                + " lists it: the repository's may lie above it), and the finding is the step to run before"
                + " `docker compose up`; medium otherwise (git ignores it and nothing documents it, or git does not"
                + " ignore it: a file renamed, moved or never committed).",
        problem = "Compose reads the env_file of every service it starts (before 2.34, of every service of the project)"
                + " and stops when one is missing ('env file ... not found'), unless the entry says `required: false`"
                + " (Compose 2.24 and later); a service that only runs under a profile breaks the up of that profile.",
        impact = "`docker compose up` fails for the whole project on a fresh checkout, before any container starts,"
                + " until someone creates the file, with no hint of what it must hold when no template exists.",
        recommendation = "Commit a template beside it with every variable and a safe placeholder (api.env.example),"
                + " and keep the real file in .gitignore; or mark the entry `required: false` when the service runs"
                + " without it; or correct the path.",
        references = {"https://docs.docker.com/reference/compose-file/services/#env_file",
                "https://docs.docker.com/compose/how-tos/environment-variables/set-environment-variables/"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        services:
                          api:
                            image: ghcr.io/acme/api:1.4.2
                            env_file: [config/api.env]
                        """,
                good = """
                        services:
                          api:
                            image: ghcr.io/acme/api:1.4.2
                            env_file:
                              - path: config/api.env
                                required: false
                        """,
                file = "compose.yaml"))
public final class EnvFileMissing implements Rule {

    @Override
    public void check(ReviewContext context) {
        var project = context.project();
        // the services that read one missing file through one entry (an anchor several services merge): one finding
        Map<String, Missing> missing = new LinkedHashMap<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            for (Service.EnvFile envFile : ref.service().envFiles()) {
                if (!envFile.required() || envFile.path() == null || envFile.file() == null
                        || envFile.file().value() == null || envFile.file().value().contains("$")
                        || envFile.file().node() instanceof ScalarNode scalar && !scalar.substitutions().isEmpty()) {
                    continue; // with a variable in the path, the shell that runs Compose may point it elsewhere
                }
                String path = ComposeServices.projectPath(project, envFile.path());
                if (path == null || path.isEmpty() || project.files().exists(path)) {
                    continue;
                }
                Location at = ComposeServices.location(envFile.node());
                Missing m = missing.computeIfAbsent(at.file() + "#" + at.span() + "#" + path,
                        k -> new Missing(at, path, envFile.file().value(), new ArrayList<>(), new ArrayList<>()));
                if (!m.services().contains(ref.name())) {
                    m.services().add(ref.name());
                    m.profiles().add(ref.service().profiles().stream().map(Located::value).toList());
                }
            }
        }
        missing.values().forEach(m -> report(context, m));
    }

    /**
     * A missing env file, where it is written, the services that read it there and the profiles of each (empty for
     * a service that always runs).
     */
    private record Missing(Location at, String path, String written, List<String> services,
            List<List<String>> profiles) {

        /**
         * The command that fails: plain {@code docker compose up}, or, when every service that reads the file runs
         * only under a profile, the up of those profiles (Compose 2.34 and later reads the env_file of active
         * services only; older releases fail whatever the profile).
         */
        String failingUp() {
            if (profiles.stream().anyMatch(List::isEmpty)) {
                return "`docker compose up`";
            }
            List<String> names = profiles.stream().flatMap(List::stream).distinct().toList();
            return "`docker compose --profile " + names.get(0) + " up`" + (names.size() > 1 ? " (and the other"
                    + " profiles of " + AppFacts.and(services) + ")" : "") + ", and with Compose before 2.34 every"
                    + " command of the project,";
        }
    }

    private void report(ReviewContext context, Missing m) {
        var project = context.project();
        String path = m.path();
        String written = m.written();
        boolean one = m.services().size() == 1;
        String who = AppFacts.and(m.services());
        String reads = who + (one ? " reads " : " read ");
        String it = one ? m.services().get(0) : "each";
        Optional<GitIgnorePattern> ignored = project.gitIgnoring(path);
        Optional<ProjectEntry> template = EnvFiles.template(project, path);
        String message;
        String recommendation;
        Severity severity = Severity.MEDIUM;
        if (template.isPresent()) {
            // a template says the file is made per checkout, whether or not a .gitignore drydock sees lists it
            severity = Severity.LOW;
            message = reads + written + " (env_file), which " + ignored.map(i -> "git ignores"
                    + " (.gitignore: `" + i.text() + "`) and ").orElse("") + "the checkout does not have:"
                    + " " + m.failingUp() + " fails ('env file " + path + " not found') until it is made from "
                    + template.get().path();
            recommendation = "Before the first `docker compose up`: cp " + template.get().path() + " " + path
                    + ", then fill in its values.";
        } else if (ignored.isPresent()) {
            message = reads + written + " (env_file), which git ignores (.gitignore: `"
                    + ignored.get().text() + "`) and nothing in the project documents: on a fresh checkout"
                    + " " + m.failingUp() + " fails ('env file " + path + " not found'), and nobody can tell"
                    + " which variables it must set";
            recommendation = "Commit a template beside it, " + path + ".example, with every variable "
                    + who + (one ? " reads" : " read") + " and a safe placeholder, and say in the README to copy it;"
                    + " or mark the entry `required: false` if " + it + " starts without it.";
        } else {
            boolean gitignore = project.files().exists(".gitignore");
            message = reads + written + " (env_file), which is not in the project"
                    + (gitignore ? " (and .gitignore does not list it, so it is not a local secret left out"
                            + " on purpose)" : "") + ": " + (m.failingUp().equals("`docker compose up`")
                            ? "`docker compose up` fails for the whole project" : m.failingUp() + " fails")
                    + " ('env file " + path + " not found')";
            recommendation = "Correct the path if the file was moved or renamed, commit it if it holds no"
                    + " secret, or commit a template (" + path + ".example) and list " + path + " in"
                    + " .gitignore; mark the entry `required: false` if " + it + " starts without it.";
        }
        context.finding(this, m.at(), message)
                .severity(severity)
                .recommendation(recommendation)
                .add();
    }
}
