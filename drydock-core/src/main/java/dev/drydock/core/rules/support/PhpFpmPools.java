package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The php-fpm pools of a container built on (or pulled as) the official php image's fpm variant, as its
 * {@code include=etc/php-fpm.d/*.conf} assembles them: the files of /usr/local/etc/php-fpm.d in name order (php-fpm
 * sorts the include's matches), later settings of a pool overriding earlier ones. The image holds docker.conf,
 * www.conf (the stock pool: {@code listen = 127.0.0.1:9000}) and zz-docker.conf, which sets {@code listen = 9000}
 * for [www] and so wins over a www.conf the project copies in; a project file that sorts after zz-docker.conf
 * (zzz-app.conf), replaces it, or names another pool decides that pool's address itself.
 *
 * @param pools each pool with its effective {@code listen} and {@code listen.allowed_clients}
 */
public record PhpFpmPools(List<Pool> pools) {

    /**
     * A setting's value and where the project writes it ({@code file} null for the image's own files);
     * {@code afterImage}: the project's file loads after the image's zz-docker.conf.
     */
    public record Value(String text, SourceFile file, int start, int end, boolean afterImage) {

        public Location location() {
            return file == null ? null : new Location(file.path(), file.span(start, end));
        }

        public String where() {
            return file == null ? "the php image's zz-docker.conf" : file.path() + ":" + file.position(start).line();
        }
    }

    /** A pool: its name, the address it listens on, the clients it accepts (null when not restricted). */
    public record Pool(String name, Value listen, Value allowedClients) {

        /** The TCP port of the listen address, or -1 for a socket or an address without one. */
        public int port() {
            String a = listen.text();
            if (a.startsWith("/")) {
                return -1;
            }
            String p = a.substring(a.lastIndexOf(':') + 1);
            return p.matches("\\d{1,5}") ? Integer.parseInt(p) : -1;
        }

        /** Whether the pool listens on a Unix socket. */
        public boolean socket() {
            return listen.text().startsWith("/");
        }

        /** Whether the pool listens on a loopback address only ({@code 127.0.0.1:9000}, {@code [::1]:9000}). */
        public boolean loopback() {
            String host = host(listen.text());
            return host != null && LoopbackHosts.isLoopback(host);
        }

        /** Whether {@code listen.allowed_clients} lets only loopback addresses in. */
        public boolean loopbackClientsOnly() {
            if (allowedClients == null || allowedClients.text().isBlank()) {
                return false;
            }
            for (String client : allowedClients.text().split(",")) {
                if (!LoopbackHosts.isLoopback(client.strip())) {
                    return false;
                }
            }
            return true;
        }
    }

    private static final String POOL_FOLDER = "/usr/local/etc/php-fpm.d/";
    private static final Pattern SECTION = Pattern.compile("^[ \\t]*\\[([^\\]]+)\\][ \\t]*$");
    private static final Pattern SETTING = Pattern.compile("^[ \\t]*(listen|listen\\.allowed_clients)[ \\t]*=[ \\t]*"
            + "\"?([^\";\\r\\n]*?)\"?[ \\t]*(?:;.*)?$");
    private static final Pattern PHP_FPM_IMAGE = Pattern.compile("(docker\\.io/)?(library/)?php:[^/]*fpm.*");

    /**
     * The TCP ports php-fpm listens on in the container, for the port checks: the pools' ports, each a FastCGI
     * listener. Empty when a pool listens on a Unix socket or an address drydock cannot read, or the pools are not known.
     */
    public Optional<List<Integer>> tcpPorts() {
        if (pools.isEmpty() || pools.stream().anyMatch(p -> p.port() < 0)) {
            return Optional.empty();
        }
        return Optional.of(pools.stream().map(Pool::port).distinct().toList());
    }

    /** Where the first pool's listen address is set, for messages. */
    public String because() {
        Pool first = pools.get(0);
        return "listen = " + first.listen().text() + " in " + first.listen().where() + ", a FastCGI port for a web"
                + " server such as nginx to pass PHP requests to, not HTTP";
    }

    /** The pools of the service's container when it runs the php image's php-fpm and its pool files are known. */
    public static Optional<PhpFpmPools> of(ReviewContext context, Service service, Container c) {
        return context.memo("php-fpm-pools", service != null ? service : c, () -> read(context, service, c));
    }

    private static Optional<PhpFpmPools> read(ReviewContext context, Service service, Container c) {
        if (!runsImagePhpFpm(service, c)) {
            return Optional.empty();
        }
        ConfigFiles.Found found = ConfigFiles.of(context, service, c, POOL_FOLDER).orElse(null);
        ConfigFiles.Found main = ConfigFiles.of(context, service, c, "/usr/local/etc/php-fpm.conf").orElse(null);
        if (found == null || main == null || !main.files().isEmpty()) {
            return Optional.empty(); // its own php-fpm.conf may include other files, or none
        }
        Map<String, SourceFile> byName = new TreeMap<>();
        if (!found.folderMounted()) {
            for (String stock : List.of("docker.conf", "www.conf", "zz-docker.conf")) {
                byName.put(stock, null);
            }
        }
        found.files().forEach((path, file) -> {
            if (path.indexOf('/', POOL_FOLDER.length()) < 0) { // php-fpm includes php-fpm.d/*.conf, not subfolders
                byName.put(path.substring(POOL_FOLDER.length()), file);
            }
        });
        Map<String, Value[]> pools = new LinkedHashMap<>();
        for (Map.Entry<String, SourceFile> e : byName.entrySet()) {
            if (e.getValue() == null) {
                stock(e.getKey(), pools);
            } else if (!read(e.getValue(), !found.folderMounted() && e.getKey().compareTo("zz-docker.conf") > 0, pools)) {
                return Optional.empty();
            }
        }
        List<Pool> out = new ArrayList<>();
        pools.forEach((name, values) -> {
            if (values[0] != null) {
                out.add(new Pool(name, values[0], values[1]));
            }
        });
        return Optional.of(new PhpFpmPools(List.copyOf(out)));
    }

    /** The pool listening on a TCP port, if any. */
    public Optional<Pool> onPort(int port) {
        return pools.stream().filter(p -> p.port() == port).findFirst();
    }

    /**
     * The pool the project makes local-only where a client in another container needs {@code port}: with no pool
     * listening on the port for all addresses, one the project sets to loopback on it, or to a Unix socket.
     */
    public Optional<Pool> localOnly(int port) {
        if (pools.stream().anyMatch(p -> p.port() == port && !p.loopback())) {
            return Optional.empty();
        }
        return pools.stream().filter(p -> p.listen().file() != null && (p.socket() || p.loopback() && p.port() == port))
                .findFirst();
    }

    /** Whether the container runs the php image's php-fpm with the image's own configuration file. */
    private static boolean runsImagePhpFpm(Service service, Container c) {
        if (c != null && c.build() != null && c.build().stage() != null) {
            if (!PhpFpm.onPhpImage(c) || ImageRole.program(c).filter("php-fpm"::equals).isEmpty()) {
                return false;
            }
            List<String> argv = c.command() == null || c.command().shellForm() ? List.of() : c.command().argv();
            boolean ownConfig = argv.stream().anyMatch(a -> a.equals("-y") || a.startsWith("--fpm-config"));
            boolean edits = c.build().stage().steps().stream().map(s -> s.instruction().rawText())
                    .anyMatch(t -> t.startsWith("RUN") && t.contains("php-fpm"));
            return !ownConfig && !edits;
        }
        String image = service.imageRef().map(Located::value).orElse("");
        return service.build() == null && service.command() == null && service.entrypoint() == null
                && PHP_FPM_IMAGE.matcher(image).matches();
    }

    /** What the image's own pool files set: the stock www.conf listens on loopback, zz-docker.conf on port 9000. */
    private static void stock(String name, Map<String, Value[]> pools) {
        if (name.equals("www.conf")) {
            pools.computeIfAbsent("www", k -> new Value[2])[0] = new Value("127.0.0.1:9000", null, 0, 0, false);
        } else if (name.equals("zz-docker.conf")) {
            pools.computeIfAbsent("www", k -> new Value[2])[0] = new Value("9000", null, 0, 0, false);
        }
    }

    /** Reads a project pool file into the pools; false when a value is not literal (an environment variable). */
    private static boolean read(SourceFile file, boolean afterImage, Map<String, Value[]> pools) {
        String pool = null;
        for (int line = 1; line <= file.lineCount(); line++) {
            String text = file.line(line);
            Matcher section = SECTION.matcher(text);
            if (section.matches()) {
                pool = section.group(1).strip();
                continue;
            }
            Matcher m = SETTING.matcher(text);
            if (!m.matches() || pool == null || pool.equals("global")) {
                continue;
            }
            if (m.group(2).contains("$")) {
                return false;
            }
            int start = file.lineStart(line) + m.start(2);
            Value value = new Value(m.group(2).strip(), file, start, start + m.group(2).length(), afterImage);
            pools.computeIfAbsent(pool, k -> new Value[2])[m.group(1).equals("listen") ? 0 : 1] = value;
        }
        return true;
    }

    private static String host(String address) {
        if (address.startsWith("/")) {
            return null;
        }
        int colon = address.lastIndexOf(':');
        return colon < 0 ? null : address.substring(0, colon).replaceAll("^\\[|\\]$", "");
    }
}
