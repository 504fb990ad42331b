package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.image.PublishersImages;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.ImagePaths;
import dev.drydock.core.project.Project;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.shell.RedirectOperator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The folders build tools write in a stage's working directory ({@code .next}, {@code dist}, {@code target},
 * {@code node_modules} ...) and what can have written one into a stage: the stage, the stages it is built on and
 * those it copies from, as {@link ImagePaths#suppliers} follows them. Only RUNs known to write nothing there
 * (system package managers, global JavaScript installs, user and group creation, {@code turbo prune} outside its
 * output folder) are passed over; any other RUN may write anything.
 */
public final class StageOutputs {

    /** Folders that only a build or an install in the image makes, never the base images of languages. */
    private static final Set<String> OUTPUT_FOLDERS = Set.of(".next", ".nuxt", ".output", ".svelte-kit", "dist",
            "build", "target", "out", "node_modules", "vendor", ".venv", "venv");
    /** The virtual environment folder Python Dockerfiles create by convention, wherever the working directory is. */
    private static final String OPT_VENV = "/opt/venv";
    /** Official images of languages and systems: none holds an application's build folders. */
    private static final Set<String> PLAIN_IMAGES = Set.of("node", "python", "golang", "rust", "openjdk",
            "eclipse-temurin", "amazoncorretto", "maven", "gradle", "ruby", "php", "elixir", "erlang", "alpine",
            "debian", "ubuntu", "busybox", "buildpack-deps", "fedora", "rockylinux", "almalinux", "oraclelinux",
            "amazonlinux", "archlinux", "haskell", "swift", "julia", "perl", "dart", "clojure", "groovy", "ibmjava",
            "sapmachine", "ibm-semeru-runtimes", "gcc", "bash");
    private static final Set<String> APT = Set.of("update", "install", "upgrade", "dist-upgrade", "full-upgrade",
            "remove", "purge", "autoremove", "clean", "autoclean");
    private static final Set<String> APK = Set.of("add", "update", "upgrade", "del");
    private static final Set<String> RPM = Set.of("install", "update", "upgrade", "remove", "erase", "clean",
            "makecache", "autoremove");
    private static final Set<String> WRITING_REDIRECTS = Set.of(RedirectOperator.OUT, RedirectOperator.APPEND,
            RedirectOperator.CLOBBER, RedirectOperator.OUT_ALL, RedirectOperator.APPEND_ALL, RedirectOperator.READ_WRITE)
            .stream().map(Enum::name).collect(java.util.stream.Collectors.toUnmodifiableSet());

    private StageOutputs() {}

    /**
     * The build-output folder {@code path} (absolute) is or lies in, when it is one: a folder of
     * {@link #OUTPUT_FOLDERS} below {@code workdir} (not "/"), or /opt/venv; empty otherwise.
     */
    public static Optional<String> outputFolder(String path, String workdir) {
        String p = PathNames.normalizeAbsolute("/", path);
        if (PathNames.isUnder(p, OPT_VENV)) {
            return Optional.of(OPT_VENV);
        }
        String dir = workdir == null ? "/" : PathNames.normalizeAbsolute("/", workdir);
        if (dir.equals("/") || !PathNames.isUnder(p, dir) || p.equals(dir)) {
            return Optional.empty();
        }
        String[] segments = p.substring(dir.length() + 1).split("/");
        StringBuilder folder = new StringBuilder(dir);
        for (String segment : segments) {
            folder.append('/').append(segment);
            if (OUTPUT_FOLDERS.contains(segment)) {
                return Optional.of(folder.toString());
            }
        }
        return Optional.empty();
    }

    /** The instructions that may have put {@code path} into {@code stage} of {@code build}'s Dockerfile. */
    public static List<ImagePaths.Supply> suppliers(Project project, BuildLink build, DockerfileModel model,
            Stage stage, String path) {
        return ImagePaths.suppliers(model, stage, path, writers(project, build, model));
    }

    /**
     * The instructions that may have put {@code path} into {@code stage}, a build command whose writes {@code outputs}
     * knows counted as writing those alone.
     */
    public static List<ImagePaths.Supply> suppliers(Project project, BuildLink build, DockerfileModel model,
            Stage stage, String path, BuildOutputs outputs) {
        return ImagePaths.suppliers(model, stage, path, writers(project, build, model, outputs));
    }

    private static ImagePaths.Writers writers(Project project, BuildLink build, DockerfileModel model) {
        return writers(project, build, model, null);
    }

    private static ImagePaths.Writers writers(Project project, BuildLink build, DockerfileModel model,
            BuildOutputs outputs) {
        return new ImagePaths.Writers() {
            @Override
            public boolean baseMayHold(Stage root, String path) {
                return !(root.base() instanceof BaseImage.Scratch) && !plainImage(root.base());
            }

            @Override
            public boolean runMayWrite(Stage stage, CommandSpec run, String path) {
                return StageOutputs.runMayWrite(RunStep.of(model, stage, run), path, outputs);
            }

            @Override
            public boolean contextMayHold(String contextPath) {
                if (build == null || contextPath.isEmpty()) {
                    return true;
                }
                return build.ignore().includes(contextPath)
                        && project.files().exists(BuildContexts.inProject(build, contextPath));
            }
        };
    }

    static boolean plainImage(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null) {
            return false;
        }
        ImageReference ref = external.reference();
        return PublishersImages.official(ref) && PLAIN_IMAGES.contains(ref.imageName().toLowerCase(Locale.ROOT));
    }

    /** Whether a RUN may write {@code path} or something below it: unless each of its commands surely does not. */
    static boolean runMayWrite(RunStep run, String path) {
        return runMayWrite(run, path, null);
    }

    /** As {@link #runMayWrite(RunStep, String)}, a build command {@code outputs} knows writing what it tells alone. */
    static boolean runMayWrite(RunStep run, String path, BuildOutputs outputs) {
        if (run.script() == null) {
            return true;
        }
        for (Call call : run.calls()) {
            if (call.command() != null && call.command().redirects().stream().anyMatch(StageOutputs::writesFile)) {
                return true;
            }
            if (inert(call) || makesFoldersElsewhere(run, call, path)) {
                continue;
            }
            if (outputs != null) {
                var writes = outputs.of(run, call);
                if (writes.isPresent()) {
                    if (writes.get().mayWrite(PathNames.normalizeAbsolute("/", path))) {
                        return true;
                    }
                    continue;
                }
            }
            if (!prunesElsewhere(run, call, path)) {
                return true;
            }
        }
        return false;
    }

    private static boolean writesFile(Redirect redirect) {
        if (!WRITING_REDIRECTS.contains(redirect.operator().name())) {
            return false;
        }
        return redirect.target() == null || !redirect.target().value().equals("/dev/null");
    }

    /** Commands that write nothing in the working directory, whatever it is. */
    private static boolean inert(Call call) {
        List<String> args = call.args().stream().map(a -> a.value()).toList();
        String first = args.isEmpty() ? "" : args.get(0);
        boolean global = args.contains("-g") || args.contains("--global");
        if (call.is("apt-get", "apt")) {
            return args.stream().filter(a -> !a.startsWith("-")).findFirst().map(APT::contains).orElse(false);
        }
        if (call.is("apk")) {
            return args.stream().filter(a -> !a.startsWith("-")).findFirst().map(APK::contains).orElse(false);
        }
        if (call.is("yum", "dnf", "microdnf")) {
            return args.stream().filter(a -> !a.startsWith("-")).findFirst().map(RPM::contains).orElse(false);
        }
        if (call.is("corepack")) {
            return first.equals("enable") || first.equals("disable") || first.equals("prepare");
        }
        if (call.is("npm", "pnpm")) {
            return global && Set.of("install", "i", "add").contains(first);
        }
        if (call.is("yarn")) {
            return first.equals("global") && args.size() > 1 && args.get(1).equals("add");
        }
        return call.is("addgroup", "adduser", "useradd", "groupadd", "usermod", "chown", "chmod", "rm", "echo",
                "printf", "true", "set", "export", "cd", "update-ca-certificates", "ldconfig");
    }

    /**
     * Whether the call is a {@code mkdir} of literal folders, none of them at, above or below the path: it makes
     * those folders (and, with -p, the ones above them) and writes nothing else.
     */
    private static boolean makesFoldersElsewhere(RunStep run, Call call, String path) {
        if (!call.is("mkdir") || call.args().isEmpty()) {
            return false;
        }
        String dir = run.directoryAt(call);
        String p = PathNames.normalizeAbsolute("/", path);
        boolean folders = false;
        for (Call.Arg arg : call.args()) {
            String value = arg.value();
            if (!arg.literal() || value.startsWith("--mode") || value.equals("-m") || value.startsWith("--context")
                    || value.equals("-Z")) {
                return false; // a mode or an SELinux context takes a value drydock does not pair with it here
            }
            if (value.startsWith("-")) {
                continue;
            }
            if (dir == null && !value.startsWith("/")) {
                return false;
            }
            String made = PathNames.normalizeAbsolute(dir == null ? "/" : PathNames.normalizeAbsolute("/", dir), value);
            if (PathNames.isUnder(p, made) || PathNames.isUnder(made, p)) {
                return false;
            }
            folders = true;
        }
        return folders;
    }

    /** Whether the call is a {@code turbo prune} whose output folder is known and lies apart from the path. */
    private static boolean prunesElsewhere(RunStep run, Call call, String path) {
        if (!call.is("turbo") || call.args().isEmpty() || !call.args().get(0).value().equals("prune")) {
            return false;
        }
        String dir = run.directoryAt(call);
        if (dir == null || call.args().stream().anyMatch(a -> !a.literal() || a.value().startsWith("--cwd"))) {
            return false;
        }
        String outDir = "out";
        List<Call.Arg> args = call.args();
        for (int i = 1; i < args.size(); i++) {
            String value = args.get(i).value();
            if (value.startsWith("--out-dir=")) {
                outDir = value.substring("--out-dir=".length());
            } else if (value.equals("--out-dir") && i + 1 < args.size()) {
                outDir = args.get(++i).value();
            }
        }
        String out = PathNames.normalizeAbsolute(PathNames.normalizeAbsolute("/", dir), outDir);
        String p = PathNames.normalizeAbsolute("/", path);
        return !PathNames.isUnder(p, out) && !PathNames.isUnder(out, p);
    }
}
