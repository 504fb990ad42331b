package dev.drydock.core.kubernetes;

import java.util.List;

/**
 * A container of a workload's pod template (init containers are not read).
 *
 * @param name the container's name
 * @param image the image as written, or null
 * @param line the line of the container's entry
 * @param command command (replaces the image's ENTRYPOINT), empty when unset
 * @param args args (replace the image's CMD), empty when unset
 * @param ports the containerPort values
 * @param liveness the liveness probe, or null
 * @param readiness the readiness probe, or null
 * @param startup the startup probe, or null
 * @param security the container's own securityContext ({@link KubeSecurity#NONE} when it has none)
 * @param dockerfile the project's Dockerfile that builds the image, as linked by the project loader, or null
 */
public record KubeContainer(String name, String image, int line, List<String> command, List<String> args,
        List<Integer> ports, KubeProbe liveness, KubeProbe readiness, KubeProbe startup, KubeSecurity security,
        String dockerfile) {

    public KubeContainer {
        command = List.copyOf(command);
        args = List.copyOf(args);
        ports = List.copyOf(ports);
    }

    public KubeContainer linkedTo(String dockerfile) {
        return new KubeContainer(name, image, line, command, args, ports, liveness, readiness, startup, security,
                dockerfile);
    }
}
