package dev.drydock.core.rules.context;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.OfficialImages;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.ComposeEdits;
import dev.drydock.core.rules.support.ComposeJobs;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DataStores;
import dev.drydock.core.rules.support.DependsOnEdits;
import dev.drydock.core.rules.support.MongoShell;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.ImageHealthchecks;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.ServerImages;
import dev.drydock.core.rules.support.StartWaits;
import dev.drydock.core.rules.support.TaskWorkers;
import dev.drydock.core.rules.support.WrittenEnvironment;
import dev.drydock.core.shell.Command;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "compose-healthcheck",
        title = "A service is not health-checked, or not waited for until healthy",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Compose healthchecks of every service. A strength where one is configured (its wording says when"
                + " the image lacks what the probe runs: healthcheck-tool-missing reports that), none where the probe"
                + " requests a path the application does not serve (healthcheck-endpoint-missing), and a review leaves it"
                + " out where another finding reports the probe failing or passing whatever the state"
                + " (healthcheck-endpoint-missing, healthcheck-ignores-http-errors, healthcheck-localhost-ipv6,"
                + " next-standalone-hostname, variable-in-exec-form). Findings: a service that"
                + " another waits for with `condition: service_healthy` but that has no healthcheck, neither in compose"
                + " nor in its Dockerfile (for pulled images: official and Bitnami images, which define none), is high;"
                + " a healthcheck switched off with `disable: true` or `test: [\"NONE\"]` is medium (low when it is"
                + " switched off rightly, the image's HEALTHCHECK probing a server the service does not run, and no"
                + " probe of what the service runs is known); a depends_on that"
                + " only waits for a database, cache or broker image (postgres and the PostgreSQL images postgis,"
                + " timescaledb and pgvector, mysql, mariadb, redis, valkey, mongo, mcr.microsoft.com/mssql/server,"
                + " rabbitmq) to start, not to be healthy, is medium (low for redis and valkey,"
                + " which listen at once and answer LOADING only while they load their RDB or AOF file, milliseconds"
                + " for a small dataset; not for a database console such as adminer,"
                + " phpMyAdmin or pgAdmin, which connects when someone logs in, nor for a dependant whose own command"
                + " or image's entry point or start script waits for the store before its program: a client run in a"
                + " loop that names it or a variable holding its host (`until pg_isready -h db`, `while ! nc -z $SQL_HOST"
                + " $SQL_PORT`, mysqladmin ping, redis-cli ping, /dev/tcp, also in a function the loop calls), wait-for-it,"
                + " wait-for or `dockerize -wait` given its address, Django's `manage.py wait_for_db` or django-probes'"
                + " `wait_for_database` for a SQL database (a probe run once, a mention in an echo or a comment and"
                + " `flask db upgrade` wait for nothing), nor for an"
                + " application image that waits for its stores itself: Nextcloud, Gitea, Forgejo, paperless-ngx); a service"
                + " whose environment connects to such a store of the stack (the host of a URL, `postgresql://app@db:5432`,"
                + " or of a host or server variable, `REDIS_HOST=cache`) with no depends_on on it at all is medium too,"
                + " since `docker compose up SERVICE` does not even start the store (low for those self-waiting"
                + " applications). The same for a pulled inference server"
                + " (vLLM, text-generation-inference, Triton, SGLang: medium, since they answer only once the model is"
                + " loaded, minutes for a large one; Ollama: low, since it listens within seconds and loads a model at the"
                + " first request for it; Immich's machine learning, low for the same reason), reached through depends_on"
                + " without a condition or service_started, or a URL or"
                + " host variable naming it (`OPENAI_API_BASE=http://vllm:8000/v1`, `OLLAMA_BASE_URL`, `OLLAMA_HOST`):"
                + " the recommendation is the server's own probe with a program its image has (curl on vLLM's /health on"
                + " 8000, TGI's /health on PORT, 80 in its image, Triton's /v2/health/ready on 8000, SGLang's /health on"
                + " 30000; `ollama list` for Ollama, whose image has no curl; python3's urllib on Immich machine"
                + " learning's /ping on IMMICH_PORT, 3003 in its image) with a long start_period, and"
                + " condition: service_healthy (not for Open WebUI, which asks for the models when a page loads, the"
                + " Immich server, which queues its jobs, a reverse"
                + " proxy or a known server image such as Traefik or Prometheus, another model server's image, nor a"
                + " dependant whose command waits in a curl or wget loop); NVIDIA NIM images are left alone. A depends_on"
                + " without a condition on another"
                + " service that has a healthcheck (in compose or its Dockerfile) is low. A service without any"
                + " healthcheck is left to healthcheck-missing. A healthcheck switched off for a job that other services"
                + " wait to complete (condition: service_completed_successfully), or for a one-off task (named init,"
                + " setup, migrate ..., or running a migration or a seed) is left alone: its exit says it all;"
                + " so is one switched off for Celery beat or an RQ worker, which have no command that tells they are"
                + " alive."
                + " Medium for a service that runs a queue worker or scheduler from the web application's image (Celery,"
                + " RQ, Sidekiq, Laravel's Horizon, queue:work and schedule:work ..., also exec'd by its start script,"
                + " or a command whose words name one: worker.py, bin/consumer; no port published or exposed, no web"
                + " server in its command) and sets no healthcheck of its own, while the image's HEALTHCHECK (its"
                + " Dockerfile's, else the one its base image ends with: dunglas/frankenphp's curl of Caddy's admin"
                + " API on localhost:2019) requests a local URL or runs `artisan octane:status`: it inherits the probe and stays unhealthy (high when"
                + " another service waits for it with condition: service_healthy, which then never starts); quiet for a"
                + " probe that may pass there (a process or file check, a script, one that falls back with `|| ...`),"
                + " a command drydock cannot read, and a one-off job such as a migration. The recommendation is the"
                + " worker's own probe (celery inspect ping, artisan horizon:status), a process check for Sidekiq, else"
                + " healthcheck: disable: true."
                + " For a published server image drydock knows (Prometheus, Grafana, MinIO, Keycloak, Elasticsearch, Traefik,"
                + " Vault, Consul, Gitea, n8n ...), the recommended probe asks the server's own health route and port, or"
                + " runs its own check, with a program its image has, and says what must be enabled for it"
                + " (KC_HEALTH_ENABLED=true for Keycloak, Traefik's ping endpoint); for one that nothing inside its image can"
                + " probe (Loki's and Alertmanager's distroless images, the OpenTelemetry Collector) or that has no health"
                + " route of its own (Caddy), it says so and names no route. service_healthy on such an image that defines"
                + " no HEALTHCHECK (Prometheus, MinIO, Keycloak, Traefik, Vault, Consul, Gitea, Caddy) is high as for an"
                + " official image; on Mailpit, whose image checks itself, it is fine."
                + " The unsafe fix makes a dependant wait with condition: service_healthy for a database, cache, broker"
                + " or model server whose healthcheck (its own or its image's) can pass: a short-form depends_on list"
                + " becomes the long form, its other entries keeping service_started, and a service without depends_on"
                + " gets one; it is unsafe because the dependant then starts only once that check passes. A"
                + " PostgreSQL, MySQL, Redis, Valkey, MongoDB or RabbitMQ service with no healthcheck first gets the"
                + " probe its image can run (pg_isready, mysqladmin ping, redis-cli ping ...); MariaDB and SQL Server do"
                + " not, since their probes depend on the image's release and on how the data directory was"
                + " initialized. Services that share one depends_on entry or connection setting (a YAML anchor, one"
                + " env_file) get one finding, and the fix changes the anchor's entry when all of them merge it.",
        problem = "Compose only knows a container is ready when a healthcheck says so: `service_healthy` on a service"
                + " without one cannot be satisfied, and a disabled check hides a hung process.",
        impact = "`docker compose up` stops with \"container ... has no healthcheck configured\", or dependants start"
                + " against a service that is not ready and a hung service is never marked unhealthy.",
        recommendation = "Give every long-running service a cheap healthcheck that proves it serves (pg_isready,"
                + " redis-cli ping, an HTTP /health probe with a tool the image has), with a start_period for slow"
                + " starts.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#healthcheck",
                "https://docs.docker.com/compose/how-tos/startup-order/",
                "https://docs.docker.com/reference/dockerfile/#healthcheck"},
        aliases = {"Healthcheck Not Set"},
        fix = FixSafety.UNSAFE,
        effort = "15 min",
        strength = "Compose healthcheck",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          web:
                            image: ghcr.io/example/web:1.4.2
                            depends_on:
                              db:
                                condition: service_healthy
                          db:
                            image: postgres:17.2
                        """,
                good = """
                        services:
                          web:
                            image: ghcr.io/example/web:1.4.2
                            depends_on:
                              db:
                                condition: service_healthy
                          db:
                            image: postgres:17.2
                            healthcheck:
                              test: ["CMD-SHELL", "pg_isready -U postgres"]
                              interval: 10s
                              retries: 5
                        """))
public final class ComposeHealthcheck implements Rule {

    private static final Map<String, String> PROBES = Map.of(
            // the SQL Server images ship sqlcmd in mssql-tools18 (since 2022 CU14), which must be told to trust the
            // server's self-signed certificate (-C)
            "mssql", "[\"CMD-SHELL\", \"/opt/mssql-tools18/bin/sqlcmd -S localhost -U sa -P \\\"$${MSSQL_SA_PASSWORD}\\\" -C"
                    + " -Q 'SELECT 1' -b -o /dev/null\"]",
            "postgres", "[\"CMD-SHELL\", \"pg_isready -U $${POSTGRES_USER:-postgres}\"]",
            "mysql", "[\"CMD\", \"mysqladmin\", \"ping\", \"-h\", \"127.0.0.1\"]",
            "mariadb", "[\"CMD\", \"healthcheck.sh\", \"--connect\", \"--innodb_initialized\"]",
            "redis", "[\"CMD\", \"redis-cli\", \"ping\"]",
            "valkey", "[\"CMD\", \"valkey-cli\", \"ping\"]",
            "mongo", MongoShell.composeTest("mongosh"),
            "rabbitmq", "[\"CMD\", \"rabbitmq-diagnostics\", \"-q\", \"ping\"]");

    @Override
    public void check(ReviewContext context) {
        // one finding for the services that merge one depends_on entry from an anchor
        Map<String, StartedOnly> startedOnly = new LinkedHashMap<>();
        Map<String, Undeclared> undeclared = new LinkedHashMap<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            Service.Healthcheck health = service.healthcheck();
            Location at = ComposeServices.keyed(service.node(), "healthcheck");
            if (health != null && at != null) {
                if (health.disabled() && (ComposeServices.runsToCompletion(context, service)
                        || ComposeJobs.isOneOff(service))) {
                    // a job that others wait to complete, or a one-off task: its exit says whether it worked
                } else if (health.disabled() && worker(context, service).map(w -> w.probe().isEmpty()).orElse(false)) {
                    // Celery beat or an RQ worker: no command of theirs tells they are alive, so off is the honest choice
                } else if (health.disabled()) {
                    boolean other = imageProbesOtherServer(context, service);
                    String own = worker(context, service).filter(w -> !w.probe().isEmpty())
                            .map(w -> "[\"CMD\", \"" + String.join("\", \"", w.probe()) + "\"]").orElse(null);
                    context.finding(this, switchedOff(health, at), "the healthcheck of " + service.name() + " is switched off ("
                                    + (health.disable() != null ? "disable: true" : "test: [\"NONE\"]") + ")"
                                    + (other ? ", rightly for " + ImageHealthchecks.of(ComposeServices.container(context, service))
                                            .orElseThrow().owner() + ", which probes a server that " + service.name()
                                            + " does not run, but"
                                            : imageCheck(context, service) + ":")
                                    + " a hung " + service.name()
                                    + " stays \"running\" and nothing that waits for it can know when it is ready")
                            // switched off rightly, with no probe of its own known: the health state of a service whose
                            // image has no HEALTHCHECK, which healthcheck-missing reports once for the image
                            .severity(other && own == null ? Severity.LOW : Severity.MEDIUM)
                            .recommendation(own != null ? "Replace the override with a probe of the worker itself: `test: "
                                    + own + "` (it answers when the worker is connected to its broker and takes jobs)."
                                    : other ? "Replace the override with a probe of what " + service.name() + " does."
                                    : "Remove the override, or replace it with a probe of what " + service.name() + " serves.")
                            .add();
                } else if ((!health.test().isEmpty() || effective(context, service) != null)
                        && !requestsUnservedPath(context, service)) {
                    String missing = missingProgram(context, service);
                    context.strength(this, at, missing == null ? describe(service.name(), health)
                            : describe(service.name(), health).replaceFirst(", so Compose and `docker ps` know when it"
                                    + " is healthy$", "; Compose and `docker ps` can tell when it is healthy once the"
                                    + " probe can run (the image has no " + missing + ": healthcheck-tool-missing)"));
                }
            }
            if (health == null && imageProbesOtherServer(context, service)
                    && !ComposeServices.runsToCompletion(context, service) && !ComposeJobs.isOneOff(service)) {
                inheritsServerProbe(context, ref);
            }
            undeclared(context, ref, undeclared);
            for (Service.Dependency dependency : service.dependsOn()) {
                if (dependency.conditionOrDefault().equals("service_healthy")) {
                    waitedFor(context, ref, dependency);
                } else if (dependency.conditionOrDefault().equals("service_started")) {
                    startedOnly(context, ref, dependency, startedOnly);
                    checkNotAwaited(context, ref, dependency);
                }
            }
        }
        startedOnly.values().forEach(group -> reportStartedOnly(context, group));
        undeclared.values().forEach(group -> reportUndeclared(context, group));
    }

    /** A setting that connects to a store no depends_on names, and the services that take it from one place. */
    private record Undeclared(StoreConnections.Connection connection, Dependants dependants) {}

    /** A depends_on entry that waits only for the start, and the services it is written for. */
    private record StartedOnly(Location at, Service.Dependency dependency, Dependants dependants) {}

    private void waitedFor(ReviewContext context, ComposeServices.Ref ref, Service.Dependency dependency) {
        Service target = ref.compose().services().get(dependency.service());
        if (target == null || target.healthcheck() != null && !target.healthcheck().disabled()) {
            return;
        }
        String state;
        if (target.healthcheck() != null) {
            state = "has its healthcheck switched off (" + ComposeServices.where(target.healthcheck().node()) + ")";
        } else {
            Container container = ComposeServices.container(context, target);
            if (container != null && container.build() != null) {
                if (ImageHealthchecks.of(container).isPresent()) {
                    return; // the Dockerfile's HEALTHCHECK, or the one its base image ends with
                }
                state = "has no healthcheck, neither in compose nor in " + container.build().dockerfile();
            } else if (imageOwnCheck(context, target).isPresent()) {
                return; // the image's own HEALTHCHECK (Mailpit's)
            } else if (target.image() != null && (withoutHealthcheck(target.image().value())
                    || known(context, target).map(k -> k.healthcheck() == ServerImages.ImageHealthcheck.NONE).orElse(false))) {
                state = "has no healthcheck, and the image " + target.image().value() + " defines none";
            } else {
                return; // another image may define a HEALTHCHECK drydock cannot see
            }
        }
        Location at = dependency.condition() != null ? ComposeServices.location(dependency.condition().node())
                : ComposeServices.location(dependency.nameNode());
        context.finding(this, at, ref.name() + " waits for " + target.name() + " to be healthy (condition:"
                        + " service_healthy) but " + target.name() + " " + state
                        + ": `docker compose up` stops with \"container " + target.name()
                        + " has no healthcheck configured\"")
                .recommendation(addHealthcheck(context, target))
                .add();
    }

    /**
     * The healthcheck to add to a service: a store's own client, a known server image's probe (its health route, with
     * a program the image has), or, for a known server that nothing inside its image can probe, what to do instead.
     */
    private static String addHealthcheck(ReviewContext context, Service target) {
        Optional<ServerImages.Image> known = store(target) != null ? Optional.empty() : known(context, target);
        String timing = ", interval: 10s, timeout: 5s, retries: 5, start_period: 30s}`";
        if (known.isPresent() && known.get().hasProbe()) {
            ServerImages.Image image = known.get();
            return "Add to " + target.name() + " a probe of " + (image.path() == null ? image.name() + " with its own command"
                            : image.name() + "'s " + image.route()) + ": `healthcheck: {test: " + image.composeTest() + timing
                    + (image.needs() == null ? "" : ", " + image.needs()) + ".";
        }
        if (known.isPresent()) {
            return "Give " + target.name() + " a healthcheck only with a probe that works in its image, or wait for it with"
                    + " condition: service_started instead: " + known.get().withoutProbe() + ".";
        }
        return "Add to " + target.name() + ": `healthcheck: {test: " + probe(target) + timing + ".";
    }

    /** The known server image a service runs ({@link ServerImages}), pulled or built on. */
    private static Optional<ServerImages.Image> known(ReviewContext context, Service target) {
        Container container = ComposeServices.container(context, target);
        if (container != null) {
            return ServerImages.run(container);
        }
        return target.image() == null ? Optional.empty()
                : ImageReference.tryParse(target.image().value()).flatMap(ServerImages::of);
    }

    /**
     * A dependency on a database, cache or broker that waits only for its container to start: the dependant
     * connects while the server still initializes.
     */
    private static void startedOnly(ReviewContext context, ComposeServices.Ref ref, Service.Dependency dependency,
            Map<String, StartedOnly> found) {
        Service target = ref.compose().services().get(dependency.service());
        String store = target == null || target.build() != null ? null : store(target);
        if (store == null) {
            ModelServerWait model = target == null ? null : ModelServerWait.of(target).orElse(null);
            if (model == null || asksModelsOnDemand(ref.service()) || ModelServerWait.of(ref.service()).isPresent()
                    || waits(context, ref.service(), target)) {
                return;
            }
        } else if (connectsOnDemand(ref.service()) || waits(context, ref.service(), target)) {
            return;
        }
        Location at = dependency.condition() != null ? ComposeServices.location(dependency.condition().node())
                : ComposeServices.location(dependency.nameNode());
        found.computeIfAbsent(at.file() + "#" + at.span(), k -> new StartedOnly(at, dependency, new Dependants()))
                .dependants().add(ref);
    }

    private void reportStartedOnly(ReviewContext context, StartedOnly group) {
        Dependants dependants = group.dependants();
        ComposeServices.Ref ref = dependants.first();
        Service.Dependency dependency = group.dependency();
        Service target = ref.compose().services().get(dependency.service());
        String store = target.build() != null ? null : store(target);
        String started = dependants.starts() + " as soon as the " + target.name() + " container has started"
                + (dependency.condition() == null ? " (depends_on without a condition waits for nothing more)"
                        : " (condition: service_started)");
        String where = dependants.where(context);
        if (store == null) {
            ModelServerWait model = ModelServerWait.of(target).orElseThrow();
            context.finding(this, group.at(), started + (model.loadsAtStart()
                            ? ", not when " + model.name() + " has loaded its model: it answers only then, after tens"
                                    + " of seconds for a small model and minutes for a large one (longer when the"
                                    + " weights are downloaded first), and until then the requests of "
                                    + dependants.names() + " fail"
                            : ", not when " + model.name() + " answers: its server takes a few seconds to listen, so the"
                                    + " first requests of " + dependants.names() + " can fail"))
                    .severity(model.loadsAtStart() ? Severity.MEDIUM : Severity.LOW)
                    .recommendation(waitForModel(where, target, model))
                    .fix(awaitHealthy(context, dependants, target))
                    .add();
            return;
        }
        context.finding(this, group.at(), started + ", not when " + storeName(store) + " accepts connections: "
                        + startWindow(store, dependants.names()))
                .severity(inMemory(store) ? Severity.LOW : Severity.MEDIUM)
                .recommendation(waitForHealthy(context, where, target, store))
                .fix(target.healthcheck() == null && imageOwnCheck(context, target).isEmpty()
                        ? checkAndAwait(context, dependants, target, store) : awaitHealthy(context, dependants, target))
                .add();
    }

    /**
     * A service whose environment connects to a database, cache or broker of the stack without any depends_on on it:
     * `docker compose up` starts both at once, and `docker compose up SERVICE` does not start the store at all.
     * A store itself connects only to a store of its own kind (a replica to its primary): the application's settings
     * it receives through a shared env_file (the broker URL in PostgreSQL's environment) are read by nothing in it.
     */
    private static void undeclared(ReviewContext context, ComposeServices.Ref ref, Map<String, Undeclared> found) {
        Service service = ref.service();
        if (connectsOnDemand(service) && !waitsForStores(service)) {
            return;
        }
        String own = store(service);
        boolean modelClient = own == null && ModelServerWait.of(service).isEmpty() && !asksModelsOnDemand(service);
        for (StoreConnections.Connection connection : StoreConnections.of(context.project(), ref.compose(), service,
                target -> target.build() == null
                        && (store(target) != null && (own == null || own.equals(store(target)))
                                || modelClient && ModelServerWait.of(target).isPresent())
                        && !ComposeServices.startsBefore(ref.compose(), service, target) && !waits(context, service, target))) {
            Location at = connection.at();
            boolean retries = store(connection.target()) != null && waitsForStores(service);
            found.computeIfAbsent(at.file() + "#" + at.span() + "#" + connection.target().name() + "#" + retries,
                    k -> new Undeclared(connection, new Dependants())).dependants().add(ref);
        }
    }

    private void reportUndeclared(ReviewContext context, Undeclared group) {
        StoreConnections.Connection connection = group.connection();
        Dependants dependants = group.dependants();
        ComposeServices.Ref ref = dependants.first();
        Service target = connection.target();
        String store = store(target);
        String who = dependants.names();
        String setting = dependants.one() ? who + "'s " + connection.setting().name()
                : "the " + connection.setting().name() + " of " + who;
        String none = dependants.one() ? who + " has no" : (dependants.size() == 2 ? "neither has a" : "none of them has a");
        String alone = "`docker compose up " + ref.name() + "` does not start " + target.name() + " at all";
        String head = setting + " connects to " + target.name() + " (" + target.image().value() + "), but " + none
                + " depends_on on it: ";
        String both = dependants.one() ? "both" : "them and " + target.name();
        if (store == null) {
            ModelServerWait model = ModelServerWait.of(target).orElseThrow();
            context.finding(this, connection.at(), head + "`docker compose up` starts " + both + " at once, so the first"
                            + " requests of " + who + " fail while " + (model.loadsAtStart() ? model.name()
                                    + " loads its model (minutes for a large one)" : model.name() + " starts")
                            + ", and " + alone)
                    .severity(model.loadsAtStart() ? Severity.MEDIUM : Severity.LOW)
                    .recommendation(waitForModel(dependants.where(context), target, model))
                    .fix(awaitHealthy(context, dependants, target))
                    .add();
            return;
        }
        boolean retries = waitsForStores(ref.service());
        context.finding(this, connection.at(), head + (retries ? (dependants.one() ? "its image waits" : "their image waits")
                                + " for " + storeName(store) + " when it starts, but " + alone + ", so it waits in vain"
                        : "`docker compose up` starts " + both + " at once, so the first connections of " + who
                                + " fail while " + storeName(store) + " initializes, and " + alone))
                .severity(retries ? Severity.LOW : Severity.MEDIUM)
                .recommendation(waitForHealthy(context, dependants.where(context), target, store))
                .fix(target.healthcheck() == null && imageOwnCheck(context, target).isEmpty()
                        ? checkAndAwait(context, dependants, target, store) : awaitHealthy(context, dependants, target))
                .add();
    }

    /**
     * Stores whose image has the probe drydock advises in every tag it runs: not MariaDB, whose healthcheck.sh
     * connects as a user that only data directories initialized by its newer images have, nor SQL Server, whose
     * sqlcmd moved between releases.
     */
    private static final Set<String> PROBED_IN_EVERY_TAG = Set.of("postgres", "mysql", "redis", "valkey", "mongo",
            "rabbitmq");

    /**
     * The store given the healthcheck its image can run, and the services made to wait for it: unsafe, since they
     * then start only once it is healthy. Null for stores drydock cannot probe in every tag, or where the edits are
     * not mechanical.
     */
    private static Fix checkAndAwait(ReviewContext context, Dependants dependants, Service target, String store) {
        if (!PROBED_IN_EVERY_TAG.contains(store)) {
            return null;
        }
        TextEdit check = ComposeEdits.addEntry(target.node(), List.of("image", "environment"), "healthcheck:\n"
                + "  test: " + probeOf(store, target) + "\n  interval: 10s\n  timeout: 5s\n  retries: 5\n"
                + "  start_period: 30s");
        if (check == null) {
            return null;
        }
        List<TextEdit> awaits = awaitEdits(dependants, target);
        if (awaits == null) {
            return null;
        }
        List<TextEdit> edits = new ArrayList<>(awaits);
        edits.add(0, check);
        return Fix.of("give " + target.name() + " a healthcheck and start " + dependants.names() + " once it is healthy",
                FixSafety.UNSAFE, edits);
    }

    /**
     * The edits that make the services wait for the target to be healthy: the one service's depends_on, the anchor's
     * entry they all merge, or each one's own; null when one of them is not mechanical.
     */
    private static List<TextEdit> awaitEdits(Dependants dependants, Service target) {
        TextEdit shared = dependants.one() ? null : DependsOnEdits.awaitShared(dependants.services(),
                dependants.first().compose().services().values(), target.name(), "service_healthy");
        if (shared != null) {
            return List.of(shared);
        }
        List<TextEdit> edits = new ArrayList<>();
        for (Service service : dependants.services()) {
            TextEdit edit = DependsOnEdits.await(service, target.name(), "service_healthy");
            if (edit == null) {
                return null;
            }
            edits.add(edit);
        }
        return edits;
    }

    /**
     * The dependant's depends_on made to wait for the target's healthcheck, when the target has one (its own, or its
     * image's) and that probe can pass; unsafe, since the dependant then starts only once the target is healthy, and
     * not at all if it never is.
     */
    private static Fix awaitHealthy(ReviewContext context, ComposeServices.Ref ref, Service target) {
        TextEdit edit = checkPasses(context, target) ? DependsOnEdits.await(ref.service(), target.name(), "service_healthy")
                : null;
        return edit == null ? null
                : Fix.of("start " + ref.name() + " once " + target.name() + " is healthy", FixSafety.UNSAFE, edit);
    }

    /** {@link #awaitHealthy(ReviewContext, ComposeServices.Ref, Service)} for services sharing one setting or entry. */
    private static Fix awaitHealthy(ReviewContext context, Dependants dependants, Service target) {
        if (dependants.one()) {
            return awaitHealthy(context, dependants.first(), target);
        }
        List<TextEdit> edits = checkPasses(context, target) ? awaitEdits(dependants, target) : null;
        return edits == null ? null : Fix.of("start " + dependants.names() + " once " + target.name() + " is healthy",
                FixSafety.UNSAFE, edits);
    }

    /** Whether the target has a healthcheck (its own, or its image's) whose probe can pass. */
    private static boolean checkPasses(ReviewContext context, Service target) {
        boolean checked = target.healthcheck() != null ? !target.healthcheck().disabled()
                : imageOwnCheck(context, target).isPresent();
        return checked && missingProgram(context, target) == null && !requestsUnservedPath(context, target);
    }

    /**
     * condition: service_healthy on a dependency whose healthcheck (compose's, or its image's HEALTHCHECK) can pass:
     * its program is in the image and it asks a path the application serves.
     */
    private static Fix awaitWorkingCheck(ReviewContext context, ComposeServices.Ref ref, Service target) {
        if (missingProgram(context, target) != null || requestsUnservedPath(context, target)) {
            return null;
        }
        TextEdit edit = DependsOnEdits.await(ref.service(), target.name(), "service_healthy");
        return edit == null ? null
                : Fix.of("start " + ref.name() + " once " + target.name() + " is healthy", FixSafety.UNSAFE, edit);
    }

    /** The known server image the target runs when that image defines its own HEALTHCHECK (Mailpit's). */
    private static Optional<ServerImages.Image> imageOwnCheck(ReviewContext context, Service target) {
        return known(context, target).filter(k -> k.healthcheck() == ServerImages.ImageHealthcheck.OWN);
    }

    private static String waitForHealthy(ReviewContext context, ComposeServices.Ref ref, Service target, String store) {
        return waitForHealthy(context, ref.name(), target, store);
    }

    /** How to wait for a store's healthcheck, with the depends_on written {@code where} (a service, or an anchor). */
    private static String waitForHealthy(ReviewContext context, String where, Service target, String store) {
        boolean checked = target.healthcheck() != null && !target.healthcheck().disabled();
        Optional<ServerImages.Image> ownCheck = target.healthcheck() != null ? Optional.empty()
                : imageOwnCheck(context, target);
        String wait = "`depends_on: {" + target.name() + ": {condition: service_healthy}}` in " + where;
        String missing = checked ? missingProgram(context, target) : null;
        if (missing != null) {
            return "Make the healthcheck of " + target.name() + " runnable first (it runs " + missing + ", which its image"
                    + " does not contain: healthcheck-tool-missing), then wait for it: " + wait + ".";
        }
        return checked || ownCheck.isPresent()
                ? "Wait for its healthcheck" + ownCheck.map(k -> " (" + k.name() + "'s image defines its own HEALTHCHECK)")
                        .orElse("") + ": " + wait + "."
                : "Give " + target.name() + " a healthcheck, `healthcheck: {test: " + probeOf(store, target)
                        + ", interval: 10s, timeout: 5s, retries: 5, start_period: 30s}`, and wait for it: " + wait + ".";
    }

    /**
     * How to wait for an inference server: its healthcheck, with a start period its model load fits in, and
     * condition: service_healthy.
     */
    private static String waitForModel(ComposeServices.Ref ref, Service target, ModelServerWait model) {
        return waitForModel(ref.name(), target, model);
    }

    private static String waitForModel(String where, Service target, ModelServerWait model) {
        boolean checked = target.healthcheck() != null && !target.healthcheck().disabled();
        String wait = "`depends_on: {" + target.name() + ": {condition: service_healthy}}` in " + where;
        if (checked) {
            return "Wait for its healthcheck: " + wait + (model.loadsAtStart() ? " (with a start_period long enough for"
                    + " the model to load)" : "") + ".";
        }
        String health = "`healthcheck: {test: " + model.composeTest() + ", interval: 10s, timeout: 5s, retries: 5,"
                + " start_period: " + model.startPeriod() + "}`";
        return model.loadsAtStart()
                ? "Give " + target.name() + " a healthcheck, " + model.probe() + ", with a start period the"
                        + " model load fits in (a probe that succeeds ends it early): " + health + ", and wait for it: "
                        + wait + "."
                : "Give " + target.name() + " a healthcheck with " + model.probe() + ": " + health + ", and wait for"
                        + " it: " + wait + ". It tells that the server answers, not that a model is loaded: " + model.name()
                        + " loads one at the first request for it, which waits for the load.";
    }

    /**
     * Pulled images that send a model server nothing of their own when they start: Open WebUI, which asks for the
     * models each time a page loads, the Immich server, which sends its machine learning service the jobs it
     * queues, and reverse proxies, which pass requests on (a 502 until the server answers).
     */
    private static final Set<String> ON_DEMAND_MODEL_CLIENTS = Set.of("ghcr.io/open-webui/open-webui",
            "ghcr.io/immich-app/immich-server", "nginx",
            "nginxinc/nginx-unprivileged", "httpd", "haproxy", "envoyproxy/envoy");

    /**
     * Whether the service connects to a model server only when asked: Open WebUI, a reverse proxy, or a known server
     * image (Traefik, Caddy, Prometheus, Grafana ...), which proxies, scrapes or queries it on demand.
     */
    private static boolean asksModelsOnDemand(Service service) {
        Optional<ImageReference> image = ComposeServices.pulledImage(service);
        return image.isPresent() && (ON_DEMAND_MODEL_CLIENTS.contains(image.get().familiarName().toLowerCase(Locale.ROOT))
                || ServerImages.of(image.get()).isPresent());
    }

    /**
     * Clients that connect to a server once and tell whether it answered: run again until they succeed (in an
     * {@code until} or {@code while} loop, or a {@code for} loop that breaks out), they wait for it.
     */
    private static final Set<String> CLIENTS = Set.of("pg_isready", "psql", "mysqladmin", "mariadb-admin", "mysql",
            "mariadb", "redis-cli", "valkey-cli", "mongosh", "mongo", "sqlcmd", "nc", "ncat", "netcat", "curl", "wget");
    /**
     * Django management commands that retry until the configured database accepts connections: django-probes'
     * {@code wait_for_database} and the common custom {@code wait_for_db}.
     */
    private static final Pattern DJANGO_DATABASE_WAIT = Pattern.compile("wait_?for_?(db|database)");
    /** The stores Django's DATABASES setting can name. */
    private static final Set<String> SQL_STORES = Set.of("postgres", "mysql", "mariadb", "mssql");

    /**
     * Whether the service's start waits for the store before its program runs ({@link StartWaits}: its command's
     * script, its image's entry-point scripts): a waiting tool given the store's address (wait-for-it, wait-for,
     * dockerize -wait), a client run in a loop that names the store or a variable holding its host ({@code until
     * pg_isready -h db}, {@code while ! nc -z $SQL_HOST $SQL_PORT}, {@code while ! </dev/tcp/db/5432}), a connection
     * attempt with the store's client library run in a loop ({@code until postgres_ready; do sleep 1; done}, where
     * postgres_ready runs Python that calls psycopg2.connect), or, for a SQL database, Django's {@code wait_for_db} or
     * {@code wait_for_database}, as the start scripts of many Django, Flask and FastAPI images do. A mention in a
     * message, a comment or a string waits for nothing.
     */
    private static boolean waits(ReviewContext context, Service service, Service target) {
        Container container = ComposeServices.container(context, service);
        if (container == null) {
            return false;
        }
        Pattern named = Pattern.compile("(^|[^\\w.-])" + Pattern.quote(target.name()) + "([^\\w.-]|$)");
        String kind = store(target);
        Map<String, String> written = new java.util.HashMap<>();
        for (WrittenEnvironment.Setting setting : WrittenEnvironment.of(context.project(), service)) {
            written.putIfAbsent(setting.name(), setting.value());
        }
        Predicate<String> names = text -> named.matcher(text).find() || namesThroughVariable(text, named, kind, written);
        if (StartWaits.addresses(context, container).stream().anyMatch(names)) {
            return true;
        }
        Pattern connect = kind == null ? null : CLIENT_CONNECT.get(kind);
        for (StartWaits.Step step : StartWaits.steps(context, container)) {
            Command command = step.command();
            if (step.repeated() && (CLIENTS.contains(command.name()) && command.argumentValues().stream().anyMatch(names)
                    || command.redirects().stream().anyMatch(r -> r.target() != null
                            && r.target().value().startsWith("/dev/tcp/") && names.test(r.target().value()))
                    || connect != null && command.name().startsWith("python") && connects(command, connect))) {
                return true;
            }
            if (kind != null && SQL_STORES.contains(kind) && DJANGO_DATABASE_WAIT.matcher(step.djangoCommand()).matches()) {
                return true;
            }
        }
        return false;
    }

    /** Whether a Python command calls the client library's connect, in its arguments or the here-document it reads. */
    private static boolean connects(Command command, Pattern connect) {
        return command.argumentValues().stream().anyMatch(a -> connect.matcher(a).find())
                || command.redirects().stream().anyMatch(r -> r.hereDoc() != null && r.hereDoc().body() != null
                        && connect.matcher(r.hereDoc().body().value()).find());
    }

    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_]\\w*)");

    /**
     * Whether a line names the store through a variable: one the service's environment sets to a value naming the
     * store ({@code SQL_HOST=db}), or, when the environment does not set it, one whose name says the store's kind
     * ({@code $POSTGRES_HOST} for PostgreSQL, {@code $REDIS_URL} for Redis).
     */
    private static boolean namesThroughVariable(String line, Pattern named, String kind, Map<String, String> written) {
        Matcher m = VARIABLE.matcher(line);
        while (m.find()) {
            String variable = m.group(1);
            String value = written.get(variable);
            if (value != null ? named.matcher(value).find()
                    : kind != null && KIND_WORDS.getOrDefault(kind, Set.of()).stream()
                            .anyMatch(word -> variable.toUpperCase(Locale.ROOT).contains(word))) {
                return true;
            }
        }
        return false;
    }

    /** Words in the name of a variable that holds a store's address, by the store's kind. */
    private static final Map<String, Set<String>> KIND_WORDS = Map.of(
            "postgres", Set.of("POSTGRES", "PG", "DB", "DATABASE", "SQL"),
            "mysql", Set.of("MYSQL", "DB", "DATABASE", "SQL"),
            "mariadb", Set.of("MARIADB", "MYSQL", "DB", "DATABASE", "SQL"),
            "mssql", Set.of("MSSQL", "DB", "DATABASE", "SQL"),
            "redis", Set.of("REDIS", "CACHE"),
            "valkey", Set.of("VALKEY", "REDIS", "CACHE"),
            "mongo", Set.of("MONGO"),
            "rabbitmq", Set.of("RABBIT", "AMQP", "BROKER"));

    /** A connection attempt with a store's client library, as a start script's wait loop runs it. */
    private static final Map<String, Pattern> CLIENT_CONNECT = Map.of(
            "postgres", Pattern.compile("\\b(psycopg2?|asyncpg)\\.connect\\("),
            "mysql", Pattern.compile("\\b(MySQLdb|pymysql|mysql\\.connector)\\.connect\\("),
            "mariadb", Pattern.compile("\\b(MySQLdb|pymysql|mysql\\.connector|mariadb)\\.connect\\("));

    /** Database web consoles that connect only when someone logs in, not when they start. */
    private static final Set<String> ON_DEMAND_CONSOLES = Set.of("adminer", "phpmyadmin", "phpmyadmin/phpmyadmin",
            "dpage/pgadmin4");

    /**
     * Application images whose own start waits for their stores or retries them: Nextcloud (PHP connects per request,
     * its entry point retries the installation ten times, ten seconds apart), Gitea and Forgejo (DB_RETRIES, ten
     * attempts three seconds apart by default), paperless-ngx (its init waits for Redis and PostgreSQL).
     */
    private static final Set<String> WAITING_APPLICATIONS = Set.of("nextcloud", "gitea/gitea",
            "codeberg.org/forgejo/forgejo", "ghcr.io/paperless-ngx/paperless-ngx", "paperlessngx/paperless-ngx");

    /**
     * Whether nothing fails while the store starts: a database console (adminer, phpMyAdmin, pgAdmin) connects when
     * someone logs in, and some applications wait for their stores themselves.
     */
    private static boolean connectsOnDemand(Service service) {
        return ON_DEMAND_CONSOLES.contains(imageName(service)) || waitsForStores(service);
    }

    /** Whether the service's image waits for or retries its stores when it starts (Nextcloud, Gitea, paperless-ngx). */
    private static boolean waitsForStores(Service service) {
        return WAITING_APPLICATIONS.contains(imageName(service));
    }

    private static String imageName(Service service) {
        return ComposeServices.pulledImage(service).map(ref -> ref.familiarName().toLowerCase(Locale.ROOT)).orElse("");
    }

    /** The {@code disable: true} or {@code test: ["NONE"]} entry that turns the check off. */
    private static Location switchedOff(Service.Healthcheck health, Location fallback) {
        if (health.disable() != null && Boolean.TRUE.equals(health.disable().value())) {
            return ComposeServices.keyed(health.disable());
        }
        Location test = ComposeServices.keyed(health.node(), "test");
        return test != null ? test : fallback;
    }

    /**
     * A depends_on that waits only for the container to start although the service has a healthcheck (in
     * compose or in its Dockerfile): Compose could wait until it is healthy, at no cost.
     */
    private void checkNotAwaited(ReviewContext context, ComposeServices.Ref ref, Service.Dependency dependency) {
        Service target = ref.compose().services().get(dependency.service());
        if (target == null || dependency.condition() != null || store(target) != null && target.build() == null
                || ModelServerWait.of(target).isPresent()) {
            return;
        }
        String source;
        if (target.healthcheck() != null) {
            if (target.healthcheck().disabled() || target.healthcheck().test().isEmpty()
                    && effective(context, target) == null) {
                return;
            }
            source = "its healthcheck (" + ComposeServices.where(target.healthcheck().node()) + ")";
        } else {
            Optional<ImageHealthchecks.Inherited> image = ImageHealthchecks.of(ComposeServices.container(context, target));
            if (image.isEmpty()) {
                return;
            }
            source = image.get().owner();
        }
        context.finding(this, ComposeServices.location(dependency.nameNode()), ref.name() + " waits only for "
                        + target.name() + " to start (depends_on without a condition), although " + target.name()
                        + " has " + source + ": " + ref.name() + " may start while " + target.name()
                        + " cannot serve yet")
                .severity(Severity.LOW)
                .recommendation("Wait for the healthcheck: `depends_on: {" + target.name()
                        + ": {condition: service_healthy}}` in " + ref.name() + ".")
                .fix(awaitWorkingCheck(context, ref, target))
                .add();
    }

    private static String probe(Service target) {
        String store = store(target);
        return store != null ? probeOf(store, target)
                : "[\"CMD\", ...a command that succeeds only when " + target.name() + " serves...]";
    }

    /** The probe of a store's image: for MongoDB, with the shell the image's version has (MongoShell). */
    private static String probeOf(String store, Service target) {
        if (store.equals("mongo") && target.image() != null) {
            return MongoShell.composeTest(MongoShell.of(ImageReference.tryParse(target.image().value()).orElse(null)));
        }
        return PROBES.get(store);
    }

    /** Redis and Valkey: they listen at once and answer as soon as their data file is loaded. */
    private static boolean inMemory(String store) {
        return store.equals("redis") || store.equals("valkey");
    }

    /**
     * How long the store takes before it serves, in words: Redis and Valkey load their RDB or AOF file (milliseconds
     * for a small dataset), RabbitMQ boots its Erlang node and plugins, the databases create and initialize a fresh
     * data directory.
     */
    private static String startWindow(String store, String dependant) {
        String name = storeName(store);
        if (inMemory(store)) {
            return "until " + name + " has loaded its RDB or AOF file (milliseconds for a small dataset, longer for a"
                    + " large one) it answers commands with a LOADING error, so the first commands of " + dependant
                    + " can fail";
        }
        if (store.equals("rabbitmq")) {
            return "while its Erlang node and plugins boot (several seconds) the first connections of " + dependant
                    + " fail";
        }
        return "while it initializes (on a fresh volume it first creates the database and runs its init scripts:"
                + " seconds) the first connections of " + dependant + " fail";
    }

    /** The server a key of {@link #PROBES} stands for: PostgreSQL for postgres, SQL Server for mssql. */
    private static String storeName(String store) {
        return store.equals("mssql") ? "SQL Server" : DataStores.named(store).orElseThrow();
    }

    /** The kind of server a pulled image runs, a key of {@link #PROBES} (postgres, redis, mssql ...), or null. */
    private static String store(Service target) {
        Optional<String> name = DataStores.imageName(target);
        if (name.isPresent() && name.get().endsWith("mssql/server")) {
            return "mssql";
        }
        if (name.isPresent()) {
            String base = name.get().substring(name.get().lastIndexOf('/') + 1);
            for (String key : PROBES.keySet()) {
                if (base.equals(key) || base.equals(key + "ql")) {
                    return key;
                }
            }
            // PostgreSQL under another name (postgis/postgis, timescale/timescaledb, pgvector/pgvector): pg_isready
            if (DataStores.ofImageName(name.get()).filter("PostgreSQL"::equals).isPresent()) {
                return "postgres";
            }
        }
        return null;
    }

    /** Official and Bitnami images define no HEALTHCHECK (their documentation leaves it to the user). */
    private static boolean withoutHealthcheck(String image) {
        Optional<ImageReference> ref = ImageReference.tryParse(image);
        if (ref.isEmpty() || !ref.get().isImage()) {
            return false;
        }
        return OfficialImages.published(ref.get()) || ref.get().familiarName().startsWith("bitnami/");
    }

    /** The queue worker or scheduler a service runs, if it runs one. */
    private static Optional<TaskWorkers.TaskWorker> worker(ReviewContext context, Service service) {
        Container c = ComposeServices.container(context, service);
        return c == null ? Optional.empty() : TaskWorkers.of(context, c);
    }

    /** What the probe in effect runs that the container lacks (healthcheck-tool-missing reports it), or null. */
    private static String missingProgram(ReviewContext context, Service service) {
        Container c = ComposeServices.container(context, service);
        return c == null ? null : Probes.missingProgram(Probes.of(c.healthcheck()), ImageContents.of(c));
    }

    /** Whether the probe in effect requests a path the application does not serve (healthcheck-endpoint-missing). */
    private static boolean requestsUnservedPath(ReviewContext context, Service service) {
        Container c = ComposeServices.container(context, service);
        Probes.Failure failure = c == null ? null : Probes.failure(context, c.healthcheck(), c, Apps.of(context, c));
        return failure != null && failure.rule().equals("healthcheck-endpoint-missing");
    }

    private static EffectiveHealthcheck effective(ReviewContext context, Service service) {
        Container c = ComposeServices.container(context, service);
        return c == null ? null : c.healthcheck();
    }

    /**
     * A service that runs a queue worker or scheduler (or a command that names itself one: worker.py, bin/consumer)
     * from the web application's image and sets no healthcheck of its own: it inherits the image's HEALTHCHECK, which
     * asks the server for a local URL or Octane's status, and nothing in it answers.
     */
    private void inheritsServerProbe(ReviewContext context, ComposeServices.Ref ref) {
        Service service = ref.service();
        Container c = ComposeServices.container(context, service);
        ImageHealthchecks.Inherited probe = ImageHealthchecks.of(c).orElseThrow();
        Location at = ComposeServices.keyed(service.node(), service.command() != null ? "command" : "entrypoint");
        String fails = serverProbeFails(probe.check(), service.name());
        Optional<TaskWorkers.TaskWorker> worker = worker(context, service);
        String written = commandText(service);
        if (at == null || fails == null
                || worker.isEmpty() && (written == null || !WORKER_WORD.matcher(written).find()
                        || SERVING_WORD.matcher(written).find())) {
            return;
        }
        String runs = worker.map(w -> w.display() + (written == null ? "" : " (`" + written + "`)"))
                .orElse("`" + written + "`, not the image's server,");
        List<String> waiting = ref.compose().services().values().stream()
                .filter(other -> other.dependsOn().stream().anyMatch(d -> d.service().equals(service.name())
                        && d.conditionOrDefault().equals("service_healthy")))
                .map(Service::name).toList();
        context.finding(this, at, service.name() + " runs " + runs + " and sets no healthcheck, so it inherits the"
                        + probe.owner().replaceFirst("^the ", " ") + " (" + (probe.written() ? "" : "FROM at ")
                        + "line " + probe.at().line() + ", `" + dev.drydock.core.rules.support.ShortText.of(String.join(" ",
                                probe.check().test().subList(1, probe.check().test().size())), 80) + "`): " + fails
                        + ", so every probe fails and "
                        + service.name() + " is marked unhealthy for as long as it runs"
                        + (waiting.isEmpty() ? "" : "; " + String.join(" and ", waiting) + " wait"
                                + (waiting.size() == 1 ? "s" : "") + " for it with condition: service_healthy and never"
                                + " start" + (waiting.size() == 1 ? "s" : "")))
                .severity(waiting.isEmpty() ? Severity.MEDIUM : Severity.HIGH)
                .recommendation("Give " + service.name() + " " + ownProbe(context, service, worker.orElse(null)) + ".")
                .breaks(probe.at())
                .add();
    }

    /** A word of a command that says it runs background work (worker.py, bin/consumer, run-jobs), where nothing else tells. */
    private static final Pattern WORKER_WORD = Pattern.compile(
            "(?i)(?<![a-z])(workers?|consumers?|scheduler|cron|jobs|queue|beat)(?![a-z])");
    /** A word of a command that says it serves (start-server, web.sh, http-api). */
    private static final Pattern SERVING_WORD = Pattern.compile("(?i)(?<![a-z])(serve|server|web|http|https|api)(?![a-z])");

    /** The service's entrypoint and command as one line, or null when it sets neither. */
    private static String commandText(Service service) {
        List<String> words = new ArrayList<>();
        for (Service.Command written : new Service.Command[] {service.entrypoint(), service.command()}) {
            if (written != null) {
                written.words().forEach(w -> words.add(w.value()));
            }
        }
        return words.isEmpty() ? null : String.join(" ", words);
    }

    /**
     * Why a probe of the image's server fails in a container that does not run it: it requests a local URL, or asks
     * Laravel Octane for its status; null for a probe that may pass there (a process or file check, a script drydock
     * cannot read, one that falls back to another check).
     */
    private static String serverProbeFails(EffectiveHealthcheck hc, String service) {
        Probes.Probe probe = Probes.of(hc);
        if (probe == null || Probes.fallsBack(hc)) {
            return null;
        }
        if (String.join(" ", hc.test()).matches("(?s).*\\bartisan\\s+octane:status\\b.*")) {
            return "octane:status reports whether an Octane server runs in the container, and none is started in "
                    + service;
        }
        return probe.urls().stream().filter(Probes.Url::local).findFirst()
                .map(u -> "nothing in " + service + " listens" + (u.port() == null ? "" : " on port " + u.port())
                        + " to answer " + u.text())
                .orElse(null);
    }

    /** The healthcheck to recommend for a worker: its own probe, a process check, or switching the inherited one off. */
    private static String ownProbe(ReviewContext context, Service service, TaskWorkers.TaskWorker worker) {
        EntryPoint ep = ComposeServices.container(context, service).entryPoint();
        if (ep != null && ep.runtime() == Runtime.CELERY && "worker".equals(ep.option("command"))) {
            String app = ep.option("app");
            return "a probe of the worker itself: `healthcheck: {test: [\"CMD-SHELL\", \"celery" + (app == null ? "" : " -A " + app)
                    + " inspect ping -d celery@$$HOSTNAME\"], interval: 60s, timeout: 20s}` (it answers when the worker is"
                    + " connected to its broker and takes tasks; it needs remote control, which Celery enables by default)";
        }
        if (worker != null && !worker.probe().isEmpty()) {
            return "a probe of " + worker.display() + " itself: `healthcheck: {test: " + Probes.composeTest(worker.probe())
                    + ", interval: 60s, timeout: 20s}`";
        }
        if (worker != null && worker.display().equals("a Sidekiq process")) {
            return "a process check, `healthcheck: {test: [\"CMD-SHELL\", \"pgrep -f sidekiq\"]}` (pgrep comes with"
                    + " procps, which the image must have), or `healthcheck: {disable: true}`";
        }
        return "`healthcheck: {disable: true}`, since " + (worker == null ? "it" : worker.display())
                + " answers no request, or a check of what it does";
    }

    /** Whether the image has a HEALTHCHECK and the service runs another command than the server it probes. */
    private static boolean imageProbesOtherServer(ReviewContext context, Service service) {
        Container c = ComposeServices.container(context, service);
        return ImageHealthchecks.of(c).isPresent() && AppFacts.runsOtherCommand(c);
    }

    private static String imageCheck(ReviewContext context, Service service) {
        return ImageHealthchecks.of(ComposeServices.container(context, service)).map(i -> ", which also turns off " + i.owner())
                .orElse("");
    }

    private static String describe(String name, Service.Healthcheck health) {
        List<String> test = health.test().stream().map(Located::value).toList();
        String probe;
        if (test.isEmpty()) {
            probe = "the image's probe";
        } else if (test.get(0).equals("CMD") || test.get(0).equals("CMD-SHELL")) {
            probe = "`" + String.join(" ", test.subList(1, test.size())) + "`";
        } else {
            probe = "`" + String.join(" ", test) + "`";
        }
        List<String> timing = new ArrayList<>();
        if (health.timeout() != null) {
            timing.add(health.timeout().value().text() + " timeout");
        }
        if (health.retries() != null) {
            timing.add(health.retries().value() + " retries");
        }
        if (health.startPeriod() != null) {
            timing.add(health.startPeriod().value().text() + " start period");
        }
        return name + " is probed " + (health.interval() != null ? "every " + health.interval().value().text() + " " : "")
                + "with " + probe + (timing.isEmpty() ? "" : " (" + String.join(", ", timing) + ")")
                + ", so Compose and `docker ps` know when it is healthy";
    }
}
