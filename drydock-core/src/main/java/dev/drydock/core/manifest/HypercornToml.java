package dev.drydock.core.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a hypercorn TOML configuration file ({@code hypercorn -c hypercorn.toml}) sets. Hypercorn gives its
 * Config every top-level key of the file; {@code bind} and {@code insecure_bind} take a string or a list of strings.
 *
 * @param file the file's path relative to the project root
 * @param bind the {@code bind} addresses; null when the key is absent (hypercorn's default, 127.0.0.1:8000) or is not
 *     a string or a list of strings
 * @param bindWritten whether the file has a {@code bind} key at all
 * @param bindSpan the {@code bind} entry, or null
 * @param insecureBind the {@code insecure_bind} addresses, which hypercorn opens only when TLS is on; empty when unset,
 *     null when not a string or a list of strings
 * @param certfile {@code certfile}, or null
 * @param keyfile {@code keyfile}, or null
 */
public record HypercornToml(String file, List<String> bind, boolean bindWritten, Span bindSpan,
        List<String> insecureBind, String certfile, String keyfile) {

    /** {@link #read} once per file, however many readers ask; empty when it is not valid TOML. */
    public static Optional<HypercornToml> of(SourceFile file) {
        return Optional.ofNullable(file.syntax(HypercornToml.class, HypercornToml::read));
    }

    /** The addresses of a hypercorn TOML file, or null when it is not valid TOML. */
    public static HypercornToml read(SourceFile file) {
        JsonNode root;
        try {
            root = Toml.read(file);
        } catch (SourceException e) {
            return null;
        }
        JsonNode bind = root.get("bind");
        JsonNode insecure = root.get("insecure_bind");
        Span span = bind == null ? null : TomlPositions.scan(file).entry("bind").orElse(null);
        return new HypercornToml(file.path(), strings(bind), bind != null, span,
                insecure == null ? List.of() : strings(insecure), Toml.text(root.get("certfile")),
                Toml.text(root.get("keyfile")));
    }

    /** A string as a list of one, or a list of strings; null for anything else or nothing. */
    private static List<String> strings(JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isTextual()) {
            return List.of(node.asText());
        }
        if (!node.isArray()) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual()) {
                return null;
            }
            out.add(item.asText());
        }
        return out;
    }
}
