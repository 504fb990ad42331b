package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.ImagePaths;
import dev.drydock.core.project.Project;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Whether a file can be at an absolute path of the image a Dockerfile builds up to a stage, told only where drydock
 * knows every source of the image's files: the first base is scratch or an official image of a language or a system
 * ({@code debian}, {@code python}: {@link StageOutputs}), which fill the system folders alone, and
 * {@link ImagePaths#suppliers} follows the COPY, ADD, WORKDIR and RUN instructions of its stages.
 */
public final class ImageFiles {

    /** The folders the base images and the packages installed in them fill; a path below one may always be there. */
    private static final Set<String> SYSTEM_FOLDERS = Set.of("/usr", "/bin", "/sbin", "/lib", "/lib32", "/lib64",
            "/libx32", "/etc", "/var", "/opt", "/tmp", "/proc", "/sys", "/dev", "/run", "/srv", "/mnt", "/media",
            "/boot", "/go");

    private ImageFiles() {}

    /**
     * Whether something may have put {@code path} (absolute) into the image: empty when drydock cannot tell (an
     * image it does not know the files of, a system folder, a hidden file such as those of /root, a variable).
     */
    public static Optional<Boolean> mayHold(Project project, BuildLink build, Stage stage, String path) {
        return mayHold(project, build, stage, path, run -> false);
    }

    /**
     * As {@link #mayHold(Project, BuildLink, Stage, String)}, with the RUN steps the caller knows cannot write the
     * path ({@code pip install -r requirements.txt} writes below /usr/local alone).
     */
    public static Optional<Boolean> mayHold(Project project, BuildLink build, Stage stage, String path,
            Predicate<RunStep> cannotWrite) {
        return mayHold(project, build, stage, path, cannotWrite, false);
    }

    /**
     * As {@link #mayHold(Project, BuildLink, Stage, String, Predicate)} for a hidden entry of a folder the base image does not
     * hold ({@code /app/.venv}): no base image puts anything there either.
     */
    public static Optional<Boolean> mayHoldHiddenEntry(Project project, BuildLink build, Stage stage, String path,
            Predicate<RunStep> cannotWrite) {
        return mayHold(project, build, stage, path, cannotWrite, true);
    }

    private static Optional<Boolean> mayHold(Project project, BuildLink build, Stage stage, String path,
            Predicate<RunStep> cannotWrite, boolean hiddenEntry) {
        if (build == null || build.model() == null || stage == null || !path.startsWith("/") || path.contains("$")
                || path.contains("*") || path.contains("?") || path.contains("[")) {
            return Optional.empty();
        }
        String p = PathNames.normalizeAbsolute("/", path);
        String checked = hiddenEntry && PathNames.fileName(p).startsWith(".") ? PathNames.parent(p) : p;
        if (!outsideBase(build.model(), stage, checked)) {
            return Optional.empty();
        }
        ImagePaths.Writers writers = new ImagePaths.Writers() {
            @Override
            public boolean baseMayHold(Stage root, String at) {
                return false; // the path lies outside the folders such a base fills
            }

            @Override
            public boolean runMayWrite(Stage s, CommandSpec run, String at) {
                RunStep step = RunStep.of(build.model(), s, run);
                return !cannotWrite.test(step) && StageOutputs.runMayWrite(step, at);
            }

            @Override
            public boolean contextMayHold(String contextPath) {
                return contextPath.isEmpty() || build.ignore().includes(contextPath) && (project.files().exists(
                        BuildContexts.inProject(build, contextPath)) || project.files().isDirectory(
                        BuildContexts.inProject(build, contextPath)));
            }

            @Override
            public boolean namedSourceMayHold(String contextPath) {
                // COPY unkey /unkey of a binary GoReleaser or CI builds before the image: the build brings it, or
                // fails at that COPY (a missing or ignored source): either way no container starts without the file
                return true;
            }
        };
        List<ImagePaths.Supply> suppliers = ImagePaths.suppliers(build.model(), stage, p, writers);
        return Optional.of(!suppliers.isEmpty());
    }

    /**
     * Whether a path (absolute, normalized) lies where the first base image of the stage's lineage holds nothing:
     * the base is scratch, or an official language or system image and the path is neither below one of its system
     * folders nor hidden.
     */
    public static boolean outsideBase(DockerfileModel model, Stage stage, String p) {
        BaseImage base = Stages.rootBase(model, stage);
        boolean scratch = base instanceof BaseImage.Scratch;
        return !p.equals("/") && (scratch || StageOutputs.plainImage(base)) && !hidden(p)
                && (scratch || SYSTEM_FOLDERS.stream().noneMatch(f -> PathNames.isUnder(p, f)));
    }

    /**
     * As {@link #outsideBase}, a folder of its own below /usr/src ({@code /usr/src/app}, where the official images'
     * documentation builds) counted as holding nothing of the base either.
     */
    public static boolean outsideBaseOrSourceFolder(DockerfileModel model, Stage stage, String p) {
        if (outsideBase(model, stage, p)) {
            return true;
        }
        BaseImage base = Stages.rootBase(model, stage);
        return StageOutputs.plainImage(base) && !hidden(p) && p.startsWith("/usr/src/")
                && p.indexOf('/', "/usr/src/".length()) > 0;
    }

    /** A path with a hidden segment ({@code /root/.cargo/bin/app}): base images and tools write such folders. */
    private static boolean hidden(String path) {
        for (String segment : path.substring(1).split("/")) {
            if (segment.startsWith(".")) {
                return true;
            }
        }
        return false;
    }
}
