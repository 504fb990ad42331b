package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.project.Container;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.rules.support.DockerfileEdits;
import dev.drydock.core.rules.support.UserIds;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.WrittenInstructions;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.PlainText;
import dev.drydock.core.rules.support.ImageRole;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Objects;
import java.util.Set;

@RuleDefinition(
        id = "implicit-permissions",
        title = "Writable directories are created without an explicit owner or mode",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "mkdir in the RUNs of the stages the final image is made of, for directories the application"
                + " writes to (a path segment such as uploads, data, logs, cache, tmp, media, storage, sessions,"
                + " files, db, output, state, instance, or any name when it is a VOLUME of the image or the mount"
                + " point of a named volume of a service that runs it, or an empty folder its command passes to the program):"
                + " fires when the mkdir runs as root, has no -m/--mode, and no later"
                + " chown or chmod (recursive when given a parent folder) in the same or a later RUN covers the"
                + " directory, and no rm -r later in the same or a later RUN deletes it (a scratch folder of the"
                + " build). One finding per mkdir. High when the container already runs as a non-root user (it"
                + " cannot write there), medium while it still runs as root, low when every container of the image"
                + " runs a stock server or a bare runtime as root (caddy, redis-server, python3: runs-as-root reads"
                + " it as a stock image that leaves the user to the deployments built on it). Low as well when"
                + " only the folder's name says the application writes there: it is outside the working directory"
                + " and the folders of the programs the command runs, no mount or command names it, and its path is"
                + " written nowhere else (the Dockerfile's other lines, compose and env files, the project's sources),"
                + " as with a leftover `mkdir -p /temp/dev`.",
        problem = "A directory made by a root RUN belongs to root with mode 755: only root can write to it. The"
                + " Dockerfile then only works as long as the container runs as root, and a named volume mounted"
                + " there starts with the same owner and mode.",
        impact = "Uploads, database files or logs fail with 'Permission denied' as soon as the container runs as a"
                + " non-root user (the fix for running as root), often only at the first write in production.",
        recommendation = "Create the directories for the user the application runs as: chown (or install -d -o user"
                + " -g group -m 750) right after mkdir, in the same RUN, then switch to that user with USER.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#user",
                "https://docs.docker.com/engine/storage/volumes/#populate-a-volume-using-a-container",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user"},
        aliases = {},
        fix = FixSafety.UNSAFE,
        effort = "15 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app && mkdir -p /app/uploads
                        USER app
                        CMD ["python", "/app/app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app \\
                            && install -d -o app -g app -m 750 /app/uploads
                        USER app
                        CMD ["python", "/app/app.py"]
                        """))
public final class ImplicitPermissions implements Rule {

    private static final Set<String> WRITABLE = Set.of("upload", "uploads", "data", "log", "logs", "cache", "tmp",
            "temp", "media", "storage", "sessions", "session", "files", "db", "database", "output", "outputs", "state",
            "attachments", "instance");

    /** Temporary folders every user of the system writes to. */
    private static final Set<String> SHARED_TEMP = Set.of("/tmp", "/var/tmp", "/dev/shm");

    /** Folders shared by the whole system: never given to the application's user or narrowed. */
    private static final Set<String> SYSTEM_FOLDERS = Set.of("/", "/tmp", "/var", "/var/tmp", "/var/log",
            "/var/cache", "/var/lib", "/var/run", "/run", "/dev/shm");

    /**
     * Daemons that start as root by design and keep root for their own logs and sockets (nginx, Apache and
     * php-fpm masters, supervisord, cron): a folder named for one of them is theirs, not the application's.
     */
    private static final Set<String> ROOT_DAEMONS = Set.of("supervisord", "supervisor", "nginx", "apache2", "httpd",
            "php-fpm", "cron", "rsyslog");

    private static boolean daemonFolder(String path) {
        return Arrays.stream(path.split("/")).anyMatch(ROOT_DAEMONS::contains);
    }

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            String runUser = containerUser(image);
            boolean runsAsRoot = runUser == null || UserIds.isRoot(runUser);
            List<RunStep> runs = image.imageRuns();
            Set<String> mountPoints = mountPoints(image);
            for (int r = 0; r < runs.size(); r++) {
                RunStep run = runs.get(r);
                if (run.user() != null && !UserIds.isRoot(run.user())) {
                    continue; // created by the user that runs the application
                }
                List<Call> calls = run.calls();
                for (int i = 0; i < calls.size(); i++) {
                    Call call = calls.get(i);
                    if (!call.is("mkdir") || runsAsOtherUser(call)) {
                        continue;
                    }
                    Call.Options options = call.options("-m", "--mode", "-Z", "--context");
                    if (options.has("-m", "--mode")) {
                        continue;
                    }
                    Map<String, String> dirs = new LinkedHashMap<>(); // container path -> as written
                    for (Call.Arg operand : options.operands()) {
                        if (!operand.literal() || operand.value().isEmpty()) {
                            continue;
                        }
                        String path = ContainerPaths.clean(operand.value().startsWith("/") ? operand.value()
                                : Objects.requireNonNullElse(run.directoryAt(call), run.workdir()) + "/" + operand.value());
                        if ((writable(path) || mountPoints.contains(path)) && !(runsAsRoot && daemonFolder(path)) && !covered(path, calls.subList(i + 1, calls.size()), run.workdir())
                                && !coveredLater(path, runs.subList(r + 1, runs.size()))
                                && !coveredLater(path, runs.subList(0, r)) // made and owned before: mkdir -p keeps it
                                && !removed(path, calls.subList(i + 1, calls.size()), run.workdir())
                                && runs.subList(r + 1, runs.size()).stream()
                                        .noneMatch(later -> removed(path, later.calls(), later.workdir()))) {
                            dirs.put(path, operand.value());
                        }
                    }
                    if (!dirs.isEmpty()) {
                        boolean named = dirs.keySet().stream().anyMatch(d -> mountPoints.contains(d)
                                || namedElsewhere(context, image, call, d));
                        report(context, image, call, dirs, runUser, ownershipFix(image, run, call, dirs, runUser),
                                named);
                    }
                }
            }
        }
    }

    /**
     * For an image that already runs as a non-root user: chown (recursive from the first writable folder)
     * and chmod 0750 right after the mkdir, to the user's numeric ids when the Dockerfile creates it with
     * fixed ones (the RUN may come before the one that creates the user). Folders made after a cd of the same RUN
     * are named by their full path, since the chown may run outside the subshell of that cd; no fix when the cd's
     * folder cannot be told. While the image runs as root
     * there is no owner to give yet: no fix, so that the fix that adds the user comes first and this one
     * follows in the next round with its ids.
     */
    private static Fix ownershipFix(BuiltImage image, RunStep run, Call call, Map<String, String> dirs,
            String runUser) {
        if (runUser == null || UserIds.isRoot(runUser) || run.script() == null) {
            return null;
        }
        String directory = run.directoryAt(call);
        if (directory == null) {
            return null;
        }
        // after a cd the chown may run outside the (cd ... && mkdir ...) subshell: it names the folders absolutely
        boolean moved = !directory.equals(run.workdir());
        String owner = UserIds.owner(image, runUser);
        Set<String> tops = new LinkedHashSet<>();
        Set<String> made = new LinkedHashSet<>();
        for (Map.Entry<String, String> dir : dirs.entrySet()) {
            if (SYSTEM_FOLDERS.contains(dir.getKey())) {
                return null;
            }
            String top = topWritable(dir.getValue());
            String topPath = ContainerPaths.clean(top.startsWith("/") ? top : directory + "/" + top);
            tops.add(SYSTEM_FOLDERS.contains(topPath) ? written(dir.getValue(), dir.getKey(), moved)
                    : written(top, topPath, moved));
            made.add(written(dir.getValue(), dir.getKey(), moved));
        }
        Set<String> modes = new LinkedHashSet<>(tops);
        modes.addAll(made);
        String commands = "chown -R " + UserIds.shellWord(owner) + " " + String.join(" ", tops) + " && chmod 0750 "
                + String.join(" ", modes);
        List<Call> calls = run.calls();
        boolean last = calls.get(calls.size() - 1) == call;
        TextEdit edit = last
                ? DockerfileEdits.appendToRun(run, image.model().syntax().escapeChar(), commands)
                        .orElse(null)
                : TextEdit.insert(image.dockerfile(), call.span().end(), " && " + commands);
        return edit == null ? null : Fix.of("give " + String.join(", ", tops) + " to " + owner + " (mode 0750)",
                FixSafety.UNSAFE, edit);
    }

    /** A folder as the fix writes it: as the RUN writes it, or by its container path after a cd. */
    private static String written(String asWritten, String path, boolean absolute) {
        return absolute && !asWritten.startsWith("/") ? path : asWritten;
    }

    private void report(ReviewContext context, BuiltImage image, Call call, Map<String, String> dirs, String runUser,
            Fix fix, boolean named) {
        List<String> paths = new ArrayList<>(dirs.keySet());
        boolean nonRoot = runUser != null && !UserIds.isRoot(runUser);
        if (SHARED_TEMP.containsAll(paths)) {
            reportSharedTemp(context, image, call, dirs, runUser, nonRoot);
            return;
        }
        StringBuilder message = new StringBuilder("mkdir creates ").append(BuildToolsInFinalImage.join(paths))
                .append(" owned by root with the default mode 755: ");
        if (nonRoot) {
            message.append("the container runs as ").append(runUser).append(", which cannot write there");
        } else {
            message.append("the application can write there only while the container runs as root");
        }
        // a stock server's or runtime's image with no USER leaves the user to whoever runs it (runs-as-root says
        // so): its folders matter to those who switch, not to the image as it runs
        Optional<String> stock = nonRoot ? Optional.empty() : stockImageProgram(image);
        stock.ifPresent(program -> message.append("; the image starts ").append(program)
                .append(" as root and reads as a stock image that leaves the user to the deployments built on it,")
                .append(" so this matters to those that run it as another user"));
        List<String> volumes = volumes(image, paths);
        if (!volumes.isEmpty()) {
            message.append("; ").append(volumes.size() == 1 ? "the named volume " : "the named volumes ")
                    .append(BuildToolsInFinalImage.join(volumes))
                    .append(volumes.size() == 1 ? " mounted there starts" : " mounted there start")
                    .append(" with the same owner and mode when first created");
        }
        CreatedUser created = nonRoot ? null : CreatedUser.of(image.container());
        String user = nonRoot ? runUser.split(":")[0] : created != null ? created.name() : "app";
        String group = created != null && created.group() != null ? created.group() : user;
        Set<String> tops = new LinkedHashSet<>();
        for (String written : dirs.values()) {
            tops.add(topWritable(written));
        }
        String recommendation = (named || stock.isPresent() ? "" : "Remove the mkdir if nothing writes to "
                + String.join(" or ", paths) + "; otherwise give") + (named || stock.isPresent() ? "Give" : "")
                + " the directories to the user the application runs as, in the same RUN: "
                + call.name() + " -p " + String.join(" ", dirs.values()) + " && chown -R " + user + ":" + group + " "
                + String.join(" ", tops) + (nonRoot ? "" : created != null ? " (then USER " + user + ", the user line "
                + created.run().instruction().span().startLine() + " creates)" : " (after creating the user " + user
                + " with a fixed UID; then USER " + user + ")") + ". Add chmod 750 (or -m 750 to mkdir) if other users"
                + " must not read them.";
        if (!named && stock.isEmpty()) {
            String workdir = workdir(image);
            message.append("; but nothing in the project names ").append(paths.size() == 1 ? "it" : "them")
                    .append(" (no source or configuration file, ENV, compose entry or command, and ")
                    .append(paths.size() == 1 ? "it lies" : "they lie").append(" outside ")
                    .append(workdir == null ? "the folder of the program" : "the working directory " + workdir)
                    .append("), so the application may never write there: a leftover mkdir is better removed");
        }
        context.finding(this, image.dockerfile(), call.span(), message.toString())
                .severity(nonRoot && named ? Severity.HIGH : stock.isPresent() || !named ? Severity.LOW
                        : Severity.MEDIUM)
                .recommendation(recommendation)
                .fix(fix)
                .add();
    }

    /**
     * The program of an image every container of which runs a stock server or a bare runtime (see
     * {@link ImageRole}), or empty when one runs an application.
     */
    private static Optional<String> stockImageProgram(BuiltImage image) {
        if (image.containers().isEmpty()
                || image.containers().stream().anyMatch(c -> ImageRole.of(c) == ImageRole.APPLICATION)) {
            return Optional.empty();
        }
        return ImageRole.program(image.container());
    }

    /**
     * A temporary folder every user writes to (/tmp in an image that lacks it): it needs the mode 1777, world
     * writable with the sticky bit, not an owner.
     */
    private void reportSharedTemp(ReviewContext context, BuiltImage image, Call call, Map<String, String> dirs,
            String runUser, boolean nonRoot) {
        String written = String.join(" ", dirs.values());
        String message = "mkdir creates " + BuildToolsInFinalImage.join(new ArrayList<>(dirs.keySet()))
                + " owned by root with the mode 755 instead of the 1777 (writable by every user, sticky) a shared"
                + " temporary folder has: " + (nonRoot ? "the container runs as " + runUser
                        + ", which cannot create temporary files there"
                        : "only root can create temporary files there, so the application fails once it runs as"
                                + " another user");
        context.finding(this, image.dockerfile(), call.span(), message)
                .severity(nonRoot ? Severity.HIGH : Severity.MEDIUM)
                .recommendation("Create it with the mode of a temporary folder: " + call.name() + " -m 1777 " + written
                        + " (a stage FROM scratch has no shell to run mkdir in: create the folder so in a builder"
                        + " stage and COPY --from it, which keeps the mode).")
                .add();
    }

    /** The written path up to and including its first writable segment: src/uploads/notes -> src/uploads. */
    private static String topWritable(String written) {
        String[] parts = written.split("/");
        StringBuilder out = new StringBuilder();
        for (String part : parts) {
            if (out.length() > 0 || written.startsWith("/")) {
                out.append('/');
            }
            out.append(part);
            if (WRITABLE.contains(part.toLowerCase(Locale.ROOT))) {
                break;
            }
        }
        String s = out.toString().replace("//", "/");
        return s.isEmpty() ? written : s;
    }

    static boolean writable(String path) {
        for (String segment : path.split("/")) {
            if (WRITABLE.contains(segment.toLowerCase(Locale.ROOT))) {
                return !path.startsWith("/var/lib/apt") && !path.startsWith("/var/cache/apt")
                        && !path.startsWith("/usr/") && !path.startsWith("/etc/");
            }
        }
        return false;
    }

    /** Whether a chown or chmod among these calls changes the directory (or a parent folder recursively). */
    private static boolean covered(String path, List<Call> calls, String workdir) {
        for (Call call : calls) {
            if (!call.is("chown", "chmod", "chgrp")) {
                continue;
            }
            Call.Options options = call.options("--reference", "--from");
            boolean recursive = options.has("-R", "--recursive");
            List<Call.Arg> operands = options.operands();
            // the first operand is the owner or mode (unless --reference gives it)
            int first = options.has("--reference") ? 0 : 1;
            for (Call.Arg operand : operands.subList(Math.min(first, operands.size()), operands.size())) {
                if (!operand.literal()) {
                    continue;
                }
                String target = ContainerPaths.clean(operand.value().startsWith("/") ? operand.value()
                        : workdir + "/" + operand.value());
                if (target.equals(path) || recursive && (target.equals("/") || path.startsWith(target + "/"))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether an rm -r among these calls deletes the directory (or a folder above it): a scratch folder of the build. */
    private static boolean removed(String path, List<Call> calls, String workdir) {
        for (Call call : calls) {
            if (!call.is("rm")) {
                continue;
            }
            Call.Options options = call.options();
            if (!options.has("-r", "-R", "--recursive")) {
                continue;
            }
            for (Call.Arg operand : options.operands()) {
                if (!operand.literal()) {
                    continue;
                }
                String target = ContainerPaths.clean(operand.value().startsWith("/") ? operand.value()
                        : workdir + "/" + operand.value());
                if (!target.equals("/") && (target.equals(path) || path.startsWith(target + "/"))) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean coveredLater(String path, List<RunStep> later) {
        for (RunStep run : later) {
            if (covered(path, run.calls(), run.workdir())) {
                return true;
            }
        }
        return false;
    }

    /** The user the containers of the image run as (the first non-root one), or null for root. */
    private static String containerUser(BuiltImage image) {
        for (Container c : image.containers()) {
            if (c.user() != null && c.user().value().isBlank()) {
                // USER $APP_UID names a variable of the base image: the shell of a RUN expands it as well
                Instruction own = WrittenInstructions.ownAt(c, c.user().origin());
                if (own != null && own.arguments() instanceof PlainText text && text.text().strip().startsWith("$")) {
                    return text.text().strip();
                }
            } else if (c.user() != null && !UserIds.isRoot(c.user().value())) {
                return c.user().value();
            }
        }
        return null;
    }

    /**
     * The image's VOLUMEs, the targets of the named volumes its services mount and the absolute paths its
     * command passes to the program ({@code -d /datastore}): whatever their name, the application writes
     * there, and a new volume takes the owner and mode of the image's directory.
     */
    private static Set<String> mountPoints(BuiltImage image) {
        Set<String> out = new LinkedHashSet<>();
        for (var volume : image.stage().config().volumes()) {
            if (volume.value() != null && volume.value().strip().startsWith("/")) {
                out.add(ContainerPaths.clean(volume.value().strip()));
            }
        }
        for (Container c : image.containers()) {
            if (c.command() != null && !c.command().isEmpty()) {
                List<String> argv = c.command().argv();
                for (String word : argv.subList(1, argv.size())) {
                    String value = word.startsWith("-") && word.contains("=") ? word.substring(word.indexOf('=') + 1) : word;
                    if (value.startsWith("/") && value.matches("[\\w./-]+") && !filled(image, ContainerPaths.clean(value))) {
                        out.add(ContainerPaths.clean(value));
                    }
                }
            }
            if (c.service() == null) {
                continue;
            }
            for (Service.Volume v : c.service().volumes()) {
                if (v.isNamedVolume() && v.target() != null && v.target().startsWith("/")) {
                    out.add(ContainerPaths.clean(v.target()));
                }
            }
        }
        out.removeAll(SYSTEM_FOLDERS);
        return out;
    }

    /**
     * Whether something besides the mkdir says the application uses the folder: it is inside the image's working
     * directory or the folder of a program file the command runs (relative paths in the code land there), or its
     * path is written elsewhere in the Dockerfile (ENV UPLOAD_DIR=..., WORKDIR, COPY), in a compose file, an env file
     * or a source or configuration file of the project. The folder's name alone (tmp, data) is no such evidence.
     */
    private static boolean namedElsewhere(ReviewContext context, BuiltImage image, Call call, String path) {
        String workdir = workdir(image);
        if (workdir != null && !workdir.equals("/") && PathNames.isUnder(path, workdir)) {
            return true;
        }
        for (Container c : image.containers()) {
            if (c.command() == null) {
                continue;
            }
            for (String word : c.command().argv()) {
                if (word.startsWith("/") && word.lastIndexOf('/') > 0
                        && PathNames.isUnder(path, ContainerPaths.clean(PathNames.parent(word)))) {
                    return true;
                }
            }
        }
        String dockerfile = image.model().syntax().file().text();
        if (call.span().end() <= dockerfile.length()) {
            String outside = dockerfile.substring(0, call.span().start()) + "\n" + dockerfile.substring(call.span().end());
            if (mentions(outside, path)) {
                return true;
            }
        }
        List<String> files = new ArrayList<>();
        context.project().layout().sources().forEach(e -> files.add(e.path()));
        context.project().layout().entries(dev.drydock.core.discovery.FileKind.ENV).forEach(e -> files.add(e.path()));
        context.project().composeProjects().forEach(p -> p.files().forEach(f -> files.add(f.source().path())));
        for (String file : files) {
            if (context.project().source(file).map(f -> mentions(f.text(), path)).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the text holds the path as a whole path (/app/data, not /app/database). */
    private static boolean mentions(String text, String path) {
        int at = text.indexOf(path);
        while (at >= 0) {
            int end = at + path.length();
            if (end == text.length() || !Character.isLetterOrDigit(text.charAt(end)) && text.charAt(end) != '_'
                    && text.charAt(end) != '-' && text.charAt(end) != '.') {
                return true;
            }
            at = text.indexOf(path, at + 1);
        }
        return false;
    }

    private static String workdir(BuiltImage image) {
        var w = image.stage().config().workdir();
        return w == null || w.value() == null ? null : ContainerPaths.clean(w.value());
    }

    /** Whether a COPY or ADD of the image puts files into the folder: one the program reads, such as its configuration. */
    private static boolean filled(BuiltImage image, String folder) {
        return image.imageStages().stream().flatMap(s -> s.copies().stream()).map(CopyCommand::containerPath)
                .anyMatch(p -> p != null && (p.equals(folder) || p.equals(folder + "/") || p.startsWith(folder + "/")));
    }

    /** The compose named volumes mounted on these directories or above them: "unify-data (/app/src/data)". */
    private static List<String> volumes(BuiltImage image, List<String> paths) {
        List<String> out = new ArrayList<>();
        for (Container c : image.containers()) {
            if (c.service() == null) {
                continue;
            }
            for (Service.Volume v : c.service().volumes()) {
                if (!v.isNamedVolume() || v.target() == null) {
                    continue;
                }
                for (String path : paths) {
                    if (path.equals(v.target()) || path.startsWith(v.target() + "/")) {
                        String text = v.source() + " (" + v.target() + ")";
                        if (!out.contains(text)) {
                            out.add(text);
                        }
                        break;
                    }
                }
            }
        }
        return out;
    }

    /** mkdir run through gosu, su-exec, chroot --userspec or sudo -u: the directory belongs to that user. */
    private static boolean runsAsOtherUser(Call call) {
        if (call.command() == null) {
            return false;
        }
        for (var wrapper : call.command().wrappers()) {
            String name = wrapper.value().substring(wrapper.value().lastIndexOf('/') + 1);
            if (name.equals("gosu") || name.equals("su-exec")) {
                return true;
            }
        }
        List<String> words = call.command().words().stream().map(w -> w.value()).toList();
        int program = words.indexOf(call.program() == null ? "mkdir" : call.program().value());
        List<String> before = program < 0 ? words : words.subList(0, program);
        return before.contains("--userspec") || before.stream().anyMatch(w -> w.startsWith("--userspec="))
                || before.contains("sudo") && (before.contains("-u") || before.stream().anyMatch(w -> w.startsWith("--user")));
    }
}
