package dev.drydock.core.rules.compose;

import dev.drydock.core.rules.support.LoopbackHosts;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The single-label host names a client setting of a service's environment connects to: the hosts of the URLs in its
 * value ({@code postgresql://app:pw@db:5432/app}, {@code mongodb://a:27017,b:27017/x}), or, for a host setting
 * ({@code REDIS_HOST}, {@code KAFKA_BOOTSTRAP_SERVERS}, {@code ..._ZOOKEEPER_CONNECT}), its {@code host[:port]} items.
 * Names with a dot, IP addresses, loopback names and settings about the service's own address are left out.
 */
final class SettingHosts {

    /**
     * A host, where its name starts in the value, and the kinds of data store the setting names (by the URL's scheme
     * or the variable's words; empty for another server).
     */
    record Host(String name, int start, Set<String> kinds) {}

    private static final Pattern URL = Pattern.compile("([A-Za-z][A-Za-z0-9+.:-]*)://([^/?#;\\s\"'\\]\\[]*)");
    private static final Pattern LABEL = Pattern.compile("[A-Za-z][A-Za-z0-9_-]*");

    /** Schemes whose "host" is a bucket, a share or nothing: no server to resolve. */
    private static final Set<String> NOT_A_SERVER = Set.of("s3", "s3a", "s3n", "gs", "gcs", "az", "abfs", "abfss",
            "wasb", "wasbs", "file", "unix", "npipe", "data", "sqlite", "hdfs", "git", "ssh", "mailto");

    /** The last word of a variable that holds host names, or host:port items. */
    private static final Set<String> HOST_WORDS = Set.of("HOST", "HOSTS", "SERVER", "SERVERS", "ADDR", "ADDRESS",
            "ADDRESSES", "CONNECT", "BROKER", "BROKERS", "NODES");

    /**
     * Words of variables for the service's own address, or for one a person opens: APP_URL, SITE_URL, BASE_URL,
     * VIRTUAL_HOST (nginx-proxy), SERVER_HOST, ROOT_URL, OIDC issuers.
     */
    private static final Set<String> OWN_ADDRESS = Set.of("APP", "APPLICATION", "SITE", "SITEURL", "BASE", "ROOT",
            "HOME", "HOMEPAGE", "WEB", "WEBSITE", "SELF", "INSTANCE", "DOMAIN", "VIRTUAL", "LETSENCRYPT", "ISSUER",
            "WEBHOOK", "LOGIN", "LOGOUT", "HOSTNAME");

    /** First words of variables for the service's own server: SERVER_HOST, HOST_PORT, HTTP_ADDR, BIND_ADDRESS. */
    private static final Set<String> OWN_SERVER = Set.of("SERVER", "HOST", "HTTP", "HTTPS", "BIND", "LISTEN", "GRPC",
            "ASPNETCORE", "KESTREL");

    /** Values that name no host: switches and placeholders. */
    private static final Set<String> NOT_A_HOST = Set.of("true", "false", "yes", "no", "on", "off", "none", "null",
            "nil", "auto", "default", "disabled", "enabled", "any", "all", "unix", "socket", "changeme");

    private SettingHosts() {}

    static List<Host> of(String variable, String value) {
        List<String> words = List.of(variable.toUpperCase(Locale.ROOT).split("[_.-]+"));
        if (words.size() < 2 && !value.contains("://") || words.stream().anyMatch(OWN_ADDRESS::contains)
                || OWN_SERVER.contains(words.get(0))) {
            return List.of();
        }
        List<Host> out = new ArrayList<>();
        Set<String> named = StackStores.ofName(variable);
        Matcher url = URL.matcher(value);
        boolean anyUrl = false;
        while (url.find()) {
            anyUrl = true;
            Optional<String> scheme = StackStores.ofScheme(url.group(1));
            String lower = url.group(1).toLowerCase(Locale.ROOT);
            if (NOT_A_SERVER.contains(lower.startsWith("jdbc:") ? lower.substring(5) : lower)) {
                continue;
            }
            Set<String> kinds = scheme != null && scheme.isPresent() ? Set.of(scheme.get()) : scheme == null ? Set.of()
                    : named;
            String authority = url.group(2);
            int end = url.end(2);
            if (end < value.length() && Character.isWhitespace(value.charAt(end))
                    && value.substring(end).split("[/?#]", 2)[0].contains("@")) {
                continue; // `postgresql://To set:To set@db/x`: a placeholder, not an address
            }
            int hostsFrom = authority.lastIndexOf('@') + 1;
            items(authority.substring(hostsFrom), url.start(2) + hostsFrom, kinds, out);
        }
        if (!anyUrl && HOST_WORDS.contains(words.get(words.size() - 1))) {
            items(value, 0, named, out);
        }
        return out;
    }

    /**
     * The {@code host[:port]} items of a comma- or semicolon-separated list, from {@code offset} in the value; an item
     * with a space in it ({@code To set}) is a placeholder.
     */
    private static void items(String list, int offset, Set<String> kinds, List<Host> out) {
        int from = 0;
        while (from <= list.length()) {
            int end = from;
            while (end < list.length() && ",;".indexOf(list.charAt(end)) < 0) {
                end++;
            }
            int start = from;
            while (start < end && Character.isWhitespace(list.charAt(start))) {
                start++;
            }
            String item = list.substring(start, end).strip();
            if (item.chars().anyMatch(Character::isWhitespace)) {
                from = end + 1;
                continue;
            }
            int stop = item.length();
            for (char c : new char[] {':', '/'}) {
                int i = item.indexOf(c);
                if (i >= 0 && i < stop) {
                    stop = i;
                }
            }
            String host = item.substring(0, stop);
            if (LABEL.matcher(host).matches() && !LoopbackHosts.isLoopback(host)
                    && !NOT_A_HOST.contains(host.toLowerCase(Locale.ROOT))) {
                out.add(new Host(host, offset + start, kinds));
            }
            from = end + 1;
        }
    }
}
