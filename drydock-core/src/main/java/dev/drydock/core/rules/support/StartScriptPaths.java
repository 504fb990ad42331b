package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.image.ServerImagePorts;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The container paths of the project's shell scripts a container runs as it starts: its entry-point scripts and the
 * script that starts its program ({@link EntryPoint#startScripts}), then the hook scripts the base image's own
 * entrypoint runs first. The official nginx image's /docker-entrypoint.sh (nginx-unprivileged's too), when the
 * container's command is nginx, runs each executable {@code *.sh} of /docker-entrypoint.d in name order and sources
 * each {@code *.envsh}, before it execs nginx; a hook that fails stops the container.
 */
public final class StartScriptPaths {

    /** The folder of the nginx image's hook scripts. */
    public static final String NGINX_HOOKS = "/docker-entrypoint.d";

    private StartScriptPaths() {}

    /** The start scripts, then the base image's hook scripts the build copies from the project. */
    public static List<String> of(Container c) {
        EntryPoint ep = c.entryPoint();
        Set<String> out = new LinkedHashSet<>(ep == null ? List.of() : ep.startScripts());
        out.addAll(nginxHooks(c));
        return List.copyOf(out);
    }

    /** The container paths of the *.sh and *.envsh files the build copies into /docker-entrypoint.d, in name order. */
    public static List<String> nginxHooks(Container c) {
        BuildLink build = c.build();
        if (build == null || build.model() == null || build.stage() == null || !runsNginxEntrypoint(build, c.command())) {
            return List.of();
        }
        return c.scripts().inFolder(NGINX_HOOKS).stream()
                .filter(path -> path.endsWith(".sh") || path.endsWith(".envsh")).toList();
    }

    /**
     * Whether the container's start is the nginx image's entrypoint with nginx: the root base is nginx or
     * nginx-unprivileged, no ENTRYPOINT replaces /docker-entrypoint.sh, and the command is the image's (nginx) or an
     * exec-form one that starts nginx or nginx-debug (the entrypoint runs the hooks for no other).
     */
    private static boolean runsNginxEntrypoint(BuildLink build, EffectiveCommand command) {
        BaseImage base = Stages.rootBase(build.model(), build.stage());
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !(ImageTags.officialName(external.reference()).equals("nginx")
                        || ServerImagePorts.nginxUnprivileged(external.reference()))) {
            return false;
        }
        if (command == null) {
            return true;
        }
        List<String> entrypoint = command.entrypoint();
        if (!entrypoint.isEmpty() && !(entrypoint.size() == 1 && entrypoint.get(0).equals("/docker-entrypoint.sh"))) {
            return false;
        }
        List<String> cmd = command.cmd();
        return cmd.isEmpty() || !command.shellForm()
                && Set.of("nginx", "nginx-debug").contains(PathNames.fileName(cmd.get(0)));
    }
}
