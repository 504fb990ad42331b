package dev.drydock.core.manifest;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A light, line-based reading of {@code build.gradle} and {@code build.gradle.kts}: not a Groovy
 * or Kotlin parser, but enough to know the applied plugins (in a {@code plugins {}} block or by
 * {@code apply plugin:}), dependencies in string notation ({@code implementation 'g:a:v'},
 * {@code implementation("g:a:v")}, also inside {@code platform(...)}), dependencies and plugins of the version
 * catalog ({@code implementation(libs.ktor.server.netty)}, {@code alias(libs.plugins.quarkus)}), the application
 * main class and the Java version. Comments are skipped; anything else is ignored, never an error.
 */
public final class GradleBuild {

    public record GradlePlugin(String id, String version, Span span) {}

    /** A dependency in string notation; {@code version} is null when the notation has none (managed by a platform). */
    public record GradleDependency(String configuration, String group, String name, String version, Span span) {

        public String coordinates() {
            return group + ":" + name;
        }

        /** A fixed version: present, no {@code +}, no range, not {@code latest.*}, not a SNAPSHOT. */
        public boolean isPinned() {
            return version != null && !version.contains("+") && !version.startsWith("[") && !version.startsWith("(")
                    && !version.startsWith("latest.") && !version.endsWith("-SNAPSHOT") && !version.contains("$");
        }
    }

    private static final Pattern PLUGIN_ID = Pattern.compile(
            "\\bid\\s*\\(?\\s*[\"']([^\"']+)[\"']\\s*\\)?(?:\\s*version\\s*\\(?\\s*[\"']([^\"']+)[\"']\\s*\\)?)?");
    private static final Pattern KOTLIN_PLUGIN = Pattern.compile("\\bkotlin\\s*\\(\\s*\"([^\"]+)\"\\s*\\)(?:\\s*version\\s*\"([^\"]+)\")?");
    private static final Pattern CORE_PLUGIN = Pattern.compile("^\\s*`?(application|java|java-library|war|groovy|base)`?\\s*$");
    private static final Pattern APPLY_PLUGIN = Pattern.compile("apply\\s*\\(?\\s*plugin\\s*[:=]\\s*[\"']([^\"']+)[\"']");
    private static final Pattern DEPENDENCY = Pattern.compile(
            "^\\s*([A-Za-z]+)\\s*[\\s(]\\s*(?:(?:platform|enforcedPlatform)\\s*\\(\\s*)?[\"']([^\"':\\s]+):([^\"':\\s]+)(?::([^\"':@\\s]+))?(?::[^\"'@]*)?(?:@[A-Za-z]+)?[\"']");
    private static final Pattern CATALOG_DEPENDENCY = Pattern.compile(
            "^\\s*([A-Za-z]+)\\s*[\\s(]\\s*(?:(?:platform|enforcedPlatform)\\s*\\(\\s*)?libs\\.([A-Za-z0-9_.]+)");
    private static final Pattern CATALOG_PLUGIN = Pattern.compile("\\balias\\s*\\(\\s*libs\\.plugins\\.([A-Za-z0-9_.]+)\\s*\\)(.*)");
    private static final Pattern MAIN_CLASS = Pattern.compile("\\bmainClass(?:Name)?\\s*(?:=|\\.set\\s*\\()\\s*[\"']([^\"']+)[\"']");
    private static final Pattern TOOLCHAIN = Pattern.compile("JavaLanguageVersion\\.of\\s*\\(\\s*[\"']?([0-9]+)[\"']?\\s*\\)");
    private static final Pattern COMPATIBILITY = Pattern.compile(
            "\\bsourceCompatibility\\s*=\\s*(?:JavaVersion\\.VERSION_)?[\"']?([0-9][0-9_.]*)[\"']?");
    private static final Set<String> CONFIGURATIONS = Set.of("implementation", "api", "compileOnly", "runtimeOnly",
            "testImplementation", "testRuntimeOnly", "testCompileOnly", "annotationProcessor", "developmentOnly", "kapt",
            "compile", "runtime", "testCompile", "compileOnlyApi", "testFixturesImplementation");

    private final SourceFile file;
    private final List<GradlePlugin> plugins;
    private final List<GradleDependency> dependencies;
    private final String mainClass;
    private final String javaVersion;

    private GradleBuild(SourceFile file, List<GradlePlugin> plugins, List<GradleDependency> dependencies, String mainClass,
            String javaVersion) {
        this.file = file;
        this.plugins = List.copyOf(plugins);
        this.dependencies = List.copyOf(dependencies);
        this.mainClass = mainClass;
        this.javaVersion = javaVersion;
    }

    /** Reads a build file without a version catalog: its {@code libs} references add nothing. */
    public static GradleBuild parse(SourceFile file) {
        return parse(file, VersionCatalog.empty());
    }

    /**
     * Reads a build file with the default version catalog of its build, {@value VersionCatalog#PATH} in the nearest
     * folder from the build file's own up to the project root that has one; {@code source} gives a project file's
     * text by its path, empty when there is none.
     */
    public static GradleBuild parse(SourceFile file, Function<String, Optional<SourceFile>> source) {
        String dir = PathNames.parent(file.path());
        while (true) {
            Optional<SourceFile> catalog = source.apply(PathNames.join(dir, VersionCatalog.PATH));
            if (catalog.isPresent()) {
                return parse(file, VersionCatalog.parse(catalog.get()));
            }
            if (dir.isEmpty() || dir.equals("/")) {
                return parse(file);
            }
            dir = PathNames.parent(dir);
        }
    }

    public static GradleBuild parse(SourceFile file, VersionCatalog catalog) {
        List<GradlePlugin> plugins = new ArrayList<>();
        List<GradleDependency> deps = new ArrayList<>();
        String mainClass = null;
        String javaVersion = null;
        boolean inBlockComment = false;
        int pluginsDepth = -1;
        int depth = 0;
        for (int n = 1; n <= file.lineCount(); n++) {
            int lineStart = file.lineStart(n);
            String raw = file.line(n);
            StringBuilder code = new StringBuilder(raw.length());
            inBlockComment = stripComments(raw, inBlockComment, code);
            String line = code.toString();
            String trimmed = line.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int lead = raw.indexOf(trimmed.charAt(0));
            Span span = file.span(lineStart + Math.max(0, lead), lineStart + Math.max(0, lead) + trimmed.length());
            if (pluginsDepth < 0 && trimmed.matches("plugins\\s*\\{.*")) {
                pluginsDepth = depth;
            }
            if (pluginsDepth >= 0) {
                Matcher m = PLUGIN_ID.matcher(line);
                while (m.find()) {
                    plugins.add(new GradlePlugin(m.group(1), m.group(2), span));
                }
                Matcher k = KOTLIN_PLUGIN.matcher(line);
                while (k.find()) {
                    plugins.add(new GradlePlugin("org.jetbrains.kotlin." + k.group(1), k.group(2), span));
                }
                Matcher alias = CATALOG_PLUGIN.matcher(line);
                if (alias.find() && !alias.group(2).matches("\\s*apply\\s*\\(?\\s*false.*")) {
                    catalog.plugin(accessor(alias.group(1)))
                            .ifPresent(p -> plugins.add(new GradlePlugin(p.id(), p.version(), span)));
                }
                Matcher core = CORE_PLUGIN.matcher(line);
                if (core.matches()) {
                    plugins.add(new GradlePlugin(core.group(1), null, span));
                }
            }
            Matcher apply = APPLY_PLUGIN.matcher(line);
            while (apply.find()) {
                plugins.add(new GradlePlugin(apply.group(1), null, span));
            }
            Matcher dep = DEPENDENCY.matcher(line);
            if (dep.find() && CONFIGURATIONS.contains(dep.group(1))) {
                deps.add(new GradleDependency(dep.group(1), dep.group(2), dep.group(3), dep.group(4), span));
            }
            Matcher fromCatalog = CATALOG_DEPENDENCY.matcher(line);
            if (fromCatalog.find() && CONFIGURATIONS.contains(fromCatalog.group(1))) {
                String configuration = fromCatalog.group(1);
                String accessor = accessor(fromCatalog.group(2));
                List<VersionCatalog.Library> libraries = accessor.startsWith("bundles.")
                        ? catalog.bundle(accessor.substring("bundles.".length()))
                        : catalog.library(accessor).map(List::of).orElse(List.of());
                for (VersionCatalog.Library l : libraries) {
                    deps.add(new GradleDependency(configuration, l.group(), l.name(), l.version(), span));
                }
            }
            Matcher main = MAIN_CLASS.matcher(line);
            if (mainClass == null && main.find()) {
                mainClass = main.group(1);
            }
            Matcher toolchain = TOOLCHAIN.matcher(line);
            if (toolchain.find()) {
                javaVersion = toolchain.group(1);
            } else {
                Matcher compat = COMPATIBILITY.matcher(line);
                if (javaVersion == null && compat.find()) {
                    javaVersion = compat.group(1).replace('_', '.').replaceFirst("^1\\.(\\d+)$", "$1");
                }
            }
            for (int i = 0; i < line.length(); i++) {
                char c = line.charAt(i);
                if (c == '{') {
                    depth++;
                } else if (c == '}') {
                    depth--;
                    if (depth <= pluginsDepth) {
                        pluginsDepth = -1;
                    }
                }
            }
        }
        return new GradleBuild(file, plugins, deps, mainClass, javaVersion);
    }

    /** A {@code libs} accessor as the catalog keeps it: lower case, without a trailing {@code .get()}. */
    private static String accessor(String written) {
        String a = written.toLowerCase(Locale.ROOT);
        return a.endsWith(".get") ? a.substring(0, a.length() - ".get".length()) : a;
    }

    /** Copies the code of one line without comments; returns whether a block comment is still open. */
    private static boolean stripComments(String raw, boolean inBlock, StringBuilder out) {
        char quote = 0;
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (inBlock) {
                if (c == '*' && i + 1 < raw.length() && raw.charAt(i + 1) == '/') {
                    inBlock = false;
                    i++;
                }
                continue;
            }
            if (quote != 0) {
                out.append(c);
                if (c == '\\' && i + 1 < raw.length()) {
                    out.append(raw.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'') {
                quote = c;
                out.append(c);
            } else if (c == '/' && i + 1 < raw.length() && raw.charAt(i + 1) == '/') {
                break;
            } else if (c == '/' && i + 1 < raw.length() && raw.charAt(i + 1) == '*') {
                inBlock = true;
                i++;
            } else {
                out.append(c);
            }
        }
        return inBlock;
    }

    public SourceFile file() {
        return file;
    }

    public boolean isKotlinDsl() {
        return file.path().endsWith(".kts");
    }

    public List<GradlePlugin> plugins() {
        return plugins;
    }

    public boolean hasPlugin(String id) {
        return plugins.stream().anyMatch(p -> p.id().equals(id));
    }

    public Optional<GradlePlugin> plugin(String id) {
        return plugins.stream().filter(p -> p.id().equals(id)).findFirst();
    }

    public boolean isSpringBoot() {
        return hasPlugin("org.springframework.boot")
                || dependencies.stream().anyMatch(d -> d.group().equals("org.springframework.boot"));
    }

    /** The {@code application} plugin is applied (it adds {@code run} and start scripts). */
    public boolean isApplication() {
        return hasPlugin("application");
    }

    public List<GradleDependency> dependencies() {
        return dependencies;
    }

    public Optional<GradleDependency> dependency(String group, String name) {
        return dependencies.stream().filter(d -> d.group().equals(group) && d.name().equals(name)).findFirst();
    }

    /** {@code mainClass = "..."} / {@code mainClassName = "..."} / {@code mainClass.set("...")}. */
    public Optional<String> mainClass() {
        return Optional.ofNullable(mainClass);
    }

    /** From a toolchain's {@code JavaLanguageVersion.of(N)}, else {@code sourceCompatibility} ("1.8" as "8"). */
    public Optional<String> javaVersion() {
        return Optional.ofNullable(javaVersion);
    }

    public Manifest toManifest() {
        List<Dependency> deps = dependencies.stream().map(d -> {
            Scope scope = switch (d.configuration()) {
                case "testImplementation", "testRuntimeOnly", "testCompileOnly", "testCompile", "testFixturesImplementation" ->
                    Scope.TEST;
                case "compileOnly", "compileOnlyApi" -> Scope.PEER;
                case "annotationProcessor", "kapt" -> Scope.BUILD;
                case "developmentOnly" -> Scope.DEV;
                default -> Scope.MAIN;
            };
            return new Dependency(d.coordinates(), d.coordinates(), d.version() == null ? "" : d.version(), d.isPinned(),
                    scope, d.configuration(), d.span());
        }).toList();
        return new Manifest(Ecosystem.MAVEN, ManifestKind.GRADLE, file.path(), deps, Set.of(), List.of());
    }
}
