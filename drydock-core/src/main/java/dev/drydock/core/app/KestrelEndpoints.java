package dev.drydock.core.app;

import dev.drydock.core.manifest.JsonTree;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Kestrel's endpoints as the appsettings files write them ({@code "Kestrel": {"Endpoints": {"Http": {"Url":
 * "http://0.0.0.0:5000"}}}}), which replace the addresses ASPNETCORE_URLS and ASPNETCORE_HTTP_PORTS give. The files
 * are read in the order the host layers them: an endpoint of a later file replaces the one of the same name, and
 * configuration keys match whatever their case.
 */
final class KestrelEndpoints {

    /** What the settings files choose: their endpoints, or none (the environment decides), or what drydock cannot tell. */
    sealed interface Choice permits Endpoints, NoAddresses, Untold {}

    /** The endpoints the files set, one server start each, its port told. */
    record Endpoints(List<ServerCall> starts) implements Choice {}

    /** The files set neither endpoints nor urls nor http_ports: the variables of the container decide. */
    record NoAddresses() implements Choice {}

    /** A file drydock cannot read, an endpoint whose URL is no literal, or a urls or http_ports setting. */
    record Untold() implements Choice {}

    private record Endpoint(String file, int line, String written, String url) {}

    private KestrelEndpoints() {}

    /**
     * What the settings files (in the host's order) choose; {@code address} reads one literal URL as a server start
     * whose port is told, or null when it is none.
     */
    static Choice of(SourceSet files, List<String> settings, AddressReader address) {
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        for (String path : settings) {
            SourceFile file = files.read(path).orElse(null);
            if (file == null) {
                continue;
            }
            JsonTree.Obj root;
            try {
                if (!(JsonTree.parseWithComments(file) instanceof JsonTree.Obj obj)) {
                    return new Untold();
                }
                root = obj;
            } catch (SourceException e) {
                return new Untold();
            }
            if (member(root, "urls") != null || member(root, "http_ports") != null) {
                return new Untold();
            }
            JsonTree.Obj listed = object(object(root, "Kestrel"), "Endpoints");
            if (listed == null) {
                continue;
            }
            for (JsonTree.Member m : listed.members().values()) {
                JsonTree.Member url = m.value() instanceof JsonTree.Obj endpoint ? member(endpoint, "Url") : null;
                if (url == null || !(url.value() instanceof JsonTree.Scalar s) || !s.isString()) {
                    return new Untold();
                }
                endpoints.put(m.key().toLowerCase(Locale.ROOT), new Endpoint(path, url.keySpan().startLine(),
                        "Kestrel:Endpoints:" + m.key() + ":Url", s.text().strip()));
            }
        }
        if (endpoints.isEmpty()) {
            return new NoAddresses();
        }
        List<ServerCall> starts = new ArrayList<>();
        for (Endpoint e : endpoints.values()) {
            ServerCall start = address.read(e.written() + " = " + e.url(), e.file(), e.line(), e.url());
            if (start == null) {
                return new Untold();
            }
            starts.add(start);
        }
        return new Endpoints(starts);
    }

    /** Reads one literal URL as a server start, or null when it is none. */
    @FunctionalInterface
    interface AddressReader {
        ServerCall read(String written, String file, int line, String url);
    }

    private static JsonTree.Member member(JsonTree.Obj obj, String key) {
        if (obj == null) {
            return null;
        }
        for (JsonTree.Member m : obj.members().values()) {
            if (m.key().equalsIgnoreCase(key)) {
                return m;
            }
        }
        return null;
    }

    private static JsonTree.Obj object(JsonTree.Obj obj, String key) {
        JsonTree.Member m = member(obj, key);
        return m != null && m.value() instanceof JsonTree.Obj o ? o : null;
    }
}
