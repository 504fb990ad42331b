package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Whether a path missing from the project folder is one a step before the image build is expected to make: a build
 * output, a packaged artifact, a file git ignores (made or put in place by CI), or one the CI configuration, a
 * Makefile or a script of the project names.
 */
public final class GeneratedFiles {

    private static final Set<String> OUTPUT_FOLDERS = Set.of("target", "build", "dist", "out", "bin", "obj",
            "publish", "artifacts", "release", "releases", "_build", ".next", ".output", ".nuxt", "node_modules",
            "vendor", "site", "public", "tmp", "generated", "wheels", "wheelhouse");
    private static final List<String> ARTIFACT_ENDINGS = List.of(".jar", ".war", ".ear", ".zip", ".tar", ".tgz",
            ".gz", ".xz", ".bz2", ".whl", ".deb", ".rpm", ".apk", ".exe", ".dll", ".so", ".node", ".wasm",
            ".pem", ".crt", ".key", ".p12", ".pfx", ".jks", ".bin");
    /** How a line of a script or CI step writes a file it names. */
    private static final Pattern WRITES = Pattern.compile(
            "(>|\\b(cp|mv|ln|touch|tee|envsubst|rsync|unzip|tar)\\b|(^|\\s)(-o|-O|--output|-out|--out|--dest)(\\s|=))");
    private static final List<String> BUILD_SCRIPTS = List.of("Makefile", "makefile", "GNUmakefile", "justfile",
            "Justfile", "Taskfile.yml", "Taskfile.yaml", "build.sh", "Earthfile", "Tiltfile", "magefile.go");

    private final Project project;
    private List<SourceFile> naming;

    private GeneratedFiles(Project project) {
        this.project = project;
    }

    /** What the project's steps make, read on first need from its CI files, build scripts and shell scripts. */
    public static GeneratedFiles of(Project project) {
        return new GeneratedFiles(project);
    }

    private static List<SourceFile> naming(Project project) {
        List<String> paths = new ArrayList<>();
        project.layout().ciFiles().forEach(e -> paths.add(e.path()));
        project.layout().entries(FileType.SHELL_SCRIPT).forEach(e -> paths.add(e.path()));
        for (ProjectEntry dockerfile : project.layout().dockerfiles()) {
            String dir = PathNames.parent(dockerfile.path());
            BUILD_SCRIPTS.forEach(name -> paths.add(PathNames.join(dir, name)));
        }
        BUILD_SCRIPTS.forEach(paths::add);
        List<SourceFile> naming = new ArrayList<>();
        paths.stream().distinct().forEach(p -> project.source(p).ifPresent(naming::add));
        return naming;
    }

    /** Whether a step before the build is expected to make {@code path} (project-relative). */
    public boolean expected(String path) {
        String lower = path.toLowerCase(Locale.ROOT);
        if (ARTIFACT_ENDINGS.stream().anyMatch(lower::endsWith)) {
            return true;
        }
        for (String folder : path.split("/")) {
            if (OUTPUT_FOLDERS.contains(folder.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        if (project.gitIgnoring(path).isPresent()) {
            return true;
        }
        String name = PathNames.fileName(path);
        if (naming == null) {
            naming = naming(project);
        }
        for (SourceFile file : naming) {
            if (!file.text().contains(name)) {
                continue;
            }
            for (int n = 1; n <= file.lineCount(); n++) {
                String line = file.line(n);
                if (line.contains(name) && (WRITES.matcher(line).find() || line.strip().startsWith(name + ":"))) {
                    return true;
                }
            }
        }
        return false;
    }
}
