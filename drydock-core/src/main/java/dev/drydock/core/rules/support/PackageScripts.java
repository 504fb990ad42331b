package dev.drydock.core.rules.support;

import dev.drydock.core.app.DenoTasks;
import dev.drydock.core.app.NodePackage;
import dev.drydock.core.app.SourceSet;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.ImagePaths;
import dev.drydock.core.project.WorkspacePackages;
import dev.drydock.core.review.ReviewContext;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The package.json script that {@code npm start}, {@code npm run X}, {@code yarn X}, {@code pnpm X} or {@code bun run X}
 * runs, read from the package.json of the folder it runs in (see {@link #folder}), as the program it starts; and the
 * deno.json(c) task (or package.json script) that {@code deno task X} runs ({@link DenoTasks}).
 */
public final class PackageScripts {

    /** The package managers that run a package.json script (or a Deno task) by name. */
    public static final Set<Runtime> RUNNERS = EnumSet.of(Runtime.NPM, Runtime.YARN, Runtime.PNPM, Runtime.BUN,
            Runtime.DENO_TASK);

    private PackageScripts() {}

    /** The script {@code ep} runs, when it is a package manager running a script of the project's package.json. */
    public static Optional<NodePackage> of(ReviewContext context, Container c, EntryPoint ep) {
        if (ep == null || c.build() == null || !RUNNERS.contains(ep.runtime())
                || ep.target().kind() != Target.Kind.SCRIPT) {
            return Optional.empty();
        }
        SourceSet files = SourceSet.of(context.project(), c);
        if (ep.runtime() == Runtime.DENO_TASK) {
            return DenoTasks.task(files, c.build().context(), ep.target().value(), ep.environment(), ep.workdir());
        }
        return NodePackage.script(files, folder(context, c, ep), ep.target().value(), ep.environment(), ep.workdir());
    }

    /**
     * A package.json script that a command of another script runs by name ({@code npm run migrate}, {@code yarn
     * build}, {@code pnpm run seed}, {@code bun run db:push}, {@code npm start}).
     *
     * @param script the script it runs
     * @param lifecycle whether the package manager runs the script's pre- and post-script around it: npm does, unless
     *     --ignore-scripts is given; Yarn 2 and later and pnpm by default do not, and bun is left out
     */
    public record Run(NodePackage script, boolean lifecycle) {

        /** The folder of the script's package.json, where it runs. */
        public String folder() {
            return PathNames.parent(script.packageFile());
        }
    }

    /**
     * The script {@code words} run, when they are a package manager running a script by name that the package.json of
     * the folder it reads has ({@code base}, where the command runs, moved by --prefix, --dir or --cwd,
     * {@link #folder(SourceSet, String, EntryPoint)}).
     */
    public static Optional<Run> run(SourceSet files, String base, List<String> words, java.util.Map<String, String> env,
            String workdir) {
        if (words.stream().noneMatch(w -> NODE_MANAGERS.contains(PathNames.fileName(w)))) {
            return Optional.empty();
        }
        EntryPoint ep = dev.drydock.core.entrypoint.EntryPoints.interpret(words, false, env, workdir);
        if (!RUNNERS.contains(ep.runtime()) || ep.runtime() == Runtime.DENO_TASK
                || ep.target().kind() != Target.Kind.SCRIPT) {
            return Optional.empty();
        }
        return NodePackage.script(files, folder(files, base, ep), ep.target().value(), env, workdir)
                .map(script -> new Run(script, runsLifecycleScripts(ep)));
    }

    /** Whether the package manager {@code ep} runs a script's pre- and post-script around it ({@link Run#lifecycle}). */
    public static boolean runsLifecycleScripts(EntryPoint ep) {
        return ep.runtime() == Runtime.NPM && !ep.flag("ignore-scripts");
    }

    /** The programs that run a package.json script by name. */
    private static final Set<String> NODE_MANAGERS = Set.of("npm", "yarn", "pnpm", "bun");

    /**
     * The options naming the folder whose package.json a package manager reads, relative to its own: npm's --prefix
     * and --workspace, pnpm's --dir (-C), yarn's --cwd (by their canonical names, {@link EntryPoint#options()}).
     */
    private static final List<String> FOLDER_OPTIONS = List.of("prefix", "workspace", "dir", "cwd");

    /**
     * The project folder whose package.json the command reads: the one a copy from the build context puts in the
     * working directory (the build context's root when none can be told, {@link #baseFolder}), moved by npm's --prefix
     * or --workspace, pnpm's --dir or yarn's and bun's --cwd when that names a folder with a package.json.
     */
    public static String folder(ReviewContext context, Container c, EntryPoint ep) {
        return folder(SourceSet.of(context.project(), c), baseFolder(context, c, ep), ep);
    }

    /**
     * The project folder whose package.json {@code ep}, a package manager started in project folder {@code base} (a
     * package.json script's command, which runs in its package's folder), reads: {@code base} moved as {@link #folder}
     * says.
     */
    public static String folder(SourceSet files, String base, EntryPoint ep) {
        return movedTo(files, base, ep).map(m -> PathNames.normalizeRelative(PathNames.join(base, m))).orElse(base);
    }

    /**
     * The project folder of the container's working directory as a package manager started there sees it: the one a
     * copy from the build context puts there, else the build context's root.
     */
    public static String baseFolder(ReviewContext context, Container c, EntryPoint ep) {
        return workdirFolder(context, c, ep.workdir());
    }

    /**
     * The folder, relative to the working directory, that npm's --prefix or --workspace, pnpm's --dir or yarn's or
     * bun's --cwd moves the script to (it then runs there), when that folder has a package.json.
     */
    public static Optional<String> movedTo(ReviewContext context, Container c, EntryPoint ep) {
        return movedTo(SourceSet.of(context.project(), c), workdirFolder(context, c, ep.workdir()), ep);
    }

    private static Optional<String> movedTo(SourceSet files, String base, EntryPoint ep) {
        List<String> values = new java.util.ArrayList<>();
        FOLDER_OPTIONS.forEach(option -> values.add(ep.options().get(option)));
        if (ep.runtime() == Runtime.BUN) {
            values.add(ep.interpreterOptions().get("--cwd"));
        }
        for (String value : values) {
            if (value == null || value.contains("$") || value.startsWith("/")) {
                continue;
            }
            String dir = PathNames.normalizeRelative(PathNames.join(base, value));
            if (files.read(PathNames.join(dir, "package.json")).isPresent()) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    private static String workdirFolder(ReviewContext context, Container c, String workdir) {
        var build = c.build();
        if (workdir == null || build.model() == null || build.stage() == null) {
            return build.context();
        }
        String target = PathNames.join(ContainerPaths.clean(workdir), "package.json");
        List<Stage> lineage = Stages.lineage(build.model(), build.stage());
        List<BuildContexts.ContextCopy> copies = BuildContexts.copies(build).stream()
                .filter(x -> lineage.contains(x.stage())).toList();
        for (int i = copies.size() - 1; i >= 0; i--) {
            Optional<String> source = BuildContexts.source(context.project(), build, copies.get(i), target);
            if (source.isPresent()) {
                return nearestPackage(SourceSet.of(context.project(), c), build.context(),
                        PathNames.parent(BuildContexts.inProject(build, source.get())));
            }
        }
        // no context copy puts it there: a copy of another stage's (a pnpm deploy or turbo prune output) may
        var project = context.project();
        return ImagePaths.of(build.model(), build.stage(),
                        p -> project.files().isDirectory(PathNames.join(build.context(), p)),
                        WorkspacePackages.of(project.layout(), project.files(), build.context()))
                .toContext(target)
                .map(p -> nearestPackage(SourceSet.of(project, c), build.context(),
                        PathNames.parent(BuildContexts.inProject(build, p))))
                .orElse(build.context());
    }

    /** The folder itself or the nearest one above it (up to the build context) that has a package.json, as npm looks. */
    private static String nearestPackage(SourceSet files, String root, String dir) {
        String at = dir;
        while (!at.isEmpty() && !at.equals(root) && files.read(PathNames.join(at, "package.json")).isEmpty()) {
            at = PathNames.parent(at);
        }
        return at.isEmpty() ? root : at;
    }
}
