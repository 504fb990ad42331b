package dev.drydock.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Gradle's default version catalog, {@code gradle/libs.versions.toml} of the root project, as the build files see it
 * through the {@code libs} accessors: {@code libs.ktor.server.netty} for the library alias {@code ktor-server-netty},
 * {@code libs.bundles.ktor} for a bundle, {@code libs.plugins.quarkus} for a plugin. Gradle turns the {@code -},
 * {@code _} and {@code .} of an alias into the dots of its accessor, so aliases are kept in that dotted form.
 */
public final class VersionCatalog {

    /** The path of the default catalog below the root project's folder. */
    public static final String PATH = "gradle/libs.versions.toml";

    /** A library of the catalog; {@code version} is null when the catalog gives none (a platform manages it). */
    public record Library(String group, String name, String version) {}

    /** A plugin of the catalog; {@code version} is null when the catalog gives none. */
    public record Plugin(String id, String version) {}

    private static final VersionCatalog EMPTY = new VersionCatalog(Map.of(), Map.of(), Map.of());

    private final Map<String, Library> libraries;
    private final Map<String, List<Library>> bundles;
    private final Map<String, Plugin> plugins;

    private VersionCatalog(Map<String, Library> libraries, Map<String, List<Library>> bundles,
            Map<String, Plugin> plugins) {
        this.libraries = Map.copyOf(libraries);
        this.bundles = Map.copyOf(bundles);
        this.plugins = Map.copyOf(plugins);
    }

    /** A catalog that declares nothing: the build files reference no {@code libs} entry drydock can resolve. */
    public static VersionCatalog empty() {
        return EMPTY;
    }

    /** Reads a catalog file; an unreadable one declares nothing, since it only helps to read the build files. */
    public static VersionCatalog parse(SourceFile file) {
        JsonNode root;
        try {
            root = Toml.read(file);
        } catch (SourceException e) {
            return EMPTY;
        }
        JsonNode versions = root.path("versions");
        Map<String, Library> libraries = new HashMap<>();
        root.path("libraries").fields().forEachRemaining(e -> library(e.getValue(), versions)
                .ifPresent(l -> libraries.put(accessor(e.getKey()), l)));
        Map<String, List<Library>> bundles = new HashMap<>();
        root.path("bundles").fields().forEachRemaining(e -> {
            List<Library> members = new ArrayList<>();
            e.getValue().forEach(alias -> {
                Library l = libraries.get(accessor(alias.asText()));
                if (l != null) {
                    members.add(l);
                }
            });
            bundles.put(accessor(e.getKey()), List.copyOf(members));
        });
        Map<String, Plugin> plugins = new HashMap<>();
        root.path("plugins").fields().forEachRemaining(e -> plugin(e.getValue(), versions)
                .ifPresent(p -> plugins.put(accessor(e.getKey()), p)));
        return new VersionCatalog(libraries, bundles, plugins);
    }

    /** The library behind {@code libs.<accessor>}, e.g. {@code ktor.server.netty}. */
    public Optional<Library> library(String accessor) {
        return Optional.ofNullable(libraries.get(accessor));
    }

    /** The libraries of {@code libs.bundles.<accessor>}. */
    public List<Library> bundle(String accessor) {
        return bundles.getOrDefault(accessor, List.of());
    }

    /** The plugin behind {@code libs.plugins.<accessor>}. */
    public Optional<Plugin> plugin(String accessor) {
        return Optional.ofNullable(plugins.get(accessor));
    }

    private static String accessor(String alias) {
        return alias.replace('-', '.').replace('_', '.').toLowerCase(Locale.ROOT);
    }

    /** {@code "g:a:v"}, or a table with {@code module = "g:a"} or {@code group} and {@code name}, and a version. */
    private static Optional<Library> library(JsonNode node, JsonNode versions) {
        if (node.isTextual()) {
            String[] parts = node.asText().split(":");
            return parts.length < 2 ? Optional.empty()
                    : Optional.of(new Library(parts[0], parts[1], parts.length > 2 ? parts[2] : null));
        }
        String group = Toml.text(node.get("group"));
        String name = Toml.text(node.get("name"));
        String module = Toml.text(node.get("module"));
        if (module != null && module.contains(":")) {
            group = module.substring(0, module.indexOf(':'));
            name = module.substring(module.indexOf(':') + 1);
        }
        return group == null || name == null ? Optional.empty()
                : Optional.of(new Library(group, name, version(node.get("version"), versions)));
    }

    /** {@code "id:version"}, or a table with {@code id} and a version. */
    private static Optional<Plugin> plugin(JsonNode node, JsonNode versions) {
        if (node.isTextual()) {
            String text = node.asText();
            int colon = text.indexOf(':');
            return Optional.of(colon < 0 ? new Plugin(text, null)
                    : new Plugin(text.substring(0, colon), text.substring(colon + 1)));
        }
        String id = Toml.text(node.get("id"));
        return id == null ? Optional.empty() : Optional.of(new Plugin(id, version(node.get("version"), versions)));
    }

    /** A version string, a {@code ref} into {@code [versions]}, or a rich version's {@code strictly}/{@code require}. */
    private static String version(JsonNode version, JsonNode versions) {
        if (version == null || version.isNull()) {
            return null;
        }
        if (version.isTextual()) {
            return version.asText();
        }
        String ref = Toml.text(version.get("ref"));
        if (ref != null) {
            return version(versions.get(ref), versions);
        }
        for (String key : List.of("strictly", "require", "prefer")) {
            String v = Toml.text(version.get(key));
            if (v != null) {
                return v;
            }
        }
        return null;
    }
}
