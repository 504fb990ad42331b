package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.LockFile;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Node package manager that installs a package.json, and the lock file and locked install that go with it:
 * told by the packageManager field (of the package.json or of its workspace root), a pnpm-workspace.yaml, or the
 * install the Dockerfile runs; npm when nothing says otherwise. Yarn 1 locks with --frozen-lockfile, Yarn 2 and
 * later (a packageManager of yarn@2 or above, a .yarnrc.yml, an install with --immutable) with --immutable.
 */
public final class NodeLocking {

    /**
     * How a package manager locks.
     *
     * @param manager npm, yarn, pnpm or bun
     * @param lockFile the file it writes
     * @param create the command that writes it
     * @param lockedInstall the install that keeps to it and fails when it is out of date
     */
    public record Locking(String manager, String lockFile, String create, String lockedInstall) {}

    private static final Locking NPM = new Locking("npm", LockFile.PACKAGE_LOCK_JSON.fileName(), "npm install",
            "npm ci");
    private static final Locking YARN_CLASSIC = new Locking("yarn", LockFile.YARN_LOCK.fileName(), "yarn install",
            "yarn install --frozen-lockfile");
    private static final Locking YARN_BERRY = new Locking("yarn", LockFile.YARN_LOCK.fileName(), "yarn install",
            "yarn install --immutable");
    private static final Locking PNPM = new Locking("pnpm", LockFile.PNPM_LOCK_YAML.fileName(), "pnpm install",
            "pnpm install --frozen-lockfile");
    private static final Locking BUN = new Locking("bun", LockFile.BUN_LOCK.fileName(), "bun install",
            "bun install --frozen-lockfile");

    private static final Pattern MANAGER = Pattern.compile("(npm|yarn|pnpm|bun)@(\\d*).*");

    private NodeLocking() {}

    /**
     * The locking of the package.json at {@code manifest}, a workspace of the root in {@code workspaceRoot} (null
     * when it belongs to none), installed in {@code container}'s build.
     */
    public static Locking of(ReviewContext context, String manifest, String workspaceRoot, Container container) {
        String root = workspaceRoot == null ? PathNames.parent(manifest) : workspaceRoot;
        Optional<Locking> declared = declared(context, manifest)
                .or(() -> declared(context, PathNames.join(root, "package.json")));
        if (declared.isPresent()) {
            return declared.get();
        }
        if (exists(context, PathNames.join(root, "pnpm-workspace.yaml"))) {
            return PNPM;
        }
        return installed(context, root, container).orElse(NPM);
    }

    /** The packageManager field's manager, with Yarn's major version. */
    private static Optional<Locking> declared(ReviewContext context, String packageJson) {
        Optional<String> field = context.project().source(packageJson).flatMap(file -> {
            try {
                return PackageJson.of(file).packageManager();
            } catch (SourceException e) {
                return Optional.empty();
            }
        });
        Matcher m = MANAGER.matcher(field.orElse(""));
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(switch (m.group(1)) {
            case "yarn" -> m.group(2).equals("1") ? YARN_CLASSIC : YARN_BERRY;
            case "pnpm" -> PNPM;
            case "bun" -> BUN;
            default -> NPM;
        });
    }

    /** The manager of the first dependency install of the container's Dockerfile. */
    private static Optional<Locking> installed(ReviewContext context, String root, Container container) {
        if (container == null || container.build() == null || container.build().model() == null) {
            return Optional.empty();
        }
        var model = container.build().model();
        boolean berry = exists(context, PathNames.join(root, ".yarnrc.yml"));
        for (RunStep run : RunStep.of(model, model.stages())) {
            for (Call call : run.calls()) {
                if (isBerrySetup(call)) {
                    berry = true;
                }
            }
            for (DependencyInstalls.Install install : DependencyInstalls.of(run)) {
                Call call = install.call();
                if (call.is("yarn")) {
                    boolean immutable = call.args().stream().anyMatch(a -> a.value().equals("--immutable"));
                    return Optional.of(berry || immutable ? YARN_BERRY : YARN_CLASSIC);
                }
                if (call.is("pnpm")) {
                    return Optional.of(PNPM);
                }
                if (call.is("bun")) {
                    return Optional.of(BUN);
                }
                if (call.is("npm")) {
                    return Optional.of(NPM);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * {@code yarn set version} to a release after Yarn 1 (berry, stable, 4.5.0), or {@code corepack prepare|use
     * yarn@4}.
     */
    private static boolean isBerrySetup(Call call) {
        List<String> words = call.args().stream().map(Call.Arg::value).toList();
        if (call.is("corepack")) {
            return words.stream().anyMatch(w -> w.startsWith("yarn@") && !w.startsWith("yarn@1")
                    && !w.equals("yarn@classic"));
        }
        if (!call.is("yarn")) {
            return false;
        }
        int set = words.indexOf("set");
        if (set < 0 || set + 2 >= words.size() || !words.get(set + 1).equals("version")) {
            return false;
        }
        String version = words.get(set + 2);
        return !version.equals("classic") && !version.startsWith("1");
    }

    private static boolean exists(ReviewContext context, String path) {
        return context.project().layout().entry(path).isPresent();
    }
}
