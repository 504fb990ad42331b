package dev.drydock.core.rules.dockerfile;

import java.util.List;
import java.util.Optional;

/**
 * What moving a database, broker or proxy image to a newer release line involves besides changing its tag: the
 * data it keeps (or its configuration) is written for the old line, so the tag can only change together with that
 * migration. drydock never changes these tags itself.
 */
final class DataUpgrades {

    private DataUpgrades() {}

    /**
     * The steps of the upgrade from {@code version} to {@code next}, worded to follow "Move to a supported line,
     * ...;"; empty for images whose upgrade is only a matter of testing the application.
     */
    static Optional<String> of(String image, List<Long> version, String next) {
        long major = version.get(0);
        String text = switch (image) {
            case "postgres" -> "the next one is PostgreSQL " + next + ": a new major version does not start on the data directory"
                    + " of an older one, so the upgrade is a data migration, with pg_upgrade (both versions' binaries"
                    + " side by side) or a pg_dumpall/pg_dump and restore into the new version; back up the volume"
                    + " first and change the tag only together with that migration";
            case "mysql" -> (major < 8
                    ? "the next ones are MySQL 8.0 then " + next + ": MySQL upgrades one series at a time, so 5.7 data must be"
                            + " started on 8.0 before 8.4 (8.0 itself is past its end: only as a step)"
                    : "the next one is MySQL " + next)
                    + "; since 8.0.16 the server upgrades the data dictionary and system tables itself when it starts"
                    + " on older data, and there is no way back, so take a backup (mysqldump or a copy of the volume)"
                    + " first and change the tag only together with that migration";
            case "mariadb" -> "the next one is MariaDB " + next + ": the new server reads older data, but its system tables"
                    + " need mariadb-upgrade once it runs (the image does it at start with MARIADB_AUTO_UPGRADE=1),"
                    + " and there is no way back, so back up the volume (mariadb-dump or a copy) first";
            case "mongo" -> "the next one is MongoDB " + next + ": MongoDB upgrades one major release at a time (5.0, 6.0, 7.0,"
                    + " 8.0), each step with featureCompatibilityVersion set to the running release"
                    + " (db.adminCommand({setFeatureCompatibilityVersion: ...})) before the next image starts on the"
                    + " data; back up first and change the tag only together with those steps";
            case "redis" -> "the next one is Redis " + next + ": a newer Redis loads the RDB and AOF files an older one wrote, but"
                    + " not the reverse, so keep a copy of them to roll back, and test the clients and modules the"
                    + " application uses";
            case "rabbitmq" -> (major < 4
                    ? "the next one is RabbitMQ " + next + ": 4.x can only be reached from 3.13 with every feature flag enabled"
                            + " (rabbitmqctl enable_feature_flag all), and 4.0 removed classic queue mirroring, so move"
                            + " mirrored queues to quorum queues first"
                    : "the next one is RabbitMQ " + next + ": enable every feature flag (rabbitmqctl enable_feature_flag all)"
                            + " before the new version starts on the node's data")
                    + "; back up the definitions (rabbitmqctl export_definitions) first";
            case "traefik" -> major < Long.parseLong(next.split("\\.")[0])
                    ? "the next one is Traefik " + next + ": a new major version changes the static and dynamic configuration"
                            + " (labels, providers, rules), so follow Traefik's migration guide (v1 to v2, v2 to v3)"
                            + " and test the routes"
                    : null;
            default -> null;
        };
        return Optional.ofNullable(text);
    }
}
