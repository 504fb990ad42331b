package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import java.util.List;

@RuleDefinition(
        id = "php-development-ini",
        title = "The image runs PHP with its development php.ini",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "cp, mv, ln and install calls in the RUNs of the stages the final image is made of that put PHP's"
                + " php.ini-development (shipped in $PHP_INI_DIR by the php images) in place as php.ini. Quiet when a"
                + " later RUN of the image puts php.ini-production there, and for target stages named for development"
                + " or tests (dev, test, ci).",
        problem = "php.ini-development is the template PHP ships for a developer's machine: display_errors and"
                + " display_startup_errors On, zend.exception_ignore_args Off, zend.assertions 1. The php images"
                + " ship it beside php.ini-production and ask for the production one in images meant for production.",
        impact = "Warnings, notices and uncaught errors are printed into the HTTP responses, with file paths, SQL and"
                + " the arguments of each call in the stack trace (values such as passwords passed to a connect"
                + " call); assertions run in every request.",
        recommendation = "Copy php.ini-production instead: RUN mv \"$PHP_INI_DIR/php.ini-production\""
                + " \"$PHP_INI_DIR/php.ini\", with the settings the application needs in a file of its own under"
                + " $PHP_INI_DIR/conf.d/; keep php.ini-development for a dev stage or a development compose file.",
        references = {
                "https://hub.docker.com/_/php#configuration",
                "https://github.com/php/php-src/blob/master/php.ini-development",
                "https://www.php.net/manual/en/errorfunc.configuration.php#ini.display-errors"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM php:8.3.14-fpm
                        RUN cp "$PHP_INI_DIR/php.ini-development" "$PHP_INI_DIR/php.ini"
                        COPY . /var/www/html
                        """,
                good = """
                        FROM php:8.3.14-fpm
                        RUN cp "$PHP_INI_DIR/php.ini-production" "$PHP_INI_DIR/php.ini"
                        COPY . /var/www/html
                        """))
public final class PhpDevelopmentIni implements Rule {

    private static final String DEVELOPMENT = "php.ini-development";
    private static final String PRODUCTION = "php.ini-production";

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage()) {
                continue;
            }
            List<Call> installs = BuildRuns.of(image).stream().filter(run -> !run.builder())
                    .flatMap(run -> run.run().calls().stream())
                    .filter(call -> call.is("cp", "mv", "ln", "install") && installsIni(call))
                    .toList();
            if (installs.isEmpty()) {
                continue;
            }
            Call last = installs.get(installs.size() - 1);
            Call.Arg source = source(last, DEVELOPMENT);
            if (source == null) {
                continue; // the last php.ini put in place is the production one
            }
            String text = image.model().syntax().file().text();
            int at = text.indexOf("-development", source.span().start());
            Fix fix = at < 0 || at >= source.span().end() ? null
                    : Fix.of("use php.ini-production", FixSafety.UNSAFE,
                            TextEdit.replace(image.dockerfile(), at, at + "-development".length(), "-production"));
            context.finding(this, image.dockerfile(), source.span(), "`" + BuildRuns.describe(last) + "` makes"
                            + " php.ini-development the php.ini of the image: PHP prints warnings and uncaught errors"
                            + " into the responses (display_errors On), with the arguments of each call in their"
                            + " stack traces (zend.exception_ignore_args Off), and runs assertions (zend.assertions 1)")
                    .recommendation("Use " + PRODUCTION + " here (" + source.value().replace(DEVELOPMENT, PRODUCTION)
                            + "), put the settings the application needs in a file of its own under"
                            + " $PHP_INI_DIR/conf.d/, and keep " + DEVELOPMENT + " for a dev stage built with --target.")
                    .fix(fix)
                    .add();
        }
    }

    /** Whether the call puts a php.ini template in place as php.ini (the last operand names php.ini or a folder). */
    private static boolean installsIni(Call call) {
        return source(call, DEVELOPMENT) != null || source(call, PRODUCTION) != null;
    }

    /** The operand naming the template, when it is not the destination (the last operand). */
    private static Call.Arg source(Call call, String template) {
        List<Call.Arg> operands = call.options("-m", "--mode", "-o", "--owner", "-g", "--group", "-S", "--suffix").operands();
        for (int i = 0; i < operands.size() - 1; i++) {
            if (operands.get(i).value().endsWith(template)) {
                return operands.get(i);
            }
        }
        return null;
    }
}
