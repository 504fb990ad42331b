package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.ConfigFiles;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.NginxConfigs;
import dev.drydock.core.rules.support.PhpFpm;
import dev.drydock.core.rules.support.RootStartSteps;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UserCreation;
import java.util.List;
import java.util.regex.Pattern;

/**
 * runs-as-root for images whose root matters less, a low finding: a base the project builds its own images on, a
 * runtime base image (a bare interpreter or build tool as its command), and a stock server that starts as root and
 * drops to a configured user itself (nginx, php-fpm, Apache of the php images, Caddy, httpd), with the advice that
 * fits the official image it runs on.
 */
final class RuntimeBasesAndServers {

    /** Where the official httpd image reads its configuration. */
    private static final String HTTPD_CONF_DIR = "/usr/local/apache2/conf/";

    private RuntimeBasesAndServers() {}

    /**
     * An image another Dockerfile of the project starts FROM: the images built on it set the user their containers run
     * as, and a root one among them is reported there.
     */
    static void reportProjectBase(Rule rule, ReviewContext context, Container container, Location at, Location builtOn) {
        Stage stage = container.build().stage();
        context.finding(rule, at, "no USER" + (stage.name() == null ? "" : " in " + stage.writtenName())
                        + ": the image runs as root, but it is a base of the project's own: " + builtOn.file()
                        + " starts FROM it (line " + builtOn.line() + "), and the USER of the images built on it"
                        + " decides who their containers run as")
                .severity(Severity.LOW)
                .implicit()
                .recommendation("Add USER with a non-root user to the images built on it (the stage at line " + builtOn.line()
                        + " of " + builtOn.file() + "); if the user they need does not exist yet, create it here"
                        + " (useradd, or adduser on Alpine) so that each of them switches with one line.")
                .add();
    }

    /**
     * A runtime base image (its command is a bare interpreter) leaves USER to the images built on it; a stock
     * server such as nginx starts as root by design and drops to its configured user for the work: both are
     * worth a note, not an alarm.
     */
    static void report(Rule rule, ReviewContext context, Container container, Location at, ImageRole role) {
        String program = ImageRole.program(container).orElse("its command");
        if (program.equals("php-fpm")) {
            reportPhpFpm(rule, context, container, at, "no USER");
            return;
        }
        if (program.equals("apache2-foreground") && PhpFpm.onPhpImage(container)) {
            reportPhpApache(rule, context, container, at);
            return;
        }
        String message = role == ImageRole.RUNTIME_BASE && ImageRole.inheritsCommand(container)
                ? "no USER and no command of its own: the image runs " + program + ", the command of "
                        + BaseImage.describe(Stages.rootBase(container.build().model(), container.build().stage()))
                        + ", as root; it reads as a base image (a tool chain or runtime) whose own images must switch"
                        + " to a non-root user"
                : role == ImageRole.RUNTIME_BASE
                ? "no USER: the image runs " + program + " as root; its command is a bare interpreter or build tool,"
                        + " so it reads as a base image whose own images must switch to a non-root user"
                : ImageRole.dropsToConfiguredUser(program)
                ? "no USER: " + program + " starts as root; as a stock server it drops to the user its configuration"
                        + " names for the work, which only holds if that configuration says so"
                : "no USER: " + program + " starts as root and does not switch users by itself; as a stock server"
                        + " image it leaves the user to the images and deployments built on it";
        List<RootStartSteps.Step> rootSteps = RootStartSteps.of(container);
        String recommendation = role == ImageRole.RUNTIME_BASE
                        ? "Document that images built FROM this one must add USER; or add an unprivileged user here"
                                + " (" + NonRootSuggestion.of(container) + ") so that they can switch to it with one line."
                        : unprivilegedNginx(container) != null
                        ? "Build FROM " + unprivilegedNginx(container) + ", the same nginx image run as the"
                                + " unprivileged user nginx (UID 101) and listening on 8080 instead of 80: change"
                                + " `listen 80` in your server blocks and the published port to match"
                                + ownMainConfPid(context, container) + "."
                        : officialServerAdvice(context, container, program) != null
                        ? officialServerAdvice(context, container, program)
                        : ImageRole.dropsToConfiguredUser(program)
                        ? "Check that " + program + "'s configuration names an unprivileged user, or run it as one: "
                                + NonRootSuggestion.of(container) + " (an unprivileged port above 1024 is then needed)."
                        : "Run " + program + " as an unprivileged user: " + NonRootSuggestion.of(container)
                                + " (an unprivileged port above 1024 is then needed).";
        context.finding(rule, at, message)
                .severity(Severity.LOW)
                .implicit()
                .recommendation(rootSteps.isEmpty() ? recommendation
                        : RootStartAdvice.of(container, rootSteps, recommendation))
                .add();
    }

    /**
     * php-fpm as root: its master keeps root while the pool's workers, which run the PHP code, take the user the
     * pool names (php-fpm refuses a root pool without -R); worth a note, unless -R lets a pool run as root.
     */
    /**
     * php-fpm under a USER root written out (a Dockerfile that ends with it after steps run as another user): the
     * same as no USER, since the master still hands the PHP code to the pool's user.
     */
    static void reportPhpFpmUnderUserRoot(Rule rule, ReviewContext context, Container container, Location at,
            String written) {
        reportPhpFpm(rule, context, container, at, written);
    }

    private static void reportPhpFpm(Rule rule, ReviewContext context, Container container, Location at, String label) {
        boolean noUser = label.equals("no USER");
        boolean phpImage = PhpFpm.onPhpImage(container);
        boolean allowsRoot = PhpFpm.allowsRoot(container);
        String pool = phpImage ? "the php image's pool (/usr/local/etc/php-fpm.d/www.conf) names www-data"
                : "check that the pool's configuration (user = and group = in php-fpm.d/*.conf) names an unprivileged user";
        String message = allowsRoot
                ? label + ", and php-fpm is started with -R (--allow-to-run-as-root): a pool whose configuration names"
                        + " root, or no user, runs the PHP code as root"
                : label + ": php-fpm's master process keeps root; the workers that run the PHP code take the user of"
                        + " the pool's configuration, and php-fpm refuses to run a pool as root without -R"
                        + " (--allow-to-run-as-root)" + (phpImage ? "; " + pool : "");
        String workdir = phpImage && !(container.build().stage().config().workdir() instanceof Setting<String>)
                ? "/var/www/html" : NonRootSuggestion.workdir(container);
        String asUser = phpImage
                ? "USER www-data (the php image's own user, UID 82 on Alpine and 33 on Debian), "
                        + NonRootSuggestion.ownedFiles(container, "www-data:www-data", workdir, true)
                : NonRootSuggestion.of(container);
        List<RootStartSteps.Step> rootSteps = RootStartSteps.of(container);
        String recommendation = (allowsRoot ? "Drop -R and name an unprivileged user in the pool's configuration. "
                : phpImage ? "" : "First " + pool + ". ")
                + "To take root from the master too, run php-fpm as the pool's user: "
                + (noUser ? "" : "replace " + label + " with ") + asUser + "; php-fpm"
                + " then only notes that the pool's user directive is ignored, and its port 9000 needs no"
                + " privilege.";
        context.finding(rule, at, message)
                .severity(allowsRoot ? Severity.MEDIUM : Severity.LOW)
                .implicit()
                .recommendation(rootSteps.isEmpty() ? recommendation
                        : RootStartAdvice.of(container, rootSteps, recommendation))
                .fix(noUser && phpImage && !allowsRoot && rootSteps.isEmpty()
                        ? NonRootUserFix.withFollowUps(context, container) : null)
                .add();
    }

    /**
     * Apache of the php image's apache variants as root: apache2-foreground reads /etc/apache2/envvars, where the
     * image keeps Debian's APACHE_RUN_USER and APACHE_RUN_GROUP of www-data (overridable from the environment), so the
     * master process keeps root and the children that run the PHP code (mod_php) run as www-data.
     */
    private static void reportPhpApache(Rule rule, ReviewContext context, Container container, Location at) {
        String who = SharedImages.sharedImage(context, container) ? container.name() + " (" + container.composeFile() + ") runs "
                + "apache2-foreground, which starts Apache as root" : "apache2-foreground starts Apache as root";
        boolean overridden = mentions(context, container, "APACHE_RUN_USER");
        String children = overridden
                ? "the project sets APACHE_RUN_USER, and the children that run the PHP code (mod_php) take the user it"
                        + " names"
                : "the php image's /etc/apache2/envvars sets APACHE_RUN_USER and APACHE_RUN_GROUP to www-data, so the"
                        + " master process keeps root and the children that run the PHP code (mod_php) run as www-data";
        String workdir = container.build().stage().config().workdir() instanceof Setting<String> w ? w.value()
                : "/var/www/html";
        context.finding(rule, at, "no USER: " + who + "; " + children)
                .severity(Severity.LOW)
                .implicit()
                .recommendation((overridden ? "Check that APACHE_RUN_USER names an unprivileged user (www-data). " : "")
                        + "To take root from the master too, run Apache as www-data: USER www-data (the php image's"
                        + " own user, UID 33), " + NonRootSuggestion.ownedFiles(container, "www-data:www-data", workdir, true)
                        + ", and Apache on a port above 1024 (Listen 8080 in /etc/apache2/ports.conf and"
                        + " <VirtualHost *:8080> in sites-available/000-default.conf, with the published port to"
                        + " match); the image already leaves Apache's run, lock and log directories writable to any"
                        + " user.")
                .add();
    }

    /** Whether the Dockerfile or the compose file of the container names this variable. */
    private static boolean mentions(ReviewContext context, Container container, String variable) {
        Pattern written = Pattern.compile("(?m)^(?!\\s*#).*\\b" + variable + "\\b");
        if (written.matcher(container.build().model().syntax().file().text()).find()) {
            return true;
        }
        return container.composeFile() != null && context.project().source(container.composeFile())
                .map(f -> written.matcher(f.text()).find()).orElse(false);
    }

    /**
     * What to add to the move to nginx-unprivileged when the project copies its own nginx.conf: it replaces the
     * unprivileged image's, which is the file that moves the pid file to /tmp.
     */
    private static String ownMainConfPid(ReviewContext context, Container container) {
        return NginxConfigs.of(context, container).filter(config -> !config.main().isEmpty())
                .map(config -> NginxConfigs.rootOwnedPidFile(container, config))
                .map(pid -> "; your nginx.conf replaces that image's own, which moves the pid file to /tmp, so write"
                        + " `pid /tmp/nginx.pid;` in it (" + pid + " belongs to root and nginx stops at start)")
                .orElse("");
    }

    /**
     * How the official caddy or httpd image runs its server unprivileged, with the tools and paths of that image, or
     * null for another image or a Dockerfile that creates a user of its own. Caddy: the image is Alpine (BusyBox's
     * adduser), Caddy writes its certificates and autosaved configuration under XDG_DATA_HOME=/data and
     * XDG_CONFIG_HOME=/config, and the image's Dockerfile gives /usr/bin/caddy cap_net_bind_service, so 80 and 443
     * stay. httpd: its httpd.conf names www-data for the children that serve requests, the root master only binds
     * port 80 and writes the pid file into /usr/local/apache2/logs (httpd-foreground removes it there first).
     */
    private static String officialServerAdvice(ReviewContext context, Container container, String program) {
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        BaseImageFacts.ImageTools tools = InferredImageTools.of(container.build().model(), container.build().stage())
                .orElse(null);
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isOfficialImage() || tools == null || !tools.shell()
                || CreatedUser.of(container) != null) {
            return null;
        }
        String image = external.reference().imageName();
        if (image.equals("caddy") && program.equals("caddy") && UserCreation.busybox(tools)) {
            return "Run Caddy as an unprivileged user: " + UserCreation.command(true, "caddy", 10001)
                    + " && chown -R caddy:caddy /data/caddy /config/caddy (the caddy image is Alpine, with BusyBox's"
                    + " adduser; Caddy keeps its certificates and autosaved configuration there, in the image's"
                    + " XDG_DATA_HOME=/data and XDG_CONFIG_HOME=/config), then USER caddy. The files it serves only"
                    + " need to be readable, and the image gives /usr/bin/caddy cap_net_bind_service (setcap in its"
                    + " Dockerfile), so it keeps listening on 80 and 443.";
        }
        if (image.equals("httpd") && program.equals("httpd-foreground")) {
            String ids = BaseImageFacts.userIds(base, "www-data").orElse("33:33");
            boolean ownConf = ConfigFiles.of(context, container.service(), container, HTTPD_CONF_DIR)
                    .map(found -> found.files().containsKey(HTTPD_CONF_DIR + "httpd.conf")).orElse(false);
            return (ownConf ? "Check that your httpd.conf names User www-data as the image's own does: then the"
                    : "The httpd image's httpd.conf names User www-data, so the") + " children that serve requests"
                    + " run unprivileged and the root master only binds port 80; to drop root entirely, change `Listen 80`"
                    + " to `Listen 8080` in " + HTTPD_CONF_DIR + "httpd.conf, RUN chown www-data:www-data"
                    + " /usr/local/apache2/logs (httpd writes its pid file there and stops at start without it), then"
                    + " USER www-data (UID " + ids.substring(0, ids.indexOf(':')) + ", the image's own; no user to"
                    + " create) and publish 8080.";
        }
        return null;
    }

    /** nginxinc/nginx-unprivileged with the tag of the official nginx image the container runs, or null. */
    private static String unprivilegedNginx(Container container) {
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        if (base instanceof BaseImage.External external && external.reference() != null
                && external.reference().isOfficialImage() && "nginx".equals(external.reference().imageName())) {
            String tag = external.reference().effectiveTag();
            return "nginxinc/nginx-unprivileged" + (tag == null ? "" : ":" + tag);
        }
        return null;
    }
}
