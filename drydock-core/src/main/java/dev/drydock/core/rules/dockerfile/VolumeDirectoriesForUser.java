package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.InstructionLines;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.UserIds;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A named volume that is new and empty is filled from the image's directory at its mount point, and takes
 * that directory's owner; with no such directory in the image it belongs to root. When a fix makes the
 * container run as an unprivileged user, the mount points of its compose service's named volumes and of the
 * image's VOLUMEs, and the data directories its environment names (NC_DATA_DIR=/usr/app/data: the data the
 * application writes, uploads; for a file it names, such as a SQLite database, the file's folder) are made in
 * the image and given to that user,
 * just before the USER line (or before the VOLUME that declares one of them, when that VOLUME comes before the
 * USER line: one written after CMD stays after the switch), so that the application can
 * still write them; an image's VOLUME also when a root RUN mkdir of the image makes it (with the folders it
 * makes inside it), the other directories are then left to that RUN (and the rule implicit-permissions).
 * Directories the image already gives an owner or mode (chown, chmod, install -d -o, COPY --chown) are left to it.
 */
final class VolumeDirectoriesForUser {

    private static final Pattern USER_LINE = Pattern.compile("(?m)^USER (\\S+)");

    /** A variable naming a directory (NC_TOOL_DIR, DATA_PATH, UPLOAD_DIRECTORY). */
    private static final Pattern DATA_DIRECTORY_NAME = Pattern.compile("\\w*(_DIR|_DIRECTORY|_PATH|_ROOT)");
    /** An absolute path with a data, storage or uploads folder in it: where the application writes. */
    private static final Pattern DATA_DIRECTORY = Pattern.compile("(/[\\w.-]+)*/(data|storage|uploads?)(/[\\w.-]+)*/?");
    private static final Pattern SYSTEM_PATH = Pattern.compile("/(proc|sys|dev|etc|run|tmp|usr/(local/)?(bin|sbin|lib|share|include))(/|$)");

    private VolumeDirectoriesForUser() {}

    /**
     * The directories the image already gives an owner or a mode: those a RUN chown, chgrp or chmod of it
     * names (with -R, also everything under them), those {@code install -d -o} makes, and the destinations of
     * a COPY or ADD --chown. They are the Dockerfile's own choice. A directory a root RUN mkdir merely makes
     * is not among them: it belongs to root, and so would a new volume mounted there.
     */
    private record ImageOwnership(Set<String> exact, Set<String> recursive, Set<String> made) {

        static ImageOwnership of(Container container) {
            ImageOwnership owned = new ImageOwnership(new LinkedHashSet<>(), new LinkedHashSet<>(), new LinkedHashSet<>());
            DockerfileModel model = container.build().model();
            List<Stage> lineage = Stages.inImage(model, container.build().stage());
            for (RunStep run : RunStep.of(model, lineage)) {
                String dir = run.workdir() == null ? "/" : run.workdir();
                for (Call call : run.calls()) {
                    if (call.is("chown", "chmod", "chgrp")) {
                        Call.Options options = call.options("--reference", "--from");
                        List<Call.Arg> operands = options.operands();
                        int first = options.has("--reference") ? 0 : 1;
                        Set<String> into = options.has("-R", "--recursive") ? owned.recursive : owned.exact;
                        for (Call.Arg arg : operands.subList(Math.min(first, operands.size()), operands.size())) {
                            into.add(resolve(dir, arg.value()));
                        }
                    } else if (call.is("install")) {
                        Call.Options options = call.options("-o", "--owner", "-g", "--group", "-m", "--mode");
                        if (options.has("-d", "--directory") && options.has("-o", "--owner", "-g", "--group", "-m", "--mode")) {
                            options.operands().forEach(arg -> owned.exact.add(resolve(dir, arg.value())));
                        }
                    } else if (call.is("mkdir")) {
                        call.options("-m", "--mode").operands().forEach(arg -> owned.made.add(resolve(dir, arg.value())));
                    }
                }
            }
            for (Stage stage : lineage) {
                for (CopyCommand copy : stage.copies()) {
                    if (copy.containerPath() != null) {
                        String target = normalize(copy.containerPath());
                        if (copy.chown() != null) {
                            owned.exact.add(target);
                        }
                    }
                }
            }
            return owned;
        }

        private static String resolve(String workdir, String path) {
            return normalize(path.startsWith("/") ? path : workdir + "/" + path);
        }

        boolean owns(String directory) {
            return exact.contains(directory) || recursive.stream()
                    .anyMatch(r -> r.equals(directory) || r.equals("/") || directory.startsWith(r + "/"));
        }

        /** Whether a RUN mkdir of the image makes the directory or something inside it. */
        boolean makes(String directory) {
            return made.stream().anyMatch(m -> m.equals(directory) || m.startsWith(directory + "/"));
        }

        /**
         * The folders a root mkdir of the image makes inside the directory (with those between): a new volume
         * takes them on with their owner, root, so they are given to the user too. Files a COPY puts there are
         * left alone: the fix copies the application's own with --chown, and a chown -R would store them twice.
         */
        Set<String> foldersInside(String directory) {
            Set<String> inside = new LinkedHashSet<>();
            for (String m : made) {
                if (m.startsWith(directory + "/")) {
                    String[] parts = m.substring(directory.length() + 1).split("/");
                    StringBuilder path = new StringBuilder(directory);
                    for (String part : parts) {
                        inside.add(path.append('/').append(part).toString());
                    }
                }
            }
            return inside;
        }
    }

    /**
     * The directory a path of the environment names: the path itself, or the folder of a file it names by a name
     * with an extension (SYNAPSE_CONFIG_PATH=/data/homeserver.yaml, DATABASE_PATH=/app/data/db.sqlite), which
     * a mkdir of the whole path would turn into a directory the application then cannot read or create as a file.
     */
    private static String directoryOf(String path) {
        int slash = path.lastIndexOf('/');
        if (slash < 0 || !FILE_NAME.matcher(path.substring(slash + 1)).matches()) {
            return path;
        }
        return slash == 0 ? null : path.substring(0, slash);
    }

    /** A file's name: something, a dot and an extension of letters and digits (not a {@code .d} folder). */
    private static final Pattern FILE_NAME = Pattern.compile("[^/]+\\.(?!d$)[A-Za-z][A-Za-z0-9]{0,7}");

    private static String normalize(String path) {
        String p = path.replaceAll("/+", "/").replaceAll("/\\./", "/").replaceFirst("^\\./", "");
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    static Fix add(Container container, Fix fix) {
        Set<String> targets = new LinkedHashSet<>();
        if (container.service() != null) {
            for (Service.Volume volume : container.service().volumes()) {
                String target = volume.target();
                if (volume.isNamedVolume() && target != null && target.startsWith("/") && !target.equals("/")
                        && !target.equals("/tmp") && target.matches("[\\w./-]+")) {
                    targets.add(normalize(target));
                }
            }
        }
        Set<String> composeTargets = new LinkedHashSet<>(targets);
        Set<String> mountPoints = new LinkedHashSet<>(targets);
        Set<String> declared = new LinkedHashSet<>();
        for (var volume : container.build().stage().config().volumes()) {
            String target = volume.value() == null ? "" : normalize(volume.value().strip());
            if (target.startsWith("/") && !target.equals("/") && !target.equals("/tmp") && target.matches("[\\w./-]+")) {
                targets.add(target);
                mountPoints.add(target);
                declared.add(target);
            }
        }
        if (container.entryPoint() != null) {
            container.entryPoint().environment().forEach((name, value) -> {
                String directory = value == null ? null : directoryOf(normalize(value.strip()));
                if (directory != null && DATA_DIRECTORY_NAME.matcher(name).matches()
                        && DATA_DIRECTORY.matcher(directory).matches() && !SYSTEM_PATH.matcher(directory).lookingAt()) {
                    targets.add(directory);
                }
            });
        }
        ImageOwnership owned = ImageOwnership.of(container);
        targets.removeIf(owned::owns);
        // a named volume's or the environment's folder that a RUN mkdir makes is left to implicit-permissions,
        // whose fix gives it to the user in that RUN; a VOLUME of the image is given to the user here in any case
        targets.removeIf(t -> !declared.contains(t) && owned.makes(t));
        Set<String> owners = new LinkedHashSet<>();
        for (String target : targets) {
            owners.add(target);
            owners.addAll(owned.foldersInside(target));
        }
        ImageContents image = ImageContents.of(container);
        if (targets.isEmpty() || image == null || !image.has("sh").orElse(false)) {
            return fix;
        }
        List<TextEdit> edits = new ArrayList<>();
        boolean placed = false;
        for (TextEdit edit : fix.edits()) {
            Matcher user = USER_LINE.matcher(edit.replacement());
            if (!placed && edit.file().equals(container.build().dockerfile()) && user.find()) {
                String paths = String.join(" ", targets);
                String owning = String.join(" ", owners);
                String run = (composeTargets.containsAll(targets)
                        ? "# The mount points of the named volumes, owned by the user, which new volumes take on\n"
                        : mountPoints.containsAll(targets)
                        ? "# The mount points of the volumes, owned by the user, which new volumes take on\n"
                        : "# The directories the application writes (volume mount points, data directories its"
                                + " environment names),\n# owned by the user, which new volumes take on\n")
                        + "RUN mkdir -p " + paths + " && chown " + UserIds.shellWord(user.group(1)) + " " + owning + "\n";
                Instruction volume = firstVolume(container.build().stage(), targets, user.group(1));
                int beforeVolume = volume == null ? -1 : volume.file().lineStart(InstructionLines.firstLineWithComments(volume));
                // a VOLUME after the command, where USER goes, would put the root-only RUN after the switch to the user
                if (volume != null && beforeVolume < edit.start()) {
                    edits.add(TextEdit.insert(edit.file(), beforeVolume, run));
                    edits.add(edit);
                } else {
                    String text = edit.replacement().substring(0, user.start()) + run
                            + edit.replacement().substring(user.start());
                    edits.add(new TextEdit(edit.file(), edit.start(), edit.end(), text));
                }
                placed = true;
            } else {
                edits.add(edit);
            }
        }
        return placed ? Fix.of(fix.title(), fix.safety(), edits) : fix;
    }

    /**
     * The stage's first VOLUME instruction that declares one of the directories, when no RUN after it creates
     * the user: the legacy builder (and some others) discard what a later step changes in a declared volume,
     * so the directories are given to the user before it. Null when there is none.
     */
    private static Instruction firstVolume(Stage stage, Set<String> targets, String user) {
        Instruction found = null;
        for (Step step : stage.steps()) {
            Instruction instruction = step.instruction();
            if (found == null && instruction.kind() == InstructionKind.VOLUME) {
                for (var volume : stage.config().volumes()) {
                    if (volume.instruction() == instruction && volume.value() != null
                            && targets.contains(normalize(volume.value().strip()))) {
                        found = instruction;
                    }
                }
            } else if (found != null && instruction.kind() == InstructionKind.RUN
                    && instruction.rawText().matches("(?s).*\\b(useradd|adduser)\\b.*\\b" + Pattern.quote(user) + "\\b.*")) {
                return null;
            }
        }
        return found;
    }
}
