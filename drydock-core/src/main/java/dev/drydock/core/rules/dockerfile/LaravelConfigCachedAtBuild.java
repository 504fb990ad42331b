package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "laravel-config-cached-at-build",
        title = "Laravel's configuration is cached while the image is built",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "RUNs of the stages the final image is made of that call `php artisan config:cache` or"
                + " `php artisan optimize` (which caches the configuration too). Quiet when a later RUN of the image"
                + " clears the cache again (config:clear, optimize:clear), and for target stages named for development"
                + " or tests. The message names the variables and env_file entries the compose services of the image"
                + " set, which the cached configuration ignores.",
        problem = "config:cache evaluates every env() call of config/*.php once and writes the results to"
                + " bootstrap/cache/config.php; from then on Laravel reads that file and neither loads .env nor asks"
                + " the environment for those settings. Run during the build, it records the build's environment,"
                + " which has none of the values the container gets when it starts.",
        impact = "The container ignores the variables and env files its deployment sets: the database host, the"
                + " credentials, APP_KEY (requests then fail with 'No application encryption key has been"
                + " specified'), APP_ENV and APP_DEBUG all keep the values of the build, and changing them needs a"
                + " new image.",
        recommendation = "Cache the configuration when the container starts, in its entrypoint script before it"
                + " execs the server (php artisan config:cache && exec \"$@\"), where the environment is the"
                + " container's; route:cache, view:cache and event:cache do not read the environment and can stay in"
                + " the build.",
        references = {
                "https://laravel.com/docs/configuration#configuration-caching",
                "https://laravel.com/docs/deployment#optimizing-configuration-loading",
                "https://serversideup.net/open-source/docker-php/docs/laravel/laravel-automations"},
        aliases = {},
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM php:8.3.14-fpm
                        WORKDIR /var/www/html
                        COPY --chown=www-data:www-data . .
                        RUN php artisan config:cache && php artisan route:cache
                        USER www-data
                        CMD ["php-fpm"]
                        """,
                good = """
                        FROM php:8.3.14-fpm
                        WORKDIR /var/www/html
                        COPY --chown=www-data:www-data . .
                        RUN php artisan route:cache && php artisan view:cache
                        USER www-data
                        ENTRYPOINT ["sh", "-c", "php artisan config:cache && exec \\"$@\\"", "--"]
                        CMD ["php-fpm"]
                        """))
public final class LaravelConfigCachedAtBuild implements Rule {

    private static final Set<String> CACHING = Set.of("config:cache", "optimize");
    private static final Set<String> CLEARING = Set.of("config:clear", "optimize:clear");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage()) {
                continue;
            }
            Call.Arg caching = null;
            for (BuildRuns.StageRun run : BuildRuns.of(image)) {
                if (run.builder()) {
                    continue;
                }
                for (Call call : run.run().calls()) {
                    Call.Arg command = artisanCommand(call);
                    if (command != null && CACHING.contains(command.value())) {
                        caching = command;
                    } else if (command != null && CLEARING.contains(command.value())) {
                        caching = null;
                    }
                }
            }
            if (caching == null) {
                continue;
            }
            String what = caching.value().equals("optimize") ? "`php artisan optimize` caches the configuration"
                    + " (config:cache)" : "`php artisan config:cache` caches the configuration";
            context.finding(this, image.dockerfile(), caching.span(), what + " while the image is built: every env()"
                            + " of config/*.php keeps the value it has in the build, not the one the container gets"
                            + " when it starts, since Laravel then reads neither .env nor the environment for them"
                            + ignored(image))
                    .recommendation("Run php artisan config:cache when the container starts, in an entrypoint script"
                            + " that ends with exec \"$@\", so the cache holds the container's environment;"
                            + (caching.value().equals("optimize")
                                    ? " in the build, run route:cache, view:cache and event:cache instead of optimize."
                                    : " route:cache and view:cache can stay in the build."))
                    .add();
        }
    }

    /** The artisan command of {@code php artisan CMD} or {@code ./artisan CMD}, or null. */
    private static Call.Arg artisanCommand(Call call) {
        List<Call.Arg> args = call.args();
        if (call.is("php") && args.size() >= 2 && PathNames.fileName(args.get(0).value()).equals("artisan")) {
            return args.get(1);
        }
        if (call.program() != null && PathNames.fileName(call.program().value()).equals("artisan") && !args.isEmpty()) {
            return args.get(0);
        }
        return null;
    }

    /** What the compose services of the image set at run time that the cached configuration ignores. */
    private static String ignored(BuiltImage image) {
        List<String> parts = new ArrayList<>();
        for (Container container : image.containers()) {
            Service service = container.service();
            if (service == null) {
                continue;
            }
            Set<String> names = new LinkedHashSet<>();
            service.environment().forEach(e -> names.add(e.name()));
            List<String> files = service.envFiles().stream().map(f -> f.file().value()).toList();
            if (names.isEmpty() && files.isEmpty()) {
                continue;
            }
            List<String> shown = names.stream().limit(4).toList();
            String variables = shown.isEmpty() ? "" : String.join(", ", shown) + (names.size() > shown.size() ? " ..." : "");
            parts.add(service.name() + " (" + container.composeFile() + ") gets " + variables
                    + (variables.isEmpty() || files.isEmpty() ? "" : " and ")
                    + (files.isEmpty() ? "" : "env_file " + String.join(", ", files)));
        }
        return parts.isEmpty() ? ""
                : "; " + String.join("; ", parts) + " when it starts, which the cached configuration ignores";
    }
}
