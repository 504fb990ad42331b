package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.kubernetes.KubeEnvVar;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The environments the project runs a built image with: each compose service's ({@code environment} over its
 * {@code env_file}s) and each Kubernetes container's literal {@code env} values. Empty when only the Dockerfile runs
 * it: its ENV is then all there is.
 */
public final class RunEnvironments {

    /** A value a run gives a variable, and where it is written. */
    public record Value(String name, String value, Location where) {}

    /**
     * One container that runs the image.
     *
     * @param describe {@code service embed (compose.yaml)} or {@code k8s/app.yaml (Deployment app, container api)}
     * @param values its variables with a literal value, by name
     * @param mounts the targets of its volumes, tmpfs mounts and volumeMounts, as written
     * @param runAsUser the uid Kubernetes runs it as when its securityContext sets one, else null
     */
    public record Run(String describe, Map<String, Value> values, List<String> mounts, Long runAsUser) {

        /** The value the container gets: its own, else the image's ENV (null when neither sets one). */
        public String effective(BuiltImage image, String name) {
            Value own = values.get(name);
            if (own != null) {
                return own.value();
            }
            return imageValue(image, name);
        }
    }

    private RunEnvironments() {}

    /** The value the image's own ENV gives the variable, or null. */
    public static String imageValue(BuiltImage image, String name) {
        Variables.Definition d = image.stage().variables().definition(name);
        return d == null || d.kind() != Variables.Kind.ENV ? null : d.value();
    }

    public static List<Run> of(ReviewContext context, BuiltImage image) {
        List<Run> runs = new ArrayList<>();
        for (Container c : image.containers()) {
            Service service = c.service();
            if (service == null) {
                continue;
            }
            Map<String, Value> values = new LinkedHashMap<>();
            for (WrittenEnvironment.Setting s : WrittenEnvironment.of(context.project(), service)) {
                values.put(s.name(), new Value(s.name(), s.value(),
                        new Location(s.file(), s.span(s.rawFrom(), s.raw().length()))));
            }
            List<String> mounts = new ArrayList<>();
            service.volumes().stream().map(Service.Volume::target).filter(t -> t != null).forEach(mounts::add);
            for (var tmpfs : service.tmpfs()) {
                if (tmpfs.value() != null) {
                    mounts.add(tmpfs.value().split(":")[0].strip());
                }
            }
            runs.add(new Run("service " + service.name() + " (" + c.composeFile() + ")", values, mounts, null));
        }
        for (KubernetesRuns run : KubernetesRuns.of(context, image)) {
            SourceFile file = context.project().source(run.workload().file()).orElse(null);
            Map<String, Value> values = new LinkedHashMap<>();
            for (KubeEnvVar v : run.container().values()) {
                if (file != null && v.line() >= 1 && v.line() <= file.lineCount()) {
                    values.put(v.name(), new Value(v.name(), v.value(),
                            new Location(run.workload().file(), file.lines(v.line(), v.line()))));
                }
            }
            for (KubernetesRuns leaf : run.deployed(context).runs()) {
                runs.add(new Run(run.describe(), values, run.container().mountPaths(), leaf.runAsUser()));
            }
        }
        return runs;
    }

    /** The targets of the image's VOLUMEs and of the mounts of the containers that run it. */
    public static List<String> mountPoints(BuiltImage image, List<RunEnvironments.Run> runs) {
        List<String> out = new ArrayList<>();
        for (var volume : image.stage().config().volumes()) {
            if (volume.value() != null && volume.value().strip().startsWith("/")) {
                out.add(ContainerPaths.clean(volume.value().strip()));
            }
        }
        for (RunEnvironments.Run run : runs) {
            run.mounts().stream().filter(m -> m.startsWith("/")).map(ContainerPaths::clean).forEach(out::add);
        }
        return out;
    }
}
