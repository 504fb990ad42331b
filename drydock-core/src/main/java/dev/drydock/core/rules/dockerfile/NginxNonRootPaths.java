package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Located;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.NginxConfig;
import dev.drydock.core.rules.support.NginxConfigs;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UserIds;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "nginx-non-root-paths",
        title = "nginx runs as a non-root user but writes where only root can",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Images built on the official nginx image that run nginx as a non-root user (the final USER, or"
                + " the user: of the compose service, which overrides it) with the"
                + " image's own command or CMD nginx: the pid file of the nginx.conf in effect (the image's own, in"
                + " /var/run, or the project's, copied by the Dockerfile or mounted by compose and read with its"
                + " includes) and the temporary folders nginx creates in /var/cache/nginx unless every *_temp_path"
                + " is set elsewhere. Quiet when a RUN changes the owner or"
                + " mode of those places, when the command sets the pid file (-g 'pid ...;'), when compose mounts a"
                + " tmpfs there, and for nginxinc/nginx-unprivileged, which has already moved them to /tmp.",
        problem = "The official image is made for nginx to start as root: its pid file goes to /var/run and its"
                + " temporary folders to /var/cache/nginx, both owned by root. Started as another user, nginx cannot"
                + " create them.",
        impact = "The container exits at once with `[emerg] open() \"/var/run/nginx.pid\" failed (13: Permission"
                + " denied)` or `mkdir() \"/var/cache/nginx/client_temp\" failed`, and a restart policy restarts it"
                + " in a loop.",
        recommendation = "Build FROM nginxinc/nginx-unprivileged (the same nginx, run as UID 101, its pid file and"
                + " temporary folders in /tmp, listening on 8080); or set `pid /tmp/nginx.pid;` and the"
                + " client_body, proxy, fastcgi, uwsgi and scgi temp paths to /tmp in nginx.conf.",
        references = {
                "https://hub.docker.com/_/nginx",
                "https://github.com/nginx/docker-nginx-unprivileged",
                "https://nginx.org/en/docs/ngx_core_module.html#pid"},
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM nginx:1.27.2-alpine
                        COPY site/ /usr/share/nginx/html/
                        USER nginx
                        """,
                good = """
                        FROM nginxinc/nginx-unprivileged:1.27.2-alpine
                        COPY site/ /usr/share/nginx/html/
                        """))
public final class NginxNonRootPaths implements Rule {

    private static final String MAIN_CONF = "/etc/nginx/nginx.conf";
    private static final String CACHE = "/var/cache/nginx";
    private static final List<String> TEMP_PATHS = List.of("client_body_temp_path", "proxy_temp_path",
            "fastcgi_temp_path", "uwsgi_temp_path", "scgi_temp_path");
    private static final Pattern OWNERSHIP = Pattern.compile("\\b(chown|chmod|chgrp|install)\\b");

    @Override
    public void check(ReviewContext context) {
        for (Container c : context.builtContainers()) {
            if (c.build().stage() == null || !officialNginx(c) || !NginxConfigs.runsNginx(c)) {
                continue;
            }
            Container.Setting user = c.user();
            if (user == null || user.value() == null || user.origin() == null || UserIds.isRoot(user.value())) {
                continue;
            }
            // compose's user: starts the container as that user over the image's own (root) one
            boolean composeUser = !user.origin().file().equals(c.build().dockerfile());
            boolean copiesMain = copiesMainConf(c);
            NginxConfig config = NginxConfigs.of(context, c).filter(n -> !n.main().isEmpty()).orElse(null);
            if (copiesMain && config == null) {
                continue; // the nginx.conf copied could not be read: where it puts the pid file is not known
            }
            List<String> unwritable = new ArrayList<>();
            String pid = NginxConfigs.rootOwnedPidFile(c, config);
            if (pid != null && !madeWritable(c, pid) && !tmpfs(c, PathNames.parent(pid))) {
                unwritable.add("its pid file " + pid + (config == null ? " (the image's own nginx.conf)" : ""));
            }
            if (!tempPathsMoved(config) && !madeWritable(c, CACHE) && !tmpfs(c, CACHE)) {
                unwritable.add("its temporary folders in " + CACHE);
            }
            if (unwritable.isEmpty()) {
                continue;
            }
            String image = Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External e
                    ? e.reference().familiarString() : "nginx";
            String written = composeUser ? "user: " + user.value() + " of " + c.service().name() + " ("
                    + user.origin().file() + ")" : "USER " + user.value();
            context.finding(this, user.origin(), written + " starts nginx of " + image + " as a non-root user, but "
                                    + String.join(" and ", unwritable) + " belong to root: nginx stops at start with"
                                    + " Permission denied")
                    .recommendation("Build FROM " + unprivileged(image) + " instead and drop " + (composeUser
                            ? "the service's user: " + user.value() + " (that image runs as its own nginx user,"
                                    + " UID 101,"
                            : "USER " + user.value() + " (it runs as UID 101")
                            + " with its pid file and temporary folders in /tmp, and listens on"
                            + " 8080: change `listen 80` and the published port to match"
                            + (copiesMain && pid != null ? "; the nginx.conf the image copies replaces that image's"
                                    + " own, so write `pid /tmp/nginx.pid;` in it too" : "") + "); or write `pid"
                            + " /tmp/nginx.pid;` and the client_body, proxy, fastcgi, uwsgi and scgi temp paths under"
                            + " /tmp in " + (config == null ? "an nginx.conf copied over " + MAIN_CONF
                                    : "the nginx.conf the image copies") + ".")
                    .add();
        }
    }

    private static boolean officialNginx(Container c) {
        return Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External e
                && e.reference() != null && e.reference().isImage() && e.reference().isOfficialImage()
                && "nginx".equals(e.reference().imageName());
    }

    private static String unprivileged(String image) {
        int colon = image.indexOf(':');
        return "nginxinc/nginx-unprivileged" + (colon < 0 ? "" : image.substring(colon));
    }

    /** Whether the Dockerfile copies an nginx.conf from the build context over the image's own. */
    private static boolean copiesMainConf(Container c) {
        for (CopyCommand copy : c.build().stage().copies()) {
            if (!copy.fromContext() || copy.containerPath() == null || copy.sources().size() != 1) {
                continue;
            }
            String source = copy.sources().get(0);
            String target = copy.containerPath().endsWith("/")
                    ? PathNames.join(copy.containerPath(), PathNames.fileName(source)) : copy.containerPath();
            if (target.equals(MAIN_CONF)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The pid file nginx writes: the command's -g pid, else the pid directive of the project's nginx.conf, else the
     * image's own; null for none or one outside root's folders.
     */
    private static boolean tempPathsMoved(NginxConfig config) {
        return config != null && TEMP_PATHS.stream().allMatch(name -> config.find(name).isPresent());
    }

    /** Whether a RUN of the stage changes the owner or mode of the path or its folder. */
    private static boolean madeWritable(Container c, String path) {
        String folder = PathNames.parent(path);
        return c.build().stage().steps().stream().map(s -> s.instruction().rawText())
                .filter(t -> t.startsWith("RUN") && OWNERSHIP.matcher(t).find())
                .anyMatch(t -> t.contains(path) || t.contains(folder) || folder.startsWith("/var/run") && t.contains(" /run"));
    }

    private static boolean tmpfs(Container c, String folder) {
        if (c.service() == null || c.service().tmpfs() == null) {
            return false;
        }
        return c.service().tmpfs().stream().map(Located::value)
                .anyMatch(t -> t != null && (t.startsWith(folder) || folder.startsWith("/var/run") && t.startsWith("/run")));
    }
}
