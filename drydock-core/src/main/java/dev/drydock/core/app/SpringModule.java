package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The Spring Boot module of a build: the Maven or Gradle build file that depends on Spring Boot, and the dependencies
 * it has, its own and those a parent POM declares for its modules. In a multi-module build it is the module the
 * Dockerfile builds or copies ({@link BuiltProgram#jvmModules}); else, among those no other one depends on, the one that
 * serves HTTP with the actuator, then one that serves HTTP, then the first. A module's dependencies include those of the
 * modules of the build it depends on ({@link ModuleDependencies}).
 */
record SpringModule(Manifest build, List<Manifest> parents, List<Manifest> upstream, List<Dependency> dependencies) {

    /** Code that serves paths in a Spring application: controllers, routers, servlets. */
    private static final Pattern WEB_CODE = Pattern.compile("@(?:[\\w.]+\\.)?(?:RestController|Controller|RequestMapping"
            + "|WebServlet|Endpoint|WebEndpoint)\\b|\\bRouterFunction\\b|\\bcoRouter\\b|\\bHttpServlet\\b");
    private static final Set<String> WEB = Set.of("org.springframework.boot:spring-boot-starter-web",
            "org.springframework.boot:spring-boot-starter-webflux", "org.springframework:spring-webmvc",
            "org.springframework:spring-webflux");

    /** The module's folder, a project path. */
    String dir() {
        return PathNames.parent(build.file());
    }

    boolean has(String coordinates) {
        return dependencies.stream().anyMatch(d -> d.name().toLowerCase(Locale.ROOT).equals(coordinates));
    }

    boolean hasActuator() {
        return dependencies.stream().anyMatch(d -> d.name().toLowerCase(Locale.ROOT).endsWith(":spring-boot-starter-actuator"));
    }

    /** The build file that declares a dependency of the module: its own, a parent's or a module's it depends on. */
    String fileOf(Dependency d) {
        return build.dependencies().contains(d) ? build.file() : java.util.stream.Stream.concat(parents.stream(),
                upstream.stream()).filter(p -> p.dependencies().contains(d)).map(Manifest::file).findFirst()
                .orElse(build.file());
    }

    /** The actuator's dependency, or null. */
    Dependency actuator() {
        return dependencies.stream().filter(d -> d.name().toLowerCase(Locale.ROOT).endsWith(":spring-boot-starter-actuator"))
                .findFirst().orElse(null);
    }

    /** Whether the module serves HTTP through Spring MVC or WebFlux. */
    boolean servesWeb() {
        return dependencies.stream().anyMatch(d -> !d.isDev() && WEB.contains(d.name().toLowerCase(Locale.ROOT)));
    }

    /**
     * The sources of the application: those {@link JvmControllers#applicationSources} reads for a build of one module;
     * for a module of a larger build held in the build context, the module's own, and null when a module it depends
     * on declares controllers, routers or servlets the application may pick up.
     */
    Map<String, String> sources(String context, SourceSet files) {
        String root = buildRoot(files);
        String ctx = context == null ? "" : context;
        if (root == null || !PathNames.isUnder(root, ctx)) {
            return JvmControllers.applicationSources(build, context, files);
        }
        String own = files.read(build.file()).map(f -> f.text()).orElse("");
        for (String p : files.paths()) {
            int main = p.indexOf("src/main/");
            if (main < 0 || !PathNames.isUnder(p, root) || PathNames.isUnder(p, dir()) || !p.matches(".*\\.(java|kt)")) {
                continue;
            }
            String other = main == 0 ? "" : p.substring(0, main - 1);
            if (files.read(p).map(f -> WEB_CODE.matcher(f.text()).find()).orElse(false) && dependsOn(own, other, files)) {
                return null;
            }
        }
        return JvmControllers.sources(dir(), files);
    }

    /** Whether the module's build file names the module in {@code folder} as a dependency (or cannot be told). */
    private static boolean dependsOn(String buildText, String folder, SourceSet files) {
        String name = PathNames.fileName(folder);
        String artifact = ModuleDependencies.artifactId(files, PathNames.join(folder, "pom.xml")).orElse(name);
        return folder.isEmpty() || buildText.contains("<artifactId>" + artifact + "</artifactId>")
                || buildText.matches("(?s).*project\\s*\\(\\s*(?:path\\s*[:=]\\s*)?['\"]:?(?:[\\w.-]+:)*" + Pattern.quote(name)
                        + "['\"].*") || buildText.contains("projects." + name);
    }

    /** The folder above the module that holds the build it belongs to (settings.gradle, a POM with modules), or null. */
    private String buildRoot(SourceSet files) {
        return dir().isEmpty() ? null : buildRootAtOrAbove(PathNames.parent(dir()), files, true);
    }

    /**
     * The nearest folder at or above {@code dir}, up to the project root, that holds the root of a multi-module build:
     * a Gradle settings file (settings.gradle or settings.gradle.kts), or with {@code maven} a POM that lists modules;
     * null when none does.
     */
    static String buildRootAtOrAbove(String dir, SourceSet files, boolean maven) {
        String folder = dir;
        while (true) {
            if (files.read(PathNames.join(folder, "settings.gradle")).isPresent()
                    || files.read(PathNames.join(folder, "settings.gradle.kts")).isPresent()
                    || maven && files.read(PathNames.join(folder, "pom.xml"))
                            .map(f -> f.text().contains("<modules>")).orElse(false)) {
                return folder;
            }
            if (folder.isEmpty() || folder.equals("/")) {
                return null;
            }
            folder = PathNames.parent(folder);
        }
    }

    /**
     * The Spring Boot module among the manifests, or null when none depends on Spring Boot.
     *
     * @param built what the Dockerfile names of the module it builds: folders, artifact or project names
     * @param context the build context, which folders are relative to
     */
    static SpringModule locate(List<Manifest> manifests, List<String> built, String context, SourceSet files) {
        List<SpringModule> boot = new ArrayList<>();
        ModuleDependencies modules = new ModuleDependencies(manifests, files);
        for (Manifest m : manifests) {
            if (m.kind() != ManifestKind.POM_XML && m.kind() != ManifestKind.GRADLE) {
                continue;
            }
            List<Dependency> deps = new ArrayList<>(m.dependencies());
            List<Manifest> parents = new ArrayList<>();
            for (Manifest parent : manifests) {
                if (parent != m && parent.kind() == m.kind() && inherited(parent, m, files)) {
                    deps.addAll(parent.dependencies());
                    parents.add(parent);
                }
            }
            List<Manifest> upstream = modules.upstream(m);
            deps.addAll(ModuleDependencies.runtimeDependencies(upstream));
            if (deps.stream().anyMatch(d -> d.name().toLowerCase(Locale.ROOT).startsWith("org.springframework.boot:"))) {
                boot.add(new SpringModule(m, List.copyOf(parents), upstream, List.copyOf(deps)));
            }
        }
        if (boot.size() > 1) {
            List<SpringModule> named = boot.stream().filter(s -> built.stream().anyMatch(b -> s.namedBy(b, context, files)))
                    .toList();
            if (named.size() == 1) {
                return named.get(0);
            }
        }
        return boot.stream().min(Comparator.comparingInt(s -> (boot.stream().anyMatch(o -> o.upstream().contains(s.build()))
                ? 8 : 0) + (aggregates(s.build(), files) ? 4 : 0)
                + (s.servesWeb() ? 0 : 2) + (s.hasActuator() ? 0 : 1))).orElse(null);
    }

    /** Whether a build file builds modules of its own (a POM with modules, a Gradle build beside its settings). */
    private static boolean aggregates(Manifest m, SourceSet files) {
        String dir = PathNames.parent(m.file());
        return m.kind() == ManifestKind.POM_XML
                ? files.read(m.file()).map(f -> f.text().contains("<modules>")).orElse(false)
                : files.read(PathNames.join(dir, "settings.gradle")).map(f -> f.text().contains("include")).orElse(false)
                        || files.read(PathNames.join(dir, "settings.gradle.kts")).map(f -> f.text().contains("include"))
                                .orElse(false);
    }

    /** Whether the parent's dependencies reach the module: a POM with modules above it, a Gradle build configuring its subprojects. */
    private static boolean inherited(Manifest parent, Manifest module, SourceSet files) {
        String dir = PathNames.parent(parent.file());
        if (!PathNames.isUnder(PathNames.parent(module.file()), dir) || dir.equals(PathNames.parent(module.file()))) {
            return false;
        }
        String text = files.read(parent.file()).map(f -> f.text()).orElse("");
        return parent.kind() == ManifestKind.POM_XML ? text.contains("<modules>")
                : text.contains("subprojects") || text.contains("allprojects");
    }

    /** Whether a name the Dockerfile gives is this module's: its folder (as a suffix of a path), artifact or project. */
    private boolean namedBy(String name, String context, SourceSet files) {
        String folder = dir();
        String relative = context == null || context.isEmpty() ? folder
                : PathNames.isUnder(folder, context) ? folder.substring(context.length() + 1) : folder.equals(context) ? "" : folder;
        String n = name.replaceAll("/+$", "");
        if (!relative.isEmpty() && (n.equals(relative) || n.endsWith("/" + relative)
                || n.startsWith(":") && n.substring(1).replace(':', '/').equals(relative))) {
            return true;
        }
        String simple = n.startsWith(":") ? n.substring(n.lastIndexOf(':') + 1) : n.contains(":") ? n.substring(n.lastIndexOf(':') + 1) : n;
        if (build.kind() == ManifestKind.POM_XML) {
            String artifact = ModuleDependencies.artifactId(files, build.file()).orElse(null);
            return simple.equals(artifact);
        }
        return !relative.isEmpty() && simple.equals(PathNames.fileName(relative)) && !n.contains("/");
    }

}
