package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DataStores;
import java.util.List;
import java.util.Optional;

@RuleDefinition(
        id = "database-user-is-root",
        title = "The database image is asked to create root as its regular user",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Compose services that pull the official mysql or mariadb image and set `MYSQL_USER` (or, for"
                + " mariadb, `MARIADB_USER`) to `root`.",
        problem = "MYSQL_USER and MYSQL_PASSWORD create an additional, regular account. The image's entry point"
                + " refuses `root` there: when it initializes an empty data directory it prints that these variables"
                + " cannot be used for the root user and exits before the server starts.",
        impact = "The database container stops on its first start and on every restart until the data directory is"
                + " initialized: the services that depend on it cannot connect, and `depends_on` with"
                + " `condition: service_healthy` keeps them from starting at all.",
        recommendation = "Remove MYSQL_USER (and MYSQL_PASSWORD) and give root its password with"
                + " MYSQL_ROOT_PASSWORD; better, name a regular account (`MYSQL_USER: app`) and point the application"
                + " at it, keeping root for administration.",
        references = {
                "https://hub.docker.com/_/mysql#mysql_user-mysql_password",
                "https://mariadb.com/kb/en/mariadb-server-docker-official-image-environment-variables/"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: mysql:8.4.3
                            environment:
                              MYSQL_DATABASE: shop
                              MYSQL_USER: root
                              MYSQL_PASSWORD: ${DB_PASSWORD:?}
                              MYSQL_ROOT_PASSWORD: ${DB_ROOT_PASSWORD:?}
                        """,
                good = """
                        services:
                          db:
                            image: mysql:8.4.3
                            environment:
                              MYSQL_DATABASE: shop
                              MYSQL_USER: shop
                              MYSQL_PASSWORD: ${DB_PASSWORD:?}
                              MYSQL_ROOT_PASSWORD: ${DB_ROOT_PASSWORD:?}
                        """))
public final class DatabaseUserIsRoot implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            String image = service.build() == null ? DataStores.imageName(service).orElse(null) : null;
            if (!"mysql".equals(image) && !"mariadb".equals(image)) {
                continue;
            }
            List<String> names = image.equals("mariadb") ? List.of("MARIADB_USER", "MYSQL_USER") : List.of("MYSQL_USER");
            Optional<Service.EnvVar> root = names.stream().map(service::env).flatMap(Optional::stream)
                    .filter(e -> e.value() != null && "root".equals(e.value().value())).findFirst();
            if (root.isEmpty()) {
                continue;
            }
            String password = image.equals("mariadb") ? "MARIADB_ROOT_PASSWORD" : "MYSQL_ROOT_PASSWORD";
            context.finding(this, ComposeServices.envEntry(service, root.get()), service.name() + " ("
                            + service.image().value() + ") sets `" + root.get().name() + ": root`: the " + image
                            + " image's entry point creates that account besides root and refuses the name, so it"
                            + " exits when it initializes the data directory and the database never starts")
                    .recommendation("Name a regular account in " + root.get().name() + " (`" + root.get().name()
                            + ": app`) and connect the application with it; or remove " + root.get().name()
                            + " and its password and connect as root with the password of " + password + ".")
                    .add();
        }
    }
}
