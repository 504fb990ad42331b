package dev.drydock.core.kubernetes;

import java.util.List;

/**
 * A container of a workload's pod template: one of its {@code containers}, or of its {@code initContainers}.
 *
 * @param name the container's name
 * @param image the image as written, or null
 * @param line the line of the container's entry
 * @param init whether it is an init container that runs to completion before the others start (a sidecar, an init
 *     container with {@code restartPolicy: Always}, runs beside them for the pod's life and is not one)
 * @param command command (replaces the image's ENTRYPOINT), empty when unset
 * @param args args (replace the image's CMD), empty when unset
 * @param ports the ports it declares
 * @param environment the names of the variables its {@code env} sets
 * @param envFrom whether {@code envFrom} adds variables (from a ConfigMap or Secret drydock cannot read)
 * @param values the entries of its {@code env} with a literal {@code value}, in the order written
 * @param volumeMounts its volumeMounts, with the kind of the pod volume each mounts
 * @param liveness the liveness probe, or null
 * @param readiness the readiness probe, or null
 * @param startup the startup probe, or null
 * @param security the container's own securityContext ({@link KubeSecurity#NONE} when it has none)
 * @param resources the memory and cpu requests and limits of its resources ({@link KubeResources#NONE} when none)
 * @param dockerfile the project's Dockerfile that builds the image, as linked by the project loader, or null
 * @param stage the index of the Dockerfile's stage the image is built up to, as linked: the target of the build that
 *     names the image, else of the Dockerfile's own build (its CI build's, else the last stage); null when unlinked
 *     or when that would be a development stage of a Dockerfile with several (no deployment runs one on purpose)
 * @param place where it sits in the pod spec, as a JSON pointer below it: {@code containers/0},
 *     {@code initContainers/1}
 * @param commandLines the line of each word of its command
 * @param argsLines the line of each word of its args
 */
public record KubeContainer(String name, String image, int line, boolean init, List<String> command,
        List<String> args, List<KubePort> ports, List<String> environment, boolean envFrom, List<KubeEnvVar> values,
        List<KubeVolumeMount> volumeMounts, KubeProbe liveness, KubeProbe readiness, KubeProbe startup, KubeSecurity security,
        KubeResources resources, String dockerfile, Integer stage, String place, List<Integer> commandLines,
        List<Integer> argsLines) {

    public KubeContainer {
        command = List.copyOf(command);
        args = List.copyOf(args);
        ports = List.copyOf(ports);
        environment = List.copyOf(environment);
        values = List.copyOf(values);
        volumeMounts = List.copyOf(volumeMounts);
        commandLines = List.copyOf(commandLines);
        argsLines = List.copyOf(argsLines);
    }

    /** The mountPath of each of its volumeMounts. */
    public List<String> mountPaths() {
        return volumeMounts.stream().map(KubeVolumeMount::mountPath).toList();
    }

    /** The line of the first word of its command, 0 when it sets none. */
    public int commandLine() {
        return commandLines.isEmpty() ? 0 : commandLines.get(0);
    }

    /** The line of the first word of its args, 0 when it sets none. */
    public int argsLine() {
        return argsLines.isEmpty() ? 0 : argsLines.get(0);
    }

    public KubeContainer linkedTo(String dockerfile, Integer stage) {
        return new KubeContainer(name, image, line, init, command, args, ports, environment, envFrom, values,
                volumeMounts, liveness, readiness, startup, security, resources, dockerfile, stage, place, commandLines,
                argsLines);
    }

    /** The same container with other resources (as an overlay deploys it). */
    public KubeContainer withResources(KubeResources replaced) {
        return new KubeContainer(name, image, line, init, command, args, ports, environment, envFrom, values,
                volumeMounts, liveness, readiness, startup, security, replaced, dockerfile, stage, place, commandLines,
                argsLines);
    }

    /** The literal value its {@code env} gives the variable (the last entry of that name), or null. */
    public KubeEnvVar value(String variable) {
        KubeEnvVar found = null;
        for (KubeEnvVar v : values) {
            if (v.name().equals(variable)) {
                found = v;
            }
        }
        return found;
    }

    /** The containerPort values. */
    public List<Integer> portNumbers() {
        return ports.stream().map(KubePort::number).toList();
    }

    /**
     * The port number a probe's port stands for: the number as written, or the containerPort of the port of this
     * container with that name; null when the probe names no port or a name none of the ports has.
     */
    public Integer resolve(String port) {
        if (port == null) {
            return null;
        }
        if (port.matches("[0-9]{1,5}")) {
            int number = Integer.parseInt(port);
            return number > 0 && number < 65536 ? number : null;
        }
        return ports.stream().filter(p -> port.equals(p.name())).map(KubePort::number).findFirst().orElse(null);
    }

    /** Whether the probe's port is a name that none of this container's ports has (the kubelet cannot resolve it). */
    public boolean namesUnknownPort(KubeProbe probe) {
        return probe != null && probe.port() != null && !probe.port().matches("[0-9]+") && resolve(probe.port()) == null;
    }
}
