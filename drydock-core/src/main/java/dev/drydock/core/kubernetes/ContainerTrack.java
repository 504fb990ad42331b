package dev.drydock.core.kubernetes;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A container of a base's workload followed through the patches of a kustomize chain: the names its workload has had
 * (namePrefix and nameSuffix rename it level by level), and its index in its pod spec list, which JSON 6902
 * operations move as RFC 6902 says (an add at an index inserts before the element there, {@code -} appends, a
 * remove shifts the elements after it down). An operation kustomize cannot apply (an index out of range, one that is
 * not a number) fails the whole build, so nothing of that chain is deployed.
 */
public final class ContainerTrack {

    private enum Where { OTHER, ABOVE, ITEM, INSIDE, END, BAD }

    private record Spot(Where where, int index, String tail) {}

    final String kind;
    final String original;
    String current;
    final Set<String> names = new LinkedHashSet<>();
    final String container;
    final String list;
    private int index;
    private int size;

    public ContainerTrack(KubeWorkload w, KubeContainer c) {
        kind = w.kind();
        original = w.name();
        current = w.name();
        if (current != null) {
            names.add(current);
        }
        container = c.name();
        int slash = c.place().indexOf('/');
        list = c.place().substring(0, slash);
        index = Integer.parseInt(c.place().substring(slash + 1));
        size = w.containers().stream().filter(k -> k.place().startsWith(list + "/"))
                .mapToInt(k -> Integer.parseInt(k.place().substring(slash + 1)) + 1).max().orElse(index + 1);
    }

    /** The names the kustomization's namePrefix and nameSuffix give the workload. */
    public void rename(Kustomization k) {
        current = k.rename(current);
        if (current != null) {
            names.add(current);
        }
    }

    /** {@code containers/1}: where the container sits now. */
    String place() {
        return list + "/" + index;
    }

    /**
     * Applies one JSON 6902 operation to the tracked workload: true when it sets, replaces or removes the probe (or
     * what holds it), or fails; the container's index follows inserts and removals before it.
     */
    boolean operate(Map<?, ?> op, String probe) {
        String path = op.get("path") instanceof String p ? p.strip() : null;
        String from = op.get("from") instanceof String f ? f.strip() : null;
        if (!(op.get("op") instanceof String kind) || path == null) {
            return false;
        }
        return switch (kind) {
            case "add" -> add(path, probe);
            case "replace" -> replace(path, probe);
            case "remove" -> remove(path, probe);
            case "copy" -> from == null || copied(from) || add(path, probe);
            case "move" -> from == null || move(from, path, probe);
            default -> false; // test changes nothing
        };
    }

    private boolean add(String path, String probe) {
        Spot s = spot(path);
        return switch (s.where()) {
            case ABOVE -> true;
            case ITEM -> {
                if (s.index() > size) {
                    yield true; // out of range: the build fails
                }
                index += s.index() <= index ? 1 : 0;
                size++;
                yield false;
            }
            case END -> {
                size++;
                yield false;
            }
            case INSIDE -> s.index() >= size || s.index() == index && touches(s.tail(), probe);
            case BAD -> true;
            case OTHER -> false;
        };
    }

    private boolean replace(String path, String probe) {
        Spot s = spot(path);
        return switch (s.where()) {
            case ABOVE, END, BAD -> true;
            case ITEM -> s.index() >= size || s.index() == index;
            case INSIDE -> s.index() >= size || s.index() == index && touches(s.tail(), probe);
            case OTHER -> false;
        };
    }

    private boolean remove(String path, String probe) {
        Spot s = spot(path);
        return switch (s.where()) {
            case ABOVE, END, BAD -> true;
            case ITEM -> {
                if (s.index() >= size || s.index() == index) {
                    yield true; // out of range, or the container itself is removed
                }
                index -= s.index() < index ? 1 : 0;
                size--;
                yield false;
            }
            case INSIDE -> s.index() >= size || s.index() == index && touches(s.tail(), probe);
            case OTHER -> false;
        };
    }

    /** Whether copying from there fails. */
    private boolean copied(String from) {
        Spot s = spot(from);
        return s.where() == Where.END || s.where() == Where.BAD
                || (s.where() == Where.ITEM || s.where() == Where.INSIDE) && s.index() >= size;
    }

    private boolean move(String from, String path, String probe) {
        Spot s = spot(from);
        if (s.where() == Where.ITEM && s.index() == index) {
            size--;
            Spot to = spot(path);
            if (to.where() == Where.ITEM && to.index() <= size || to.where() == Where.END) {
                index = to.where() == Where.END ? size : to.index();
                size++;
                return false;
            }
            return true; // moved out of the list, or out of range
        }
        return remove(from, probe) || add(path, probe);
    }

    /**
     * The segments of the path below the tracked container where it points inside it at its current index (
     * {@code [securityContext, runAsUser]}), else null.
     */
    java.util.List<String> inside(String path) {
        Spot s = spot(path);
        return s.where() == Where.INSIDE && s.index() == index ? segments(s.tail()) : null;
    }

    /**
     * The segments of the path below the pod spec where it points into the pod spec but not into its containers or
     * init containers ({@code [securityContext, runAsUser]}), else null.
     */
    java.util.List<String> inPod(String path) {
        String pod = "/" + String.join("/", KubeWorkload.podSpecPath(kind)) + "/";
        if (!path.startsWith(pod)) {
            return null;
        }
        java.util.List<String> segments = segments(path.substring(pod.length()));
        return segments.get(0).equals("containers") || segments.get(0).equals("initContainers") ? null : segments;
    }

    /** A JSON pointer's segments, unescaped. */
    private static java.util.List<String> segments(String pointer) {
        return java.util.Arrays.stream(pointer.split("/", -1)).map(p -> p.replace("~1", "/").replace("~0", "~"))
                .toList();
    }

    private static boolean touches(String tail, String probe) {
        return tail.equals(probe) || tail.startsWith(probe + "/");
    }

    /** Where a JSON pointer points, against the list that holds the container. */
    private Spot spot(String path) {
        String pointer = "/" + String.join("/", KubeWorkload.podSpecPath(kind)) + "/" + list;
        if (path.isEmpty() || path.equals(pointer) || pointer.startsWith(path + "/")) {
            return new Spot(Where.ABOVE, -1, null);
        }
        if (!path.startsWith(pointer + "/")) {
            return new Spot(Where.OTHER, -1, null);
        }
        String rest = path.substring(pointer.length() + 1);
        int slash = rest.indexOf('/');
        String segment = slash < 0 ? rest : rest.substring(0, slash);
        String tail = slash < 0 ? null : rest.substring(slash + 1);
        if (segment.equals("-")) {
            return new Spot(tail == null ? Where.END : Where.BAD, -1, null);
        }
        if (!segment.matches("0|[1-9][0-9]{0,8}")) {
            return new Spot(Where.BAD, -1, null);
        }
        return new Spot(tail == null ? Where.ITEM : Where.INSIDE, Integer.parseInt(segment), tail);
    }
}
