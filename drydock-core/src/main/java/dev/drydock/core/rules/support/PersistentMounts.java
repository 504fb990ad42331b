package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.kubernetes.KubeVolumeMount;
import dev.drydock.core.project.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The container paths on which a run of an image mounts storage that outlives the container: a compose service's
 * volumes (named, bind or anonymous, which compose carries over to the container it recreates; not tmpfs), the
 * volumeMounts of a Kubernetes container whose pod volume is not one that dies with the pod (emptyDir, a generic
 * ephemeral volume, an inline CSI volume) nor a read-only projection (configMap, secret, downwardAPI, projected), the
 * top-level volumes of a Kamal deployment, and in every case the VOLUMEs of the image.
 */
public final class PersistentMounts {

    /** Pod volume sources whose data goes with the pod, or that hold files Kubernetes writes. */
    private static final Set<String> POD_LIFETIME = Set.of("emptyDir", "ephemeral", "csi", "configMap", "secret",
            "downwardAPI", "projected", "image", "gitRepo");

    private PersistentMounts() {}

    /** For the container a compose service runs (or a lone image's): its volumes but tmpfs, and the image's VOLUMEs. */
    public static List<String> of(Container c) {
        List<String> targets = image(c);
        if (c.service() != null) {
            for (Service.Volume v : c.service().volumes()) {
                if (v.target() != null && !"tmpfs".equals(v.type())) {
                    targets.add(clean(v.target()));
                }
            }
        }
        return targets;
    }

    /** For a Kubernetes container that runs the image: its volumeMounts of lasting volumes, and the image's VOLUMEs. */
    public static List<String> of(Container c, KubernetesRuns run) {
        List<String> targets = image(c);
        for (KubeVolumeMount m : run.container().volumeMounts()) {
            if (m.source() == null || !POD_LIFETIME.contains(m.source())) {
                targets.add(clean(m.mountPath()));
            }
        }
        return targets;
    }

    /** For the containers Kamal runs from the image: the deployment's volumes, and the image's VOLUMEs. */
    public static List<String> of(Container c, KamalDeploy deploy) {
        List<String> targets = image(c);
        deploy.volumes().stream().map(PersistentMounts::clean).forEach(targets::add);
        return targets;
    }

    /** Whether one of the mounts is on the path or on a folder above it. */
    public static boolean covers(List<String> targets, String path) {
        String p = clean(path);
        return targets.stream().anyMatch(t -> t.equals("/") || t.equals(p) || p.startsWith(t + "/"));
    }

    /** Whether one of the mounts covers the folder ({@link #covers}) or lies inside it. */
    public static boolean reaches(List<String> targets, String folder) {
        String f = clean(folder);
        return covers(targets, f) || targets.stream().anyMatch(t -> t.startsWith(f.equals("/") ? "/" : f + "/"));
    }

    private static List<String> image(Container c) {
        List<String> targets = new ArrayList<>();
        if (c.build() != null && c.build().stage() != null) {
            for (Setting<String> v : c.build().stage().config().volumes()) {
                targets.add(clean(v.value()));
            }
        }
        return targets;
    }

    private static String clean(String path) {
        String p = path.strip();
        return p.startsWith("/") ? PathNames.normalizeAbsolute("/", p) : p;
    }
}
