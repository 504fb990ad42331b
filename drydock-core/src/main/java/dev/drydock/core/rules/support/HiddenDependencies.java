package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.EffectiveCommand;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.shell.ShellScript;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The dependency folders an image installs inside the folder a compose service bind-mounts from the host
 * ({@code .:/app} over the {@code /app/node_modules} of {@code RUN npm ci}, or over the {@code /app/.venv} of
 * {@code RUN uv sync}): the mount shows the host's folder there instead, which a fresh checkout lacks and which, where
 * a developer installed it, holds packages built for the host's system. Not hidden when a later {@code mv} takes the
 * folder out of the mount's reach ({@code mv /app/node_modules /node_modules}), when another mount of the
 * service covers the folder more closely (the anonymous volume {@code - /app/node_modules}), nor when the container's
 * start installs that folder's dependencies itself ({@code npm install && npm run dev} a node_modules, {@code uv run} a
 * virtualenv).
 */
public final class HiddenDependencies {

    private static final Set<String> NODE_INSTALLS = Set.of("ci", "install", "i");

    private HiddenDependencies() {}

    /**
     * A dependency folder of the image that a bind mount hides.
     *
     * @param container the service's container
     * @param mount the bind mount
     * @param target the mount's target, cleaned
     * @param folder the dependency folder, cleaned ({@code /app/node_modules})
     * @param filler what fills it in the image, for messages
     * @param line the Dockerfile line of that instruction
     * @param node whether it holds Node packages (else a Python virtualenv)
     */
    public record Hidden(Container container, Service.Volume mount, String target, String folder, String filler,
            int line, boolean node) {

        /** The folder the host shows there: the mount's source joined with the folder's place below the target. */
        public String hostFolder() {
            String below = folder.substring(target.equals("/") ? 1 : target.length() + 1);
            String source = mount.source() == null ? "." : mount.source();
            return source.endsWith("/") ? source + below : source + "/" + below;
        }

        /** What the folder holds, for messages. */
        public String what() {
            return node ? "the node_modules" : "the virtualenv";
        }
    }

    /** The dependency folders of the container's image that its bind mounts hide. */
    public static List<Hidden> of(ReviewContext context, Container c) {
        Service service = c.service();
        if (service == null || c.build() == null || c.build().stage() == null) {
            return List.of();
        }
        BuiltImage image = BuiltImage.of(context).stream().filter(i -> i.containers().contains(c)).findFirst()
                .orElse(null);
        if (image == null) {
            return List.of();
        }
        Map<String, Filled> folders = folders(image);
        Set<String> filledAtStart = ecosystemsFilledAtStart(context, c);
        folders.values().removeIf(f -> filledAtStart.contains(f.node() ? "node" : "python"));
        if (folders.isEmpty()) {
            return List.of();
        }
        List<Hidden> out = new ArrayList<>();
        for (Service.Volume mount : service.volumes()) {
            if (!mount.isBind() || mount.target() == null || !mount.target().startsWith("/")) {
                continue;
            }
            String target = ContainerPaths.clean(mount.target());
            for (Map.Entry<String, Filled> folder : folders.entrySet()) {
                String path = folder.getKey();
                if (!path.equals(target) && PathNames.isUnder(path, target) && !target.equals("/")
                        && !coveredCloser(service, path, target)) {
                    Filled f = folder.getValue();
                    out.add(new Hidden(c, mount, target, path, f.what(), f.line(), f.node()));
                }
            }
        }
        return out;
    }

    /** What fills a dependency folder. */
    private record Filled(String what, int line, boolean node) {}

    /** The dependency folders the image's own stages fill, each with the last instruction that does. */
    private static Map<String, Filled> folders(BuiltImage image) {
        Map<String, Filled> out = new LinkedHashMap<>();
        for (Stage stage : image.imageStages()) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromContext() || copy.containerPath() == null) {
                    continue;
                }
                String destination = ContainerPaths.clean(copy.containerPath());
                String name = PathNames.fileName(destination);
                if (name.equals("node_modules") || name.equals(".venv")) {
                    ImageFilledVolumes.Filler f = ImageFilledVolumes.Filler.of(copy.instruction(), true);
                    out.put(destination, new Filled(f.what(), f.line(), name.equals("node_modules")));
                }
            }
        }
        for (RunStep run : image.imageRuns()) {
            for (Call call : run.calls()) {
                String dir = run.directoryAt(call);
                if (dir == null) {
                    continue;
                }
                installedFolder(run, call, dir).ifPresent(folder -> {
                    ImageFilledVolumes.Filler f = ImageFilledVolumes.Filler.of(run.instruction(), true);
                    out.put(folder, new Filled(f.what(), f.line(), folder.endsWith("/node_modules")));
                });
                movedFolder(call, dir).ifPresent(move -> {
                    Filled moved = out.remove(move.getKey());
                    if (moved != null) {
                        out.put(move.getValue(), moved);
                    }
                });
            }
        }
        return out;
    }

    /**
     * The source and destination of an {@code mv} of one folder, resolved against the folder it runs in: {@code mv
     * /app/node_modules /node_modules}, or {@code mv node_modules ../} into a folder, which keeps the name. The image's
     * node_modules then sits where the mount does not reach, and Node finds it there from the folders below.
     */
    private static Optional<Map.Entry<String, String>> movedFolder(Call call, String dir) {
        if (!call.is("mv")) {
            return Optional.empty();
        }
        List<String> operands = call.args().stream().map(Call.Arg::value).filter(w -> !w.startsWith("-")).toList();
        if (operands.size() != 2 || operands.stream().anyMatch(w -> w.contains("$") || w.contains("*"))) {
            return Optional.empty();
        }
        String source = ContainerPaths.clean(PathNames.normalizeAbsolute(dir, operands.get(0)));
        String destination = ContainerPaths.clean(PathNames.normalizeAbsolute(dir, operands.get(1)));
        String name = PathNames.fileName(source);
        if (operands.get(1).endsWith("/") || !PathNames.fileName(destination).equals(name)) {
            destination = ContainerPaths.clean(destination + "/" + name);
        }
        return Optional.of(Map.entry(source, destination));
    }

    /**
     * The folder a call of a RUN installs dependencies into: the node_modules beside the package.json of the folder
     * it runs in (npm ci, yarn, pnpm install, bun install, not a global install), the virtualenv {@code python -m
     * venv}, {@code virtualenv} or {@code uv venv} creates, the project environment of {@code uv sync} (.venv, or
     * UV_PROJECT_ENVIRONMENT), and Poetry's .venv when POETRY_VIRTUALENVS_IN_PROJECT is set.
     */
    static Optional<String> installedFolder(RunStep run, Call call, String dir) {
        Optional<Call.Arg> sub = call.options().subcommand();
        List<String> words = call.args().stream().map(Call.Arg::value).toList();
        if (words.contains("-g") || words.contains("--global") || words.contains("global")) {
            return Optional.empty();
        }
        if (call.is("npm", "pnpm", "bun") && sub.filter(a -> NODE_INSTALLS.contains(a.value())).isPresent()
                || call.is("yarn") && (sub.isEmpty() || sub.get().value().equals("install"))) {
            return Optional.of(ContainerPaths.clean(dir + "/node_modules"));
        }
        if (call.is("uv") && sub.isPresent()) {
            if (sub.get().value().equals("sync")) {
                String environment = run.variable("UV_PROJECT_ENVIRONMENT");
                return Optional.of(ContainerPaths.clean(PathNames.normalizeAbsolute(dir,
                        environment == null || environment.isBlank() ? ".venv" : environment)));
            }
            if (sub.get().value().equals("venv")) {
                List<Call.Arg> operands = call.options("-p", "--python", "--prompt").operands();
                String path = operands.size() > 1 ? operands.get(1).value() : ".venv";
                return Optional.of(ContainerPaths.clean(PathNames.normalizeAbsolute(dir, path)));
            }
        }
        if (call.is("poetry") && sub.filter(a -> a.value().equals("install")).isPresent()) {
            String inProject = run.variable("POETRY_VIRTUALENVS_IN_PROJECT");
            return inProject != null && (inProject.equalsIgnoreCase("true") || inProject.equals("1"))
                    ? Optional.of(ContainerPaths.clean(dir + "/.venv")) : Optional.empty();
        }
        if (call.is("python", "python3", "virtualenv") || call.name().matches("python3\\.\\d+")) {
            int venv = words.indexOf("venv");
            if (call.is("virtualenv") || venv > 0 && words.get(venv - 1).equals("-m")) {
                String path = words.isEmpty() ? null : words.get(words.size() - 1);
                if (path != null && !path.startsWith("-") && !path.equals("venv") && !path.contains("$")) {
                    return Optional.of(ContainerPaths.clean(PathNames.normalizeAbsolute(dir, path)));
                }
            }
        }
        return Optional.empty();
    }

    /** Whether another mount of the service sits at the folder or between it and the bind mount's target. */
    private static boolean coveredCloser(Service service, String folder, String target) {
        for (Service.Volume v : service.volumes()) {
            if (v.target() == null || !v.target().startsWith("/")) {
                continue;
            }
            String other = ContainerPaths.clean(v.target());
            if (!other.equals(target) && PathNames.isUnder(folder, other) && PathNames.isUnder(other, target)) {
                return true;
            }
        }
        for (Located<String> tmpfs : service.tmpfs() == null ? List.<Located<String>>of() : service.tmpfs()) {
            String other = ContainerPaths.clean(tmpfs.value().split(":")[0]);
            if (PathNames.isUnder(folder, other) && PathNames.isUnder(other, target) && !other.equals(target)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The ecosystems ({@code node}, {@code python}) whose dependencies the container's start installs itself, into the
     * mounted folder, before the program ({@link DependencyInstallCommands#filling}: {@code npm install && npm run dev},
     * {@code uv run}): its command and the {@code sh -c} script it runs, its entry-point and start scripts (every
     * command, a guarded {@code [ -d node_modules ] || npm ci} too), and the package.json scripts a package manager
     * runs at its start ({@link StartupMigrations#startCommands}).
     */
    private static Set<String> ecosystemsFilledAtStart(ReviewContext context, Container c) {
        Set<String> out = new java.util.HashSet<>();
        EffectiveCommand command = c.command();
        if (command != null) {
            DependencyInstallCommands.filling(command.argv()).ifPresent(i -> out.add(i.ecosystem()));
            if (command.script() != null) {
                DependencyInstallCommands.filling(ShellScript.parse(command.script())).forEach(i -> out.add(i.ecosystem()));
            }
        }
        EntryPoint ep = c.entryPoint();
        if (ep != null) {
            ep.otherCommands().forEach(words -> DependencyInstallCommands.filling(words)
                    .ifPresent(i -> out.add(i.ecosystem())));
            List<String> scripts = new ArrayList<>(ep.scripts());
            if (ep.startedBy() != null) {
                scripts.add(ep.startedBy());
            }
            for (String script : scripts) {
                c.scripts().parsed(script).ifPresent(parsed -> DependencyInstallCommands.filling(parsed)
                        .forEach(i -> out.add(i.ecosystem())));
            }
        }
        StartupMigrations.startCommands(context, c, words -> DependencyInstallCommands.filling(words)
                .map(DependencyInstallCommands.Install::ecosystem)).forEach(site -> out.add(site.tool()));
        return out;
    }
}
