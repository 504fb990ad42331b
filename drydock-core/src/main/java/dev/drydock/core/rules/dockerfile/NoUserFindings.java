package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.entrypoint.ScriptRuns;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.CronDaemons;
import dev.drydock.core.rules.support.DevelopmentDockerfiles;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.KamalDeploy;
import dev.drydock.core.rules.support.KubernetesRoot;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.PhpFpm;
import dev.drydock.core.rules.support.PrivilegedPortBind;
import dev.drydock.core.rules.support.ProjectBaseUser;
import dev.drydock.core.rules.support.RootHomeVariables;
import dev.drydock.core.rules.support.RootStartSteps;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.fixes.StackFixes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * runs-as-root's finding for an application whose final stage sets no USER, so that it runs as root: its words,
 * severity, advice (a non-root user, supercronic for a cron daemon, a compose user: beside a php server) and fix,
 * gathered per image so that the containers sharing one final stage get one finding at its FROM line.
 */
final class NoUserFindings {

    /** What makes the "no USER" findings of containers sharing an image one finding: the image's FROM line. */
    private record NoUserKey(Location at) {}

    private record NoUser(Container container, String message, String recommendation, Severity severity, Fix fix,
            boolean oneShot) {}

    private final Rule rule;
    private final ReviewContext context;
    private final Map<NoUserKey, List<NoUser>> byImage = new LinkedHashMap<>();

    NoUserFindings(Rule rule, ReviewContext context) {
        this.rule = rule;
        this.context = context;
    }

    /**
     * Adds the finding for an application container whose final stage sets no USER, to be reported with those of the
     * other containers that run the same stage.
     */
    void add(Container container, BaseImage base, Optional<ProjectBaseUser> projectBase) {
        Stage stage = container.build().stage();
        String command = stage.config().entrypoint() != null ? "ENTRYPOINT" : "CMD";
        String suggestion = NonRootSuggestion.of(container);
        String hostSource = SourceBindMount.overWorkdir(container).orElse(null);
        Optional<String> cron = CronDaemons.started(context, container);
        List<RootStartSteps.Step> rootSteps = cron.isPresent() ? List.of() : RootStartSteps.of(container);
        Optional<PrivilegedPortBind> privilegedPort = cron.isPresent() ? Optional.empty()
                : unprivilegedBindFails(container);
        boolean developmentStage = BuiltImage.isDevelopmentStage(stage);
        boolean developmentFile = !developmentStage && container.service() != null
                && ComposeServices.isDevelopmentFile(context, container.composeFile())
                && !ComposeServices.declaredOutsideDevelopmentFiles(context, container.service());
        boolean developmentDockerfile = !developmentStage && !developmentFile
                && DevelopmentDockerfiles.builds(context, container);
        boolean development = developmentStage || developmentFile || developmentDockerfile;
        boolean knownBase = BaseImageFacts.defaultUserKnown(base) || projectBase.isPresent();
        String serviceUser = cron.isEmpty() ? phpServiceUser(container) : null;
        KubernetesRoot kube = container.isComposeService() ? KubernetesRoot.NONE
                : KubernetesRoot.of(context, KubernetesRuns.of(context, container),
                        knownBase);
        String runsAs = projectBase.isPresent() ? ": {subject} {runs} as root, as " + projectBase.get().describe(
                BaseImage.describe(base)) + (projectBase.get().at() == null ? ", sets no USER either"
                        : ", ends with (USER " + projectBase.get().user() + " on line "
                                + projectBase.get().at().span().startLine() + ")")
                : knownBase ? ": {subject} {runs} as root"
                : ": {subject} {runs} as the user " + BaseImage.describe(base) + " ends with, which drydock cannot see;"
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
                : "") + RootNotes.celeryAsRoot(container) + kube.message() + RootNotes.toolNote(context, container).orElse("");
        String recommendation = (serviceUser != null ? serviceUser : (cron.isPresent() ? cronAdvice(cron.get(), suggestion, crontab(container))
                : (suggestion.startsWith("USER") ? "Switch to a non-root user before "
                : "Add a non-root user and switch to it before ") + command + ": " + suggestion + ".")
                + (hostSource == null ? "" : " The service mounts the host directory " + hostSource
                        + " over the working directory: its files keep their owner on the host, so give"
                        + " the user write access to what the application writes there (or run the service"
                        + " with `user:` set to the owner's UID:GID).")
                + (privilegedPort.isPresent() ? "" : RootNotes.privilegedPortNote(context, container)) + kube.recommendation());
        if (!rootSteps.isEmpty()) {
            recommendation = RootStartAdvice.of(container, rootSteps, recommendation);
        }
        List<RootHomeVariables.Pointer> rootHome = rootHomeVariables(container);
        if (!rootHome.isEmpty()) {
            recommendation += " " + RootNotes.rootHomeNote(rootHome);
        }
        if (privilegedPort.isPresent()) {
            PrivilegedPortBind bind = privilegedPort.get();
            String refused = " (Podman, CRI-O, containerd 1.x and host networking refuse it, and the server would stop"
                    + " at start). ";
            // after the root-only start steps, whichever way out is taken the server then binds as the new user
            recommendation += (rootSteps.isEmpty() ? " No automatic fix adds the USER while " + bind.server()
                    + " listens on port " + bind.port() + ": only Docker 20.10 and later let a non-root user bind it"
                    + refused
                    : " Either way the server then starts as that user, and " + bind.server() + " listens on port "
                            + bind.port() + ", which only Docker 20.10 and later let a non-root user bind" + refused)
                    + bind.move(context, container) + bind.follow(container) + ", then switch users.";
        }
        Fix fix = hostSource != null || cron.isPresent() || SharedImages.rootServerSharing(context, container) != null
                || !rootSteps.isEmpty() || privilegedPort.isPresent() || !rootHome.isEmpty() ? null : fix(container);
        Severity severity = kube.severity(development || RootNotes.toolNote(context, container).isPresent() ? Severity.MEDIUM
                : knownBase && RunsAsRoot.servesRequests(context, container) ? Severity.CRITICAL : Severity.HIGH);
        byImage.computeIfAbsent(new NoUserKey(new Location(container.build().dockerfile(), stage.from().span())),
                k -> new ArrayList<>()).add(new NoUser(container, message, recommendation, severity, fix,
                        SharedImages.oneShot(context, container)));
    }

    /** The variables of the container's image that point under /root, which a non-root user cannot enter. */
    private List<RootHomeVariables.Pointer> rootHomeVariables(Container container) {
        return BuiltImage.of(context).stream().filter(i -> i.containers().contains(container)).findFirst()
                .map(i -> RootHomeVariables.of(context, i)).orElse(List.of());
    }

    /** Reports the findings gathered, one per final stage. */
    void report() {
        byImage.forEach(this::report);
    }

    /**
     * One finding for the containers that run one final stage as root: "web (compose.yaml), which runs `...`, and
     * worker (compose.yaml), which runs `...`, run as root", in the words and at the severity of the long-running ones
     * (the most severe first), the one-shot jobs that share the image noted after them.
     */
    private void report(NoUserKey key, List<NoUser> all) {
        List<NoUser> running = all.stream().filter(n -> !n.oneShot()).toList();
        List<NoUser> containers = running.isEmpty() ? all : running;
        List<NoUser> jobs = running.isEmpty() ? List.of() : all.stream().filter(NoUser::oneShot).toList();
        NoUser lead = containers.stream().min(Comparator.comparing(NoUser::severity)).orElseThrow();
        Container first = containers.get(0).container();
        String subject = containers.size() > 1 ? SharedImages.subjects(containers.stream().map(NoUser::container).toList())
                : SharedImages.sharedImage(context, first) ? SharedImages.subject(first) : "the container";
        String jobNote = jobs.isEmpty() ? "" : "; " + (jobs.size() > 1 ? SharedImages.subjects(jobs.stream()
                        .map(NoUser::container).toList()) : SharedImages.subject(jobs.get(0).container()))
                + (jobs.size() > 1 ? " run" : " runs") + " the same image as a one-shot job, as root too";
        context.finding(rule, key.at(), lead.message().replace("{subject}", subject)
                        .replace("{runs}", containers.size() > 1 ? "run" : "runs") + jobNote)
                .severity(lead.severity())
                .implicit()
                .recommendation(lead.recommendation())
                .fix(Stream.concat(Stream.of(lead), all.stream()).map(NoUser::fix).filter(Objects::nonNull).findFirst()
                        .orElse(null))
                .add();
    }

    /**
     * The fix that adds a USER: for the user a RUN of the image creates, else the stack's own way
     * ({@link StackFixes#runsAsRoot}), else {@link NonRootUserFix}; null when none applies.
     */
    private Fix fix(Container container) {
        return CreatedUser.of(container) != null ? NonRootUserFix.withFollowUps(context, container)
                : StackFixes.runsAsRoot(context, container)
                        .map(f -> NonRootUserFix.withFollowUps(container, f))
                        .orElseGet(() -> NonRootUserFix.withFollowUps(context, container));
    }

    /**
     * The port below 1024 the server listens on when a non-root user could not bind it everywhere the image runs: no
     * setcap in the image, no compose sysctls lowering the limit, no Kamal deployment on Docker's own network.
     */
    private Optional<PrivilegedPortBind> unprivilegedBindFails(Container container) {
        return PrivilegedPortBind.of(context, container)
                .filter(b -> container.service() == null || !b.loweredBy(container.service()))
                .filter(b -> KamalDeploy.of(context, container).map(KamalDeploy::hostNetwork).orElse(true));
    }

    /**
     * For a compose service that shares an image built on the official php image with a service whose server starts
     * as root (Apache on port 80, php-fpm's master): the compose user that takes root from this service alone, since a
     * USER in the Dockerfile would apply to the server too; null otherwise.
     */
    private String phpServiceUser(Container container) {
        if (!PhpFpm.onPhpImage(container)) {
            return null;
        }
        Container server = SharedImages.rootServerSharing(context, container);
        if (server == null || startsCron(container)) {
            return null;
        }
        return "Set `user: www-data` on " + container.name() + " in " + container.composeFile() + " (the php image's"
                + " own user, UID 33 on Debian and 82 on Alpine), with the files it writes owned by www-data: a USER in"
                + " the Dockerfile would apply to " + server.name() + " too, whose " + ImageRole.program(server).get()
                + " starts as root by design.";
    }

    /** Whether a script of the project that the container's command names starts a cron daemon, which needs root. */
    private static boolean startsCron(Container container) {
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
}
