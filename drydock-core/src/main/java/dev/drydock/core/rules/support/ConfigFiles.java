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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
     */
    public record Found(Map<String, SourceFile> files, boolean folderMounted) {}

    /**
     * The files the image's Dockerfile copies from the build context to a .conf path under {@code folder} (ending
     * in '/'), whatever the source file is named;
     * empty when one of them cannot be read.
     */
    public static Optional<Map<String, SourceFile>> copied(ReviewContext context, Container c, String folder) {
        Map<String, SourceFile> files = new LinkedHashMap<>();
        for (CopyCommand copy : c.build().stage().copies()) {
            if (!copy.fromContext() || copy.containerPath() == null || !copy.heredocs().isEmpty()) {
                continue;
            }
            for (String source : copy.sources()) {
                String target = copy.containerPath().endsWith("/") || copy.sources().size() > 1
                        ? PathNames.join(copy.containerPath(), PathNames.fileName(source)) : copy.containerPath();
                if (!target.startsWith(folder) || !target.endsWith(".conf")) { // the name it is read under counts
                    continue;
                }
                SourceFile file = context.project().source(PathNames.join(c.build().context(),
                        PathNames.normalizeRelative(source))).orElse(null);
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
        Map<String, SourceFile> files = new LinkedHashMap<>();
        if (c != null && c.build() != null && c.build().stage() != null) {
            Map<String, SourceFile> copied = copied(context, c, folder).orElse(null);
            if (copied == null) {
                return Optional.empty();
            }
            files.putAll(copied);
        }
        boolean folderMounted = false;
        for (Service.Volume volume : service.volumes()) {
            if (!volume.isBind() || volume.hostPath() == null || volume.target() == null) {
                continue;
            }
            String target = volume.target().replaceAll("/+$", "");
            String relative = ComposeServices.projectPath(context.project(), volume.hostPath());
            if (Files.isDirectory(volume.hostPath())) {
                if (!(target + "/").startsWith(folder) && !folder.startsWith(target + "/")) {
                    continue;
                }
                if (relative == null || !(target + "/").equals(folder)) {
                    return Optional.empty(); // a folder above or below: what lands where is not followed
                }
                folderMounted = true;
                files.keySet().removeIf(k -> k.startsWith(folder));
                try (Stream<Path> list = Files.list(volume.hostPath())) {
                    for (Path p : list.sorted().toList()) {
                        String name = p.getFileName().toString();
                        if (name.endsWith(".conf") && Files.isRegularFile(p)) {
                            SourceFile file = context.project().source(PathNames.join(relative, name)).orElse(null);
                            if (file == null) {
                                return Optional.empty();
                            }
                            files.put(folder + name, file);
                        }
                    }
                } catch (IOException e) {
                    return Optional.empty();
                }
            } else if (target.startsWith(folder) && target.endsWith(".conf")) {
                SourceFile file = relative == null ? null : context.project().source(relative).orElse(null);
                if (file == null) {
                    return Optional.empty();
                }
                files.put(target, file);
            }
        }
        return Optional.of(new Found(files, folderMounted));
    }
}
