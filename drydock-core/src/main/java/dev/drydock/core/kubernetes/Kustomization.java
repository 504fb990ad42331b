package dev.drydock.core.kubernetes;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * A kustomization file, as far as drydock reads it.
 *
 * @param dir its folder, relative to the project root
 * @param resources its resources and bases, resolved against its folder (a manifest, or the folder of another
 *     kustomization)
 * @param namePrefix namePrefix, or ""
 * @param nameSuffix nameSuffix, or ""
 * @param images its images transformer entries, in order
 * @param patches its patches, in the order kustomize applies them
 */
public record Kustomization(String dir, List<String> resources, String namePrefix, String nameSuffix,
        List<KustomizeImage> images, List<Patch> patches) {

    /** The names kustomize reads a kustomization from. */
    public static final Set<String> FILE_NAMES = Set.of("kustomization.yaml", "kustomization.yml", "Kustomization");

    private static final LoadSettings SETTINGS = LoadSettings.builder().setMaxAliasesForCollections(50).build();

    public Kustomization {
        resources = List.copyOf(resources);
        images = List.copyOf(images);
        patches = List.copyOf(patches);
    }

    /**
     * A patch of the kustomization: from {@code patchesStrategicMerge}, {@code patches} or {@code patchesJson6902}.
     *
     * @param json6902 whether it comes from patchesJson6902, which kustomize applies after namePrefix and nameSuffix
     *     (the others before)
     * @param text the patch written inline, or null
     * @param path the patch file, resolved against the kustomization's folder, or null (neither: unreadable)
     * @param target its target selector, or null
     * @param kustomization the kustomization file that lists it
     */
    public record Patch(boolean json6902, String text, String path, Map<?, ?> target, String kustomization) {}

    /** The kustomization written in {@code text}, the file at {@code path}; empty when it is not one drydock reads. */
    public static Optional<Kustomization> read(String path, String text) {
        try {
            if (!(new Load(SETTINGS).loadFromString(text) instanceof Map<?, ?> map)) {
                return Optional.empty();
            }
            String dir = PathNames.parent(path);
            List<String> resources = new ArrayList<>();
            for (String resource : strings(map.get("resources"), map.get("bases"))) {
                resources.add(resolve(dir, resource));
            }
            List<KustomizeImage> images = new ArrayList<>();
            if (map.get("images") instanceof List<?> list) {
                list.stream().filter(i -> i instanceof Map<?, ?>).map(i -> KustomizeImage.of((Map<?, ?>) i))
                        .filter(i -> i != null).forEach(images::add);
            }
            List<Patch> patches = new ArrayList<>();
            for (String item : strings(map.get("patchesStrategicMerge"))) {
                patches.add(item.contains("\n") ? new Patch(false, item, null, null, path)
                        : new Patch(false, null, resolve(dir, item), null, path));
            }
            patches(map.get("patches"), false, path, patches);
            patches(map.get("patchesJson6902"), true, path, patches);
            return Optional.of(new Kustomization(dir, resources, string(map.get("namePrefix")),
                    string(map.get("nameSuffix")), images, patches));
        } catch (RuntimeException e) {
            return Optional.empty(); // not YAML drydock can read
        }
    }

    /** The names kustomize gives an object named {@code name} of the resources: prefix and suffix added. */
    public String rename(String name) {
        return name == null ? null : namePrefix + name + nameSuffix;
    }

    private static void patches(Object value, boolean json6902, String kustomization, List<Patch> into) {
        String dir = PathNames.parent(kustomization);
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> m) {
                    Map<?, ?> target = m.get("target") instanceof Map<?, ?> t ? t : null;
                    into.add(new Patch(json6902, m.get("patch") instanceof String text ? text : null,
                            m.get("path") instanceof String file ? resolve(dir, file) : null, target, kustomization));
                }
            }
        }
    }

    /** The path relative to the project root, or "" when it climbs out of it. */
    static String resolve(String dir, String relative) {
        String joined = PathNames.normalizeRelative(dir.isEmpty() ? relative : dir + "/" + relative);
        return joined == null ? "" : joined;
    }

    private static String string(Object value) {
        return value instanceof String s ? s.strip() : "";
    }

    private static List<String> strings(Object... values) {
        List<String> out = new ArrayList<>();
        for (Object value : values) {
            if (value instanceof List<?> list) {
                list.stream().filter(o -> o instanceof String).map(o -> (String) o).forEach(out::add);
            }
        }
        return out;
    }
}
