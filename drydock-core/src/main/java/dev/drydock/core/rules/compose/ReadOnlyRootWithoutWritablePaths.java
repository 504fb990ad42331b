package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.kubernetes.KubeContainer;
import dev.drydock.core.kubernetes.KubeSecurity;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.KustomizeOverlays;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeListEdits;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.ReadOnlyRoots;
import java.util.List;

@RuleDefinition(
        id = "read-only-root-without-writable-paths",
        title = "Read-only root file system without the folders the server writes",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Services with `read_only: true`, and the Kubernetes containers with `readOnlyRootFilesystem: true`"
                + " (as every leaf kustomization deploys them, after its overlays' patches, or as the manifest writes"
                + " them when no kustomization lists it; quiet when an overlay patches their volumeMounts) that run an"
                + " image the project builds, whose image is an official server image with its own server,"
                + " pulled or built on it: postgres (/var/run/postgresql), mysql (/var/run/mysqld, /tmp), mariadb"
                + " (/run/mysqld, /tmp), mongo (/tmp) and nginx (/var/cache/nginx, /var/run). A finding names the"
                + " folders that no tmpfs, volume or bind mount of the service (no volumeMount of the Kubernetes"
                + " container, an emptyDir for instance) covers (a mount on /run covers /var/run, a link to it in these"
                + " images). Data directories are not asked for: the images declare them as VOLUMEs, which the engine"
                + " mounts writable. Quiet for a command or entry point of the service's own (under Kubernetes a"
                + " command, or args that do not start the server), and for an nginx whose nginx.conf the project"
                + " replaces, since it may move the pid file and temporary folders. Also gunicorn, in an image the"
                + " project builds: its workers keep their heartbeat file in --worker-tmp-dir, by default Python's"
                + " temporary directory (the first writable of /tmp, /var/tmp, /usr/tmp and the working directory), so"
                + " one of those must be mounted; quiet when --worker-tmp-dir, a configuration file (-c or a"
                + " gunicorn.conf.py), GUNICORN_CMD_ARGS or TMPDIR may set it.",
        problem = "With a read-only root file system the server cannot create its socket, lock or pid file, or"
                + " its temporary folders, and exits at start with a \"Read-only file system\" error.",
        impact = "The service never starts; the services that depend on it fail or wait forever.",
        recommendation = "Give each folder the server writes a tmpfs (`tmpfs: [/var/run/postgresql]`; under Kubernetes"
                + " an emptyDir volume mounted there); they hold files the server recreates at every start, so"
                + " nothing is lost with the container.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#read_only",
                "https://docs.docker.com/reference/compose-file/services/#tmpfs",
                "https://kubernetes.io/docs/tasks/configure-pod-container/security-context/",
                "https://kubernetes.io/docs/concepts/storage/volumes/#emptydir",
                "https://hub.docker.com/_/nginx",
                "https://docs.gunicorn.org/en/stable/settings.html#worker-tmp-dir",
                "https://github.com/docker-library/postgres/blob/master/17/bookworm/Dockerfile"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:17
                            read_only: true
                        """,
                good = """
                        services:
                          db:
                            image: postgres:17
                            read_only: true
                            tmpfs:
                              - /var/run/postgresql
                        """))
public final class ReadOnlyRootWithoutWritablePaths implements Rule {

    @Override
    public void check(ReviewContext context) {
        kubernetes(context);
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            if (service.readOnly() == null || !Boolean.TRUE.equals(service.readOnly().value())) {
                continue;
            }
            ReadOnlyRoots.of(context, service).ifPresent(needs -> {
                List<ReadOnlyRoots.WritePath> missing = ReadOnlyRoots.uncovered(service, needs);
                if (missing.isEmpty()) {
                    return;
                }
                List<String> paths = ReadOnlyRoots.paths(missing);
                TextEdit edit = ComposeListEdits.addItems(service.node(), "tmpfs", paths);
                context.finding(this, ComposeServices.keyed(service.readOnly()), service.name() + " runs " + needs.server()
                                + (needs.server().equals(needs.image()) ? "" : " (" + needs.image() + ")") + " on a read-only root file system, but nothing makes "
                                + describe(missing) + " writable: the server fails at start")
                        .recommendation("Add " + tmpfsEntries(paths) + " to " + service.name() + "."
                                + gunicornAdvice(needs))
                        .fix(edit == null ? null : Fix.of("give " + service.name() + " a tmpfs on "
                                + String.join(", ", paths), FixSafety.SAFE, edit))
                        .add();
            });
        }
    }

    /**
     * The Kubernetes containers with readOnlyRootFilesystem: true that run an image the project builds on an official
     * server image, with that image's server: the folders no volumeMount covers (an emptyDir is the tmpfs of
     * Kubernetes).
     */
    private void kubernetes(ReviewContext context) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (Container c : context.builtContainers()) {
            if (c.isComposeService() || !seen.add(c.build().dockerfile())) {
                continue;
            }
            ReadOnlyRoots.Needs needs = ReadOnlyRoots.ofImage(c).or(() -> ReadOnlyRoots.ofGunicorn(context, c))
                    .orElse(null);
            if (needs == null) {
                continue;
            }
            for (KubernetesRuns written : KubernetesRuns.of(context, c)) {
                KubernetesRuns run = written.everyLeaf(context, leaf -> readOnly(context, leaf, needs)).orElse(null);
                if (run == null) {
                    continue;
                }
                KubeContainer k = run.container();
                List<ReadOnlyRoots.WritePath> missing = ReadOnlyRoots.uncovered(k.mountPaths(), needs);
                String at = run.file("readOnlyRootFilesystem");
                int line = run.security().readOnlyRootFilesystemLine();
                var file = context.project().source(at).orElseThrow();
                List<String> paths = ReadOnlyRoots.paths(missing);
                context.finding(this, new Location(at, file.lines(line, line)), run.describe()
                                + " runs " + needs.server() + " (" + c.build().dockerfile() + "'s image, built on "
                                + needs.image() + ") with readOnlyRootFilesystem: true, but no volumeMount makes "
                                + describe(missing) + " writable: the server fails at start and the container"
                                + " restarts over and over (CrashLoopBackOff)")
                        .recommendation("Mount an emptyDir volume on " + String.join(", ", paths) + " in "
                                + run.describe() + ": `volumeMounts: [" + String.join(", ", paths.stream()
                                        .map(p -> "{name: " + volumeName(p) + ", mountPath: " + p + "}").toList())
                                + "]` with `volumes: [" + String.join(", ", paths.stream()
                                        .map(p -> "{name: " + volumeName(p) + ", emptyDir: {}}").toList()) + "]`."
                                + gunicornAdvice(needs))
                        .add();
            }
        }
    }

    /**
     * Whether the container as it is deployed runs the server on a read-only root without a volume on a path it
     * writes, with a line to point at.
     */
    private static boolean readOnly(ReviewContext context, KubernetesRuns run, ReadOnlyRoots.Needs needs) {
        KubeContainer k = run.container();
        KubeSecurity security = run.security();
        if (!Boolean.TRUE.equals(security.readOnlyRootFilesystem()) || !k.command().isEmpty()
                || !ReadOnlyRoots.runsServer(k.args(), needs.image())
                || needs.image().equals("nginx") && ReadOnlyRoots.mountsNginxConfig(k.mountPaths())
                || KustomizeOverlays.patchedIn(context, run, "volumeMounts")) {
            return false; // drydock does not follow the volumeMounts an overlay sets
        }
        var file = context.project().source(run.file("readOnlyRootFilesystem")).orElse(null);
        int line = security.readOnlyRootFilesystemLine();
        return !ReadOnlyRoots.uncovered(k.mountPaths(), needs).isEmpty() && file != null && line >= 1
                && line <= file.lineCount();
    }

    /** For gunicorn, the other way: its heartbeat files in /dev/shm, a tmpfs every container gets. */
    private static String gunicornAdvice(ReadOnlyRoots.Needs needs) {
        return needs.server().equals(ReadOnlyRoots.GUNICORN) ? " Or start gunicorn with `--worker-tmp-dir /dev/shm`:"
                + " /dev/shm is a tmpfs in every container, writable on a read-only root, and keeps the heartbeat off"
                + " the disk." : "";
    }

    /** {@code var-cache-nginx} for /var/cache/nginx. */
    private static String volumeName(String path) {
        String name = path.replaceAll("^/+|/+$", "").replaceAll("[^a-zA-Z0-9]+", "-").toLowerCase(java.util.Locale.ROOT);
        return name.isEmpty() ? "scratch" : name;
    }

    private static String describe(List<ReadOnlyRoots.WritePath> paths) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < paths.size(); i++) {
            text.append(i == 0 ? "" : i == paths.size() - 1 ? " and " : ", ")
                    .append(paths.get(i).path()).append(" (").append(paths.get(i).holds()).append(")");
        }
        return text.toString();
    }

    /** The {@code tmpfs:} entries, as compose's list takes them. */
    static String tmpfsEntries(List<String> paths) {
        return "`tmpfs: [" + String.join(", ", paths) + "]`";
    }
}
