package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Service;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeJobs;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DataStores;
import dev.drydock.core.rules.support.DependsOnEdits;
import dev.drydock.core.rules.support.MigrationJobs;
import dev.drydock.core.rules.support.OneShotJobs;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.StartWaits;
import dev.drydock.core.rules.support.StartupMigrations;
import dev.drydock.core.rules.support.WrittenEnvironment;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "migrations-not-awaited",
        title = "An application service starts without waiting for the migration service to finish",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Compose services that apply database migrations and exit: the program their command ends with, read"
                + " through the image's entry point and the project's start scripts, is a migration (`manage.py"
                + " migrate`, `alembic upgrade`, `flask db upgrade`, `rails db:migrate` or `db:prepare`, `prisma migrate"
                + " deploy`, `knex migrate:latest`, `artisan migrate`, `mix ecto.migrate`, `goose up`, golang-migrate's"
                + " `up`, `flyway migrate`, `liquibase update`, Sequelize's `db:migrate`, TypeORM's `migration:run`,"
                + " dbmate, `dotnet ef database update`, sqlx, Diesel; for the Flyway, golang-migrate, dbmate and"
                + " Liquibase images, the command read as the tool's arguments) or a task such as a seed or a data load after"
                + " one. Fires on each application service of the same project that uses that database (it builds"
                + " the same Dockerfile stage or runs the same image, shares a database variable with the same value,"
                + " `DATABASE_URL` or `DB_HOST`, set in environment or in an env_file, or, building an image, depends on the same PostgreSQL, MySQL, MariaDB,"
                + " MongoDB, SQL Server, CockroachDB or ClickHouse service) and does not wait for the migration"
                + " service with `condition: service_completed_successfully`, directly or through a service it"
                + " depends on: at its depends_on entry for the migration service, its depends_on, or its name."
                + " Quiet for a migration service under a profile, scaled to zero, restarted whenever it ends"
                + " (`restart: always` or `unless-stopped`), or that depends on the application itself; for"
                + " application services that apply the migrations themselves at start (left to"
                + " migrations-race-at-startup) or wait for Django's at start (`manage.py wait_for_migrations`, a loop on"
                + " `manage.py migrate --check` or on `showmigrations --plan` piped to a grep for `[ ]`), one-off"
                + " services, data stores, and services that share nothing with the migration service (a cache, a"
                + " proxy).",
        problem = "depends_on without a condition, or with `condition: service_started`, only waits for the migration"
                + " container to start; without any depends_on Compose starts both at once. The application starts while"
                + " the migrations are still running, or before they began.",
        impact = "On a fresh database, or a release with new migrations, the application's first requests fail on"
                + " tables or columns that do not exist yet, and an application that checks its schema at start exits"
                + " and restarts in a loop; when the migrations fail, the application serves anyway on the old schema.",
        recommendation = "Make every application service wait for the migration service to end:"
                + " `depends_on: {migrate: {condition: service_completed_successfully}}`, which also keeps them down"
                + " when the migrations fail.",
        references = {
                "https://docs.docker.com/compose/how-tos/startup-order/",
                "https://docs.docker.com/reference/compose-file/services/#depends_on"},
        fix = FixSafety.UNSAFE,
        effort = "2 min",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:17.2
                          migrate:
                            build: .
                            command: ["python", "manage.py", "migrate", "--noinput"]
                            depends_on:
                              - db
                          web:
                            build: .
                            command: ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]
                            depends_on:
                              - db
                              - migrate
                        """,
                good = """
                        services:
                          db:
                            image: postgres:17.2
                          migrate:
                            build: .
                            command: ["python", "manage.py", "migrate", "--noinput"]
                            depends_on:
                              - db
                          web:
                            build: .
                            command: ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]
                            depends_on:
                              db:
                                condition: service_started
                              migrate:
                                condition: service_completed_successfully
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                                FROM python:3.12.8-slim
                                WORKDIR /app
                                COPY requirements.txt .
                                RUN pip install --no-cache-dir -r requirements.txt
                                COPY . .
                                USER 10001
                                """),
                        @ExampleFile(name = "requirements.txt", content = """
                                django==5.1.4
                                gunicorn==23.0.0
                                """)}))
public final class MigrationsNotAwaited implements Rule {

    private static final String COMPLETED = "service_completed_successfully";
    /** Environment variables that say which database a service uses. */
    private static final Pattern DATABASE_VARIABLE =
            Pattern.compile("(?i)database|postgres|mysql|mariadb|mongo|sql|(^|_)db(_|$)");
    private static final Set<String> DATABASES = Set.of("PostgreSQL", "MySQL", "MariaDB", "MongoDB", "SQL Server",
            "CockroachDB", "ClickHouse");

    @Override
    public void check(ReviewContext context) {
        Map<ComposeProject, List<ComposeServices.Ref>> projects = new IdentityHashMap<>();
        List<ComposeProject> order = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            if (!projects.containsKey(ref.compose())) {
                order.add(ref.compose());
            }
            projects.computeIfAbsent(ref.compose(), k -> new ArrayList<>()).add(ref);
        }
        Set<Location> reported = new HashSet<>();
        for (ComposeProject compose : order) {
            List<ComposeServices.Ref> refs = projects.get(compose);
            for (ComposeServices.Ref job : refs) {
                Service migrate = job.service();
                if (!migrate.profiles().isEmpty() || ComposeServices.scaledToZero(migrate) || OneShotJobs.restarted(migrate)) {
                    continue;
                }
                MigrationJobs.of(context, migrate).ifPresent(migration -> {
                    for (ComposeServices.Ref app : refs) {
                        if (app.service() != migrate && usesDatabaseOf(context, compose, app.service(), migrate)
                                && !awaits(compose, app.service(), migrate.name())
                                && !waitsForDjangoMigrations(context, app.service(), migration)
                                && !ComposeServices.startsBefore(compose, migrate, app.service())) {
                            report(context, app, migration, reported);
                        }
                    }
                });
            }
        }
    }

    private void report(ReviewContext context, ComposeServices.Ref ref, MigrationJobs.Job job, Set<Location> reported) {
        Service app = ref.service();
        String migrate = job.service().name();
        Service.Dependency dependency = app.dependsOn().stream().filter(d -> d.service().equals(migrate)).findFirst()
                .orElse(null);
        Location at = dependency != null ? ComposeServices.location(dependency.nameNode())
                : app.node().entry("depends_on") != null ? ComposeServices.keyed(app.node(), "depends_on")
                : ref.nameLocation();
        if (!reported.add(at)) {
            return;
        }
        TextEdit edit = DependsOnEdits.await(app, migrate, COMPLETED);
        context.finding(this, at, app.name() + " can start before " + migrate + " has applied the database"
                        + " migrations: " + migrate + " runs `" + ShortText.of(job.command(), 80) + "` (" + job.where()
                        + ", " + job.tool() + ") and exits, but " + waits(app, dependency, migrate) + ", so `docker"
                        + " compose up` starts " + app.name() + " against a schema that is not there yet: its first"
                        + " requests fail on missing tables, or it exits and restarts until the migrations are done")
                .recommendation("Make " + app.name() + " wait for " + migrate + " to finish: `" + block(app, migrate)
                        + "`; " + migrate + " must then exit 0, and " + app.name() + " stays down when the migrations"
                        + " fail.")
                .fix(edit == null ? null : Fix.of("make " + app.name() + " wait for " + migrate + " to complete",
                        FixSafety.UNSAFE, edit))
                .add();
    }

    /** How the application waits for the migration service now, in words. */
    private static String waits(Service app, Service.Dependency dependency, String migrate) {
        if (dependency == null) {
            return app.name() + " has no depends_on on " + migrate + " and starts at the same time";
        }
        if (dependency.condition() == null) {
            return app.name() + "'s depends_on lists " + migrate + " without a condition, which waits only for its"
                    + " container to start";
        }
        return app.name() + " waits for " + migrate + " with condition: " + dependency.condition().value()
                + (dependency.condition().value().equals("service_healthy") ? ", which a container that exits never is"
                        : ", only for its container to start");
    }

    /** The application's depends_on with the migration service awaited, in flow style. */
    private static String block(Service app, String migrate) {
        List<String> entries = new ArrayList<>();
        for (Service.Dependency d : app.dependsOn()) {
            if (!d.service().equals(migrate)) {
                entries.add(d.service() + ": {condition: " + d.conditionOrDefault() + "}");
            }
        }
        entries.add(migrate + ": {condition: " + COMPLETED + "}");
        return "depends_on: {" + String.join(", ", entries) + "}";
    }

    /**
     * Whether the service waits for {@code migrate} to complete: a depends_on entry with that condition, its own or
     * one of a service it waits for in turn.
     */
    private static boolean awaits(ComposeProject compose, Service service, String migrate) {
        Set<String> seen = new HashSet<>();
        List<Service> pending = new ArrayList<>(List.of(service));
        while (!pending.isEmpty()) {
            Service next = pending.remove(pending.size() - 1);
            if (!seen.add(next.name())) {
                continue;
            }
            for (Service.Dependency d : next.dependsOn()) {
                if (d.service().equals(migrate) && d.conditionOrDefault().equals(COMPLETED)) {
                    return true;
                }
                Service dependency = compose.services().get(d.service());
                if (dependency != null) {
                    pending.add(dependency);
                }
            }
        }
        return false;
    }

    /** Django management commands that wait until no migration is left to apply (a common custom command). */
    private static final Pattern DJANGO_MIGRATIONS_WAIT = Pattern.compile("wait_?for_?migrations?");

    /**
     * Whether the application's start waits for Django's migrations itself ({@link StartWaits}), for a job that applies
     * them: {@code manage.py wait_for_migrations}, or a loop on {@code manage.py migrate --check} (which exits non-zero
     * while migrations are unapplied) or on {@code manage.py showmigrations --plan} piped to a grep for the
     * {@code [ ]} of an unapplied one.
     */
    private static boolean waitsForDjangoMigrations(ReviewContext context, Service app, MigrationJobs.Job job) {
        if (!job.tool().startsWith("Django")) {
            return false;
        }
        for (Container c : context.project().containers()) {
            if (c.service() != app) {
                continue;
            }
            for (StartWaits.Step step : StartWaits.steps(context, c)) {
                String command = step.djangoCommand();
                if (DJANGO_MIGRATIONS_WAIT.matcher(command).matches()
                        || step.repeated() && command.equals("migrate") && step.command().argumentValues().contains("--check")
                        || step.repeated() && command.equals("showmigrations") && step.next() != null
                                && step.next().is("grep") && step.next().argumentValues().stream()
                                        .anyMatch(a -> a.replace("\\", "").contains("[ ]"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether the service is an application that uses the database the migration service migrates: not a one-off
     * job nor a data store, not one that migrates at start itself, and sharing its image, a database variable or,
     * building an image, a database service both depend on.
     */
    private static boolean usesDatabaseOf(ReviewContext context, ComposeProject compose, Service app, Service migrate) {
        if (!app.profiles().isEmpty() || ComposeServices.scaledToZero(app) || ComposeJobs.isOneOff(app)
                || ComposeServices.runsToCompletion(context, app) || DataStores.ofImage(app).isPresent()
                || MigrationJobs.of(context, app).isPresent() || migratesItself(context, app)) {
            return false;
        }
        return sameImage(compose, app, migrate) || sharedDatabaseVariable(context, app, migrate)
                || app.build() != null && sharedDatabase(compose, app, migrate);
    }

    private static boolean migratesItself(ReviewContext context, Service app) {
        for (Container c : context.builtContainers()) {
            if (c.service() == app && StartupMigrations.migratesAtStart(context, c)) {
                return true;
            }
        }
        return false;
    }

    private static boolean sameImage(ComposeProject compose, Service app, Service migrate) {
        if (app.build() != null && migrate.build() != null) {
            return app.build().contextDir() != null && Objects.equals(app.build().contextDir(), migrate.build().contextDir())
                    && Objects.equals(app.build().dockerfilePath(), migrate.build().dockerfilePath())
                    && Objects.equals(target(app), target(migrate));
        }
        return app.image() != null && migrate.image() != null && compose.imageName(app).equals(compose.imageName(migrate));
    }

    /** The stage a service builds, null for the Dockerfile's last one. */
    private static String target(Service service) {
        return service.build().target() == null ? null : service.build().target().value();
    }

    /** Whether both services get the same non-empty value for a database variable, from environment or env_file. */
    private static boolean sharedDatabaseVariable(ReviewContext context, Service app, Service migrate) {
        Map<String, String> appValues = new HashMap<>();
        for (WrittenEnvironment.Setting s : WrittenEnvironment.of(context.project(), app)) {
            appValues.put(s.name(), s.value());
        }
        for (WrittenEnvironment.Setting s : WrittenEnvironment.of(context.project(), migrate)) {
            if (s.value() != null && !s.value().isBlank() && DATABASE_VARIABLE.matcher(s.name()).find()
                    && s.value().equals(appValues.get(s.name()))) {
                return true;
            }
        }
        return false;
    }

    private static boolean sharedDatabase(ComposeProject compose, Service app, Service migrate) {
        for (Service.Dependency d : app.dependsOn()) {
            Service target = compose.services().get(d.service());
            if (target != null && DataStores.ofImage(target).filter(DATABASES::contains).isPresent()
                    && migrate.dependsOn().stream().anyMatch(m -> m.service().equals(d.service()))) {
                return true;
            }
        }
        return false;
    }
}
