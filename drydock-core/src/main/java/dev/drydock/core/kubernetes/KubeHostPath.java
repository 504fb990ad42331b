package dev.drydock.core.kubernetes;

import java.util.List;

/**
 * A {@code hostPath} volume of a pod spec that at least one of its containers mounts: a file or directory of the node
 * the pod runs on.
 *
 * @param volume the volume's name
 * @param path the node's path as written
 * @param line the line of the path
 * @param mounts the containers' volumeMounts of the volume, in the order written
 */
public record KubeHostPath(String volume, String path, int line, List<Mount> mounts) {

    public KubeHostPath {
        mounts = List.copyOf(mounts);
    }

    /**
     * One container's mount of the volume.
     *
     * @param container the container's name
     * @param mountPath where the container sees it
     * @param readOnly whether the mount is read-only ({@code readOnly: true})
     */
    public record Mount(String container, String mountPath, boolean readOnly) {}

    /** Whether every container that mounts it mounts it read-only. */
    public boolean readOnly() {
        return mounts.stream().allMatch(Mount::readOnly);
    }

    /** The names of the containers that mount it, each once. */
    public List<String> containers() {
        return mounts.stream().map(Mount::container).distinct().toList();
    }
}
