package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The bind mounts that put the project's source code over the working directory of the image a compose service
 * builds: a host folder that is the build context, or a folder of it holding application sources, mounted on the
 * image's working directory, a folder above it or one inside it. Single files (a configuration file, a socket)
 * and folders without sources (data, uploads, logs) are not source mounts.
 */
public final class SourceMounts {

    private SourceMounts() {}

    /**
     * A source mount.
     *
     * @param volume the mount entry
     * @param whole whether the host folder is the whole build context
     * @param target where it is mounted, without a trailing slash
     * @param workdir the image's working directory
     */
    public record Mount(Service.Volume volume, boolean whole, String target, String workdir) {}

    /** The source mounts of a container built from a Dockerfile; none for a service that only pulls an image. */
    public static List<Mount> of(ReviewContext context, Container c) {
        Service service = c.service();
        if (service == null || c.build() == null || c.build().stage() == null) {
            return List.of();
        }
        String workdir = workdir(c);
        if (workdir == null) {
            return List.of();
        }
        Path root = context.project().layout().root().toAbsolutePath().normalize();
        Path buildContext = root.resolve(c.build().context()).normalize();
        List<Mount> out = new ArrayList<>();
        for (Service.Volume volume : service.volumes()) {
            if (!volume.isBind() || volume.hostPath() == null || volume.target() == null) {
                continue;
            }
            Path host = volume.hostPath().toAbsolutePath().normalize();
            String target = trim(volume.target());
            if (!host.startsWith(buildContext) || !host.startsWith(root) || !overlaps(target, workdir)) {
                continue;
            }
            String hostFolder = root.relativize(host).toString().replace('\\', '/');
            boolean whole = host.equals(buildContext);
            if (whole || holdsSources(context, hostFolder)) {
                out.add(new Mount(volume, whole, target, workdir));
            }
        }
        return out;
    }

    private static String workdir(Container c) {
        if (c.build().stage().config().workdir() instanceof Setting<String> w && w.value() != null) {
            return trim(w.value());
        }
        return null;
    }

    private static boolean overlaps(String target, String workdir) {
        return target.equals(workdir) || workdir.startsWith(target.equals("/") ? "/" : target + "/")
                || target.startsWith(workdir.equals("/") ? "/" : workdir + "/") && !workdir.equals("/");
    }

    private static boolean holdsSources(ReviewContext context, String folder) {
        String prefix = folder.isEmpty() ? "" : folder + "/";
        for (ProjectEntry e : context.project().layout().sources()) {
            if (e.path().startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
