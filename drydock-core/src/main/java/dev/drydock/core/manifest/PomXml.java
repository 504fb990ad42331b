package dev.drydock.core.manifest;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.io.StringReader;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A Maven {@code pom.xml}, read with StAX (DTDs and external entities off): coordinates, parent,
 * properties, modules, dependencies, managed dependencies and build plugins, each with the span of
 * its element. Profiles are not read. {@code ${...}} references are resolved against the POM's own
 * properties and {@code project.*} / {@code parent.*} coordinates where possible.
 */
public final class PomXml {

    public record Parent(String groupId, String artifactId, String version, String relativePath, Span span) {}

    /** A {@code <dependency>}; {@code version} as written, {@code resolvedVersion} with properties substituted. */
    public record MavenDependency(String groupId, String artifactId, String version, String resolvedVersion, String scope,
            String type, boolean optional, boolean managed, Span span) {

        public String coordinates() {
            return groupId + ":" + artifactId;
        }

        /** A fixed version: present, resolved, not a range, not LATEST/RELEASE, not a SNAPSHOT. */
        public boolean isPinned() {
            String v = resolvedVersion;
            return v != null && !v.isBlank() && !v.contains("${") && !v.startsWith("[") && !v.startsWith("(")
                    && !v.equals("LATEST") && !v.equals("RELEASE") && !v.endsWith("-SNAPSHOT");
        }
    }

    /** A build plugin ({@code groupId} defaults to {@code org.apache.maven.plugins}). */
    public record Plugin(String groupId, String artifactId, String version, Span span) {}

    public record Property(String name, String value, Span span) {}

    private static final Pattern REFERENCE = Pattern.compile("\\$\\{([^}]+)}");

    private final SourceFile file;
    private final Map<String, String> fields;
    private final Map<String, Span> fieldSpans;
    private final Parent parent;
    private final Map<String, Property> properties;
    private final List<String> modules;
    private final List<MavenDependency> dependencies;
    private final List<Plugin> plugins;
    private final String finalName;
    private final List<Diagnostic> diagnostics;

    private PomXml(SourceFile file, Map<String, String> fields, Map<String, Span> fieldSpans, Parent parent,
            Map<String, Property> properties, List<String> modules, List<MavenDependency> dependencies, List<Plugin> plugins,
            String finalName, List<Diagnostic> diagnostics) {
        this.file = file;
        this.fields = fields;
        this.fieldSpans = fieldSpans;
        this.parent = parent;
        this.properties = properties;
        this.modules = List.copyOf(modules);
        this.dependencies = List.copyOf(dependencies);
        this.plugins = List.copyOf(plugins);
        this.finalName = finalName;
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Reads a POM; malformed XML is a positioned {@link SourceException}. */
    public static PomXml parse(SourceFile file) {
        return new Reader(file).read();
    }

    public SourceFile file() {
        return file;
    }

    /** The POM's own groupId, else the parent's. */
    public Optional<String> groupId() {
        return Optional.ofNullable(fields.getOrDefault("groupId", parent == null ? null : parent.groupId()));
    }

    public Optional<String> artifactId() {
        return Optional.ofNullable(fields.get("artifactId"));
    }

    /** The POM's own version, else the parent's. */
    public Optional<String> version() {
        return Optional.ofNullable(fields.getOrDefault("version", parent == null ? null : parent.version()));
    }

    /** The packaging, {@code jar} when not given. */
    public String packaging() {
        return fields.getOrDefault("packaging", "jar");
    }

    public Optional<String> name() {
        return Optional.ofNullable(fields.get("name"));
    }

    /** The span of a top-level element such as {@code artifactId} or {@code packaging}. */
    public Optional<Span> span(String topLevelElement) {
        return Optional.ofNullable(fieldSpans.get(topLevelElement));
    }

    /** {@code <build><finalName>}, as written (placeholders unresolved). */
    public Optional<String> finalName() {
        return Optional.ofNullable(finalName);
    }

    public Optional<Parent> parent() {
        return Optional.ofNullable(parent);
    }

    public Map<String, Property> properties() {
        return java.util.Collections.unmodifiableMap(properties);
    }

    public Optional<String> property(String name) {
        Property p = properties.get(name);
        return p == null ? Optional.empty() : Optional.ofNullable(p.value());
    }

    public List<String> modules() {
        return modules;
    }

    /** {@code <dependencies>} of the project (not managed ones). */
    public List<MavenDependency> dependencies() {
        return dependencies.stream().filter(d -> !d.managed()).toList();
    }

    /** {@code <dependencyManagement>} entries. */
    public List<MavenDependency> managedDependencies() {
        return dependencies.stream().filter(MavenDependency::managed).toList();
    }

    public Optional<MavenDependency> dependency(String groupId, String artifactId) {
        return dependencies().stream().filter(d -> d.groupId().equals(groupId) && d.artifactId().equals(artifactId))
                .findFirst();
    }

    /** {@code <build><plugins>} entries. */
    public List<Plugin> plugins() {
        return plugins;
    }

    public Optional<Plugin> plugin(String artifactId) {
        return plugins.stream().filter(p -> p.artifactId().equals(artifactId)).findFirst();
    }

    /**
     * The Java version the build targets: {@code java.version} (Spring Boot's convention), else
     * {@code maven.compiler.release}, {@code maven.compiler.source}, {@code maven.compiler.target}.
     */
    public Optional<String> javaVersion() {
        for (String name : new String[] {"java.version", "maven.compiler.release", "maven.compiler.source",
            "maven.compiler.target"}) {
            Optional<String> v = property(name).map(this::resolve);
            if (v.isPresent() && !v.get().isBlank()) {
                return v;
            }
        }
        return Optional.empty();
    }

    /** Spring Boot: its starter parent, its Maven plugin, or a dependency from {@code org.springframework.boot}. */
    public boolean isSpringBoot() {
        if (parent != null && "org.springframework.boot".equals(parent.groupId())) {
            return true;
        }
        return plugin("spring-boot-maven-plugin").isPresent()
                || dependencies.stream().anyMatch(d -> "org.springframework.boot".equals(d.groupId()));
    }

    /** Substitutes {@code ${...}} from properties and coordinates; unknown references stay as written. */
    public String resolve(String value) {
        return resolve(value, 0);
    }

    private String resolve(String value, int depth) {
        if (value == null || depth > 10 || !value.contains("${")) {
            return value;
        }
        Matcher m = REFERENCE.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement = lookup(name);
            m.appendReplacement(out, Matcher.quoteReplacement(replacement == null ? m.group() : resolve(replacement, depth + 1)));
        }
        m.appendTail(out);
        return out.toString();
    }

    private String lookup(String name) {
        Property p = properties.get(name);
        if (p != null) {
            return p.value();
        }
        return switch (name) {
            case "project.version", "pom.version", "version" -> version().orElse(null);
            case "project.groupId", "pom.groupId" -> groupId().orElse(null);
            case "project.artifactId", "pom.artifactId" -> artifactId().orElse(null);
            case "project.parent.version", "parent.version" -> parent == null ? null : parent.version();
            case "project.parent.groupId" -> parent == null ? null : parent.groupId();
            default -> null;
        };
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    public Manifest toManifest() {
        List<Dependency> deps = new ArrayList<>();
        for (MavenDependency d : dependencies()) {
            Scope scope = switch (d.scope() == null ? "compile" : d.scope()) {
                case "test" -> Scope.TEST;
                case "provided" -> Scope.PEER;
                default -> Scope.MAIN;
            };
            String name = d.coordinates();
            deps.add(new Dependency(name, name, d.resolvedVersion() == null ? "" : d.resolvedVersion(), d.isPinned(), scope,
                    d.scope(), d.span()));
        }
        return new Manifest(Ecosystem.MAVEN, ManifestKind.POM_XML, file.path(), deps, java.util.Set.of(), diagnostics);
    }

    private static final class Reader {
        private final SourceFile file;
        private final Map<String, String> fields = new HashMap<>();
        private final Map<String, Span> fieldSpans = new HashMap<>();
        private final Map<String, Property> properties = new LinkedHashMap<>();
        private final List<String> modules = new ArrayList<>();
        private final List<Map<String, String>> rawDependencies = new ArrayList<>();
        private final List<Span> dependencySpans = new ArrayList<>();
        private final List<Boolean> dependencyManaged = new ArrayList<>();
        private final List<Plugin> plugins = new ArrayList<>();
        private final List<Diagnostic> diagnostics = new ArrayList<>();
        private Parent parent;
        private String finalName;

        Reader(SourceFile file) {
            this.file = file;
        }

        PomXml read() {
            XMLInputFactory factory = XMLInputFactory.newFactory();
            factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
            factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
            factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
            String text = file.text().substring(file.contentStart());
            Deque<String> path = new ArrayDeque<>();
            Deque<Integer> starts = new ArrayDeque<>();
            Map<String, String> current = null;
            int currentStart = 0;
            StringBuilder chars = new StringBuilder();
            XMLStreamReader xml = null;
            try {
                xml = factory.createXMLStreamReader(new StringReader(text));
                while (xml.hasNext()) {
                    int event = xml.next();
                    if (event == XMLStreamConstants.START_ELEMENT) {
                        String name = xml.getLocalName();
                        int end = offset(xml.getLocation());
                        int start = Math.max(0, file.text().lastIndexOf('<', Math.max(0, end - 1)));
                        path.push(name);
                        starts.push(start);
                        chars.setLength(0);
                        String p = pathString(path);
                        if (p.equals("project/dependencies/dependency")
                                || p.equals("project/dependencyManagement/dependencies/dependency")
                                || p.equals("project/build/plugins/plugin") || p.equals("project/parent")) {
                            current = new HashMap<>();
                            currentStart = start;
                        }
                    } else if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA) {
                        chars.append(xml.getText());
                    } else if (event == XMLStreamConstants.END_ELEMENT) {
                        int end = offset(xml.getLocation());
                        String p = pathString(path);
                        int start = starts.pop();
                        Span span = file.span(start, Math.max(start, end));
                        String value = chars.toString().trim();
                        element(p, path.peek(), value, span, current);
                        if (p.equals("project/dependencies/dependency")
                                || p.equals("project/dependencyManagement/dependencies/dependency")) {
                            rawDependencies.add(current);
                            dependencySpans.add(file.span(currentStart, Math.max(currentStart, end)));
                            dependencyManaged.add(p.startsWith("project/dependencyManagement"));
                            current = null;
                        } else if (p.equals("project/build/plugins/plugin")) {
                            plugins.add(new Plugin(current.getOrDefault("groupId", "org.apache.maven.plugins"),
                                    current.getOrDefault("artifactId", ""), current.get("version"),
                                    file.span(currentStart, Math.max(currentStart, end))));
                            current = null;
                        } else if (p.equals("project/parent")) {
                            parent = new Parent(current.get("groupId"), current.get("artifactId"), current.get("version"),
                                    current.get("relativePath"), file.span(currentStart, Math.max(currentStart, end)));
                            current = null;
                        }
                        path.pop();
                        chars.setLength(0);
                    }
                }
            } catch (XMLStreamException e) {
                Location loc = e.getLocation();
                String message = e.getMessage();
                int cut = message == null ? -1 : message.indexOf("Message: ");
                String detail = cut >= 0 ? message.substring(cut + 9) : String.valueOf(message);
                throw new SourceException(file.path(), loc == null ? 0 : Math.max(0, loc.getLineNumber()),
                        loc == null ? 0 : Math.max(0, loc.getColumnNumber()), "invalid XML: " + ParserMessages.clean(detail.trim()), e);
            } finally {
                if (xml != null) {
                    try {
                        xml.close();
                    } catch (XMLStreamException ignored) {
                        // nothing more to read
                    }
                }
            }
            if (!fields.containsKey("artifactId")) {
                diagnostics.add(new Diagnostic(Diagnostic.Level.WARNING, file.path(), 1, 1, "the POM has no artifactId"));
            }
            PomXml partial = new PomXml(file, fields, fieldSpans, parent, properties, modules, List.of(), plugins, finalName,
                    diagnostics);
            List<MavenDependency> deps = new ArrayList<>();
            for (int i = 0; i < rawDependencies.size(); i++) {
                Map<String, String> d = rawDependencies.get(i);
                String version = d.get("version");
                deps.add(new MavenDependency(partial.resolve(d.getOrDefault("groupId", "")), partial.resolve(d.getOrDefault(
                        "artifactId", "")), version, partial.resolve(version), d.get("scope"), d.get("type"),
                        "true".equals(d.get("optional")), dependencyManaged.get(i), dependencySpans.get(i)));
            }
            return new PomXml(file, fields, fieldSpans, parent, properties, modules, deps, plugins, finalName, diagnostics);
        }

        private void element(String p, String name, String value, Span span, Map<String, String> current) {
            if (p.startsWith("project/properties/") && p.indexOf('/', "project/properties/".length()) < 0) {
                properties.put(name, new Property(name, value, span));
            } else if (p.equals("project/build/finalName")) {
                finalName = value.isEmpty() ? null : value;
            } else if (p.equals("project/modules/module")) {
                modules.add(value);
            } else if (p.startsWith("project/") && p.indexOf('/', "project/".length()) < 0) {
                fields.putIfAbsent(name, value);
                fieldSpans.putIfAbsent(name, span);
            } else if (current != null && (p.startsWith("project/dependencies/dependency/")
                    || p.startsWith("project/dependencyManagement/dependencies/dependency/")
                    || p.startsWith("project/build/plugins/plugin/") || p.startsWith("project/parent/"))
                    && p.chars().filter(c -> c == '/').count() == depthOfDirectChild(p)) {
                current.putIfAbsent(name, value);
            }
        }

        /** Number of slashes in the path of a direct child of the element being collected. */
        private static long depthOfDirectChild(String p) {
            if (p.startsWith("project/dependencyManagement/") || p.startsWith("project/build/")) {
                return 4;
            }
            if (p.startsWith("project/parent/")) {
                return 2;
            }
            return 3;
        }

        private int offset(Location loc) {
            int line = Math.max(1, loc.getLineNumber());
            if (line > file.lineCount()) {
                return file.text().length();
            }
            int base = file.lineStart(line) + (line == 1 ? file.contentStart() : 0);
            return Math.min(file.lineEnd(line) + (line < file.lineCount() ? 1 : 0), base + Math.max(0, loc.getColumnNumber() - 1));
        }

        private static String pathString(Deque<String> path) {
            StringBuilder b = new StringBuilder();
            var it = path.descendingIterator();
            while (it.hasNext()) {
                if (b.length() > 0) {
                    b.append('/');
                }
                b.append(it.next());
            }
            return b.toString();
        }
    }
}
