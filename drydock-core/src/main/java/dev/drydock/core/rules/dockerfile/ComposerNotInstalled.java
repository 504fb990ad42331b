package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "composer-not-installed",
        title = "A RUN calls composer on a php image that has no Composer",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "RUNs of the stages an image is built from that call `composer` when the stage is built on the"
                + " official php image or on dunglas/frankenphp (which is built on it) and no earlier instruction of"
                + " the stage or of the stages it is built on brings Composer in: a COPY or ADD whose source,"
                + " destination or --from names composer (COPY --from=composer:2 /usr/bin/composer ...), or a command"
                + " that mentions it (curl of getcomposer.org, apt-get or apk installing composer,"
                + " install-php-extensions @composer), also earlier in the same RUN. Quiet when such a COPY's --from"
                + " is a variable drydock cannot resolve, and for other base images, which may ship Composer.",
        problem = "The official php images ship PHP, its extension tools (docker-php-ext-install, pecl) and nothing"
                + " else: Composer is not in them, and dunglas/frankenphp, built on them, has none either.",
        impact = "The build stops at that RUN with `composer: not found` (exit code 127).",
        recommendation = "Copy the Composer binary from its official image before the RUN: COPY --from=composer:2"
                + " /usr/bin/composer /usr/bin/composer (pin the version you use), or install-php-extensions @composer"
                + " where the image has mlocati's installer.",
        references = {
                "https://hub.docker.com/_/php",
                "https://hub.docker.com/_/composer",
                "https://getcomposer.org/download/"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM php:8.3.14-fpm-alpine3.20
                        WORKDIR /var/www/html
                        COPY . .
                        RUN composer install --no-dev --optimize-autoloader
                        CMD ["php-fpm"]
                        """,
                good = """
                        FROM php:8.3.14-fpm-alpine3.20
                        COPY --from=composer:2.8.3 /usr/bin/composer /usr/bin/composer
                        WORKDIR /var/www/html
                        COPY . .
                        RUN composer install --no-dev --optimize-autoloader
                        CMD ["php-fpm"]
                        """))
public final class ComposerNotInstalled implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            for (Stage stage : image.neededStages()) {
                String base = phpBase(image.model(), stage);
                if (base == null) {
                    continue;
                }
                List<Stage> chain = Stages.inImage(image.model(), stage);
                int installed = installedAt(image.model(), chain);
                for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
                    for (Call call : run.calls()) {
                        if (!call.is("composer") || call.span().startLine() >= installed
                                || !reported.add(image.dockerfile() + ":" + call.span().start())) {
                            continue;
                        }
                        context.finding(this, image.dockerfile(), call.span(), "`" + describe(call) + "` runs on "
                                        + base + ", which has no Composer, and nothing before this RUN installs it:"
                                        + " the build stops here with `composer: not found`")
                                .recommendation("Copy Composer in before it: COPY --from=composer:2 /usr/bin/composer"
                                        + " /usr/bin/composer (with the version you use instead of 2), in the"
                                        + (stage.name() == null ? " stage" : " stage " + stage.writtenName())
                                        + " or one it is built on.")
                                .add();
                    }
                }
            }
        }
    }

    /** The base image, for the message, when the stage is built on one without Composer; null otherwise. */
    private static String phpBase(DockerfileModel model, Stage stage) {
        if (!(Stages.rootBase(model, stage) instanceof BaseImage.External external) || external.reference() == null) {
            return null;
        }
        boolean php = ImageTags.officialName(external.reference()).equals("php")
                || "dunglas/frankenphp".equals(external.reference().familiarName());
        return php ? external.reference().familiarString() : null;
    }

    /**
     * The first line from which Composer may be in the stage: a COPY or ADD that names it, or a command of a RUN that
     * mentions it (other than composer itself); a line past every instruction when nothing does.
     */
    private static int installedAt(DockerfileModel model, List<Stage> chain) {
        int first = Integer.MAX_VALUE;
        for (Stage stage : chain) {
            for (CopyCommand copy : stage.copies()) {
                boolean names = mentions(copy.from()) || mentions(copy.destination())
                        || copy.sources().stream().anyMatch(ComposerNotInstalled::mentions)
                        || copy.from() != null && copy.from().contains("$");
                if (names) {
                    first = Math.min(first, copy.instruction().startLine());
                }
            }
            for (RunStep run : RunStep.of(model, List.of(stage))) {
                for (Call call : run.calls()) {
                    boolean installs = !call.is("composer") && (call.program() != null && mentions(call.program().value())
                            || call.args().stream().anyMatch(a -> mentions(a.value())));
                    if (installs) {
                        first = Math.min(first, call.span().startLine());
                    }
                }
            }
        }
        return first;
    }

    /** The project's manifest (composer.json, composer.lock, composer.*) names no Composer binary. */
    private static final Pattern MANIFEST = Pattern.compile("composer\\.(json|lock|\\*)");

    private static boolean mentions(String text) {
        return text != null && MANIFEST.matcher(text.toLowerCase(Locale.ROOT)).replaceAll("").contains("composer");
    }

    private static String describe(Call call) {
        StringBuilder out = new StringBuilder("composer");
        call.args().stream().limit(4).forEach(a -> out.append(' ').append(a.value()));
        return out.toString();
    }
}
