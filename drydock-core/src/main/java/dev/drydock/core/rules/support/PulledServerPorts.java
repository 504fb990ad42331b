package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.compose.ShellWords;
import dev.drydock.core.dotenv.DotEnvEntry;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.ServerImagePorts;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeEnvVar;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the server of a pulled image listens ({@link ServerImagePorts}), as a compose service or a Kubernetes container
 * starts it: its entrypoint and command, its environment (a compose service's env files of the project first, then its
 * environment), and what it mounts. A compose value that interpolates a variable is read as written (a deployment may
 * set it otherwise), an env file the project does not hold may set any variable, and a Kubernetes env entry without a
 * literal value is unknown.
 */
public final class PulledServerPorts {

    private PulledServerPorts() {}

    /** The ports of the known server image a compose service pulls and runs; empty when drydock cannot tell. */
    public static Optional<ListeningPorts> of(Project project, Container c) {
        Service service = c.service();
        if (service == null || c.build() != null) {
            return Optional.empty();
        }
        ImageReference ref = ComposeServices.pulledImage(service).orElse(null);
        ServerImagePorts server = ServerImagePorts.of(ref).orElse(null);
        if (server == null || unreadable(service.entrypoint()) || unreadable(service.command())) {
            return Optional.empty();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        boolean unread = false;
        for (Service.EnvFile f : service.envFiles()) {
            String path = f.path() == null ? null : ComposeServices.projectPath(project, f.path());
            if (path == null || project.source(path).isEmpty()) {
                unread = true; // kept out of the repository, or outside the project: it may set anything
                continue;
            }
            for (DotEnvEntry e : EnvFiles.entries(project, path)) {
                environment.put(e.key(), e.inherited() || e.rawValue() == null || e.rawValue().contains("$") ? null
                        : e.value());
            }
        }
        for (Service.EnvVar e : service.environment()) {
            environment.put(e.name(), e.value() == null || interpolated(e.value()) ? null : e.value().value());
        }
        ServerImagePorts.Start start = new ServerImagePorts.Start(words(service.entrypoint()),
                words(service.command()), environment, unread, mounts(service));
        return server.listening(ref, start).map(l -> listening(server, l));
    }

    /**
     * The ports of the known server image a Kubernetes container runs, {@code image} being the reference it is
     * deployed with; empty when drydock cannot tell.
     */
    public static Optional<ListeningPorts> of(KubeContainer container, String image) {
        ImageReference ref = image == null ? null : ImageReference.tryParse(image).orElse(null);
        ServerImagePorts server = ServerImagePorts.of(ref).orElse(null);
        if (server == null) {
            return Optional.empty();
        }
        Map<String, String> environment = new LinkedHashMap<>();
        for (String name : container.environment()) {
            KubeEnvVar literal = container.value(name);
            // the kubelet expands $(VAR) in a value from the variables before it
            environment.put(name, literal == null || literal.value().contains("$(") ? null : literal.value());
        }
        boolean ownCommand = !container.command().isEmpty();
        ServerImagePorts.Start start = new ServerImagePorts.Start(ownCommand ? container.command() : null,
                !container.args().isEmpty() ? container.args() : ownCommand ? List.of() : null, environment,
                container.envFrom(), container.mountPaths());
        return server.listening(ref, start).map(l -> listening(server, l));
    }

    private static ListeningPorts listening(ServerImagePorts server, ServerImagePorts.Listening l) {
        return new ListeningPorts(l.ports(), server.server(), null, l.because(), l.variable(), l.option());
    }

    /** Whether compose splits the command at a shell operator, which no shell runs. */
    private static boolean unreadable(Service.Command command) {
        return command != null && command.stoppedAt() >= 0;
    }

    /** The command's words, each one that interpolates a variable as written; null when it is not set. */
    private static List<String> words(Service.Command command) {
        if (command == null) {
            return null;
        }
        if (command.shellForm()) {
            ScalarNode node = (ScalarNode) command.node();
            if (node.substitutions().isEmpty()) {
                return command.argv();
            }
            List<String> written;
            try {
                written = ShellWords.split(node.raw()).words();
            } catch (IllegalArgumentException e) {
                return List.of("$"); // no program of the image's
            }
            if (written.size() != command.words().size()) {
                return List.of("$");
            }
            List<String> out = new ArrayList<>();
            for (int i = 0; i < written.size(); i++) {
                out.add(written.get(i).contains("$") ? written.get(i) : command.argv().get(i));
            }
            return out;
        }
        return command.words().stream().map(w -> interpolated(w) ? ((ScalarNode) w.node()).raw() : w.value())
                .toList();
    }

    private static boolean interpolated(Located<String> value) {
        return value.node() instanceof ScalarNode s && !s.substitutions().isEmpty();
    }

    /** Where the service mounts volumes, tmpfs, configs and secrets (their default targets when none is written). */
    private static List<String> mounts(Service service) {
        List<String> out = new ArrayList<>();
        service.volumes().stream().map(Service.Volume::target).filter(t -> t != null && !t.isBlank()).forEach(out::add);
        if (service.tmpfs() != null) {
            service.tmpfs().stream().map(t -> t.value().split(":", 2)[0]).forEach(out::add);
        }
        for (Service.Mount config : service.configs()) {
            out.add(config.target() != null ? config.target().value()
                    : "/" + (config.source() == null ? "" : config.source().value()));
        }
        for (Service.Mount secret : service.secrets()) {
            String target = secret.target() == null ? null : secret.target().value();
            String name = target != null ? target : secret.source() == null ? "" : secret.source().value();
            out.add(target != null && target.startsWith("/") ? target : "/run/secrets/" + name);
        }
        return out;
    }
}
