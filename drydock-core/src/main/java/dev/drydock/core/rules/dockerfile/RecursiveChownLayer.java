package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ChownIntoCopy;
import dev.drydock.core.rules.support.CopySources;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.dockerfile.model.BaseImage;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "recursive-chown-layer",
        title = "A recursive chown or chmod copies the files of an earlier COPY into a new layer",
        severity = Severity.MEDIUM,
        category = Category.PERFORMANCE,
        checks = "chown -R, chgrp -R and chmod -R in the RUNs of the stages the image is made of, over a folder"
                + " that an earlier COPY or ADD of the same stage filled; with chown --from=owner, only the COPYs whose files"
                + " have that owner (root unless COPY --chown sets another). One finding per command. The fix (unsafe)"
                + " gives the files their owner in the COPY instead (COPY --chown=user:group, the user created before"
                + " it) and drops -R, or the whole chown when the folder is the COPY's own; it is offered only for a"
                + " plain chown -R user:group folder whose RUN does nothing else under the folder before it, when"
                + " nothing but those COPYs wrote there. A COPY whose files a later RUN moves away with mv (COPY"
                + " docker/*.sh then mv docker-entrypoint.sh /sbin/) is left out when all of them went, and is not"
                + " advised --chown when some did, since mv keeps the owner and the files root runs would get it: the"
                + " advice names the files that stay, and no fix is offered. KICS's query \"Chown Flag Exists\", which flags every COPY"
                + " --chown, is deliberately not implemented: setting the owner while copying is the right way to"
                + " give the runtime user its files (one layer, one copy), and the alternative it pushes towards is"
                + " exactly the second copy this rule reports. Whether the copied files should be writable by the"
                + " runtime user at all is a separate question, answered by implicit-permissions and"
                + " unreadable-by-runtime-user from the user the container runs as.",
        problem = "A layer stores every file a RUN changes, and changing a file's owner or mode changes the file: the"
                + " RUN's layer holds a second, complete copy of everything the COPY put there.",
        impact = "The image grows by the size of the copied files (often doubling the application's share of it),"
                + " and every push, pull and build cache export carries them twice.",
        recommendation = "Set the owner while copying: COPY --chown=user:group (and --chmod=mode for the mode), with"
                + " the user created in a RUN before the COPY; keep a plain chown (without -R) for a folder the COPY"
                + " does not create, such as the WORKDIR.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#copy---chown---chmod",
                "https://docs.docker.com/build/building/best-practices/#copy-and-add",
                "https://docs.docker.com/engine/storage/drivers/#container-and-layers"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app
                        WORKDIR /app
                        COPY . .
                        RUN chown -R app:app /app
                        USER app
                        CMD ["python", "app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app
                        WORKDIR /app
                        COPY --chown=app:app . .
                        USER app
                        CMD ["python", "app.py"]
                        """))
public final class RecursiveChownLayer implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<String> seen = new HashSet<>();
        for (BuiltImage image : BuiltImage.of(context)) {
            for (Stage stage : image.imageStages()) {
                if (!seen.add(image.dockerfile() + "#" + stage.index())) {
                    continue;
                }
                for (RunStep run : RunStep.of(image.model(), List.of(stage))) {
                    for (Call call : run.calls()) {
                        if (call.is("chown", "chmod", "chgrp")) {
                            check(context, image, stage, run, call);
                        }
                    }
                }
            }
        }
    }

    private void check(ReviewContext context, BuiltImage image, Stage stage, RunStep run, Call call) {
        Call.Options options = call.options("--reference", "--from");
        if (!options.has("-R", "--recursive")) {
            return;
        }
        List<Call.Arg> operands = options.operands();
        int first = options.has("--reference") ? 0 : 1;
        if (operands.size() <= first) {
            return;
        }
        List<String> targets = new ArrayList<>();
        List<CopyCommand> copies = new ArrayList<>();
        for (Call.Arg operand : operands.subList(first, operands.size())) {
            if (!operand.literal() || operand.value().isEmpty()) {
                continue;
            }
            String target = ContainerPaths.clean(operand.value().startsWith("/") ? operand.value()
                    : run.workdir() + "/" + operand.value());
            for (CopyCommand copy : stage.copies()) {
                if (copy.instruction().span().start() < run.instruction().span().start() && overlaps(copy, target)
                        && !copies.contains(copy) && !skippedByFrom(options, copy)) {
                    copies.add(copy);
                    if (!targets.contains(target)) {
                        targets.add(target);
                    }
                }
            }
        }
        Map<CopyCommand, MovedCopies> moves = new LinkedHashMap<>();
        List<RunStep> stageRuns = RunStep.of(image.model(), List.of(stage));
        for (CopyCommand copy : copies) {
            MovedCopies m = MovedCopies.of(copy, stageRuns, call);
            if (!m.moved().isEmpty()) {
                moves.put(copy, m);
            }
        }
        copies.removeIf(c -> moves.containsKey(c) && moves.get(c).allMoved()); // nothing of theirs is left to rewrite
        if (copies.isEmpty()) {
            return;
        }
        List<CopyCommand> withChown = copies.stream().filter(c -> !moves.containsKey(c)).toList();
        String command = call.name() + " " + String.join(" ", call.args().stream().map(Call.Arg::value).toList());
        List<String> copied = copies.stream().map(c -> written(c, "") + " (line " + c.instruction().span().startLine()
                + ")").toList();
        String message = command + " rewrites the files that " + BuildToolsInFinalImage.join(copied) + " put in "
                + BuildToolsInFinalImage.join(targets) + ": the layer of this RUN holds a second copy of each of them,"
                + " with the new " + (call.is("chmod") ? "mode" : "owner") + ", and the image carries both";
        String flag = call.is("chmod") ? "--chmod=" : "--chown=";
        String value = first == 1 ? operands.get(0).value() : "user:group";
        String recommendation = withChown.isEmpty() ? "Drop the recursive " + call.name() + "."
                : "Give the files their " + (call.is("chmod") ? "mode" : "owner") + " while copying: "
                + String.join(", ", withChown.stream().map(c -> written(c, flag + value + " ")).toList())
                + (call.is("chmod") || existsBefore(image, withChown.get(0), value) ? ""
                        : " (with the user created in a RUN before the COPY)")
                + ", and drop the recursive " + call.name() + "; a folder the COPY does not create itself (the"
                + " WORKDIR) needs only a plain " + call.name() + " without -R.";
        for (Map.Entry<CopyCommand, MovedCopies> e : moves.entrySet()) {
            if (!copies.contains(e.getKey())) {
                continue;
            }
            MovedCopies m = e.getValue();
            recommendation += " Not with " + flag + " on line " + e.getKey().instruction().span().startLine() + ": a RUN"
                    + " after it moves " + BuildToolsInFinalImage.join(m.described()) + ", and mv keeps the "
                    + (call.is("chmod") ? "mode" : "owner") + ", so the files root runs or reads there would get it"
                    + " too" + (m.staying().isEmpty() ? "." : "; change the files that stay by name, without -R ("
                    + call.name() + " " + value + " " + String.join(" ", m.staying()) + ").");
        }
        List<String> made = madeBefore(run, call, targets);
        if (!made.isEmpty()) {
            recommendation += " The folders mkdir creates in this RUN still need the owner: change them alone, without"
                    + " -R (" + call.name() + " " + value + " " + String.join(" ", made) + "), which copies nothing.";
        }
        boolean small = smallFilesOnly(context, image, copies);
        context.finding(this, image.dockerfile(), call.span(), message + (small ? " (only a few small files"
                        + " of the build context, so the second copy costs little)" : ""))
                .severity(small ? Severity.LOW : Severity.MEDIUM)
                .recommendation(recommendation)
                .fix(call.is("chown") && withChown.size() == copies.size() ? ChownIntoCopy.fix(image, stage, run, call, copies).orElse(null)
                        : null)
                .add();
    }

    private static final long SMALL_FILE = 64 * 1024;

    /**
     * Whether the copies the chown rewrites are single files of the build context (pyproject.toml, a lock file),
     * each smaller than 64 KiB: no folder, glob, stage output or download, whose size could be anything.
     */
    private static boolean smallFilesOnly(ReviewContext context, BuiltImage image, List<CopyCommand> copies) {
        Container container = image.container();
        if (container == null || container.build() == null) {
            return false;
        }
        var files = context.project().files();
        for (CopyCommand copy : copies) {
            if (!copy.fromContext() || !copy.heredocs().isEmpty()) {
                return false;
            }
            for (String source : copy.sources()) {
                String path = source.chars().anyMatch(ch -> "*?[".indexOf(ch) >= 0) || CopySources.isUrl(source) ? null
                        : PathNames.normalizeRelative(PathNames.join(container.build().context(),
                                source.replaceFirst("^/+", "")));
                if (path == null || path.isEmpty() || !files.exists(path) || files.isDirectory(path)) {
                    return false;
                }
                try {
                    if (java.nio.file.Files.size(files.locate(path)) >= SMALL_FILE) {
                        return false;
                    }
                } catch (java.io.IOException | RuntimeException e) {
                    return false;
                }
            }
        }
        return true;
    }

    /**
     * Whether the owner needs no user created before the COPY: numeric ids, the node images' node, nobody,
     * or a user a RUN of the image creates before that COPY.
     */
    private static boolean existsBefore(BuiltImage image, CopyCommand copy, String owner) {
        String user = owner.contains(":") ? owner.substring(0, owner.indexOf(':')) : owner;
        if (user.chars().allMatch(Character::isDigit) || user.equals("nobody")
                || user.equals("node") && Stages.rootBase(image.model(), image.stage()) instanceof BaseImage.External e
                        && ImageTags.officialName(e.reference()).equals("node")) {
            return true;
        }
        List<RunStep> before = image.imageRuns().stream().filter(run -> run.model() == image.model()
                && run.instruction().span().start() < copy.instruction().span().start()).toList();
        return CreatedUser.named(before, user) != null;
    }

    /** A COPY or ADD in short: its keyword, its --from, the flag given, its sources and destination. */
    private static String written(CopyCommand copy, String flag) {
        String from = copy.from() == null ? "" : "--from=" + copy.from() + " ";
        return copy.instruction().keyword().value() + " " + from + flag + String.join(" ", copy.sources()) + " "
                + copy.destination();
    }

    /** The folders an mkdir before the chown in the same RUN creates under its targets, as written. */
    private static List<String> madeBefore(RunStep run, Call chown, List<String> targets) {
        List<String> made = new ArrayList<>();
        for (Call call : run.calls().subList(0, run.calls().indexOf(chown))) {
            if (!call.is("mkdir")) {
                continue;
            }
            for (Call.Arg operand : call.options("-m", "--mode").operands()) {
                String path = ContainerPaths.clean(operand.value().startsWith("/") ? operand.value()
                        : run.workdir() + "/" + operand.value());
                String target = targets.stream().filter(t -> path.startsWith(t + "/")).findFirst().orElse(null);
                if (!operand.literal() || target == null) {
                    continue;
                }
                // mkdir -p creates the parents too: each folder between the target and the path
                String written = operand.value().replaceAll("/+$", "");
                String relative = path.substring(target.length() + 1);
                if (!written.endsWith(relative)) {
                    made.add(written);
                    continue;
                }
                String prefix = written.substring(0, written.length() - relative.length());
                String[] parts = relative.split("/");
                for (int i = 1; i <= parts.length; i++) {
                    String folder = prefix + String.join("/", java.util.Arrays.copyOf(parts, i));
                    if (!made.contains(folder)) {
                        made.add(folder);
                    }
                }
            }
        }
        return made;
    }

    /**
     * Whether {@code chown --from=OWNER} leaves the files of the COPY alone: it changes only files owned by
     * OWNER, and the COPY gave its files another owner (root unless --chown says otherwise). Names and
     * numbers are compared as written, root and 0 alike; a name against a number other than 0 could be the
     * same user, so those files are taken as changed.
     */
    private static boolean skippedByFrom(Call.Options options, CopyCommand copy) {
        List<String> from = options.values("--from");
        if (from.isEmpty()) {
            return false;
        }
        String[] required = from.get(from.size() - 1).split(":", -1);
        String[] owner = (copy.chown() == null ? "0:0" : copy.chown()).split(":", -1);
        return differs(required[0], owner[0])
                || required.length > 1 && owner.length > 1 && differs(required[1], owner[1]);
    }

    /** Whether two owners written in chown --from and COPY --chown are certainly different users (or groups). */
    private static boolean differs(String required, String owner) {
        String a = required.equals("root") ? "0" : required;
        String b = owner.equals("root") ? "0" : owner;
        if (a.isEmpty() || b.isEmpty() || a.contains("$") || b.contains("$") || a.equals(b)) {
            return false;
        }
        boolean aNumber = a.chars().allMatch(Character::isDigit);
        boolean bNumber = b.chars().allMatch(Character::isDigit);
        return aNumber == bNumber || a.equals("0") || b.equals("0");
    }

    /** Whether the folder the chown walks and the files the COPY wrote share files. */
    private static boolean overlaps(CopyCommand copy, String target) {
        String dest = ContainerPaths.clean(copy.containerPath());
        return target.equals("/") || dest.equals(target) || dest.startsWith(target + "/");
    }
}
