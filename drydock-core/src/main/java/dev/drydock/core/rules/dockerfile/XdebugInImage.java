package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ConfigFiles;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "xdebug-in-image",
        title = "The image loads Xdebug",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "RUNs of the stages the final image is made of that load the Xdebug extension:"
                + " docker-php-ext-enable xdebug, install-php-extensions xdebug, a distribution package (php-xdebug,"
                + " php8.3-xdebug, php83-pecl-xdebug) installed with apt-get, apt, apk, dnf or yum, and pecl install"
                + " xdebug when the image also writes a zend_extension line for it. Quiet when the Dockerfile or an"
                + " .ini the image copies under /usr/local/etc/php/ sets xdebug.mode or XDEBUG_MODE to off, for"
                + " target stages named for development or tests, and for images only development compose files run.",
        problem = "Xdebug is a development extension: loaded, it hooks every function call for its develop mode"
                + " (the default), and with the debug mode a request carrying the XDEBUG_SESSION trigger, or every"
                + " request with start_with_request, opens a step-debugging connection to the client host configured.",
        impact = "Every request runs several times slower, error pages gain full stack traces, and where step"
                + " debugging is on, whoever can reach the client host or set it (discover_client_host) can read"
                + " variables and run code in the application.",
        recommendation = "Install and enable Xdebug only in a development stage built with --target (or a"
                + " development compose file), and keep the production image without it; where one image must serve"
                + " both, set ENV XDEBUG_MODE=off in it and turn it on per container.",
        references = {
                "https://xdebug.org/docs/install",
                "https://xdebug.org/docs/all_settings#mode",
                "https://github.com/mlocati/docker-php-extension-installer"},
        aliases = {},
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM php:8.3.14-fpm-alpine
                        RUN pecl install xdebug-3.3.2 && docker-php-ext-enable xdebug
                        COPY . /var/www/html
                        """,
                good = """
                        FROM php:8.3.14-fpm-alpine AS prod
                        COPY . /var/www/html

                        FROM prod AS dev
                        RUN pecl install xdebug-3.3.2 && docker-php-ext-enable xdebug
                        """))
public final class XdebugInImage implements Rule {

    /** Xdebug as an extension name, a pecl package with a version, or a distribution package. */
    private static final Pattern XDEBUG = Pattern.compile("(?i)(php[\\d.]*-(pecl-)?)?xdebug([-@][\\w.]+)?");
    private static final Pattern MODE_OFF = Pattern.compile("(?i)xdebug[._]mode[\"']?\\s*[=:]?\\s*[\"']?off\\b");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage() || image.runOnlyForDevelopment(context) || switchedOff(context, image)) {
                continue;
            }
            List<BuildRuns.StageRun> runs = BuildRuns.of(image).stream().filter(run -> !run.builder()).toList();
            boolean zendLine = runs.stream().map(run -> run.run().text())
                    .anyMatch(text -> text.contains("zend_extension") && text.toLowerCase().contains("xdebug"));
            for (BuildRuns.StageRun run : runs) {
                Optional<Call.Arg> loaded = run.run().calls().stream()
                        .map(call -> loads(call, zendLine)).flatMap(Optional::stream).findFirst();
                if (loaded.isPresent()) {
                    context.finding(this, image.dockerfile(), loaded.get().span(), "`" + loaded.get().value()
                                    + "` loads Xdebug into the image" + stageNote(image, run)
                                    + ": every request pays for its hooks on each function call, and its debugger"
                                    + " answers any request that carries the XDEBUG_SESSION trigger")
                            .recommendation("Install Xdebug in a development stage built on this one ("
                                    + devStage(image) + ") and build that with --target dev; or set ENV"
                                    + " XDEBUG_MODE=off in this image and turn it on only where you debug.")
                            .add();
                    break;
                }
            }
        }
    }

    /** The argument that loads Xdebug, for a call that does. */
    private static Optional<Call.Arg> loads(Call call, boolean zendLine) {
        boolean enabler = call.is("docker-php-ext-enable", "install-php-extensions")
                || call.is("pecl") && zendLine
                || call.is("apt-get", "apt", "apk", "dnf", "yum", "microdnf");
        if (!enabler) {
            return Optional.empty();
        }
        boolean packageManager = call.is("apt-get", "apt", "apk", "dnf", "yum", "microdnf");
        return call.args().stream()
                .filter(arg -> XDEBUG.matcher(arg.value()).matches())
                .filter(arg -> !packageManager || arg.value().toLowerCase().startsWith("php"))
                .findFirst();
    }

    private static boolean switchedOff(ReviewContext context, BuiltImage image) {
        if (MODE_OFF.matcher(image.model().syntax().file().text()).find()) {
            return true;
        }
        return ConfigFiles.of(context, image.container().service(), image.container(), "/usr/local/etc/php/",
                        path -> path.endsWith(".ini"))
                .map(found -> found.files().values().stream().anyMatch(f -> MODE_OFF.matcher(f.text()).find()))
                .orElse(true);
    }

    private static String stageNote(BuiltImage image, BuildRuns.StageRun run) {
        return run.stage() == image.stage() || run.stage().writtenName() == null
                ? "" : " (stage " + run.stage().writtenName() + ", part of the final image)";
    }

    private static String devStage(BuiltImage image) {
        String name = image.stage().writtenName();
        return name != null ? "FROM " + name + " AS dev"
                : "name this stage (add AS prod to its FROM) and add FROM prod AS dev";
    }
}
