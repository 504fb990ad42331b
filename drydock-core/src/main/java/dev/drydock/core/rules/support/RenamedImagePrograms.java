package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Programs an official image used to ship under one name and now ships only under another. The mariadb image
 * from 11.0 on installs the MariaDB client programs without the compatibility package that named them after
 * MySQL: mysql, mysqladmin, mysqldump... are gone, mariadb, mariadb-admin, mariadb-dump... remain. Its
 * {@code latest} and {@code lts} tags and the tags without a version (a distribution's name) are 11 or later;
 * an image pinned by digest alone is of no version known here.
 */
public final class RenamedImagePrograms {

    private static final Map<String, String> MARIADB = Map.of(
            "mysql", "mariadb", "mysqladmin", "mariadb-admin", "mysqldump", "mariadb-dump",
            "mysqlcheck", "mariadb-check", "mysqlshow", "mariadb-show", "mysql_upgrade", "mariadb-upgrade",
            "mysqld", "mariadbd");

    private RenamedImagePrograms() {}

    /** The name {@code program} has in the image now, when the image no longer has it by this name. */
    public static Optional<String> renamed(ImageReference image, String program) {
        if (image == null || !image.isImage() || !image.isOfficialImage() || !image.imageName().equals("mariadb")) {
            return Optional.empty();
        }
        if (image.effectiveTag() == null) {
            return Optional.empty(); // pinned by digest alone: of no version known here
        }
        OptionalLong major = image.version() == null ? OptionalLong.empty() : image.version().major();
        if (major.isPresent() && major.getAsLong() < 11) {
            return Optional.empty();
        }
        return Optional.ofNullable(MARIADB.get(program));
    }
}
