package dev.drydock.core.project;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.entrypoint.ContextPaths;
import dev.drydock.core.entrypoint.Copy;
import dev.drydock.core.entrypoint.Glob;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where the files of a stage's file system come from in the build context: its copies from the context, and
 * those of the stages it is built on, in build order; its {@code COPY --from} of other stages, followed through
 * theirs (a few stages deep); the copies a {@code turbo prune} RUN makes of the workspace, and those a
 * {@code mix release} RUN makes of the project's release overlays ({@code rel/overlays/bin/server} as the release's
 * {@code bin/server}). It also answers the
 * opposite question: which instructions of a stage, of those it is built on and of the stages it copies from, may
 * have put a given path into its file system ({@link #suppliers}).
 */
public final class ImagePaths {

    /** How many {@code COPY --from} hops are followed: deeper chains map nowhere. */
    private static final int MAX_DEPTH = 6;

    private final DockerfileModel model;
    private final Predicate<String> isDirectory;
    private final Function<String, Optional<String>> packageFolders;
    private final Map<Integer, ContextPaths> known = new HashMap<>();

    private ImagePaths(DockerfileModel model, Predicate<String> isDirectory,
            Function<String, Optional<String>> packageFolders) {
        this.model = model;
        this.isDirectory = isDirectory;
        this.packageFolders = packageFolders;
    }

    /**
     * The paths of {@code stage}'s file system.
     *
     * @param isDirectory tells whether a normalized context-relative path ("" for the context itself) is a folder
     */
    public static ContextPaths of(DockerfileModel model, Stage stage, Predicate<String> isDirectory) {
        return of(model, stage, isDirectory, name -> Optional.empty());
    }

    /**
     * The paths of {@code stage}'s file system, a {@code pnpm deploy} of a package named by its name followed to the
     * package's folder.
     *
     * @param packageFolders gives the context-relative folder of the workspace package of a name (see
     *     {@link WorkspacePackages}); empty when it has none
     */
    public static ContextPaths of(DockerfileModel model, Stage stage, Predicate<String> isDirectory,
            Function<String, Optional<String>> packageFolders) {
        return new ImagePaths(model, isDirectory, packageFolders).stage(stage, 0);
    }

    /** What the caller knows of what images, RUNs and the build context hold. */
    public interface Writers {

        /** Whether the image the first stage of a lineage starts from ({@code root}'s FROM) may hold the path. */
        boolean baseMayHold(Stage root, String path);

        /** Whether a RUN of {@code stage} may write the path or something below it. */
        boolean runMayWrite(Stage stage, CommandSpec run, String path);

        /** Whether the build context may hold the path (normalized, relative; "" for the context itself). */
        boolean contextMayHold(String contextPath);

        /**
         * Whether a COPY that names this context path as its source may put it into the image: by default whether
         * the context may hold it; a reader that asks what a container finds at start may say yes for a file the
         * repository lacks (a binary built before the image: without it the build fails, the container never starts).
         */
        default boolean namedSourceMayHold(String contextPath) {
            return contextMayHold(contextPath);
        }
    }

    /**
     * An instruction that may have put a path into a stage's file system: the FROM of its image, a RUN, a WORKDIR
     * that created it, or a COPY or ADD (of the context, of an image, or of a stage that may hold it in turn).
     */
    public record Supply(Stage stage, Instruction instruction) {}

    /**
     * The instructions that may have put {@code path} (absolute), or something below it, into {@code stage}'s file
     * system as it is at the end of the stage, in build order; a {@code COPY --from} of another stage is followed
     * into that stage, whose suppliers come right after the copy. Empty when nothing can have made the path.
     */
    public static List<Supply> suppliers(DockerfileModel model, Stage stage, String path, Writers writers) {
        List<Supply> out = new ArrayList<>();
        suppliers(model, stage, PathNames.normalizeAbsolute("/", path), writers, 0, out);
        return out;
    }

    private static void suppliers(DockerfileModel model, Stage stage, String path, Writers writers, int depth,
            List<Supply> out) {
        List<Stage> chain = lineage(model, stage);
        Stage root = chain.get(0);
        if (writers.baseMayHold(root, path)) {
            out.add(new Supply(root, root.from()));
        }
        for (Stage s : chain) {
            Map<Instruction, CopyCommand> copies = new IdentityHashMap<>();
            s.copies().forEach(c -> copies.put(c.instruction(), c));
            Map<Instruction, CommandSpec> runs = new IdentityHashMap<>();
            s.runs().forEach(r -> runs.put(r.instruction(), r));
            List<Step> steps = s.steps();
            for (int i = 0; i < steps.size(); i++) {
                Instruction instruction = steps.get(i).instruction();
                CopyCommand copy = copies.get(instruction);
                CommandSpec run = runs.get(instruction);
                if (copy != null) {
                    copySupplies(model, s, copy, path, writers, depth, out);
                } else if (run != null && writers.runMayWrite(s, run, path)) {
                    out.add(new Supply(s, instruction));
                } else if (instruction.kind() == InstructionKind.WORKDIR) {
                    var made = i + 1 < steps.size() ? steps.get(i + 1).workdir() : s.config().workdir();
                    if (made != null && PathNames.isUnder(PathNames.normalizeAbsolute("/", made.value()), path)) {
                        out.add(new Supply(s, instruction));
                    }
                }
            }
        }
    }

    private static void copySupplies(DockerfileModel model, Stage in, CopyCommand copy, String path, Writers writers,
            int depth, List<Supply> out) {
        Supply supply = new Supply(in, copy.instruction());
        Stage from = copy.fromStage() >= 0 && copy.fromStage() < model.stages().size()
                && copy.fromStage() != in.index() ? model.stages().get(copy.fromStage()) : null;
        boolean traceable = copy.heredocs().isEmpty() && !copy.isAdd() && (copy.fromContext() || from != null)
                && copy.unresolvedSources().isEmpty() && copy.sources().stream().noneMatch(s -> s.contains("://"));
        String workdir = model.step(copy.instruction()).map(Step::workdir).map(w -> w.value()).orElse("/");
        for (Copy c : Copy.all(copy.sources().isEmpty() ? List.of(".") : copy.sources(), copy.destination(), workdir)) {
            String destination = c.destination();
            boolean below = !PathNames.isUnder(path, destination);
            if (below && !PathNames.isUnder(destination, path)) {
                continue;
            }
            if (!traceable || Glob.hasWildcards(c.source())) {
                out.add(supply);
                return;
            }
            String source = copy.fromContext() ? PathNames.normalizeRelative(c.source())
                    : PathNames.normalizeAbsolute("/", c.source());
            if (source == null) {
                continue; // leaves the context: BuildKit refuses it
            }
            List<String> candidates = new ArrayList<>();
            if (below) {
                candidates.add(source); // whatever it copies lands below the path
            } else {
                // a folder's contents land in the destination; a file lands in it, or becomes it
                String rest = path.equals(destination) ? "" : path.substring(destination.equals("/") ? 1
                        : destination.length() + 1);
                candidates.add(rest.isEmpty() ? source : PathNames.join(source, rest));
                String name = PathNames.fileName(source);
                if (c.intoDirectory() && !name.isEmpty() && (rest.equals(name) || rest.startsWith(name + "/"))) {
                    String inside = rest.substring(name.length());
                    candidates.add(inside.isEmpty() ? source : source + inside);
                }
            }
            for (String candidate : candidates) {
                boolean held = from != null ? depth >= MAX_DEPTH
                        : candidate.equals(source) ? writers.namedSourceMayHold(candidate) : writers.contextMayHold(candidate);
                if (held) {
                    out.add(supply);
                    return;
                }
                if (from != null) {
                    List<Supply> inner = new ArrayList<>();
                    suppliers(model, from, candidate, writers, depth + 1, inner);
                    if (!inner.isEmpty()) {
                        out.add(supply);
                        out.addAll(inner);
                        return;
                    }
                }
            }
        }
    }

    /** The context copies alone of a stage and the stages it is built on, source by source, in build order. */
    public static List<Copy> contextCopies(DockerfileModel model, Stage stage) {
        List<Copy> copies = new ArrayList<>();
        for (Stage s : lineage(model, stage)) {
            for (CopyCommand copy : s.copies()) {
                if (copy.fromContext()) {
                    copies.addAll(copies(model, copy));
                }
            }
        }
        return copies;
    }

    private ContextPaths stage(Stage stage, int depth) {
        ContextPaths done = known.get(stage.index());
        if (done != null) {
            return done;
        }
        List<ContextPaths.Layer> layers = new ArrayList<>();
        for (Stage s : lineage(model, stage)) {
            Map<Instruction, CopyCommand> copies = new IdentityHashMap<>();
            s.copies().forEach(c -> copies.put(c.instruction(), c));
            Map<Instruction, CommandSpec> runs = new IdentityHashMap<>();
            s.runs().forEach(r -> runs.put(r.instruction(), r));
            for (Step step : s.steps()) {
                CopyCommand copy = copies.get(step.instruction());
                CommandSpec run = runs.get(step.instruction());
                if (copy != null) {
                    layers.addAll(layers(copy, s, depth));
                } else if (run != null) {
                    String workdir = step.workdir() == null ? "/" : step.workdir().value();
                    TurboPrune.of(model, run, workdir).ifPresent(prune -> {
                        ContextPaths before = ContextPaths.of(List.copyOf(layers), isDirectory);
                        // package folders are context-relative: they name prune's folders when it prunes the context
                        Function<String, Optional<String>> packages = before.toContext(prune.workspace())
                                .filter(String::isEmpty).isPresent() ? packageFolders : name -> Optional.empty();
                        layers.add(ContextPaths.Layer.moved(prune.out(), p -> prune.origin(p, packages), before));
                    });
                    MixRelease.of(model, run, workdir).ifPresent(release -> layers.add(ContextPaths.Layer.moved(
                            release.folder(), release::origin, ContextPaths.of(List.copyOf(layers), isDirectory))));
                    for (RunMoves move : RunMoves.of(model, run, workdir)) {
                        ContextPaths before = ContextPaths.of(List.copyOf(layers), isDirectory);
                        String target = move.intoFolder() || before.isFolder(move.target())
                                ? PathNames.join(move.target(), PathNames.fileName(move.source())) : move.target();
                        layers.add(ContextPaths.Layer.renamed(target, move.source(), before.isFolder(move.source()),
                                before));
                    }
                    PnpmDeploy.of(model, run, workdir).ifPresent(deploy -> {
                        ContextPaths before = ContextPaths.of(List.copyOf(layers), isDirectory);
                        layers.add(ContextPaths.Layer.moved(deploy.out(),
                                p -> deploy.origin(p, packageFolders, before), before));
                    });
                }
            }
        }
        ContextPaths paths = ContextPaths.of(layers, isDirectory);
        known.put(stage.index(), paths);
        return paths;
    }

    private List<ContextPaths.Layer> layers(CopyCommand copy, Stage in, int depth) {
        if (copy.fromContext()) {
            return copies(model, copy).stream().map(ContextPaths.Layer::context).toList();
        }
        Stage from = copy.fromStage() >= 0 && copy.fromStage() < model.stages().size() && copy.fromStage() != in.index()
                ? model.stages().get(copy.fromStage()) : null;
        ContextPaths source = from == null || depth >= MAX_DEPTH ? null : stage(from, depth + 1);
        return copies(model, copy).stream().map(c -> ContextPaths.Layer.stage(c, source)).toList();
    }

    /** One COPY's sources (no URLs) as {@link Copy} records; none for a here-document. */
    private static List<Copy> copies(DockerfileModel model, CopyCommand copy) {
        String workdir = model.step(copy.instruction()).map(Step::workdir).map(w -> w.value()).orElse("/");
        List<String> sources = copy.sources().stream().filter(s -> !s.contains("://")).toList();
        return sources.isEmpty() || !copy.heredocs().isEmpty() ? List.of()
                : Copy.all(sources, copy.destination(), workdir);
    }

    /** The stage and the stages it is built on, the first base first. */
    private static List<Stage> lineage(DockerfileModel model, Stage stage) {
        List<Stage> chain = new ArrayList<>();
        for (Stage s = stage; s != null && chain.size() <= model.stages().size(); ) {
            chain.add(0, s);
            s = s.base() instanceof BaseImage.OfStage parent ? model.stages().get(parent.stageIndex()) : null;
        }
        return chain;
    }
}
