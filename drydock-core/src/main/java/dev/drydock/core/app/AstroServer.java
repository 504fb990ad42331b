package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The server Astro's Node adapter ({@code @astrojs/node}) builds in standalone mode, as the project's astro.config
 * describes it. {@code astro build} hands the configuration's server.host and server.port to the adapter; at start
 * the server listens on HOST when it is set and not empty, else on server.host ({@code false}, the default, is
 * localhost; {@code true} every interface), and on PORT when it is set, else on server.port (4321 by default).
 *
 * <p>The server start is the configuration's {@code port} entry, else its {@code server} entry, else the adapter's;
 * its host is the {@code host} value as written (null when the configuration leaves it to the default), and a
 * {@code server} that is not an object literal (a function, a variable) gives a host and a port that cannot be told.
 */
final class AstroServer {

    static final String NAME = "Astro's standalone server (@astrojs/node)";
    static final int DEFAULT_PORT = 4321;
    static final String PORT_VARIABLE = "PORT";

    private static final List<String> CONFIGS = List.of("astro.config.mjs", "astro.config.ts", "astro.config.js",
            "astro.config.mts", "astro.config.cjs", "astro.config.cts");
    private static final Pattern MIDDLEWARE_MODE = Pattern.compile("mode\\s*:\\s*['\"`]middleware['\"`]");

    private AstroServer() {}

    /** The server the configuration in {@code dir} describes; empty without a configuration that uses the Node adapter. */
    static Optional<ServerCall> of(SourceSet files, String dir) {
        for (String name : CONFIGS) {
            Optional<SourceFile> config = files.read(PathNames.join(dir, name));
            if (config.isPresent()) {
                return read(config.get());
            }
        }
        return Optional.empty();
    }

    private static Optional<ServerCall> read(SourceFile file) {
        String text = file.text();
        if (!text.contains("@astrojs/node") || MIDDLEWARE_MODE.matcher(text).find()) {
            return Optional.empty(); // another adapter, or the handler mounted in the application's own server
        }
        List<Tok> toks = Tok.tokenize(text, true);
        int open = JsObjectLiteral.configObject(toks, "defineConfig");
        if (open < 0) {
            return Optional.empty();
        }
        Map<String, List<Tok>> config = JsObjectLiteral.entries(toks, open);
        List<Tok> adapter = config.get("adapter");
        List<Tok> server = config.get("server");
        if (server == null && config.containsKey(JsObjectLiteral.SPREAD)) {
            server = config.get(JsObjectLiteral.SPREAD); // an object spread in may hold the server settings
        }
        if (server == null) {
            Tok at = adapter == null ? toks.get(open) : adapter.get(0);
            return Optional.of(call(file, at, adapter == null ? "defineConfig" : "adapter: " + written(file, adapter),
                    null, DEFAULT_PORT, null));
        }
        if (!server.get(0).is("{")) {
            String written = written(file, server);
            return Optional.of(call(file, server.get(0), "server: " + written, written, null, written));
        }
        Map<String, List<Tok>> settings = JsObjectLiteral.entries(server, 0);
        List<Tok> host = settings.containsKey("host") ? settings.get("host") : settings.get(JsObjectLiteral.SPREAD);
        List<Tok> port = settings.containsKey("port") ? settings.get("port") : settings.get(JsObjectLiteral.SPREAD);
        String hostText = host == null ? null : written(file, host);
        if (port == null) {
            return Optional.of(call(file, host == null ? server.get(0) : host.get(0),
                    host == null ? "server: " + written(file, server) : "host: " + hostText, hostText, DEFAULT_PORT,
                    null));
        }
        String portText = written(file, port);
        return Optional.of(call(file, port.get(0), "port: " + portText, hostText,
                port.get(0).is("...") ? null : Values.port(port, Map.of(), true), portText));
    }

    /** The tokens as the file writes them, runs of white space made one space. */
    private static String written(SourceFile file, List<Tok> toks) {
        Tok last = toks.get(toks.size() - 1);
        return file.text().substring(toks.get(0).offset(), last.offset() + last.text().length()).replaceAll("\\s+", " ");
    }

    private static ServerCall call(SourceFile file, Tok at, String written, String host, Integer port, String portText) {
        int line = file.position(at.offset()).line();
        return new ServerCall(NAME, written, false, false, file.path(), line, host, port, portText, PORT_VARIABLE, null);
    }
}
