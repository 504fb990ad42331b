package dev.drydock.core.compose;

import dev.drydock.core.compose.template.Substitution;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service after override files, {@code extends} and {@code include} are applied and variables
 * interpolated. Every value is {@link Located}: it remembers the file, line and column that set it.
 * Absent keys are {@code null} (single values) or empty (lists, maps). {@link #node()} is the merged YAML
 * mapping, for keys the model does not type ({@code node().get("cpu_shares")}).
 */
public record Service(
        String name,
        ScalarNode nameKey,
        MapNode node,
        Build build,
        Located<String> image,
        Located<String> pullPolicy,
        Command command,
        Command entrypoint,
        List<EnvVar> environment,
        List<EnvFile> envFiles,
        Healthcheck healthcheck,
        Deploy deploy,
        Located<ByteSize> memLimit,
        Located<ByteSize> memReservation,
        Located<ByteSize> memswapLimit,
        Located<ByteSize> shmSize,
        Located<Double> cpus,
        Located<Long> pidsLimit,
        List<Port> ports,
        List<Located<String>> expose,
        List<Volume> volumes,
        List<Located<String>> tmpfs,
        List<Network> networks,
        Located<String> networkMode,
        List<Mount> secrets,
        List<Mount> configs,
        List<Dependency> dependsOn,
        Located<String> user,
        Located<String> workingDir,
        Located<String> restart,
        Logging logging,
        List<Located<String>> securityOpt,
        List<Located<String>> capAdd,
        List<Located<String>> capDrop,
        Located<Boolean> privileged,
        Located<Boolean> readOnly,
        Located<Boolean> init,
        Located<DurationValue> stopGracePeriod,
        Located<String> stopSignal,
        List<Located<String>> profiles,
        Map<String, Located<String>> labels,
        Located<String> containerName,
        Located<String> hostname,
        Located<String> pid,
        Located<String> ipc,
        Located<String> usernsMode,
        List<Device> devices,
        Map<String, Located<String>> sysctls,
        Map<String, Ulimit> ulimits,
        Extends extendsFrom,
        Located<String> platform,
        Map<String, MapNode.Entry> extensions) {

    /** The {@code image} key, when set; see {@link ComposeProject#imageName(Service)} for the name Compose uses. */
    public Optional<Located<String>> imageRef() {
        return Optional.ofNullable(image);
    }

    /** The memory limit in effect: {@code deploy.resources.limits.memory}, else {@code mem_limit}; null when none. */
    public Located<ByteSize> memoryLimit() {
        if (deploy != null && deploy.limits() != null && deploy.limits().memory() != null) {
            return deploy.limits().memory();
        }
        return memLimit;
    }

    /** The CPU limit in effect: {@code deploy.resources.limits.cpus}, else {@code cpus}; null when none. */
    public Located<Double> cpuLimit() {
        if (deploy != null && deploy.limits() != null && deploy.limits().cpus() != null) {
            return deploy.limits().cpus();
        }
        return cpus;
    }

    /** Whether {@code init: true} runs an init process (Docker's tini) as PID 1 in front of the command. */
    public boolean runsInit() {
        return init != null && Boolean.TRUE.equals(init.value());
    }

    /** Whether the service is built from a Dockerfile. */
    public boolean hasBuild() {
        return build != null;
    }

    /** The environment variable {@code name}, last definition winning (list and map form alike). */
    public Optional<EnvVar> env(String key) {
        EnvVar found = null;
        for (EnvVar e : environment) {
            if (e.name().equals(key)) {
                found = e;
            }
        }
        return Optional.ofNullable(found);
    }

    /** The raw YAML value of any key of the service (typed or not), {@code null} when absent. */
    public Node raw(String key) {
        return node.get(key);
    }

    /** A byte size as written and in bytes. */
    public record ByteSize(String text, long bytes) {}

    /** A duration as written and its value. */
    public record DurationValue(String text, Duration duration) {}

    /**
     * {@code build}: the short form is a context path. {@code contextDir} and {@code dockerfilePath} are
     * resolved against the working directory of the file that set them (see {@link ComposeFile}); a
     * context that is a URL ({@code https://}, {@code git@}...) has no directory.
     */
    public record Build(
            Node node,
            boolean shortSyntax,
            Located<String> context,
            Located<String> dockerfile,
            Located<String> dockerfileInline,
            List<KeyValue> args,
            Located<String> target,
            List<Located<String>> ssh,
            List<Mount> secrets,
            List<Located<String>> cacheFrom,
            List<Located<String>> cacheTo,
            List<Located<String>> platforms,
            List<Located<String>> tags,
            Map<String, Located<String>> labels,
            Located<String> network,
            Located<Boolean> noCache,
            Located<Boolean> pull,
            Map<String, Located<String>> additionalContexts,
            Path contextDir,
            Path dockerfilePath) {

        /** {@code build.args} as a map, {@code null} values for args without value. */
        public Optional<KeyValue> arg(String name) {
            KeyValue found = null;
            for (KeyValue kv : args) {
                if (kv.name().equals(name)) {
                    found = kv;
                }
            }
            return Optional.ofNullable(found);
        }
    }

    /** A {@code NAME=value} pair of a list or a map entry; {@code value} is {@code null} for {@code NAME} alone. */
    public record KeyValue(String name, Located<String> value, Node node) {}

    /**
     * {@code command} / {@code entrypoint}. {@code shellForm}: written as one string, which Compose splits
     * into words with shell quoting rules (no shell runs it; {@code ;}, {@code &&}, {@code |} and redirections
     * end the words: {@code stoppedAt} is then the operator's index in the string, else -1). {@code words}
     * is what Compose passes to the engine. An empty list ({@code []}) or an empty string resets the
     * image's value.
     */
    public record Command(Node node, boolean shellForm, List<Located<String>> words, int stoppedAt) {

        public List<String> argv() {
            return words.stream().map(Located::value).toList();
        }
    }

    /** One {@code environment} entry; {@code value} is {@code null} for {@code NAME} alone (taken from the shell). */
    public record EnvVar(String name, Located<String> value, Node node, boolean listForm) {}

    /** One {@code env_file}; {@code path} resolved against the working directory of the file that set it. */
    public record EnvFile(Located<String> file, boolean required, Located<String> format, Path path, Node node) {}

    /**
     * {@code healthcheck}. {@code test} is as Compose normalises it: a string becomes
     * {@code [CMD-SHELL, string]}; {@code testForm} is {@code NONE}, {@code CMD}, {@code CMD-SHELL},
     * {@code STRING} (the string form) or {@code INVALID}; {@code disabled} is {@code disable: true} or a
     * {@code NONE} test.
     */
    public record Healthcheck(
            MapNode node,
            String testForm,
            List<Located<String>> test,
            Located<DurationValue> interval,
            Located<DurationValue> timeout,
            Located<DurationValue> startPeriod,
            Located<DurationValue> startInterval,
            Located<Long> retries,
            Located<Boolean> disable,
            boolean disabled) {}

    /** {@code deploy}. */
    public record Deploy(
            MapNode node,
            Located<String> mode,
            Located<Long> replicas,
            Resources limits,
            Resources reservations,
            RestartPolicy restartPolicy,
            Map<String, Located<String>> labels) {}

    /** {@code deploy.resources.limits} / {@code reservations}. */
    public record Resources(MapNode node, Located<Double> cpus, Located<ByteSize> memory, Located<Long> pids) {}

    /** {@code deploy.restart_policy}. */
    public record RestartPolicy(MapNode node, Located<String> condition, Located<DurationValue> delay,
            Located<Long> maxAttempts, Located<DurationValue> window) {}

    /**
     * One {@code ports} entry. Short syntax is parsed as {@link PortSpec} does; long syntax fields are
     * taken as written. {@code hostIp} {@code null} means all interfaces.
     */
    public record Port(
            Node node,
            boolean shortSyntax,
            String hostIp,
            String published,
            int publishedStart,
            int publishedEnd,
            int targetStart,
            int targetEnd,
            String protocol,
            String mode,
            String name,
            String appProtocol) {}

    /**
     * One {@code volumes} entry: {@code type} {@code bind}, {@code volume} (named, or anonymous when
     * {@code source} is {@code null}), {@code tmpfs}, {@code npipe}, {@code cluster} or {@code image}.
     * {@code hostPath} is a bind source resolved against the working directory of the file that set it.
     */
    public record Volume(
            Node node,
            boolean shortSyntax,
            String type,
            String source,
            String target,
            boolean readOnly,
            List<String> options,
            String propagation,
            Path hostPath) {

        public boolean isBind() {
            return "bind".equals(type);
        }

        public boolean isNamedVolume() {
            return "volume".equals(type) && source != null && !source.isEmpty();
        }

        public boolean isAnonymous() {
            return "volume".equals(type) && (source == null || source.isEmpty());
        }

        /**
         * The variable expressions written in the source: all of a long-syntax {@code source}'s, and those of a
         * short-syntax entry before the colon that ends its source ({@code ${HOME}/.ssh:/root/.ssh}).
         */
        public List<Substitution> sourceSubstitutions() {
            if (node instanceof MapNode map) {
                return map.get("source") instanceof ScalarNode scalar ? scalar.substitutions() : List.of();
            }
            if (!(node instanceof ScalarNode scalar)) {
                return List.of();
            }
            if (!shortSyntax) {
                return scalar.substitutions();
            }
            int end = sourceEnd(scalar.raw(), scalar.substitutions());
            return scalar.substitutions().stream().filter(s -> s.start() < end).toList();
        }

        /** Where the source of a short-syntax entry ends: its first colon outside an expression and a drive letter. */
        private static int sourceEnd(String raw, List<Substitution> substitutions) {
            for (int i = 0; i < raw.length(); i++) {
                int at = i;
                Substitution inside = substitutions.stream().filter(s -> !s.nested() && s.start() <= at && at < s.end())
                        .findFirst().orElse(null);
                if (inside != null) {
                    i = inside.end() - 1;
                } else if (raw.charAt(i) == ':' && !(i == 1 && Character.isLetter(raw.charAt(0))
                        && raw.length() > 2 && (raw.charAt(2) == '\\' || raw.charAt(2) == '/'))) {
                    return i;
                }
            }
            return raw.length();
        }
    }

    /** One service network: list form gives only the name. */
    public record Network(String name, ScalarNode nameNode, Node node, List<Located<String>> aliases,
            Located<String> ipv4Address, Located<String> ipv6Address) {}

    /** A service {@code secrets} / {@code configs} (and build {@code secrets}) entry. */
    public record Mount(Node node, Located<String> source, Located<String> target, Located<String> uid,
            Located<String> gid, Located<String> mode) {}

    /** One {@code depends_on} entry; list form means {@code condition: service_started}, {@code required: true}. */
    public record Dependency(String service, ScalarNode nameNode, Node node, Located<String> condition, boolean required,
            boolean restart) {

        public String conditionOrDefault() {
            return condition == null ? "service_started" : condition.value();
        }
    }

    /** {@code logging}. */
    public record Logging(MapNode node, Located<String> driver, Map<String, Located<String>> options) {}

    /** One {@code devices} entry. */
    public record Device(Node node, String source, String target, String permissions) {}

    /** One {@code ulimits} entry: a single number sets both limits. */
    public record Ulimit(String name, Node node, Located<Long> soft, Located<Long> hard) {}

    /**
     * {@code extends} as written (it stays in {@link #node()} after being resolved): the base service and,
     * when it lives in another file, that file.
     */
    public record Extends(Node node, Located<String> service, Located<String> file) {}
}
