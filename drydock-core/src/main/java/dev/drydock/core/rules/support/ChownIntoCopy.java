package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Flag;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.SourceEdits;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The repair of a {@code chown -R owner folder} that re-owns what earlier COPYs of the stage wrote:
 * {@code --chown=owner} on those COPYs, and the chown dropped (or kept without {@code -R} for a folder
 * the COPYs did not create, such as the WORKDIR). When the user is created in the chown's own RUN,
 * after the COPYs, that RUN moves above the first COPY. Offered only when the result owns exactly
 * what the chown owned: nothing else in the stage writes under the folder before it.
 */
public final class ChownIntoCopy {

    private ChownIntoCopy() {}

    private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]*:[A-Za-z0-9_][A-Za-z0-9_.-]*");
    private static final Pattern NUMERIC = Pattern.compile("\\d+(:\\d+)?");
    private static final Pattern SEPARATOR = Pattern.compile("(\\s|\\\\\\R)*(&&|;)(\\s|\\\\\\R)*");

    private static final List<String> ACCOUNT_TOOLS = List.of("useradd", "groupadd", "adduser", "addgroup", "usermod",
            "groupmod");
    private static final List<String> SYSTEM_PACKAGE_TOOLS = List.of("apt-get", "apt", "apk", "dnf", "yum", "microdnf",
            "rm");

    public static Optional<Fix> fix(BuiltImage image, Stage stage, RunStep run, Call chown, List<CopyCommand> copies) {
        if (stage.base() instanceof BaseImage.OfStage || run.script() == null || !run.instruction().heredocs().isEmpty()) {
            return Optional.empty();
        }
        List<Call.Arg> args = chown.args();
        if (args.size() != 3 || !(args.get(0).value().equals("-R") || args.get(0).value().equals("--recursive"))
                || !args.get(1).literal() || !args.get(2).literal()) {
            return Optional.empty();
        }
        String owner = args.get(1).value();
        // chown user keeps the group, COPY --chown=user sets the group to the user's UID: only user:group is the same
        if (!OWNER.matcher(owner).matches() || !owner.contains(":")) {
            return Optional.empty();
        }
        String written = args.get(2).value();
        String target = ContainerPaths.clean(written.startsWith("/") ? written : run.workdir() + "/" + written);
        List<CopyCommand> ordered = copies.stream().sorted(Comparator.comparingInt(c -> c.instruction().span().start()))
                .toList();
        CopyCommand firstCopy = ordered.get(0);
        String workdirAtCopy = image.model().step(firstCopy.instruction())
                .map(s -> s.workdir() == null ? "/" : s.workdir().value()).orElse("/");
        boolean ownFolder = ordered.stream().anyMatch(c -> ContainerPaths.clean(c.containerPath()).equals(target));
        if (!ownFolder && !target.equals(ContainerPaths.clean(workdirAtCopy))) {
            return Optional.empty();
        }
        boolean keepFolder = target.equals(ContainerPaths.clean(workdirAtCopy))
                || ordered.stream().anyMatch(c -> c.containerPath().endsWith("/")
                        && ContainerPaths.clean(c.containerPath()).equals(target));
        List<Call> calls = run.calls();
        int index = calls.indexOf(chown);
        if (calls.subList(0, index).stream().anyMatch(c -> !ACCOUNT_TOOLS.contains(c.name()))) {
            return Optional.empty();
        }
        List<RunStep> earlier = RunStep.of(image.model(), List.of(stage)).stream()
                .filter(r -> r.instruction().span().start() < run.instruction().span().start()).toList();
        if (earlier.stream().anyMatch(r -> mayWriteUnder(r, target))) {
            return Optional.empty();
        }
        List<String> names = names(owner);
        boolean existsAtCopy = NUMERIC.matcher(owner).matches() || names.stream().allMatch(n -> createdBefore(earlier,
                firstCopy, n) || n.equals("node") && isNodeImage(image));
        boolean createdHere = !existsAtCopy && names.stream().allMatch(n -> calls.subList(0, index).stream()
                .anyMatch(c -> c.args().stream().anyMatch(a -> a.value().equals(n))));
        boolean folderExistsAtCopy = target.equals(ContainerPaths.clean(workdirAtCopy));
        if (!existsAtCopy && !(createdHere && index == calls.size() - 1 && !run.instruction().rawText().contains("$")
                && (!keepFolder || folderExistsAtCopy))) {
            return Optional.empty();
        }
        SourceFile file = run.instruction().file();
        String path = image.dockerfile();
        List<TextEdit> edits = new ArrayList<>();
        for (CopyCommand copy : ordered) {
            Optional<Flag> flag = copy.instruction().flag("chown");
            if (flag.isEmpty()) {
                edits.add(TextEdit.insert(path, copy.instruction().keyword().span().end(), " --chown=" + owner));
            } else if (!owner.equals(copy.chown())) {
                edits.add(TextEdit.replace(path, flag.get().span(), "--chown=" + owner));
            }
        }
        String title;
        if (existsAtCopy) {
            TextEdit inRun = keepFolder ? TextEdit.delete(path, args.get(0).span().start(), args.get(1).span().start())
                    : removal(file, path, run, index).orElse(null);
            if (inRun == null) {
                return Optional.empty();
            }
            edits.add(inRun);
            title = "chown in the COPYs";
        } else {
            Instruction instruction = run.instruction();
            int base = instruction.span().start();
            String text = instruction.rawText();
            String moved = keepFolder
                    ? text.substring(0, args.get(0).span().start() - base) + text.substring(args.get(1).span().start() - base)
                    : text.substring(0, calls.get(index - 1).span().end() - base);
            int firstLine = commentBlockStart(file, instruction.span().startLine());
            String comments = firstLine < instruction.span().startLine()
                    ? file.text(file.lines(firstLine, instruction.span().startLine() - 1)) + "\n" : "";
            edits.add(SourceEdits.deleteLines(file, firstLine, instruction.span().endLine()));
            edits.add(TextEdit.insert(path, file.lineStart(commentBlockStart(file, firstCopy.instruction().span().startLine())),
                    comments + moved.stripTrailing() + "\n"));
            title = "create the user before the COPYs and chown in them";
        }
        if (edits.stream().anyMatch(e -> !e.file().equals(file.path()))) {
            return Optional.empty();
        }
        return Optional.of(Fix.of(title, FixSafety.UNSAFE, edits));
    }

    /** The edit that takes the chown out of its RUN: the whole RUN, or its part of an && / ; list. */
    private static Optional<TextEdit> removal(SourceFile file, String path, RunStep run, int index) {
        List<Call> calls = run.calls();
        Call chown = calls.get(index);
        if (calls.size() == 1) {
            Instruction instruction = run.instruction();
            return Optional.of(SourceEdits.deleteLines(file, instruction.span().startLine(), instruction.span().endLine()));
        }
        if (index > 0) {
            int from = calls.get(index - 1).span().end();
            if (SEPARATOR.matcher(file.text().substring(from, chown.span().start())).matches()) {
                return Optional.of(TextEdit.delete(path, from, chown.span().end()));
            }
            return Optional.empty();
        }
        int to = calls.get(1).span().start();
        if (SEPARATOR.matcher(file.text().substring(chown.span().end(), to)).matches()) {
            return Optional.of(TextEdit.delete(path, chown.span().start(), to));
        }
        return Optional.empty();
    }

    /** Whether a RUN may leave files under the folder: it works or names a path there, beyond package installs. */
    private static boolean mayWriteUnder(RunStep run, String target) {
        String workdir = ContainerPaths.clean(run.workdir());
        boolean touches = workdir.equals(target) || workdir.startsWith(target + "/") || target.equals("/")
                || run.instruction().rawText().contains(target);
        if (!touches) {
            return false;
        }
        for (Call call : run.calls()) {
            if (ACCOUNT_TOOLS.contains(call.name()) || SYSTEM_PACKAGE_TOOLS.contains(call.name())) {
                continue;
            }
            Optional<PipCommands.Install> pip = PipCommands.install(call);
            if (pip.isPresent() && !pip.get().installsProject() && !pip.get().options().has("-t", "--target", "--prefix",
                    "--root", "--user", "--src")) {
                continue;
            }
            return true;
        }
        return false;
    }

    private static boolean createdBefore(List<RunStep> earlier, CopyCommand copy, String name) {
        for (RunStep run : earlier) {
            if (run.instruction().span().start() > copy.instruction().span().start()) {
                continue;
            }
            for (Call call : run.calls()) {
                if (ACCOUNT_TOOLS.subList(0, 4).contains(call.name())
                        && call.args().stream().anyMatch(a -> a.value().equals(name))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> names(String owner) {
        return List.of(owner.split(":")).stream().distinct().toList();
    }

    private static boolean isNodeImage(BuiltImage image) {
        return image.rootBase() instanceof BaseImage.External e && e.reference() != null
                && ImageTags.officialName(e.reference()).equals("node");
    }

    /** The first line of the comment lines directly above a line (the line itself when there are none). */
    private static int commentBlockStart(SourceFile file, int line) {
        int first = line;
        while (first > 1 && file.line(first - 1).strip().startsWith("#")
                && !file.line(first - 1).strip().matches("#\\s*(syntax|escape|check)\\s*=.*")) {
            first--;
        }
        return first;
    }
}
