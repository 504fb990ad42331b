package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.devcontainer.DevContainer;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.ScriptRuns;
import dev.drydock.core.image.EntrypointScriptImages;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.DevContainers;
import dev.drydock.core.rules.support.FileOnlyImage;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.LocallyBuiltImages;
import dev.drydock.core.rules.support.PrivilegeDrop;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.rules.support.ProjectBaseUser;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UserIds;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import java.util.List;
import java.util.Optional;

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
                + " database, the WORKDIR a server runs in that the image leaves empty, where it keeps its data), never a"
                + " chown -R of the whole application. Not"
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
                + " medium when the command passes -R; the same low note for php-fpm under a USER root the Dockerfile"
                + " writes out, whose workers still take the pool's user). Nothing for"
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
                + " volume, a write under /etc or another system folder such as /lib, /usr/lib or /usr/bin (an ln -s"
                + " made there), update-ca-certificates, keytool on the JDK's cacerts, sysctl or a write under"
                + " /proc/sys, swapon and the swap file it makes in /, a package install or useradd; not a"
                + " step whose failure it tolerates with ||, and nothing of a script that checks id -u or $EUID),"
                + " the finding keeps its severity but no fix adds a USER, under which that step fails at every start"
                + " (stopping a set -e script before the server): the recommendation names each such line and says to"
                + " take it at build time (RUN chown, COPY --chown; swap is the platform's, swap_size_mb in fly.toml on"
                + " Fly.io) or to keep root for it and drop privileges at the"
                + " script's exec with gosu (su-exec on Alpine), also for php-fpm."
                + " No fix adds a USER either while the server listens on a port below 1024 (see"
                + " non-root-privileged-port) with nothing that lets a non-root user bind it (a setcap in the image,"
                + " compose sysctls, a Kamal deployment on Docker's own network): only Docker 20.10 and later allow it,"
                + " and under Podman or CRI-O the server would stop at start; the recommendation says how to move it."
                + " Nor while a variable of the image or of a container that runs it points the application under"
                + " /root (HALO_WORK_DIR=/root/.halo2), which the new user could not enter: the recommendation names"
                + " the variables to move with it.",
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

    @Override
    public void check(ReviewContext context) {
        NoUserFindings noUser = new NoUserFindings(this, context);
        for (Container container : context.builtContainers()) {
            if (FileOnlyImage.is(container)) {
                continue;
            }
            Stage stage = container.build().stage();
            Container.Setting user = container.user();
            Optional<DevContainer> dev = DevContainers.of(context, container);
            if (dev.isPresent() && (user == null || UserIds.isRoot(user.value()))) {
                DevContainerUsers.report(this, context, container, dev.get());
                continue;
            }
            if (user != null) {
                WrittenUsers.report(this, context, container, user);
                continue;
            }
            BaseImage base = Stages.rootBase(container.build().model(), stage);
            if (BaseImageFacts.defaultsToNonRoot(base)) {
                context.strength(this, new Location(container.build().dockerfile(), Stages.imageSpan(
                                Stages.rootStage(container.build().model(), stage))),
                        BaseImage.describe(base) + " runs as a non-root user by default, and nothing switches back to root");
                continue;
            }
            Location at = new Location(container.build().dockerfile(), stage.from().span());
            Optional<ProjectBaseUser> projectBase = ProjectBaseUser.of(context, container, base);
            if (projectBase.isPresent() && !projectBase.get().root()) {
                ProjectBaseUser own = projectBase.get();
                context.strength(this, at, "the container runs as the non-root user " + own.user() + " that "
                        + own.describe(BaseImage.describe(base)) + ", ends with (USER on line " + own.at().span().startLine()
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
                context.strength(this, at, RootNotes.startsAsRootToPrepare(drop.get()));
                continue;
            }
            Optional<String> serverUser = PrivilegeDrop.byImageEntrypoint(container, base);
            if (serverUser.isPresent()) {
                context.strength(this, at, "the container starts as root only to prepare its files: the entrypoint of "
                        + BaseImage.describe(base) + " switches to its " + serverUser.get() + " user with "
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
                RuntimeBasesAndServers.reportProjectBase(this, context, container, at, builtOn.get());
                continue;
            }
            if (role != ImageRole.APPLICATION) {
                RuntimeBasesAndServers.report(this, context, container, at, role);
                continue;
            }
            noUser.add(container, base, projectBase);
        }
        noUser.report();
        PulledImagesMadeRoot.report(this, context);
    }

    /**
     * Whether the container takes requests from the network (ports, a web server or application): root there is
     * one exploit away from anyone who can reach it, where a tool, job or worker that listens nowhere is not.
     */
    static boolean servesRequests(ReviewContext context, Container container) {
        return AppFacts.servesEvidence(context, container, Apps.of(context, container)) != null;
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

    /** The base image as a reader knows it ({@code python:3.12-slim}), or "the base image" when it is not named. */
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
        List<Command> commands = ShellScript.parse(command.script()).commands();
        if (image.isEmpty() || commands.isEmpty() || !image.get().server().equals(commands.get(0).name())) {
            return false;
        }
        String server = image.get().server();
        context.finding(this, at, "no USER in the final stage, and the CMD is in shell form: Docker hands "
                        + BaseImage.describe(base) + "'s " + EntrypointScriptImages.ENTRYPOINT + " `/bin/sh -c \""
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
