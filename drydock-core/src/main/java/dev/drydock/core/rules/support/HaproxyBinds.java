package dev.drydock.core.rules.support;

import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.ProxyPorts.Bind;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where HAProxy listens: the {@code bind} lines of the frontend and listen sections of the one configuration file its
 * {@code -f} names (the official image's CMD reads /usr/local/etc/haproxy/haproxy.cfg, which the image does not ship).
 * An address is {@code [host]:port}: {@code *:80}, {@code :80}, {@code :::80} and {@code [::]:80} on every interface,
 * {@code 127.0.0.1:8404} on the loopback one. Unix sockets and file descriptors are left out. Empty for a folder or
 * several files, an environment variable in an address, a port range, or a file that cannot be read.
 */
final class HaproxyBinds {

    static final String STOCK_PATH = "/usr/local/etc/haproxy/haproxy.cfg";
    private static final Set<String> LISTENING = Set.of("frontend", "listen");
    private static final Set<String> SECTIONS = Set.of("global", "defaults", "frontend", "listen", "backend", "peers",
            "resolvers", "userlist", "program", "http-errors", "ring", "cache", "mailers", "crt-store", "traces");
    private static final Pattern ADDRESS = Pattern.compile("(?:ipv4@|ipv6@|tcp@|tcp4@|tcp6@)?(\\[[0-9a-fA-F:.]*]|[^,]*?):(\\d{1,5})");

    private HaproxyBinds() {}

    static Optional<ProxyPorts> of(ReviewContext context, Container c, List<String> args) {
        List<String> files = args.stream().filter(a -> !a.isEmpty()).toList();
        String config = null;
        for (int i = 0; i < files.size(); i++) {
            if (files.get(i).equals("-f") && i + 1 < files.size()) {
                if (config != null) {
                    return Optional.empty();
                }
                config = files.get(++i);
            }
        }
        if (config == null || !config.startsWith("/") || config.endsWith("/") || ProxyPorts.editedByRun(c, config)) {
            return Optional.empty();
        }
        String path = config;
        String folder = config.substring(0, config.lastIndexOf('/') + 1);
        SourceFile file = ConfigFiles.of(context, c.service(), c, folder, path::equals)
                .map(found -> found.files().get(path)).orElse(null);
        return file == null ? Optional.empty() : read(file);
    }

    private static Optional<ProxyPorts> read(SourceFile file) {
        List<Bind> binds = ProxyPorts.newList();
        String section = null;
        for (int i = 1; i <= file.lineCount(); i++) {
            String raw = file.line(i);
            String line = raw.replaceAll("(^|\\s)#.*$", "").strip();
            if (line.isEmpty()) {
                continue;
            }
            String[] words = line.split("\\s+");
            if (SECTIONS.contains(words[0])) {
                section = words[0];
                continue;
            }
            if (!LISTENING.contains(section) || !words[0].equals("bind") || words.length < 2) {
                continue;
            }
            for (String address : words[1].split(",")) {
                if (address.startsWith("/") || address.startsWith("unix@") || address.startsWith("abns@")
                        || address.startsWith("fd@") || address.startsWith("sockpair@") || address.startsWith("quic")
                        || address.startsWith("udp")) {
                    continue;
                }
                Matcher m = ADDRESS.matcher(address);
                if (address.contains("$") || !m.matches()) {
                    return Optional.empty();
                }
                String host = m.group(1).replaceAll("^\\[|]$", "");
                boolean any = host.isEmpty() || host.equals("*") || host.equals("0.0.0.0") || host.equals("::")
                        || host.equals(":");
                ProxyPorts.add(binds, new Bind(Integer.parseInt(m.group(2)), any ? null : host, file.path(), i,
                        "bind " + address));
            }
        }
        return Optional.of(new ProxyPorts(ProxyPorts.HAPROXY, List.copyOf(binds)));
    }
}
