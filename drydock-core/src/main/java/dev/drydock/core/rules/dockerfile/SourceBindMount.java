package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.project.Container;
import java.util.Optional;

/**
 * A writable bind mount of the compose service over the image's working directory (or a folder above it),
 * as development setups mount the source: the files there are the host's, with the host's owner, and an
 * unprivileged user the image creates cannot write them (a PID file, logs, caches, a SQLite database).
 */
final class SourceBindMount {

    private SourceBindMount() {}

    /** The host path mounted over the working directory, as written, if any. */
    static Optional<String> overWorkdir(Container container) {
        Service service = container.service();
        if (service == null || container.build() == null || container.build().stage() == null
                || !(container.build().stage().config().workdir() instanceof Setting<String> w) || w.value() == null) {
            return Optional.empty();
        }
        String workdir = trim(w.value());
        for (Service.Volume volume : service.volumes()) {
            if (!volume.isBind() || volume.readOnly() || volume.target() == null) {
                continue;
            }
            String target = trim(volume.target());
            if (target.equals(workdir) || workdir.startsWith(target.equals("/") ? "/" : target + "/")) {
                return Optional.of(volume.source() == null ? target : volume.source());
            }
        }
        return Optional.empty();
    }

    private static String trim(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
