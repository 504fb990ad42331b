package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.entrypoint.Copy;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.ImagePaths;
import dev.drydock.core.project.Project;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** What a build takes from its context: the COPY and ADD instructions that read it, and the paths they bring in. */
public final class BuildContexts {

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");

    private BuildContexts() {}

    /**
     * A COPY or ADD from the build context in a stage the build runs.
     *
     * @param copy the instruction
     * @param stage the stage it belongs to
     * @param workdir the working directory it runs in
     * @param inImage whether the stage is the image's own (the target stage or one it is built on),
     *     as opposed to a stage it only copies files from
     * @param sources the context paths it reads as written (no URLs, no heredocs)
     */
    public record ContextCopy(CopyCommand copy, Stage stage, String workdir, boolean inImage, List<String> sources) {

        /** Whether it copies the whole context ({@code COPY . .}). */
        public boolean wholeContext() {
            return sources.stream().anyMatch(s -> {
                String n = PathNames.normalizeRelative(s);
                return n != null && n.isEmpty();
            });
        }

        /** The instruction as written, on one line: {@code COPY . .}. */
        public String text() {
            return WHITESPACE.matcher(copy.instruction().logicalText().text().strip()).replaceAll(" ");
        }

        public int line() {
            return copy.instruction().startLine();
        }

        List<Copy> asCopies() {
            return sources.isEmpty() ? List.of() : Copy.all(sources, copy.destination(), workdir);
        }
    }

    /**
     * The context copies of the stages a build runs ({@link Stages#needed}), in Dockerfile order.
     */
    public static List<ContextCopy> copies(BuildLink build) {
        if (build == null || build.model() == null || build.stage() == null) {
            return List.of();
        }
        DockerfileModel model = build.model();
        Set<Integer> own = new LinkedHashSet<>();
        for (Stage s : Stages.lineage(model, build.stage())) {
            own.add(s.index());
        }
        List<ContextCopy> out = new ArrayList<>();
        for (Stage stage : Stages.needed(model, build.stage())) {
            for (CopyCommand c : stage.copies()) {
                if (!c.fromContext()) {
                    continue;
                }
                List<String> sources = new ArrayList<>();
                Set<String> heredocNames = new LinkedHashSet<>();
                c.heredocs().forEach(h -> heredocNames.add(h.name()));
                for (int i = 0; i < c.sources().size(); i++) {
                    String s = c.sources().get(i);
                    if (!s.contains("://") && !s.startsWith("git@") && !heredocNames.contains(s)
                            && !c.unresolved(i)) { // `COPY ${NETBOX_PATH} /opt/netbox` with no value: unknown
                        sources.add(s);
                    }
                }
                String workdir = model.step(c.instruction()).map(Step::workdir).map(w -> w.value()).orElse("/");
                out.add(new ContextCopy(c, stage, workdir, own.contains(stage.index()), List.copyOf(sources)));
            }
        }
        return out;
    }

    /**
     * Whether a COPY or ADD of the stage or of the stages it is built on, written before {@code offset}, takes files
     * from another stage or image rather than from the context.
     */
    public static boolean otherSourceBefore(DockerfileModel model, Stage stage, int offset) {
        for (Stage s : Stages.lineage(model, stage)) {
            for (CopyCommand copy : s.copies()) {
                if (!copy.fromContext() && copy.instruction().span().start() < offset) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Where a context path (file or folder) lands in the image through one copy; empty when that copy does not take it. */
    public static List<String> landing(Project project, BuildLink build, ContextCopy copy, String contextPath) {
        ContextPaths paths = new ContextPaths(copy.asCopies(),
                p -> project.files().isDirectory(PathNames.join(build.context(), p)));
        return paths.toContainer(contextPath);
    }

    /**
     * The {@code COPY --from} instructions of the image's own stages that carry a context file or folder, which
     * {@code copy} brought into a builder stage, into the image, directly or through further stages; empty for a
     * copy of the image's own stages and for a builder's file the image does not take.
     */
    public static List<CopyCommand> carriers(BuildLink build, ContextCopy copy, String contextPath) {
        String path = PathNames.normalizeRelative(contextPath);
        if (copy.inImage() || path == null) {
            return List.of();
        }
        DockerfileModel model = build.model();
        ImagePaths.Writers onlyThisFile = new ImagePaths.Writers() {
            @Override
            public boolean baseMayHold(Stage root, String p) {
                return false;
            }

            @Override
            public boolean runMayWrite(Stage stage, CommandSpec run, String p) {
                return false;
            }

            @Override
            public boolean contextMayHold(String copied) {
                return PathNames.isUnder(path, copied);
            }
        };
        List<CopyCommand> out = new ArrayList<>();
        for (Stage stage : Stages.lineage(model, build.stage())) {
            for (CopyCommand c : stage.copies()) {
                if (c.fromStage() < 0 || c.fromStage() >= stage.index()) {
                    continue;
                }
                Stage from = model.stages().get(c.fromStage());
                for (int i = 0; i < c.sources().size(); i++) {
                    if (c.unresolved(i)) {
                        continue;
                    }
                    boolean carries = ImagePaths.suppliers(model, from, c.sources().get(i), onlyThisFile).stream()
                            .anyMatch(s -> s.instruction() == copy.copy().instruction());
                    if (carries) {
                        out.add(c);
                        break;
                    }
                }
            }
        }
        return out;
    }

    /**
     * The {@code COPY --from} instructions that take this context file, brought into a builder stage by {@code copy},
     * into the image by its own name (one source, the file itself): once the file leaves the context they fail, and
     * deleting them keeps the build working. A copy of a folder around the file is not one: it still finds the folder.
     * Empty when one names the file beside other sources, which only an edit of its sources could keep working.
     */
    public static java.util.Optional<List<CopyCommand>> namingCarriers(Project project, BuildLink build,
            ContextCopy copy, String contextPath) {
        List<CopyCommand> out = new ArrayList<>();
        DockerfileModel model = build.model();
        for (CopyCommand carrier : carriers(build, copy, contextPath)) {
            var paths = ImagePaths.of(model, model.stages().get(carrier.fromStage()),
                    p -> project.files().isDirectory(PathNames.join(build.context(), p)));
            boolean names = false;
            for (int i = 0; i < carrier.sources().size(); i++) {
                names |= !carrier.unresolved(i)
                        && paths.toContext(carrier.sources().get(i)).filter(contextPath::equals).isPresent();
            }
            if (names && carrier.sources().size() > 1) {
                return java.util.Optional.empty();
            }
            if (names) {
                out.add(carrier);
            }
        }
        return java.util.Optional.of(out);
    }

    /** The context path one copy puts at a container path; empty when that copy does not put anything there. */
    public static java.util.Optional<String> source(Project project, BuildLink build, ContextCopy copy,
            String containerPath) {
        ContextPaths paths = new ContextPaths(copy.asCopies(),
                p -> project.files().isDirectory(PathNames.join(build.context(), p)));
        return paths.toContext(containerPath);
    }

    /**
     * Whether {@code copy} names {@code contextPath} itself, or something inside it, rather than
     * bringing it in along with a folder around it: {@code COPY .env .} names {@code .env};
     * {@code COPY . .} and {@code COPY src/ src/} only carry {@code src/.env} along.
     */
    public static boolean namesExplicitly(ContextCopy copy, String contextPath) {
        for (String s : copy.sources()) {
            String n = PathNames.normalizeRelative(s);
            if (n == null || n.isEmpty()) {
                continue;
            }
            if (PathNames.isUnder(n, contextPath)) {
                return true;
            }
            if (hasWildcard(PathNames.fileName(n)) && PathNames.parent(n).equals(PathNames.parent(contextPath))
                    && !PathNames.fileName(n).equals("*")) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
    }

    /** A project-relative path as a path in the build context, or null when it lies outside the context. */
    public static String inContext(BuildLink build, String projectPath) {
        String path = PathNames.normalizeRelative(projectPath);
        if (path == null) {
            return null;
        }
        String context = build.context();
        if (context.isEmpty()) {
            return path;
        }
        if (path.equals(context)) {
            return "";
        }
        return path.startsWith(context + "/") ? path.substring(context.length() + 1) : null;
    }

    /** A context path as a project-relative path. */
    public static String inProject(BuildLink build, String contextPath) {
        return PathNames.join(build.context(), contextPath);
    }

    /** How the context is named in messages: {@code .} for the project folder, else its path. */
    public static String contextName(BuildLink build) {
        return build.context().isEmpty() ? "." : build.context();
    }
}
