package dev.drydock.core.compose;

import dev.drydock.core.golang.GoDuration;
import dev.drydock.core.golang.GoUnits;

import dev.drydock.core.compose.Service.Build;
import dev.drydock.core.compose.Service.ByteSize;
import dev.drydock.core.compose.Service.Command;
import dev.drydock.core.compose.Service.Dependency;
import dev.drydock.core.compose.Service.Deploy;
import dev.drydock.core.compose.Service.Device;
import dev.drydock.core.compose.Service.DurationValue;
import dev.drydock.core.compose.Service.EnvFile;
import dev.drydock.core.compose.Service.EnvVar;
import dev.drydock.core.compose.Service.Extends;
import dev.drydock.core.compose.Service.Healthcheck;
import dev.drydock.core.compose.Service.KeyValue;
import dev.drydock.core.compose.Service.Logging;
import dev.drydock.core.compose.Service.Mount;
import dev.drydock.core.compose.Service.Network;
import dev.drydock.core.compose.Service.Port;
import dev.drydock.core.compose.Service.Resources;
import dev.drydock.core.compose.Service.RestartPolicy;
import dev.drydock.core.compose.Service.Ulimit;
import dev.drydock.core.compose.Service.Volume;
import dev.drydock.core.compose.template.Substitution;
import dev.drydock.core.compose.template.Template;
import dev.drydock.core.compose.template.TemplateException;
import dev.drydock.core.source.Diagnostic;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Builds the typed model from the merged YAML. Values of the wrong type are left out here (the
 * {@link Validator} reports them); values of the right type that Compose cannot read (a port
 * {@code 80:80:80:80}, a duration {@code 10 parsecs}, a size {@code 2 gigs}) are error diagnostics.
 */
final class ModelReader {

    private final Consumer<Diagnostic> diagnostics;
    private final Function<String, String> documented;

    ModelReader(Consumer<Diagnostic> diagnostics) {
        this(diagnostics, name -> null);
    }

    /**
     * @param documented the value that the project's env template ({@code .env.example}) gives a variable
     *     nothing sets here, or null: a port or volume that does not parse without the variable is read with
     *     that value, as the .env made from the template will give it
     */
    ModelReader(Consumer<Diagnostic> diagnostics, Function<String, String> documented) {
        this.diagnostics = diagnostics;
        this.documented = documented;
    }

    Map<String, Service> services(MapNode root) {
        Map<String, Service> out = new LinkedHashMap<>();
        MapNode services = root.map("services");
        if (services == null) {
            return Collections.unmodifiableMap(out);
        }
        for (MapNode.Entry e : services.entries()) {
            if (e.value() instanceof MapNode m) {
                out.put(e.name(), service(e.name(), e.key(), m));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    Map<String, Resource> resources(MapNode root, String section) {
        Map<String, Resource> out = new LinkedHashMap<>();
        MapNode map = root.map(section);
        if (map == null) {
            return Collections.unmodifiableMap(out);
        }
        for (MapNode.Entry e : map.entries()) {
            MapNode m = e.value() instanceof MapNode mm ? mm : null;
            Located<Boolean> external = null;
            Located<String> externalName = null;
            if (m != null) {
                Node ext = m.get("external");
                if (ext instanceof ScalarNode s && s.asBoolean() != null) {
                    external = new Located<>(s.asBoolean(), s, m.entry("external").key());
                } else if (ext instanceof MapNode em) {
                    external = new Located<>(Boolean.TRUE, em, m.entry("external").key());
                    externalName = str(em, "name");
                }
                if (externalName == null) {
                    externalName = str(m, "name");
                }
            }
            out.put(e.name(), new Resource(e.name(), e.key(), e.value(), str(m, "driver"), external, externalName,
                    str(m, "file"), str(m, "environment"), str(m, "content"), kvMap(m, "labels")));
        }
        return Collections.unmodifiableMap(out);
    }

    Service service(String name, ScalarNode key, MapNode m) {
        Healthcheck hc = healthcheck(m.map("healthcheck"));
        Deploy deploy = deploy(m.map("deploy"));
        return new Service(
                name, key, m,
                build(m),
                str(m, "image"),
                str(m, "pull_policy"),
                command(m, "command"),
                command(m, "entrypoint"),
                environment(m),
                envFiles(m),
                hc,
                deploy,
                bytes(m, "mem_limit"),
                bytes(m, "mem_reservation"),
                bytes(m, "memswap_limit"),
                bytes(m, "shm_size"),
                dbl(m, "cpus"),
                lng(m, "pids_limit"),
                ports(m),
                strList(m, "expose"),
                volumes(m),
                strList(m, "tmpfs"),
                networks(m),
                str(m, "network_mode"),
                mounts(m.get("secrets")),
                mounts(m.get("configs")),
                dependsOn(m),
                str(m, "user"),
                str(m, "working_dir"),
                str(m, "restart"),
                logging(m.map("logging")),
                strList(m, "security_opt"),
                strList(m, "cap_add"),
                strList(m, "cap_drop"),
                bool(m, "privileged"),
                bool(m, "read_only"),
                bool(m, "init"),
                duration(m, "stop_grace_period"),
                str(m, "stop_signal"),
                strList(m, "profiles"),
                kvMap(m, "labels"),
                str(m, "container_name"),
                str(m, "hostname"),
                str(m, "pid"),
                str(m, "ipc"),
                str(m, "userns_mode"),
                devices(m),
                kvMap(m, "sysctls"),
                ulimits(m.map("ulimits")),
                extendsOf(m),
                str(m, "platform"),
                m.extensions());
    }

    // ---- service parts ----

    private Build build(MapNode service) {
        Node node = service.get("build");
        if (node instanceof ScalarNode s && !s.isNull()) {
            Located<String> context = new Located<>(s.value(), s, service.entry("build").key());
            Path contextDir = localPath(s, s.value());
            return new Build(s, true, context, null, null, List.of(), null, List.of(), List.of(), List.of(), List.of(),
                    List.of(), List.of(), Map.of(), null, null, null, Map.of(), contextDir,
                    contextDir == null ? null : contextDir.resolve("Dockerfile").normalize());
        }
        if (!(node instanceof MapNode b)) {
            return null;
        }
        Located<String> context = str(b, "context");
        Located<String> dockerfile = str(b, "dockerfile");
        Located<String> inline = str(b, "dockerfile_inline");
        Path contextDir = context == null ? b.origin().workingDir() : localPath(context.node(), context.value());
        Path dockerfilePath = null;
        if (inline == null && contextDir != null) {
            String df = dockerfile == null ? "Dockerfile" : dockerfile.value();
            try {
                Path p = Path.of(df);
                dockerfilePath = (p.isAbsolute() ? p : contextDir.resolve(p)).normalize();
            } catch (InvalidPathException e) {
                dockerfilePath = null;
            }
        }
        return new Build(b, false, context, dockerfile, inline, keyValues(b.get("args")), str(b, "target"),
                strList(b, "ssh"), mounts(b.get("secrets")), strList(b, "cache_from"), strList(b, "cache_to"),
                strList(b, "platforms"), strList(b, "tags"), kvMap(b, "labels"), str(b, "network"), bool(b, "no_cache"),
                bool(b, "pull"), kvMap(b, "additional_contexts"), contextDir, dockerfilePath);
    }

    /** A local path written in {@code node}'s file, resolved; {@code null} for URLs and {@code ~} paths. */
    static Path localPath(Node node, String path) {
        if (path == null || path.contains("://") || path.startsWith("git@") || path.startsWith("github.com/")
                || path.startsWith("~")) {
            return null;
        }
        try {
            Path p = Path.of(path);
            Path base = node.origin().workingDir();
            if (p.isAbsolute() || base == null) {
                return p.normalize();
            }
            return base.resolve(p).normalize();
        } catch (InvalidPathException e) {
            return null;
        }
    }

    private Command command(MapNode service, String key) {
        Node node = service.get(key);
        if (node == null || node.isNull()) {
            return null;
        }
        if (node instanceof ScalarNode s) {
            try {
                ShellWords.Result r = ShellWords.split(s.value());
                List<Located<String>> words = r.words().stream().map(w -> Located.of(w, (Node) s)).toList();
                return new Command(s, true, words, r.stoppedAt());
            } catch (IllegalArgumentException e) {
                error(s, key + ": " + e.getMessage());
                return new Command(s, true, List.of(), -1);
            }
        }
        if (node instanceof SeqNode seq) {
            List<Located<String>> words = new ArrayList<>();
            for (Node item : seq.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    words.add(Located.of(s.value(), s));
                }
            }
            return new Command(seq, false, List.copyOf(words), -1);
        }
        return null;
    }

    private List<EnvVar> environment(MapNode service) {
        Node node = service.get("environment");
        List<EnvVar> out = new ArrayList<>();
        if (node instanceof SeqNode seq) {
            for (Node item : seq.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    String text = s.value();
                    int eq = text.indexOf('=');
                    if (eq < 0) {
                        out.add(new EnvVar(text, null, s, true));
                    } else {
                        out.add(new EnvVar(text.substring(0, eq), Located.of(text.substring(eq + 1), (Node) s), s, true));
                    }
                }
            }
        } else if (node instanceof MapNode map) {
            for (MapNode.Entry e : map.entries()) {
                Node v = e.value();
                Located<String> value = v instanceof ScalarNode s && !s.isNull() ? new Located<>(s.value(), s, e.key()) : null;
                out.add(new EnvVar(e.name(), value, v, false));
            }
        }
        return List.copyOf(out);
    }

    private List<EnvFile> envFiles(MapNode service) {
        Node node = service.get("env_file");
        List<Node> items = node instanceof SeqNode seq ? seq.items() : node instanceof ScalarNode s && !s.isNull() ? List.of(s) : List.of();
        List<EnvFile> out = new ArrayList<>();
        for (Node item : items) {
            if (item instanceof ScalarNode s && !s.isNull()) {
                out.add(new EnvFile(Located.of(s.value(), (Node) s), true, null, localPath(s, s.value()), s));
            } else if (item instanceof MapNode m) {
                Located<String> path = str(m, "path");
                Located<Boolean> required = bool(m, "required");
                out.add(new EnvFile(path, required == null || required.value(), str(m, "format"),
                        path == null ? null : localPath(path.node(), path.value()), m));
            }
        }
        return List.copyOf(out);
    }

    private Healthcheck healthcheck(MapNode h) {
        if (h == null) {
            return null;
        }
        Node testNode = h.get("test");
        String form = null;
        List<Located<String>> test = List.of();
        if (testNode instanceof ScalarNode s && !s.isNull()) {
            form = "STRING";
            test = List.of(Located.of("CMD-SHELL", (Node) s), Located.of(s.value(), (Node) s));
        } else if (testNode instanceof SeqNode seq) {
            List<Located<String>> words = new ArrayList<>();
            for (Node item : seq.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    words.add(Located.of(s.value(), (Node) s));
                }
            }
            test = List.copyOf(words);
            if (words.isEmpty()) {
                form = "EMPTY";
            } else {
                form = switch (words.get(0).value()) {
                    case "NONE", "CMD", "CMD-SHELL" -> words.get(0).value();
                    default -> "INVALID";
                };
                if (form.equals("INVALID")) {
                    error(words.get(0).node(), "healthcheck.test must start either by \"CMD\", \"CMD-SHELL\" or \"NONE\"");
                }
            }
        }
        Located<Boolean> disable = bool(h, "disable");
        boolean disabled = (disable != null && disable.value()) || "NONE".equals(form);
        return new Healthcheck(h, form, test, duration(h, "interval"), duration(h, "timeout"), duration(h, "start_period"),
                duration(h, "start_interval"), lng(h, "retries"), disable, disabled);
    }

    private Deploy deploy(MapNode d) {
        if (d == null) {
            return null;
        }
        MapNode resources = d.map("resources");
        MapNode rp = d.map("restart_policy");
        RestartPolicy restart = rp == null ? null
                : new RestartPolicy(rp, str(rp, "condition"), duration(rp, "delay"), lng(rp, "max_attempts"), duration(rp, "window"));
        return new Deploy(d, str(d, "mode"), lng(d, "replicas"), resources(resources == null ? null : resources.map("limits")),
                resources(resources == null ? null : resources.map("reservations")), restart, kvMap(d, "labels"));
    }

    private Resources resources(MapNode r) {
        if (r == null) {
            return null;
        }
        return new Resources(r, dbl(r, "cpus"), bytes(r, "memory"), lng(r, "pids"));
    }

    private List<Port> ports(MapNode service) {
        SeqNode seq = service.seq("ports");
        if (seq == null) {
            return List.of();
        }
        List<Port> out = new ArrayList<>();
        for (Node item : seq.items()) {
            if (item instanceof ScalarNode s && !s.isNull()) {
                PortSpec p = parse(s, "ports", PortSpec::parseShort);
                if (p != null) {
                    out.add(new Port(s, true, p.hostIp(), p.published(), p.publishedStart(), p.publishedEnd(), p.targetStart(),
                            p.targetEnd(), p.protocol(), null, null, null));
                }
            } else if (item instanceof MapNode m) {
                String target = m.string("target");
                String published = m.string("published");
                int[] t = portRange(m.scalar("target"), target, true);
                // compose does not check a long-form published port when loading: keep its text
                int[] p = published == null ? new int[] {-1, -1} : portRange(m.scalar("published"), published, false);
                String protocol = m.string("protocol");
                out.add(new Port(m, false, m.string("host_ip"), published, p[0], p[1], t[0], t[1],
                        protocol == null ? "tcp" : protocol, m.string("mode"), m.string("name"), m.string("app_protocol")));
            }
        }
        return List.copyOf(out);
    }

    private int[] portRange(ScalarNode node, String text, boolean report) {
        if (text == null) {
            return new int[] {-1, -1};
        }
        try {
            PortSpec p = PortSpec.parseShort(text);
            return new int[] {p.targetStart(), p.targetEnd()};
        } catch (IllegalArgumentException e) {
            if (report) {
                error(node, "ports: invalid port " + text);
            }
            return new int[] {-1, -1};
        }
    }

    private List<Volume> volumes(MapNode service) {
        SeqNode seq = service.seq("volumes");
        if (seq == null) {
            return List.of();
        }
        List<Volume> out = new ArrayList<>();
        for (Node item : seq.items()) {
            if (item instanceof ScalarNode s && !s.isNull()) {
                VolumeSpec v = parse(s, "volumes", VolumeSpec::parseShort);
                if (v != null) {
                    String propagation = v.options().stream()
                            .filter(o -> List.of("shared", "rshared", "slave", "rslave", "private", "rprivate").contains(o))
                            .findFirst().orElse(null);
                    out.add(new Volume(s, true, v.type(), v.source(), v.target(), v.readOnly(), v.options(), propagation,
                            v.type().equals("bind") ? localPath(s, v.source()) : null));
                }
            } else if (item instanceof MapNode m) {
                String type = m.string("type");
                String source = m.string("source");
                Located<Boolean> ro = bool(m, "read_only");
                MapNode bind = m.map("bind");
                out.add(new Volume(m, false, type, source, m.string("target"), ro != null && ro.value(), List.of(),
                        bind == null ? null : bind.string("propagation"),
                        "bind".equals(type) && source != null ? localPath(m.scalar("source"), source) : null));
            }
        }
        return List.copyOf(out);
    }

    private List<Network> networks(MapNode service) {
        Node node = service.get("networks");
        List<Network> out = new ArrayList<>();
        if (node instanceof SeqNode seq) {
            for (Node item : seq.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    out.add(new Network(s.value(), s, s, List.of(), null, null));
                }
            }
        } else if (node instanceof MapNode map) {
            for (MapNode.Entry e : map.entries()) {
                MapNode cfg = e.value() instanceof MapNode m ? m : null;
                out.add(new Network(e.name(), e.key(), e.value(), strList(cfg, "aliases"), str(cfg, "ipv4_address"),
                        str(cfg, "ipv6_address")));
            }
        }
        return List.copyOf(out);
    }

    private List<Mount> mounts(Node node) {
        if (!(node instanceof SeqNode seq)) {
            return List.of();
        }
        List<Mount> out = new ArrayList<>();
        for (Node item : seq.items()) {
            if (item instanceof ScalarNode s && !s.isNull()) {
                out.add(new Mount(s, Located.of(s.value(), (Node) s), null, null, null, null));
            } else if (item instanceof MapNode m) {
                out.add(new Mount(m, str(m, "source"), str(m, "target"), str(m, "uid"), str(m, "gid"), str(m, "mode")));
            }
        }
        return List.copyOf(out);
    }

    private List<Dependency> dependsOn(MapNode service) {
        Node node = service.get("depends_on");
        List<Dependency> out = new ArrayList<>();
        if (node instanceof SeqNode seq) {
            for (Node item : seq.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    out.add(new Dependency(s.value(), s, s, null, true, false));
                }
            }
        } else if (node instanceof MapNode map) {
            for (MapNode.Entry e : map.entries()) {
                MapNode cfg = e.value() instanceof MapNode m ? m : null;
                Located<Boolean> required = bool(cfg, "required");
                Located<Boolean> restart = bool(cfg, "restart");
                out.add(new Dependency(e.name(), e.key(), e.value(), str(cfg, "condition"),
                        required == null || required.value(), restart != null && restart.value()));
            }
        }
        return List.copyOf(out);
    }

    private Logging logging(MapNode l) {
        if (l == null) {
            return null;
        }
        return new Logging(l, str(l, "driver"), kvMap(l, "options"));
    }

    private List<Device> devices(MapNode service) {
        SeqNode seq = service.seq("devices");
        if (seq == null) {
            return List.of();
        }
        List<Device> out = new ArrayList<>();
        for (Node item : seq.items()) {
            if (item instanceof ScalarNode s && !s.isNull()) {
                String[] parts = s.value().split(":", 3);
                out.add(new Device(s, parts[0], parts.length > 1 ? parts[1] : parts[0], parts.length > 2 ? parts[2] : null));
            } else if (item instanceof MapNode m) {
                out.add(new Device(m, m.string("source"), m.string("target"), m.string("permissions")));
            }
        }
        return List.copyOf(out);
    }

    private Map<String, Ulimit> ulimits(MapNode u) {
        if (u == null) {
            return Map.of();
        }
        Map<String, Ulimit> out = new LinkedHashMap<>();
        for (MapNode.Entry e : u.entries()) {
            if (e.value() instanceof ScalarNode s) {
                Long v = s.asLong();
                Located<Long> l = v == null ? null : new Located<>(v, s, e.key());
                out.put(e.name(), new Ulimit(e.name(), s, l, l));
            } else if (e.value() instanceof MapNode m) {
                out.put(e.name(), new Ulimit(e.name(), m, lng(m, "soft"), lng(m, "hard")));
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private Extends extendsOf(MapNode service) {
        Node node = service.get("extends");
        if (node instanceof ScalarNode s && !s.isNull()) {
            return new Extends(s, new Located<>(s.value(), s, service.entry("extends").key()), null);
        }
        if (node instanceof MapNode m) {
            return new Extends(m, str(m, "service"), str(m, "file"));
        }
        return null;
    }

    // ---- typed values ----

    static Located<String> str(MapNode m, String key) {
        if (m == null) {
            return null;
        }
        MapNode.Entry e = m.entry(key);
        if (e == null || !(e.value() instanceof ScalarNode s) || s.isNull()) {
            return null;
        }
        return new Located<>(s.value(), s, e.key());
    }

    static Located<Boolean> bool(MapNode m, String key) {
        if (m == null) {
            return null;
        }
        MapNode.Entry e = m.entry(key);
        if (e == null || !(e.value() instanceof ScalarNode s) || s.asBoolean() == null) {
            return null;
        }
        return new Located<>(s.asBoolean(), s, e.key());
    }

    static Located<Long> lng(MapNode m, String key) {
        if (m == null) {
            return null;
        }
        MapNode.Entry e = m.entry(key);
        if (e == null || !(e.value() instanceof ScalarNode s) || s.asLong() == null) {
            return null;
        }
        return new Located<>(s.asLong(), s, e.key());
    }

    static Located<Double> dbl(MapNode m, String key) {
        if (m == null) {
            return null;
        }
        MapNode.Entry e = m.entry(key);
        if (e == null || !(e.value() instanceof ScalarNode s) || s.asDouble() == null) {
            return null;
        }
        return new Located<>(s.asDouble(), s, e.key());
    }

    private Located<ByteSize> bytes(MapNode m, String key) {
        if (m == null) {
            return null;
        }
        MapNode.Entry e = m.entry(key);
        if (e == null || !(e.value() instanceof ScalarNode s) || s.isNull()) {
            return null;
        }
        if (s.kind() == ScalarNode.Kind.INTEGER && s.asLong() != null) {
            return new Located<>(new ByteSize(s.value(), s.asLong()), s, e.key());
        }
        if (s.kind() != ScalarNode.Kind.STRING) {
            return null;
        }
        try {
            return new Located<>(new ByteSize(s.value(), GoUnits.ramInBytes(s.value())), s, e.key());
        } catch (IllegalArgumentException ex) {
            error(s, key + ": " + ex.getMessage());
            return null;
        }
    }

    private Located<DurationValue> duration(MapNode m, String key) {
        if (m == null) {
            return null;
        }
        MapNode.Entry e = m.entry(key);
        if (e == null || !(e.value() instanceof ScalarNode s) || s.kind() != ScalarNode.Kind.STRING) {
            return null;
        }
        try {
            return new Located<>(new DurationValue(s.value(), GoDuration.parse(s.value())), s, e.key());
        } catch (IllegalArgumentException ex) {
            error(s, key + ": " + ex.getMessage());
            return null;
        }
    }

    /** A string or a list of strings. */
    static List<Located<String>> strList(MapNode m, String key) {
        if (m == null) {
            return List.of();
        }
        MapNode.Entry e = m.entry(key);
        if (e == null) {
            return List.of();
        }
        if (e.value() instanceof ScalarNode s && !s.isNull()) {
            return List.of(new Located<>(s.value(), s, e.key()));
        }
        if (e.value() instanceof SeqNode seq) {
            List<Located<String>> out = new ArrayList<>(seq.size());
            for (Node item : seq.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    out.add(Located.of(s.value(), (Node) s));
                }
            }
            return List.copyOf(out);
        }
        return List.of();
    }

    /** A mapping or a list of {@code KEY=VALUE}: names to values (a {@code KEY} alone maps to an empty string). */
    static Map<String, Located<String>> kvMap(MapNode m, String key) {
        if (m == null) {
            return Map.of();
        }
        Map<String, Located<String>> out = new LinkedHashMap<>();
        for (KeyValue kv : keyValues(m.get(key))) {
            out.put(kv.name(), kv.value() != null ? kv.value() : Located.of("", kv.node()));
        }
        return Collections.unmodifiableMap(out);
    }

    static List<KeyValue> keyValues(Node node) {
        List<KeyValue> out = new ArrayList<>();
        if (node instanceof SeqNode seq) {
            for (Node item : seq.items()) {
                if (item instanceof ScalarNode s && !s.isNull()) {
                    String text = s.value();
                    int eq = text.indexOf('=');
                    out.add(eq < 0 ? new KeyValue(text, null, s)
                            : new KeyValue(text.substring(0, eq), Located.of(text.substring(eq + 1), (Node) s), s));
                }
            }
        } else if (node instanceof MapNode map) {
            for (MapNode.Entry e : map.entries()) {
                Located<String> v = e.value() instanceof ScalarNode s && !s.isNull() ? new Located<>(s.value(), s, e.key()) : null;
                out.add(new KeyValue(e.name(), v, e.value()));
            }
        }
        return List.copyOf(out);
    }

    /**
     * A short-syntax port or volume: its value, else (when that does not parse for want of variables nothing
     * sets here) its text with the values the env template documents; null, with an error, when neither parses.
     */
    private <T> T parse(ScalarNode s, String key, Function<String, T> parser) {
        try {
            return parser.apply(s.value());
        } catch (IllegalArgumentException e) {
            String withTemplate = documentedText(s);
            if (withTemplate != null) {
                try {
                    return parser.apply(withTemplate);
                } catch (IllegalArgumentException ignored) {
                    // reported with the value as written
                }
            }
            error(s, key + ": " + e.getMessage() + unsetVariables(s));
            return null;
        }
    }

    /** The scalar interpolated with the env template's values for the variables nothing sets here, or null. */
    private String documentedText(ScalarNode s) {
        Map<String, String> values = new LinkedHashMap<>();
        boolean stoodIn = false;
        for (Substitution sub : s.substitutions()) {
            String value = sub.isSet() ? sub.variableValue() : documented.apply(sub.name());
            if (value != null) {
                values.putIfAbsent(sub.name(), value);
                stoodIn |= sub.isMissing() && !sub.isSet();
            }
        }
        if (!stoodIn) {
            return null;
        }
        try {
            return Template.substituteAllowingMissingRequired(s.raw(), values::get).value();
        } catch (TemplateException e) {
            return null;
        }
    }

    /**
     * Why a value that does not parse may be fine where the project runs: the variables in it that nothing
     * sets here (no .env beside the file, no environment), which Compose replaces with an empty string.
     */
    private static String unsetVariables(ScalarNode s) {
        List<String> unset = s.substitutions().stream().filter(sub -> sub.isMissing()).map(sub -> sub.name())
                .distinct().toList();
        if (unset.isEmpty()) {
            return "";
        }
        return " (" + String.join(", ", unset) + (unset.size() == 1 ? " is" : " are") + " not set here, and Compose"
                + " substitutes an empty string: set " + (unset.size() == 1 ? "it" : "them") + " in a .env beside the"
                + " compose file, or give a default with ${NAME:-value})";
    }

    private void error(Node node, String message) {
        diagnostics.accept(Diagnostic.at(Diagnostic.Level.ERROR, node.file(), node.span(), message));
    }
}
