package dev.drydock.core.rules.support.fixes;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.manifest.Ecosystem;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.Apps;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;

/**
 * The folder a framework writes at run time inside output that a root RUN of the image built, which a fix that
 * switches to an unprivileged user must make and give to it: Next.js writes its image optimisation and data
 * (fetch) cache under {@code .next/cache} of the folder its server runs from, and {@code next build} run as root
 * leaves {@code .next} to root; Rails writes log, storage and tmp (pids, cache), where assets:precompile and
 * bootsnap precompile run as root leave root-owned caches; Django's startproject settings keep the SQLite database
 * in the project folder, the WORKDIR; Caddy, and FrankenPHP built on it, keep certificates and the autosaved
 * configuration in {@code /data/caddy} and {@code /config/caddy}, which their images make as root; a server whose
 * WORKDIR the image leaves empty keeps its data there ({@link #emptyWorkingFolder}). Only those folders are given, never the whole build
 * output or application: a chown -R in a new layer would store every file a second time. Output copied in by COPY
 * is left to the COPY's --chown.
 */
public final class RuntimeCacheDirectories {

    private RuntimeCacheDirectories() {
    }

    /**
     * How a fix that puts USER before {@code next} (null: at the end of the stage) gives the folders: the command
     * chained onto the RUN just before the USER line, when that is a shell-form RUN it can end (a RUN of its own
     * there would be a second layer that mergeable-consecutive-layers asks to merge), else {@code RUN mkdir -p DIR &&
     * chown OWNER DIR} with a comment, as the lines to write before USER. Empty when no folder needs it.
     */
    public static Optional<Placed> ownedBy(ReviewContext context, Container container, String owner, Stage stage,
            Instruction next) {
        return folders(context, container, owner).map(f -> {
            Instruction previous = before(stage, next);
            if (chainable(previous)) {
                SourceFile file = previous.file();
                return new Placed("", TextEdit.insert(file.path(), file.lineEnd(previous.endLine()),
                        " \\\n    && " + f.command()));
            }
            return new Placed("# " + f.comment() + "\nRUN " + f.command() + "\n", null);
        });
    }

    /**
     * Where the folders' owner is given: {@code lines} to write before USER, or {@code edit}, the command chained
     * onto the RUN before it.
     */
    public record Placed(String lines, TextEdit edit) {
    }

    private record Folders(String comment, String command) {
    }

    private static Optional<Folders> folders(ReviewContext context, Container container, String owner) {
        return nextCache(container).map(dir -> new Folders("Next.js writes its image and data cache here at run time;"
                + " the build made .next as root", "mkdir -p " + dir + " && chown " + owner + " " + dir))
                .or(() -> railsFolders(container).map(dirs -> new Folders("Rails writes its logs, uploads, pids and"
                        + " caches here; the asset build made some of them as root", "mkdir -p " + dirs
                        + " && chown -R " + owner + " " + dirs)))
                .or(() -> djangoSqliteFolder(context, container).map(db -> new Folders("Django's SQLite database "
                        + db.file() + " is created here, with its journal beside it; WORKDIR made the folder as root",
                        "chown " + owner + " " + db.folder())))
                .or(() -> caddyServer(container) ? Optional.of(new Folders("Caddy keeps its certificates and its"
                        + " autosaved configuration here; the image made them as root",
                        "chown -R " + owner + " /data/caddy /config/caddy")) : Optional.empty())
                .or(() -> emptyWorkingFolder(container).map(dir -> new Folders("The server keeps its data in its working folder, left empty by"
                        + " the image; WORKDIR made it as root",
                        "chown " + owner + " " + dir)));
    }

    /** Folders of the system, which no application user should own, and /tmp, which everyone may write. */
    private static final java.util.regex.Pattern SYSTEM_FOLDER = java.util.regex.Pattern.compile(
            "/|/(tmp|root|home|srv|mnt|media|opt|var|var/lib|var/tmp|bin|sbin|lib\\w*)|/(proc|sys|dev|etc|run|boot|usr)(/.*)?");

    /**
     * The working folder of the container's program when the image makes it with WORKDIR and leaves it empty: no
     * COPY or ADD of the image puts anything there, no RUN works in it or gives it an owner or a mode, and no VOLUME or compose
     * volume is mounted there (those are given to the user as mount points). The program reads nothing from an empty
     * folder, so it runs there to write: the data it keeps under relative paths (a search index's ./data.ms), which
     * WORKDIR, made as root, would refuse to the user.
     */
    static Optional<String> emptyWorkingFolder(Container container) {
        if (container.build() == null || container.build().stage() == null || container.entryPoint() == null) {
            return Optional.empty();
        }
        var stage = container.build().stage();
        var workdir = stage.config().workdir();
        String dir = workdir == null || workdir.instruction() == null || workdir.value() == null ? null
                : dev.drydock.core.dockerfile.model.ContainerPaths.clean(workdir.value());
        String runsIn = container.entryPoint().workdir();
        if (dir == null || !dir.startsWith("/") || dir.contains("$") || SYSTEM_FOLDER.matcher(dir).matches()
                || runsIn == null || !dev.drydock.core.dockerfile.model.ContainerPaths.clean(runsIn).equals(dir)) {
            return Optional.empty();
        }
        var model = container.build().model();
        for (Stage s : Stages.inImage(model, stage)) {
            for (var copy : s.copies()) {
                String into = copy.containerPath() == null ? null
                        : dev.drydock.core.dockerfile.model.ContainerPaths.clean(copy.containerPath());
                if (into == null || into.contains("$") || into.equals(dir) || PathNames.isUnder(into, dir)) {
                    return Optional.empty();
                }
            }
            for (var volume : s.config().volumes()) {
                String mount = volume.value() == null ? "" : volume.value().strip();
                if (mount.equals(dir) || mount.equals(dir + "/") || PathNames.isUnder(dir, mount)) {
                    return Optional.empty();
                }
            }
        }
        for (RunStep run : RunStep.of(model, Stages.inImage(model, stage))) {
            if (run.workdir() != null && dev.drydock.core.dockerfile.model.ContainerPaths.clean(run.workdir()).equals(dir)) {
                return Optional.empty(); // a RUN there may fill it (git clone ., npm ci)
            }
            for (Call call : run.calls()) {
                if (call.is("chown", "chmod", "chgrp", "install") && call.options().operands().stream()
                        .anyMatch(a -> PathNames.normalizeAbsolute(run.directoryAt(call), a.value()).equals(dir))) {
                    return Optional.empty();
                }
            }
        }
        if (container.service() != null && container.service().volumes().stream()
                .anyMatch(v -> v.target() != null && (v.target().equals(dir) || PathNames.isUnder(dir, v.target())))) {
            return Optional.empty();
        }
        return Optional.of(dir);
    }

    /** Whether the container's image is built on dunglas/frankenphp or the caddy image and runs their server. */
    static boolean caddyServer(Container container) {
        if (container.build() == null || !(Stages.rootBase(container.build().model(), container.build().stage())
                instanceof dev.drydock.core.dockerfile.model.BaseImage.External external) || external.reference() == null) {
            return false;
        }
        String name = external.reference().familiarName();
        String program = dev.drydock.core.rules.support.ImageRole.program(container).orElse("");
        return "dunglas/frankenphp".equals(name) && (program.equals("frankenphp") || program.isEmpty())
                || "caddy".equals(name) && program.equals("caddy");
    }

    /** The instruction of the stage just before {@code next}, or its last one when {@code next} is null. */
    private static Instruction before(Stage stage, Instruction next) {
        Instruction previous = null;
        for (var step : stage.steps()) {
            if (step.instruction() == next) {
                return previous;
            }
            previous = step.instruction();
        }
        return next == null ? previous : null;
    }

    /**
     * A shell-form RUN without heredoc whose last line a command can follow: no comment on it (which would take the
     * command in) and no trailing ; or & (after which && is a syntax error).
     */
    private static boolean chainable(Instruction run) {
        if (run == null || run.kind() != InstructionKind.RUN || run.isJsonForm() || !run.heredocs().isEmpty()) {
            return false;
        }
        String raw = run.rawText().stripTrailing();
        String last = raw.substring(raw.lastIndexOf('\n') + 1);
        return !last.contains("#") && !raw.endsWith(";") && !raw.endsWith("&") && !raw.endsWith("\\");
    }

    /** Django's SQLite database file and the folder of the image it lives in. */
    record SqliteDatabase(String folder, String file) {
    }

    /**
     * The folder of the SQLite database a Django project's settings keep in the project folder (NAME
     * {@code BASE_DIR / "db.sqlite3"} with the startproject BASE_DIR), when the command imports the project from
     * its working directory: the WORKDIR, which Docker always makes as root. SQLite creates the database and its
     * journal files there, so the folder itself (not only the files a COPY --chown brings) must be the user's.
     */
    static Optional<SqliteDatabase> djangoSqliteFolder(ReviewContext context, Container container) {
        EntryPoint ep = container.entryPoint();
        String workdir = ep == null ? null : ep.workdir();
        if (container.build() == null || workdir == null || !workdir.startsWith("/") || workdir.equals("/")) {
            return Optional.empty();
        }
        return Apps.of(context, container).djangoSqliteFile()
                .map(file -> new SqliteDatabase(workdir.endsWith("/") ? workdir.substring(0, workdir.length() - 1) : workdir,
                        file));
    }

    /**
     * log, storage and tmp of a Rails app whose assets or bootsnap cache a root RUN of the image precompiles,
     * in the folder that RUN works in (small folders, which Rails' own Dockerfile template gives the same way).
     */
    static Optional<String> railsFolders(Container container) {
        if (container.build() == null
                || AppFacts.dependencies(container, Ecosystem.RUBYGEMS, List.of("rails", "railties")).isEmpty()) {
            return Optional.empty();
        }
        String appDir = null;
        for (RunStep run : rootRuns(container)) {
            for (Call call : run.calls()) {
                List<String> words = call.options().operands().stream().map(Call.Arg::value).toList();
                if ((call.is("rails", "rake", "bundle", "bootsnap") || call.name().endsWith("bin/rails")
                        || call.name().endsWith("bin/rake")) && (words.contains("assets:precompile")
                        || words.contains("precompile") && (call.is("bootsnap") || words.contains("bootsnap")))) {
                    appDir = run.directoryAt(call);
                }
            }
        }
        if (appDir == null || appDir.equals("/")) {
            return Optional.empty();
        }
        String dir = appDir;
        return Optional.of(String.join(" ", List.of("log", "storage", "tmp").stream()
                .map(f -> PathNames.normalizeAbsolute(dir, f)).toList()));
    }

    private static List<RunStep> rootRuns(Container container) {
        return RunStep.of(container.build().model(), Stages.inImage(container.build().model(), container.build().stage()))
                .stream().filter(r -> r.user() == null || r.user().equals("root") || r.user().equals("0")).toList();
    }

    /**
     * The cache folder of a Next.js app that a RUN of the image builds (next build, or a package manager's build
     * script): {@code .next/cache} next to the standalone server.js the command runs, else in the build's folder.
     */
    static Optional<String> nextCache(Container container) {
        if (container.build() == null || AppFacts.dependencies(container, Ecosystem.NPM, List.of("next")).isEmpty()) {
            return Optional.empty();
        }
        String buildDir = null;
        for (RunStep run : rootRuns(container)) {
            for (Call call : run.calls()) {
                if (buildsNext(call)) {
                    buildDir = run.directoryAt(call);
                }
            }
        }
        if (buildDir == null) {
            return Optional.empty();
        }
        EntryPoint ep = container.entryPoint();
        Target target = ep == null ? null : ep.target();
        String server = target == null || target.path() == null ? null : target.path();
        if (server != null && server.endsWith(".next/standalone/server.js")) {
            String folder = server.substring(0, server.length() - "/server.js".length());
            return Optional.of(PathNames.normalizeAbsolute(ep.workdir() == null ? buildDir : ep.workdir(),
                    folder + "/.next/cache"));
        }
        return Optional.of(PathNames.normalizeAbsolute(buildDir, ".next/cache"));
    }

    private static boolean buildsNext(Call call) {
        List<Call.Arg> operands = call.options().operands();
        if (call.is("next") || call.is("npx")) {
            List<String> words = operands.stream().map(Call.Arg::value).toList();
            return call.is("next") ? words.contains("build") : words.size() >= 2 && words.get(0).equals("next")
                    && words.get(1).equals("build");
        }
        if (call.is("npm", "yarn", "pnpm", "bun")) {
            List<String> words = operands.stream().map(Call.Arg::value).toList();
            return words.equals(List.of("run", "build")) || words.equals(List.of("build"))
                    || words.equals(List.of("run-script", "build"));
        }
        return false;
    }
}
