package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the nginx of a compose service sends a request path: the {@code location} that takes it (an exact
 * {@code location = /path}, else the longest prefix) and the service its {@code proxy_pass http://HOST:PORT} names,
 * with the path as it reaches that service (the part the location matched replaced by the URI of proxy_pass, when it
 * has one). Read only when nothing else can decide: one server block, a location without return, rewrite, if,
 * try_files or nested locations, no regular-expression location that could take the path first, an address without
 * variables naming a service of the same compose project rather than an upstream block.
 */
public final class NginxProxiedPaths {

    private NginxProxiedPaths() {}

    /**
     * A path nginx passes on to another service.
     *
     * @param backend the service proxy_pass names
     * @param forwarded the path as the backend receives it
     * @param address the proxy_pass address as written
     * @param location the location's words as written ({@code /}, {@code = /health})
     */
    public record Proxied(Service backend, Container backendContainer, String forwarded, String address,
            String location, SourceFile file, int line) {

        public String where() {
            return file.path() + " line " + line;
        }
    }

    private record Block(String modifier, String path, String body, SourceFile file, int bodyStart) {}

    private static final Pattern SERVER = Pattern.compile("(?m)^[ \\t]*server[ \\t]*\\{");
    private static final Pattern LOCATION = Pattern.compile("(?m)^[ \\t]*location[ \\t]+(=|\\^~|~\\*?)?[ \\t]*([^\\s{]+)[ \\t]*\\{");
    private static final Pattern UPSTREAM = Pattern.compile("(?m)^[ \\t]*upstream[ \\t]+([^\\s{]+)");
    private static final Pattern LISTEN = Pattern.compile("(?m)^[ \\t]*listen[ \\t]+(?:[^;\\s]*:)?(\\d{1,5})\\b[^;]*;");
    private static final Pattern PROXY_PASS = Pattern.compile("(?m)^[ \\t]*proxy_pass[ \\t]+([^;\\s]+)[ \\t]*;");
    private static final Pattern URL = Pattern.compile("https?://([A-Za-z0-9._-]+)(?::\\d{1,5})?(/[^\\s;]*)?");
    /** Directives after which the location does not simply pass the path on. */
    private static final Pattern OTHER_HANDLING = Pattern.compile(
            "(?m)^[ \\t]*(return|rewrite|if|try_files|location|stub_status|alias|error_page|auth_request)\\b");

    /** Where the nginx of {@code c} sends a request for {@code path} on {@code port}, when it surely passes it on. */
    public static Optional<Proxied> of(ReviewContext context, Container c, int port, String path) {
        Service service = c.service();
        if (service == null || !FastCgiPasses.runsNginx(service, c)) {
            return Optional.empty();
        }
        ComposeServices.Ref ref = ComposeServices.services(context).stream().filter(r -> r.service() == service)
                .findFirst().orElse(null);
        ConfigFiles.Found found = ref == null ? null : ConfigFiles.of(context, service, c, "/etc/nginx/").orElse(null);
        if (found == null || found.files().isEmpty()) {
            return Optional.empty();
        }
        List<Block> blocks = new ArrayList<>();
        Set<String> upstreams = new HashSet<>();
        int servers = 0;
        Set<Integer> listens = new HashSet<>();
        for (SourceFile file : found.files().values()) {
            String text = NginxListens.strip(file.text());
            servers += (int) SERVER.matcher(text).results().count();
            UPSTREAM.matcher(text).results().forEach(m -> upstreams.add(m.group(1)));
            LISTEN.matcher(text).results().forEach(m -> listens.add(Integer.parseInt(m.group(1))));
            Matcher m = LOCATION.matcher(text);
            while (m.find()) {
                int end = closingBrace(text, m.end());
                if (end < 0) {
                    return Optional.empty();
                }
                blocks.add(new Block(m.group(1) == null ? "" : m.group(1), m.group(2), text.substring(m.end(), end),
                        file, m.end()));
            }
        }
        if (servers != 1 || !(listens.isEmpty() ? port == 80 : listens.contains(port))) {
            return Optional.empty(); // which server answers the probe is not certain
        }
        Block chosen = choose(blocks, path).orElse(null);
        if (chosen == null || OTHER_HANDLING.matcher(chosen.body()).find()) {
            return Optional.empty();
        }
        List<MatchResult> passes = PROXY_PASS.matcher(chosen.body()).results().toList();
        if (passes.size() != 1) {
            return Optional.empty();
        }
        String address = passes.get(0).group(1);
        Matcher url = URL.matcher(address);
        if (address.contains("$") || !url.matches() || upstreams.contains(url.group(1))) {
            return Optional.empty();
        }
        Service backend = FastCgiPasses.answering(ref.compose(), url.group(1)).orElse(null);
        if (backend == null || backend == service) {
            return Optional.empty();
        }
        String uri = url.group(2);
        String forwarded = uri == null ? path : chosen.modifier().equals("=") ? uri : uri + path.substring(chosen.path().length());
        int line = chosen.file().position(chosen.bodyStart() + passes.get(0).start(1)).line();
        String location = (chosen.modifier().isEmpty() ? "" : chosen.modifier() + " ") + chosen.path();
        return Optional.of(new Proxied(backend, FastCgiPasses.container(context, backend), forwarded, address, location,
                chosen.file(), line));
    }

    /**
     * The location nginx picks for a path: an exact one, else the longest prefix; empty when a regular-expression
     * location could take it first (the longest prefix is not ^~) or none matches.
     */
    private static Optional<Block> choose(List<Block> blocks, String path) {
        Optional<Block> exact = blocks.stream().filter(b -> b.modifier().equals("=") && b.path().equals(path)).findFirst();
        if (exact.isPresent()) {
            return exact;
        }
        Optional<Block> prefix = blocks.stream().filter(b -> (b.modifier().isEmpty() || b.modifier().equals("^~"))
                && path.startsWith(b.path())).max(Comparator.comparingInt(b -> b.path().length()));
        boolean regex = blocks.stream().anyMatch(b -> b.modifier().startsWith("~"));
        return regex && prefix.filter(b -> b.modifier().equals("^~")).isEmpty() ? Optional.empty() : prefix;
    }

    /** The offset of the brace that closes the block opened just before {@code from}, or -1. */
    private static int closingBrace(String text, int from) {
        int depth = 1;
        for (int i = from; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '{') {
                depth++;
            } else if (ch == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }
}
