package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.RunStep;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The files of a COPY that a later RUN moves out of the folder it copied them to ({@code COPY docker/*.sh
 * /src/docker/} then {@code mv docker-entrypoint.sh /sbin/}): mv keeps their owner, so whatever owner the COPY gives
 * them follows them to where root runs or reads them.
 *
 * @param moved each moved file's path as copied, with where it went
 * @param staying the files of the COPY that stay where it put them, as far as names tell
 * @param allMoved whether every file of the COPY is known and moved
 */
record MovedCopies(Map<String, String> moved, List<String> staying, boolean allMoved) {

    /** The moves among {@code runs} (those after the COPY, up to {@code until} in the RUN that holds it). */
    static MovedCopies of(CopyCommand copy, List<RunStep> runs, Call until) {
        List<String> files = copiedFiles(copy);
        Map<String, String> moved = new LinkedHashMap<>();
        if (files.isEmpty()) {
            return new MovedCopies(moved, files, false);
        }
        for (RunStep run : runs) {
            if (run.instruction().span().start() < copy.instruction().span().start()) {
                continue;
            }
            for (Call call : run.calls()) {
                if (call == until) {
                    return result(copy, files, moved);
                }
                if (!call.is("mv")) {
                    continue;
                }
                List<Call.Arg> operands = call.options("-t", "--target-directory", "-S", "--suffix").operands();
                if (operands.size() < 2) {
                    continue;
                }
                String folder = Objects.requireNonNullElse(run.directoryAt(call), run.workdir());
                String to = operands.get(operands.size() - 1).value();
                for (Call.Arg source : operands.subList(0, operands.size() - 1)) {
                    String path = ContainerPaths.clean(source.value().startsWith("/") ? source.value()
                            : folder + "/" + source.value());
                    if (source.literal() && files.contains(path)) {
                        moved.put(path, to);
                    }
                }
            }
        }
        return result(copy, files, moved);
    }

    private static MovedCopies result(CopyCommand copy, List<String> files, Map<String, String> moved) {
        List<String> staying = files.stream().filter(f -> !moved.containsKey(f)).toList();
        return new MovedCopies(moved, staying, staying.isEmpty() && known(copy));
    }

    /** The paths a COPY of several sources (or into a folder) gives the files it names, as far as names tell. */
    private static List<String> copiedFiles(CopyCommand copy) {
        List<String> out = new ArrayList<>();
        if (copy.sources().size() < 2 && !copy.destination().endsWith("/")) {
            return out;
        }
        String dest = ContainerPaths.clean(copy.containerPath());
        for (String source : copy.sources()) {
            String name = PathNames.fileName(source.replaceAll("/+$", ""));
            if (!name.isEmpty() && !name.equals(".")) {
                out.add(ContainerPaths.clean(dest + "/" + name));
            }
        }
        return out;
    }

    /** Whether every source names a file by its name: no glob, no folder (whose contents would be copied). */
    private static boolean known(CopyCommand copy) {
        return copy.sources().stream().allMatch(s -> !s.endsWith("/") && PathNames.fileName(s).contains(".")
                && s.chars().noneMatch(c -> "*?[".indexOf(c) >= 0));
    }

    /** The moved files in short: "docker-entrypoint.sh to /sbin/docker-entrypoint.sh". */
    List<String> described() {
        return moved.entrySet().stream().map(e -> PathNames.fileName(e.getKey()) + " to " + e.getValue()).toList();
    }
}
