package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.app.SourceSet;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.EntryPoints;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.PackageScripts;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Fixes for Node.js images: the node image's own user, node itself as PID 1. */
final class NodeFixes {

    /** The unprivileged user of the official node images (UID 1000). */
    static final String USER = "node";

    private NodeFixes() {
    }

    static boolean isNode(Container container) {
        return StackEdits.officialBase(container).equals("node");
    }

    /**
     * USER before the command, and the stage's copies owned by that user: node on the node images, and the runtime's
     * own user on the bun and deno images that have one (deno's distroless tags have none).
     */
    static Optional<Fix> runsAsRoot(ReviewContext context, Container container) {
        if (container.user() != null) {
            return Optional.empty();
        }
        String user = runtimeUser(container);
        SourceFile file = user == null ? null : StackEdits.dockerfile(context, container).orElse(null);
        if (file == null) {
            return Optional.empty();
        }
        Stage stage = container.build().stage();
        List<TextEdit> edits = new ArrayList<>(StackEdits.chownCopies(file, stage, user + ":" + user));
        var cache = RuntimeCacheDirectories.ownedBy(context, container, user + ":" + user, stage,
                StackEdits.userLineBefore(stage));
        cache.map(RuntimeCacheDirectories.Placed::edit).ifPresent(edits::add);
        edits.add(StackEdits.userLine(file, stage, cache.map(RuntimeCacheDirectories.Placed::lines).orElse("")
                + "USER " + user));
        return Optional.of(Fix.of(user.equals(USER) ? "run as the node image's user node"
                : "run as the " + user + " image's own user " + user, FixSafety.UNSAFE, edits));
    }

    private static String runtimeUser(Container container) {
        if (isNode(container)) {
            return USER;
        }
        BaseImage base = Stages.rootBase(container.build().model(), container.build().stage());
        for (String user : List.of("bun", "deno")) {
            if (BaseImageFacts.userIds(base, user).isPresent()) {
                return user;
            }
        }
        return null;
    }

    /**
     * CMD ["node", entry] in place of a watcher (nodemon, node --watch, reached directly or through an
     * npm script): the entry is what package.json's "start" runs with node, else the watcher's own
     * script, else "main". Node does not act on SIGTERM as PID 1 unless the code handles it, so a compose
     * service also gets {@code init: true}.
     */
    static Optional<Fix> devServer(ReviewContext context, Container container, EntryPoint server) {
        if (server == null || !isNode(container) || !(server.runtime() == Runtime.NODEMON
                || server.runtime() == Runtime.NODE) || movedScript(context, container)) {
            return Optional.empty();
        }
        Instruction cmd = ownCmd(container);
        SourceFile file = StackEdits.dockerfile(context, container).orElse(null);
        if (cmd == null || file == null) {
            return Optional.empty();
        }
        List<String> argv = entry(context, container, server);
        if (argv.isEmpty()) {
            return Optional.empty();
        }
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(file.path(), cmd.span(), "CMD " + Probes.json(argv)));
        StackEdits.composeInit(context, container).ifPresent(edits::add);
        return Optional.of(Fix.of("run " + String.join(" ", argv) + " instead of the file watcher"
                + (edits.size() > 1 ? ", under compose's init" : ""), FixSafety.UNSAFE, edits));
    }

    /**
     * Whether the container's command runs a package.json script in another folder than the working directory
     * ({@code npm --prefix api run dev}, {@code pnpm -C api dev}): the script's paths are relative to that folder.
     */
    private static boolean movedScript(ReviewContext context, Container container) {
        EntryPoint ep = container.entryPoint();
        return ep != null && container.build() != null && PackageScripts.RUNNERS.contains(ep.runtime())
                && PackageScripts.movedTo(context, container, ep).isPresent();
    }

    /**
     * The final stage's own CMD when it alone decides what runs: no ENTRYPOINT from the Dockerfile or
     * compose, and no compose command over it.
     */
    static Instruction ownCmd(Container container) {
        EffectiveCommand command = container.command();
        Stage stage = container.build() == null ? null : container.build().stage();
        if (command == null || stage == null || !command.entrypoint().isEmpty()) {
            return null;
        }
        CommandSpec cmd = stage.config().cmd();
        if (cmd == null || command.cmdOrigin() == null
                || !command.cmdOrigin().file().equals(container.build().dockerfile())
                || !StackEdits.inStage(stage, cmd.instruction())) {
            return null;
        }
        return cmd.instruction();
    }

    private static List<String> entry(ReviewContext context, Container container, EntryPoint server) {
        String dir = container.build().context();
        SourceFile packageFile = SourceSet.of(context.project(), container).read(PathNames.join(dir, "package.json"))
                .orElse(null);
        PackageJson pkg = null;
        if (packageFile != null) {
            try {
                pkg = PackageJson.of(packageFile);
            } catch (RuntimeException e) {
                pkg = null;
            }
        }
        if (pkg != null && pkg.script("start").isPresent()) {
            EntryPoint start = EntryPoints.interpret(List.of(pkg.script("start").get().command()), true,
                    server.environment(), server.workdir());
            if (start.runtime() == Runtime.NODE && !start.development() && !start.args().isEmpty()
                    && start.args().get(0).equals("node")) {
                return start.args();
            }
        }
        String target = server.target() == null ? null : server.target().value();
        if (target != null && !target.isBlank() && !target.startsWith("-")) {
            return List.of("node", target);
        }
        if (pkg != null && pkg.main().isPresent()) {
            return List.of("node", pkg.main().get());
        }
        return List.of();
    }
}
