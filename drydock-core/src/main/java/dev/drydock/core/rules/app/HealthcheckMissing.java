package dev.drydock.core.rules.app;

import dev.drydock.core.rules.support.ManagementPort;
import dev.drydock.core.rules.support.GrpcHealthProbe;
import dev.drydock.core.rules.support.ServerTls;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.FileOnlyImage;
import dev.drydock.core.rules.support.FinalUser;
import dev.drydock.core.rules.support.GoPrograms;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.DataStores;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.KamalDeploy;
import dev.drydock.core.rules.support.ListeningPorts;
import dev.drydock.core.rules.support.LocallyBuiltImages;
import dev.drydock.core.rules.support.FlyDeploy;
import dev.drydock.core.manifest.FlyToml;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.KustomizeOverlays;
import dev.drydock.core.rules.support.KubernetesHealth;
import dev.drydock.core.rules.support.NginxConfigs;
import dev.drydock.core.rules.support.OneShotJobs;
import dev.drydock.core.rules.support.ProbeEdits;
import dev.drydock.core.rules.support.ProtocolPorts;
import dev.drydock.core.rules.support.HttpdPorts;
import dev.drydock.core.rules.support.GoHealthFlag;
import dev.drydock.core.rules.support.ServerProbes;
import dev.drydock.core.rules.support.ServerImages;
import dev.drydock.core.rules.support.TaskWorkers;
import dev.drydock.core.rules.support.TaskWorkers.TaskWorker;
import dev.drydock.core.rules.support.ModelLoads;
import dev.drydock.core.rules.support.PackagedServers;
import dev.drydock.core.rules.support.PhpServerPorts;
import dev.drydock.core.rules.support.RoadRunnerConfig;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.edit.TextEdit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

@RuleDefinition(
        id = "healthcheck-missing",
        title = "Image has no HEALTHCHECK",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The stage the container's image is built from (and the stages it builds on) for a HEALTHCHECK."
                + " Quiet when there is one, including a deliberate HEALTHCHECK NONE, and when compose disables the"
                + " healthcheck (disable: true, test: [\"NONE\"]), and for an image another Dockerfile of the project"
                + " starts FROM (the tag a build of the project or a compose service's image: gives it): the images"
                + " built on it know what they serve and are reviewed for their own. For a container that serves requests (ports"
                + " published or exposed, a web server or application found, or an nginx service of the compose project"
                + " passing requests to it with proxy_pass): critical when a compose file of the"
                + " project probes it with a probe that cannot succeed in the image (a program it lacks, a path the"
                + " application does not serve: the message names the rule that reports the probe), since the project"
                + " relies on a health state that never comes; low when every compose service that runs the image"
                + " probes it with a probe that works (Compose and Swarm stacks know its health; only the image run"
                + " another way, such as `docker run`, has none), and when the services that run the image without a"
                + " probe run it with another command than the probed one (a web server's cron and workers, where a"
                + " HEALTHCHECK in the image would run too, and the recommendation says to switch it off there);"
                + " medium otherwise (nothing in the project checking its"
                + " health, a service of the image left unprobed, or a lone Dockerfile, whose platform, such as"
                + " Kubernetes, which ignores HEALTHCHECK, ECS or Cloud Run, usually probes it with its own"
                + " settings); low for an application a Kamal config/deploy.yml beside the build context deploys"
                + " behind kamal-proxy, which requests proxy.healthcheck.path (/up) on proxy.app_port (80) while a"
                + " deploy waits for the new container but stops once it is up, so the HEALTHCHECK only adds Docker's"
                + " own health state afterwards (proxy: false on the primary role, or a builder.dockerfile naming"
                + " another Dockerfile, keeps it medium); the recommended probe asks kamal-proxy's path when the"
                + " application's routes cannot tell, and when another role of that file runs a cmd: of its own"
                + " without kamal-proxy (a job role's bin/jobs), whose containers Kamal boots by waiting for them to"
                + " be healthy when the image has a HEALTHCHECK, the recommendation says to switch it off there"
                + " (options: no-healthcheck) and no fix is offered. Low as well for an application a fly.toml in the"
                + " build context deploys on Fly.io with an HTTP check ([[http_service.checks]],"
                + " [[services.http_checks]] or a [checks] entry of type http): Fly routes requests away from a Machine"
                + " that fails it but does not restart it, and the recommended probe asks the check's path when the"
                + " application's routes cannot tell."
                + " For an image no compose file runs and that containers of the project's Kubernetes manifests run"
                + " (a Deployment, StatefulSet, DaemonSet, Job, CronJob or Pod whose image is the one the Dockerfile"
                + " builds: the same name as a compose service's or a CI build's, else the same last path segment as"
                + " the build context's folder or the project's only Dockerfile's project folder, never an official"
                + " image or one of a vendor's namespace such as bitnami/): Kubernetes ignores"
                + " HEALTHCHECK and checks the container only with the pod's livenessProbe and readinessProbe, so info"
                + " when every such container has both (the HEALTHCHECK would only serve `docker run` and Compose"
                + " users of the image; the message names the manifest's probes), low when one has only one of them,"
                + " and medium when one has neither, with the manifest and container to add them to named first; an"
                + " httpGet probe of the manifests (that not every kustomize overlay replaces) of a path the"
                + " application does not serve counts as a probe all the same: healthcheck-endpoint-missing reports"
                + " it, so this message only points there and the recommended probe does not ask that path."
                + " Where the application names no health endpoint of its own (no health route, no framework health"
                + " module such as Spring Boot's actuator, whose liveness and readiness groups only exist under"
                + " Kubernetes, no packaged server's documented one), the recommended probe and its fix ask the path of"
                + " the manifests' livenessProbe, which means what Docker's health state means (a container that stops"
                + " answering is restarted), else of their readinessProbe, else of their startupProbe (plain HTTP"
                + " only, and not one the application's routes show it does not serve), on the probe's port (a named"
                + " port resolved through the container's ports) unless the manifest may move the server (args of its"
                + " own, a port or address variable in its env), where the image's own port stays; the port alone is"
                + " taken where drydock finds none in the image. An application's own health route wins over a"
                + " differing probe path (the recommendation names both)."
                + " Low when it serves nothing drydock can see (a worker, a job, a command-line tool: no"
                + " port, no server in its command or among the programs its supervisord starts, no address to listen"
                + " on such as HOST=0.0.0.0 in its environment; Next's standalone server.js and a Mix release with"
                + " PHX_SERVER set count as servers, on PORT or 3000 and 4000; so do the servers of data and"
                + " machine-learning tools, probed at the health endpoint each documents: Jupyter's /api on 8888,"
                + " Airflow's webserver /health and api-server /api/v2/monitor/health on 8080, Dagster's webserver"
                + " /server_info on 3000 (Dagster's code server, dagster api grpc, speaks gRPC: its own"
                + " dagster api grpc-health-check is recommended and no fix is offered), MLflow's /health on 5000,"
                + " vLLM's /health on 8000, text-generation-inference's /health on PORT, 80 in its image, BentoML's /readyz on 3000, Streamlit's"
                + " /_stcore/health, and a Gradio launch() in the code, whose page is at / on 7860; for vLLM and"
                + " text-generation-inference, which load a model's weights before they answer, the recommended probe"
                + " has a start period of " + PackagedServers.MODEL_START_PERIOD + " instead of 30s; when the server"
                + " takes only TLS on the port (as healthcheck-endpoint-missing tells it: nginx's listen ... ssl, the"
                + " Python servers' certificate options, Spring Boot's server.ssl, Quarkus' HTTPS port, Kestrel's"
                + " https:// URLs), the probe requests https:// without checking the certificate, which does not name"
                + " localhost: Python's ssl._create_unverified_context(), Node's rejectUnauthorized: false, wget"
                + " --no-check-certificate, curl -k),"
                + " with a probe of a Celery worker's own or HEALTHCHECK NONE"
                + " recommended instead of an HTTP one, and for an image whose command is a bare interpreter (a runtime"
                + " base image: the images built on it are the ones to probe). Medium for a stock server such as"
                + " postgres or nginx (the Docker official images leave"
                + " the probe to the images and compose files built on them; drydock recommends the server's own check,"
                + " pg_isready, redis-cli ping, traefik healthcheck, a ping with mongosh, or with the legacy mongo shell for"
                + " the mongo images before 5.0, which lack mongosh, and for php-fpm, which speaks FastCGI and no HTTP,"
                + " its ping page asked with cgi-fcgi, also when supervisord runs it as the image's server program), and the server's own check, not an HTTP probe, for one whose"
                + " every port is a well-known port of another protocol (DNS on 53, SMTP, MQTT) and for an application"
                + " of unknown routes that listens on a broker's or database's port (9092 Kafka, 5432 PostgreSQL ...);"
                + " low instead for a stock server the Dockerfile itself installs on an operating-system image (debian,"
                + " ubuntu, alpine, busybox: its command is not the base image's) when no compose file, Kubernetes"
                + " manifest or Kamal config of the project runs it: the Dockerfile builds that server's image for"
                + " others, who know what healthy means for their use, which is why the Docker official images leave"
                + " HEALTHCHECK out;"
                + " medium for an image built FROM a published server image drydock knows that keeps its server (no"
                + " ENTRYPOINT of its own, a command of flags or of the server's sub-commands), with a probe of that"
                + " server's own health route and port, or its own check, run with a program its image has (Prometheus's"
                + " /-/healthy with BusyBox wget, Gitea's /api/healthz with curl, consul members, MinIO's mc ready local)"
                + " and what must be enabled for it (Keycloak's KC_HEALTH_ENABLED=true); the fix adds it where the image's"
                + " programs hold in every release and nothing needs enabling (Prometheus, Consul, Gitea); for a server"
                + " whose image holds nothing that can probe it (Loki, Alertmanager, the OpenTelemetry Collector) the"
                + " recommendation says so and makes up no route;"
                + " nothing"
                + " for an image built on a Jupyter Docker Stacks notebook image (quay.io/jupyter/*-notebook) or on a"
                + " server variant of serversideup/php (fpm, fpm-nginx, fpm-apache, unit), which end with a"
                + " HEALTHCHECK of their own, for an image built on dunglas/frankenphp that runs FrankenPHP in one of"
                + " its services at least (the image's own command, a frankenphp command or a start script that execs"
                + " one; a worker beside it that inherits the probe is compose-healthcheck's question): it inherits the"
                + " image's HEALTHCHECK, curl -f http://localhost:2019/metrics, which asks Caddy's admin API (unless"
                + " CADDY_GLOBAL_OPTIONS or CADDY_ADMIN turn it off or move it), and"
                + " for an image that starts nothing (built on scratch, with no ENTRYPOINT, CMD or compose command),"
                + " for an image whose compose services probe it in different ways (Airflow's api-server, scheduler and"
                + " worker from one image: one HEALTHCHECK in the image would be wrong for all but one role), for a job"
                + " that runs to its end (a compose task, spark-submit, a dbt command such as dbt run, a script that"
                + " neither serves nor loops; see graceful-shutdown-missing), and"
                + " for a development or test stage built as a target before the Dockerfile's last stage (target: dev"
                + " in a compose override), which only developers' machines or CI run. A"
                + " strength for a HEALTHCHECK whose programs the image has (a missing one is healthcheck-tool-missing)"
                + " and that no finding reports failing or passing whatever the state (kamal-role-healthcheck-fails for a"
                + " Kamal role that cannot pass it, healthcheck-endpoint-missing, healthcheck-ignores-http-errors,"
                + " healthcheck-localhost-ipv6, next-standalone-hostname, variable-in-exec-form)."
                + " The fix adds the probe to the final stage and switches it off for the services of the image that"
                + " run another command; it offers none when the service it probes replaces the image's own command"
                + " and that command serves nothing (a worker's), since the image and the services that keep its"
                + " command would then never be healthy."
                + " A dev container's image (built by a devcontainer.json from its own Dockerfile, or its compose"
                + " service) is left alone: its command is an idle placeholder the dev container tools start; so is"
                + " an image built from a Dockerfile named for development or tests (Dockerfile.dev, Dockerfile.test)"
                + " that nothing deploys."
                + " For a Go program the build compiles on an image with no probe program (distroless, scratch), the"
                + " recommendation runs the program's own health flag when its code declares one (-healthcheck,"
                + " -health, with the flag package or pflag, its usage text quoted), else it says how to add one.",
        problem = "Without a HEALTHCHECK in the image, Docker only knows whether the process runs, not whether it"
                + " answers. A healthcheck written only in docker-compose.yml travels with that file, not with the image.",
        impact = "`docker run`, Swarm stacks and other compose files start the image with no health state: a hung or"
                + " failing application stays in service, depends_on: service_healthy cannot wait for it, and rolling"
                + " updates cannot tell a broken release.",
        recommendation = "Add a HEALTHCHECK to the final stage that requests the application's health endpoint with a"
                + " program the image contains, with a start period long enough for the application to start.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#healthcheck",
                "https://docs.docker.com/reference/compose-file/services/#healthcheck",
                "https://docs.docker.com/compose/how-tos/startup-order/",
                "https://kamal-deploy.org/docs/configuration/proxy/",
                "https://kubernetes.io/docs/tasks/configure-pod-container/configure-liveness-readiness-startup-probes/",
                "https://github.com/jupyter/docker-stacks/blob/main/images/base-notebook/Dockerfile",
                "https://github.com/serversideup/docker-php/blob/main/src/variations/fpm-nginx/Dockerfile",
                "https://github.com/php/frankenphp/blob/main/Dockerfile",
                "https://airflow.apache.org/docs/apache-airflow/stable/administration-and-deployment/logging-monitoring/check-health.html",
                "https://docs.vllm.ai/en/latest/deployment/k8s.html"},
        aliases = {"DL3057", "CKV_DOCKER_2", "DS026", "DS-0026", "AVD-DS-0026", "Healthcheck Instruction Missing"},
        fix = FixSafety.SAFE,
        effort = "15 min",
        strength = "Image HEALTHCHECK",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        EXPOSE 8000
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        EXPOSE 8000
                        HEALTHCHECK CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://localhost:8000/health', timeout=3)"]
                        CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
                        """,
                alongside = @ExampleFile(name = "app.py", content = """
                        from flask import Flask

                        app = Flask(__name__)


                        @app.get("/health")
                        def health():
                            return "ok"
                        """)))
public final class HealthcheckMissing implements Rule {

    @Override
    public void check(ReviewContext context) {
        java.util.Map<String, List<Pending>> pending = new java.util.LinkedHashMap<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            Stage stage = image.stage();
            if (stage.config().healthcheck() != null) {
                EffectiveHealthcheck own = EffectiveHealthcheck.of(stage.config().healthcheck());
                Probes.Probe probe = Probes.of(own);
                if (probe != null && Probes.failure(context, own, image.container(), Apps.of(context, image.container())) == null) {
                    context.strength(this, new Location(image.dockerfile(), own.origin().span()), "the image checks its"
                            + " own health " + Probes.describe(own) + ": `docker run`, Swarm and every compose file"
                            + " that starts it know when it is healthy");
                }
                continue;
            }
            BaseImage root = Stages.rootBase(image.model(), stage);
            if (image.containers().stream().allMatch(FileOnlyImage::is) || image.builtForDevelopment() || image.isDevelopmentTarget()
                    || PackagedServers.baseChecksJupyter(root) || PackagedServers.baseChecksServersideUp(root)
                    || image.containers().stream().anyMatch(x -> PhpServerPorts.inheritsImageHealthcheck(context, x))) {
                continue; // Jupyter's, serversideup/php's and FrankenPHP's images end with a HEALTHCHECK the image inherits; a dev
                          // container's idle command has no health, nor has a development stage only developers run
            }
            if (image.containers().stream().allMatch(x -> LocallyBuiltImages.builtOn(context, x).isPresent())) {
                continue; // a base of the project's own images: those built on it know what they serve and are reviewed
            }
            List<EffectiveHealthcheck> compose = image.containers().stream().map(Container::healthcheck)
                    .filter(h -> h != null && "compose".equals(h.source())).toList();
            if (!compose.isEmpty() && compose.size() == image.containers().size()
                    && compose.stream().allMatch(EffectiveHealthcheck::disabled)) {
                continue; // every service that runs the image switches health checking off on purpose
            }
            if (compose.stream().filter(h -> !h.disabled()).map(EffectiveHealthcheck::argv).distinct().count() > 1) {
                continue; // the services run the image in several roles (Airflow's api-server, scheduler, worker), each
                          // probed its own way: one HEALTHCHECK in the image would be wrong for all but one of them
            }
            if (image.containers().stream().allMatch(x -> OneShotJobs.of(context, x).isPresent())) {
                continue; // a job that runs to its end (spark-submit, dbt run) has no health to report while it runs
            }
            EffectiveHealthcheck probe = compose.stream().filter(h -> !h.disabled()).findFirst().orElse(null);
            Container c = probe == null ? image.containers().stream().filter(x -> !AppFacts.runsOtherCommand(x)).findFirst()
                    .orElse(image.container())
                    : image.containers().stream().filter(x -> x.healthcheck() == probe).findFirst().orElseThrow();
            AppSource app = Apps.of(context, c);
            String serves = image.containers().stream().map(x -> AppFacts.servesEvidence(context, x, app))
                    .filter(e -> e != null).findFirst().orElse(null);
            String message = probe != null
                    ? "the image has no HEALTHCHECK: only " + probe.origin().file() + " probes it (line "
                            + probe.origin().line() + (c.imageLink() == null ? ""
                                    : "; " + c.imageLink().describe(image.dockerfile()))
                            + "), so the image run any other way has no health state"
                    : "neither the image nor a compose file checks the container's health"
                            + (serves == null ? "" : " although " + serves);
            ImageRole role = ImageRole.of(c);
            // a published server image (Prometheus, Grafana, MinIO ...) the image keeps running: its own health route
            Optional<ServerImages.Image> known = probe == null ? ServerImages.run(c) : Optional.empty();
            if (known.isPresent() && serves == null) {
                message += " although it runs " + known.get().name() + " (" + ((BaseImage.External) root).reference()
                        .familiarString() + ")";
            }
            if (probe == null && serves == null && role != ImageRole.SERVER && known.isEmpty()) {
                boolean base = role == ImageRole.RUNTIME_BASE;
                context.finding(this, new Location(image.dockerfile(), stage.from().span()), message + (base
                                ? ": the image reads as a base image (a runtime or tool chain that serves nothing"
                                        + " itself), so the images built on it, which know what they serve, are the ones"
                                        + " to probe it"
                                : ", and it serves nothing drydock can see (no port published or exposed, no server in"
                                        + " its command): an HTTP probe has nothing to ask"))
                        .severity(Severity.LOW)
                        .implicit()
                        .recommendation(base ? "Document that the images built FROM this one should add a HEALTHCHECK"
                                + " for the service they run; add one here only if the image starts a service of its own."
                                : withoutServer(c.entryPoint()))
                        .add();
                continue;
            }
            Optional<RoadRunnerConfig> roadRunner = RoadRunnerConfig.of(context, c);
            Integer scriptPort = NginxConfigs.listening(context, c).map(n -> n.ports().get(0))
                    .or(() -> HttpdPorts.of(context, c).map(h -> h.ports().get(0)))
                    .or(() -> roadRunner.map(RoadRunnerConfig::probePort))
                    .orElseGet(() -> AppFacts.startScript(context, c).map(s -> AppFacts.commandPort(context, c, s.started())).orElse(null));
            Probes.Failure failure = probe == null ? null : Probes.failure(context, probe, c, app);
            // a probe nginx passes to a backend that does not serve it: the plan must not reuse its path
            EffectiveHealthcheck planned = failure != null && failure.reason() != null ? null : probe;
            boolean application = serves != null && role == ImageRole.APPLICATION && known.isEmpty();
            Optional<KamalDeploy> kamal = probe == null && application ? KamalDeploy.of(context, c)
                    .filter(KamalDeploy::proxied) : Optional.empty();
            Optional<FlyDeploy> fly = probe == null && application && kamal.isEmpty()
                    ? FlyDeploy.of(context, c).filter(f -> f.httpCheck().isPresent()) : Optional.empty();
            String platformPath = kamal.map(KamalDeploy::healthPath)
                    .or(() -> fly.flatMap(FlyDeploy::httpCheck).map(FlyToml.Check::path)
                            .filter(p -> !app.routes().determines(p) || app.routes().match(p).isPresent()))
                    .orElse(null);
            boolean composeRuns = image.containers().stream().anyMatch(Container::isComposeService);
            List<KubernetesRuns> kube = kamal.isPresent() || fly.isPresent() || probe != null || composeRuns ? List.of()
                    : KubernetesRuns.of(context, image).stream()
                            .filter(r -> r.runsImageService(c.command() == null ? List.of() : c.command().argv()))
                            .toList();
            Optional<KubernetesHealth.Target> kubeTarget = KubernetesHealth.target(kube,
                    t -> !KustomizeOverlays.replaced(context, t.run(), t.kind())
                            && (app.routes().match(t.path()).isPresent() || !app.routes().determines(t.path())));
            Plan plan = Plan.of(context, c, role == ImageRole.SERVER ? AppSource.none() : app, planned, role, scriptPort,
                    roadRunner.flatMap(RoadRunnerConfig::statusServer),
                    planned != null && HealthcheckLocalhostIpv6.refusesLocalhost(context, c, planned),
                    platformPath, kubeTarget);
            Optional<ServerProbes.Probe> serverProbe = role == ImageRole.SERVER
                    ? ImageRole.program(c).flatMap(p -> ServerProbes.of(p, root))
                    : supervisesPhpFpm(c) ? ServerProbes.of("php-fpm", root) : Optional.empty();
            boolean ownCheck = serverProbe.isPresent() || known.isPresent();
            Optional<String> dagster = probe == null && !ownCheck ? dagsterCodeServer(c) : Optional.empty();
            Optional<String> grpc = dagster.isEmpty() && role == ImageRole.APPLICATION && (probe == null || failure != null)
                    && !ownCheck
                    ? AppFacts.grpcServer(c, app) : Optional.empty();
            List<Integer> otherProtocol = probe != null || ownCheck || grpc.isPresent() ? List.of()
                    : AppFacts.otherProtocolPortsOnly(context, c, app);
            Optional<String> wire = probe != null || app.routes().known() || ownCheck ? Optional.empty()
                    : DataStores.wireProtocol(plan.port(), root)
                            .map(w -> wireRecommendation(w.getKey(), w.getValue(), plan.port(), plan.image(), root));
            String recommendation = serverProbe.map(p -> "Add the server's own check to the final stage: "
                    + p.instruction() + (p.condition().isEmpty() ? "" : ", " + p.condition()) + ".")
                    .or(() -> known.map(HealthcheckMissing::knownServerRecommendation))
                    .or(() -> dagster)
                    .or(() -> grpc.map(library -> grpcRecommendation(library, plan.port())))
                    .or(() -> wire)
                    .or(() -> otherProtocol.isEmpty() ? Optional.empty()
                            : Optional.of(otherProtocolRecommendation(otherProtocol, plan.image())))
                    .orElse(null);
            boolean fromPlan = recommendation == null;
            if (fromPlan) {
                recommendation = plan.recommendation(probe, role, c, app);
                if (plan.argv() == null && GoPrograms.runsBuiltProgram(c)
                        && c.entryPoint().runtime() == Runtime.BINARY) {
                    String program = c.entryPoint().args().get(0);
                    recommendation = GoHealthFlag.of(context, app).map(f -> f.recommendation(program))
                            .orElse(recommendation);
                }
            }
            EntryPoint served = Processes.serving(c);
            if (served != null && served.runtime() == Runtime.NEXT_STANDALONE && served.option("host") == null) {
                recommendation = "Set ENV HOSTNAME=0.0.0.0 in the final stage first: Next's standalone server listens on"
                        + " $HOSTNAME, which Docker sets to the container's ID, so it answers on the container's network"
                        + " address and not on localhost, where the probe asks. " + recommendation;
            }
            if (kamal.isPresent()) {
                KamalDeploy deploy = kamal.get();
                message += "; " + deploy.file() + " deploys it with Kamal, whose kamal-proxy requests GET "
                        + deploy.healthPath() + " on port " + deploy.appPort() + " while a deploy waits for the new"
                        + " container and sends it traffic only once it answers 2xx, but stops probing once it is up: a"
                        + " HEALTHCHECK is what tells Docker later that it hangs (docker ps, a restarter such as"
                        + " autoheal), and what `docker run` and Compose rely on";
                if (!plan.path().equals(deploy.healthPath())) {
                    recommendation += " Probe the same path as kamal-proxy (proxy.healthcheck.path, "
                            + deploy.healthPath() + ").";
                }
                recommendation += commandRoles(deploy, plan.port());
            }
            if (fly.isPresent()) {
                FlyDeploy deploy = fly.get();
                FlyToml.Check check = deploy.httpCheck().orElseThrow();
                String path = check.path() == null ? "/" : check.path();
                message += "; " + deploy.file() + " deploys it on Fly.io, which checks it with GET " + path
                        + " on port " + deploy.port(check) + (check.interval() == null ? "" : " every "
                        + check.interval()) + " and routes requests away from a Machine that fails, but does not"
                        + " restart it: a HEALTHCHECK is what `docker run` and Compose rely on";
                if (!plan.path().equals(path) && path.equals(platformPath)) {
                    recommendation += " Probe the same path as fly.toml's check (" + path + ").";
                }
            }
            KubernetesHealth kubeHealth = kube.isEmpty() ? null : KubernetesHealth.of(kube, kube.stream()
                    .flatMap(r -> r.httpProbes().entrySet().stream()
                            .filter(e -> !KustomizeOverlays.replaced(context, r, e.getKey())).map(Map.Entry::getValue))
                    .map(p -> p.path())
                    .filter(path -> app.routes().determines(path) && app.routes().match(path).isEmpty())
                    .distinct().toList());
            if (kubeHealth != null) {
                message += "; " + kubeHealth.message();
                recommendation = kubeHealth.recommendation(recommendation, fromPlan ? plan.probedPath(app) : null);
            } else if (kamal.isEmpty() && fly.isEmpty() && application && !composeRuns) {
                message += "; no compose file of the project runs the image, and Kubernetes and most cloud runtimes"
                        + " ignore HEALTHCHECK (they probe from their own configuration): it counts where the image is"
                        + " started with docker run, Compose or Swarm";
                recommendation += " Under Kubernetes, point the liveness and readiness probes at the same endpoint"
                        + " instead.";
            }
            // a Dockerfile that installs a stock server on an operating-system image produces that server's image
            // for others (the Docker official images): whoever runs it knows what healthy means for their use
            boolean distributed = role == ImageRole.SERVER && probe == null && !composeRuns && kube.isEmpty()
                    && kamal.isEmpty() && ImageRole.program(c).isPresent() && ImageRole.inheritedServer(c).isEmpty()
                    && BaseImageFacts.defaultCommand(root).filter(p -> p.equals("sh") || p.equals("bash")).isPresent();
            if (distributed) {
                message += "; the Dockerfile installs " + ImageRole.program(c).orElseThrow() + " on "
                        + ((BaseImage.External) root).reference().familiarString() + " and no compose file or manifest"
                        + " of the project runs it, so it reads as a server image built for others, who probe it in"
                        + " their own compose files and manifests (the Docker official images leave HEALTHCHECK out"
                        + " for that reason)";
            }
            String failing = failure == null ? null : failure.rule();
            if (failing != null) {
                message += "; and that probe cannot succeed in the image (" + failure.describe() + "), so the service is never"
                        + " healthy anywhere";
                recommendation = "Do not copy " + probe.origin().file() + "'s probe into the image: it fails ("
                        + failing + "). " + (TaskWorkers.of(context, c).isPresent() ? withoutServer(c.entryPoint()) : recommendation);
            }
            boolean everyServiceProbed = probe != null && image.containers().stream()
                    .allMatch(x -> x.healthcheck() != null && "compose".equals(x.healthcheck().source()));
            // services that run the image with another command and no probe (a web server's cron and workers): a
            // HEALTHCHECK written into the image runs in them too, where nothing answers it
            List<String> otherRoles = probe == null ? List.of() : image.containers().stream()
                    .filter(x -> x.isComposeService() && x.healthcheck() == null
                            && !x.command().argv().equals(c.command().argv()))
                    .map(Container::name).distinct().toList();
            if (!otherRoles.isEmpty()) {
                String others = otherRoles.size() <= 3 ? AppFacts.and(otherRoles)
                        : String.join(", ", otherRoles.subList(0, 3)) + " and " + (otherRoles.size() - 3) + " more services";
                boolean one = otherRoles.size() == 1;
                message += "; " + others + (one ? " runs" : " run") + " the image with another command and no probe of"
                        + (one ? " its" : " their") + " own, and a HEALTHCHECK in the image would run in "
                        + (one ? "it" : "them") + " too, where that probe has nothing to ask";
            }
            var finding = context.finding(this, new Location(image.dockerfile(), stage.from().span()), message)
                    .severity(application && failing != null ? Severity.CRITICAL
                            : kamal.isPresent() || fly.isPresent() || distributed || !otherRoles.isEmpty() && failing == null
                                    || everyServiceProbed && failing == null ? Severity.LOW : kubeHealth != null ? kubeHealth.severity()
                            : Severity.MEDIUM)
                    .implicit()
                    .recommendation(recommendation);
            boolean rolesWithoutServer = kamal.isPresent() && !kamal.get().commandRoles().isEmpty();
            // a server image whose probe works in every release with nothing to enable (its programs are known)
            Optional<ServerImages.Image> knownFix = known.filter(k -> k.hasProbe() && k.needs() == null && k.tools() != null
                    && k.test().get(0).equals("CMD") && failing == null);
            String fixPath = knownFix.isPresent() ? knownFix.get().fixTarget()
                    : failing != null && TaskWorkers.of(context, c).isPresent() || grpc.isPresent() || dagster.isPresent()
                    || ownCheck || !otherProtocol.isEmpty() || wire.isPresent()
                    || rolesWithoutServer ? null : plan.fixPath(app);
            int probedPort = knownFix.map(ServerImages.Image::port).orElse(plan.port());
            List<String> elsewhere = image.containers().stream().filter(x -> x != c && x.service() != null
                    && !AppFacts.runsOtherCommand(x) && ListeningPorts.of(context, x)
                            .filter(l -> !l.ports().contains(probedPort)).isPresent())
                    .map(Container::name).toList();
            if (fixPath != null && !elsewhere.isEmpty()) {
                finding.recommendation(recommendation + " " + AppFacts.and(elsewhere) + " run" + (elsewhere.size() == 1
                        ? "s" : "") + " the image's server on another port than " + probedPort + ": give "
                        + (elsewhere.size() == 1 ? "that service" : "those services") + " a healthcheck of "
                        + (elsewhere.size() == 1 ? "its" : "their") + " own in compose, which overrides the image's.");
                fixPath = null;
            }
            if (fixPath != null && knownFix.isEmpty() && !plan.composeWorks() && !plan.routeKnown() && !plan.pathTrusted()
                    && ReadinessCheckMissing.constantProbeReported(context, c, app, fixPath)) {
                // the fallback probe of / would only say the process answers, which readiness-check-missing reports:
                // the route the recommendation adds is the one to probe
                fixPath = null;
            }
            OtherCommands others = fixPath == null || OtherCommands.imageCommandServesNothing(context, image, c) ? null
                    : OtherCommands.of(image);
            OtherCommands roles = OtherCommands.imageCommandServesNothing(context, image, c) ? null
                    : OtherCommands.of(image);
            if (roles != null && !roles.services().isEmpty() && failing == null) {
                boolean one = roles.services().size() == 1;
                finding.recommendation(recommendation + " Switch it off for " + AppFacts.and(roles.services())
                        + (one ? ", which runs another command of the image" : ", which run other commands of the image")
                        + " where nothing answers the probe: `healthcheck: {disable: true}` in " + (one ? "that service"
                        : "those services") + ".");
            }
            if (knownFix.isPresent() && others != null) {
                List<TextEdit> edits = new ArrayList<>();
                edits.add(ProbeEdits.addHealthcheck(image.model(), stage, knownFix.get().dockerfileInstruction(),
                        "Report unhealthy when " + fixPath + " stops answering"));
                edits.addAll(others.edits());
                finding.fix(Fix.of("add a HEALTHCHECK probing " + fixPath + others.describe(), FixSafety.SAFE, edits));
            } else if (fixPath != null && others != null) {
                List<String> argv = plan.composeWorks() ? plan.argv()
                        : Probes.recommend(plan.image(), plan.port(), fixPath, plan.portVariable(), plan.host(), plan.tls());
                List<TextEdit> edits = new ArrayList<>();
                edits.add(ProbeEdits.addHealthcheck(image.model(), stage, Probes.dockerfileInstruction(argv, probe,
                                plan.startPeriod()),
                        "Report unhealthy when " + fixPath + " stops answering"));
                edits.addAll(others.edits());
                finding.fix(Fix.of("add a HEALTHCHECK probing " + fixPath + others.describe(), FixSafety.SAFE, edits));
            }
            pending.computeIfAbsent(image.dockerfile() + "#" + stage.index(), k -> new ArrayList<>())
                    .add(new Pending(finding, fixPath == null || others == null ? null : fixPath,
                            probedPort, image));
        }
        pending.values().forEach(HealthcheckMissing::addShared);
    }

    /** A finding held back until every image built from the same Dockerfile stage has been looked at. */
    private record Pending(ReviewContext.FindingBuilder finding, String fixPath, int port, BuiltImage image) {

        /** "/health on port 8000": what the image's probe would ask. */
        String target() {
            return fixPath + " on port " + port;
        }
    }

    /**
     * Adds the findings of one Dockerfile stage. When it builds several images (compose services passing different
     * build arguments) whose probes would ask different paths, one HEALTHCHECK written into the shared file would
     * probe the wrong path in some of them: no fix is offered, and each service is told to carry its own.
     */
    private static void addShared(List<Pending> group) {
        List<String> targets = group.stream().filter(p -> p.fixPath() != null).map(Pending::target).distinct().toList();
        if (group.size() > 1 && targets.size() > 1) {
            List<String> each = group.stream().filter(p -> p.fixPath() != null)
                    .map(p -> AppFacts.and(p.image().containers().stream().map(Container::name).toList())
                            + " serves " + p.target())
                    .distinct().toList();
            String recommendation = group.get(0).image().dockerfile() + " builds the images of several services, and"
                    + " their health endpoints differ (" + AppFacts.and(each) + "): a HEALTHCHECK in the shared"
                    + " Dockerfile would probe the wrong endpoint in some of them. Give each compose service its own"
                    + " healthcheck that requests its own endpoint, or pass the path and port as build arguments"
                    + " (ARG HEALTH_PATH) used by the HEALTHCHECK.";
            group.forEach(p -> p.finding().fix(null).recommendation(recommendation));
        }
        group.forEach(p -> p.finding().add());
    }

    /**
     * The Kamal roles that run another command of the image without kamal-proxy: a HEALTHCHECK of the image runs in
     * their containers too, where no server answers it, and Kamal waits for them to turn healthy before the deploy
     * goes on.
     */
    private static String commandRoles(KamalDeploy deploy, int port) {
        if (deploy.commandRoles().isEmpty()) {
            return "";
        }
        List<String> roles = deploy.commandRoles().entrySet().stream()
                .map(e -> e.getKey() + " (`" + e.getValue() + "`)").toList();
        boolean one = roles.size() == 1;
        return " The HEALTHCHECK also runs in the containers of the role" + (one ? " " : "s ")
                + String.join(" and ", roles) + " in " + deploy.file() + ", where nothing answers on port " + port
                + "; Kamal boots a role without kamal-proxy by waiting until its container is running, or healthy when"
                + " it has a HEALTHCHECK, so the deploy of " + (one ? "that role" : "those roles") + " would wait for a"
                + " health that never comes and fail: give " + (one ? "it" : "them") + " `options: { no-healthcheck:"
                + " true }` in " + deploy.file() + " (or a health-cmd that checks the worker) in the same change.";
    }

    /** For a published server image: the probe of its own health route, or why none works inside it. */
    private static String knownServerRecommendation(ServerImages.Image image) {
        if (!image.hasProbe()) {
            return "Do not guess a route: " + image.withoutProbe() + ".";
        }
        return "Add a probe of " + (image.path() == null ? image.name() + " with its own command"
                : image.name() + "'s " + image.route()) + " to the final stage: " + image.dockerfileInstruction()
                + (image.needs() == null ? "" : ", " + image.needs()) + ".";
    }

    /**
     * For Dagster's code server ({@code dagster api grpc}, on 4000 unless -p/--port says otherwise): it speaks gRPC, and
     * Dagster ships its own check of it, {@code dagster api grpc-health-check}, which its Helm chart probes with.
     */
    private static Optional<String> dagsterCodeServer(Container c) {
        EntryPoint ep = Processes.serving(c);
        List<String> args = ep == null ? List.of() : ep.args();
        int api = args.indexOf("api");
        if (args.isEmpty() || !args.get(0).endsWith("dagster") || api < 0 || api + 1 >= args.size()
                || !args.get(api + 1).equals("grpc")) {
            return Optional.empty();
        }
        String port = "4000";
        for (int i = api + 2; i + 1 < args.size(); i++) {
            if (args.get(i).equals("-p") || args.get(i).equals("--port")) {
                port = args.get(i + 1);
            }
        }
        return Optional.of("The container runs Dagster's code server (dagster api grpc), which speaks gRPC on port " + port
                + ", where an HTTP probe gets no answer: probe it with Dagster's own check, HEALTHCHECK --interval=30s"
                + " --timeout=10s --start-period=30s --retries=3 CMD [\"dagster\", \"api\", \"grpc-health-check\","
                + " \"-p\", \"" + port + "\"], in the final stage or as the compose service's healthcheck.");
    }

    /** For a gRPC server: the standard health service asked by grpc_health_probe, not an HTTP request. */
    private static String grpcRecommendation(String library, int port) {
        return "The service speaks gRPC (" + library + ") on port " + port + ", where an HTTP probe gets no answer:"
                + " serve the standard gRPC health service (grpc.health.v1" + (library.equals("tonic")
                        ? ", tonic-health for tonic" : "") + ") and probe it with grpc_health_probe, copied into the"
                + " final stage (" + GrpcHealthProbe.copyInstruction("/usr/local/bin/grpc_health_probe") + "): HEALTHCHECK --interval=30s --timeout=5s --start-period=10s --retries=3 CMD"
                + " [\"/usr/local/bin/grpc_health_probe\", \"-addr=127.0.0.1:" + port + "\"].";
    }

    /**
     * For a server whose every port is a well-known port of another protocol (DNS on 53): an HTTP request there gets
     * no answer, so the check is the server's own (a health command, or a health endpoint on a port of its own).
     */
    private static String otherProtocolRecommendation(List<Integer> ports, ImageContents image) {
        String served = String.join(", ", ports.stream().map(p -> ProtocolPorts.protocol(p).orElseThrow() + " on "
                + p).distinct().toList());
        boolean noShell = image != null && image.base().map(t -> !t.shell() && t.packageManager() == null)
                .orElse(false);
        return "The container serves " + served + ", not HTTP: an HTTP probe of that port gets no answer. Check the"
                + " server with its own means: a health endpoint it serves on a port of its own (enable it and probe"
                + " that port) or a health sub-command of its binary"
                + (noShell ? ", run in exec form (" + image.baseImage() + " has no shell and no curl or wget to run"
                        + " anything else)" : ", or a client of that protocol the image holds")
                + ".";
    }

    /** A process manager whose server program is php-fpm, which answers FastCGI and no HTTP. */
    private static boolean supervisesPhpFpm(Container c) {
        EntryPoint served = c.supervision() == null ? null : Processes.serving(c);
        return served != null && served != c.entryPoint() && served.runtime() == Runtime.PHP_FPM;
    }

    /**
     * For a server on a data store's port: the store's own client, which an image built on another base (a
     * Redis-compatible server on the .NET runtime image) has only when its build copies or installs it; a port check
     * with nc only where the image may have nc.
     */
    private static String wireRecommendation(String store, String check, int port, ImageContents image, BaseImage root) {
        String client = check.isEmpty() ? null : check.substring(0, check.indexOf(' ') < 0 ? check.length()
                : check.indexOf(' '));
        boolean otherBase = client != null && image != null && image.base().isPresent()
                && image.installed(client).isEmpty() && root instanceof BaseImage.External external
                && external.reference() != null && DataStores.ofImageName(external.reference().familiarName()).isEmpty();
        boolean noNc = image != null && image.has("nc").equals(Optional.of(false));
        String own = check.isEmpty() ? store + "'s own client" : "its own client, by its full path where the image keeps"
                + " it off PATH" + (otherBase ? " (" + image.baseImage() + " is no " + store + " image: it has " + client
                        + " only if the build copies or installs it)" : "") + ": HEALTHCHECK --interval=30s --timeout=10s"
                + " --start-period=60s --retries=3 CMD " + check;
        return "Port " + port + " is " + store + "'s, which speaks its own protocol, not HTTP: an HTTP probe of it never"
                + " succeeds. Probe it with " + own + (noNc ? ", or with a health sub-command of the server itself ("
                        + image.baseImage() + " has no nc to check that the port accepts connections)."
                        : ", or at least check that the port accepts connections (nc -z localhost " + port
                                + ", where the image has nc).");
    }

    /** What to do for a container that serves no port: probe a worker's own liveness, or say none is needed. */
    private static String withoutServer(EntryPoint ep) {
        String own = TaskWorkers.of(ep).map(TaskWorker::instruction).orElse(null);
        if (own != null) {
            return "Probe the worker itself: " + own + " (it answers when the worker is connected to its broker and"
                    + " takes jobs).";
        }
        return "If the container runs for long (a worker or a consumer), add a HEALTHCHECK that checks it does its"
                + " work, for example a command that fails when a heartbeat file it touches is older than a few"
                + " minutes; for a command-line tool or a one-shot job, write `HEALTHCHECK NONE` to say none is needed.";
    }

    /**
     * The probe to recommend: the compose one when it works in the image and requests a path the application
     * may serve, else one with a program the image has against the health route (or the compose probe's path
     * when the application serves it).
     */
    private record Plan(ImageContents image, int port, String portVariable, String host, String path,
            boolean routesRead, boolean routesDetermined, boolean routeKnown, String addition, boolean endpointToAdd,
            boolean composeWorks,
            boolean pathTrusted, List<String> argv, String startPeriod, String startReason, boolean loopbackRefused, String portNote,
            boolean tls) {

        static Plan of(ReviewContext context, Container c, AppSource app, EffectiveHealthcheck compose, ImageRole role,
                Integer scriptPort, Optional<PackagedServers.Server> configured, boolean loopbackRefused,
                String deployPath, Optional<KubernetesHealth.Target> kubeTarget) {
            ImageContents image = ImageContents.of(c);
            Probes.Probe probe = Probes.of(compose);
            Probes.Url url = probe == null ? null : probe.localUrl();
            Optional<Integer> serverPort = role != ImageRole.SERVER || !AppFacts.declaredPorts(c).isEmpty()
                    ? Optional.empty() : ImageRole.program(c).map(p -> AppFacts.stockWebServerPort(c, p));
            String portVariable = url != null ? null : AppFacts.portVariable(context, c, c.entryPoint());
            Optional<PackagedServers.Server> packaged = role == ImageRole.SERVER ? Optional.empty()
                    : configured.or(() -> PackagedServers.of(c)).or(() -> PackagedServers.inherited(c))
                            .or(() -> PackagedServers.ofCode(app));
            // the path and port a Kubernetes probe of the image requests, where the application names no health
            // endpoint of its own (a route, its framework's health module, a packaged server's documented one) and
            // does not show that it leaves the path unserved: the manifest's author says it answers there
            KubernetesHealth.Target kube = url != null || deployPath != null || role == ImageRole.SERVER
                    || packaged.isPresent() ? null : kubeTarget.orElse(null);
            boolean kubePathServed = kube != null && AppFacts.ownHealthPath(app).isEmpty()
                    && (app.routes().match(kube.path()).isPresent() || !app.routes().determines(kube.path()));
            // its port, unless the manifest may move the server elsewhere (args, a port variable): the image's own then
            Integer kubePort = kube == null || kube.port() == null || kube.run().mayMoveServer(portVariable) ? null
                    : kube.port();
            // a server the code starts on an address drydock cannot follow (a field, a configuration value)
            boolean assumed = url == null && scriptPort == null && serverPort.isEmpty()
                    && AppFacts.portAssumed(context, c, app);
            boolean kubePortUsed = kubePort != null && (kubePathServed || assumed);
            // the compose probe asks the health endpoint on the application's port while the framework serves it on
            // its management port (healthcheck-endpoint-missing reports it): the image's probe asks the right one
            ManagementPort moved = url == null || url.port() == null ? null
                    : ManagementPort.probed(context, c, url.path(), url.port());
            int port = moved != null ? moved.port()
                    : url != null && url.port() != null ? url.port()
                    : kubePortUsed ? kubePort
                    : Optional.ofNullable(scriptPort).or(() -> serverPort)
                            // where the server listens, which a published port that misses it does not change
                            .or(() -> ListeningPorts.of(context, c).map(l -> l.ports().get(0)))
                            .orElseGet(() -> AppFacts.port(context, c, app));
            assumed = assumed && !kubePortUsed;
            String unread = !assumed ? null
                    : app.serverCalls().stream().filter(call -> call.port() == null && call.file() != null)
                            .findFirst().map(call -> call.file() + ":" + call.line()).orElse(null);
            String portNote = !assumed ? ""
                    : unread != null ? " (drydock could not read the port the server started at " + unread
                            + " listens on: " + port + " stands for it)"
                    : " (drydock found nothing that says which port the application listens on: " + port
                            + " stands for it)";
            if (kubePathServed || kubePortUsed) {
                portNote = " (" + (kubePathServed ? kube.path() : "") + (kubePathServed && kubePortUsed ? " on " : "")
                        + (kubePortUsed ? "port " + port : "") + " as " + kube.describe() + " requests"
                        + (kubePathServed ? "" : "; drydock found nothing in the image that says which port the"
                                + " application listens on")
                        + ")";
            }
            String host = AppFacts.hostHeader(app);
            boolean deployPathServed = url == null && deployPath != null && role != ImageRole.SERVER
                    && (app.routes().match(deployPath).isPresent() || !app.routes().determines(deployPath));
            String path = url != null && (app.routes().match(url.path()).isPresent() || !app.routes().determines(url.path()))
                    ? url.path()
                    : deployPathServed ? deployPath
                    : packaged.isPresent() ? packaged.get().healthPath()
                    : kubePathServed ? kube.path()
                    : role == ImageRole.SERVER || app.routes().healthRoute().isEmpty() && ImageRole.inheritedServer(c).isPresent()
                    ? "/" : AppFacts.healthPath(app);
            // the framework's health endpoint has a management port of its own, where the image's probe asks it
            ManagementPort management = url != null ? null : ManagementPort.probed(context, c, path, port);
            if (management != null) {
                port = management.port();
            }
            boolean composePathServed = url == null || app.routes().match(url.path()).isPresent()
                    || !app.routes().determines(url.path());
            boolean composeWorks = compose != null && probe != null && composePathServed && moved == null
                    && !probe.shell()
                    && !probe.programs().isEmpty()
                    && image != null && probe.programs().stream().allMatch(p -> image.has(p.name()).orElse(false))
                    && compose.test().get(0).equals("CMD");
            // a server that takes only TLS on the port is probed over https, its certificate unchecked
            boolean tls = ServerTls.on(context, c, port).map(ServerTls::tls).orElse(false);
            List<String> argv = composeWorks ? ipv4Loopback(compose.test().subList(1, compose.test().size()), loopbackRefused)
                    : Probes.recommend(image, port, path, portVariable, host, tls);
            // the compose probe's path, or the one a deploy tool waits for, where the routes cannot tell otherwise: its
            // author says the application serves it
            boolean pathTrusted = (url != null && path.equals(url.path()) || deployPathServed || kubePathServed)
                    && !app.routes().determines(path);
            boolean documented = packaged.isPresent() && path.equals(packaged.get().healthPath());
            Optional<ModelLoads> load = ModelLoads.of(context, c, packaged.map(PackagedServers.Server::loadsModel)
                    .orElse(false));
            return new Plan(image, port, portVariable, host, path, app.routes().known(), app.routes().determines(path),
                    app.routes().match(path).isPresent() || documented, AppFacts.healthModuleToAdd(app, path),
                    !composeWorks && !pathTrusted && AppFacts.healthEndpointToAdd(app), composeWorks,
                    pathTrusted, argv, load.map(ModelLoads::period).orElse(null), load.map(ModelLoads::reason).orElse(null),
                    composeWorks && loopbackRefused, portNote, tls);
        }

        /** The compose probe's words, with 127.0.0.1 for localhost where BusyBox wget would ask ::1 and be refused. */
        private static List<String> ipv4Loopback(List<String> argv, boolean loopbackRefused) {
            return !loopbackRefused ? argv : argv.stream()
                    .map(w -> w.replaceFirst("(?i)^(https?://)localhost(?=[:/]|$)", "$1127.0.0.1")).toList();
        }

        /**
         * The path a fix probes: the compose probe's when it works, the health route's, else {@code /} when the
         * application serves it; null when there is nothing to probe it knows is served or no program to do it.
         */
        String fixPath(AppSource app) {
            if (argv == null) {
                return null;
            }
            if (composeWorks || routeKnown || pathTrusted) {
                return path;
            }
            return app.routes().match("/").isPresent() && Probes.recommend(image, port, "/") != null ? "/" : null;
        }

        /**
         * The path the recommended probe asks: {@code /} where the health route is still to be added but the
         * application answers {@code /} (the fix's probe), else {@link #path}.
         */
        String probedPath(AppSource app) {
            return argv != null && !path.equals("/") && "/".equals(fixPath(app)) ? "/" : path;
        }

        /**
         * Where the health route is still to be added but the application answers {@code /}: the probe of {@code /}
         * that the fix writes, which works today, then the route to add and probe instead.
         */
        private String rootFirst(EffectiveHealthcheck compose) {
            List<String> root = Probes.recommend(image, port, "/", portVariable, host, tls);
            return "Add to the final stage: " + Probes.dockerfileInstruction(root, compose, startPeriod) + portNote
                    + (startPeriod == null || compose != null && compose.startPeriod() != null ? ""
                            : " (start period " + startPeriod + ": " + startReason + ")")
                    + "; it asks /, which the application answers today (" + path + " has no route yet, so a probe of"
                    + " it would fail). Better, add " + addition + " and point the probe at " + path + ": a health"
                    + " endpoint can answer 200 only when the application can really serve.";
        }

        /**
         * For a Go program built in the image's build: the check built into it, which needs no other program (the
         * HEALTHCHECK runs it in exec form, so not even a shell).
         */
        private static String goHealthFlag(String program, int port, String path, boolean noInstaller) {
            return (noInstaller ? " and no shell or package manager to install one" : "")
                    + ", so build the check into the Go program: a -healthcheck flag that, when set, makes main request"
                    + " http://127.0.0.1:" + port + path + " with http.Get (a client with a timeout of a few seconds)"
                    + " and os.Exit(0) on a 200 answer, os.Exit(1) otherwise, before it starts the server; then HEALTHCHECK"
                    + " --interval=30s --timeout=5s --start-period=10s --retries=3 CMD " + Probes.json(List.of(program,
                            "-healthcheck"))
                    + (noInstaller ? " (or copy a small static probe binary in from a builder stage)."
                            : " (or install curl in the final stage).");
        }

        String recommendation(EffectiveHealthcheck compose, ImageRole role, Container c, AppSource app) {
            if (!probedPath(app).equals(path)) {
                return rootFirst(compose);
            }
            String lead = routeKnown || role == ImageRole.SERVER ? ""
                    : routesRead ? (routesDetermined || endpointToAdd ? "Add " + addition + ", then " : "")
                    : composeWorks || pathTrusted ? "" : "Point the probe at a path the application answers with 200"
                            + " (drydock could not read its routes: " + path + " stands for it), then ";
            if (argv == null) {
                String base = image == null ? "the base image" : image.baseImage();
                boolean noInstaller = image != null && image.base().map(t -> !t.shell() && t.packageManager() == null)
                        .orElse(false);
                String goProgram = GoPrograms.runsBuiltProgram(c) && c.entryPoint().runtime() == dev.drydock.core.entrypoint.Runtime.BINARY
                        ? c.entryPoint().args().get(0) : null;
                return lead + (lead.isEmpty() ? "Add" : "add") + " a HEALTHCHECK that requests " + (tls ? "https" : "http") + "://localhost:" + port
                        + path + portNote + " with a program the image contains: " + base + " has no curl, wget, Python, Node or Ruby"
                        + " that drydock knows of"
                        + (goProgram != null ? goHealthFlag(goProgram, port, path, noInstaller) : noInstaller ? " and no shell or package manager to install one, so build the check into the"
                                + " application (a health sub-command or flag the HEALTHCHECK runs, which requests the"
                                + " endpoint and exits 0 or 1) or copy a small static probe binary in from a builder stage."
                                : ", so install one in the final stage" + FinalUser.nonRoot(c).map(user -> " (as root: USER"
                                        + " root before the RUN that installs it and USER " + user + " after it, since the"
                                        + " stage runs as " + user + ")").orElse("")
                                        + " or copy in a small static probe binary.");
            }
            String tail = loopbackRefused ? " (the compose probe moved into it, asking 127.0.0.1 instead of localhost,"
                    + " which the image's BusyBox wget tries on ::1 only, where the server does not listen:"
                    + " healthcheck-localhost-ipv6)"
                    : composeWorks ? " (the compose probe, which works in the image, moved into it)" : "";
            return lead + (lead.isEmpty() ? "Add" : "add") + " to the final stage: "
                    + Probes.dockerfileInstruction(argv, compose, startPeriod) + portNote + tail
                    + (startPeriod == null || compose != null && compose.startPeriod() != null ? ""
                            : " (start period " + startPeriod + ": " + startReason + ")")
                    + ".";
        }
    }
}
