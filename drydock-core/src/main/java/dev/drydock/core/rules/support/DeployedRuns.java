package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.kubernetes.KubeEnvVar;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The ways the project deploys a container, each with the environment its application starts with and the paths on
 * which it mounts lasting storage ({@link PersistentMounts}): the compose service itself, when its file is not for
 * development and it is not scaled to zero; else every Kubernetes container that runs the image, and the Kamal
 * deployment (config/deploy.yml beside the build context) that ships it. None for an image that is only built.
 */
public final class DeployedRuns {

    /** What starts the container. */
    public enum Kind { COMPOSE, KUBERNETES, KAMAL }

    /**
     * One deployment of the image.
     *
     * @param kind what starts it
     * @param describe the container it starts, in words ({@code the container of the service web})
     * @param setter who sets its variables, in words ({@code the service web})
     * @param environment the variables it gets with a value drydock reads: the image's ENV under its own
     * @param unread the variables it sets to values that are not in the project (Kamal's secrets, a Kubernetes
     *     valueFrom, a compose variable passed from the host)
     * @param anyUnread whether it may set any variable from somewhere drydock cannot read (an env_file missing from
     *     the project, envFrom)
     * @param written where it writes each of its own variables, by name
     * @param persistent the paths on which it mounts lasting storage
     * @param kamal the Kamal deployment, for {@link Kind#KAMAL}
     */
    public record Run(Kind kind, String describe, String setter, Map<String, String> environment, Set<String> unread,
            boolean anyUnread, Map<String, Location> written, List<String> persistent, KamalDeploy kamal) {

        /** Whether the run may give the variable a value drydock cannot read. */
        public boolean hides(String variable) {
            return anyUnread || unread.contains(variable);
        }
    }

    private DeployedRuns() {}

    public static List<Run> of(ReviewContext context, Container c) {
        List<Run> runs = new ArrayList<>();
        Map<String, String> image = c.entryPoint() == null ? Map.of() : c.entryPoint().environment();
        if (c.isComposeService()) {
            if (deployed(context, c)) {
                runs.add(compose(context, c, image));
            }
            return runs;
        }
        for (KubernetesRuns r : KubernetesRuns.of(context, c)) {
            Map<String, String> env = new LinkedHashMap<>(image);
            Map<String, Location> written = new LinkedHashMap<>();
            SourceFile file = context.project().source(r.workload().file()).orElse(null);
            for (KubeEnvVar v : r.container().values()) {
                env.put(v.name(), v.value());
                if (file != null && v.line() >= 1 && v.line() <= file.lineCount()) {
                    written.put(v.name(), new Location(r.workload().file(), file.lines(v.line(), v.line())));
                }
            }
            Set<String> unread = new LinkedHashSet<>(r.container().environment());
            unread.removeAll(written.keySet());
            unread.forEach(env::remove);
            String describe = r.workload().describe(r.container());
            runs.add(new Run(Kind.KUBERNETES, "the container that " + describe + " runs", describe, env, unread,
                    r.container().envFrom(), written, PersistentMounts.of(c, r), null));
        }
        KamalDeploy.of(context, c).ifPresent(deploy -> {
            Map<String, String> env = new LinkedHashMap<>(image);
            env.putAll(deploy.clearEnvironment());
            deploy.unreadEnvironment().forEach(env::remove);
            runs.add(new Run(Kind.KAMAL, "the containers Kamal starts from " + deploy.file(), deploy.file(), env,
                    deploy.unreadEnvironment(), false, Map.of(), PersistentMounts.of(c, deploy), deploy));
        });
        return runs;
    }

    private static Run compose(ReviewContext context, Container c, Map<String, String> image) {
        Service s = c.service();
        Map<String, String> env = new LinkedHashMap<>(image);
        Map<String, Location> written = new LinkedHashMap<>();
        for (WrittenEnvironment.Setting setting : WrittenEnvironment.of(context.project(), s)) {
            env.put(setting.name(), setting.value());
            written.put(setting.name(), new Location(setting.file(),
                    setting.span(setting.rawFrom(), setting.raw().length())));
        }
        Set<String> unread = new LinkedHashSet<>();
        for (Service.EnvVar v : s.environment()) {
            if (v.value() == null || v.value().value() == null) {
                unread.add(v.name());
                env.remove(v.name());
            }
        }
        boolean anyUnread = s.envFiles().stream().anyMatch(f -> {
            String path = f.path() == null ? null : ComposeServices.projectPath(context.project(), f.path());
            return path == null || context.project().source(path).isEmpty();
        });
        return new Run(Kind.COMPOSE, "the container of the service " + c.name(), "the service " + c.name(), env,
                unread, anyUnread, written, PersistentMounts.of(c), null);
    }

    /** A compose service a deployment starts: declared outside development files, not scaled to zero. */
    private static boolean deployed(ReviewContext context, Container c) {
        Service s = c.service();
        return c.composeFile() != null && !ComposeServices.isDevelopmentFile(context, c.composeFile())
                && ComposeServices.declaredOutsideDevelopmentFiles(context, s) && !ComposeServices.scaledToZero(s);
    }
}
