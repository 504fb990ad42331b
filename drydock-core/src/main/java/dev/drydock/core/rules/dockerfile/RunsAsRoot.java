package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.devcontainer.DevContainer;
import dev.drydock.core.rules.support.NginxConfigs;
import dev.drydock.core.rules.support.UserIds;
import dev.drydock.core.rules.support.UserCreation;
import dev.drydock.core.rules.support.ConfigFiles;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.DevContainers;
import dev.drydock.core.rules.support.DevelopmentDockerfiles;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.rules.support.ProjectBaseUser;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.ScriptRuns;
import dev.drydock.core.edit.Fix;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.List;
import java.util.Optional;
import dev.drydock.core.rules.compose.DockerSocketMounted;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.rules.support.WrittenInstructions;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.EntrypointScriptImages;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.KubernetesRoot;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.DotnetImages;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.CronDaemons;
import dev.drydock.core.rules.support.PrivilegeDrop;
import dev.drydock.core.rules.support.ServerOwnUser;
import dev.drydock.core.rules.support.PhpFpm;
import dev.drydock.core.rules.support.RootStartSteps;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.FileOnlyImage;
import dev.drydock.core.rules.support.LocallyBuiltImages;
import dev.drydock.core.rules.support.PrivilegedPortBind;
import dev.drydock.core.rules.support.KamalDeploy;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.fixes.StackFixes;

@RuleDefinition(
        id = "runs-as-root",
        title = "Container runs as root",
        severity = Severity.CRITICAL,
        category = Category.SECURITY,
        checks = "The user the container finally runs as: compose user: over the last USER of the target stage"
                + " (inherited through stages), else the base image's default (for a base the project builds itself"
                + " under a tag written out in full, a compose service's image: or a CI build's -t, that build's USER,"
                + " or its own base's known default); the services that share an image are"
                + " one finding at its FROM line, in the words and severity of the long-running ones, the one-shot"
                + " jobs beside them (a prestart or migration service others wait for) noted. A strength where that user is not"
                + " root (left out of a review where unknown-user reports that the image has no such user, and where a"
                + " compose service's user: root overrides it). The recommendation fits the base image: the node image's own node user, the php images'"
                + " www-data (UID 33 on Debian, 82 on Alpine; the fix switches to it with COPY --chown too, also for"
                + " php-fpm, whose pool then runs as www-data, but not for Apache on port 80), BusyBox's adduser"
                + " on Alpine, a numeric USER for scratch and distroless images (no shell, no useradd) and for images"
                + " without shadow-utils and so without useradd (the microdnf ones such as ubi-minimal, and Amazon"
                + " Linux's, which amazoncorretto's default tags are built on), useradd elsewhere (adduser and useradd with"
                + " a home folder when the image's Python packages download models or data into the user's home:"
                + " transformers, diffusers, sentence-transformers, torch, vllm, nltk, tensorflow); for the official"
                + " caddy image (Alpine) a caddy user from BusyBox's adduser that owns /data/caddy and /config/caddy,"
                + " where Caddy writes (its XDG_DATA_HOME and XDG_CONFIG_HOME), and for the official httpd image its"
                + " own www-data with Listen 8080 and the logs folder that holds the pid file; the fix also"
                + " hands the new user the folders the application writes at run time that a root build left behind"
                + " (Next.js's .next/cache, Rails' log, storage and tmp, the WORKDIR that holds a Django project's SQLite"
                + " database), never a chown -R of the whole application. Not"
                + " root either:"
                + " an entry point that starts as root only to prepare files and then"
                + " switches with gosu, su-exec, setpriv, runuser, chroot --userspec or su USER -c where its script execs the main process"
                + " or ends (not a switch for one step, such as gosu app python manage.py migrate before exec \"$@\")"
                + " (also a Python launcher whose os.execv argv"
                + " list starts with gosu or su-exec), or that starts an application server which switches itself by its"
                + " own setting: uWSGI's uid (on its command line, in the [uwsgi] section of the ini file it is given,"
                + " or as UWSGI_UID), gunicorn's --user for its workers (a strength), also when USER root or"
                + " compose user: root says so explicitly. Low instead of"
                + " critical for a runtime base image (its command is a bare interpreter or build tool, or it adds no"
                + " application and no command to an official image whose default is one, such as a distribution's"
                + " shell: the images built on it set USER) and for a stock server such as nginx, php-fpm or Tomcat"
                + " started by its official-image style command (also when it is the official base image's default"
                + " command; not Tomcat when the image deploys a web application, a .war or files in webapps, whose"
                + " code runs in Tomcat's JVM as its user); the message says whether the server drops to a configured user itself (php-fpm's"
                + " workers take the pool's user, www-data in the php images, and it refuses a root pool without -R;"
                + " medium when the command passes -R). Nothing for"
                + " an image that starts nothing (built on scratch, with no ENTRYPOINT, CMD or compose command)."
                + " Low for an image whose entry-point script starts dockerd (Docker in Docker): the daemon needs root"
                + " and a privileged container, and the rootless variant of the docker image is the unprivileged"
                + " alternative."
                + " For a container that starts a classic cron daemon (cron, crond, also in a shell command such as"
                + " `cron && tail -f ...`), the same finding, but the advice is supercronic, with no fix: the daemon must"
                + " start as root to run each crontab's jobs as its owner and exits under a USER, while supercronic"
                + " runs the jobs as its own user, keeps the container's environment for them and logs to stdout."
                + " Low too for an image another Dockerfile of the project (or another stage of this one) starts FROM,"
                + " by the tag a build of the project or a compose service's image: gives it: the USER of the images"
                + " built on it decides, and they are reviewed for their own."
                + " Medium for a stage named for development or tests (dev, development, test), the target of a"
                + " development build, and for an image built from a Dockerfile named so (Dockerfile.dev,"
                + " Dockerfile.test) that nothing deploys. A USER written with a build argument whose default is root (ARG USER_ID=0) is"
                + " told to give that ARG a non-root default. High instead of critical when the base image's own user cannot be known: a"
                + " vendor's or a company's image outside Docker's official library and the images drydock knows"
                + " (grafana, prometheus, jenkins, keycloak and elastic images, the Jupyter Docker Stacks, mambaorg/micromamba,"
                + " rayproject/ray and rayproject/ray-ml, and apache/airflow are known to run as non-root users),"
                + " and for a container that serves nothing drydock can see (no port published or exposed, no server"
                + " or web application in its command: a command-line tool, a job, a worker), also when compose sets"
                + " user: root, which the message names as overriding the image's own non-root USER when it does."
                + " High too for a compose service of a pulled image known to run as a non-root user (bitnami, apache/spark"
                + " and spark, Debezium's, Confluent Platform 6.0 and later, authentik's server, and the images above) whose user: root"
                + " overrides it; not for a one-shot service others wait for with service_completed_successfully or"
                + " a task with restart: \"no\" (Airflow's airflow-init, user: \"0:0\" to chown the mounted folders,"
                + " then exits)."
                + " Medium, with the reason in the message, for a command-line tool or a short job that serves nothing"
                + " (not shared with other containers): an image whose command gives a program only help, version or"
                + " stdin as arguments (`ENTRYPOINT [\"mdcheck\"]` with `CMD [\"--help\"]`, `CMD [\"/bin/hadolint\","
                + " \"-\"]`), or a job that ends by itself (see graceful-shutdown-missing): root there still owns the"
                + " files it writes into mounted folders."
                + " For supervisord run as root with a configuration drydock reads: the programs left as root are named"
                + " (critical or high as above), medium when every program has a non-root user= or keeps root by"
                + " design (sshd, and servers whose master drops its workers to a configured user: nginx, Apache"
                + " through httpd or apache2ctl, php-fpm also under its versioned name php-fpm8.2); no fix then adds a USER, which would make supervisord refuse the programs that name"
                + " another user. Likewise for s6-svscan, s6-overlay's /init and runsvdir with the service folders"
                + " the image copies: the services whose run scripts switch to no other user (su-exec, s6-setuidgid,"
                + " chpst -u) are named; medium when only the supervision tree and such servers keep root. The CMD that"
                + " s6-overlay's /init runs as the main program beside its services is named with them: it runs as the"
                + " container's user unless it starts through s6-setuidgid, su-exec or gosu."
                + " For a dev container's image that ends as root, who the dev container tools run terminals,"
                + " lifecycle commands and the editor's server as: devcontainer.json's remoteUser, else its"
                + " containerUser, else the remote user a devcontainers base image"
                + " (mcr.microsoft.com/devcontainers/*) names in its metadata (vscode, node); root there is"
                + " medium."
                + " When the container starts as root and never switches users but its entry-point script (or the"
                + " sh -c script of its command) takes a step only root can take (chown of a folder such as a mounted"
                + " volume, a write under /etc, update-ca-certificates, sysctl or a write under /proc/sys, swapon and"
                + " the swap file it makes in /, a package install or useradd; not a"
                + " step whose failure it tolerates with ||, and nothing of a script that checks id -u or $EUID),"
                + " the finding keeps its severity but no fix adds a USER, under which that step fails at every start"
                + " (stopping a set -e script before the server): the recommendation names each such line and says to"
                + " take it at build time (RUN chown, COPY --chown; swap is the platform's, swap_size_mb in fly.toml on"
                + " Fly.io) or to keep root for it and drop privileges at the"
                + " script's exec with gosu (su-exec on Alpine), also for php-fpm."
                + " No fix adds a USER either while the server listens on a port below 1024 (see"
                + " non-root-privileged-port) with nothing that lets a non-root user bind it (a setcap in the image,"
                + " compose sysctls, a Kamal deployment on Docker's own network): only Docker 20.10 and later allow it,"
                + " and under Podman or CRI-O the server would stop at start; the recommendation says how to move it.",
        problem = "Without a USER instruction (or with USER root) the application runs as UID 0 inside the container.",
        impact = "Any flaw in the application or its dependencies hands an attacker root in the container: it can"
                + " change the image's files, read every mounted secret, and is one kernel or runtime bug away from"
                + " root on the host.",
        recommendation = "Create a dedicated user with a fixed UID/GID, give it only the directories it writes to,"
                + " and switch to it with USER before CMD.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#user",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user",
                "https://containers.dev/implementors/json_reference/",
                "https://github.com/aptible/supercronic#why-supercronic"},
        aliases = {"DL3002", "CKV_DOCKER_3", "CKV_DOCKER_8", "DS002", "DS-0002", "Missing User Instruction", "Last User Is 'root'"},
        fix = FixSafety.UNSAFE,
        effort = "30 min",
        strength = "Non-root user",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY . .
                        CMD ["python", "app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app
                        WORKDIR /app
                        COPY . .
                        USER app
                        CMD ["python", "app.py"]
                        """))
public final class RunsAsRoot implements Rule {

    static final String NO_USER = "no USER in the final stage";

    private static final Pattern ARGUMENT = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)");

    @Override
    public void check(ReviewContext context) {
        Map<NoUserKey, List<NoUser>> noUser = new LinkedHashMap<>();
        for (Container container : context.builtContainers()) {
            if (FileOnlyImage.is(container)) {
                continue;
            }
            Stage stage = container.build().stage();
            Container.Setting user = container.user();
            Optional<DevContainer> dev = DevContainers.of(context, container);
            if (dev.isPresent() && (user == null || UserIds.isRoot(user.value()))) {
                reportDevContainer(context, container, dev.get());
                continue;
            }
            if (user != null) {
                Optional<PrivilegeDrop> rootToPrepare = UserIds.isRoot(user.value())
                        ? PrivilegeDrop.of(context, container).filter(PrivilegeDrop::always) : Optional.empty();
                if (rootToPrepare.isPresent()) {
                    context.strength(this, user.origin(), startsAsRootToPrepare(rootToPrepare.get()));
                } else if (UserIds.isRoot(user.value()) && overriddenImageUser(container, user) == null
                        && container.supervision() != null && container.supervision().manager().supervises()
                        && !Processes.supervised(container).isEmpty()) {
                    // USER root written out is no USER: who the programs run as is the supervisor's to say
                    SupervisedUsers.report(this, context, container, new Location(user.origin().file(), user.origin().span()), (user.origin().file().equals(container.build().dockerfile())
                            ? "USER " : "user: ") + user.value());
                } else if (UserIds.isRoot(user.value())) {
                    String imageUser = overriddenImageUser(container, user);
                    String fromArguments = rootFromBuildArguments(container, user);
                    context.finding(this, user.origin(), "the container runs as " + user.value() + (imageUser == null
                                    ? "" : ": " + user.origin().file() + " overrides the image's USER " + imageUser)
                                    + (fromArguments == null ? "" : ": " + fromArguments + " takes the defaults of its build"
                                            + " arguments, which are root; --build-arg can pass other ids, but the image"
                                            + " built without them runs as root")
                                    + celeryAsRoot(container) + toolNote(context, container).orElse(""))
                            .severity(servesRequests(context, container) ? Severity.CRITICAL
                                    : toolNote(context, container).isPresent() ? Severity.MEDIUM : Severity.HIGH)
                            .recommendation(imageUser != null
                                    ? "Remove user: " + user.value() + " so that the container runs as the image's "
                                            + imageUser + "; if a start step needs root, do it in the image build instead."
                                    : rootArgument(container).orElseGet(() -> RootStartAdvice.of(container,
                                            RootStartSteps.of(container), "Run as a dedicated non-root user, e.g. "
                                                    + NonRootSuggestion.of(container) + ".")))
                            .breaks(praisedImageUser(container, user))
                            .add();
                } else {
                    context.strength(this, user.origin(), "the container runs as the non-root user "
                            + describeUser(container, user) + ": a flaw in the application does not hand out root in"
                            + " the container");
                }
                continue;
            }
            BaseImage base = Stages.rootBase(container.build().model(), stage);
            if (BaseImageFacts.defaultsToNonRoot(base)) {
                context.strength(this, new Location(container.build().dockerfile(), Stages.imageSpan(
                                Stages.rootStage(container.build().model(), stage))),
                        describe(base) + " runs as a non-root user by default, and nothing switches back to root");
                continue;
            }
            Location at = new Location(container.build().dockerfile(), stage.from().span());
            Optional<ProjectBaseUser> projectBase = ProjectBaseUser.of(context, container, base);
            if (projectBase.isPresent() && !projectBase.get().root()) {
                ProjectBaseUser own = projectBase.get();
                context.strength(this, at, "the container runs as the non-root user " + own.user() + " that "
                        + own.describe(describe(base)) + ", ends with (USER on line " + own.at().span().startLine()
                        + "), and nothing switches back to root");
                continue;
            }
            if (container.supervision() != null && container.supervision().mainCommand()
                    && !Processes.supervised(container).isEmpty()) {
                SupervisedUsers.report(this, context, container, at, NO_USER); // the CMD's own switch covers it, not the services
                continue;
            }
            Optional<PrivilegeDrop> drop = PrivilegeDrop.of(context, container);
            if (drop.isPresent() && !drop.get().always()) {
                String variable = drop.get().rootByDefault();
                context.finding(this, at, drop.get().where() + " switches to " + drop.get().user() + " with "
                                + drop.get().tool() + " only when " + variable + " names another user; it defaults to"
                                + " root and nothing sets it, so as built the container runs as root")
                        .severity(servesRequests(context, container) ? Severity.HIGH : Severity.MEDIUM)
                        .implicit()
                        .recommendation("Give " + variable + " a non-root default (e.g. 1000) in " + drop.get().where()
                                + " or with ENV " + variable + "=1000 in the final stage, so that the container drops"
                                + " root unless told otherwise.")
                        .add();
                continue;
            }
            if (drop.isPresent()) {
                context.strength(this, at, startsAsRootToPrepare(drop.get()));
                continue;
            }
            Optional<String> serverUser = PrivilegeDrop.byImageEntrypoint(container, base);
            if (serverUser.isPresent()) {
                context.strength(this, at, "the container starts as root only to prepare its files: the entrypoint of "
                        + describe(base) + " switches to its " + serverUser.get() + " user with "
                        + BaseImageFacts.entrypointSwitchTool(base) + " before "
                        + ImageRole.program(container).orElse("the server") + " starts");
                continue;
            }
            if (container.supervision() != null && container.supervision().manager().supervises()
                    && !Processes.supervised(container).isEmpty()) {
                SupervisedUsers.report(this, context, container, at, NO_USER);
                continue;
            }
            Optional<String> daemon = dockerDaemonScript(context, container);
            if (daemon.isPresent()) {
                context.finding(this, at, "no USER: the entry point " + daemon.get() + " starts dockerd, the Docker"
                                + " daemon, which needs root (and a privileged container) to run containers of its"
                                + " own: a USER would stop it, so root here is by design")
                        .severity(Severity.LOW)
                        .implicit()
                        .recommendation("Keep root for the daemon and limit who reaches it (its socket and TLS"
                                + " port); where an unprivileged daemon will do, build on the rootless variant"
                                + " (docker:dind-rootless), which runs dockerd as an ordinary user.")
                        .add();
                continue;
            }
            if (shellFormSkipsStepDown(context, container, base, at)) {
                continue;
            }
            ImageRole role = ImageRole.of(container);
            Optional<Location> builtOn = role == ImageRole.SERVER ? Optional.empty()
                    : LocallyBuiltImages.builtOn(context, container);
            if (builtOn.isPresent()) {
                reportProjectBase(context, container, at, builtOn.get());
                continue;
            }
            if (role != ImageRole.APPLICATION) {
                reportBaseOrServer(context, container, at, role);
                continue;
            }
            String command = stage.config().entrypoint() != null ? "ENTRYPOINT" : "CMD";
            String suggestion = NonRootSuggestion.of(container);
            String hostSource = SourceBindMount.overWorkdir(container).orElse(null);
            Optional<String> cron = CronDaemons.started(context, container);
            List<RootStartSteps.Step> rootSteps = cron.isPresent() ? List.of() : RootStartSteps.of(container);
            Optional<PrivilegedPortBind> privilegedPort = cron.isPresent() || !rootSteps.isEmpty() ? Optional.empty()
                    : unprivilegedBindFails(context, container);
            boolean developmentStage = BuiltImage.isDevelopmentStage(stage);
            boolean developmentFile = !developmentStage && container.service() != null
                    && ComposeServices.isDevelopmentFile(context, container.composeFile())
                    && !ComposeServices.declaredOutsideDevelopmentFiles(context, container.service());
            boolean developmentDockerfile = !developmentStage && !developmentFile
                    && DevelopmentDockerfiles.builds(context, container);
            boolean development = developmentStage || developmentFile || developmentDockerfile;
            boolean knownBase = BaseImageFacts.defaultUserKnown(base) || projectBase.isPresent();
            String serviceUser = cron.isEmpty() ? phpServiceUser(context, container) : null;
            KubernetesRoot kube = container.isComposeService() ? KubernetesRoot.NONE
                    : KubernetesRoot.of(context, KubernetesRuns.of(context, container),
                            knownBase);
            String runsAs = projectBase.isPresent() ? ": {subject} {runs} as root, as " + projectBase.get().describe(
                    describe(base)) + (projectBase.get().at() == null ? ", sets no USER either"
                            : ", ends with (USER " + projectBase.get().user() + " on line "
                                    + projectBase.get().at().span().startLine() + ")")
                    : knownBase ? ": {subject} {runs} as root"
                    : ": {subject} {runs} as the user " + describe(base) + " ends with, which drydock cannot see;"
                            + " unless that image sets a non-root USER, it is root";
            String message = "no USER in the final stage" + (stage.name() == null ? "" : " (" + stage.writtenName() + ")")
                    + runsAs + (developmentStage ? "; the stage is named for development,"
                    + " where this matters less, but a development container still runs the code with the"
                    + " mounted source and published ports" : developmentFile ? "; only the development"
                    + " compose file " + container.composeFile() + " runs it, where this matters less, but a"
                    + " development container still runs the code with the mounted source and published ports"
                    : developmentDockerfile ? "; " + container.build().dockerfile() + " is named for development or"
                    + " tests, where this matters less, but such a container still runs the code with the host's"
                    + " source and ports"
                    : "") + celeryAsRoot(container) + kube.message() + toolNote(context, container).orElse("");
            String recommendation = (serviceUser != null ? serviceUser : (cron.isPresent() ? cronAdvice(cron.get(), suggestion, crontab(container))
                    : (suggestion.startsWith("USER") ? "Switch to a non-root user before "
                    : "Add a non-root user and switch to it before ") + command + ": " + suggestion + ".")
                    + (hostSource == null ? "" : " The service mounts the host directory " + hostSource
                            + " over the working directory: its files keep their owner on the host, so give"
                            + " the user write access to what the application writes there (or run the service"
                            + " with `user:` set to the owner's UID:GID).")
                    + (privilegedPort.isPresent() ? "" : privilegedPortNote(context, container)) + kube.recommendation());
            if (!rootSteps.isEmpty()) {
                recommendation = RootStartAdvice.of(container, rootSteps, recommendation);
            }
            if (privilegedPort.isPresent()) {
                PrivilegedPortBind bind = privilegedPort.get();
                recommendation += " No automatic fix adds the USER while " + bind.server() + " listens on port "
                        + bind.port() + ": only Docker 20.10 and later let a non-root user bind it (Podman, CRI-O, containerd 1.x and host networking"
                        + " refuse it, and the server would stop at start). " + bind.move(context, container)
                        + bind.follow(container) + ", then switch users.";
            }
            Fix fix = hostSource != null || cron.isPresent() || rootServerSharing(context, container) != null
                    || !rootSteps.isEmpty() || privilegedPort.isPresent() ? null
                    : createdUser(container) != null ? nonRootFix(context, container)
                    : StackFixes.runsAsRoot(context, container)
                            .map(f -> VolumeDirectoriesForUser.add(container, RootForDerivedStages.add(container, f)))
                            .orElseGet(() -> nonRootFix(context, container));
            Severity severity = kube.severity(development || toolNote(context, container).isPresent() ? Severity.MEDIUM
                    : knownBase && servesRequests(context, container) ? Severity.CRITICAL : Severity.HIGH);
            noUser.computeIfAbsent(new NoUserKey(new Location(container.build().dockerfile(), stage.from().span())),
                    k -> new ArrayList<>()).add(new NoUser(container, message, recommendation, severity, fix,
                            oneShot(context, container)));
        }
        noUser.forEach((key, containers) -> reportNoUser(context, key, containers));
        pulledImagesMadeRoot(context);
    }

    /**
     * Compose services of a pulled image known to run as a non-root user (bitnami's 1001, apache/spark's spark,
     * Debezium's kafka ...) whose {@code user:} of root takes that away: nothing in the project builds the image, so
     * the loop over built containers never sees them. Not a one-shot service that runs to completion (others wait for
     * it with service_completed_successfully), such as the init service of Airflow's compose file, which runs as
     * root to chown the mounted folders to AIRFLOW_UID and exits.
     */
    private void pulledImagesMadeRoot(ReviewContext context) {
        for (Container c : context.project().containers()) {
            if (c.build() != null || c.image() == null || c.user() == null || !UserIds.isRoot(c.user().value())
                    || oneShot(context, c)) {
                continue; // a one-shot init service (Airflow's airflow-init chowns the mounted folders) exits
            }
            var ref = dev.drydock.core.image.ImageReference.tryParse(c.image()).orElse(null);
            if (ref == null || !ref.isImage()
                    || !BaseImageFacts.defaultsToNonRoot(new BaseImage.External(c.image(), c.image(), ref, null))) {
                continue;
            }
            String own = dev.drydock.core.rules.support.NonRootVendorImages.of(ref)
                    .map(v -> "user " + v.user() + " (" + v.ids() + ")").orElse("non-root user");
            context.finding(this, c.user().origin(), "the container runs as " + c.user().value() + ": "
                            + c.composeFile() + " overrides the " + own + " that " + ref.familiarString()
                            + " runs as, so " + c.name() + " and everything it starts run as root")
                    .severity(Severity.HIGH)
                    .recommendation(socketUser(c, own).orElse("Remove user: " + c.user().value() + " from " + c.name()
                            + " so that it runs as the image's own " + own + "; if it needs to write a mounted folder,"
                            + " give that folder to the image's user instead (chown it on the host, or in a one-shot"
                            + " init service)."))
                    .add();
        }
    }

    /**
     * The advice for a service made root to use the engine socket it mounts, which only root and the docker group may
     * open: a socket proxy reached over TCP needs neither.
     */
    private static Optional<String> socketUser(Container container, String own) {
        return Optional.ofNullable(container.service()).flatMap(DockerSocketMounted::mountedSocket)
                .map(socket -> container.name() + " mounts the engine socket " + socket + ", which only root and the"
                        + " docker group may open, and user: " + container.user().value() + " is likely there for it:"
                        + " give it the engine through a socket proxy that allows only the API calls it makes, reached"
                        + " over TCP (DOCKER_HOST=tcp://socket-proxy:2375), remove the socket mount and user: "
                        + container.user().value() + ", and it runs as the image's own " + own
                        + "; a mounted folder it must write is then chowned to that user on the host.");
    }

    /** The fix that switches the final stage to an unprivileged user ({@link NonRootUserFix}), or null. */
    private static Fix nonRootFix(ReviewContext context, Container container) {
        return NonRootUserFix.fix(context, container)
                .map(f -> VolumeDirectoriesForUser.add(container, RootForDerivedStages.add(container, f)))
                .orElse(null);
    }

    /** What makes the "no USER" findings of containers sharing an image one finding: the image's FROM line. */
    private record NoUserKey(Location at) {}

    private record NoUser(Container container, String message, String recommendation, Severity severity, Fix fix,
            boolean oneShot) {}

    /**
     * A compose service that runs to completion (another waits for it with service_completed_successfully, or it is a
     * task with restart: "no"): a migration or prestart step sharing the server's image.
     */
    private static boolean oneShot(ReviewContext context, Container container) {
        return container.service() != null && (ComposeServices.runsToCompletion(context, container.service())
                || dev.drydock.core.rules.support.OneShotJobs.of(context, container).isPresent());
    }

    /**
     * One finding for the containers that run one final stage as root: "web (compose.yaml), which runs `...`, and
     * worker (compose.yaml), which runs `...`, run as root", in the words and at the severity of the long-running ones
     * (the most severe first), the one-shot jobs that share the image noted after them.
     */
    private void reportNoUser(ReviewContext context, NoUserKey key, List<NoUser> all) {
        List<NoUser> running = all.stream().filter(n -> !n.oneShot()).toList();
        List<NoUser> containers = running.isEmpty() ? all : running;
        List<NoUser> jobs = running.isEmpty() ? List.of() : all.stream().filter(NoUser::oneShot).toList();
        NoUser lead = containers.stream().min(Comparator.comparing(NoUser::severity)).orElseThrow();
        Container first = containers.get(0).container();
        String subject = containers.size() > 1 ? sharedSubjects(containers.stream().map(NoUser::container).toList())
                : sharedImage(context, first) ? sharedSubject(first) : "the container";
        String jobNote = jobs.isEmpty() ? "" : "; " + (jobs.size() > 1 ? sharedSubjects(jobs.stream()
                        .map(NoUser::container).toList()) : sharedSubject(jobs.get(0).container()))
                + (jobs.size() > 1 ? " run" : " runs") + " the same image as a one-shot job, as root too";
        context.finding(this, key.at(), lead.message().replace("{subject}", subject)
                        .replace("{runs}", containers.size() > 1 ? "run" : "runs") + jobNote)
                .severity(lead.severity())
                .implicit()
                .recommendation(lead.recommendation())
                .fix(Stream.concat(Stream.of(lead), all.stream()).map(NoUser::fix).filter(Objects::nonNull).findFirst()
                        .orElse(null))
                .add();
    }

    /**
     * A dev container's image that ends as root: who the dev container tools run the developer's processes as
     * (terminals, lifecycle commands, the editor's server) is what matters there: devcontainer.json's remoteUser, else
     * its containerUser, else the remote user the devcontainers base image's metadata names.
     */
    private void reportDevContainer(ReviewContext context, Container container, DevContainer dev) {
        DevContainer.Value remote = dev.remoteUser();
        DevContainer.Value whole = dev.containerUser();
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        Optional<String> imageUser = DevContainers.imageRemoteUser(base);
        DevContainer.Value root = remote != null ? (UserIds.isRoot(remote.value()) ? remote : null)
                : whole != null && UserIds.isRoot(whole.value()) ? whole : null;
        String workspace = ", and the files they create in the mounted workspace belong to root on a Linux host";
        if (root != null) {
            String key = root == remote ? "remoteUser" : "containerUser";
            context.finding(this, new Location(dev.path(), root.span()), dev.path() + " sets " + key + " to "
                            + root.value() + ": the dev container's terminals, lifecycle commands and editor server run as"
                            + " root" + workspace)
                    .severity(Severity.MEDIUM)
                    .recommendation(imageUser.map(u -> "Remove \"" + key + "\": \"" + root.value() + "\" so that the tools"
                                    + " run as " + u + ", the non-root user of " + describe(base) + "; use sudo in the"
                                    + " container for the steps that need root.")
                            .orElse("Create a non-root user in " + container.build().dockerfile() + " (RUN useradd"
                                    + " --create-home --uid 1000 dev) and set \"" + key + "\": \"dev\"."))
                    .add();
            return;
        }
        if (remote != null) {
            context.strength(this, new Location(dev.path(), remote.span()), "the dev container's terminals, lifecycle"
                    + " commands and editor server run as " + remote.value() + " (remoteUser in " + dev.path() + "),"
                    + " not root");
        } else if (whole != null) {
            context.strength(this, new Location(dev.path(), whole.span()), dev.path() + " runs the dev container as "
                    + whole.value() + " (containerUser), not root");
        } else if (imageUser.isPresent()) {
            context.strength(this, new Location(container.build().dockerfile(), container.build().stage().from().span()),
                    describe(base) + " is a dev container image whose metadata makes " + imageUser.get() + " the remote"
                            + " user: the dev container's terminals, lifecycle commands and editor server run as "
                            + imageUser.get() + ", not root");
        } else {
            boolean knownBase = BaseImageFacts.defaultUserKnown(base);
            context.finding(this, new Location(container.build().dockerfile(), container.build().stage().from().span()),
                            "no USER in the dev container's image, and " + dev.path() + " sets neither remoteUser nor"
                            + " containerUser: the dev container's terminals, lifecycle commands and editor server run as "
                            + (knownBase ? "root" : "the user " + describe(base) + " ends with, root unless it sets"
                                    + " another") + workspace)
                    .severity(Severity.MEDIUM)
                    .implicit()
                    .recommendation("Create a non-root user in " + container.build().dockerfile() + " (RUN useradd"
                            + " --create-home --uid 1000 dev) and set \"remoteUser\": \"dev\" in " + dev.path()
                            + ", or build FROM an mcr.microsoft.com/devcontainers image, whose vscode user (uid 1000) the"
                            + " dev container tools use.")
                    .add();
        }
    }

    /**
     * What Celery makes of root, for a container that runs a Celery worker: it refuses to start as root when it accepts
     * pickle-serialized messages unless C_FORCE_ROOT is set (to any non-empty value), and only warns otherwise.
     */
    private static String celeryAsRoot(Container container) {
        EntryPoint ep = container.entryPoint();
        if (ep == null || ep.runtime() != dev.drydock.core.entrypoint.Runtime.CELERY
                || !"worker".equals(ep.option("command"))) {
            return "";
        }
        String force = ep.environment().get("C_FORCE_ROOT");
        return force != null && !force.isEmpty()
                ? "; C_FORCE_ROOT=" + force + " is set, which overrides Celery's guard against this: the worker"
                        + " refuses to run as root when it accepts pickle-serialized messages (a message that unpickles"
                        + " runs code) unless that variable is set, so the override lets any message on the broker run"
                        + " code as root"
                : "; Celery warns when its worker runs as root, and refuses to start when it accepts"
                        + " pickle-serialized messages unless C_FORCE_ROOT is set: setting that variable is not the"
                        + " fix";
    }

    private static String startsAsRootToPrepare(PrivilegeDrop drop) {
        ServerOwnUser server = drop.server();
        if (server != null) {
            return (drop.where().equals(PrivilegeDrop.COMMAND) ? "the container starts " + server.server()
                    + " as root, which " : "the container starts as root only to prepare its files: " + drop.where()
                    + " starts " + server.server() + ", which ") + (server.workersOnly() ? "runs its workers as " + drop.user()
                            + " (" + drop.tool() + "; its master process keeps root)"
                            : "switches itself to " + drop.user() + " once it has bound its sockets (" + drop.tool() + ")");
        }
        return "the container starts as root only to prepare its files: " + drop.where() + " switches to "
                + drop.user() + " with " + drop.tool() + " before the main process starts";
    }

    /**
     * A note for an application that listens on a port below 1024, which a non-root user may bind only where the
     * runtime lowers net.ipv4.ip_unprivileged_port_start (Docker 20.10 and later, containerd 2.0's CRI); empty otherwise.
     */
    private static String privilegedPortNote(ReviewContext context, Container container) {
        if (AppFacts.declaredPorts(container).isEmpty()) {
            return "";
        }
        int port = AppFacts.port(context, container, Apps.of(context, container));
        return port >= 1024 || port == 0 ? "" : " The application listens on port " + port + ", below 1024: Docker 20.10"
                + " and later let a non-root user bind it (they set net.ipv4.ip_unprivileged_port_start=0 in the"
                + " container), but host networking and runtimes that keep the kernel's default (Podman, CRI-O, containerd"
                + " 1.x, older Docker)"
                + " refuse it, so a port above 1024 is the portable choice.";
    }

    /**
     * The port below 1024 the server listens on when a non-root user could not bind it everywhere the image runs: no
     * setcap in the image, no compose sysctls lowering the limit, no Kamal deployment on Docker's own network.
     */
    private static Optional<PrivilegedPortBind> unprivilegedBindFails(ReviewContext context, Container container) {
        return PrivilegedPortBind.of(context, container)
                .filter(b -> container.service() == null || !b.loweredBy(container.service()))
                .filter(b -> KamalDeploy.of(context, container).map(KamalDeploy::hostNetwork).orElse(true));
    }

    /** The USER instruction as written when it names the user with build arguments (USER $UID:$GID), else null. */
    private static String rootFromBuildArguments(Container container, Container.Setting user) {
        var own = container.build().stage().config().user();
        if (own == null || !user.origin().file().equals(container.build().dockerfile())) {
            return null;
        }
        String written = own.instruction().rawText().strip();
        return written.contains("$") ? written : null;
    }

    /**
     * For a USER written with a build argument whose default is root ({@code USER "$USER_ID:$USER_ID"} after
     * {@code ARG USER_ID=0}, qdrant's image): give that ARG a non-root default, which the image built without
     * --build-arg then runs as, along with what the Dockerfile already does for a non-zero id.
     */
    private static Optional<String> rootArgument(Container container) {
        var own = container.build().stage().config().user();
        if (own == null || own.value() == null || !own.value().isEmpty() && !UserIds.isRoot(own.value())) {
            return Optional.empty();
        }
        Matcher m = ARGUMENT.matcher(own.instruction().rawText());
        if (!m.find()) {
            return Optional.empty();
        }
        String name = m.group(1);
        var d = container.build().stage().variables().definition(name);
        if (d == null || d.instruction() == null || d.kind() != Variables.Kind.ARG || d.value() == null
                || !d.value().equals("0") && !d.value().equals("root")) {
            return Optional.empty();
        }
        boolean usedByRuns = container.build().stage().runs().stream()
                .anyMatch(r -> r.script() != null && r.script().text().contains(name));
        return Optional.of("Give ARG " + name + " (line " + d.instruction().span().startLine() + ") a non-root"
                + " default, ARG " + name + "=10001: the image built without --build-arg then runs as that id"
                + (usedByRuns ? ", and the steps the Dockerfile takes for a non-zero " + name + " (creating the user,"
                        + " giving it its files) run in every build" : ", once a RUN creates that user and gives it the"
                        + " files it writes") + ".");
    }

    /**
     * The non-root USER (with its line) of the image that a compose {@code user:} of root replaces, or null when
     * the root user is the image's own or the image sets none.
     */
    /**
     * Where the image itself runs as a non-root user that {@code user}, root written outside the Dockerfile (a compose
     * service's user:), overrides: its USER, else the FROM of a base image that runs as non-root by default, which this
     * rule praises for the containers that keep it. Null when the root comes from the image.
     */
    private static Location praisedImageUser(Container container, Container.Setting user) {
        if (user.origin().file().equals(container.build().dockerfile())) {
            return null;
        }
        var own = container.build().stage().config().user();
        if (own != null && own.value() != null) {
            return UserIds.isRoot(own.value()) ? null
                    : new Location(container.build().dockerfile(), own.instruction().span());
        }
        Stage stage = container.build().stage();
        return BaseImageFacts.defaultsToNonRoot(Stages.rootBase(container.build().model(), stage))
                ? new Location(container.build().dockerfile(), Stages.imageSpan(
                        Stages.rootStage(container.build().model(), stage)))
                : null;
    }

    private static String overriddenImageUser(Container container, Container.Setting user) {
        var own = container.build().stage().config().user();
        if (own == null || own.value() == null || UserIds.isRoot(own.value())
                || user.origin().file().equals(container.build().dockerfile())) {
            return null;
        }
        return own.value() + " (" + container.build().dockerfile() + " line " + own.instruction().span().startLine() + ")";
    }

    /**
     * Whether the container takes requests from the network (ports, a web server or application): root there is
     * one exploit away from anyone who can reach it, where a tool, job or worker that listens nowhere is not.
     */
    /**
     * Why root matters less here, for a command-line tool or a short job that serves nothing (medium rather than
     * high): nothing reaches it over the network, but it runs as root on what it is given and writes root-owned files
     * into the folders mounted into it. Empty for a service, a worker, an image shared with other containers, or
     * when drydock cannot tell.
     */
    private static Optional<String> toolNote(ReviewContext context, Container container) {
        if (servesRequests(context, container) || sharedImage(context, container)) {
            return Optional.empty();
        }
        Optional<String> job = dev.drydock.core.rules.support.OneShotJobs.of(context, container);
        String what = job.map(j -> "a short job (" + j + ")").orElse(
                dev.drydock.core.rules.support.OneShotJobs.commandLineTool(context, container)
                        ? "a command-line tool (`" + String.join(" ", container.command().argv()) + "`)" : null);
        return Optional.ofNullable(what).map(w -> "; it runs " + w + " and serves nothing, so root matters less than"
                + " in a network service (medium rather than high), but it still runs as root on the input it is"
                + " given, the files it writes into a mounted folder belong to root on the host, and a flaw in it is"
                + " one kernel or runtime bug away from the host");
    }

    static boolean servesRequests(ReviewContext context, Container container) {
        return AppFacts.servesEvidence(context, container, Apps.of(context, container)) != null;
    }

    /** The crontab the image copies into /etc/cron.d or /etc/crontabs, as a container path, or null. */
    private static String crontab(Container container) {
        for (var stage : Stages.inImage(container.build().model(), container.build().stage())) {
            for (var copy : stage.copies()) {
                String to = copy.destination();
                if (to != null && (to.startsWith("/etc/cron.d/") || to.startsWith("/etc/crontabs/"))
                        && !to.endsWith("/") && copy.sources().size() == 1) {
                    return to;
                }
            }
        }
        return null;
    }

    /**
     * A classic cron daemon needs root: it runs each crontab's jobs as the crontab's owner and writes its pid file in
     * /var/run, so a USER alone makes it exit ("can't open or create /var/run/crond.pid: Permission denied" from
     * Debian's cron, "can't set groups" from BusyBox's crond). supercronic runs a crontab as the user it is started as,
     * keeps the container's environment for the jobs (cron clears it) and logs them to stdout.
     */
    private static String cronAdvice(String daemon, String suggestion, String crontab) {
        return daemon + " must start as root (it runs each crontab's jobs as the crontab's owner), so a USER alone"
                + " makes it exit. Run the crontab with supercronic instead, a cron for containers that runs the jobs as"
                + " the user it is started as, passes them the container's environment (" + daemon + " clears it) and"
                + " logs them to stdout: copy its release binary in, " + suggestion.replaceFirst("\\.$", "")
                + ", and " + (crontab == null ? "CMD [\"supercronic\"] with the crontab's path"
                        : "CMD [\"supercronic\", \"" + crontab + "\"]")
                + " (a crontab without the user field that /etc/cron.d files have).";
    }

    /** The entry-point script of the project that starts the Docker daemon (Docker in Docker), or empty. */
    private static Optional<String> dockerDaemonScript(ReviewContext context, Container container) {
        EntryPoint ep = container.entryPoint();
        if (ep == null) {
            return Optional.empty();
        }
        for (String script : ep.scripts()) {
            Optional<String> path = container.scripts().parsed(script)
                    .filter(parsed -> ScriptRuns.first(parsed, "dockerd").isPresent())
                    .map(parsed -> parsed.text().file().path());
            if (path.isPresent()) {
                return path;
            }
        }
        return Optional.empty();
    }

    /**
     * An image another Dockerfile of the project starts FROM: the images built on it set the user their containers run
     * as, and a root one among them is reported there.
     */
    private void reportProjectBase(ReviewContext context, Container container, Location at, Location builtOn) {
        Stage stage = container.build().stage();
        context.finding(this, at, "no USER" + (stage.name() == null ? "" : " in " + stage.writtenName())
                        + ": the image runs as root, but it is a base of the project's own: " + builtOn.file()
                        + " starts FROM it (line " + builtOn.line() + "), and the USER of the images built on it"
                        + " decides who their containers run as")
                .severity(Severity.LOW)
                .implicit()
                .recommendation("Add USER with a non-root user to the images built on it (the stage at line " + builtOn.line()
                        + " of " + builtOn.file() + "); if the user they need does not exist yet, create it here"
                        + " (useradd, or adduser on Alpine) so that each of them switches with one line.")
                .add();
    }

    /**
     * A runtime base image (its command is a bare interpreter) leaves USER to the images built on it; a stock
     * server such as nginx starts as root by design and drops to its configured user for the work: both are
     * worth a note, not an alarm.
     */
    private void reportBaseOrServer(ReviewContext context, Container container, Location at, ImageRole role) {
        String program = ImageRole.program(container).orElse("its command");
        if (program.equals("php-fpm")) {
            reportPhpFpm(context, container, at);
            return;
        }
        if (program.equals("apache2-foreground") && PhpFpm.onPhpImage(container)) {
            reportPhpApache(context, container, at);
            return;
        }
        String message = role == ImageRole.RUNTIME_BASE && ImageRole.inheritsCommand(container)
                ? "no USER and no command of its own: the image runs " + program + ", the command of "
                        + describe(Stages.rootBase(container.build().model(), container.build().stage()))
                        + ", as root; it reads as a base image (a tool chain or runtime) whose own images must switch"
                        + " to a non-root user"
                : role == ImageRole.RUNTIME_BASE
                ? "no USER: the image runs " + program + " as root; its command is a bare interpreter or build tool,"
                        + " so it reads as a base image whose own images must switch to a non-root user"
                : ImageRole.dropsToConfiguredUser(program)
                ? "no USER: " + program + " starts as root; as a stock server it drops to the user its configuration"
                        + " names for the work, which only holds if that configuration says so"
                : "no USER: " + program + " starts as root and does not switch users by itself; as a stock server"
                        + " image it leaves the user to the images and deployments built on it";
        List<RootStartSteps.Step> rootSteps = RootStartSteps.of(container);
        String recommendation = role == ImageRole.RUNTIME_BASE
                        ? "Document that images built FROM this one must add USER; or add an unprivileged user here"
                                + " (" + NonRootSuggestion.of(container) + ") so that they can switch to it with one line."
                        : unprivilegedNginx(container) != null
                        ? "Build FROM " + unprivilegedNginx(container) + ", the same nginx image run as the"
                                + " unprivileged user nginx (UID 101) and listening on 8080 instead of 80: change"
                                + " `listen 80` in your server blocks and the published port to match"
                                + ownMainConfPid(context, container) + "."
                        : officialServerAdvice(context, container, program) != null
                        ? officialServerAdvice(context, container, program)
                        : ImageRole.dropsToConfiguredUser(program)
                        ? "Check that " + program + "'s configuration names an unprivileged user, or run it as one: "
                                + NonRootSuggestion.of(container) + " (an unprivileged port above 1024 is then needed)."
                        : "Run " + program + " as an unprivileged user: " + NonRootSuggestion.of(container)
                                + " (an unprivileged port above 1024 is then needed).";
        context.finding(this, at, message)
                .severity(Severity.LOW)
                .implicit()
                .recommendation(rootSteps.isEmpty() ? recommendation
                        : RootStartAdvice.of(container, rootSteps, recommendation))
                .add();
    }

    /**
     * php-fpm as root: its master keeps root while the pool's workers, which run the PHP code, take the user the
     * pool names (php-fpm refuses a root pool without -R); worth a note, unless -R lets a pool run as root.
     */
    private void reportPhpFpm(ReviewContext context, Container container, Location at) {
        boolean phpImage = PhpFpm.onPhpImage(container);
        boolean allowsRoot = PhpFpm.allowsRoot(container);
        String pool = phpImage ? "the php image's pool (/usr/local/etc/php-fpm.d/www.conf) names www-data"
                : "check that the pool's configuration (user = and group = in php-fpm.d/*.conf) names an unprivileged user";
        String message = allowsRoot
                ? "no USER, and php-fpm is started with -R (--allow-to-run-as-root): a pool whose configuration names"
                        + " root, or no user, runs the PHP code as root"
                : "no USER: php-fpm's master process keeps root; the workers that run the PHP code take the user of"
                        + " the pool's configuration, and php-fpm refuses to run a pool as root without -R"
                        + " (--allow-to-run-as-root)" + (phpImage ? "; " + pool : "");
        String workdir = phpImage && !(container.build().stage().config().workdir() instanceof Setting<String>)
                ? "/var/www/html" : NonRootSuggestion.workdir(container);
        String asUser = phpImage
                ? "USER www-data (the php image's own user, UID 82 on Alpine and 33 on Debian), "
                        + NonRootSuggestion.ownedFiles(container, "www-data:www-data", workdir, true)
                : NonRootSuggestion.of(container);
        List<RootStartSteps.Step> rootSteps = RootStartSteps.of(container);
        String recommendation = (allowsRoot ? "Drop -R and name an unprivileged user in the pool's configuration. "
                : phpImage ? "" : "First " + pool + ". ")
                + "To take root from the master too, run php-fpm as the pool's user: " + asUser + "; php-fpm"
                + " then only notes that the pool's user directive is ignored, and its port 9000 needs no"
                + " privilege.";
        context.finding(this, at, message)
                .severity(allowsRoot ? Severity.MEDIUM : Severity.LOW)
                .implicit()
                .recommendation(rootSteps.isEmpty() ? recommendation
                        : RootStartAdvice.of(container, rootSteps, recommendation))
                .fix(phpImage && !allowsRoot && rootSteps.isEmpty() ? nonRootFix(context, container) : null)
                .add();
    }

    /**
     * Apache of the php image's apache variants as root: apache2-foreground reads /etc/apache2/envvars, where the
     * image keeps Debian's APACHE_RUN_USER and APACHE_RUN_GROUP of www-data (overridable from the environment), so the
     * master process keeps root and the children that run the PHP code (mod_php) run as www-data.
     */
    private void reportPhpApache(ReviewContext context, Container container, Location at) {
        String who = sharedImage(context, container) ? container.name() + " (" + container.composeFile() + ") runs "
                + "apache2-foreground, which starts Apache as root" : "apache2-foreground starts Apache as root";
        boolean overridden = mentions(context, container, "APACHE_RUN_USER");
        String children = overridden
                ? "the project sets APACHE_RUN_USER, and the children that run the PHP code (mod_php) take the user it"
                        + " names"
                : "the php image's /etc/apache2/envvars sets APACHE_RUN_USER and APACHE_RUN_GROUP to www-data, so the"
                        + " master process keeps root and the children that run the PHP code (mod_php) run as www-data";
        String workdir = container.build().stage().config().workdir() instanceof Setting<String> w ? w.value()
                : "/var/www/html";
        context.finding(this, at, "no USER: " + who + "; " + children)
                .severity(Severity.LOW)
                .implicit()
                .recommendation((overridden ? "Check that APACHE_RUN_USER names an unprivileged user (www-data). " : "")
                        + "To take root from the master too, run Apache as www-data: USER www-data (the php image's"
                        + " own user, UID 33), " + NonRootSuggestion.ownedFiles(container, "www-data:www-data", workdir, true)
                        + ", and Apache on a port above 1024 (Listen 8080 in /etc/apache2/ports.conf and"
                        + " <VirtualHost *:8080> in sites-available/000-default.conf, with the published port to"
                        + " match); the image already leaves Apache's run, lock and log directories writable to any"
                        + " user.")
                .add();
    }

    /**
     * For a compose service that shares an image built on the official php image with a service whose server starts
     * as root (Apache on port 80, php-fpm's master): the compose user that takes root from this service alone, since a
     * USER in the Dockerfile would apply to the server too; null otherwise.
     */
    private static String phpServiceUser(ReviewContext context, Container container) {
        if (!PhpFpm.onPhpImage(container)) {
            return null;
        }
        Container server = rootServerSharing(context, container);
        if (server == null || startsCron(context, container)) {
            return null;
        }
        return "Set `user: www-data` on " + container.name() + " in " + container.composeFile() + " (the php image's"
                + " own user, UID 33 on Debian and 82 on Alpine), with the files it writes owned by www-data: a USER in"
                + " the Dockerfile would apply to " + server.name() + " too, whose " + ImageRole.program(server).get()
                + " starts as root by design.";
    }

    /** Another service of the same image whose server starts as root by design (Apache, nginx, php-fpm), or null. */
    private static Container rootServerSharing(ReviewContext context, Container container) {
        if (!sharedImage(context, container)) {
            return null;
        }
        return context.builtContainers().stream().filter(other -> other != container
                        && other.build() != null && other.build().stage() == container.build().stage()
                        && ImageRole.program(other).filter(ImageRole::dropsToConfiguredUser).isPresent())
                .findFirst().orElse(null);
    }

    /** Whether a script of the project that the container's command names starts a cron daemon, which needs root. */
    private static boolean startsCron(ReviewContext context, Container container) {
        if (container.command() == null) {
            return false;
        }
        for (String word : container.command().argv()) {
            var script = word.endsWith(".sh") ? container.scripts().parsed(word).orElse(null) : null;
            if (script != null && ScriptRuns.commands(script).stream()
                    .anyMatch(c -> c.is("cron", "crond") && c.argumentValues().contains("-f"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether the Dockerfile or the compose file of the container names this variable. */
    private static boolean mentions(ReviewContext context, Container container, String variable) {
        java.util.regex.Pattern written = java.util.regex.Pattern.compile("(?m)^(?!\\s*#).*\\b" + variable + "\\b");
        if (written.matcher(container.build().model().syntax().file().text()).find()) {
            return true;
        }
        return container.composeFile() != null && context.project().source(container.composeFile())
                .map(f -> written.matcher(f.text()).find()).orElse(false);
    }

    /**
     * Whether other containers of the project run the same image (compose services that share a build), whose
     * findings on its FROM line then have to say which container they are about.
     */
    static boolean sharedImage(ReviewContext context, Container container) {
        if (container.service() == null) {
            return false;
        }
        return context.builtContainers().stream().anyMatch(other -> other != container && other.build() != null
                && other.build().model() == container.build().model() && other.build().stage() == container.build().stage());
    }

    /** The container and its command, for a message about a shared image: {@code queue (compose.yaml), which runs `...`,}. */
    private static String sharedSubject(Container container) {
        String command = container.command() == null || container.command().isEmpty() ? ""
                : ", which runs `" + ShortText.of(container.command().shellForm() && container.command().script() != null
                        ? container.command().script() : String.join(" ", container.command().argv()), 60) + "`,";
        return container.name() + " (" + container.composeFile() + ")" + command;
    }

    /**
     * Several containers with their commands: each but the last ends with a comma already or gets one, so that the
     * commas inside a subject ("which runs `...`,") never double: "web (compose.yaml), which runs `a`, cron
     * (compose.yaml), which runs `b`, and worker (compose.yaml)".
     */
    private static String sharedSubjects(List<Container> containers) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < containers.size(); i++) {
            String subject = sharedSubject(containers.get(i));
            if (i == containers.size() - 1) {
                out.append("and ").append(subject);
            } else {
                out.append(subject).append(subject.endsWith(",") ? " " : ", ");
            }
        }
        return out.toString();
    }

    /**
     * What to add to the move to nginx-unprivileged when the project copies its own nginx.conf: it replaces the
     * unprivileged image's, which is the file that moves the pid file to /tmp.
     */
    private static String ownMainConfPid(ReviewContext context, Container container) {
        return NginxConfigs.of(context, container).filter(config -> !config.main().isEmpty())
                .map(config -> NginxConfigs.rootOwnedPidFile(container, config))
                .map(pid -> "; your nginx.conf replaces that image's own, which moves the pid file to /tmp, so write"
                        + " `pid /tmp/nginx.pid;` in it (" + pid + " belongs to root and nginx stops at start)")
                .orElse("");
    }

    /** Where the official httpd image reads its configuration. */
    private static final String HTTPD_CONF_DIR = "/usr/local/apache2/conf/";

    /**
     * How the official caddy or httpd image runs its server unprivileged, with the tools and paths of that image, or
     * null for another image or a Dockerfile that creates a user of its own. Caddy: the image is Alpine (BusyBox's
     * adduser), Caddy writes its certificates and autosaved configuration under XDG_DATA_HOME=/data and
     * XDG_CONFIG_HOME=/config, and the image's Dockerfile gives /usr/bin/caddy cap_net_bind_service, so 80 and 443
     * stay. httpd: its httpd.conf names www-data for the children that serve requests, the root master only binds
     * port 80 and writes the pid file into /usr/local/apache2/logs (httpd-foreground removes it there first).
     */
    private static String officialServerAdvice(ReviewContext context, Container container, String program) {
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        BaseImageFacts.ImageTools tools = InferredImageTools.of(container.build().model(), container.build().stage())
                .orElse(null);
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isOfficialImage() || tools == null || !tools.shell()
                || createdUser(container) != null) {
            return null;
        }
        String image = external.reference().imageName();
        if (image.equals("caddy") && program.equals("caddy") && UserCreation.busybox(tools)) {
            return "Run Caddy as an unprivileged user: " + UserCreation.command(true, "caddy", 10001)
                    + " && chown -R caddy:caddy /data/caddy /config/caddy (the caddy image is Alpine, with BusyBox's"
                    + " adduser; Caddy keeps its certificates and autosaved configuration there, in the image's"
                    + " XDG_DATA_HOME=/data and XDG_CONFIG_HOME=/config), then USER caddy. The files it serves only"
                    + " need to be readable, and the image gives /usr/bin/caddy cap_net_bind_service (setcap in its"
                    + " Dockerfile), so it keeps listening on 80 and 443.";
        }
        if (image.equals("httpd") && program.equals("httpd-foreground")) {
            String ids = BaseImageFacts.userIds(base, "www-data").orElse("33:33");
            boolean ownConf = ConfigFiles.of(context, container.service(), container, HTTPD_CONF_DIR)
                    .map(found -> found.files().containsKey(HTTPD_CONF_DIR + "httpd.conf")).orElse(false);
            return (ownConf ? "Check that your httpd.conf names User www-data as the image's own does: then the"
                    : "The httpd image's httpd.conf names User www-data, so the") + " children that serve requests"
                    + " run unprivileged and the root master only binds port 80; to drop root entirely, change `Listen 80`"
                    + " to `Listen 8080` in " + HTTPD_CONF_DIR + "httpd.conf, RUN chown www-data:www-data"
                    + " /usr/local/apache2/logs (httpd writes its pid file there and stops at start without it), then"
                    + " USER www-data (UID " + ids.substring(0, ids.indexOf(':')) + ", the image's own; no user to"
                    + " create) and publish 8080.";
        }
        return null;
    }

    /** nginxinc/nginx-unprivileged with the tag of the official nginx image the container runs, or null. */
    private static String unprivilegedNginx(Container container) {
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        if (base instanceof BaseImage.External external && external.reference() != null
                && external.reference().isOfficialImage() && "nginx".equals(external.reference().imageName())) {
            String tag = external.reference().effectiveTag();
            return "nginxinc/nginx-unprivileged" + (tag == null ? "" : ":" + tag);
        }
        return null;
    }

    /** The first user the image's RUN steps create (adduser, useradd), or null. */
    static CreatedUser createdUser(Container container) {
        var model = container.build().model();
        var stage = container.build().stage();
        boolean busybox = InferredImageTools.of(model, stage).map(t -> "apk".equals(t.packageManager())).orElse(false);
        return CreatedUser.first(RunStep.of(model, Stages.inImage(model, stage)), busybox);
    }

    /**
     * The user as a reader knows it: the value USER resolves to, or, when it names a variable of the base
     * image ({@code USER $APP_UID} of the .NET images), what the image defines there.
     */
    private static String describeUser(Container container, Container.Setting user) {
        if (!user.value().isBlank()) {
            return user.value();
        }
        return DotnetImages.appUser(container, user).orElseGet(() -> {
            Instruction own = WrittenInstructions.inImageAt(container, user.origin());
            return own != null && own.arguments() instanceof PlainText text ? text.text().strip() : "";
        });
    }

    static String describe(BaseImage base) {
        return base instanceof BaseImage.External external && external.reference() != null
                ? external.reference().familiarString() : "the base image";
    }

    /**
     * A shell-form CMD that starts the server of an official database image ({@link EntrypointScriptImages}): Docker
     * hands the image's docker-entrypoint.sh {@code /bin/sh -c "..."}, and the script switches to the image's user
     * only when the server (or an option) comes first, so it runs the shell, and the server under it, as root.
     */
    private boolean shellFormSkipsStepDown(ReviewContext context, Container container, BaseImage base, Location at) {
        EffectiveCommand command = container.command();
        if (command == null || !command.shellForm() || command.script() == null || !command.entrypoint().isEmpty()
                || !(base instanceof BaseImage.External external)) {
            return false;
        }
        Optional<EntrypointScriptImages> image = EntrypointScriptImages.of(external.reference());
        List<dev.drydock.core.shell.Command> commands = dev.drydock.core.shell.ShellScript.parse(command.script()).commands();
        if (image.isEmpty() || commands.isEmpty() || !image.get().server().equals(commands.get(0).name())) {
            return false;
        }
        String server = image.get().server();
        context.finding(this, at, "no USER in the final stage, and the CMD is in shell form: Docker hands "
                        + describe(base) + "'s " + EntrypointScriptImages.ENTRYPOINT + " `/bin/sh -c \""
                        + ShortText.of(command.script(), 80) + "\"`, and the script switches to the " + image.get().user()
                        + " user with gosu only when " + server + " or an option comes first, so it runs the shell,"
                        + " and " + server + " under it, as root")
                .severity(Severity.HIGH)
                .implicit()
                .recommendation("Write the CMD in exec form, a JSON list that starts with " + server + ": "
                        + EntrypointScriptImages.ENTRYPOINT + " then sees " + server + " first and switches to the "
                        + image.get().user() + " user before it starts it.")
                .add();
        return true;
    }
}
