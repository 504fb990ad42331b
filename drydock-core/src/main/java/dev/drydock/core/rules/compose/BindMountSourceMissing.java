package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.ignore.GitIgnorePattern;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "bind-mount-source-missing",
        title = "A bind mount's source is not in the project",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The bind mounts of every compose service whose source is a path inside the project (./nginx.conf,"
                + " config/app.yml), without variables. Fires when the source is not there and is a file (its name or"
                + " the target's has an extension other than the .d of drop-in folders such as conf.d or"
                + " docker-entrypoint-initdb.d, or is a known configuration file name such as Caddyfile or"
                + " .htpasswd), or is written in the long syntax without `bind: {create_host_path: true}`. A missing"
                + " folder in the short syntax is left alone: Compose creates it, as projects expect for data folders"
                + " (./data:/var/lib/postgresql/data). High for a missing file, medium for a missing long-syntax"
                + " folder; low when git ignores the path (a certificate, a local override): the finding is the step"
                + " to take before `docker compose up`.",
        problem = "For the short syntax, Compose creates a missing source as an empty directory on the host and mounts"
                + " that: where the service expects a file (nginx.conf, a certificate), the engine cannot mount a"
                + " directory onto the image's file, or the program finds a folder instead of its configuration. For"
                + " the long syntax, Compose refuses a missing source.",
        impact = "The container does not start ('not a directory: Are you trying to mount a directory onto a file'),"
                + " or starts without its configuration; and an empty directory is left in the project where the"
                + " file belongs, which later runs keep using.",
        recommendation = "Commit the file at that path (or a template, with the real file in .gitignore and a step"
                + " to make it), or correct the path if the file moved.",
        references = {"https://docs.docker.com/reference/compose-file/services/#volumes",
                "https://docs.docker.com/engine/storage/bind-mounts/"},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        services:
                          web:
                            image: nginx:1.28.0
                            volumes:
                              - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
                        """,
                good = """
                        services:
                          web:
                            image: nginx:1.28.0
                            volumes:
                              - ./html:/usr/share/nginx/html:ro
                        """,
                file = "compose.yaml"))
public final class BindMountSourceMissing implements Rule {

    private static final Pattern EXTENSION = Pattern.compile("[^.]\\.[A-Za-z0-9]{1,8}$");
    /** The .d suffix of drop-in folders (conf.d, docker-entrypoint-initdb.d, cron.d), which is no file extension. */
    private static final Pattern DROP_IN_FOLDER = Pattern.compile("\\.d$");
    private static final Set<String> FILE_NAMES = Set.of("Caddyfile", "Dockerfile", "Makefile", "Procfile",
            "Gemfile", "htpasswd", ".htpasswd", ".env", ".npmrc", ".pgpass", ".netrc", "authorized_keys", "known_hosts",
            "hosts", "crontab");

    @Override
    public void check(ReviewContext context) {
        var project = context.project();
        Set<String> reported = new HashSet<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            for (Service.Volume volume : ref.service().volumes()) {
                if (!volume.isBind() || volume.hostPath() == null || volume.source() == null
                        || volume.source().contains("$") || volume.source().startsWith("~") || variable(volume)) {
                    continue;
                }
                String path = ComposeServices.projectPath(project, volume.hostPath());
                if (path == null || path.isEmpty() || project.files().exists(path) || project.files().isDirectory(path)
                        || !reported.add(ref.file() + "#" + ref.name() + "#" + path)) {
                    continue;
                }
                boolean file = fileLike(volume.source())
                        || volume.target() != null && volume.target().startsWith("/") && fileLike(volume.target());
                boolean created = volume.shortSyntax() || createsHostPath(volume);
                if (!file && created) {
                    continue; // a folder Compose makes on the first start, as data folders are meant to be
                }
                Optional<GitIgnorePattern> ignored = project.gitIgnoring(path);
                String what = file ? "the file " + volume.source() : "the folder " + volume.source();
                String effect = !created
                        ? "Compose refuses the long-syntax bind mount of a missing source ('bind source path does not"
                                + " exist'), so `docker compose up` fails"
                        : "on `docker compose up` Compose creates an empty directory there and mounts it at "
                                + volume.target() + ", where " + ref.name() + " expects a file: the container fails to"
                                + " start when the image has a file at that path ('not a directory'), or runs without"
                                + " its configuration";
                Severity severity = ignored.isPresent() ? Severity.LOW : file ? Severity.HIGH : Severity.MEDIUM;
                context.finding(this, ComposeServices.location(volume.node()), ref.name() + " mounts " + what
                                + ", which is not in the project" + ignored.map(p -> " (git ignores it: .gitignore `"
                                + p.text() + "`)").orElse("") + ": " + effect)
                        .severity(severity)
                        .recommendation(ignored.isPresent()
                                ? "Create " + path + " before the first `docker compose up` (the project's README or"
                                        + " a template beside it should say what it holds)."
                                : "Commit " + path + " (or a template of it, with the real file in .gitignore), or"
                                        + " correct the path if the file moved.")
                        .add();
            }
        }
    }

    private static boolean fileLike(String path) {
        if (path.endsWith("/")) {
            return false;
        }
        String name = PathNames.fileName(path);
        return FILE_NAMES.contains(name) || EXTENSION.matcher(name).find() && !DROP_IN_FOLDER.matcher(name).find();
    }

    private static boolean createsHostPath(Service.Volume volume) {
        return volume.node() instanceof MapNode map && map.get("bind") instanceof MapNode bind
                && "true".equalsIgnoreCase(bind.string("create_host_path"));
    }

    /** Whether the source was written with a variable that interpolation filled in. */
    private static boolean variable(Service.Volume volume) {
        if (volume.node() instanceof ScalarNode scalar) {
            return !scalar.substitutions().isEmpty();
        }
        return volume.node() instanceof MapNode map && map.get("source") instanceof ScalarNode source
                && !source.substitutions().isEmpty();
    }
}
