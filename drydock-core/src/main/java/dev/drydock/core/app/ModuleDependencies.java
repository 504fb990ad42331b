package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.manifest.PomXml;
import dev.drydock.core.manifest.Scope;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The modules of the same build that a JVM module has on its run-time class path, directly or through one another:
 * Gradle's {@code implementation project(':api')} (or {@code api}, {@code runtimeOnly}, {@code compile},
 * {@code runtime}, and the type-safe {@code projects.api}), Maven's dependency in compile or runtime scope on a module
 * of the build. Their own run-time dependencies reach the application too: Gradle puts a project dependency's
 * {@code implementation} and {@code api} dependencies on the consumer's run-time class path, Maven its compile and
 * runtime ones. A {@code platform(project(...))} only constrains versions and adds nothing.
 */
final class ModuleDependencies {

    private final List<Manifest> manifests;
    private final SourceSet files;
    /** The artifactId of each POM among the manifests, read once. */
    private final Map<Manifest, Optional<String>> artifactIds = new HashMap<>();

    ModuleDependencies(List<Manifest> manifests, SourceSet files) {
        this.manifests = manifests;
        this.files = files;
    }

    private static final Pattern GRADLE_PROJECT = Pattern.compile(
            "(?m)^\\s*(?:implementation|api|runtimeOnly|compile|runtime)\\s*[\\s(]\\s*"
                    + "(?:project\\s*\\(\\s*(?:path\\s*[:=]\\s*)?['\"]([^'\"]+)['\"]|projects\\.([\\w.]+))");

    /** The build files of the modules {@code module} depends on at run time, nearest first, without {@code module}. */
    List<Manifest> upstream(Manifest module) {
        Set<Manifest> found = new LinkedHashSet<>();
        Deque<Manifest> todo = new ArrayDeque<>(List.of(module));
        while (!todo.isEmpty()) {
            Manifest m = todo.removeFirst();
            for (Manifest next : direct(m)) {
                if (next != module && found.add(next)) {
                    todo.addLast(next);
                }
            }
        }
        return List.copyOf(found);
    }

    /** The run-time dependencies of the upstream modules, which the module's application has on its class path. */
    static List<Dependency> runtimeDependencies(List<Manifest> upstream) {
        return upstream.stream().flatMap(m -> m.dependencies().stream()).filter(d -> d.scope() == Scope.MAIN).toList();
    }

    private List<Manifest> direct(Manifest m) {
        return m.kind() == ManifestKind.GRADLE ? gradleProjects(m)
                : m.kind() == ManifestKind.POM_XML ? mavenModules(m) : List.of();
    }

    private List<Manifest> gradleProjects(Manifest m) {
        String text = files.read(m.file()).map(f -> f.text()).orElse("");
        if (!text.contains("project")) {
            return List.of();
        }
        String root = settingsRoot(PathNames.parent(m.file()));
        List<Manifest> out = new ArrayList<>();
        Matcher p = GRADLE_PROJECT.matcher(text);
        while (p.find()) {
            List<String> segments = p.group(1) != null
                    ? List.of(p.group(1).replaceFirst("^:", "").split(":"))
                    : List.of(p.group(2).replaceFirst("\\.dependencyProject$", "").split("\\."));
            gradleModule(segments, p.group(1) != null, root).ifPresent(out::add);
        }
        return out;
    }

    /**
     * The build file of a Gradle project path: the folder of the same path under the settings' folder, else the one
     * build file whose folder bears the path's last name. Type-safe accessors are camel case (my-lib is myLib), so
     * they are compared without case and separators.
     */
    private Optional<Manifest> gradleModule(List<String> segments, boolean exact, String root) {
        List<Manifest> gradle = manifests.stream().filter(x -> x.kind() == ManifestKind.GRADLE).toList();
        String folder = PathNames.join(root, String.join("/", segments));
        for (Manifest g : gradle) {
            String dir = PathNames.parent(g.file());
            if (exact ? dir.equals(folder) : loose(dir).equals(loose(folder))) {
                return Optional.of(g);
            }
        }
        String last = loose(segments.get(segments.size() - 1));
        List<Manifest> named = gradle.stream().filter(g -> loose(PathNames.fileName(PathNames.parent(g.file()))).equals(last))
                .toList();
        return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
    }

    private static String loose(String path) {
        return path.toLowerCase(Locale.ROOT).replaceAll("[-_]", "");
    }

    /** The nearest folder at or above {@code dir} with a settings file, else the project root. */
    private String settingsRoot(String dir) {
        String root = SpringModule.buildRootAtOrAbove(dir, files, false);
        return root == null ? "" : root;
    }

    private List<Manifest> mavenModules(Manifest m) {
        List<Manifest> out = new ArrayList<>();
        for (Dependency d : m.dependencies()) {
            if (d.scope() != Scope.MAIN || !d.name().contains(":")) {
                continue;
            }
            String artifact = d.name().substring(d.name().indexOf(':') + 1);
            for (Manifest other : manifests) {
                if (other != m && other.kind() == ManifestKind.POM_XML
                        && artifactIds.computeIfAbsent(other, o -> artifactId(files, o.file()))
                                .filter(artifact::equals).isPresent()) {
                    out.add(other);
                }
            }
        }
        return out;
    }

    /** The artifactId a pom.xml declares; empty when it has none or does not parse. */
    static Optional<String> artifactId(SourceSet files, String pom) {
        return files.read(pom).flatMap(f -> {
            try {
                return PomXml.parse(f).artifactId();
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        });
    }
}
