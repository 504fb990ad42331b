package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.PhpFpm;
import dev.drydock.core.rules.support.RootStartSteps;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UserIds;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What runs-as-root advises for a container whose start script takes steps only root can take ({@link RootStartSteps}):
 * how to take each at build time instead, and where to drop privileges for the main program.
 */
final class RootStartAdvice {

    /** Programs that start a command as another user: a script that execs one already drops root there. */
    private static final java.util.Set<String> USER_SWITCHES = java.util.Set.of("gosu", "su-exec", "setpriv",
            "s6-setuidgid", "chpst", "runuser", "setuidgid", "su");

    private RootStartAdvice() {}

    /**
     * The recommendation for a container whose start script takes steps only root can take ({@link RootStartSteps}):
     * the usual one, then those steps by file and line, since a USER alone would make them fail at every start, and
     * the two ways out: take them at build time, or keep root for them and drop privileges where the script starts
     * the main program. {@code recommendation} alone when there are none.
     */
    static String of(Container container, List<RootStartSteps.Step> steps, String recommendation) {
        if (steps.isEmpty()) {
            return recommendation;
        }
        boolean one = steps.size() == 1;
        StringBuilder out = new StringBuilder(recommendation).append(" No automatic fix adds the USER here: ");
        for (int i = 0; i < steps.size(); i++) {
            RootStartSteps.Step step = steps.get(i);
            out.append(i == 0 ? "" : i == steps.size() - 1 ? "; and " : "; ").append(step.where()).append(' ')
                    .append(step.needs());
        }
        boolean stops = steps.stream().anyMatch(RootStartSteps.Step::stopsScript);
        out.append(". Under a non-root USER ").append(one ? "it fails" : "they fail").append(stops
                ? " and the script stops there (set -e, or the && after it): the container would never start"
                : ", and the script goes on without " + (one ? "it" : "them")).append(". Move ")
                .append(one ? "it" : "them").append(" into the image build (").append(buildAdvice(steps))
                .append("), or keep root for ").append(one ? "it" : "them").append(" and drop privileges where the")
                .append(" script starts the main program: ").append(dropAdvice(container, steps)).append('.');
        return out.toString();
    }

    /** How to take each kind of root-only start step at build time instead, once per kind. */
    static String buildAdvice(List<RootStartSteps.Step> steps) {
        java.util.LinkedHashSet<String> advice = new java.util.LinkedHashSet<>();
        for (RootStartSteps.Step step : steps) {
            advice.add(switch (step.program()) {
                case "chown" -> "RUN mkdir -p " + step.path() + " && chown -R " + step.owner() + " " + step.path()
                        + ", or COPY --chown=" + step.owner() + " for what the image copies there: a new named volume"
                        + " takes the folder's owner from the image, and a bind-mounted folder is chowned on the host";
                case "update-ca-certificates" -> "RUN update-ca-certificates after copying the certificates in";
                case "keytool" -> "RUN keytool -importcert -cacerts ... after copying the certificate in";
                case "sysctl" -> "a kernel parameter is set on the container instead: sysctls: in compose, --sysctl"
                        + " with docker run";
                case "/proc/sys" -> "a kernel parameter is set on the container instead: sysctls: in compose, --sysctl"
                        + " with docker run, for the parameters a container has its own of (net.*, kernel.shm*,"
                        + " kernel.msg*, kernel.sem, fs.mqueue.*); the others, such as vm.*, are the host's to set";
                case "swapon" -> "swap is not the image's to make: on Fly.io, swap_size_mb in fly.toml sets the swap"
                        + " file up before the container starts, and a Docker host's own swap serves containers up to"
                        + " their memory-swap limit";
                default -> step.path() != null ? "write " + step.path() + " in a RUN or COPY, or point the program at a"
                        + " file in a folder its user owns" : step.program() + " in a RUN of the Dockerfile";
            });
        }
        return String.join("; ", advice);
    }

    /**
     * The privilege drop for the script's main program: {@code replace `exec php-fpm` (start.fpm.sh line 5) with
     * `exec gosu www-data php-fpm`}, with the user the script's chown gives its files to, else the image's own.
     */
    private static String dropAdvice(Container container, List<RootStartSteps.Step> steps) {
        String user = steps.stream().map(RootStartSteps.Step::owner).filter(Objects::nonNull)
                .map(o -> o.contains(":") ? o.substring(0, o.indexOf(':')) : o)
                .filter(o -> !o.isBlank() && !o.contains("$") && !UserIds.isRoot(o)).findFirst()
                .orElseGet(() -> dropUser(container));
        boolean alpine = InferredImageTools.of(container.build().model(), container.build().stage())
                .map(t -> "apk".equals(t.packageManager())).orElse(false);
        String tool = alpine ? "su-exec" : "gosu";
        String install = alpine ? " (apk add --no-cache su-exec in the image)" : " (apt-get install gosu in the image)";
        Optional<RootStartSteps.Exec> exec = RootStartSteps.exec(container);
        if (exec.isEmpty()) {
            return "end " + steps.get(0).file() + " with `exec " + tool + " " + user + " \"$@\"`, or with the server's"
                    + " own command after `exec " + tool + " " + user + "`" + install;
        }
        if (!exec.get().words().isEmpty() && USER_SWITCHES.contains(PathNames.fileName(exec.get().words().get(0)))) {
            return "`" + ShortText.of(exec.get().text(), 60) + "` (" + exec.get().file() + " line " + exec.get().line()
                    + ") already does, so keep no USER in the image and make sure the user it switches to is not root";
        }
        String program = exec.get().words().stream().map(w -> w.equals("${@}") ? "\"$@\""
                : w.contains(" ") || w.equals("$@") ? "\"" + w + "\"" : w)
                .collect(java.util.stream.Collectors.joining(" "));
        return "replace `" + ShortText.of(exec.get().text(), 60) + "` (" + exec.get().file() + " line "
                + exec.get().line() + ") with `exec " + tool + " " + user + " " + ShortText.of(program, 60) + "`"
                + install;
    }

    /** The user a privilege drop switches to when the script names none: the image's own or the one it creates. */
    private static String dropUser(Container container) {
        CreatedUser created = CreatedUser.of(container);
        if (created != null) {
            return created.name();
        }
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        if (base instanceof BaseImage.External external && external.reference() != null
                && ImageTags.officialName(external.reference()).equals("node")) {
            return "node";
        }
        if (PhpFpm.onPhpImage(container)) {
            return "www-data";
        }
        return "app";
    }
}
