package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.List;
import java.util.Optional;

/**
 * What drydock knows of php-fpm started as root: the master keeps root and the workers that run the PHP code
 * take the user of the pool's configuration; php-fpm refuses to start a pool as root unless it is given
 * {@code -R} ({@code --allow-to-run-as-root}). The php images' pool ({@code /usr/local/etc/php-fpm.d/www.conf})
 * names {@code www-data}, a user those images create (UID 82 on Alpine, 33 on Debian).
 */
public final class PhpFpm {

    private PhpFpm() {}

    /** Whether the container's command lets php-fpm run a pool as root ({@code -R}, {@code --allow-to-run-as-root}). */
    public static boolean allowsRoot(Container c) {
        List<String> argv = c.command() == null || c.command().shellForm() ? List.of() : c.command().argv();
        boolean started = c.entryPoint() != null && c.entryPoint().runtime() == Runtime.PHP_FPM
                && c.entryPoint().flag("allow-to-run-as-root");
        return started || argv.stream().anyMatch(a -> a.equals("-R") || a.equals("--allow-to-run-as-root"));
    }

    /** Whether the image is built on the official php image (directly or through wordpress or drupal), whose pool configuration names www-data. */
    public static boolean onPhpImage(Container c) {
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        return base instanceof BaseImage.External external && external.reference() != null
                && BaseImageFacts.builtOnPhp(ImageTags.officialName(external.reference()));
    }

    /** What a published port 9000 of a service that runs php-fpm leads to: its FastCGI listener. */
    private static final String FASTCGI = "php-fpm's FastCGI port, which runs any PHP file a client names with the PHP"
            + " settings it sends (PHP_VALUE),";

    /**
     * The FastCGI listener behind a container port of the service: port 9000 of a service whose image runs php-fpm
     * (built here, or a php image's fpm variant); empty otherwise.
     */
    public static Optional<String> fastCgiBehind(ReviewContext context, Service service, int targetPort) {
        if (targetPort != 9000) {
            return Optional.empty();
        }
        String image = service.imageRef().map(Located::value).orElse("");
        boolean phpFpmImage = image.matches("(docker\\.io/)?(library/)?php:[^/]*fpm.*");
        boolean runsPhpFpm = context.project().containers().stream()
                .anyMatch(c -> c.service() == service && c.build() != null
                        && ImageRole.program(c).filter("php-fpm"::equals).isPresent());
        return phpFpmImage || runsPhpFpm ? Optional.of(FASTCGI) : Optional.empty();
    }
}
