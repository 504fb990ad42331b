package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.project.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A service's environment value written with variables that the project itself leaves empty: {@code .env} sets
 * the variable to nothing ({@code MYSQL_PASSWORD=}), an empty default ({@code ${MYSQL_PASSWORD:-}}) is taken, or no
 * {@code .env} is there and the env template beside the compose file declares the variable empty, so that the .env
 * copied from it gives an empty value until someone fills it in. A variable the project does not mention at all is
 * not known to be empty (the shell that runs Compose may set it) and gives nothing here.
 */
public final class EmptyInterpolation {

    private EmptyInterpolation() {}

    /** Why the value is empty, as a clause ("MYSQL_PASSWORD is empty in .env (line 4)"); empty when not known. */
    public static Optional<String> why(Project project, ComposeProject compose, Service.EnvVar env) {
        if (env.value() == null || !(env.value().node() instanceof ScalarNode scalar) || scalar.substitutions().isEmpty()
                || env.value().value() == null || !env.value().value().isEmpty()) {
            return Optional.empty();
        }
        List<String> reasons = new ArrayList<>();
        for (Substitution sub : scalar.substitutions()) {
            if (sub.nested()) {
                continue;
            }
            Optional<String> reason = reason(project, compose, sub);
            if (reason.isEmpty()) {
                return Optional.empty();
            }
            if (!reasons.contains(reason.get())) {
                reasons.add(reason.get());
            }
        }
        return reasons.isEmpty() ? Optional.empty() : Optional.of(String.join(" and ", reasons));
    }

    private static Optional<String> reason(Project project, ComposeProject compose, Substitution sub) {
        String name = sub.name();
        boolean plainOrDefault = sub.operator() == Substitution.Operator.NONE || sub.operator().isDefault();
        if (!plainOrDefault) {
            return Optional.empty(); // ${X:?...} stops Compose, ${X:+...} is empty by design
        }
        if (sub.isSet()) {
            return compose.variables().dotEnvFileOf(name).flatMap(file -> file.entry(name)
                    .filter(e -> e.value() != null && e.value().isEmpty())
                    .map(e -> name + " is empty in " + file.file().path() + " (line " + e.span().startLine() + ")"));
        }
        if (sub.usedDefault()) {
            return sub.argument() != null && sub.argument().isEmpty()
                    ? Optional.of("`${" + name + sub.operator().symbol() + "}` falls back to an empty value and nothing"
                            + " in the project sets " + name)
                    : Optional.empty();
        }
        if (compose.variables().dotEnvFiles().isEmpty()) {
            String dir = ComposeServices.projectPath(project, compose.projectDir());
            return dir == null ? Optional.empty() : EnvFiles.templateLeavingEmpty(project, dir, name).map(template ->
                    "no .env is in the project, so one must be created before `docker compose up`, and " + template
                            + " leaves " + name + " empty: a .env copied from it unchanged gives an empty value");
        }
        return Optional.empty();
    }
}
