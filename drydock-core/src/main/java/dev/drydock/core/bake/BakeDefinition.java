package dev.drydock.core.bake;

import dev.drydock.core.bake.HclExpression.Entry;
import dev.drydock.core.bake.HclExpression.ObjectOf;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The Bake files of one folder merged as {@code docker buildx bake} merges them (later files override earlier ones
 * attribute by attribute, and map attributes such as {@code args} key by key), with each target's {@code inherits}
 * applied.
 */
public final class BakeDefinition {

    /** Attributes whose maps merge key by key across files and inheritance. */
    private static final Set<String> MAPS = Set.of("args", "labels", "contexts", "annotations");

    /** One parsed file. */
    public record File(String path, HclBody body) {}

    private record Declared(String file, Span span, Map<String, HclBody.Attribute> attributes) {}

    private final Map<String, HclExpression> defaults = new LinkedHashMap<>();
    private final Map<String, HclExpression> globals = new LinkedHashMap<>();
    private final Map<String, BakeValues.Function> functions = new LinkedHashMap<>();
    private final Map<String, Declared> targets = new LinkedHashMap<>();
    private final Map<String, List<String>> groups = new LinkedHashMap<>();
    private final BakeValues values;

    /** @param files in the order Bake reads them: {@code docker-bake.hcl} before {@code docker-bake.override.hcl} */
    public BakeDefinition(List<File> files) {
        for (File file : files) {
            file.body().attributes().forEach(a -> globals.put(a.name(), a.value()));
            for (HclBody.Block block : file.body().blocks()) {
                if (block.labels().size() != 1) {
                    continue;
                }
                String name = block.labels().get(0);
                switch (block.type()) {
                    case "variable" -> defaults.put(name, block.body().attribute("default")
                            .map(HclBody.Attribute::value).orElse(null));
                    case "target" -> targets.merge(name,
                            new Declared(file.path(), block.span(), attributes(block.body())), BakeDefinition::over);
                    case "function" -> function(block.body()).ifPresent(f -> functions.put(name, f));
                    default -> { }
                }
            }
        }
        Map<String, HclExpression> named = new LinkedHashMap<>(defaults);
        named.putAll(globals);
        values = new BakeValues(named, defaults.keySet(), functions);
        for (File file : files) {
            for (HclBody.Block block : file.body().blocks()) {
                if (block.type().equals("group") && block.labels().size() == 1) {
                    groups.put(block.labels().get(0), strings(block.body().attribute("targets").orElse(null)));
                }
            }
        }
    }

    public BakeValues values() {
        return values;
    }

    /**
     * The targets the project builds: those the groups name, those no other target inherits from (a target only
     * inherited from, such as the {@code docker-metadata-action} target of docker/metadata-action, is a set of shared
     * attributes, not an image), and those a built target reads as a {@code target:} build context.
     */
    public List<BakeTarget> built() {
        Set<String> inherited = new HashSet<>();
        targets.values().forEach(t -> inherited.addAll(strings(t.attributes().get("inherits"))));
        Set<String> names = new LinkedHashSet<>();
        groups.values().forEach(list -> list.forEach(n -> expand(n, names, new HashSet<>())));
        targets.keySet().stream().filter(n -> !inherited.contains(n)).forEach(names::add);
        return withContextTargets(names);
    }

    /**
     * The targets {@code docker buildx bake NAME...} builds: each named target, the targets of each named group, and
     * those a built target reads as a {@code target:} build context; with no name, the {@code default} group or
     * target.
     */
    public List<BakeTarget> built(List<String> requested) {
        Set<String> names = new LinkedHashSet<>();
        (requested.isEmpty() ? List.of("default") : requested).forEach(n -> expand(n, names, new HashSet<>()));
        return withContextTargets(names);
    }

    private List<BakeTarget> withContextTargets(Set<String> names) {
        List<BakeTarget> out = new ArrayList<>();
        List<String> pending = new ArrayList<>(names);
        for (int i = 0; i < pending.size(); i++) {
            String name = pending.get(i);
            if (targets.containsKey(name)) {
                Declared declared = targets.get(name);
                BakeTarget target = new BakeTarget(name, declared.file(), declared.span(),
                        resolved(name, new HashSet<>()));
                out.add(target);
                contextTargets(target).stream().filter(names::add).forEach(pending::add);
            }
        }
        return out;
    }

    /** The targets a target's {@code contexts} name as {@code target:NAME}. */
    private List<String> contextTargets(BakeTarget target) {
        return target.attribute("contexts").flatMap(a -> values.value(a.value()))
                .filter(v -> v instanceof Map<?, ?>)
                .map(v -> ((Map<?, ?>) v).values().stream().filter(String.class::isInstance).map(String.class::cast)
                        .filter(c -> c.startsWith("target:")).map(c -> c.substring("target:".length())).toList())
                .orElse(List.of());
    }

    private static Optional<BakeValues.Function> function(HclBody body) {
        if (body.attribute("variadic_params").isPresent()
                || !(body.attribute("params").map(HclBody.Attribute::value).orElse(null)
                        instanceof HclExpression.ListOf params)
                || body.attribute("result").isEmpty()) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (HclExpression param : params.items()) {
            if (!(param instanceof HclExpression.Reference r) || r.path().size() != 1) {
                return Optional.empty();
            }
            names.add(r.path().get(0));
        }
        return Optional.of(new BakeValues.Function(names, body.attribute("result").get().value()));
    }

    private void expand(String name, Set<String> out, Set<String> seen) {
        if (!seen.add(name)) {
            return;
        }
        if (groups.containsKey(name) && !targets.containsKey(name)) {
            groups.get(name).forEach(n -> expand(n, out, seen));
        } else {
            out.add(name);
        }
    }

    /**
     * The names a target inherits from, directly or through its parents, including those no file of the folder
     * declares ({@code docker-metadata-action}, which docker/bake-action adds from metadata-action's own file in CI).
     */
    public Set<String> ancestors(String name) {
        Set<String> out = new LinkedHashSet<>();
        List<String> pending = new ArrayList<>(List.of(name));
        for (int i = 0; i < pending.size(); i++) {
            Declared declared = targets.get(pending.get(i));
            if (declared != null) {
                strings(declared.attributes().get("inherits")).stream().filter(out::add).forEach(pending::add);
            }
        }
        out.remove(name);
        return out;
    }

    /** A target's attributes with its parents' applied first, in the order {@code inherits} lists them. */
    private Map<String, HclBody.Attribute> resolved(String name, Set<String> seen) {
        Declared declared = targets.get(name);
        if (declared == null || !seen.add(name)) {
            return Map.of();
        }
        Map<String, HclBody.Attribute> merged = new LinkedHashMap<>();
        for (String parent : strings(declared.attributes().get("inherits"))) {
            resolved(parent, seen).forEach((key, attribute) -> merged.merge(key, attribute, BakeDefinition::overMap));
        }
        declared.attributes().forEach((key, attribute) -> merged.merge(key, attribute, BakeDefinition::overMap));
        merged.remove("inherits");
        return merged;
    }

    private List<String> strings(HclBody.Attribute attribute) {
        if (attribute == null) {
            return List.of();
        }
        return values.value(attribute.value()).filter(v -> v instanceof List<?>)
                .map(v -> ((List<?>) v).stream().filter(String.class::isInstance).map(String.class::cast).toList())
                .orElse(List.of());
    }

    private static Map<String, HclBody.Attribute> attributes(HclBody body) {
        Map<String, HclBody.Attribute> out = new LinkedHashMap<>();
        body.attributes().forEach(a -> out.put(a.name(), a));
        return out;
    }

    private static Declared over(Declared earlier, Declared later) {
        Map<String, HclBody.Attribute> merged = new LinkedHashMap<>(earlier.attributes());
        later.attributes().forEach((key, attribute) -> merged.merge(key, attribute, BakeDefinition::overMap));
        return new Declared(later.file(), later.span(), merged);
    }

    /** A later attribute over an earlier one: maps merged key by key, anything else replaced. */
    private static HclBody.Attribute overMap(HclBody.Attribute earlier, HclBody.Attribute later) {
        if (!MAPS.contains(later.name()) || !(earlier.value() instanceof ObjectOf before)
                || !(later.value() instanceof ObjectOf after)) {
            return later;
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        before.entries().forEach(e -> entries.put(e.key(), e));
        after.entries().forEach(e -> entries.put(e.key(), e));
        return new HclBody.Attribute(later.name(), new ObjectOf(List.copyOf(entries.values()), after.span()),
                later.span(), later.file());
    }
}
