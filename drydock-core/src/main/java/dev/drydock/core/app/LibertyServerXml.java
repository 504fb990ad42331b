package dev.drydock.core.app;

import dev.drydock.core.source.SourceFile;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The parts of a Liberty server.xml that say where the server listens and under which context roots it serves the
 * applications of its apps folder: {@code <httpEndpoint httpPort="9080" httpsPort="9443"/>} (defaults 9080 and 9443),
 * {@code <webApplication location="app.war" contextRoot="/app"/>}, with {@code ${name}} taken from the file's own
 * {@code <variable>} elements.
 */
record LibertyServerXml(SourceFile file, Map<String, String> variables, String text) {

    private static final Pattern ELEMENT = Pattern.compile("<(httpEndpoint|webApplication|application|variable|include)\\b([^>]*)>");
    private static final Pattern ATTRIBUTE = Pattern.compile("([\\w.-]+)\\s*=\\s*\"([^\"]*)\"");

    /**
     * @param env the container's environment, whose variables (the name, or with {@code _} for {@code .}, or upper
     *     case) set what a {@code <variable>} gives only a defaultValue for
     */
    static LibertyServerXml of(SourceFile file, Map<String, String> env) {
        String text = Pattern.compile("(?s)<!--.*?-->").matcher(file.text())
                .replaceAll(m -> m.group().replaceAll("[^\\n]", " "));
        Map<String, String> variables = new HashMap<>();
        for (Element e : elements(text, "variable")) {
            String name = e.attributes().get("name");
            String value = e.attributes().get("value");
            if (name != null && value == null) {
                String underscored = name.replace('.', '_');
                value = env.getOrDefault(name, env.getOrDefault(underscored,
                        env.getOrDefault(underscored.toUpperCase(java.util.Locale.ROOT), e.attributes().get("defaultValue"))));
            }
            if (name != null && value != null) {
                variables.put(name, value);
            }
        }
        return new LibertyServerXml(file, variables, text);
    }

    /** An element of the file with its attributes and the offset it starts at. */
    record Element(String name, Map<String, String> attributes, int offset) {}

    private static List<Element> elements(String text, String name) {
        Matcher m = ELEMENT.matcher(text);
        List<Element> out = new java.util.ArrayList<>();
        while (m.find()) {
            if (m.group(1).equals(name)) {
                Map<String, String> attributes = new HashMap<>();
                Matcher a = ATTRIBUTE.matcher(m.group(2));
                while (a.find()) {
                    attributes.put(a.group(1), a.group(2));
                }
                out.add(new Element(name, attributes, m.start()));
            }
        }
        return out;
    }

    /** Whether the file includes others, whose settings drydock does not read. */
    boolean includes() {
        return !elements(text, "include").isEmpty();
    }

    /** The HTTP and HTTPS ports of the default endpoint; empty when a value is not a number drydock can resolve. */
    Optional<List<Integer>> ports() {
        List<Element> endpoints = elements(text, "httpEndpoint");
        if (endpoints.size() > 1) {
            return Optional.empty();
        }
        Map<String, String> a = endpoints.isEmpty() ? Map.of() : endpoints.get(0).attributes();
        Integer http = number(a.getOrDefault("httpPort", "9080"));
        Integer https = number(a.getOrDefault("httpsPort", "9443"));
        return http == null || https == null ? Optional.empty()
                : Optional.of(http.equals(https) ? List.of(http) : List.of(http, https));
    }

    /** The line of the httpEndpoint element, or 0 when the file has none. */
    int endpointLine() {
        return elements(text, "httpEndpoint").stream().findFirst()
                .map(e -> (int) text.substring(0, e.offset()).chars().filter(c -> c == '\n').count() + 1).orElse(0);
    }

    /** The httpPort as written, or null. */
    String httpPortText() {
        return elements(text, "httpEndpoint").stream().findFirst().map(e -> e.attributes().get("httpPort")).orElse(null);
    }

    /**
     * The applications the file declares, as location (the file name) to context root; a null context root when it
     * cannot be told.
     */
    Map<String, String> applications() {
        Map<String, String> out = new HashMap<>();
        for (String kind : List.of("webApplication", "application")) {
            for (Element e : elements(text, kind)) {
                String location = e.attributes().get("location");
                if (location == null) {
                    continue;
                }
                String root = e.attributes().getOrDefault("contextRoot", e.attributes().get("context-root"));
                String name = location.substring(location.lastIndexOf('/') + 1);
                if (root == null) {
                    String id = e.attributes().get("name");
                    root = id != null ? id : name.replaceFirst("\\.[wW][aA][rR]$", "");
                }
                out.put(name, resolve(root));
            }
        }
        return out;
    }

    private Integer number(String value) {
        String resolved = resolve(value);
        return resolved != null && resolved.matches("\\d{1,5}") ? Integer.valueOf(resolved) : null;
    }

    /** The value with its ${name} variables replaced by the file's own, or null when one is not declared. */
    private String resolve(String value) {
        Matcher m = Pattern.compile("\\$\\{([^}]+)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = variables.get(m.group(1));
            if (v == null) {
                return null;
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        m.appendTail(out);
        return out.toString();
    }
}
