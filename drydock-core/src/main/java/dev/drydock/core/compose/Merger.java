package dev.drydock.core.compose;

import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Compose's merge rules (compose-go {@code override} package; Compose Specification "Merge and override"),
 * used for {@code -f} override files, multi-document files and {@code extends}:
 * <ul>
 * <li>mappings merge key by key; {@code x-*} keys are replaced, not merged;</li>
 * <li>{@code command}, {@code entrypoint}, {@code healthcheck.test} are replaced;</li>
 * <li>{@code environment}, {@code labels}, {@code annotations}, {@code sysctls}, {@code extra_hosts},
 *     {@code build.args}/{@code labels}/{@code additional_contexts}/{@code extra_hosts},
 *     {@code deploy.labels}, network and volume {@code labels} merge by variable / label name, list or map
 *     form alike, the later file's value winning;</li>
 * <li>{@code ports} (by host IP, published, target and protocol), {@code volumes} (by target),
 *     {@code secrets}/{@code configs} (by target), {@code devices} (by target), {@code expose},
 *     {@code dns}, {@code dns_opt}, {@code dns_search}, {@code tmpfs}, {@code env_file} (by path),
 *     {@code cap_add}, {@code cap_drop}, {@code profiles}, {@code links}, network {@code aliases}, build
 *     {@code tags} are appended and de-duplicated: an entry with the key of an earlier one replaces it in
 *     place;</li>
 * <li>service {@code networks} and {@code depends_on} merge as mappings (list form is a mapping of names);
 *     {@code build: path} merges as {@code build: {context: path}}; {@code logging} options merge only when
 *     the driver is the same (or one side has none); each {@code ulimits} entry merges as a mapping;</li>
 * <li>other sequences are appended; other scalars are replaced;</li>
 * <li>a value tagged {@code !reset} removes the key; one tagged {@code !override} replaces the value
 *     whole.</li>
 * </ul>
 * The nodes are not copied: every value in the result is the node of the file that set it.
 */
final class Merger {

    private Merger() {}

    /** Merges an override file's root into the base's. */
    static MapNode mergeFiles(MapNode base, MapNode override) {
        return (MapNode) merge(base, override, List.of());
    }

    /**
     * Merges a service definition over the service it extends. The result is the extending service's mapping
     * (its file and span) holding the merged entries: the base's entries keep their own nodes, so an entry the
     * extending service writes is told apart from one it takes from the base.
     */
    static MapNode extendService(MapNode base, MapNode service) {
        MapNode merged = (MapNode) merge(base, service, List.of("services", "*"));
        return new MapNode(service.origin(), service.span(), merged.tag(), merged.entryMap());
    }

    /** Drops {@code !reset} entries and unwraps {@code !override} values left after merging. */
    static Node clean(Node node) {
        switch (node) {
            case MapNode m -> {
                boolean changed = false;
                Map<String, MapNode.Entry> out = new LinkedHashMap<>();
                for (MapNode.Entry e : m.entries()) {
                    Node v = e.value();
                    if ("!reset".equals(v.tag())) {
                        changed = true;
                        continue;
                    }
                    Node c = clean(v);
                    if (c != v) {
                        changed = true;
                    }
                    out.put(e.name(), c == v ? e : new MapNode.Entry(e.key(), c));
                }
                MapNode result = changed ? m.withEntries(out) : m;
                return "!override".equals(m.tag()) ? result.withTag(null) : result;
            }
            case SeqNode s -> {
                boolean changed = false;
                List<Node> items = new ArrayList<>(s.size());
                for (Node item : s.items()) {
                    Node c = clean(item);
                    changed |= c != item;
                    items.add(c);
                }
                SeqNode result = changed ? s.withItems(items) : s;
                return "!override".equals(s.tag()) ? result.withTag(null) : result;
            }
            case ScalarNode s -> {
                return "!override".equals(s.tag()) ? s.withTag(null) : s;
            }
        }
    }

    private static Node merge(Node base, Node over, List<String> path) {
        if ("!override".equals(over.tag())) {
            return over;
        }
        if (over.isNull() && !(base instanceof ScalarNode)) {
            return base;
        }
        String shape = shape(path);
        switch (shape) {
            case "services.*.command", "services.*.entrypoint", "services.*.healthcheck.test":
                return over;
            case "services.*.logging":
                return mergeLogging(base, over, path);
            case "services.*.ulimits.*":
                return base instanceof MapNode && over instanceof MapNode ? mergeMappings((MapNode) base, (MapNode) over, path) : over;
            case "services.*.environment", "services.*.labels", "services.*.annotations", "services.*.sysctls",
                    "services.*.build.args", "services.*.build.labels", "services.*.build.additional_contexts",
                    "services.*.deploy.labels", "networks.*.labels", "volumes.*.labels", "secrets.*.labels",
                    "configs.*.labels":
                return mergeKeyValues(base, over, '=');
            case "services.*.extra_hosts", "services.*.build.extra_hosts":
                return mergeKeyValues(base, over, ':');
            case "services.*.ports":
                return appendUnique(base, over, Merger::portKey);
            case "services.*.volumes":
                return appendUnique(base, over, Merger::volumeKey);
            case "services.*.secrets", "services.*.configs":
                return appendUnique(base, over, Merger::mountKey);
            case "services.*.devices":
                return appendUnique(base, over, Merger::deviceKey);
            case "services.*.env_file", "services.*.label_file":
                return appendUnique(asSeq(base), asSeq(over), Merger::envFileKey);
            case "services.*.dns", "services.*.dns_opt", "services.*.dns_search", "services.*.tmpfs",
                    "services.*.expose", "services.*.cap_add", "services.*.cap_drop", "services.*.profiles",
                    "services.*.links", "services.*.networks.*.aliases", "services.*.build.tags":
                return appendUnique(asSeq(base), asSeq(over), Merger::scalarKey);
            case "services.*.networks", "services.*.depends_on":
                return mergeMappingsOrReplace(namesAsMap(base), namesAsMap(over), path);
            case "services.*.build":
                return mergeMappingsOrReplace(buildAsMap(base), buildAsMap(over), path);
            default:
                break;
        }
        if (base instanceof MapNode b && over instanceof MapNode o) {
            return mergeMappings(b, o, path);
        }
        if (base instanceof SeqNode b && over instanceof SeqNode o) {
            List<Node> items = new ArrayList<>(b.items());
            items.addAll(o.items());
            return b.withItems(items);
        }
        return over;
    }

    private static Node mergeMappingsOrReplace(Node base, Node over, List<String> path) {
        if (base instanceof MapNode b && over instanceof MapNode o) {
            return mergeMappings(b, o, path);
        }
        return over;
    }

    private static MapNode mergeMappings(MapNode base, MapNode over, List<String> path) {
        Map<String, MapNode.Entry> out = new LinkedHashMap<>(base.entryMap());
        for (MapNode.Entry e : over.entries()) {
            String k = e.name();
            Node v = e.value();
            if ("!reset".equals(v.tag())) {
                out.remove(k);
                continue;
            }
            MapNode.Entry existing = out.get(k);
            if (existing == null || k.startsWith("x-")) {
                out.put(k, e);
                continue;
            }
            List<String> next = new ArrayList<>(path.size() + 1);
            next.addAll(path);
            next.add(k);
            Node merged = merge(existing.value(), v, next);
            out.put(k, new MapNode.Entry(merged == existing.value() ? existing.key() : e.key(), merged));
        }
        return base.withEntries(out);
    }

    private static Node mergeLogging(Node base, Node over, List<String> path) {
        if (!(base instanceof MapNode b) || !(over instanceof MapNode o)) {
            return over;
        }
        String d1 = b.string("driver");
        String d2 = o.string("driver");
        if (d1 == null || d2 == null || d1.equals(d2)) {
            return mergeMappings(b, o, path);
        }
        return over;
    }

    /** Environment-like values: merged by key; a list and a map mix into a map. */
    private static Node mergeKeyValues(Node base, Node over, char separator) {
        if (base instanceof SeqNode b && over instanceof SeqNode o) {
            return appendUnique(b, o, n -> n instanceof ScalarNode s ? kvKey(s.value(), separator) : null);
        }
        MapNode b = kvAsMap(base, separator);
        MapNode o = kvAsMap(over, separator);
        if (b == null || o == null) {
            return over;
        }
        Map<String, MapNode.Entry> out = new LinkedHashMap<>(b.entryMap());
        for (MapNode.Entry e : o.entries()) {
            out.put(e.name(), e);
        }
        return b.withEntries(out);
    }

    static String kvKey(String item, char separator) {
        int eq = item.indexOf('=');
        if (eq < 0 && separator == ':') {
            eq = item.indexOf(':');
        }
        return eq < 0 ? item : item.substring(0, eq);
    }

    /** A list of {@code KEY=VALUE} items as a mapping whose keys and values point into the items. */
    static MapNode kvAsMap(Node node, char separator) {
        if (node instanceof MapNode m) {
            return m;
        }
        if (!(node instanceof SeqNode s)) {
            return null;
        }
        Map<String, MapNode.Entry> out = new LinkedHashMap<>();
        for (Node item : s.items()) {
            if (!(item instanceof ScalarNode sc)) {
                continue;
            }
            String text = sc.value();
            int eq = text.indexOf('=');
            if (eq < 0 && separator == ':') {
                eq = text.indexOf(':');
            }
            if (eq < 0) {
                ScalarNode key = ScalarNode.derived(sc.origin(), sc.span(), text, ScalarNode.Kind.STRING);
                out.put(text, new MapNode.Entry(key, ScalarNode.derived(sc.origin(), sc.span(), "", ScalarNode.Kind.NULL)));
            } else {
                String k = text.substring(0, eq);
                Span keySpan = sc.value().equals(sc.raw()) ? sc.spanOf(0, eq) : sc.span();
                Span valueSpan = sc.value().equals(sc.raw()) ? sc.spanOf(eq + 1, text.length()) : sc.span();
                ScalarNode key = ScalarNode.derived(sc.origin(), keySpan, k, ScalarNode.Kind.STRING);
                int rawEq = sc.raw().indexOf('=');
                ScalarNode value = !sc.substitutions().isEmpty() && rawEq >= 0
                        && sc.substitutions().stream().allMatch(x -> x.start() > rawEq)
                        ? ScalarNode.tail(sc, rawEq + 1, text.substring(eq + 1)) // keeps `${SECRET?...}` as written
                        : ScalarNode.derived(sc.origin(), valueSpan, text.substring(eq + 1), ScalarNode.Kind.STRING);
                out.put(k, new MapNode.Entry(key, value));
            }
        }
        return new MapNode(s.origin(), s.span(), null, out);
    }

    /** A list of names (service {@code networks}, {@code depends_on}) as a mapping of names to null. */
    private static Node namesAsMap(Node node) {
        if (!(node instanceof SeqNode s)) {
            return node;
        }
        Map<String, MapNode.Entry> out = new LinkedHashMap<>();
        for (Node item : s.items()) {
            if (item instanceof ScalarNode sc) {
                out.put(sc.value(), new MapNode.Entry(sc, ScalarNode.derived(sc.origin(), sc.span(), "", ScalarNode.Kind.NULL)));
            }
        }
        return new MapNode(s.origin(), s.span(), null, out);
    }

    private static Node buildAsMap(Node node) {
        if (node instanceof ScalarNode sc && !sc.isNull()) {
            Map<String, MapNode.Entry> out = new LinkedHashMap<>();
            ScalarNode key = ScalarNode.derived(sc.origin(), sc.span(), "context", ScalarNode.Kind.STRING);
            out.put("context", new MapNode.Entry(key, sc));
            return new MapNode(sc.origin(), sc.span(), null, out);
        }
        return node;
    }

    private static Node asSeq(Node node) {
        if (node instanceof ScalarNode sc && !sc.isNull()) {
            return new SeqNode(sc.origin(), sc.span(), null, List.of(sc));
        }
        return node;
    }

    /** Appends, an item whose key matches an earlier one's replacing it in place. */
    private static Node appendUnique(Node base, Node over, Function<Node, String> keyOf) {
        if (!(base instanceof SeqNode b) || !(over instanceof SeqNode o)) {
            return over;
        }
        List<Node> out = new ArrayList<>(b.size() + o.size());
        Map<String, Integer> index = new LinkedHashMap<>();
        for (List<Node> part : List.of(b.items(), o.items())) {
            for (Node item : part) {
                String key = keyOf.apply(item);
                Integer at = key == null ? null : index.get(key);
                if (at != null) {
                    out.set(at, item);
                } else {
                    if (key != null) {
                        index.put(key, out.size());
                    }
                    out.add(item);
                }
            }
        }
        return b.withItems(out);
    }

    private static String scalarKey(Node n) {
        return n instanceof ScalarNode s ? s.value() : null;
    }

    private static String envFileKey(Node n) {
        if (n instanceof MapNode m) {
            return m.string("path");
        }
        return scalarKey(n);
    }

    private static String portKey(Node n) {
        if (n instanceof MapNode m) {
            String hostIp = m.string("host_ip");
            String published = m.string("published");
            String protocol = m.string("protocol");
            return (hostIp == null ? "0.0.0.0" : hostIp) + ":" + (published == null ? "" : published) + ":"
                    + m.string("target") + "/" + (protocol == null ? "tcp" : protocol);
        }
        return scalarKey(n);
    }

    private static String volumeKey(Node n) {
        if (n instanceof MapNode m) {
            return m.string("target");
        }
        if (n instanceof ScalarNode s) {
            try {
                return VolumeSpec.parseShort(s.value()).target();
            } catch (IllegalArgumentException e) {
                return s.value();
            }
        }
        return null;
    }

    private static String mountKey(Node n) {
        if (n instanceof MapNode m) {
            String target = m.string("target");
            return target != null ? target : m.string("source");
        }
        return scalarKey(n);
    }

    private static String deviceKey(Node n) {
        if (n instanceof MapNode m) {
            String target = m.string("target");
            return target != null ? target : m.string("source");
        }
        if (n instanceof ScalarNode s) {
            String[] parts = s.value().split(":");
            return parts.length > 1 ? parts[1] : parts[0];
        }
        return null;
    }

    /** {@code services.web.environment} → {@code services.*.environment}: names of resources become {@code *}. */
    static String shape(List<String> path) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < path.size(); i++) {
            String seg = path.get(i);
            boolean wildcard = i > 0 && switch (path.get(i - 1)) {
                case "services", "networks", "volumes", "secrets", "configs", "ulimits", "models" ->
                        i == 1 || (i >= 3 && "services".equals(path.get(0)) && (path.get(i - 1).equals("networks")
                                || path.get(i - 1).equals("ulimits")) && i == 3);
                default -> false;
            };
            if (i > 0) {
                out.append('.');
            }
            out.append(wildcard ? "*" : seg);
        }
        return out.toString();
    }
}
