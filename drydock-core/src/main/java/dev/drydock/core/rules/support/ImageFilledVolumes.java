package dev.drydock.core.rules.support;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.manifest.FlyToml;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The volumes (named or anonymous) that compose services of production files mount over a directory their built
 * image fills: a COPY into it or into a folder inside it, a COPY of the build context above it whose matching
 * folder holds files, the dependencies {@code npm ci}, {@code yarn install} or {@code pnpm install} write to
 * {@code node_modules}, a virtualenv {@code python -m venv} creates, or Django's {@code collectstatic} output in a
 * folder named for static files. The engine copies the image's files into a volume only when the volume is
 * empty, so from then on the volume keeps the files of the first image. Volumes mounted with {@code nocopy}, bind
 * mounts and tmpfs are never filled from the image; a directory the image only creates empty (mkdir, VOLUME) is
 * not filled.
 */
public final class ImageFilledVolumes {

    private static final Set<String> PLACEHOLDERS = Set.of(".gitkeep", ".gitignore", ".keep", ".empty");

    private ImageFilledVolumes() {}

    /**
     * A volume over a directory the image fills.
     *
     * @param container the service's container
     * @param volume the volume entry
     * @param target the mount target, cleaned
     * @param filledBy what fills it, for messages ("`COPY --from=assets /app/public/build public/build`")
     * @param line the Dockerfile line of that instruction
     * @param dependencies whether it holds installed dependencies (node_modules, a virtualenv)
     */
    public record Hit(Container container, Service.Volume volume, String target, String filledBy, int line,
            boolean dependencies) {}

    /** The volumes of services outside development files that hide what their image fills, once per review. */
    public static List<Hit> of(ReviewContext context) {
        return context.memo("image-filled-volumes", ImageFilledVolumes.class, ImageFilledVolumes::find);
    }

    /**
     * Whether the volume entry is one {@link #of} reports, or mounts the same named volume as one (the web server
     * that serves the assets another service's image fills).
     */
    public static boolean holdsImageFiles(ReviewContext context, Service.Volume volume) {
        return of(context).stream().anyMatch(h -> h.volume() == volume || volume.isNamedVolume()
                && h.volume().isNamedVolume() && h.volume().source().equals(volume.source()));
    }

    /**
     * A Fly volume ({@code [mounts]} of the fly.toml that deploys the image) mounted over a directory the image fills.
     *
     * @param deploy the Fly app
     * @param mount the mount
     * @param dockerfile the image's Dockerfile
     * @param target the mount destination, cleaned
     * @param filledBy what fills it, for messages
     * @param line the Dockerfile line of that instruction
     * @param dependencies whether it holds installed dependencies
     */
    public record FlyHit(FlyDeploy deploy, FlyToml.Mount mount, String dockerfile, String target, String filledBy,
            int line, boolean dependencies) {}

    /**
     * The Fly volumes mounted over a directory the image they run fills, once per fly.toml mount. A Fly volume is a
     * file system of its own, created empty: it hides whatever the image put at its destination.
     */
    public static List<FlyHit> flyMounts(ReviewContext context) {
        return context.memo("image-filled-fly-mounts", ImageFilledVolumes.class, () -> {
            List<FlyHit> out = new ArrayList<>();
            Set<String> seen = new java.util.HashSet<>();
            for (BuiltImage image : BuiltImage.of(context)) {
                if (image.isDevelopmentImage()) {
                    continue;
                }
                for (Container c : image.containers()) {
                    FlyDeploy deploy = FlyDeploy.of(context, c).orElse(null);
                    if (deploy == null) {
                        continue;
                    }
                    for (FlyToml.Mount mount : deploy.fly().mounts()) {
                        String target = mount.destination() == null || !mount.destination().startsWith("/") ? null
                                : ContainerPaths.clean(mount.destination());
                        if (target == null || target.equals("/") || !seen.add(deploy.file() + "|" + target)) {
                            continue;
                        }
                        filler(context, image, c, target).ifPresent(f -> out.add(new FlyHit(deploy, mount,
                                image.dockerfile(), target, f.what(), f.line(), f.dependencies())));
                    }
                }
            }
            return List.copyOf(out);
        });
    }

    private static List<Hit> find(ReviewContext context) {
        List<Hit> out = new ArrayList<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage()) {
                continue;
            }
            for (Container c : image.containers()) {
                Service service = c.service();
                if (service == null) {
                    continue;
                }
                for (Service.Volume volume : service.volumes()) {
                    if (!volume.isNamedVolume() && !volume.isAnonymous() || volume.target() == null || noCopy(volume)
                            || ComposeServices.isDevelopmentFile(context, volume.node().file().path())
                            || !volume.target().startsWith("/")) {
                        continue;
                    }
                    String target = ContainerPaths.clean(volume.target());
                    if (target.equals("/") || volume.isAnonymous() && underBindMount(service, target)) {
                        continue;
                    }
                    filler(context, image, c, target).ifPresent(f -> out.add(
                            new Hit(c, volume, target, f.what(), f.line(), f.dependencies())));
                }
            }
        }
        return List.copyOf(out);
    }

    /**
     * What puts files into a directory of an image.
     *
     * @param what the instruction, for messages ("`COPY . /var/www/html`")
     * @param line its Dockerfile line
     * @param dependencies whether it installs dependencies (node_modules, a virtualenv)
     */
    public record Filler(String what, int line, boolean dependencies) {

        static Filler of(Instruction instruction, boolean dependencies) {
            String text = instruction.file().text(instruction.span()).replaceAll("\\s*\\\\\\s*\\n\\s*", " ").strip();
            if (text.length() > 90) {
                text = text.substring(0, 87) + "...";
            }
            return new Filler("`" + text + "`", instruction.span().startLine(), dependencies);
        }
    }

    /**
     * The instruction of the container's built image that fills {@code target} (absolute, cleaned), the last one
     * found: empty when the container is not built from a Dockerfile drydock reads, or nothing fills the folder.
     */
    public static Optional<Filler> filling(ReviewContext context, Container c, String target) {
        return BuiltImage.of(context).stream().filter(i -> i.containers().contains(c)).findFirst()
                .flatMap(image -> filler(context, image, c, target));
    }

    /** The instruction of the image that fills {@code target}, the last one found. */
    private static Optional<Filler> filler(ReviewContext context, BuiltImage image, Container c, String target) {
        Filler found = null;
        for (Stage stage : image.imageStages()) {
            for (CopyCommand copy : stage.copies()) {
                String destination = ContainerPaths.clean(copy.containerPath());
                if (PathNames.isUnder(destination, target)
                        || copy.fromContext() && PathNames.isUnder(target, destination)
                                && contextFolderHoldsFiles(context, c, copy, destination, target)) {
                    found = Filler.of(copy.instruction(), target.endsWith("/node_modules"));
                }
            }
        }
        for (RunStep run : image.imageRuns()) {
            for (Call call : run.calls()) {
                String dir = run.directoryAt(call);
                if (dir != null && writes(run, call, dir, target)) {
                    found = Filler.of(run.instruction(), !collectstatic(call));
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** Whether the call writes into {@code target}: installed dependencies, a virtualenv, collected static files. */
    private static boolean writes(RunStep run, Call call, String dir, String target) {
        Optional<Call.Arg> sub = call.options().subcommand();
        if (call.is("npm") && sub.filter(a -> Set.of("ci", "install", "i").contains(a.value())).isPresent()
                || call.is("yarn") && (sub.isEmpty() || sub.get().value().equals("install"))
                || call.is("pnpm") && sub.filter(a -> a.value().equals("install")).isPresent()) {
            return target.equals(ContainerPaths.clean(dir + "/node_modules"));
        }
        if (call.is("python", "python3", "virtualenv") || call.name().matches("python3\\.\\d+")) {
            List<String> words = call.args().stream().map(Call.Arg::value).toList();
            int venv = words.indexOf("venv");
            if (call.is("virtualenv") || venv > 0 && words.get(venv - 1).equals("-m")) {
                String path = words.isEmpty() ? null : words.get(words.size() - 1);
                return path != null && !path.startsWith("-") && !path.equals("venv")
                        && target.equals(ContainerPaths.clean(PathNames.normalizeAbsolute(dir, path)));
            }
            if (collectstatic(call)) {
                String name = PathNames.fileName(target);
                return PathNames.isUnder(target, dir) && !target.equals(dir) && name.contains("static");
            }
        }
        return false;
    }

    private static boolean collectstatic(Call call) {
        return call.args().stream().anyMatch(a -> a.value().equals("collectstatic"));
    }

    /**
     * Whether a COPY of the build context (its root, {@code .}) to {@code destination} puts files at
     * {@code target}, below it: the context's matching folder holds files other than placeholders
     * (.gitkeep). A data folder the repository keeps empty (storage/, uploads/) is not filled.
     */
    private static boolean contextFolderHoldsFiles(ReviewContext context, Container c, CopyCommand copy,
            String destination, String target) {
        if (copy.sources().stream().noneMatch(s -> s.equals(".") || s.equals("./")) || c.build().context() == null) {
            return false;
        }
        Path root = context.project().layout().root().toAbsolutePath().normalize();
        Path buildContext = root.resolve(c.build().context()).normalize();
        if (!buildContext.startsWith(root)) {
            return false;
        }
        String relative = destination.equals("/") ? target.substring(1) : target.substring(destination.length() + 1);
        String base = root.relativize(buildContext).toString().replace('\\', '/');
        String folder = (base.isEmpty() ? "" : base + "/") + relative + "/";
        for (ProjectEntry e : context.project().layout().entries()) {
            if (e.path().startsWith(folder) && !PLACEHOLDERS.contains(e.name())) {
                return true;
            }
        }
        return listsFiles(root.resolve(folder));
    }

    /**
     * Whether a folder of the project or one below it holds a file other than placeholders (storage/app/.gitignore
     * alone is not): discovery records only the files it
     * reads (sources, manifests), not the stylesheets, images and HTML pages of a public/ folder.
     */
    private static boolean listsFiles(Path folder) {
        if (!java.nio.file.Files.isDirectory(folder)) {
            return false;
        }
        try (var walk = java.nio.file.Files.walk(folder, 6)) {
            return walk.anyMatch(p -> java.nio.file.Files.isRegularFile(p)
                    && !PLACEHOLDERS.contains(p.getFileName().toString()));
        } catch (java.io.IOException | RuntimeException e) {
            return false; // an unreadable folder is not known to hold files
        }
    }

    /** Whether the volume sets {@code volume.nocopy: true} or the short syntax's {@code nocopy} mode. */
    private static boolean noCopy(Service.Volume volume) {
        if (volume.options().contains("nocopy")) {
            return true;
        }
        Node node = volume.node();
        if (node instanceof MapNode m && m.map("volume") != null) {
            String value = m.map("volume").string("nocopy");
            return value != null && value.equalsIgnoreCase("true");
        }
        return false;
    }

    /** Whether a bind mount of the service covers {@code target}: the idiom that keeps the image's folder beneath sources. */
    private static boolean underBindMount(Service service, String target) {
        for (Service.Volume v : service.volumes()) {
            if (v.isBind() && v.target() != null && v.target().startsWith("/")
                    && PathNames.isUnder(target, ContainerPaths.clean(v.target()))) {
                return true;
            }
        }
        return false;
    }
}
