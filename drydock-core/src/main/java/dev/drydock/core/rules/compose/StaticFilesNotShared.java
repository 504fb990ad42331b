package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.FastCgiPasses;
import dev.drydock.core.rules.support.ImageFilledVolumes;
import dev.drydock.core.rules.support.NginxConfig;
import dev.drydock.core.rules.support.NginxConfigs;
import dev.drydock.core.rules.support.NginxServedFolders;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.StaticFileHolders;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "static-files-not-shared",
        title = "nginx serves files from a folder only the app's container holds",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The nginx services of a compose project (the official nginx image pulled, or built from it) whose"
                + " configuration drydock reads: each absolute `root` or `alias` in force where nginx answers with"
                + " files (a location that neither passes requests on nor returns, or a server's root for the paths"
                + " its locations leave). Fires when nothing puts that folder into the nginx container (no volume,"
                + " bind mount or volumes_from of the service covers it, no COPY or RUN of its image writes there)"
                + " while the image another service of the project builds fills it: a COPY into it or of the build"
                + " context above it whose matching folder holds files (public/ of a Laravel or Symfony project), or"
                + " Django's collectstatic. The service nginx passes requests to is preferred. Quiet for roots with"
                + " variables, relative roots, the nginx image's own folders, nginx images built on other bases,"
                + " and apps whose image drydock does not read (pulled images such as wordpress:fpm).",
        problem = "Each container has its own file system: the app's files are in the app's container only, and"
                + " nginx looks for `root` and `alias` paths in its own. A split nginx + php-fpm or nginx + gunicorn"
                + " stack works only when the web server gets the public files too, through a shared volume, a"
                + " bind mount, or an image that copies them.",
        impact = "Every static file (CSS, JavaScript, images, built assets) answers 404. Pages rendered by the app"
                + " still load (`try_files $uri /index.php` falls through to PHP, `/` is proxied), so the site looks"
                + " broken rather than down and the cause is easily missed.",
        recommendation = "Give the nginx service the app's folder at the same path: mount the same named volume or"
                + " bind mount in both services, or build the nginx image with the files (`COPY --from=` the app's"
                + " image or build stage).",
        references = {
                "https://nginx.org/en/docs/http/ngx_http_core_module.html#root",
                "https://nginx.org/en/docs/http/ngx_http_core_module.html#alias",
                "https://docs.docker.com/reference/compose-file/services/#volumes",
                "https://docs.docker.com/engine/storage/volumes/#populate-a-volume-using-a-container"},
        aliases = {},
        effort = "15 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          web:
                            image: nginx:1.27-alpine
                            ports:
                              - "8080:80"
                            volumes:
                              - ./docker/nginx.conf:/etc/nginx/conf.d/default.conf:ro
                          app:
                            build: .
                        """,
                good = """
                        services:
                          web:
                            image: nginx:1.27-alpine
                            ports:
                              - "8080:80"
                            volumes:
                              - ./docker/nginx.conf:/etc/nginx/conf.d/default.conf:ro
                              - ./public:/var/www/html/public:ro
                          app:
                            build: .
                        """,
                alongside = {
                        @ExampleFile(name = "docker/nginx.conf", content = """
                                server {
                                    listen 80;
                                    root /var/www/html/public;
                                    location / {
                                        try_files $uri /index.php$is_args$args;
                                    }
                                    location ~ \\.php$ {
                                        include fastcgi_params;
                                        fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;
                                        fastcgi_pass app:9000;
                                    }
                                }
                                """),
                        @ExampleFile(name = "Dockerfile", content = """
                                FROM php:8.3-fpm-alpine
                                WORKDIR /var/www/html
                                COPY . .
                                """),
                        @ExampleFile(name = "public/index.php", content = """
                                <?php
                                echo 'ok';
                                """)}))
public final class StaticFilesNotShared implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (NginxConfigs.Served served : NginxConfigs.all(context)) {
            Service nginx = served.ref().service();
            Container web = ComposeServices.container(context, nginx);
            if (!StaticFileHolders.nginxImageKnown(web, nginx) || nginx.raw("volumes_from") != null) {
                continue;
            }
            for (NginxServedFolders.Folder folder : NginxServedFolders.of(served.config())) {
                if (StaticFileHolders.inNginxImage(folder.path()) || provided(web, nginx, folder.path())) {
                    continue;
                }
                StaticFileHolders.holder(context, served.ref().compose(), nginx, folder, served.config())
                        .ifPresent(holder -> report(context, served.ref().compose(), nginx, folder, holder));
            }
        }
    }

    /** Whether a mount of the nginx service or a COPY or RUN of its image puts something at or around the folder. */
    private static boolean provided(Container web, Service nginx, String folder) {
        for (Service.Volume v : nginx.volumes()) {
            if (v.target() != null && v.target().startsWith("/") && overlaps(ContainerPaths.clean(v.target()), folder)) {
                return true;
            }
        }
        if (web == null || web.build() == null || web.build().model() == null || web.build().stage() == null) {
            return false;
        }
        var model = web.build().model();
        for (Stage stage : dev.drydock.core.rules.support.Stages.inImage(model, web.build().stage())) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.containerPath() == null || overlaps(ContainerPaths.clean(copy.containerPath()), folder)) {
                    return true;
                }
            }
        }
        for (RunStep run : RunStep.of(model, dev.drydock.core.rules.support.Stages.inImage(model, web.build().stage()))) {
            if (StaticFileHolders.runMayWrite(run, folder)) {
                return true;
            }
        }
        return false;
    }

    private static boolean overlaps(String a, String b) {
        return PathNames.isUnder(a, b) || PathNames.isUnder(b, a);
    }

    private void report(ReviewContext context, ComposeProject compose, Service nginx, NginxServedFolders.Folder folder,
            StaticFileHolders.Holder holder) {
        Service app = holder.service();
        String message = "nginx in service " + nginx.name() + " serves files from " + folder.path() + " ("
                + folder.kind() + " at " + folder.directive().where() + "), but nothing puts them in its container:"
                + " no volume or bind mount of " + nginx.name() + " covers that folder and its image holds none."
                + " They are in the image of service " + app.name() + " (" + holder.filler().what() + ", "
                + holder.dockerfile() + ":" + holder.filler().line() + "), so every file nginx should serve from there"
                + " answers 404 while the pages " + app.name() + " renders still load";
        var d = folder.directive();
        context.finding(this, new Location(d.file().path(), d.file().span(d.args().get(0).start(), d.args().get(0).end())),
                        message)
                .recommendation(recommendation(compose, nginx, app, folder.path()))
                .add();
    }

    private static String recommendation(ComposeProject compose, Service nginx, Service app, String folder) {
        Optional<Service.Volume> appMount = app.volumes().stream().filter(v -> v.target() != null
                && (v.isBind() || v.isNamedVolume()) && v.target().startsWith("/")
                && PathNames.isUnder(folder, ContainerPaths.clean(v.target()))).findFirst();
        if (appMount.isPresent()) {
            Service.Volume v = appMount.get();
            String target = ContainerPaths.clean(v.target());
            return "Mount in service " + nginx.name() + " what " + app.name() + " mounts there: under "
                    + nginx.name() + "'s volumes add `- " + v.source() + ":" + target + ":ro`.";
        }
        String name = volumeName(compose, folder);
        List<String> parts = new ArrayList<>();
        parts.add("Share the folder through a named volume: under service " + app.name() + "'s volumes add `- "
                + name + ":" + folder + "`, under service " + nginx.name() + "'s volumes add `- " + name + ":"
                + folder + ":ro`, and declare `" + name + ":` under the top-level `volumes:`.");
        parts.add("Docker copies " + app.name() + "'s files into the volume only while it is empty, so after an"
                + " upgrade it keeps the previous release's files unless it is removed first; building "
                + nginx.name() + "'s image with the files (`COPY --from=` " + app.name()
                + "'s image or build stage into " + folder + ") avoids that.");
        return String.join(" ", parts);
    }

    /** A volume name from the folder's name that the project does not use yet. */
    private static String volumeName(ComposeProject compose, String folder) {
        String base = PathNames.fileName(folder).toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_.-]", "-");
        String name = base.isEmpty() || base.equals("html") ? "public" : base;
        return compose.volumes().containsKey(name) ? name + "-files" : name;
    }
}
