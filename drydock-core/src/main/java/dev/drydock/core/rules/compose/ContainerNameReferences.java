package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.SeqNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.EnvFiles;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where the other services of a compose project reach a container by its {@code container_name} rather than by
 * its service name: in their environment values, in the env files they load (or the template of one kept out of
 * the repository), in their command, entrypoint or healthcheck, and in {@code external_links}. Docker's DNS
 * resolves a container name on the networks the container is on, so such a reference stops resolving when
 * the name goes. Configuration files mounted into a container (an nginx upstream) are out of reach.
 */
final class ContainerNameReferences {

    private static final List<String> KEYS = List.of("command", "entrypoint", "healthcheck", "external_links");
    /**
     * Last words of variable names whose value is an account, a database or a password, never a host: a
     * database named like the container ({@code POSTGRES_DB: gitea}) is not a reference to it.
     */
    private static final Set<String> NOT_A_HOST = Set.of("USER", "USERNAME", "PASSWORD", "PASSWD", "PASS", "DB",
            "DATABASE", "NAME", "DBNAME", "SCHEMA", "OWNER", "GROUP");

    /**
     * A URL: its scheme, the user and password before {@code @}, its host (or hosts, as MongoDB lists them) and
     * the path, query or fragment after it. Only the host can reach a container: {@code postgres://} and
     * {@code postgres://postgres:pw@db/postgres} do not name a container called postgres.
     */
    private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://(?:[^@/?#\\s]*@)?([^/?#\\s]*)[^\\s]*");

    private ContainerNameReferences() {}

    /** "api (compose.yaml:9)" or "DB_HOST in .env (line 3)" for each place that names the container; empty for none. */
    static List<String> of(Project project, ComposeProject compose, Service service, String name) {
        Pattern word = Pattern.compile("(?<![A-Za-z0-9_.-])" + Pattern.quote(name) + "(?![A-Za-z0-9_-]|\\.[A-Za-z0-9])");
        Set<String> out = new LinkedHashSet<>();
        Set<String> envFiles = new LinkedHashSet<>();
        for (Service other : compose.services().values()) {
            if (other.name().equals(service.name())) {
                continue;
            }
            for (Service.EnvVar e : other.environment()) {
                if (e.value() != null && e.value().value() != null && namesHost(e.name())
                        && names(word, e.value().value())) {
                    out.add(other.name() + " (" + ComposeServices.where(e.node()) + ")");
                }
            }
            for (String key : KEYS) {
                Node node = other.node().get(key);
                if (node != null) {
                    scalars(node, word, other.name(), out);
                }
            }
            for (Service.EnvFile f : other.envFiles()) {
                String path = f.path() == null ? null : ComposeServices.projectPath(project, f.path());
                if (path != null) {
                    envFiles.add(path);
                }
            }
        }
        for (String path : envFiles) {
            String read = project.source(path).isPresent() ? path
                    : EnvFiles.template(project, path).map(e -> e.path()).orElse(null);
            if (read == null) {
                continue;
            }
            for (DotEnvEntry e : EnvFiles.entries(project, read)) {
                if (e.value() != null && namesHost(e.key()) && names(word, e.value())) {
                    out.add(e.key() + " in " + read + " (line " + e.span().startLine() + ")");
                }
            }
        }
        return List.copyOf(out);
    }

    /** Whether {@code text} has the name as a word where a host can stand: in a URL, only as its host. */
    private static boolean names(Pattern word, String text) {
        return word.matcher(URL.matcher(text).replaceAll(" $1 ")).find();
    }

    /** Whether the variable {@code key} can hold a host name: not {@code POSTGRES_USER} or {@code GITEA__database__NAME}
     * or libpq's {@code PGUSER}. */
    private static boolean namesHost(String key) {
        String upper = key.toUpperCase(java.util.Locale.ROOT);
        String last = upper.substring(upper.lastIndexOf('_') + 1);
        return !NOT_A_HOST.contains(last) && !(last.startsWith("PG") && NOT_A_HOST.contains(last.substring(2)));
    }

    private static void scalars(Node node, Pattern word, String service, Set<String> out) {
        switch (node) {
            case ScalarNode s -> {
                if (s.value() != null && names(word, s.value())) {
                    out.add(service + " (" + ComposeServices.where(s) + ")");
                }
            }
            case SeqNode q -> q.items().forEach(i -> scalars(i, word, service, out));
            case MapNode m -> m.entries().forEach(e -> scalars(e.value(), word, service, out));
        }
    }

    /** Up to three of the places, and how many more. */
    static String describe(List<String> places) {
        List<String> shown = new ArrayList<>(places.subList(0, Math.min(3, places.size())));
        String more = places.size() > 3 ? " and " + (places.size() - 3) + " more" : "";
        return String.join(", ", shown) + more;
    }
}
