package dev.drydock.core.kubernetes;

import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Reads the workloads of a Kubernetes manifest: every YAML document (and every item of a {@code kind: List}) with
 * {@code apiVersion} and a workload {@code kind} at its top level. Anything else is no manifest of a workload and
 * reads as none: a Helm template (it holds {@code {{}), a compose file, a CI workflow, a custom resource, and a file
 * that is not YAML at all, from the document where the syntax breaks on. Reading never fails.
 */
public final class KubernetesReader {

    static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "Job",
            "CronJob", "Pod", "ReplicationController");

    private static final LoadSettings SETTINGS = LoadSettings.builder().setMaxAliasesForCollections(50)
            .setAllowDuplicateKeys(true).setUseMarks(true).build();

    private KubernetesReader() {}

    /** Whether the text may hold a Kubernetes object, before any YAML is read: both top-level keys, no template. */
    public static boolean mayHold(String text) {
        return !text.contains("{{") && text.contains("apiVersion") && text.contains("kind");
    }

    /**
     * What drydock reads from one manifest, parsed once: its workloads, HorizontalPodAutoscalers, ConfigMaps, Secrets
     * and Services, in the order written.
     */
    public record Manifest(List<KubeWorkload> workloads, List<KubeAutoscaler> autoscalers,
            List<KubeConfigMap> configMaps, List<KubeSecret> secrets, List<KubeService> services) {}

    /** The objects of one manifest drydock reads; empty lists when it holds none drydock can read. */
    public static Manifest readAll(SourceFile file) {
        Manifest out = new Manifest(new ArrayList<>(), new ArrayList<>(), new ArrayList<>(), new ArrayList<>(),
                new ArrayList<>());
        if (!mayHold(file.text())) {
            return out;
        }
        try {
            for (Node document : new Compose(SETTINGS).composeAllFromString(file.text())) {
                object(file.path(), document, out);
            }
        } catch (RuntimeException e) {
            // not YAML from here on: the documents read before stand
        }
        return out;
    }

    /** The workloads of one manifest, in the order written; empty when it holds none drydock can read. */
    public static List<KubeWorkload> read(SourceFile file) {
        return readAll(file).workloads();
    }

    /** One object, or the items of a List, put where its kind belongs. */
    private static void object(String path, Node node, Manifest into) {
        if (!(node instanceof MappingNode root) || text(get(root, "apiVersion")) == null) {
            return;
        }
        String kind = text(get(root, "kind"));
        if ("List".equals(kind) && get(root, "items") instanceof SequenceNode items) {
            items.getValue().forEach(item -> object(path, item, into));
        } else if ("HorizontalPodAutoscaler".equals(kind)) {
            autoscaler(path, root, into.autoscalers());
        } else if ("ConfigMap".equals(kind)) {
            configMap(path, root, into.configMaps());
        } else if ("Secret".equals(kind)) {
            secret(path, root, into.secrets());
        } else if ("Service".equals(kind)) {
            service(path, root, into.services());
        } else if (kind != null && WORKLOAD_KINDS.contains(kind)) {
            workload(path, root, kind, into.workloads());
        }
    }

    private static void workload(String path, MappingNode root, String kind, List<KubeWorkload> into) {
        Node pod = root;
        for (String key : KubeWorkload.podSpecPath(kind)) {
            pod = get(pod, key);
        }
        if (!(pod instanceof MappingNode podSpec)) {
            return;
        }
        List<KubeContainer> containers = new ArrayList<>();
        java.util.Map<String, String> volumes = volumeSources(root, podSpec);
        for (String key : List.of("initContainers", "containers")) {
            if (get(podSpec, key) instanceof SequenceNode list) {
                for (int i = 0; i < list.getValue().size(); i++) {
                    if (list.getValue().get(i) instanceof MappingNode c) {
                        containers.add(container(c, key.equals("initContainers")
                                && !"Always".equals(text(get(c, "restartPolicy"))), key + "/" + i, volumes));
                    }
                }
            }
        }
        into.add(new KubeWorkload(path, line(keyOf(root, "kind")), kind, text(get(get(root, "metadata"), "name")),
                security(get(podSpec, "securityContext")), containers, Boolean.TRUE.equals(bool(get(podSpec, "hostNetwork"))),
                values(get(get(podSpec, "securityContext"), "sysctls"), "name"), replicas(root, kind),
                number(get(podSpec, "terminationGracePeriodSeconds")), hostPaths(podSpec),
                text(get(podSpec, "runtimeClassName")), text(get(get(root, "metadata"), "namespace")),
                labels(podMetadata(root, kind), "labels")));
    }

    private static Node podMetadata(MappingNode root, String kind) {
        Node metadata = root;
        for (String key : KubeWorkload.podMetadataPath(kind)) {
            metadata = get(metadata, key);
        }
        return metadata;
    }

    /** The scalar entries of a mapping of labels (a selector, metadata.labels); empty when it is none. */
    private static java.util.Map<String, String> labels(Node node, String key) {
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        if (get(node, key) instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode k && tuple.getValueNode() instanceof ScalarNode v) {
                    labels.put(k.getValue(), v.getValue());
                }
            }
        }
        return labels;
    }

    /** A Service; its ports without a port number (the API server rejects them) are left out. */
    private static void service(String path, MappingNode root, List<KubeService> into) {
        Node spec = get(root, "spec");
        List<KubeServicePort> ports = new ArrayList<>();
        if (get(spec, "ports") instanceof SequenceNode list) {
            for (Node entry : list.getValue()) {
                Long port = number(get(entry, "port"));
                if (port != null && port > 0 && port < 65536) {
                    Node target = get(entry, "targetPort");
                    ports.add(new KubeServicePort(text(get(entry, "name")), port.intValue(), text(target),
                            protocol(get(entry, "protocol")), line(entry), text(target) == null ? 0 : line(target)));
                }
            }
        }
        into.add(new KubeService(path, line(keyOf(root, "kind")), text(get(get(root, "metadata"), "name")),
                text(get(get(root, "metadata"), "namespace")), text(get(spec, "type")),
                "None".equals(text(get(spec, "clusterIP"))), labels(spec, "selector"), ports));
    }

    private static String protocol(Node node) {
        String protocol = text(node);
        return protocol == null ? null : protocol.toUpperCase(java.util.Locale.ROOT);
    }

    /**
     * What each volume of the pod is, by name: the key of its source (persistentVolumeClaim, emptyDir...), and
     * {@link KubeVolumeMount#CLAIM_TEMPLATE} for the names of a StatefulSet's volumeClaimTemplates.
     */
    private static java.util.Map<String, String> volumeSources(MappingNode root, MappingNode podSpec) {
        java.util.Map<String, String> sources = new java.util.LinkedHashMap<>();
        if (get(get(root, "spec"), "volumeClaimTemplates") instanceof SequenceNode claims) {
            for (Node claim : claims.getValue()) {
                String name = text(get(get(claim, "metadata"), "name"));
                if (name != null) {
                    sources.put(name, KubeVolumeMount.CLAIM_TEMPLATE);
                }
            }
        }
        if (get(podSpec, "volumes") instanceof SequenceNode volumes) {
            for (Node volume : volumes.getValue()) {
                String name = text(get(volume, "name"));
                if (name != null && volume instanceof MappingNode map) {
                    map.getValue().stream().map(t -> t.getKeyNode() instanceof ScalarNode k ? k.getValue() : null)
                            .filter(k -> k != null && !k.equals("name")).findFirst()
                            .ifPresent(kind -> sources.put(name, kind));
                }
            }
        }
        return sources;
    }

    /** The pod's hostPath volumes that a container (init, sidecar or main) mounts, with those mounts. */
    private static List<KubeHostPath> hostPaths(MappingNode podSpec) {
        List<KubeHostPath> out = new ArrayList<>();
        if (!(get(podSpec, "volumes") instanceof SequenceNode volumes)) {
            return out;
        }
        for (Node volume : volumes.getValue()) {
            String name = text(get(volume, "name"));
            Node path = get(get(volume, "hostPath"), "path");
            if (name == null || text(path) == null) {
                continue;
            }
            List<KubeHostPath.Mount> mounts = new ArrayList<>();
            for (String key : List.of("initContainers", "containers")) {
                if (get(podSpec, key) instanceof SequenceNode list) {
                    for (Node c : list.getValue()) {
                        if (get(c, "volumeMounts") instanceof SequenceNode ms) {
                            for (Node m : ms.getValue()) {
                                if (name.equals(text(get(m, "name")))) {
                                    mounts.add(new KubeHostPath.Mount(text(get(c, "name")), text(get(m, "mountPath")),
                                            Boolean.TRUE.equals(bool(get(m, "readOnly")))));
                                }
                            }
                        }
                    }
                }
            }
            if (!mounts.isEmpty()) {
                out.add(new KubeHostPath(name, text(path), line(path), mounts));
            }
        }
        return out;
    }

    /** Kinds whose {@code spec.replicas} sets how many pods run. */
    private static final Set<String> REPLICATED = Set.of("Deployment", "StatefulSet", "ReplicaSet",
            "ReplicationController");

    private static KubeReplicas replicas(MappingNode root, String kind) {
        if (!REPLICATED.contains(kind)) {
            return KubeReplicas.UNSET;
        }
        Node count = get(get(root, "spec"), "replicas");
        return new KubeReplicas(number(count), line(count), null);
    }

    /** A HorizontalPodAutoscaler with a target and a {@code maxReplicas} written as a number. */
    private static void autoscaler(String path, MappingNode root, List<KubeAutoscaler> into) {
        Node spec = get(root, "spec");
        Node target = get(spec, "scaleTargetRef");
        Long max = number(get(spec, "maxReplicas"));
        if (text(get(target, "kind")) != null
                && text(get(target, "name")) != null && max != null) {
            into.add(new KubeAutoscaler(path, line(keyOf(root, "kind")), text(get(get(root, "metadata"), "name")),
                    text(get(target, "kind")), text(get(target, "name")), max));
        }
    }

    private static void configMap(String path, MappingNode root, List<KubeConfigMap> into) {
        List<KubeConfigMap.Entry> data = new ArrayList<>();
        if (get(root, "data") instanceof MappingNode map) {
            for (NodeTuple tuple : map.getValue()) {
                if (tuple.getKeyNode() instanceof ScalarNode key && text(tuple.getValueNode()) != null) {
                    data.add(new KubeConfigMap.Entry(key.getValue(), text(tuple.getValueNode()),
                            line(tuple.getValueNode())));
                }
            }
        }
        into.add(new KubeConfigMap(path, line(keyOf(root, "kind")), text(get(get(root, "metadata"), "name")), data));
    }

    /**
     * A Secret with values written into it. One that SOPS encrypted (a top-level {@code sops} key, values
     * {@code ENC[...]}) holds no readable value and is skipped, as is a data value that is not base64 of UTF-8 text.
     */
    private static void secret(String path, MappingNode root, List<KubeSecret> into) {
        if (get(root, "sops") != null) {
            return;
        }
        List<KubeSecret.Entry> entries = new ArrayList<>();
        for (String field : List.of("data", "stringData")) {
            if (get(root, field) instanceof MappingNode map) {
                for (NodeTuple tuple : map.getValue()) {
                    String written = text(tuple.getValueNode());
                    if (!(tuple.getKeyNode() instanceof ScalarNode key) || written == null) {
                        continue;
                    }
                    String value = field.equals("data") ? decoded(written) : written;
                    if (value != null && !value.isEmpty()) {
                        entries.add(new KubeSecret.Entry(key.getValue(), value, written, line(tuple.getValueNode()),
                                field.equals("data")));
                    }
                }
            }
        }
        if (!entries.isEmpty()) {
            into.add(new KubeSecret(path, line(keyOf(root, "kind")), text(get(get(root, "metadata"), "name")),
                    text(get(root, "type")), entries));
        }
    }

    /** The UTF-8 text a data value's base64 holds, or null when it is no base64 or no text. */
    private static String decoded(String base64) {
        try {
            byte[] bytes = java.util.Base64.getMimeDecoder().decode(base64.strip());
            var decoder = java.nio.charset.StandardCharsets.UTF_8.newDecoder();
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (IllegalArgumentException | java.nio.charset.CharacterCodingException e) {
            return null;
        }
    }

    /** A container; {@code init} for an init container that runs to completion (not a sidecar). */
    private static KubeContainer container(MappingNode c, boolean init, String place,
            java.util.Map<String, String> volumes) {
        List<KubePort> ports = new ArrayList<>();
        if (get(c, "ports") instanceof SequenceNode list) {
            for (Node port : list.getValue()) {
                Long number = number(get(port, "containerPort"));
                if (number != null && number > 0 && number < 65536) {
                    ports.add(new KubePort(text(get(port, "name")), number.intValue(),
                            protocol(get(port, "protocol"))));
                }
            }
        }
        return new KubeContainer(text(get(c, "name")), text(get(c, "image")), line(c), init,
                strings(get(c, "command")), strings(get(c, "args")), ports, values(get(c, "env"), "name"),
                get(c, "envFrom") != null, envValues(get(c, "env")), volumeMounts(get(c, "volumeMounts"), volumes),
                probe(c, "livenessProbe"), probe(c, "readinessProbe"), probe(c, "startupProbe"),
                security(get(c, "securityContext")), resources(get(c, "resources")), null, null, place,
                lines(get(c, "command")), lines(get(c, "args")));
    }

    /** The entries of an {@code env} list with a name and a literal, non-empty value. */
    private static List<KubeEnvVar> envValues(Node node) {
        List<KubeEnvVar> out = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                String name = text(get(item, "name"));
                Node value = get(item, "value");
                if (name != null && text(value) != null) {
                    out.add(new KubeEnvVar(name, text(value), line(value)));
                }
            }
        }
        return out;
    }

    /** The entries of a volumeMounts list that give a mountPath, each with what its pod volume is. */
    private static List<KubeVolumeMount> volumeMounts(Node node, java.util.Map<String, String> volumes) {
        List<KubeVolumeMount> out = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                String path = text(get(item, "mountPath"));
                String name = text(get(item, "name"));
                if (path != null) {
                    out.add(new KubeVolumeMount(path, name, name == null ? null : volumes.get(name)));
                }
            }
        }
        return out;
    }

    /** The {@code key} of each mapping of a list: the names of env, the mountPath of volumeMounts. */
    private static List<String> values(Node node, String key) {
        List<String> values = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                String value = text(get(item, key));
                if (value != null) {
                    values.add(value);
                }
            }
        }
        return values;
    }

    private static KubeProbe probe(MappingNode container, String key) {
        Node probe = get(container, key);
        if (!(probe instanceof MappingNode settings)) {
            return null;
        }
        int line = line(keyOf(container, key));
        for (String kind : List.of("httpGet", "tcpSocket", "grpc", "exec")) {
            Node handler = get(settings, kind);
            if (handler instanceof MappingNode map) {
                List<String> command = strings(get(handler, "command"));
                List<Integer> commandLines = lines(get(handler, "command"));
                ExecHttpCheck http = kind.equals("exec") ? ExecHttpCheck.of(command).orElse(null) : null;
                return new KubeProbe(kind, http != null ? http.path() : text(get(handler, "path")),
                        http != null ? http.port() : text(get(handler, "port")), command, commandLines, line,
                        line(get(map, "port")), text(get(handler, "scheme")));
            }
        }
        return null; // no handler: the API server rejects it
    }

    /** The memory and cpu requests and limits of a container's resources, each with its line. */
    private static KubeResources resources(Node node) {
        java.util.Map<String, KubeQuantity> settings = new java.util.HashMap<>();
        for (String place : KubeResources.PLACES) {
            String[] parts = place.split("\\.", 2);
            Node value = get(get(node, parts[0]), parts[1]);
            if (text(value) != null) {
                settings.put(place, KubeQuantity.of(text(value), null, line(value)));
            }
        }
        return new KubeResources(settings);
    }

    private static KubeSecurity security(Node node) {
        if (!(node instanceof MappingNode context)) {
            return KubeSecurity.NONE;
        }
        Node capabilities = get(context, "capabilities");
        return new KubeSecurity(bool(get(context, "runAsNonRoot")), number(get(context, "runAsUser")),
                bool(get(context, "readOnlyRootFilesystem")), bool(get(context, "allowPrivilegeEscalation")),
                bool(get(context, "privileged")), line(keyOf(context, "runAsNonRoot")),
                line(keyOf(context, "runAsUser")), line(keyOf(context, "readOnlyRootFilesystem")),
                strings(get(capabilities, "add")), strings(get(capabilities, "drop")),
                capabilities instanceof MappingNode map ? line(keyOf(map, "drop")) : 0, java.util.Map.of());
    }

    private static Node get(Node node, String key) {
        if (!(node instanceof MappingNode map)) {
            return null;
        }
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return tuple.getValueNode();
            }
        }
        return null;
    }

    private static Node keyOf(MappingNode map, String key) {
        for (NodeTuple tuple : map.getValue()) {
            if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
                return k;
            }
        }
        return null;
    }

    private static int line(Node node) {
        return node == null ? 0 : node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }

    private static String text(Node node) {
        return node instanceof ScalarNode s && !s.getValue().isEmpty() ? s.getValue() : null;
    }

    private static Long number(Node node) {
        String value = text(node);
        if (value == null || !value.matches("-?[0-9]{1,18}")) {
            return null;
        }
        return Long.parseLong(value);
    }

    private static Boolean bool(Node node) {
        String value = text(node);
        return value == null ? null : value.equals("true") ? Boolean.TRUE : value.equals("false") ? Boolean.FALSE
                : null;
    }

    /** The line of each scalar item of a list, as {@link #strings} reads them. */
    private static List<Integer> lines(Node node) {
        List<Integer> lines = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                if (item instanceof ScalarNode s) {
                    lines.add(line(s));
                }
            }
        }
        return lines;
    }

    private static List<String> strings(Node node) {
        List<String> values = new ArrayList<>();
        if (node instanceof SequenceNode list) {
            for (Node item : list.getValue()) {
                if (item instanceof ScalarNode s) {
                    values.add(s.getValue());
                }
            }
        }
        return values;
    }
}
