package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.review.Location;
import dev.drydock.core.manifest.Scope;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ConfigFiles;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.fixes.ComposerInstalls;
import dev.drydock.core.source.SourceFile;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "php-production-ini-missing",
        title = "A PHP web image runs without a php.ini",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "Images whose file system starts from the official php image's fpm or apache variants or from"
                + " dunglas/frankenphp (built on it), which ship no php.ini, only the php.ini-development and"
                + " php.ini-production templates in $PHP_INI_DIR. Fires when nothing of the image puts a php.ini in"
                + " place or turns display_errors off: no RUN of its stages names a php.ini template or"
                + " display_errors, no COPY lands a php.ini, and no .ini the image copies or its compose service"
                + " mounts under /usr/local/etc/php/ sets display_errors. Quiet when the composer.json of the build"
                + " context requires a framework whose bootstrap turns display_errors off (laravel/framework,"
                + " laravel/lumen-framework, symfony/runtime or its FrankenPHP runtime, yiisoft/yii2), for the php image's cli variants, for"
                + " wordpress (whose image turns display_errors off), for target stages named for development or"
                + " tests and for images only development compose files run.",
        problem = "Without a php.ini PHP runs with its built-in defaults, which are those of a developer's"
                + " machine: display_errors 1 (to the output), zend.exception_ignore_args 0 and zend.assertions 1."
                + " The php images leave the choice to the Dockerfile and ask for php.ini-production in images meant"
                + " for production.",
        impact = "php-fpm, Apache's mod_php and FrankenPHP print warnings and uncaught errors into the HTTP"
                + " responses, with file paths, SQL and the arguments of each call in the stack trace (a database"
                + " password passed to a connect call among them).",
        recommendation = "Put the production template in place right after FROM: RUN mv"
                + " \"$PHP_INI_DIR/php.ini-production\" \"$PHP_INI_DIR/php.ini\", and keep the settings the"
                + " application needs in a file of its own under $PHP_INI_DIR/conf.d/.",
        references = {
                "https://hub.docker.com/_/php#configuration",
                "https://github.com/docker-library/php/issues/692",
                "https://www.php.net/manual/en/errorfunc.configuration.php#ini.display-errors"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM php:8.3.14-fpm-alpine
                        RUN docker-php-ext-install pdo_mysql opcache
                        COPY . /var/www/html
                        CMD ["php-fpm"]
                        """,
                good = """
                        FROM php:8.3.14-fpm-alpine
                        RUN mv "$PHP_INI_DIR/php.ini-production" "$PHP_INI_DIR/php.ini" \\
                            && docker-php-ext-install pdo_mysql opcache
                        COPY . /var/www/html
                        CMD ["php-fpm"]
                        """))
public final class PhpProductionIniMissing implements Rule {

    private static final String INI_FOLDER = "/usr/local/etc/php/";

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage() || image.runOnlyForDevelopment(context)) {
                continue;
            }
            Optional<String> server = webVariant(image.rootBase());
            if (server.isEmpty() || configured(context, image) || frameworkTurnsOff(image)) {
                continue;
            }
            Stage root = image.imageStages().get(0);
            String base = ((BaseImage.External) image.rootBase()).reference().familiarString();
            context.finding(this, new Location(image.dockerfile(), root.from().span()), base + " ships no php.ini"
                            + " (only php.ini-development and php.ini-production in $PHP_INI_DIR) and nothing in this"
                            + " image puts one in place or turns display_errors off: " + server.get() + " runs PHP"
                            + " with its built-in defaults and prints warnings and uncaught errors, with file paths"
                            + " and call arguments, into the responses it serves")
                    .recommendation("Add RUN mv \"$PHP_INI_DIR/php.ini-production\" \"$PHP_INI_DIR/php.ini\" after"
                            + " this FROM and keep the application's own settings in a file under"
                            + " $PHP_INI_DIR/conf.d/.")
                    .add();
        }
    }

    /** The server of a base image that serves PHP over HTTP with no php.ini: the php image's fpm and apache variants, FrankenPHP. */
    private static Optional<String> webVariant(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        String tag = external.reference().effectiveTagLowerCase();
        if ("dunglas/frankenphp".equals(external.reference().familiarName())) {
            return tag.contains("builder") ? Optional.empty() : Optional.of("FrankenPHP");
        }
        if (!ImageTags.officialName(external.reference()).equals("php")) {
            return Optional.empty();
        }
        return tag.contains("fpm") ? Optional.of("php-fpm")
                : tag.contains("apache") ? Optional.of("Apache's mod_php") : Optional.empty();
    }

    /**
     * Frameworks whose bootstrap turns display_errors off outside debug or testing (Laravel's and Lumen's
     * HandleExceptions, symfony/runtime's error handler for non-CLI SAPIs, Yii 2's ErrorHandler).
     */
    private static final Set<String> ERROR_HANDLING_FRAMEWORKS = Set.of("laravel/framework",
            "laravel/lumen-framework", "symfony/runtime", "runtime/frankenphp-symfony", "yiisoft/yii2");

    /** Whether the composer.json of the build context (as the project read it) requires such a framework. */
    private static boolean frameworkTurnsOff(BuiltImage image) {
        return ComposerInstalls.composerJson(image.container()).map(manifest -> manifest.dependencies().stream()
                        .anyMatch(d -> d.scope() == Scope.MAIN
                                && ERROR_HANDLING_FRAMEWORKS.contains(d.name().toLowerCase(Locale.ROOT))))
                .orElse(false);
    }

    /** Whether the image puts a php.ini in place or sets display_errors itself. */
    private static boolean configured(ReviewContext context, BuiltImage image) {
        boolean byRun = BuildRuns.of(image).stream().filter(run -> !run.builder())
                .map(run -> run.run().text().toLowerCase(Locale.ROOT))
                .anyMatch(text -> text.contains("php.ini") || text.contains("display_errors"));
        if (byRun) {
            return true;
        }
        for (Stage stage : image.imageStages()) {
            for (CopyCommand copy : stage.copies()) {
                String destination = copy.containerPath() != null ? copy.containerPath() : copy.destination();
                if (destination != null && destination.endsWith("php.ini")) {
                    return true;
                }
            }
        }
        Optional<ConfigFiles.Found> found = ConfigFiles.of(context, image.container().service(), image.container(),
                INI_FOLDER, path -> path.endsWith(".ini"));
        if (found.isEmpty()) {
            return true; // a file drydock cannot read may set it
        }
        for (Map.Entry<String, SourceFile> file : found.get().files().entrySet()) {
            if (file.getKey().endsWith("/php.ini") || file.getValue().text().contains("display_errors")) {
                return true;
            }
        }
        return found.get().folderMounted();
    }
}
