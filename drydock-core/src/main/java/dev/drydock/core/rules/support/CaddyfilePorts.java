package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.ProxyPorts.Bind;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where Caddy listens, from the Caddyfile its {@code caddy run --config} reads (the official image's CMD reads
 * /etc/caddy/Caddyfile, whose stock site is {@code :80}), or from {@code caddy file-server --listen}. A site address
 * with a port listens there ({@code :8080}, {@code example.com:8443}); {@code http://} alone on the HTTP port (80, or
 * the global http_port); a hostname with no port is served with automatic HTTPS on 443, with HTTP redirects on 80.
 * Empty for a JSON configuration, an import, or a {@code {$VAR}} placeholder whose value is not known (its default is
 * used when nothing may set the variable).
 */
final class CaddyfilePorts {

    static final String STOCK_PATH = "/etc/caddy/Caddyfile";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\$([A-Za-z_][A-Za-z0-9_]*)(?::([^}]*))?}");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?:(https?)://)?(\\[[0-9a-fA-F:.]+]|[A-Za-z0-9*._-]*)(?::(\\d{1,5}))?(/\\S*)?");

    private CaddyfilePorts() {}

    static Optional<ProxyPorts> of(ReviewContext context, Container c, List<String> args) {
        if (args.isEmpty()) {
            return Optional.empty();
        }
        if (args.get(0).equals("file-server")) {
            String listen = ProxyPorts.option(args, "--listen", "-l");
            if (ProxyPorts.option(args, "--domain", "-d") != null) {
                return Optional.empty();
            }
            Matcher m = ADDRESS.matcher(listen == null ? ":80" : listen);
            if (!m.matches() || m.group(3) == null) {
                return Optional.empty();
            }
            String host = m.group(2).isEmpty() ? null : m.group(2);
            return Optional.of(new ProxyPorts(ProxyPorts.CADDY, List.of(new Bind(Integer.parseInt(m.group(3)), host,
                    null, 0, listen == null ? "caddy file-server" : "--listen " + listen))));
        }
        if (!args.get(0).equals("run")) {
            return Optional.empty();
        }
        String config = ProxyPorts.option(args, "--config", "-c");
        String adapter = ProxyPorts.option(args, "--adapter", "-a");
        if (config == null || !config.startsWith("/") || adapter == null && !PathNames.fileName(config).startsWith("Caddyfile")
                || adapter != null && !adapter.equals("caddyfile") || ProxyPorts.editedByRun(c, config)) {
            return Optional.empty();
        }
        String folder = config.substring(0, config.lastIndexOf('/') + 1);
        ConfigFiles.Found found = ConfigFiles.of(context, c.service(), c, folder, config::equals).orElse(null);
        if (found == null) {
            return Optional.empty();
        }
        SourceFile file = found.files().get(config);
        if (file == null) {
            boolean stock = config.equals(STOCK_PATH) && !found.hides(config)
                    && BaseImageFacts.defaultCommand(Stages.rootBase(c.build().model(), c.build().stage()))
                            .filter("caddy"::equals).isPresent();
            return stock ? Optional.of(new ProxyPorts(ProxyPorts.CADDY, List.of(new Bind(80, null, null, 0, ":80"))))
                    : Optional.empty();
        }
        return read(c, file);
    }

    private static Optional<ProxyPorts> read(Container c, SourceFile file) {
        List<Bind> binds = ProxyPorts.newList();
        int httpPort = 80;
        int httpsPort = 443;
        boolean autoHttps = true;
        int depth = 0;
        boolean braces = false;
        for (int i = 1; i <= file.lineCount(); i++) {
            String line = file.line(i).replaceAll("(^|\\s)#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            if (depth == 0) {
                if (line.equals("{")) { // the global options
                    int end = globalOptionsEnd(file, i);
                    for (int j = i + 1; j < end; j++) {
                        String[] words = file.line(j).strip().split("\\s+");
                        if (words.length >= 2 && words[0].equals("http_port") && words[1].matches("\\d{1,5}")) {
                            httpPort = Integer.parseInt(words[1]);
                        } else if (words.length >= 2 && words[0].equals("https_port") && words[1].matches("\\d{1,5}")) {
                            httpsPort = Integer.parseInt(words[1]);
                        } else if (words.length >= 2 && words[0].equals("auto_https") && !words[1].equals("ignore_loaded_certs")) {
                            autoHttps = false;
                        } else if (words[0].startsWith("http_port") || words[0].startsWith("https_port")
                                || words[0].equals("import")) {
                            return Optional.empty();
                        }
                    }
                    i = end;
                    continue;
                }
                if (line.startsWith("(") || line.startsWith("import")) {
                    if (line.startsWith("import")) {
                        return Optional.empty(); // sites may come from elsewhere
                    }
                } else {
                    String addresses = line.endsWith("{") ? line.substring(0, line.length() - 1).strip() : line;
                    if (!line.endsWith("{") && braces) {
                        return Optional.empty();
                    }
                    for (String address : addresses.split("[,\\s]+")) {
                        Bind bind = site(c, address, file, i, httpPort, httpsPort, autoHttps, binds);
                        if (bind == null) {
                            return Optional.empty();
                        }
                    }
                    if (!line.endsWith("{")) {
                        break; // a single site without braces: the rest are its directives
                    }
                }
            }
            for (char ch : line.toCharArray()) {
                if (ch == '{') {
                    depth++;
                    braces = true;
                } else if (ch == '}') {
                    depth--;
                }
            }
            if (depth > 0 && line.matches("bind\\s+.*")) {
                return Optional.empty(); // a bind directive chooses the interfaces: not followed
            }
        }
        return Optional.of(new ProxyPorts(ProxyPorts.CADDY, List.copyOf(binds)));
    }

    /** Adds the ports of one site address; null when it cannot be told. */
    private static Bind site(Container c, String written, SourceFile file, int line, int httpPort, int httpsPort,
            boolean autoHttps, List<Bind> binds) {
        String address = written;
        Matcher placeholder = PLACEHOLDER.matcher(address);
        StringBuilder expanded = new StringBuilder();
        while (placeholder.find()) {
            String value = ProxyPorts.composeValue(c, placeholder.group(1));
            if (value == null && (placeholder.group(2) == null || ProxyPorts.environmentMaySet(c, placeholder.group(1)))) {
                return null;
            }
            placeholder.appendReplacement(expanded, Matcher.quoteReplacement(value != null ? value : placeholder.group(2)));
        }
        placeholder.appendTail(expanded);
        address = expanded.toString();
        if (address.contains("{")) {
            return null;
        }
        Matcher m = ADDRESS.matcher(address);
        if (!m.matches()) {
            return null;
        }
        String scheme = m.group(1);
        String host = m.group(2);
        Bind bind;
        if (m.group(3) != null) {
            bind = new Bind(Integer.parseInt(m.group(3)), null, file.path(), line, written);
        } else if ("http".equals(scheme)) {
            bind = new Bind(httpPort, null, file.path(), line, written);
        } else if (host.isEmpty()) {
            return null;
        } else {
            bind = new Bind(httpsPort, null, file.path(), line, written);
            ProxyPorts.add(binds, bind);
            if (autoHttps) { // the redirects to HTTPS
                ProxyPorts.add(binds, new Bind(httpPort, null, file.path(), line, written));
            }
            return bind;
        }
        ProxyPorts.add(binds, bind);
        return bind;
    }

    /** The line of the brace that closes the global options block opened at {@code start}. */
    private static int globalOptionsEnd(SourceFile file, int start) {
        int depth = 0;
        for (int i = start; i <= file.lineCount(); i++) {
            String line = file.line(i).replaceAll("(^|\\s)#.*$", "");
            depth += line.chars().filter(ch -> ch == '{').count() - line.chars().filter(ch -> ch == '}').count();
            if (depth == 0) {
                return i;
            }
        }
        return file.lineCount();
    }
}
