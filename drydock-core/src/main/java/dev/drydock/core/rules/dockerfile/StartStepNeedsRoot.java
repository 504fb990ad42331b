package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ImageFolderOwners;
import dev.drydock.core.rules.support.RootStartSteps;
import dev.drydock.core.rules.support.RunEnvironments;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.UserIds;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "start-step-needs-root",
        title = "The start script takes a step only root can take, but the container runs as a non-root user",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Containers that run as a non-root user written out (the image's USER, a compose service's user:)."
                + " Reads the project's entry-point scripts, the scripts the nginx image's entrypoint runs from"
                + " /docker-entrypoint.d, and the shell script of the command (sh -c \"...\", a"
                + " shell-form CMD) for steps only root can take: chown to another user; chown to the container's"
                + " own user of a folder that root made in the image (a WORKDIR created as root, a COPY"
                + " without --chown, a root mkdir) and that no chown, chmod or COPY --chown of the image gives"
                + " away; update-ca-certificates and keytool on the JDK's cacerts; package installs; useradd and the"
                + " other user-database commands;"
                + " sysctl and writes under /proc/sys; swapon; mount, setcap, iptables; writes (a redirection,"
                + " sed -i, cp, mv, tee...)"
                + " under /etc or of a new file in /. Quiet for a step whose failure the script tolerates (|| true),"
                + " that runs under sudo, gosu or another user switcher, in a script that checks which user it"
                + " runs as (id -u, $EUID, whoami), for a path on a volume or mount of the container or that the"
                + " image gives the user (the home useradd -m or adduser creates included), for a user drydock cannot"
                + " resolve (a variable with no value), under a"
                + " process supervisor, and in dev containers. High when the failure stops the script (set -e, or an"
                + " && after the step), medium"
                + " when the script goes on without the step.",
        problem = "A USER (or compose user:) makes the entry-point script run as that user too. Changing the owner of"
                + " a file, writing under /etc, installing packages or certificates, and setting kernel parameters"
                + " take root: as any other user each fails with Permission denied or Operation not permitted. Such"
                + " steps are usually written for an image that ran as root, and a USER added later for security"
                + " turns them into errors.",
        impact = "With set -e (or && after the step) the script stops before it starts the server: the container"
                + " exits at every start and restarts in a loop. Without it the step is skipped at every start, and"
                + " what it prepared (a folder's owner, a trusted certificate, a configuration file) is missing when"
                + " the application needs it.",
        recommendation = "Take the step in the image build, in a RUN before the USER (RUN chown, RUN"
                + " update-ca-certificates, a COPY --chown, a configuration written at build time), and remove it"
                + " from the script; for a step that must happen at start (the owner of a host folder), keep the"
                + " container's user root and let the script drop privileges after it (exec gosu app \"$@\").",
        references = {"https://docs.docker.com/reference/dockerfile/#user",
                "https://man7.org/linux/man-pages/man2/chown.2.html",
                "https://github.com/tianon/gosu#why"},
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app
                        WORKDIR /app
                        COPY . .
                        USER app
                        ENTRYPOINT ["/app/start.sh"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app
                        COPY --chown=10001 . /app
                        WORKDIR /app
                        USER app
                        ENTRYPOINT ["/app/start.sh"]
                        """,
                alongside = @ExampleFile(name = "start.sh", content = """
                        #!/bin/sh
                        set -e
                        chown -R app /app
                        exec python -m http.server 8000
                        """)))
public final class StartStepNeedsRoot implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<Location> reported = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.devContainer()) {
                continue;
            }
            List<String> mounts = null;
            for (Container c : image.containers()) {
                Container.Setting user = c.user();
                if (user == null || user.value() == null || user.origin() == null || user.value().isBlank()
                        || user.value().contains("$") || UserIds.isRoot(user.value()) || c.supervision() != null) {
                    continue;
                }
                List<RootStartSteps.Step> steps = RootStartSteps.of(c);
                List<RootStartSteps.Step> writes = RootStartSteps.writes(c);
                if (steps.isEmpty() && writes.isEmpty()) {
                    continue;
                }
                if (mounts == null) {
                    mounts = RunEnvironments.mountPoints(image, RunEnvironments.of(context, image));
                }
                ImageFolderOwners owners = ImageFolderOwners.forUser(image, user.value());
                Set<Location> taken = new HashSet<>();
                for (RootStartSteps.Step step : steps) {
                    String needs = needs(image, owners, mounts, name(user.value()), step);
                    Location at = new Location(step.file(), step.span());
                    taken.add(at);
                    if (needs != null && reported.add(at)) {
                        report(context, c, user, step, needs, at, null);
                    }
                }
                for (RootStartSteps.Step step : writes) {
                    Location at = new Location(step.file(), step.span());
                    String folder = taken.contains(at) ? null : rootMadeFolder(image, owners, mounts, step);
                    if (folder != null && reported.add(at)) {
                        ImageFolderOwners.Made made = owners.made(folder);
                        String owner = UserIds.owner(image, user.value());
                        report(context, c, user, step, step.needs() + (step.program().equals("sed")
                                        ? " in place, which makes a temporary file beside it in " : ", in ") + folder
                                        + ", which " + made.what() + " on line " + made.line() + " of "
                                        + image.dockerfile() + " made owned by root (Permission denied)", at,
                                "Give " + folder + " to " + name(user.value()) + " in the image, before USER: "
                                        + (made.kind() == InstructionKind.COPY ? made.what().replace("the ", "")
                                                + " --chown=" + owner + " on line " + made.line()
                                                : "RUN chown " + owner + " " + folder)
                                        + "; or write somewhere the user owns (/tmp, a volume), or take the step"
                                        + " at build time.");
                    }
                }
            }
        }
    }

    /** Why the step fails for {@code user}, as a clause, or null when it may succeed. */
    private static String needs(BuiltImage image, ImageFolderOwners owners, List<String> mounts, String user,
            RootStartSteps.Step step) {
        String path = step.path() == null ? null : ContainerPaths.clean(step.path());
        if (step.program().equals("chown")) {
            String owner = name(step.owner());
            if (owner.contains("$") || path == null || !PathNames.isAbsolute(path)) {
                return null;
            }
            if (!sameUser(image, owner, user)) {
                return "gives " + path + " to " + owner + ", and only root may give a file to another user (chown:"
                        + " Operation not permitted)";
            }
            ImageFolderOwners.Made made = owners.made(path);
            if (made == null || owners.ownedByUser(path) || PathNames.isUnderAny(path, mounts)) {
                return null;
            }
            return "gives " + path + " to " + owner + ", but " + made.what() + " on line " + made.line()
                    + " of " + image.dockerfile() + " made it owned by root, and only root may change the owner of a"
                    + " file it does not own (chown: Operation not permitted)";
        }
        if (step.program().equals("update-ca-certificates") && owners.ownedByUser("/etc/ssl/certs")) {
            return null;
        }
        if (path != null && !step.program().equals("swapon") && !step.program().equals("/proc/sys")
                && (owners.ownedByUser(path) || owners.ownedByUser(PathNames.parent(path))
                        || PathNames.isUnderAny(path, mounts))) {
            return null;
        }
        return step.needs();
    }

    /**
     * The folder the step writes in when root made it in this image (a COPY, a WORKDIR, a root mkdir, at that folder
     * or above) and nothing gave it to a user: null for a folder the image does not make, one that already holds what
     * a mkdir makes, temporary and kernel folders, and mounts.
     */
    private static String rootMadeFolder(BuiltImage image, ImageFolderOwners owners, List<String> mounts,
            RootStartSteps.Step step) {
        String path = ContainerPaths.clean(step.path());
        if (PathNames.isUnderAny(path, SCRATCH) || PathNames.isUnderAny(path, mounts)
                || owners.ownedByUser(path) || step.program().equals("mkdir") && owners.made(path) != null) {
            return null;
        }
        for (String folder = PathNames.parent(path); !folder.isEmpty() && !folder.equals("/");
                folder = PathNames.parent(folder)) {
            if (owners.made(folder) != null) {
                return folder;
            }
        }
        return null;
    }

    /** Folders every user may write, and the kernel's. */
    private static final List<String> SCRATCH = List.of("/tmp", "/var/tmp", "/dev", "/proc", "/sys", "/run");

    private void report(ReviewContext context, Container c, Container.Setting user, RootStartSteps.Step step,
            String needs, Location at, String recommendation) {
        boolean dockerfile = c.build() != null && user.origin().file().equals(c.build().dockerfile());
        String who = name(user.value()) + " (" + (dockerfile ? "USER" : "user:") + " on line " + user.origin().line()
                + " of " + user.origin().file() + ")";
        String consequence = step.stopsScript()
                ? "it fails at every start, and the script stops there (set -e, or the && after it): the container"
                        + " exits before its main program starts"
                : "it fails at every start, and the script goes on without it";
        context.finding(this, at, "`" + ShortText.of(step.text(), 70) + "` " + needs + "; the container runs as " + who
                        + ", not root: " + consequence)
                .severity(step.stopsScript() ? Severity.HIGH : Severity.MEDIUM)
                .recommendation(recommendation != null ? recommendation
                        : "Take the step in the image build, in a RUN before " + (dockerfile ? "USER "
                        + name(user.value()) : "any USER (the Dockerfile's RUNs run as root)") + " ("
                        + RootStartAdvice.buildAdvice(List.of(step)) + "), and remove it from " + step.file()
                        + "; if it must happen at start, run the container as root and let " + step.file()
                        + " drop privileges after it (exec gosu " + name(user.value()) + " \"$@\"), or take it only"
                        + " when the script runs as root: if [ \"$(id -u)\" = 0 ]; then ...; fi.")
                .add();
    }

    private static boolean sameUser(BuiltImage image, String owner, String user) {
        return owner.equals(user) || name(UserIds.owner(image, owner)).equals(name(UserIds.owner(image, user)));
    }


    /** The user of {@code user[:group]}. */
    private static String name(String user) {
        return (user.contains(":") ? user.substring(0, user.indexOf(':')) : user).strip();
    }

}
