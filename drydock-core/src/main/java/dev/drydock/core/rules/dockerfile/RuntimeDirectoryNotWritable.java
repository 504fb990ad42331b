package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Step;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.InstructionKind;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.ImageFolderOwners;
import dev.drydock.core.rules.support.InstructionLines;
import dev.drydock.core.rules.support.RunEnvironments;
import dev.drydock.core.rules.support.UserIds;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "runtime-directory-not-writable",
        title = "A cache directory the environment names cannot be created by the runtime user",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Images whose final stage runs as a non-root user it names with its own USER. For each variable"
                + " that names a folder the application writes at run time (HF_HOME, HF_HUB_CACHE,"
                + " HUGGINGFACE_HUB_CACHE, TRANSFORMERS_CACHE, SENTENCE_TRANSFORMERS_HOME, TORCH_HOME,"
                + " NUMBA_CACHE_DIR, XDG_CACHE_HOME, MPLCONFIGDIR) by a literal absolute path, in the image's ENV or"
                + " in the environment a compose service (environment, env_file) or a Kubernetes container (env"
                + " value) runs the image with (theirs wins over the image's), fires when that user can neither write"
                + " the folder nor create it: no instruction makes it, or a root RUN mkdir, a WORKDIR created as root"
                + " (BuildKit gives a WORKDIR it creates after USER to that user) or a COPY without --chown makes it;"
                + " and no chown, chmod, install -d -o, COPY --chown or mkdir run as that user covers the folder or a"
                + " folder above it (a COPY --from of another stage keeps the owners of that stage: it counts when"
                + " that stage gave the folder to a non-root user or ran programs as one), nor is it in the home"
                + " useradd -m (-d), BusyBox adduser -h or Debian adduser --home creates for the user, nor under"
                + " /opt/app-root for user 1001 of a Red Hat source-to-image image (ubi9/python-311, nodejs-20...), nor"
                + " in a folder the base image gives its own user (nginx-unprivileged's /var/cache/nginx for 101)."
                + " Quiet under /tmp, /var/tmp, /dev/shm and /home, on or below an image VOLUME or a mount of a"
                + " container that runs the image, when a Kubernetes container runs it as another uid (runAsUser,"
                + " also as a leaf kustomization's overlay sets it), when a RUN of the image runs a program as a"
                + " non-root user (it may fill the cache at build time), for a folder a root mkdir makes that"
                + " implicit-permissions already reports, and for the Hugging Face caches when HF_HUB_OFFLINE (or,"
                + " when it is unset, TRANSFORMERS_OFFLINE) is true (the libraries then only read the cache;"
                + " HF_DATASETS_OFFLINE does not count: datasets still writes there). High for the model caches and"
                + " Numba's (the first download or compiled function fails), medium for XDG_CACHE_HOME, low for"
                + " MPLCONFIGDIR (Matplotlib falls back to a temporary folder, with a warning, on every start).",
        problem = "A folder that does not exist in the image is created on first use by the program, as the user the"
                + " container runs as; a non-root user cannot create a folder in / or in any other root-owned folder,"
                + " and cannot write into one that root made. A WORKDIR creates a missing folder as root unless a USER"
                + " comes before it.",
        impact = "The image builds and starts, then the first model download (or the first cached compilation) fails"
                + " with PermissionError: [Errno 13] Permission denied, usually on the first request in production.",
        recommendation = "Create the folder for the user before switching to it: RUN mkdir -p DIR && chown"
                + " UID:GID DIR before USER (or in the RUN that creates the user), or point the variable (in the image,"
                + " the compose service or the Kubernetes container) into a folder the user owns, or mount a volume"
                + " there.",
        references = {
                "https://huggingface.co/docs/huggingface_hub/package_reference/environment_variables",
                "https://github.com/sclorg/s2i-base-container/blob/master/core/Dockerfile.rhel9",
                "https://docs.docker.com/reference/dockerfile/#workdir",
                "https://docs.docker.com/build/building/best-practices/#user"},
        aliases = {},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app
                        ENV TRANSFORMERS_CACHE=/transformers-cache
                        USER app
                        CMD ["python", "/app/app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        RUN useradd --system --uid 10001 app
                        ENV TRANSFORMERS_CACHE=/transformers-cache
                        RUN mkdir -p /transformers-cache && chown 10001 /transformers-cache
                        USER app
                        CMD ["python", "/app/app.py"]
                        """))
public final class RuntimeDirectoryNotWritable implements Rule {

    /** The variables naming a folder a program writes at run time, with what writes it and how bad a failure is. */
    private record CacheVariable(String writer, Severity severity, boolean hub) {

        CacheVariable(String writer, Severity severity) {
            this(writer, severity, false);
        }
    }

    private static final Map<String, CacheVariable> VARIABLES = Map.ofEntries(
            Map.entry("HF_HOME", new CacheVariable("the Hugging Face libraries' cache", Severity.HIGH, true)),
            Map.entry("HF_HUB_CACHE", new CacheVariable("the Hugging Face Hub's model cache", Severity.HIGH, true)),
            Map.entry("HUGGINGFACE_HUB_CACHE", new CacheVariable("the Hugging Face Hub's model cache", Severity.HIGH, true)),
            Map.entry("TRANSFORMERS_CACHE", new CacheVariable("transformers' model cache", Severity.HIGH, true)),
            Map.entry("SENTENCE_TRANSFORMERS_HOME", new CacheVariable("sentence-transformers' model cache",
                    Severity.HIGH, true)),
            Map.entry("TORCH_HOME", new CacheVariable("PyTorch's hub and weights cache", Severity.HIGH)),
            Map.entry("NUMBA_CACHE_DIR", new CacheVariable("Numba's compiled-function cache", Severity.HIGH)),
            Map.entry("XDG_CACHE_HOME", new CacheVariable("the cache of the programs that follow XDG (pip, Hugging"
                    + " Face, fontconfig...)", Severity.MEDIUM)),
            Map.entry("MPLCONFIGDIR", new CacheVariable("Matplotlib's configuration and font cache", Severity.LOW)));

    /** Folders every user may create entries in, and home folders (which useradd -m gives to their user). */
    private static final List<String> OPEN = List.of("/tmp", "/var/tmp", "/dev/shm", "/home");

    /** Values that the Hugging Face libraries read as true ({@code _is_true} of huggingface_hub). */
    private static final Set<String> TRUE = Set.of("1", "ON", "YES", "TRUE");

    private static boolean setsCacheVariable(BuiltImage image, List<RunEnvironments.Run> runs) {
        for (Variables.Definition d : image.stage().variables().inOrder()) {
            if (VARIABLES.containsKey(d.name())) {
                return true;
            }
        }
        return runs.stream().anyMatch(r -> r.values().keySet().stream().anyMatch(VARIABLES::containsKey));
    }

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            Instruction userLine = ownUser(image);
            if (userLine == null) {
                continue;
            }
            List<RunEnvironments.Run> runs = RunEnvironments.of(context, image);
            if (!setsCacheVariable(image, runs)) {
                continue; // no cache folder to check: spare the walk over the image's instructions
            }
            String user = image.stage().config().user().value().strip();
            String uid = UserIds.owner(image, user).split(":")[0];
            if (runs.stream().anyMatch(r -> r.runAsUser() != null && !String.valueOf(r.runAsUser()).equals(uid))) {
                continue; // Kubernetes runs it as another uid: the image's owners are not its
            }
            ImageFolderOwners facts = ImageFolderOwners.forUser(image, user);
            if (facts.userRunsPrograms()) {
                continue;
            }
            List<String> mounts = RunEnvironments.mountPoints(image, runs);
            Set<Location> reported = new HashSet<>();
            for (Variables.Definition d : image.stage().variables().inOrder()) {
                CacheVariable variable = VARIABLES.get(d.name());
                if (d.kind() != Variables.Kind.ENV || variable == null || d.value() == null
                        || d.instruction() == null || !usedByImage(image, runs, d.name(), variable)) {
                    continue;
                }
                String path = absolute(d.value());
                if (path != null && !writable(facts, mounts, path)) {
                    Location at = new Location(image.dockerfile(), d.instruction().span());
                    reported.add(at);
                    report(context, image, at, d.name(), variable, path, user, userLine, facts.made(path), null);
                }
            }
            for (RunEnvironments.Run run : runs) {
                for (RunEnvironments.Value value : run.values().values()) {
                    CacheVariable variable = VARIABLES.get(value.name());
                    String path = variable == null || variable.hub() && hubOffline(image, run) ? null
                            : absolute(value.value());
                    if (path != null && !writable(facts, mounts, path) && reported.add(value.where())) {
                        report(context, image, value.where(), value.name(), variable, path, user, userLine,
                                facts.made(path), run);
                    }
                }
            }
        }
    }

    /**
     * Whether a container runs the image with the image's own value of the variable: the lone Dockerfile when nothing
     * else runs it, else a compose service or Kubernetes container that does not set it (and, for the Hugging Face
     * caches, is not offline).
     */
    private static boolean usedByImage(BuiltImage image, List<RunEnvironments.Run> runs, String name,
            CacheVariable variable) {
        if (runs.isEmpty()) {
            return !(variable.hub() && hubOffline(image, null));
        }
        return runs.stream().anyMatch(r -> !r.values().containsKey(name) && !(variable.hub() && hubOffline(image, r)));
    }

    /** The value as a clean absolute path, or null when it is none (a variable, a relative path, /). */
    private static String absolute(String value) {
        if (value == null || !value.strip().matches("/[\\w./-]*")) {
            return null;
        }
        String path = ContainerPaths.clean(value.strip());
        return path.equals("/") ? null : path;
    }

    /** Whether the runtime user may write or create the folder. */
    private static boolean writable(ImageFolderOwners facts, List<String> mounts, String path) {
        if (PathNames.isUnderAny(path, OPEN) || PathNames.isUnderAny(path, mounts) || facts.ownedByUser(path)) {
            return true;
        }
        ImageFolderOwners.Made made = facts.made(path);
        // implicit-permissions reports a root mkdir that gives the folder to the user
        return made != null && made.kind() == InstructionKind.RUN && ImplicitPermissions.writable(path);
    }

    private void report(ReviewContext context, BuiltImage image, Location at, String name, CacheVariable variable,
            String path, String user, Instruction userLine, ImageFolderOwners.Made made, RunEnvironments.Run run) {
        String parent = parentOf(path);
        String state = made == null
                ? "which no instruction of the image creates, and " + user + " cannot create it in " + parent
                        + " (owned by root)"
                : "which " + made.what() + " on line " + made.line() + " creates owned by root with mode 755, so "
                        + user + " cannot write into it";
        String consequence = variable.severity() == Severity.LOW
                ? "Matplotlib falls back to a new temporary folder, with a warning, every time it starts"
                : name.equals("NUMBA_CACHE_DIR")
                        ? "caching the first compiled function there fails at run time"
                        : variable.severity() == Severity.HIGH
                        ? "the first download or write into it fails with Permission denied at run time"
                        : "programs that cache there fail or warn with Permission denied at run time";
        String message = name + "=" + path + (run == null ? "" : " (set by " + run.describe() + ")") + " makes "
                + path + " " + variable.writer() + ", " + state + " (the container runs as " + user + ", USER on line "
                + userLine.span().startLine() + " of " + image.dockerfile() + "): " + consequence;
        String owner = UserIds.owner(image, user);
        context.finding(this, at, message)
                .severity(variable.severity())
                .recommendation("Create the folder for " + user + " before USER " + user + ": RUN mkdir -p " + path
                        + " && chown " + owner + " " + path + " (or in the RUN that creates the user), or mount a"
                        + " volume on " + path + " (a named volume takes on the folder's owner from the image)"
                        + (run == null ? "." : ", or point " + name + " at a folder " + user + " owns."))
                .fix(run == null ? fix(image, path, owner, userLine, made) : null)
                .add();
    }

    /** A RUN making the folder for the user, just before the stage's USER, when the stage can run one as root. */
    private static Fix fix(BuiltImage image, String path, String owner, Instruction userLine, ImageFolderOwners.Made made) {
        if (made != null && made.kind() == InstructionKind.COPY) {
            return null;
        }
        ImageContents contents = ImageContents.of(image.container());
        if (contents == null || !contents.has("sh").orElse(false) || !rootBefore(image.stage(), userLine)) {
            return null;
        }
        String run = "RUN mkdir -p " + path + " && chown " + UserIds.shellWord(owner) + " " + path + "\n";
        int at = userLine.file().lineStart(InstructionLines.firstLineWithComments(userLine));
        return Fix.of("create " + path + " for " + owner + " before USER", FixSafety.SAFE,
                TextEdit.insert(image.dockerfile(), at, run));
    }

    /** Whether the stage runs as root up to its USER line (no earlier USER of another user in that stage). */
    private static boolean rootBefore(Stage stage, Instruction userLine) {
        for (Step step : stage.steps()) {
            if (step.instruction() == userLine) {
                return step.user() == null || step.user().value() == null || UserIds.isRoot(step.user().value());
            }
        }
        return false;
    }

    /** The final stage's own USER naming a non-root user literally, or null. */
    private static Instruction ownUser(BuiltImage image) {
        var user = image.stage().config().user();
        if (user == null || user.value() == null || user.instruction() == null || user.value().isBlank()
                || user.value().contains("$") || UserIds.isRoot(user.value())
                || image.stage().steps().stream().noneMatch(s -> s.instruction() == user.instruction())) {
            return null;
        }
        for (Container c : image.containers()) {
            if (c.user() == null || UserIds.isRoot(c.user().value()) || c.user().origin() == null
                    || !c.user().origin().file().equals(image.dockerfile())) {
                return null; // compose or another file decides who the container runs as
            }
        }
        return user.instruction();
    }

    /**
     * Whether the container runs the Hugging Face libraries offline (huggingface_hub reads HF_HUB_OFFLINE, or
     * TRANSFORMERS_OFFLINE when the former is unset or empty): they then only read files already in their cache and
     * never write there, so a read-only cache filled at build time is what the image means. HF_DATASETS_OFFLINE is
     * left out: the datasets library still writes its processed files into its cache offline.
     */
    private static boolean hubOffline(BuiltImage image, RunEnvironments.Run run) {
        String hub = run == null ? RunEnvironments.imageValue(image, "HF_HUB_OFFLINE")
                : run.effective(image, "HF_HUB_OFFLINE");
        if (hub == null || hub.isBlank()) {
            hub = run == null ? RunEnvironments.imageValue(image, "TRANSFORMERS_OFFLINE")
                    : run.effective(image, "TRANSFORMERS_OFFLINE");
        }
        return hub != null && TRUE.contains(hub.strip().toUpperCase(java.util.Locale.ROOT));
    }


    private static String parentOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }
}
