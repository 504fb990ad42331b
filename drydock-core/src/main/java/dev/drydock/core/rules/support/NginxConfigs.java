package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathGlobs;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.ServerImagePorts;
import dev.drydock.core.nginx.NginxDirective;
import dev.drydock.core.nginx.NginxParser;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@link NginxConfig} of a container that runs nginx (a compose service, or an image alone), from the .conf
 * files it gets under /etc/nginx ({@link ConfigFiles}: copied by its Dockerfile, bind-mounted as files or folders). nginx starts from
 * /etc/nginx/nginx.conf; in the official image, whose own nginx.conf includes conf.d/*.conf in the http context and
 * whose conf.d/default.conf serves its welcome page on port 80 (8080 in nginx-unprivileged) as server localhost, on
 * IPv6 too (its entrypoint adds {@code listen [::]:80} to that file while it is the packaged one),
 * the project's files stand in for or beside those. Relative include paths are relative to /etc/nginx.
 */
public final class NginxConfigs {

    private NginxConfigs() {}

    private static final String ROOT = "/etc/nginx/";
    private static final String MAIN = ROOT + "nginx.conf";
    private static final String DEFAULT = ROOT + "conf.d/default.conf";
    private static final String STOCK_MAIN = """
            events {}
            http {
                include /etc/nginx/mime.types;
                include /etc/nginx/conf.d/*.conf;
            }
            """;
    private static final String STOCK_DEFAULT = """
            server {
                listen %d;
                listen [::]:%d;
                server_name localhost;
                location / {
                    root /usr/share/nginx/html;
                }
            }
            """;
    /** Files of nginx's own distribution that an include may name: they hold no server. */
    private static final Set<String> DISTRIBUTED = Set.of("mime.types", "fastcgi_params", "fastcgi.conf",
            "scgi_params", "uwsgi_params", "proxy_params", "koi-utf", "koi-win", "win-utf",
            "snippets/fastcgi-php.conf", "snippets/snakeoil.conf");
    private static final Pattern ADDRESS = Pattern.compile(
            "(?:([a-z]+)://)?([A-Za-z0-9._-]+|\\[[0-9a-fA-F:.]+\\])(?::(\\d{1,5}))?(/.*)?");
    private static final int MAX_DEPTH = 8;

    /** An nginx service of a compose project and its configuration. */
    public record Served(ComposeServices.Ref ref, NginxConfig config) {}

    /** Every compose service that runs nginx with a configuration drydock reads, found once per review. */
    public static List<Served> all(ReviewContext context) {
        return context.memo("nginx-configs", NginxConfigs.class, () -> ComposeServices.services(context).stream()
                .flatMap(ref -> of(context, ref.service(), ComposeServices.container(context, ref.service()))
                        .map(config -> new Served(ref, config)).stream())
                .toList());
    }

    /** The configuration of the service's nginx, when it runs nginx and its files can be read. */
    public static Optional<NginxConfig> of(ReviewContext context, Service service, Container c) {
        return c != null ? of(context, c) : context.memo("nginx-config", service, () -> read(context, service, null));
    }

    /**
     * The configuration of the container's nginx (a compose service, or an image alone with the files its Dockerfile
     * copies), when it runs nginx and its files can be read.
     */
    public static Optional<NginxConfig> of(ReviewContext context, Container c) {
        return context.memo("nginx-config", c, () -> read(context, c.service(), c));
    }

    /**
     * The configuration of the container's nginx when its listen directives are all known and one is on a TCP port:
     * for {@link NginxConfig#ports()} and {@link NginxConfig#ipv4Only(int)}.
     */
    public static Optional<NginxConfig> listening(ReviewContext context, Container c) {
        return of(context, c).filter(config -> config.listensKnown() && !config.ports().isEmpty());
    }

    /**
     * The pid file nginx writes where only root may (/var/run/nginx.pid, the path the official image's nginx is built
     * with, unless the main configuration names one in /tmp or elsewhere writable), or null: also when {@code nginx -g}
     * sets the pid. {@code config} is the project's configuration, null when nginx reads the image's own nginx.conf.
     */
    public static String rootOwnedPidFile(Container c, NginxConfig config) {
        EntryPoint ep = c.entryPoint();
        String global = ep == null ? null : ep.option("g");
        if (global != null && NginxParser.parse(SourceFile.of("nginx -g", global)).orElse(List.of()).stream()
                .anyMatch(d -> d.name().equals("pid"))) {
            return null;
        }
        String pid = config == null ? null : config.main().stream().filter(d -> d.name().equals("pid"))
                .map(d -> d.arg(0)).filter(java.util.Objects::nonNull).findFirst().orElse(null);
        if (pid == null) {
            return "/var/run/nginx.pid";
        }
        return pid.equals("off") || !(pid.startsWith("/var/run/") || pid.startsWith("/run/")
                || pid.startsWith("/var/cache/nginx/") || pid.startsWith("/etc/") || pid.startsWith("/usr/")) ? null : pid;
    }

    /** Whether the container's main process is nginx: its command, or the one the nginx image it is built on starts. */
    public static boolean runsNginx(Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep != null) {
            return ep.runtime() == Runtime.NGINX;
        }
        if (c.command() != null || c.build() == null || c.build().stage() == null) {
            return false;
        }
        BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
        return BaseImageFacts.defaultCommand(base).filter("nginx"::equals).isPresent();
    }

    /**
     * Whether the service runs nginx: a built image whose command is nginx, or the official nginx image (or
     * nginxinc/nginx-unprivileged) as pulled.
     */
    static boolean runsNginx(Service service, Container c) {
        if (c != null && c.build() != null) {
            return runsNginx(c);
        }
        return service != null && service.command() == null && service.entrypoint() == null
                && pulledStockPort(service) != null;
    }

    /**
     * Whether the compose service pulls an nginx image and runs it with a configuration drydock can follow: the
     * image's own, or with project files bind-mounted under /etc/nginx in place of parts of it. What such a
     * container serves is the project's to review.
     */
    public static boolean pulledWithKnownConfig(ReviewContext context, Container c) {
        if (c.build() != null || c.service() == null || !runsNginx(c.service(), null)) {
            return false;
        }
        return ConfigFiles.of(context, c.service(), null, ROOT).isPresent();
    }

    private static Integer pulledStockPort(Service service) {
        return ComposeServices.pulledImage(service).map(NginxConfigs::officialStockPort).orElse(null);
    }

    /**
     * The port of the default server of the official nginx image (and of nginx-unprivileged, built the same way),
     * whose files this reads ({@link ServerImagePorts}); null for any other image.
     */
    private static Integer officialStockPort(ImageReference ref) {
        return ServerImagePorts.of(ref)
                .filter(image -> image == ServerImagePorts.NGINX || image == ServerImagePorts.NGINX_UNPRIVILEGED)
                .map(image -> image.defaultPorts().get(0)).orElse(null);
    }

    private static Optional<NginxConfig> read(ReviewContext context, Service service, Container c) {
        if (!runsNginx(service, c)) {
            return Optional.empty();
        }
        ConfigFiles.Found found = ConfigFiles.of(context, service, c, ROOT).orElse(null);
        if (found == null) {
            return Optional.empty();
        }
        Map<String, SourceFile> files = new LinkedHashMap<>(found.files());
        boolean replacesDefault = files.containsKey(DEFAULT);
        Integer stockPort = stockPort(service, c);
        boolean templates = templates(service, c);
        boolean complete = !templates;
        SourceFile stock = null;
        if (stockPort != null && !files.containsKey(DEFAULT) && !found.hides(DEFAULT) && !templates) {
            stock = SourceFile.of(DEFAULT, STOCK_DEFAULT.formatted(stockPort, stockPort));
            files.put(DEFAULT, stock);
        }
        Reader reader = new Reader(files);
        List<NginxDirective> top;
        boolean mainKnown = true;
        if (files.containsKey(MAIN)) {
            top = reader.load(files.get(MAIN), 0);
        } else if (stockPort != null && !found.hides(MAIN)) {
            top = reader.load(SourceFile.of(MAIN, STOCK_MAIN), 0);
        } else {
            complete = false; // nginx's main file is not known: each file is read as if it were included
            mainKnown = false;
            top = new ArrayList<>();
            for (SourceFile file : files.values()) {
                List<NginxDirective> dirs = reader.load(file, 0);
                if (dirs != null) {
                    top.addAll(dirs);
                }
            }
        }
        if (top == null || reader.unreadable) {
            return Optional.empty();
        }
        Builder builder = new Builder(stock);
        builder.walk(top, null, List.of());
        List<NginxConfig.Pass> passes = builder.passes.stream().map(p -> p.withUpstream(builder.upstreams)).toList();
        List<NginxDirective> main = files.containsKey(MAIN) ? List.copyOf(top) : List.of();
        NginxConfig config = new NginxConfig(main, List.copyOf(builder.servers), List.copyOf(builder.streamListens),
                Map.copyOf(builder.upstreams), passes, complete && !reader.partial, false);
        boolean listensKnown = !templates && (mainKnown || replacesDefault) && !rewritten(c)
                && !writtenElsewhere(service)
                && config.listens().stream().allMatch(l -> l.port() != null || l.unix());
        return Optional.of(new NginxConfig(main, config.servers(), config.streamListens(), config.upstreams(), passes,
                config.complete(), listensKnown));
    }

    /** Whether a RUN edits or removes nginx's configuration (sed -i on it, rm of default.conf): the files read may not be what runs. */
    private static boolean rewritten(Container c) {
        return c != null && c.build() != null && c.build().stage() != null && c.build().stage().steps().stream()
                .map(s -> s.instruction().rawText()).anyMatch(t -> t.startsWith("RUN") && t.contains(ROOT));
    }

    /** The port of the official image's own default server, or null when the image is not the official nginx. */
    private static Integer stockPort(Service service, Container c) {
        if (c != null && c.build() != null && c.build().stage() != null) {
            BaseImage base = Stages.rootBase(c.build().model(), c.build().stage());
            return base instanceof BaseImage.External e && e.reference() != null ? officialStockPort(e.reference())
                    : null;
        }
        return pulledStockPort(service);
    }

    /**
     * Whether the service's configuration under /etc/nginx may come from elsewhere than the project's files: a named
     * volume or tmpfs there (another container may write it), a compose config or secret mounted there, or scripts
     * of its own in /docker-entrypoint.d, which the image's entrypoint runs before nginx starts.
     */
    private static boolean writtenElsewhere(Service service) {
        if (service == null) {
            return false;
        }
        boolean volume = service.volumes().stream().anyMatch(v -> v.target() != null && (!v.isBind()
                && (v.target() + "/").startsWith(ROOT) || v.target().startsWith("/docker-entrypoint.d")));
        boolean mount = java.util.stream.Stream.concat(service.configs().stream(), service.secrets().stream())
                .anyMatch(m -> m.target() != null && m.target().value().startsWith(ROOT));
        return volume || mount;
    }

    /**
     * Whether the container gets templates the image's entrypoint turns into conf.d files at start-up, with the
     * environment's values in place of ${VAR}: from /etc/nginx/templates, or the folder NGINX_ENVSUBST_TEMPLATE_DIR
     * names.
     */
    private static boolean templates(Service service, Container c) {
        boolean mounted = service != null && (service.volumes().stream()
                .anyMatch(v -> v.target() != null && v.target().startsWith(ROOT + "templates"))
                || service.env("NGINX_ENVSUBST_TEMPLATE_DIR").isPresent());
        boolean copied = c != null && c.build() != null && c.build().stage() != null && c.build().stage().copies()
                .stream().map(CopyCommand::containerPath).anyMatch(p -> p != null && p.startsWith(ROOT + "templates"));
        return mounted || copied;
    }

    /** Reads files and splices the files their includes name in place of the include. */
    private static final class Reader {
        private final Map<String, SourceFile> files;
        boolean partial;
        boolean unreadable;

        Reader(Map<String, SourceFile> files) {
            this.files = files;
        }

        List<NginxDirective> load(SourceFile file, int depth) {
            List<NginxDirective> parsed = NginxParser.parse(file).orElse(null);
            if (parsed == null || depth > MAX_DEPTH) {
                unreadable = true;
                return null;
            }
            return expand(parsed, depth);
        }

        private List<NginxDirective> expand(List<NginxDirective> dirs, int depth) {
            List<NginxDirective> out = new ArrayList<>();
            for (NginxDirective d : dirs) {
                if (d.name().equals("include") && d.block() == null && d.args().size() == 1) {
                    for (SourceFile file : included(d.arg(0))) {
                        List<NginxDirective> inner = load(file, depth + 1);
                        if (inner != null) {
                            out.addAll(inner);
                        }
                    }
                } else if (d.block() != null) {
                    out.add(new NginxDirective(d.name(), d.args(), expand(d.block(), depth), d.file(), d.start()));
                } else {
                    out.add(d);
                }
            }
            return out;
        }

        private List<SourceFile> included(String pattern) {
            String path = pattern.startsWith("/") ? pattern : ROOT + pattern;
            if (path.contains("$")) {
                partial = true;
                return List.of();
            }
            if (!path.contains("*") && !path.contains("?") && !path.contains("[")) {
                SourceFile file = files.get(path);
                if (file == null && !(path.startsWith(ROOT) && DISTRIBUTED.contains(path.substring(ROOT.length())))) {
                    partial = true; // a file the project does not hold
                }
                return file == null ? List.of() : List.of(file);
            }
            Pattern glob = Pattern.compile(PathGlobs.regex(path));
            boolean hidden = PathNames.fileName(path).startsWith(".");
            if (!path.startsWith(ROOT + "conf.d/") && !path.startsWith(ROOT)) {
                partial = true; // files elsewhere may hold more than the project's
            }
            // nginx expands includes with glob(3), whose wildcards do not match a leading dot
            return files.entrySet().stream().filter(e -> glob.matcher(e.getKey()).matches()
                            && (hidden || !PathNames.fileName(e.getKey()).startsWith(".")))
                    .sorted(Map.Entry.comparingByKey()).map(Map.Entry::getValue).toList();
        }
    }

    /** Collects servers, locations, upstreams and passes from the spliced directives. */
    private static final class Builder {
        final List<NginxConfig.Server> servers = new ArrayList<>();
        final Map<String, NginxConfig.Upstream> upstreams = new LinkedHashMap<>();
        final List<PendingPass> passes = new ArrayList<>();
        final List<NginxConfig.Listen> streamListens = new ArrayList<>();
        private final SourceFile stock;

        Builder(SourceFile stock) {
            this.stock = stock;
        }

        /** Walks a block: {@code server} null outside servers; {@code locations} the enclosing locations. */
        List<NginxConfig.Location> walk(List<NginxDirective> dirs, ServerHolder server, List<NginxConfig.Location> locations) {
            List<NginxConfig.Location> found = new ArrayList<>();
            for (NginxDirective d : dirs) {
                switch (d.name()) {
                    case "stream" -> {
                        if (d.block() != null && server == null) {
                            d.block().stream().filter(s -> s.name().equals("server") && s.block() != null)
                                    .flatMap(s -> s.block().stream())
                                    .filter(l -> l.name().equals("listen") && !l.args().isEmpty())
                                    .forEach(l -> streamListens.add(listen(l)));
                        }
                    }
                    case "mail", "events", "types", "map", "geo", "split_clients" -> { }
                    case "http" -> {
                        if (d.block() != null && server == null) {
                            walk(d.block(), null, List.of());
                        }
                    }
                    case "upstream" -> {
                        if (d.block() != null && server == null && d.arg(0) != null) {
                            upstreams.put(d.arg(0), upstream(d));
                        }
                    }
                    case "server" -> {
                        if (d.block() != null && server == null) {
                            server(d);
                        }
                    }
                    case "location" -> {
                        if (d.block() != null && server != null && !d.args().isEmpty()) {
                            found.add(location(d, server, locations));
                        }
                    }
                    case "if", "limit_except" -> {
                        if (d.block() != null && server != null) {
                            found.addAll(walk(d.block(), server, locations));
                        }
                    }
                    default -> {
                        if (NginxConfig.PASSES.contains(d.name()) && server != null && d.args().size() == 1) {
                            passes.add(new PendingPass(d, server, List.copyOf(locations)));
                        }
                    }
                }
            }
            return found;
        }

        private void server(NginxDirective d) {
            List<NginxConfig.Listen> listens = new ArrayList<>();
            List<String> names = new ArrayList<>();
            for (NginxDirective inner : d.block()) {
                if (inner.name().equals("listen") && !inner.args().isEmpty()) {
                    listens.add(listen(inner));
                } else if (inner.name().equals("server_name")) {
                    inner.args().forEach(w -> names.add(w.value().toLowerCase(java.util.Locale.ROOT)));
                }
            }
            ServerHolder holder = new ServerHolder();
            List<NginxConfig.Location> locations = walk(d.block(), holder, List.of());
            holder.server = new NginxConfig.Server(d, List.copyOf(listens), List.copyOf(names), List.copyOf(locations));
            servers.add(holder.server);
        }

        private NginxConfig.Location location(NginxDirective d, ServerHolder server, List<NginxConfig.Location> outer) {
            String first = d.arg(0);
            boolean modified = Set.of("=", "^~", "~", "~*").contains(first) && d.args().size() > 1;
            String modifier = modified ? first : first.startsWith("=") && first.length() > 1 ? "=" : "";
            String path = modified ? d.arg(1) : modifier.equals("=") ? first.substring(1) : first;
            List<NginxConfig.Location> chain = new ArrayList<>(outer);
            chain.add(new NginxConfig.Location(d, modifier, path, List.of())); // passes name it by its directive
            List<NginxConfig.Location> nested = walk(d.block(), server, chain);
            return new NginxConfig.Location(d, modifier, path, List.copyOf(nested));
        }

        private static NginxConfig.Upstream upstream(NginxDirective d) {
            List<NginxConfig.Target> targets = new ArrayList<>();
            for (NginxDirective inner : d.block()) {
                if (inner.name().equals("server") && inner.block() == null && !inner.args().isEmpty()) {
                    boolean resolve = inner.args().stream().anyMatch(w -> w.value().equals("resolve"));
                    target(inner, inner.args().get(0), "http", resolve).ifPresent(targets::add);
                }
            }
            return new NginxConfig.Upstream(d.arg(0), d, List.copyOf(targets));
        }

        private NginxConfig.Listen listen(NginxDirective d) {
            String address = d.arg(0);
            boolean unix = address.startsWith("unix:");
            boolean ipv6 = address.startsWith("[");
            Set<String> flags = d.args().stream().skip(1).map(NginxDirective.Word::value).collect(
                    java.util.stream.Collectors.toSet());
            return new NginxConfig.Listen(d, d.args().get(0), unix ? null : listenPort(address), ipv6, unix,
                    flags.contains("default_server") || flags.contains("default"), flags.contains("ssl"),
                    d.file() == stock);
        }

        /** The port of a listen address: {@code 8080}, {@code 127.0.0.1:8080}, {@code [::]:8080}, {@code localhost} (80). */
        private static Integer listenPort(String address) {
            if (address.contains("$")) {
                return null;
            }
            String port = address.startsWith("[") ? (address.contains("]:") ? address.substring(address.indexOf("]:") + 2) : "80")
                    : address.contains(":") ? address.substring(address.lastIndexOf(':') + 1)
                            : address.matches("\\d{1,5}") ? address : "80";
            return port.matches("\\d{1,5}") ? Integer.valueOf(port) : null;
        }
    }

    /** The server a pass lies in, known once its block is read. */
    private static final class ServerHolder {
        NginxConfig.Server server;
    }

    /** A pass read before its server and the upstream blocks are complete. */
    private record PendingPass(NginxDirective directive, ServerHolder server, List<NginxConfig.Location> locations) {

        NginxConfig.Pass withUpstream(Map<String, NginxConfig.Upstream> upstreams) {
            String address = directive.arg(0);
            String scheme = directive.name().equals("proxy_pass") ? "http" : directive.name().replace("_pass", "");
            Matcher m = ADDRESS.matcher(address);
            if (address.contains("$") || address.startsWith("unix:") || !m.matches()) {
                return new NginxConfig.Pass(directive, server.server, locations, scheme, null, null, null);
            }
            scheme = m.group(1) != null ? m.group(1) : scheme;
            NginxConfig.Upstream upstream = m.group(3) == null ? upstreams.get(m.group(2)) : null;
            NginxConfig.Target target = upstream != null ? null
                    : target(directive, directive.args().get(0), scheme, false).orElse(null);
            return new NginxConfig.Pass(directive, server.server, locations, scheme, m.group(4), target, upstream);
        }
    }

    /** The host and port of an address ({@code http://app:8000/api}, {@code app:9000}, {@code 10.0.0.5}). */
    private static Optional<NginxConfig.Target> target(NginxDirective d, NginxDirective.Word word, String scheme,
            boolean resolve) {
        Matcher m = ADDRESS.matcher(word.value());
        if (word.value().contains("$") || word.value().startsWith("unix:") || !m.matches()) {
            return Optional.empty();
        }
        String s = m.group(1) != null ? m.group(1) : scheme;
        Integer port = m.group(3) != null ? Integer.valueOf(m.group(3))
                : s.equals("http") ? Integer.valueOf(80) : s.equals("https") ? Integer.valueOf(443) : null;
        return Optional.of(new NginxConfig.Target(m.group(2), port, resolve, d, word));
    }
}
