package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.nginx.NginxDirective;
import dev.drydock.core.nginx.NginxParser;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ConfigFiles;
import dev.drydock.core.rules.support.HttpdPorts;
import dev.drydock.core.rules.support.NginxConfigs;
import dev.drydock.core.rules.support.ProxyPorts;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.SourceFile;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "server-config-not-read",
        title = "Server configuration is copied where the server never reads it",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "COPY and ADD of the image's stages that put a configuration file where the server of the official"
                + " image the container runs never looks: for Caddy, a path that differs from the --config of its"
                + " `caddy run` (the image's /etc/caddy/Caddyfile) only in letter case (/etc/caddy/caddyfile: Linux"
                + " paths are case-sensitive); for the official nginx image (and nginxinc/nginx-unprivileged), a file"
                + " in /etc/nginx/sites-enabled/ or sites-available/, which the image's nginx.conf never includes (it"
                + " includes /etc/nginx/conf.d/*.conf), unless the project's own nginx.conf copied there includes that"
                + " folder (an include directive in any block, however the file is laid out on lines); for the official httpd image, a file under /etc/apache2/ (Debian's apache2 package layout),"
                + " while httpd reads /usr/local/apache2/conf/httpd.conf, unless the project's own httpd.conf includes"
                + " /etc/apache2.",
        problem = "The server starts with the image's own configuration and never sees the file the Dockerfile copied.",
        impact = "The site is served with the image's defaults (Caddy's and nginx's welcome pages, httpd's It works!)"
                + " instead of the project's routes, proxies and headers, and nothing fails to show it.",
        recommendation = "Copy the file to the path the server reads: /etc/caddy/Caddyfile for Caddy,"
                + " /etc/nginx/conf.d/NAME.conf for the nginx image, /usr/local/apache2/conf/httpd.conf (or a file"
                + " it includes) for the httpd image.",
        references = {
                "https://caddyserver.com/docs/running#docker-compose",
                "https://hub.docker.com/_/nginx",
                "https://hub.docker.com/_/httpd"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM nginx:1.27.3-alpine
                        COPY site.conf /etc/nginx/sites-enabled/site.conf
                        COPY dist/ /usr/share/nginx/html/
                        """,
                good = """
                        FROM nginx:1.27.3-alpine
                        COPY site.conf /etc/nginx/conf.d/default.conf
                        COPY dist/ /usr/share/nginx/html/
                        """))
public final class ServerConfigNotRead implements Rule {

    private static final String NGINX_MAIN = "/etc/nginx/nginx.conf";
    private static final String HTTPD_CONF = "/usr/local/apache2/conf/";
    private static final Pattern NGINX_SITES = Pattern.compile("^/etc/nginx/sites-(enabled|available)/");
    private static final Pattern SITES_FOLDER = Pattern.compile("(^|/)sites-(enabled|available)/");
    private static final Pattern INCLUDES_SITES = Pattern.compile("(?m)^\\s*include\\s+[^;#]*sites-(enabled|available)");
    private static final Pattern INCLUDES_APACHE2 = Pattern.compile("(?im)^\\s*Include(Optional)?\\s+\"?/etc/apache2");

    @Override
    public void check(ReviewContext context) {
        Set<String> seen = new HashSet<>();
        for (Container c : context.builtContainers()) {
            if (c.build().stage() == null) {
                continue;
            }
            String image = officialImage(c);
            String caddyConfig = ProxyPorts.caddyConfig(c).orElse(null);
            boolean nginx = ("nginx".equals(image) || "nginx-unprivileged".equals(image)) && NginxConfigs.runsNginx(c);
            boolean httpd = "httpd".equals(image) && HttpdPorts.runsApache(c);
            if (caddyConfig == null && !nginx && !httpd) {
                continue;
            }
            for (Stage stage : Stages.inImage(c.build().model(), c.build().stage())) {
                for (CopyCommand copy : stage.copies()) {
                    if (copy.containerPath() == null) {
                        continue;
                    }
                    for (String source : copy.sources()) {
                        String target = copy.containerPath().endsWith("/") || copy.sources().size() > 1
                                ? PathNames.join(copy.containerPath(), PathNames.fileName(source)) : copy.containerPath();
                        Problem problem = caddyConfig != null ? caddy(target, caddyConfig)
                                : nginx ? nginx(context, c, target)
                                : httpd(context, c, target);
                        int line = copy.instruction().span().startLine();
                        if (problem != null && seen.add(c.build().dockerfile() + ":" + line + ":" + target)) {
                            context.finding(this, c.build().dockerfile(), copy.instruction().span(), problem.message())
                                    .recommendation(problem.advice())
                                    .add();
                        }
                    }
                }
            }
        }
    }

    /** What the finding says and what to do instead. */
    private record Problem(String message, String advice) {}

    private static Problem caddy(String target, String config) {
        if (!target.equals(config) && target.toLowerCase(Locale.ROOT).equals(config.toLowerCase(Locale.ROOT))) {
            return new Problem("the Caddyfile is copied to " + target + ", but Caddy reads " + config + " (its `caddy"
                    + " run --config`): paths are case-sensitive, so Caddy serves the image's own Caddyfile (its welcome"
                    + " page on :80)", "COPY it to " + config + ".");
        }
        return null;
    }

    private static Problem nginx(ReviewContext context, Container c, String target) {
        if (!NGINX_SITES.matcher(target).find()) {
            return null;
        }
        SourceFile own = ownNginxMain(context, c);
        if (own != null && includesSites(own)) {
            return null;
        }
        String name = PathNames.fileName(target).replaceFirst("\\.conf$", "");
        String main = own == null ? "the nginx image's nginx.conf includes only /etc/nginx/conf.d/*.conf (sites-enabled"
                + " is a layout of Debian's and Ubuntu's nginx packages), so nginx serves the image's default.conf instead"
                : "the project's " + own.path() + ", copied to " + NGINX_MAIN + ", includes nothing from sites-enabled or"
                        + " sites-available (that layout is Debian's and Ubuntu's nginx packages', not the nginx image's)";
        return new Problem(target + " is never read: " + main, "COPY it to /etc/nginx/conf.d/" + (name.isEmpty()
                ? "default" : name) + ".conf" + (own == null ? " (to /etc/nginx/conf.d/default.conf to replace the"
                        + " image's own server on port 80)." : ", and include /etc/nginx/conf.d/*.conf in the http"
                        + " block of " + own.path() + " if it does not yet."));
    }

    private static Problem httpd(ReviewContext context, Container c, String target) {
        if (!target.startsWith("/etc/apache2/")
                || ownMainIncludes(context, c, HTTPD_CONF + "httpd.conf", HTTPD_CONF, INCLUDES_APACHE2)) {
            return null;
        }
        return new Problem(target + " is never read: the httpd image keeps Apache's configuration under " + HTTPD_CONF
                + " (httpd.conf, and the files it includes from conf/extra/); /etc/apache2 is the layout of Debian's"
                + " apache2 package and of the php image's apache tags", "Put the settings into " + HTTPD_CONF
                + "httpd.conf, or into a file there that httpd.conf includes.");
    }

    /** The project's own nginx.conf the container gets at /etc/nginx/nginx.conf, or null for the image's. */
    private static SourceFile ownNginxMain(ReviewContext context, Container c) {
        return ConfigFiles.of(context, c.service(), c, "/etc/nginx/").map(found -> found.files().get(NGINX_MAIN))
                .orElse(null);
    }

    /**
     * Whether an nginx.conf includes sites-enabled or sites-available, in any block and however its directives are
     * laid out on lines ({@code http { include ...; }}).
     */
    private static boolean includesSites(SourceFile main) {
        return NginxParser.parse(main).map(ServerConfigNotRead::includesSites)
                .orElseGet(() -> INCLUDES_SITES.matcher(main.text()).find());
    }

    private static boolean includesSites(List<NginxDirective> directives) {
        for (NginxDirective d : directives) {
            if (d.name().equals("include") && d.args().stream().anyMatch(w -> SITES_FOLDER.matcher(w.value()).find())
                    || d.block() != null && includesSites(d.block())) {
                return true;
            }
        }
        return false;
    }

    /** Whether the project's own main configuration, copied to {@code main}, includes the other layout. */
    private static boolean ownMainIncludes(ReviewContext context, Container c, String main, String folder, Pattern include) {
        SourceFile own = ConfigFiles.of(context, c.service(), c, folder).map(found -> found.files().get(main)).orElse(null);
        return own != null && include.matcher(own.text()).find();
    }

    /** The official image's name (nginx-unprivileged for nginxinc's), or null for another base. */
    private static String officialImage(Container c) {
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        if (!(base instanceof BaseImage.External external) || external.reference() == null) {
            return null;
        }
        if ("docker.io/nginxinc/nginx-unprivileged".equals(external.reference().fullName())) {
            return "nginx-unprivileged";
        }
        return external.reference().isOfficialImage() ? external.reference().imageName() : null;
    }
}
