package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The configuration of one Spring Boot module as the container's application sees it: the {@code application}
 * properties and YAML files of the module's {@code src/main/resources} (and its {@code config/} folder) packaged into
 * the jar, those of the module's own folder and its {@code config/} (read as the working folder's files), the
 * profile-specific files and documents of the active profiles, and the environment above them all. Files are
 * applied in Spring Boot's order: packaged files, then packaged profile files, then outside files, then outside
 * profile files; within a location a {@code .properties} file over a YAML one, a later document over an earlier one.
 *
 * <p>Keys are matched with Spring's relaxed binding: {@code context-path}, {@code contextPath} and
 * {@code context_path} are one key, and {@code SERVER_SERVLET_CONTEXTPATH} or {@code SERVER_SERVLET_CONTEXT_PATH}
 * in the environment binds to it.
 */
final class SpringConfig {

    /** A key set by a file: where, and its value. */
    record Setting(String file, int line, String value) {}

    /** A document read, and whether it applies under the active profiles. */
    private record Read(PropertyFiles.Document doc, boolean applies) {}

    private static final Pattern SIMPLE_PROFILES = Pattern.compile("[\\w.\\-!,\\s]+");

    private final String module;
    private final List<Read> documents;
    private final List<String> profiles;
    private final boolean profilesKnown;
    private final Map<String, String> env;
    private final boolean bootstrap;

    private SpringConfig(String module, List<Read> documents, List<String> profiles, boolean profilesKnown,
            Map<String, String> env, boolean bootstrap) {
        this.module = module;
        this.documents = documents;
        this.profiles = profiles;
        this.profilesKnown = profilesKnown;
        this.env = env;
        this.bootstrap = bootstrap;
    }

    /**
     * Reads the configuration of the module in {@code module} (a project folder, "" for the root).
     *
     * @param env the environment with the java command's properties written as the variables they bind from
     */
    static SpringConfig read(String module, SourceSet files, Map<String, String> env) {
        String resources = PathNames.join(module, "src/main/resources");
        List<String> packaged = List.of(resources, PathNames.join(resources, "config"));
        List<String> outside = List.of(module, PathNames.join(module, "config"));
        List<PropertyFiles.Document> packagedMain = documents(packaged, "application", files);
        List<PropertyFiles.Document> outsideMain = documents(outside, "application", files);
        List<PropertyFiles.Document> main = new ArrayList<>(packagedMain);
        main.addAll(outsideMain);
        SpringProfiles resolved = SpringProfiles.resolve(main.stream().filter(d -> activation(d) == null
                && lookup(d, "spring.config.activate.on-cloud-platform") == null).toList(), env);
        boolean known = resolved.known();
        List<String> profiles = resolved.active();
        List<Read> out = new ArrayList<>();
        List<String> active1 = profiles;
        packagedMain.forEach(d -> out.add(judge(d, active1, known)));
        profiles.forEach(p -> documents(packaged, "application-" + p, files).forEach(d -> out.add(judge(d, active1, known))));
        outsideMain.forEach(d -> out.add(judge(d, active1, known)));
        profiles.forEach(p -> documents(outside, "application-" + p, files).forEach(d -> out.add(judge(d, active1, known))));
        for (String folder : List.of(resources, PathNames.join(resources, "config"), module, PathNames.join(module, "config"))) {
            for (String p : files.paths()) {
                String name = PathNames.fileName(p);
                if (PathNames.parent(p).equals(folder) && name.matches("application-.+\\.(properties|ya?ml)")
                        && profiles.stream().noneMatch(a -> name.startsWith("application-" + a + "."))) {
                    files.read(p).ifPresent(f -> PropertyFiles.documents(f)
                            .forEach(d -> out.add(new Read(d, false))));
                }
            }
        }
        boolean bootstrap = false;
        for (String folder : packaged) {
            for (String p : files.paths()) {
                bootstrap |= PathNames.parent(p).equals(folder) && PathNames.fileName(p).matches("bootstrap.*\\.(properties|ya?ml)")
                        && files.read(p).map(f -> !f.text().isBlank()).orElse(false);
            }
        }
        return new SpringConfig(module, List.copyOf(out), List.copyOf(profiles), known, Map.copyOf(env), bootstrap);
    }

    /** The documents of the files named {@code base} in the folders, from the lowest precedence to the highest. */
    private static List<PropertyFiles.Document> documents(List<String> folders, String base, SourceSet files) {
        List<PropertyFiles.Document> out = new ArrayList<>();
        for (String folder : folders) {
            for (String ext : List.of(".yaml", ".yml", ".properties")) {
                files.read(PathNames.join(folder, base + ext)).map(PropertyFiles::documents).ifPresent(out::addAll);
            }
        }
        return out;
    }

    private static Read judge(PropertyFiles.Document doc, List<String> profiles, boolean known) {
        if (lookup(doc, "spring.config.activate.on-cloud-platform") != null) {
            return new Read(doc, false);
        }
        String on = activation(doc);
        if (on == null) {
            return new Read(doc, true);
        }
        if (!known || !SIMPLE_PROFILES.matcher(on).matches()) {
            return new Read(doc, false);
        }
        for (String p : on.split(",")) {
            String name = p.strip();
            boolean matches = name.startsWith("!") ? !profiles.contains(name.substring(1).strip()) : profiles.contains(name);
            if (!name.isEmpty() && matches) {
                return new Read(doc, true);
            }
        }
        return new Read(doc, false);
    }

    /** The profiles a document applies under ({@code spring.config.activate.on-profile}, Boot 1's spring.profiles). */
    private static String activation(PropertyFiles.Document doc) {
        String on = lookup(doc, "spring.config.activate.on-profile");
        return on != null ? on : lookup(doc, "spring.profiles");
    }

    static String lookup(PropertyFiles.Document doc, String key) {
        String wanted = relaxed(key);
        String out = null;
        for (Map.Entry<String, String> e : doc.values().entrySet()) {
            if (relaxed(e.getKey()).equals(wanted)) {
                out = e.getValue();
            }
        }
        return out;
    }

    /** A key as Spring's relaxed binding compares it: lower case, without dashes or underscores. */
    static String relaxed(String key) {
        return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }

    /** The folder of the module. */
    String module() {
        return module;
    }

    /**
     * The active profiles in the order their files apply, the last winning: those spring.profiles.include adds, then
     * the active ones, each followed by the members of its group; spring.profiles.default's ("default") when none is
     * active; empty when they cannot be told (a placeholder).
     */
    List<String> profiles() {
        return profiles;
    }

    /**
     * The value of a key: from the environment (its canonical variable, {@code SERVER_SERVLET_CONTEXTPATH}, or the
     * legacy one with underscores for dashes), else from the file of highest precedence that sets it.
     */
    Optional<String> value(String key) {
        for (String variable : variables(key)) {
            if (env.containsKey(variable)) {
                return Optional.of(env.get(variable));
            }
        }
        return setting(key).map(Setting::value);
    }

    /** The environment variable that sets the key ({@code SERVER_PORT} for server.port), when the environment does. */
    Optional<String> variable(String key) {
        return variables(key).stream().filter(env::containsKey).findFirst();
    }

    /** Whether the environment or an applied file sets the key. */
    boolean has(String key) {
        return value(key).isPresent();
    }

    /** The first of the keys with a non-blank value, stripped, else the fallback. */
    String first(String fallback, String... keys) {
        for (String k : keys) {
            String v = value(k).orElse(null);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return fallback;
    }

    /** Where an applied file sets the key, the last in precedence order; files only, not the environment. */
    Optional<Setting> setting(String key) {
        String wanted = relaxed(key);
        Setting out = null;
        for (Read r : documents) {
            if (!r.applies()) {
                continue;
            }
            for (Map.Entry<String, String> e : r.doc().values().entrySet()) {
                if (relaxed(e.getKey()).equals(wanted)) {
                    out = new Setting(r.doc().file(), r.doc().lines().getOrDefault(e.getKey(), 1), e.getValue());
                }
            }
        }
        return Optional.ofNullable(out);
    }

    /** The keys the applied files and the environment set, the variables written as keys ({@code server.port}). */
    Set<String> keys() {
        Set<String> out = new LinkedHashSet<>();
        documents.stream().filter(Read::applies).forEach(r -> out.addAll(r.doc().values().keySet()));
        env.keySet().forEach(k -> out.add(k.toLowerCase(Locale.ROOT).replace('_', '.')));
        return out;
    }

    /**
     * Whether configuration drydock does not apply may set a key matching {@code pattern}: a document of a profile
     * that is not active (which a deployment may yet activate) or of a condition drydock cannot tell, or a
     * bootstrap file (read before the application's configuration, by Spring Cloud).
     */
    boolean mayBeSetElsewhere(Pattern pattern) {
        if (bootstrap) {
            return true;
        }
        return documents.stream().filter(r -> !r.applies())
                .anyMatch(r -> r.doc().values().keySet().stream().anyMatch(k -> pattern.matcher(k).find()));
    }

    /** Whether a document that does not apply (a profile's, or of a condition drydock cannot tell) sets the key. */
    boolean setByInactiveDocument(String key) {
        String wanted = relaxed(key);
        return documents.stream().filter(r -> !r.applies())
                .anyMatch(r -> r.doc().values().keySet().stream().anyMatch(k -> relaxed(k).equals(wanted)));
    }

    /** Whether the active profiles are those written (not a placeholder). */
    boolean profilesKnown() {
        return profilesKnown;
    }

    /** The variables a key binds from: the canonical one and the legacy one with underscores for dashes. */
    private static List<String> variables(String key) {
        String upper = key.toUpperCase(Locale.ROOT).replace('.', '_');
        return List.of(upper.replace("-", ""), upper.replace('-', '_'));
    }
}
