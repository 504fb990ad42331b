package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.ComposeFile;
import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.Service;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The file systems a service mounts in its container: its {@code volumes} entries (bind mounts, named and
 * anonymous volumes, tmpfs and other types) and its {@code tmpfs} entries, each with the container path as
 * the engine compares it ({@link #clean}), in the order they are written: the files in the order Compose
 * reads them (an override file after the file it overrides), then by position.
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

    /** The service's mounts that name a container path, in the order they are written. */
    static List<Mount> of(ComposeProject compose, Service service) {
        List<Mount> out = new ArrayList<>();
        for (Service.Volume volume : service.volumes()) {
            String target = volume.target();
            if (target == null || target.isBlank()) {
                continue;
            }
            Node at = volume.node() instanceof MapNode m && m.scalar("target") != null ? m.scalar("target") : volume.node();
            out.add(new Mount(volume.node(), at, target, clean(target), volume, null));
        }
        for (Located<String> entry : service.tmpfs()) {
            String text = entry.value().trim();
            int colon = text.indexOf(':');
            String target = colon < 0 ? text : text.substring(0, colon);
            if (!target.isEmpty()) {
                out.add(new Mount(entry.node(), entry.node(), target, clean(target), null, text));
            }
        }
        List<String> files = compose.files().stream().map(ComposeFile::displayPath).toList();
        out.sort(Comparator.<Mount>comparingInt(m -> rank(files, m.node()))
                .thenComparingInt(m -> m.node().span().start()));
        return out;
    }

    private static int rank(List<String> files, Node node) {
        int index = files.indexOf(node.file().path());
        return index < 0 ? files.size() : index;
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
