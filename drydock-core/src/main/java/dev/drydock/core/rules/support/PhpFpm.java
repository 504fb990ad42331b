package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;
import java.util.List;

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
        return argv.stream().anyMatch(a -> a.equals("-R") || a.equals("--allow-to-run-as-root"));
    }

    /** Whether the image is built on the official php image, whose pool configuration names www-data. */
    public static boolean onPhpImage(Container c) {
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        return base instanceof BaseImage.External external && external.reference() != null
                && ImageTags.officialName(external.reference()).equals("php");
    }
}
