package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The addresses nginx listens on in an image whose main process is nginx and whose configuration the
 * Dockerfile copies from the build context: the {@code listen} directives of the .conf files it copies
 * under /etc/nginx. Known only when those files replace the image's stock server
 * (/etc/nginx/conf.d/default.conf, or an nginx.conf that includes no conf.d folder): the stock one listens
 * on 80 (8080 in nginxinc/nginx-unprivileged) and on IPv6 too, which its entrypoint adds.
 *
 * @param listens each {@code listen} in the order of the files, then of the directives
 */
public record NginxListens(List<Listen> listens) {

    /** A {@code listen} directive: its port, whether its address is IPv6 ({@code [::]:80}), where it is. */
    public record Listen(int port, boolean ipv6, String file, int line) {}

    private static final Pattern LISTEN = Pattern.compile("(?m)^[ \\t]*listen[ \\t]+([^;\\s]+)[^;]*;");
    private static final Pattern INCLUDE_CONF_D = Pattern.compile("(?m)^[ \\t]*include[ \\t]+[^;]*conf\\.d/");
    private static final Pattern COMMENT = Pattern.compile("#[^\\n]*");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");
    private static final String DEFAULT_CONF = "/etc/nginx/conf.d/default.conf";
    private static final String MAIN_CONF = "/etc/nginx/nginx.conf";

    public static Optional<NginxListens> of(ReviewContext context, Container c) {
        return context.memo("nginx-listens", c, () -> read(context, c));
    }

    private static Optional<NginxListens> read(ReviewContext context, Container c) {
        if (c.build() == null || c.build().stage() == null || !runsNginx(c)) {
            return Optional.empty();
        }
        Map<String, SourceFile> files = ConfigFiles.copied(context, c, "/etc/nginx/").orElse(null);
        if (files == null) {
            return Optional.empty(); // a configuration drydock cannot read: its listens are unknown
        }
        boolean stockServerGone = files.containsKey(DEFAULT_CONF)
                || files.containsKey(MAIN_CONF) && !INCLUDE_CONF_D.matcher(strip(files.get(MAIN_CONF).text())).find();
        if (!stockServerGone || removesOrRewritesConfiguration(c)) {
            return Optional.empty();
        }
        List<Listen> listens = new ArrayList<>();
        for (SourceFile file : files.values()) {
            String text = strip(file.text());
            Matcher m = LISTEN.matcher(text);
            while (m.find()) {
                Listen listen = listen(m.group(1), file.path(), lineOf(text, m.start(1)));
                if (listen == null) {
                    return Optional.empty(); // a variable or a socket: what it listens on is not written
                }
                listens.add(listen);
            }
        }
        return listens.isEmpty() ? Optional.empty() : Optional.of(new NginxListens(List.copyOf(listens)));
    }

    /** The ports nginx listens on, each once. */
    public List<Integer> ports() {
        return listens.stream().map(Listen::port).distinct().toList();
    }

    /** The first IPv4 listen on {@code port} when no listen takes IPv6 connections on it, else empty. */
    public Optional<Listen> ipv4Only(int port) {
        boolean ipv6 = listens.stream().anyMatch(l -> l.port() == port && l.ipv6());
        return ipv6 ? Optional.empty() : listens.stream().filter(l -> l.port() == port).findFirst();
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

    /** A RUN that edits or removes nginx's configuration (sed -i on it, rm of default.conf): the copied files may not be what runs. */
    private static boolean removesOrRewritesConfiguration(Container c) {
        return c.build().stage().steps().stream().map(s -> s.instruction().rawText())
                .anyMatch(t -> t.startsWith("RUN") && t.contains("/etc/nginx"));
    }

    private static Listen listen(String address, String file, int line) {
        if (address.startsWith("unix:") || address.contains("$")) {
            return null;
        }
        boolean ipv6 = address.startsWith("[");
        int colon = address.lastIndexOf(':');
        String port = ipv6 ? (address.indexOf("]:") > 0 ? address.substring(address.indexOf("]:") + 2) : "80")
                : colon >= 0 ? address.substring(colon + 1) : PORT.matcher(address).matches() ? address : "80";
        return PORT.matcher(port).matches() ? new Listen(Integer.parseInt(port), ipv6, file, line) : null;
    }

    /** The text with its comments blanked, offsets kept. */
    static String strip(String text) {
        return COMMENT.matcher(text).replaceAll(m -> " ".repeat(m.group().length()));
    }

    static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < offset; i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }
}
