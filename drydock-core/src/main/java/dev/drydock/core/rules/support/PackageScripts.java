package dev.drydock.core.rules.support;

import dev.drydock.core.app.DenoTasks;
import dev.drydock.core.app.NodePackage;
import dev.drydock.core.app.SourceSet;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * The package.json script that {@code npm start}, {@code npm run X}, {@code yarn X}, {@code pnpm X} or {@code bun run X}
 * runs, read from the package.json at the root of the container's build context, as the program it starts; and the
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
        return NodePackage.script(files, c.build().context(), ep.target().value(), ep.environment(), ep.workdir());
    }
}
