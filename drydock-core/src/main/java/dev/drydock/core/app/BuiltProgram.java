package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which program of a multi-program build context the Dockerfile builds: the Go main package {@code go build} names
 * ({@code go build -o /out/api ./cmd/api}), the Rust binary {@code cargo build --bin NAME} or {@code -p NAME} builds
 * or the one copied out of {@code target/release/NAME}. Used to read only that program's listeners and routes.
 */
final class BuiltProgram {

    private static final Pattern NITRO_PRESET = Pattern.compile("(?:^|[\\s;&|])(?:NITRO|SERVER)_PRESET=(\\S+)"
            + "|\\b(?:nuxi|nuxt|nitro)\\s+build\\b[^;&|\\n]*?--preset[=\\s]+(\\S+)");
    private static final Pattern MAVEN_MODULE = Pattern.compile(
            "\\b(?:mvn|mvnw)\\b[^;&|\\n]*?\\s(-pl|--projects|-f|--file)[=\\s]+(\\S+)");
    private static final Pattern GRADLE_TASK = Pattern.compile("\\bgradlew?\\b[^;&|\\n]*?\\s((?::?[\\w.-]+)+):[\\w]+\\b");
    private static final Pattern GRADLE_DIR = Pattern.compile("\\bgradlew?\\b[^;&|\\n]*?\\s(?:-p|--project-dir)[=\\s]+(\\S+)");
    /** A jar of a Maven or Gradle build's output folder: the module's folder before it, the jar's name. */
    private static final Pattern BUILT_JAR = Pattern.compile("^(?:\\./)?(?:(.*)/)?(?:target|build/libs)/([^/]+)\\.jar$");
    private static final Pattern GO_BUILD = Pattern.compile("\\bgo\\s+build\\b([^;&|\\n]*)");
    private static final Set<String> GO_VALUE_FLAGS = Set.of("-o", "-ldflags", "-gcflags", "-tags", "-mod", "-p",
            "-buildmode", "-asmflags", "-installsuffix", "-modfile", "-pkgdir", "-toolexec", "-overlay", "-pgo",
            "-compiler", "-gccgoflags", "-C");
    private static final Pattern CARGO_NAMED = Pattern.compile(
            "\\bcargo\\s+(?:build|install|run|auditable\\s+build|zigbuild|chef\\s+cook)\\b[^;&|\\n]*?(?:--bin|--package|-p)[=\\s]+([\\w-]+)");
    private static final Pattern TARGET_BINARY = Pattern.compile("(?:^|/)target/(?:[\\w.-]+/)?(?:release|debug)/([\\w-]+)$");
    private static final Pattern PACKAGE_NAME = Pattern.compile("(?ms)^\\[package]\\s*$.*?^\\s*name\\s*=\\s*\"([^\"]+)\"");
    private static final Pattern BIN_NAME = Pattern.compile("(?ms)^\\[\\[bin]]\\s*$[^\\[]*?^\\s*name\\s*=\\s*\"([^\"]+)\"");

    private BuiltProgram() {}

    /**
     * The folder of the Go main package the Dockerfile builds, as a project path, when it names one that holds Go
     * files; null otherwise (a build of ".", of several packages, or none seen).
     */
    static String goMainDir(DockerfileModel model, String context, SourceSet files) {
        if (model == null) {
            return null;
        }
        Set<String> dirs = new LinkedHashSet<>();
        for (String text : runTexts(model)) {
            Matcher m = GO_BUILD.matcher(text);
            while (m.find()) {
                String[] words = m.group(1).trim().split("\\s+");
                for (int i = 0; i < words.length; i++) {
                    String w = words[i].replaceAll("^[\"']|[\"']$", "");
                    if (w.startsWith("-")) {
                        i += GO_VALUE_FLAGS.contains(w) ? 1 : 0;
                    } else if (!w.isEmpty()) {
                        dirs.add(w);
                    }
                }
            }
        }
        if (dirs.size() != 1) {
            return null;
        }
        String pkg = dirs.iterator().next();
        String dir = PathNames.normalizeRelative(PathNames.join(context == null ? "" : context, pkg));
        if (dir == null || dir.isEmpty() || pkg.contains("...") || pkg.equals(".")) {
            return null;
        }
        return files.paths().stream().anyMatch(p -> p.endsWith(".go") && PathNames.parent(p).equals(dir)) ? dir : null;
    }

    /**
     * The Cargo manifests of the Rust program the Dockerfile builds: every library crate and the binary crate named
     * by {@code --bin}, {@code -p} or the copied {@code target/release/NAME}; all of them when no name is seen or
     * none of the crates has it.
     */
    static List<Manifest> rustCrates(DockerfileModel model, List<Manifest> manifests, SourceSet files) {
        if (model == null) {
            return manifests;
        }
        Set<String> names = new LinkedHashSet<>();
        for (String text : runTexts(model)) {
            Matcher m = CARGO_NAMED.matcher(text);
            while (m.find()) {
                names.add(m.group(1));
            }
        }
        for (Stage stage : model.stages()) {
            for (CopyCommand copy : stage.copies()) {
                if (!copy.fromContext()) {
                    copy.sources().stream().map(TARGET_BINARY::matcher).filter(Matcher::find)
                            .forEach(m -> names.add(m.group(1)));
                }
            }
        }
        List<Manifest> crates = manifests.stream().filter(m -> m.kind() == ManifestKind.CARGO_TOML).toList();
        if (names.isEmpty() || crates.size() < 2) {
            return manifests;
        }
        List<Manifest> out = new ArrayList<>();
        boolean matched = false;
        for (Manifest m : manifests) {
            if (m.kind() != ManifestKind.CARGO_TOML) {
                out.add(m);
                continue;
            }
            String dir = PathNames.parent(m.file());
            String cargo = files.read(m.file()).map(SourceFile::text).orElse("");
            Set<String> binaries = binaries(cargo, dir, files);
            if (binaries.isEmpty()) {
                out.add(m);
            } else if (binaries.stream().anyMatch(names::contains) || packageName(cargo).map(names::contains).orElse(false)) {
                out.add(m);
                matched = true;
            }
        }
        return matched ? out : manifests;
    }

    /** The binaries a crate builds: its [[bin]] targets, and its package name when it has a src/main.rs. */
    private static Set<String> binaries(String cargo, String dir, SourceSet files) {
        Set<String> out = new LinkedHashSet<>();
        Matcher bin = BIN_NAME.matcher(cargo);
        while (bin.find()) {
            out.add(bin.group(1));
        }
        if (files.contains(PathNames.join(dir, "src/main.rs"))) {
            packageName(cargo).ifPresent(out::add);
        }
        String binDir = PathNames.join(dir, "src/bin");
        files.paths().stream().filter(p -> p.endsWith(".rs") && PathNames.parent(p).equals(binDir))
                .forEach(p -> out.add(PathNames.fileName(p).replaceAll("\\.rs$", "")));
        return out;
    }

    private static java.util.Optional<String> packageName(String cargo) {
        Matcher m = PACKAGE_NAME.matcher(cargo);
        return m.find() ? java.util.Optional.of(m.group(1)) : java.util.Optional.empty();
    }

    /**
     * What the Dockerfile names of the JVM module it builds: the folders and jar names of the jars it copies
     * ({@code COPY api/target/*.jar}, {@code COPY --from=build /src/api/build/libs/api-1.0.jar}), the projects
     * {@code mvn -pl api} or {@code --projects :api} and {@code -f api/pom.xml} build, and the Gradle projects of
     * {@code gradle :api:bootJar} or {@code -p api}; empty when it names none.
     */
    static List<String> jvmModules(DockerfileModel model) {
        if (model == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String text : runTexts(model)) {
            Matcher m = MAVEN_MODULE.matcher(text);
            while (m.find()) {
                for (String name : unquoted(m.group(2)).split(",")) {
                    out.add(m.group(1).startsWith("-f") || m.group(1).equals("--file") ? PathNames.parent(name) : name);
                }
            }
            Matcher task = GRADLE_TASK.matcher(text);
            while (task.find()) {
                out.add(task.group(1));
            }
            Matcher dir = GRADLE_DIR.matcher(text);
            while (dir.find()) {
                out.add(unquoted(dir.group(1)));
            }
        }
        for (Stage stage : model.stages()) {
            for (CopyCommand copy : stage.copies()) {
                for (String source : copy.sources()) {
                    Matcher jar = BUILT_JAR.matcher(source);
                    if (jar.find()) {
                        if (jar.group(1) != null && !jar.group(1).isEmpty()) {
                            out.add(jar.group(1));
                        }
                        if (!jar.group(2).contains("*")) {
                            out.add(jar.group(2).replaceAll("-\\d.*$", ""));
                        }
                    }
                }
            }
        }
        return out;
    }

    /**
     * The Nitro preset a build stage asks for: a NITRO_PRESET or SERVER_PRESET variable (ENV or ARG with a value, or
     * an assignment before a RUN's command) or the --preset of a nuxi, nuxt or nitro build; null when none is written.
     */
    static String nitroPreset(DockerfileModel model) {
        if (model == null) {
            return null;
        }
        for (Stage stage : model.stages()) {
            for (String name : List.of("NITRO_PRESET", "SERVER_PRESET")) {
                var defined = stage.variables().definition(name);
                if (defined != null && defined.value() != null && !defined.value().isBlank()) {
                    return unquoted(defined.value());
                }
            }
        }
        for (String text : runTexts(model)) {
            Matcher m = NITRO_PRESET.matcher(text);
            if (m.find()) {
                return unquoted(m.group(1) != null ? m.group(1) : m.group(2));
            }
        }
        return null;
    }

    private static String unquoted(String value) {
        return value.strip().replaceAll("^[\"']|[\"']$", "");
    }

    private static List<String> runTexts(DockerfileModel model) {
        List<String> out = new ArrayList<>();
        for (Stage stage : model.stages()) {
            for (CommandSpec run : stage.runs()) {
                out.add(run.execForm() ? String.join(" ", run.arguments()) : run.shellText());
            }
        }
        return out;
    }
}
