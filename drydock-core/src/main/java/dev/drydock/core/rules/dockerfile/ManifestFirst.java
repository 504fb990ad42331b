package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.ignore.DockerIgnore;
import dev.drydock.core.manifest.GoMod;
import dev.drydock.core.manifest.Gemfile;
import dev.drydock.core.manifest.PackageJson;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Project;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.DependencyInstalls;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * layer-caching's fix: the broad COPY becomes a COPY of the install's manifests alone (with the same ownership and
 * mode), and moves below the RUN that installs, so that the install layer is rebuilt only when a manifest changes.
 * Offered only where the install provably reads nothing else of the source: the RUN does nothing but install (and
 * clean caches or install system packages); the instructions between the COPY and the RUN do not depend on files
 * or change where the COPY goes; and the manifest brings no local path, lifecycle script or workspace with it.
 */
final class ManifestFirst {

    /** What may stand between the broad COPY and the install: nothing that reads files or moves the COPY's target. */
    private static final Set<InstructionKind> NEUTRAL = Set.of(InstructionKind.ENV, InstructionKind.ARG,
            InstructionKind.LABEL, InstructionKind.EXPOSE, InstructionKind.USER, InstructionKind.SHELL,
            InstructionKind.HEALTHCHECK, InstructionKind.STOPSIGNAL, InstructionKind.MAINTAINER);

    /** npm, yarn, pnpm and bun run these scripts of the root package during an install. */
    private static final Set<String> INSTALL_SCRIPTS = Set.of("preinstall", "install", "postinstall", "prepare",
            "preprepare", "postprepare", "prepublish", "dependencies");

    /** Package managers of the system: they read nothing of the build context. */
    private static final Set<String> SYSTEM_INSTALLERS = Set.of("apt-get", "apt", "apk", "yum", "dnf", "microdnf",
            "zypper");

    /** Configuration an installer reads from the package's folder, copied with the manifests when it is there. */
    private static final List<String> NODE_CONFIG = List.of(".npmrc", ".yarnrc", "bunfig.toml");

    /** A requirement naming something on disk: a path, a file: URL, or an option that reads files. */
    private static final Pattern LOCAL_REQUIREMENT = Pattern.compile(
            "(?i)^(?:-[rceCfE]\\b|--(?:requirement|constraint|editable|find-links|src)\\b|\\.|/|~|file:)"
                    + "|@\\s*file:|\\bgit\\+file:");

    private ManifestFirst() {}

    /**
     * The fix, or null where it is not mechanical.
     *
     * @param copies the COPYs of the manifests, as layer-caching advises them ("COPY package.json package-lock.json ./")
     * @param folder the folder of the build context the manifests are read from ("" or "web/")
     */
    static Fix fix(Project project, BuiltImage image, CopyCommand broad, RunStep run, DependencyInstalls.Install install,
            List<String> copies, String folder) {
        Instruction copy = broad.instruction();
        Instruction installRun = run.instruction();
        BuildLink build = image.container().build();
        if (copies.isEmpty() || broad.isAdd() || !broad.fromContext() || !broad.heredocs().isEmpty()
                || !installRun.heredocs().isEmpty() || copy.file() != installRun.file() || build == null
                || !between(run.stage(), copy, installRun) || !onlyInstalls(run, install)
                || !readsOnlyManifests(project, build, install, folder)) {
            return null;
        }
        List<String> lines = new ArrayList<>();
        String flags = flags(copy);
        for (String c : copies) {
            if (!c.startsWith("COPY ")) {
                return null;
            }
            lines.add("COPY " + flags + c.substring("COPY ".length()));
        }
        String config = nodeConfig(project, build, install, folder);
        if (!config.isEmpty()) {
            String first = lines.get(0);
            int last = first.lastIndexOf(' ');
            lines.set(0, first.substring(0, last) + config + first.substring(last));
        }
        if (!inContext(build, lines)) {
            return null;
        }
        SourceFile file = copy.file();
        String keyword = copy.keyword().value();
        String indent = SourceEdits.indentation(file, copy.startLine());
        String replacement = String.join("\n" + indent, lines.stream()
                .map(l -> keyword.equals("COPY") ? l : keyword + l.substring("COPY".length())).toList());
        return Fix.of("copy " + install.manifest() + " alone before " + install.text() + " and the source after it",
                FixSafety.UNSAFE,
                SourceEdits.replace(file, copy.span(), replacement),
                SourceEdits.insertLinesAfter(file, installRun.endLine(),
                        indent + copy.rawText().replace("\r\n", "\n")));
    }

    /** Whether only neutral instructions stand between the COPY and the RUN of one stage. */
    private static boolean between(Stage stage, Instruction copy, Instruction run) {
        boolean inside = false;
        for (var step : stage.steps()) {
            Instruction i = step.instruction();
            if (i == run) {
                return inside;
            }
            if (inside && !NEUTRAL.contains(i.kind())) {
                return false;
            }
            inside |= i == copy;
        }
        return false;
    }

    /**
     * Whether the RUN does nothing but the install (from the WORKDIR, without a cd), system packages, cleaning
     * caches and setting the installer up.
     */
    private static boolean onlyInstalls(RunStep run, DependencyInstalls.Install install) {
        for (Call call : run.calls()) {
            if (call == install.call() || SYSTEM_INSTALLERS.contains(call.name())
                    || call.is("set", "true", "echo", "corepack")) {
                continue;
            }
            List<String> words = call.args().stream().map(a -> a.value().toLowerCase(Locale.ROOT)).toList();
            String sub = words.isEmpty() ? "" : words.get(0);
            boolean cleans = call.is("npm", "yarn") && sub.equals("cache")
                    || call.is("pnpm") && sub.equals("store")
                    || call.is("pip", "pip3") && sub.equals("cache")
                    || call.is("npm", "yarn", "pnpm") && sub.equals("config")
                    || call.is("rm") && words.stream().filter(w -> !w.startsWith("-")).allMatch(ManifestFirst::cache);
            if (!cleans) {
                return false;
            }
        }
        return true;
    }

    private static boolean cache(String path) {
        return path.contains("cache") || path.contains(".npm") || path.startsWith("/tmp/") || path.startsWith("/var/lib/apt");
    }

    /** Whether the install reads its manifests and nothing else of the source. */
    private static boolean readsOnlyManifests(Project project, BuildLink build, DependencyInstalls.Install install,
            String folder) {
        String base = base(build, folder);
        Call call = install.call();
        if (call.is("npm", "yarn", "pnpm", "bun")) {
            return nodePackageStandsAlone(project, base);
        }
        if (call.is("pip", "pip3") || call.name().startsWith("python")) {
            return install.manifests().stream().allMatch(m -> requirementsStandAlone(project, PathNames.join(base, m)));
        }
        if (call.is("bundle", "bundler")) {
            return gemfileStandsAlone(project, PathNames.join(base, install.manifest()), base);
        }
        if (call.is("go")) {
            return goModuleStandsAlone(project, base);
        }
        return false;
    }

    private static boolean nodePackageStandsAlone(Project project, String base) {
        Optional<SourceFile> file = project.source(PathNames.join(base, "package.json"));
        if (file.isEmpty() || exists(project, base, ".yarnrc.yml") || exists(project, base, "pnpm-workspace.yaml")
                || file.get().text().contains("patchedDependencies")) {
            return false;
        }
        PackageJson pkg = PackageJson.of(file.get());
        return pkg.workspaces().isEmpty() && pkg.scripts().keySet().stream().noneMatch(INSTALL_SCRIPTS::contains)
                && pkg.dependencies().stream().map(d -> d.range() == null ? "" : d.range().strip())
                        .noneMatch(r -> r.startsWith("file:") || r.startsWith("link:") || r.startsWith("portal:")
                                || r.startsWith("workspace:") || r.startsWith(".") || r.startsWith("/"));
    }

    private static boolean requirementsStandAlone(Project project, String path) {
        Optional<SourceFile> file = project.source(path);
        if (file.isEmpty()) {
            return false;
        }
        for (String line : file.get().text().split("\\R")) {
            String requirement = line.strip();
            int comment = requirement.indexOf(" #");
            requirement = comment >= 0 ? requirement.substring(0, comment).strip() : requirement;
            if (requirement.isEmpty() || requirement.startsWith("#") || requirement.startsWith("--hash")) {
                continue;
            }
            if (LOCAL_REQUIREMENT.matcher(requirement).find()
                    || !requirement.contains("://") && (requirement.contains("/") || requirement.contains("\\"))) {
                return false;
            }
        }
        return true;
    }

    private static boolean gemfileStandsAlone(Project project, String path, String base) {
        Optional<SourceFile> file = project.source(path);
        if (file.isEmpty() || exists(project, base, ".bundle/config")) {
            return false;
        }
        String text = file.get().text();
        Gemfile gemfile = Gemfile.parse(file.get());
        return !gemfile.hasGemspec() && gemfile.gems().stream().noneMatch(g -> g.options().containsKey("path"))
                && !text.contains("eval_gemfile") && !text.contains("require_relative") && !text.contains("File.")
                && !text.contains("file:");
    }

    private static boolean goModuleStandsAlone(Project project, String base) {
        Optional<SourceFile> file = project.source(PathNames.join(base, "go.mod"));
        return file.isPresent() && !exists(project, base, "go.work")
                && GoMod.parse(file.get()).replaces().stream().noneMatch(GoMod.Replace::isLocal);
    }

    /** The installer's own configuration beside the manifest, for a Node.js install: " .npmrc" or "". */
    private static String nodeConfig(Project project, BuildLink build, DependencyInstalls.Install install, String folder) {
        if (!install.call().is("npm", "yarn", "pnpm", "bun")) {
            return "";
        }
        String base = base(build, folder);
        StringBuilder out = new StringBuilder();
        for (String name : NODE_CONFIG) {
            if (exists(project, base, name)) {
                out.append(' ').append(folder).append(name);
            }
        }
        return out.toString();
    }

    /** Whether every file the new COPYs name reaches the build: a source the .dockerignore excludes fails the COPY. */
    private static boolean inContext(BuildLink build, List<String> lines) {
        DockerIgnore ignore = build.ignore();
        if (ignore == null) {
            return true;
        }
        for (String line : lines) {
            List<String> words = List.of(line.split(" "));
            for (String word : words.subList(1, words.size() - 1)) {
                if (!word.startsWith("--") && !ignore.includes(PathNames.normalizeRelative(word))) {
                    return false;
                }
            }
        }
        return true;
    }

    /** The broad COPY's --chown, --chmod and --link, as written, each followed by a space. */
    private static String flags(Instruction copy) {
        StringBuilder out = new StringBuilder();
        for (Flag flag : copy.flags()) {
            if (flag.name().equals("chown") || flag.name().equals("chmod") || flag.name().equals("link")) {
                out.append(copy.file().text(flag.span())).append(' ');
            }
        }
        return out.toString();
    }

    /** The project folder the manifests are read from: the build context's {@code folder}. */
    private static String base(BuildLink build, String folder) {
        return PathNames.join(build.context(), folder.endsWith("/") ? folder.substring(0, folder.length() - 1) : folder);
    }

    private static boolean exists(Project project, String base, String name) {
        return project.files().exists(PathNames.join(base, name));
    }
}
