package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.rules.support.BaseImageFacts;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.DotnetImages;
import dev.drydock.core.rules.support.HomeDownloads;
import dev.drydock.core.rules.support.ImageTags;
import dev.drydock.core.rules.support.InferredImageTools;
import dev.drydock.core.rules.support.UserCreation;
import dev.drydock.core.rules.support.InstructionLines;
import dev.drydock.core.rules.support.PhpFpm;
import dev.drydock.core.rules.support.PipCommands;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.SystemDirectories;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.fixes.RuntimeCacheDirectories;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Makes the final stage of a Debian/Ubuntu or Alpine based image run as an unprivileged user: creates
 * {@value #USER} with UID/GID {@value #ID} right after FROM (or uses the user a RUN of the image already
 * creates, with the group it is given: {@link CreatedUser}, or the user the base image defines: app of the .NET 8+
 * images as {@code USER $APP_UID}, www-data of the php images), copies the application's files from the build
 * context, and those another stage built into the working directory, with {@code --chown} (those copied after the
 * user exists: a framework writes its tmp and log folders there), and switches to
 * the user before CMD/ENTRYPOINT, after a RUN that makes and gives it the folders a root build step left to root
 * but the framework writes at run time ({@link RuntimeCacheDirectories}: Rails' log, storage, tmp). The user gets a home folder when the application's Python packages download
 * models or data into it as they run ({@link HomeDownloads}), none otherwise. Images without a shell (scratch, distroless) get a numeric user
 * ({@link NumericUserFix}). No fix for images whose base brings its own user (node) unless the Dockerfile creates
 * one of its own, for an image whose Python packages were installed with {@code pip install --user} or
 * copied from {@code /root} (a user other than root could not read them), or when instructions that
 * need root follow CMD.
 */
final class NonRootUserFix {

    static final String USER = "app";
    static final int ID = 10001;

    private static final Set<String> DEPENDENCY_MANIFESTS = Set.of("pyproject.toml", "setup.py", "setup.cfg",
            "poetry.lock", "pipfile", "pipfile.lock", "uv.lock", "package.json", "package-lock.json", "yarn.lock",
            "pnpm-lock.yaml", "gemfile", "gemfile.lock", "go.mod", "go.sum", "composer.json", "composer.lock",
            "cargo.toml", "cargo.lock");
    private static final Pattern REQUIREMENTS = Pattern.compile("(?i)(.*/)?(requirements|constraints)[\\w.-]*\\.(txt|in)");

    private NonRootUserFix() {}

    /** {@link #fix} with the edits that come with a new USER ({@link #withFollowUps(Container, Fix)}), or null. */
    static Fix withFollowUps(ReviewContext context, Container container) {
        return fix(context, container).map(f -> withFollowUps(container, f)).orElse(null);
    }

    /**
     * A fix that makes the container's stage end as an unprivileged user, with what that user then needs: USER root
     * back in the stages built on it ({@link RootForDerivedStages}) and its volume directories given to it
     * ({@link VolumeDirectoriesForUser}).
     */
    static Fix withFollowUps(Container container, Fix fix) {
        return VolumeDirectoriesForUser.add(container, RootForDerivedStages.add(container, fix));
    }

    static Optional<Fix> fix(ReviewContext context, Container container) {
        DockerfileModel model = container.build().model();
        Stage stage = container.build().stage();
        BaseImage base = Stages.rootBase(model, stage);
        BaseImageFacts.ImageTools tools = InferredImageTools.of(model, stage).orElse(null);
        if (tools != null && !tools.shell()) {
            return NumericUserFix.fix(container);
        }
        List<Stage> lineage = Stages.inImage(model, stage);
        List<RunStep> runs = RunStep.of(model, lineage);
        boolean createsUser = CreatedUser.first(runs, UserCreation.busybox(tools)) != null;
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || "node".equals(ImageTags.officialName(external.reference())) && !createsUser) {
            return Optional.empty();
        }
        if (tools == null || !("apt".equals(tools.packageManager()) || "apk".equals(tools.packageManager()))) {
            return Optional.empty();
        }
        for (RunStep run : runs) {
            for (Call call : run.calls()) {
                if (PipCommands.install(call).filter(i -> i.options().has("--user")).isPresent()) {
                    return Optional.empty();
                }
            }
        }
        for (Stage s : lineage) {
            for (CopyCommand copy : s.copies()) {
                if (!copy.fromContext() && copy.sources().stream().anyMatch(src -> src.startsWith("/root"))) {
                    return Optional.empty();
                }
            }
        }
        Instruction command = lastOf(stage, InstructionKind.CMD, InstructionKind.ENTRYPOINT);
        if (command != null && followedByBuildSteps(stage, command)) {
            return Optional.empty();
        }
        SourceFile file = stage.from().file();
        String path = container.build().dockerfile();
        List<TextEdit> edits = new ArrayList<>();
        CreatedUser created = CreatedUser.first(runs, UserCreation.busybox(tools));
        ImageUser imageUser = created == null ? ImageUser.of(container, base) : null;
        String user = created != null ? created.name() : imageUser != null ? imageUser.user() : USER;
        String owner = created != null ? created.chown() : imageUser != null ? imageUser.owner() : USER + ":" + USER;
        if (created == null && imageUser == null) {
            boolean home = HomeDownloads.packageOf(container).isPresent();
            edits.add(TextEdit.insert(path, file.lineEnd(stage.from().endLine()), "\n\n# An unprivileged user for the application,"
                    + " with a fixed UID/GID that volume permissions can rely on"
                    + (home ? ",\n# and a home folder for the models and data its libraries download" : "") + "\n"
                    + createUser("apk".equals(tools.packageManager()), home)));
        }
        String appDir = stage.config().workdir() == null ? null : stage.config().workdir().value();
        for (CopyCommand copy : stage.copies()) {
            boolean application = copy.fromContext() || copy.fromStage() >= 0 && appDir != null && !appDir.equals("/")
                    && copy.containerPath() != null && PathNames.isUnder(copy.containerPath(), appDir);
            if (application && copy.chown() == null && !copy.sources().isEmpty()
                    && !copy.sources().stream().allMatch(NonRootUserFix::isManifest) && !SystemDirectories.target(copy)
                    && !copy.sources().stream().anyMatch(NonRootUserFix::isRemote) && !intoRoot(copy)
                    && (created == null || created.run().stage() != stage
                            || created.run().instruction().span().start() < copy.instruction().span().start())) {
                edits.add(TextEdit.insert(path, copy.instruction().keyword().span().end(), " --chown=" + owner));
            }
        }
        var writable = RuntimeCacheDirectories.ownedBy(context, container, owner, stage, command);
        writable.map(RuntimeCacheDirectories.Placed::edit).ifPresent(edits::add);
        TextEdit userSwitch = userSwitch(path, file, stage, command,
                writable.map(RuntimeCacheDirectories.Placed::lines).orElse(""), user);
        if (userSwitch == null) {
            return Optional.empty();
        }
        edits.add(userSwitch);
        return Optional.of(Fix.of(imageUser != null ? imageUser.title() : "run as the unprivileged user " + user,
                FixSafety.UNSAFE, edits));
    }

    /**
     * The unprivileged user the base image already defines, which the fix switches to instead of creating one: app of
     * the .NET 8+ images (UID 1654, ENV APP_UID: useradd app would fail), www-data of the official php images (33 on
     * Debian, 82 on Alpine), which their php-fpm pool and Apache already run the PHP code as.
     *
     * @param user what USER names
     * @param owner what COPY --chown names
     * @param title the fix's title
     */
    private record ImageUser(String user, String owner, String title) {

        static ImageUser of(Container container, BaseImage base) {
            if (DotnetImages.hasAppUser(base)) {
                return new ImageUser("$APP_UID", USER + ":" + USER, "run as the image's unprivileged user app ($APP_UID)");
            }
            if (PhpFpm.onPhpImage(container)) {
                return new ImageUser("www-data", "www-data:www-data", "run as the php image's unprivileged user www-data");
            }
            return null;
        }
    }

    private static String createUser(boolean alpine, boolean home) {
        return UserCreation.command(alpine, USER, ID, home ? "/home/" + USER : null, " \\\n    && ");
    }

    /**
     * USER before CMD/ENTRYPOINT (and the comments above it), or at the end of the stage; null when the stage's
     * last instruction ends in a line continuation at the end of the file, which would take the USER line in.
     */
    static TextEdit userSwitch(String path, SourceFile file, Stage stage, Instruction command, String user) {
        return userSwitch(path, file, stage, command, "", user);
    }

    /** {@link #userSwitch(String, SourceFile, Stage, Instruction, String)} with lines (a RUN) just before USER. */
    static TextEdit userSwitch(String path, SourceFile file, Stage stage, Instruction command, String before, String user) {
        if (command == null) {
            Instruction last = stage.steps().isEmpty() ? stage.from() : stage.steps().get(stage.steps().size() - 1).instruction();
            String raw = last.rawText().stripTrailing();
            if (raw.endsWith("\\") || raw.endsWith("`")) {
                return null;
            }
            return TextEdit.insert(path, file.lineEnd(last.endLine()), "\n\n" + before + "USER " + user);
        }
        int first = InstructionLines.firstLineWithComments(command);
        boolean blank = InstructionLines.blankBefore(command);
        return TextEdit.insert(path, file.lineStart(first), before + "USER " + user + "\n" + (blank ? "\n" : ""));
    }

    /** The first CMD or ENTRYPOINT of the stage's last run of them. */
    static Instruction lastOf(Stage stage, InstructionKind... kinds) {
        Instruction found = null;
        for (Step step : stage.steps()) {
            for (InstructionKind kind : kinds) {
                if (step.instruction().kind() == kind && found == null) {
                    found = step.instruction();
                }
            }
        }
        return found;
    }

    static boolean followedByBuildSteps(Stage stage, Instruction command) {
        boolean after = false;
        for (Step step : stage.steps()) {
            if (step.instruction() == command) {
                after = true;
            } else if (after && Set.of(InstructionKind.RUN, InstructionKind.COPY, InstructionKind.ADD,
                    InstructionKind.USER).contains(step.instruction().kind())) {
                return true;
            }
        }
        return false;
    }

    /** An ADD of a URL or a Git repository: a download, not the application's files. */
    private static boolean isRemote(String source) {
        return source.matches("(?i)(https?|git)://.*") || source.startsWith("git@");
    }

    /**
     * A COPY into the root folder itself ({@code COPY start.sh /}, {@code COPY start.sh /start.sh}): start and
     * health check scripts, which the user runs but need not own (owning them, it could rewrite them).
     */
    private static boolean intoRoot(CopyCommand copy) {
        String target = copy.containerPath();
        if (target == null) {
            return false;
        }
        if (target.equals("/")) {
            return true;
        }
        if (copy.sources().size() != 1 || !target.matches("/[^/]+")) {
            return false;
        }
        String source = copy.sources().get(0);
        return target.substring(1).equals(source.substring(source.lastIndexOf('/') + 1));
    }

    private static boolean isManifest(String source) {
        String name = source.substring(source.lastIndexOf('/') + 1).toLowerCase(java.util.Locale.ROOT);
        return DEPENDENCY_MANIFESTS.contains(name) || REQUIREMENTS.matcher(source).matches();
    }
}
