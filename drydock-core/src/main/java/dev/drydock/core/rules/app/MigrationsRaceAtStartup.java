package dev.drydock.core.rules.app;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.ScalarNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.kubernetes.KubeReplicas;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.OneShotJobs;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.StartupMigrations;
import dev.drydock.core.rules.support.StartupMigrations.Site;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "migrations-race-at-startup",
        title = "Database migrations run at the start of containers that start together",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "Migration commands of tools that take no lock of their own (Django's `manage.py migrate`, Alembic's"
                + " `upgrade`, Flask-Migrate's `flask db upgrade`, Laravel's `artisan migrate` without `--isolated`,"
                + " Sequelize's `db:migrate`, TypeORM's `migration:run`) that a container runs at every start: in an"
                + " entry-point script of the project, in the `sh -c` script of its command before the application, or"
                + " in the package.json scripts a package manager runs before it (npm's pre-script of the script it"
                + " starts, and the scripts these run in turn by name, `\"start\": \"npm run db:migrate && node"
                + " server.js\"`);"
                + " and EF Core's `Database.Migrate()` or `MigrateAsync()` in a .NET application's Program.cs or"
                + " Startup.cs, outside an `if`, when its project files pin EF Core 8 or older (EF Core 9 takes a"
                + " database lock around it);"
                + " reported where two or more containers run that same start together: several services of a compose"
                + " file, or one with `deploy.replicas` or `scale` above 1, or the pods of Kubernetes Deployments and"
                + " StatefulSets that run the image's own entrypoint and command, with `replicas` above 1, a"
                + " HorizontalPodAutoscaler, or more than one workload. Quiet for one-shot services (another service"
                + " waits for them with `condition: service_completed_successfully`, or `restart: \"no\"` with a"
                + " migration command), services under a profile, init containers and Jobs, a migration inside an `if`,"
                + " a `case` or a function or after a test (`[ \"$RUN_MIGRATIONS\" = true ] && ...`), scripts that take"
                + " a lock (flock, a PostgreSQL advisory lock, django-pglock), and tools that lock themselves: Rails"
                + " (`db:migrate` and `db:prepare` take an advisory lock; a second run fails with"
                + " ConcurrentMigrationError), Prisma's `migrate deploy` (an advisory lock with a 10 second timeout),"
                + " knex (its migrations lock table), Flyway and Liquibase, and Laravel's `migrate --isolated`"
                + " (Laravel 9 and later).",
        problem = "Django's migrate, Alembic (and so Flask-Migrate), Sequelize's and TypeORM's migrations, and EF Core's"
                + " Migrate() before EF Core 9, record a"
                + " migration as applied only once it has run, and take no lock: containers that start together each"
                + " see the same pending migrations and each apply them.",
        impact = "On a release with pending migrations the copies race on the same statements: one fails (a table or"
                + " column that already exists, a duplicate row in the migrations table) and its container exits or"
                + " restarts halfway through the migrations, or a data migration runs twice; the schema can be left"
                + " between two versions while the application already serves.",
        recommendation = "Apply the migrations once, before the application's containers start: a one-shot compose"
                + " service that the others wait for with `depends_on: {migrate: {condition:"
                + " service_completed_successfully}}`, a Kubernetes Job (or a Helm pre-upgrade hook, or a step of the"
                + " deploy pipeline); or have every container take one shared lock around the migration (a PostgreSQL"
                + " advisory lock, Laravel's `migrate --isolated`).",
        references = {
                "https://docs.docker.com/compose/how-tos/startup-order/",
                "https://docs.djangoproject.com/en/stable/ref/django-admin/#migrate",
                "https://github.com/sqlalchemy/alembic/issues/633",
                "https://github.com/laravel/framework/pull/44743",
                "https://www.prisma.io/docs/orm/prisma-migrate/workflows/development-and-production",
                "https://learn.microsoft.com/ef/core/managing-schemas/migrations/applying",
                "https://kubernetes.io/docs/concepts/workloads/controllers/job/"},
        effort = "30 min",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          web:
                            build: .
                            command: sh -c "python manage.py migrate --noinput && exec gunicorn --bind 0.0.0.0:8000 shop.wsgi"
                            deploy:
                              replicas: 3
                        """,
                good = """
                        services:
                          migrate:
                            build: .
                            command: ["python", "manage.py", "migrate", "--noinput"]
                            restart: "no"
                          web:
                            build: .
                            command: ["gunicorn", "--bind", "0.0.0.0:8000", "shop.wsgi"]
                            depends_on:
                              migrate:
                                condition: service_completed_successfully
                            deploy:
                              replicas: 3
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
public final class MigrationsRaceAtStartup implements Rule {

    /** The containers that run one migration at every start, and how many copies of them run. */
    private static final class Runners {
        final Site site;
        final List<String> names = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        long copies;

        Runners(Site site) {
            this.site = site;
        }

        void add(String key, String name, String label, long n) {
            if (seen.add(key)) {
                names.add(name);
                labels.add(label);
                copies += n;
            }
        }
    }

    @Override
    public void check(ReviewContext context) {
        Set<Location> reported = new HashSet<>();
        Map<ComposeProject, List<ComposeServices.Ref>> projects = new IdentityHashMap<>();
        List<ComposeProject> order = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            if (!projects.containsKey(ref.compose())) {
                order.add(ref.compose());
            }
            projects.computeIfAbsent(ref.compose(), k -> new ArrayList<>()).add(ref);
        }
        for (ComposeProject compose : order) {
            Map<Location, Runners> runners = new LinkedHashMap<>();
            for (ComposeServices.Ref ref : projects.get(compose)) {
                Service s = ref.service();
                Container c = containerOf(context, s);
                if (c == null || oneShot(context, s)) {
                    continue;
                }
                long n = copies(s);
                for (Site site : StartupMigrations.of(context, c)) {
                    runners.computeIfAbsent(site.location(), k -> new Runners(site))
                            .add(s.name(), s.name(), s.name() + (n > 1 ? " (" + n + " replicas)" : ""), n);
                }
            }
            for (Runners r : runners.values()) {
                if (r.copies > 1 && reported.add(r.site.location())) {
                    reportCompose(context, r, projects.get(compose).get(0).file());
                }
            }
        }
        for (Runners r : kubernetes(context).values()) {
            if (r.copies > 1 && reported.add(r.site.location())) {
                reportKubernetes(context, r);
            }
        }
    }

    /**
     * The migrations of images that Kubernetes workloads run with the image's own entrypoint and command (no
     * {@code command} or {@code args} of their own), by the pods that keep running: not init containers, Jobs or
     * CronJobs.
     */
    private static Map<Location, Runners> kubernetes(ReviewContext context) {
        Map<Location, Runners> runners = new LinkedHashMap<>();
        for (Container c : context.builtContainers()) {
            if (c.service() != null && (c.service().command() != null || c.service().entrypoint() != null)) {
                continue; // compose's own command: not what the image starts under Kubernetes
            }
            List<KubernetesRuns> runs = KubernetesRuns.of(context, c).stream().filter(r -> !r.runsToCompletion()
                    && r.container().command().isEmpty() && r.container().args().isEmpty()).toList();
            if (runs.isEmpty()) {
                continue;
            }
            for (Site site : StartupMigrations.of(context, c)) {
                for (KubernetesRuns run : runs) {
                    KubeReplicas replicas = run.workload().replicas();
                    String where = replicas.autoscaler() != null || replicas.line() == 0 ? ""
                            : " line " + replicas.line();
                    runners.computeIfAbsent(site.location(), k -> new Runners(site)).add(run.describe(), run.workload().name(),
                            run.workload().kind() + " " + run.workload().name() + " (" + replicas.describe()
                                    + (replicas.autoscaler() != null ? "" : ", " + run.workload().file() + where) + ")",
                            replicas.several() ? Math.max(2, replicas.count() == null ? 1 : replicas.count()) : 1);
                }
            }
        }
        return runners;
    }

    private void reportCompose(ReviewContext context, Runners r, String file) {
        Site site = r.site;
        String services = AppFacts.and(r.names);
        context.finding(this, site.location(), "`" + ShortText.of(site.command(), 80) + "` (" + site.where() + ") runs"
                        + " at every start of " + AppFacts.and(r.labels) + ", " + r.copies + " containers that " + file
                        + " starts together: " + site.tool() + " takes no lock, so each applies the same pending"
                        + " migrations at once, and the losers fail halfway or apply them twice")
                .recommendation(site.inCode() ? efCoreAdvice(site, "a one-shot service of " + file + " (restart: \"no\")"
                        + " that " + services + " wait" + (r.names.size() == 1 ? "s" : "") + " for with depends_on"
                        + " condition: service_completed_successfully") : "Run `" + ShortText.of(site.command(), 80) + "` once in a one-shot service of "
                        + file + " (restart: \"no\") that " + services + " wait"
                        + (r.names.size() == 1 ? "s" : "") + " for with depends_on condition:"
                        + " service_completed_successfully, and drop it from " + where(site) + lockAdvice(site, "container"))
                .add();
    }

    private void reportKubernetes(ReviewContext context, Runners r) {
        Site site = r.site;
        context.finding(this, site.location(), "`" + ShortText.of(site.command(), 80) + "` (" + site.where() + ") runs"
                        + " at every start of the pods of " + AppFacts.and(r.labels) + ", which start together: "
                        + site.tool() + " takes no lock, so each pod applies the same pending migrations at once,"
                        + " and the losers fail halfway or apply them twice")
                .recommendation(site.inCode() ? efCoreAdvice(site, "a Kubernetes Job (or a Helm pre-upgrade hook, or a"
                        + " step of the deploy pipeline)") : "Run `" + ShortText.of(site.command(), 80) + "` once per release in a Kubernetes"
                        + " Job (or a Helm pre-upgrade hook, or a step of the deploy pipeline) and drop it from "
                        + where(site) + lockAdvice(site, "pod"))
                .add();
    }

    /** What to do instead of a Migrate() call of the startup code: a migration bundle run once, or EF Core 9. */
    private static String efCoreAdvice(Site site, String once) {
        return "Apply the migrations once per release, before the application starts: build an EF Core migration"
                + " bundle (`dotnet ef migrations bundle`) and run it in " + once + ", then drop the Migrate() call"
                + " from " + site.location().file() + "; or move to EF Core 9 or later, whose Migrate() takes a"
                + " database lock so that one instance applies the migrations while the others wait.";
    }

    /** {@code docker-entrypoint.sh}, or {@code the command (compose.yaml line 6)}. */
    private static String where(Site site) {
        return site.inScript() ? site.location().file() : "the command (" + site.where() + ")";
    }

    private static String lockAdvice(Site site, String copy) {
        return site.tool().startsWith("Laravel")
                ? "; or add --isolated (Laravel 9 and later), which lets one run at a time through the cache's lock."
                : "; or wrap it in a lock every " + copy + " shares (a PostgreSQL advisory lock).";
    }

    /** The container of a compose service that builds its image. */
    private static Container containerOf(ReviewContext context, Service s) {
        return context.builtContainers().stream().filter(x -> x.service() == s && x.build() != null).findFirst()
                .orElse(null);
    }

    /** Whether compose runs the service once rather than together with the others, or not by default. */
    private static boolean oneShot(ReviewContext context, Service s) {
        return ComposeServices.runsToCompletion(context, s) || OneShotJobs.composeTask(s)
                || ComposeServices.scaledToZero(s) || !s.profiles().isEmpty();
    }

    /** How many containers compose starts for the service: deploy.replicas or scale, else one. */
    private static long copies(Service s) {
        if (s.deploy() != null && s.deploy().mode() != null && "global".equals(s.deploy().mode().value())) {
            return 1;
        }
        if (s.deploy() != null && s.deploy().replicas() != null && s.deploy().replicas().value() != null) {
            return s.deploy().replicas().value();
        }
        ScalarNode scale = s.node().scalar("scale");
        return scale != null && scale.value().strip().matches("\\d{1,6}") ? Long.parseLong(scale.value().strip()) : 1;
    }
}
