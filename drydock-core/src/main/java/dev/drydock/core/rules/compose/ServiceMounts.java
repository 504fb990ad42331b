package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeFile;
import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.Service;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The file systems a service mounts in its container: its {@code volumes} entries (bind mounts, named and
 * anonymous volumes, tmpfs and other types) and its {@code tmpfs} entries, each with the container path as
 * the engine compares it ({@link #clean}).
 */
final class ServiceMounts {

    /**
     * One mount. {@code target} is the container path as written (after interpolation), which is what
     * Compose merges and de-duplicates {@code volumes} entries by; {@code path} is it cleaned.
     */
    record Mount(Node node, Node at, String target, String path, Service.Volume volume, String tmpfsEntry) {

        boolean fromTmpfsKey() {
            return volume == null;
        }

        /** What the mount is, for a message: "the volume pgdata", "the bind mount of ./data", "the tmpfs entry /run". */
        String describe() {
            if (volume == null) {
                return "the tmpfs entry `" + tmpfsEntry + "`";
            }
            if (volume.isBind()) {
                return "the bind mount of " + volume.source();
            }
            if (volume.isNamedVolume()) {
                return "the volume " + volume.source();
            }
            if (volume.isAnonymous()) {
                return "an anonymous volume";
            }
            String type = volume.type() == null ? "volume" : volume.type();
            return "the " + type + " mount" + (volume.source() == null ? "" : " of " + volume.source());
        }
    }

    private ServiceMounts() {}

    /**
     * The service's mounts that name a container path, in the order they are written. Each list keeps the
     * order Compose merged it in (a base service's entries before those of the service extending it); the
     * two lists are interleaved by file (in the order Compose reads them) and position.
     */
    static List<Mount> of(ComposeProject compose, Service service) {
        List<Mount> volumes = new ArrayList<>();
        for (Service.Volume volume : service.volumes()) {
            String target = volume.target();
            if (target == null || target.isBlank()) {
                continue;
            }
            Node at = volume.node() instanceof MapNode m && m.scalar("target") != null ? m.scalar("target") : volume.node();
            volumes.add(new Mount(volume.node(), at, target, clean(target), volume, null));
        }
        List<Mount> tmpfs = new ArrayList<>();
        for (Located<String> entry : service.tmpfs()) {
            String text = entry.value().trim();
            int colon = text.indexOf(':');
            String target = colon < 0 ? text : text.substring(0, colon);
            if (!target.isEmpty()) {
                tmpfs.add(new Mount(entry.node(), entry.node(), target, clean(target), null, text));
            }
        }
        List<String> files = compose.files().stream().map(ComposeFile::displayPath).toList();
        Path extended = extendedFile(service);
        Comparator<Mount> written = Comparator.<Mount>comparingInt(m -> rank(files, extended, m.node()))
                .thenComparingInt(m -> m.node().span().start());
        List<Mount> out = new ArrayList<>(volumes.size() + tmpfs.size());
        int v = 0;
        int t = 0;
        while (v < volumes.size() || t < tmpfs.size()) {
            boolean volumeFirst = t == tmpfs.size()
                    || v < volumes.size() && written.compare(volumes.get(v), tmpfs.get(t)) <= 0;
            out.add(volumeFirst ? volumes.get(v++) : tmpfs.get(t++));
        }
        return out;
    }

    /** Where a file comes in the order Compose reads it: a file the service extends first, as its base. */
    private static int rank(List<String> files, Path extended, Node node) {
        if (extended != null && node.origin().path() != null && node.origin().path().normalize().equals(extended)) {
            return -1;
        }
        int index = files.indexOf(node.file().path());
        return index < 0 ? files.size() : index;
    }

    /** The file named by the service's {@code extends.file}, null when it extends a service of its own file. */
    private static Path extendedFile(Service service) {
        Service.Extends base = service.extendsFrom();
        if (base == null || base.file() == null || base.file().origin().workingDir() == null) {
            return null;
        }
        return base.file().origin().workingDir().resolve(base.file().value()).normalize();
    }

    /**
     * A container path as the engine compares mount points (Go's {@code path.Clean}): repeated slashes,
     * {@code .} segments and trailing slashes dropped, {@code ..} resolved ({@code /..} is {@code /}).
     */
    static String clean(String path) {
        boolean rooted = path.startsWith("/");
        Deque<String> segments = new ArrayDeque<>();
        for (String segment : path.split("/")) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (!segment.equals("..")) {
                segments.addLast(segment);
            } else if (!segments.isEmpty() && !segments.peekLast().equals("..")) {
                segments.removeLast();
            } else if (!rooted) {
                segments.addLast("..");
            }
        }
        String joined = String.join("/", segments);
        if (rooted) {
            return "/" + joined;
        }
        return joined.isEmpty() ? "." : joined;
    }
}
