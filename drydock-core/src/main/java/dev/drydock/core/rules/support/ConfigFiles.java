package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The project's .conf files a container gets under a folder of the image (/etc/nginx/, /usr/local/etc/php-fpm.d/):
 * those its Dockerfile copies from the build context, and those a compose service bind-mounts, one file or a folder.
 */
public final class ConfigFiles {

    private ConfigFiles() {}

    /**
     * The files at their paths in the container, and whether a bind-mounted folder hides what the image holds there.
     *
     * @param files the project files by their path in the container, in the order the image and mounts put them
     * @param folderMounted whether a host folder is mounted on the folder itself
     * @param mountedFolders the folders (ending in '/') host folders are mounted on, hiding what the image holds there
     */
    public record Found(Map<String, SourceFile> files, boolean folderMounted, List<String> mountedFolders) {

        /** Whether a host folder hides what the image holds at {@code path}. */
        public boolean hides(String path) {
            return mountedFolders.stream().anyMatch(path::startsWith);
        }
    }

    /**
     * The files the image's Dockerfile copies from the build context to a .conf path under {@code folder} (ending
     * in '/'), whatever the source file is named;
     * empty when one of them cannot be read.
     */
    public static Optional<Map<String, SourceFile>> copied(ReviewContext context, Container c, String folder) {
        return copied(context, c, folder, CONF);
    }

    private static final Predicate<String> CONF = path -> path.endsWith(".conf");

    /**
     * Configuration folders the server images already hold: COPY puts a file into a folder that exists, so
     * {@code COPY nginx.conf /etc/nginx/conf.d} makes /etc/nginx/conf.d/nginx.conf without the trailing slash too.
     */
    private static final Set<String> IMAGE_FOLDERS = Set.of("/etc/nginx", "/etc/nginx/conf.d",
            "/etc/nginx/templates", "/etc/nginx/sites-enabled", "/etc/nginx/sites-available",
            "/usr/local/etc/php-fpm.d", "/usr/local/etc/php/conf.d");

    /** The files the image's Dockerfile copies to a path under {@code folder} that {@code named} accepts. */
    static Optional<Map<String, SourceFile>> copied(ReviewContext context, Container c, String folder,
            Predicate<String> named) {
        Map<String, SourceFile> files = new LinkedHashMap<>();
        for (CopyCommand copy : c.build().stage().copies()) {
            if (!copy.fromContext() || copy.containerPath() == null || !copy.heredocs().isEmpty()) {
                continue;
            }
            for (String source : copy.sources()) {
                String target = copy.containerPath().endsWith("/") || copy.sources().size() > 1
                        || IMAGE_FOLDERS.contains(copy.containerPath())
                        ? PathNames.join(copy.containerPath(), PathNames.fileName(source)) : copy.containerPath();
                String inContext = PathNames.normalizeRelative(source.replaceFirst("^/+", "")); // "/" is the context's root
                if (inContext == null) {
                    continue;
                }
                String relative = PathNames.join(c.build().context(), inContext);
                Path dir = context.project().root().resolve(relative);
                if (!source.contains("*") && Files.isDirectory(dir)) { // its contents land in the target folder
                    String into = copy.containerPath().replaceAll("/+$", "") + "/";
                    if (!addFolder(context, PathNames.normalizeRelative(relative), dir, into, folder, named, files)) {
                        return Optional.empty();
                    }
                    continue;
                }
                if (!target.startsWith(folder) || !named.test(target)) { // the name it is read under counts
                    continue;
                }
                SourceFile file = context.project().source(relative).orElse(null);
                if (file == null) {
                    return Optional.empty();
                }
                files.put(target, file);
            }
        }
        return Optional.of(files);
    }

    /**
     * The .conf files a container has under {@code folder} (ending in '/') from the project: copied by its
     * Dockerfile (when built), then bind-mounted by its compose service; empty when one cannot be read.
     */
    public static Optional<Found> of(ReviewContext context, Service service, Container c, String folder) {
        return of(context, service, c, folder, CONF);
    }

    /**
     * The files a container has under {@code folder} (ending in '/') from the project whose path in the container
     * {@code named} accepts (a Caddyfile, haproxy.cfg, traefik.yml), copied or bind-mounted as {@link #of} says.
     */
    public static Optional<Found> of(ReviewContext context, Service service, Container c, String folder,
            Predicate<String> named) {
        Map<String, SourceFile> files = new LinkedHashMap<>();
        if (c != null && c.build() != null && c.build().stage() != null) {
            Map<String, SourceFile> copied = copied(context, c, folder, named).orElse(null);
            if (copied == null) {
                return Optional.empty();
            }
            files.putAll(copied);
        }
        boolean folderMounted = false;
        List<String> mounted = new ArrayList<>();
        for (Service.Volume volume : service == null ? List.<Service.Volume>of() : service.volumes()) {
            if (!volume.isBind() || volume.hostPath() == null || volume.target() == null) {
                continue;
            }
            String target = volume.target().replaceAll("/+$", "");
            String relative = ComposeServices.projectPath(context.project(), volume.hostPath());
            if (Files.isDirectory(volume.hostPath())) {
                if (!(target + "/").startsWith(folder) && !folder.startsWith(target + "/")) {
                    continue;
                }
                if (relative == null || !(target + "/").startsWith(folder)) {
                    return Optional.empty(); // a folder above: what lands where is not followed
                }
                folderMounted |= (target + "/").equals(folder);
                mounted.add(target + "/");
                files.keySet().removeIf(k -> k.startsWith(target + "/"));
                if (!addFolder(context, relative, volume.hostPath(), target + "/", folder, named, files)) {
                    return Optional.empty();
                }
            } else if (target.startsWith(folder) && named.test(target)) {
                SourceFile file = relative == null ? null : context.project().source(relative).orElse(null);
                if (file == null) {
                    return Optional.empty();
                }
                files.put(target, file);
            }
        }
        return Optional.of(new Found(files, folderMounted, List.copyOf(mounted)));
    }

    /**
     * Adds the .conf files of a project folder (its subfolders too, as COPY and a bind mount bring them) at their
     * paths under {@code into}, those under {@code folder}; false when one cannot be read.
     */
    private static boolean addFolder(ReviewContext context, String relative, Path dir, String into, String folder,
            Predicate<String> named, Map<String, SourceFile> files) {
        try (Stream<Path> walk = Files.walk(dir, 4)) {
            for (Path p : walk.sorted().toList()) {
                String inside = dir.relativize(p).toString().replace('\\', '/');
                String target = into + inside;
                if (!target.startsWith(folder) || !named.test(target) || !Files.isRegularFile(p)) {
                    continue;
                }
                SourceFile file = context.project().source(PathNames.join(relative, inside)).orElse(null);
                if (file == null) {
                    return false;
                }
                files.put(target, file);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
