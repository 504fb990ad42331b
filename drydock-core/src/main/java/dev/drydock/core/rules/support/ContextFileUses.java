package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.SearchPath;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.shell.ShellCommands;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The files of the build context that an image's build or container runs: the program of a RUN, the script a shell
 * of a RUN is given, the program of the image's ENTRYPOINT or CMD; and the context file a COPY put at each path.
 */
public final class ContextFileUses {

    /**
     * A path the build or the container runs.
     *
     * @param written the path as the command writes it ({@code ./mvnw}, {@code docker-entrypoint.sh})
     * @param at where it is run: the start of the RUN's call, or of the ENTRYPOINT or CMD
     * @param run the RUN, or null for the container's command
     * @param interpreted whether a shell is given the file to read ({@code sh ./install.sh}) rather than running it
     */
    public record Use(String path, String written, Stage stage, int at, Span span, RunStep run, boolean interpreted) {

        /** Whether the command names the file alone, so that the shell or the runtime looks it up in PATH. */
        public boolean searched() {
            return !written.contains("/") && !interpreted;
        }
    }

    /**
     * The context file a copy puts at the used path; {@code origin} is where that copy puts it, in the stage a
     * {@code COPY --from} takes it from when the use is in another stage ({@code through} that copy).
     */
    public record Copied(ContextCopy copy, String projectPath, Use origin, CopyCommand through) {}

    private ContextFileUses() {}

    /**
     * The paths RUNs run: as their program ({@code ./mvnw}, {@code scripts/build.sh}, a name found in PATH), and with
     * {@code interpreted}, also the script a shell is given ({@code sh ./install.sh}, {@code bash -e setup.sh}).
     */
    public static List<Use> runs(List<BuildRuns.StageRun> runs, boolean interpreted) {
        List<Use> out = new ArrayList<>();
        for (BuildRuns.StageRun stageRun : runs) {
            RunStep run = stageRun.run();
            for (Call call : run.calls()) {
                Call.Arg program = call.program();
                if (call.is("cd", "pushd", "popd") || program == null || !program.literal() || !isProgram(program.value())) {
                    continue;
                }
                String directory = program.value().startsWith("/") || !program.value().contains("/") ? run.workdir()
                        : run.directoryAt(call);
                if (directory == null) {
                    continue; // a cd went where drydock cannot follow
                }
                for (String path : SearchPath.candidates(directory, program.value(), run.variable("PATH"))) {
                    out.add(new Use(path, program.value(), stageRun.stage(), call.span().start(), program.span(), run,
                            false));
                }
                String scriptDirectory = run.directoryAt(call);
                if (interpreted && scriptDirectory != null && ShellCommands.isShell(call.name())) {
                    shellScript(call).filter(a -> isProgram(a.value())).ifPresent(script -> out.add(new Use(
                            ContainerPaths.clean(PathNames.normalizeAbsolute(scriptDirectory, script.value())),
                            script.value(), stageRun.stage(), call.span().start(), script.span(), run, true)));
                }
            }
        }
        return out;
    }

    /** The script file a shell call runs: its first operand, unless -c or -s gives the script otherwise. */
    private static Optional<Call.Arg> shellScript(Call call) {
        List<String> argv = new ArrayList<>();
        argv.add(call.name());
        call.args().forEach(a -> argv.add(a.literal() ? a.value() : null));
        int index = ShellCommands.scriptFileIndex(argv);
        return index < 0 ? Optional.empty() : Optional.of(call.args().get(index - 1));
    }

    /** The program the image's own ENTRYPOINT or CMD starts, at each path it may be found. */
    public static List<Use> start(BuiltImage image) {
        List<Use> out = new ArrayList<>();
        ContainerStart start = ContainerStart.of(image).orElse(null);
        if (start != null && isProgram(start.program())) {
            CommandSpec spec = start.spec();
            String path = image.model().step(spec.instruction()).map(s -> s.variables().lookup("PATH")).orElse(null);
            for (String candidate : SearchPath.candidates(start.directory(), start.program(), path)) {
                out.add(new Use(candidate, start.program(), image.stage(), spec.instruction().span().start(),
                        spec.instruction().span(), null, false));
            }
        }
        return out;
    }

    private static boolean isProgram(String word) {
        return !word.isEmpty() && !word.contains("$") && !word.contains("*") && !word.contains("?") && !word.contains("=")
                && !word.startsWith("~") && !word.endsWith("/");
    }

    /**
     * The context file the last copy before the use puts at its path, when the .dockerignore lets it in and no copy
     * from a stage or image may replace it in between; through a {@code COPY --from} of a stage that copied it from
     * the context and ran nothing that names it after; else null.
     */
    public static Copied copied(ReviewContext context, BuiltImage image, BuildLink build, List<ContextCopy> copies,
            Use use) {
        List<Stage> lineage = Stages.lineage(image.model(), use.stage());
        CopyCommand fromStage = lastStageCopy(image, lineage, use);
        for (int i = copies.size() - 1; i >= 0; i--) {
            ContextCopy copy = copies.get(i);
            if (!lineage.contains(copy.stage()) || copy.copy().instruction().span().start() > use.at()
                    || fromStage != null && copy.copy().instruction().span().start() < fromStage.instruction().span().start()) {
                continue;
            }
            Optional<String> source = BuildContexts.source(context.project(), build, copy, use.path());
            if (source.isEmpty()) {
                continue;
            }
            String projectPath = BuildContexts.inProject(build, source.get());
            if (!build.ignore().includes(source.get()) || replacedLater(lineage, copy, use)) {
                return null;
            }
            return new Copied(copy, projectPath, use, null);
        }
        return fromStage == null ? null : throughStage(context, image, build, copies, use, fromStage);
    }

    /**
     * The last {@code COPY --from=stage} before the use that puts something at its path, when no context copy or RUN
     * can tell more after it; else null.
     */
    private static CopyCommand lastStageCopy(BuiltImage image, List<Stage> lineage, Use use) {
        CopyCommand last = null;
        for (Stage stage : lineage) {
            for (CopyCommand copy : stage.copies()) {
                int start = copy.instruction().span().start();
                String dest = copy.containerPath() == null ? null : ContainerPaths.clean(copy.containerPath());
                if (copy.fromStage() >= 0 && start < use.at() && dest != null && PathNames.isUnder(use.path(), dest)
                        && (last == null || start > last.instruction().span().start())) {
                    last = copy;
                }
            }
        }
        return last;
    }

    /**
     * A file a {@code COPY --from=stage} brings: it is the context file a copy put there in that stage, when no RUN of that stage may have built, replaced or
     * changed it after the copy.
     */
    private static Copied throughStage(ReviewContext context, BuiltImage image, BuildLink build, List<ContextCopy> copies,
            Use use, CopyCommand fromStage) {
        String source = sourceInStage(fromStage, use.path());
        if (source == null) {
            return null;
        }
        Stage builder = image.model().stages().get(fromStage.fromStage());
        Use origin = new Use(source, use.written(), builder, fromStage.instruction().span().start(), use.span(), use.run(),
                use.interpreted());
        Copied copied = copied(context, image, build, copies, origin);
        if (copied == null || copied.through() != null || changedByRun(image, builder, copied, source)) {
            return null;
        }
        return new Copied(copied.copy(), copied.projectPath(), origin, fromStage);
    }

    /** The path in the source stage of a file a {@code COPY --from} puts at {@code path}; null when it cannot be told. */
    private static String sourceInStage(CopyCommand copy, String path) {
        if (copy.sources().size() != 1 || copy.sources().get(0).matches(".*[*?\\[].*")) {
            return null;
        }
        String source = ContainerPaths.clean(copy.sources().get(0));
        String dest = ContainerPaths.clean(copy.containerPath());
        if (path.equals(dest)) {
            return source;
        }
        String rest = path.substring(dest.equals("/") ? 1 : dest.length() + 1);
        return copy.containerPath().endsWith("/") && rest.equals(PathNames.fileName(source)) ? source
                : PathNames.normalizeAbsolute(source, rest);
    }

    /** Whether a RUN of the stage's lineage after the copy names the file or its folder (it may build or replace it). */
    private static boolean changedByRun(BuiltImage image, Stage stage, Copied copied, String path) {
        int from = copied.copy().copy().instruction().span().start();
        String name = PathNames.fileName(path);
        String folder = PathNames.parent(path);
        for (RunStep run : RunStep.of(image.model(), Stages.lineage(image.model(), stage))) {
            int start = run.instruction().span().start();
            if (start > from && (run.text().contains(name) || !folder.equals("/") && run.text().contains(folder))) {
                return true;
            }
        }
        return false;
    }

    private static boolean replacedLater(List<Stage> lineage, ContextCopy copy, Use use) {
        int from = copy.copy().instruction().span().start();
        for (Stage stage : lineage) {
            for (CopyCommand other : stage.copies()) {
                int start = other.instruction().span().start();
                if (other.fromContext() || start < from || start > use.at()) {
                    continue;
                }
                String dest = other.containerPath() == null ? null : ContainerPaths.clean(other.containerPath());
                if (dest == null || dest.equals(use.path()) || PathNames.isUnder(use.path(), dest)) {
                    return true;
                }
            }
        }
        return false;
    }
}
