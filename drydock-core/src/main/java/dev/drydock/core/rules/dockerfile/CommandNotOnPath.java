package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.SearchPath;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.model.Variables;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.Instruction;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.image.ImageReference;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BaseImageEnvironment;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.ComposeEnvironment;
import dev.drydock.core.rules.support.ContainerStart;
import dev.drydock.core.rules.support.ImageContents;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.ShortText;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

@RuleDefinition(
        id = "command-not-on-path",
        title = "The container's command names a script by a bare name, but the script is not in a folder of PATH",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The program an image's own ENTRYPOINT (or CMD, when there is no ENTRYPOINT or one that is only an"
                + " init process, tini or dumb-init with their options) starts, in exec form or"
                + " as the first command of a shell form, when it is a bare name (start.sh, entrypoint.sh: no slash) and"
                + " a COPY or ADD of the image's stages puts a build-context file of that name only into folders that"
                + " are not on the PATH (the image's ENV PATH, else /usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:"
                + "/sbin:/bin), such as / or the WORKDIR. Quiet when the base image is not a Docker Official Image"
                + " (or scratch), so its folders and PATH are not known; when the PATH holds a variable or a relative"
                + " folder, or a compose service sets PATH; when a copy puts any file under that name into a folder of"
                + " PATH, or a copy from a stage, an image, a URL or a here-document writes into such a folder; when a"
                + " RUN names the script or a folder of PATH (ln -s, install, cp, mv); when the image is known to"
                + " have the program; and for names official images ship (docker-entrypoint.sh, docker-php-entrypoint,"
                + " apache2-foreground, names that start with the image's name).",
        problem = "A program name without a slash is looked up in the folders of PATH only: the exec form's runtime"
                + " does so, and so does /bin/sh -c for the shell form. Neither looks in the WORKDIR or in /, so a"
                + " script copied there is not found by its bare name.",
        impact = "Every container of the image fails to start: exec form with 'exec: \"start.sh\": executable file"
                + " not found in $PATH', shell form with '/bin/sh: 1: start.sh: not found' (exit code 127).",
        recommendation = "Name the script by its absolute path in the command (ENTRYPOINT [\"/app/start.sh\"]), or"
                + " copy it into a folder of PATH (COPY start.sh /usr/local/bin/).",
        references = {"https://docs.docker.com/reference/dockerfile/#entrypoint",
                "https://docs.docker.com/reference/dockerfile/#cmd",
                "https://pubs.opengroup.org/onlinepubs/9799919799/utilities/V3_chap02.html#tag_19_09_01_04"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.8-slim
                        WORKDIR /app
                        COPY . .
                        ENTRYPOINT ["start.sh"]
                        """,
                good = """
                        FROM python:3.12.8-slim
                        WORKDIR /app
                        COPY . .
                        ENTRYPOINT ["/app/start.sh"]
                        """,
                alongside = @ExampleFile(name = "start.sh", content = "#!/bin/sh\nexec python app.py\n")))
public final class CommandNotOnPath implements Rule {

    private static final Set<String> BASE_IMAGE_SCRIPTS = Set.of("apache2-foreground", "httpd-foreground",
            "catalina.sh");

    /** Programs a RUN puts files into a folder with. */
    private static final String[] PLACING = {"ln", "cp", "mv", "install", "rsync", "tar", "unzip", "curl", "wget",
        "tee", "chmod", "pip", "pip3", "npm", "go", "cargo", "gem", "make"};
    private static final Set<String> SCRIPT_EXTENSIONS = Set.of("sh", "bash", "py", "rb", "pl", "js");

    /** Where a copy puts a context file of the program's name. */
    private record Landing(String path, ContextCopy copy, String projectPath) {}

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            ContainerStart start = ContainerStart.of(image).orElse(null);
            if (start == null || !bareName(start.program())) {
                continue;
            }
            String name = start.program();
            List<String> folders = pathFolders(image, start);
            if (folders == null || !ComposeEnvironment.of(image, "PATH").isEmpty() || shippedByBase(image, name)) {
                continue;
            }
            BuildLink build = image.container().build();
            int at = start.spec().instruction().span().start();
            List<ContextCopy> copies = copiesBefore(image, build, at);
            if (onPath(context, build, copies, folders, name) || writtenIntoPath(image, folders, at)
                    || runMentions(image, folders, name, at)) {
                continue;
            }
            List<Landing> landings = landings(context, build, copies, name);
            if (!landings.isEmpty()) {
                report(context, image, start, folders, landings);
            }
        }
    }

    private void report(ReviewContext context, BuiltImage image, ContainerStart start, List<String> folders,
            List<Landing> landings) {
        String name = start.program();
        Instruction instruction = start.spec().instruction();
        Landing last = landings.get(landings.size() - 1);
        List<String> puts = landings.stream().map(l -> l.copy().text() + " (line " + l.copy().line() + ") puts it at "
                + l.path()).toList();
        boolean inWorkdir = landings.stream().anyMatch(l -> PathNames.parent(l.path()).equals(start.directory()));
        String lookup = start.init() != null
                ? "the ENTRYPOINT's " + start.init() + " runs it and looks a name without a slash up in the folders of"
                        + " PATH only"
                : start.execForm()
                ? "the container's runtime looks a name without a slash up in the folders of PATH only"
                : String.join(" ", start.spec().shell()) + " looks a name without a slash up in the folders of PATH only";
        String failure = start.init() != null && start.execForm()
                ? "the container exits at once (" + start.init() + " cannot exec " + name + ": 'No such file or"
                        + " directory')"
                : start.execForm()
                ? "the container fails to start ('exec: \"" + name + "\": executable file not found in $PATH')"
                : "the container exits at once ('/bin/sh: 1: " + name + ": not found', exit code 127)";
        String message = keyword(instruction) + " on line " + instruction.startLine() + " starts " + name
                + " by its bare name, and " + lookup + " (" + String.join(":", folders) + ")"
                + (inWorkdir ? ", never in the WORKDIR " + start.directory() : "") + ": " + String.join(" and ", puts)
                + (puts.size() == 1 ? ", which is not on PATH" : ", none of them on PATH") + ", so " + failure;
        String recommendation = "Name it by its path: " + rewritten(start, last.path()) + "; or copy it into a folder"
                + " of PATH (COPY " + BuildContexts.inContext(image.container().build(), last.projectPath())
                + " /usr/local/bin/).";
        boolean oneFile = landings.stream().map(Landing::projectPath).distinct().count() == 1;
        context.finding(this, image.dockerfile(), span(start, name), message)
                .recommendation(recommendation)
                .fix(oneFile ? fix(image, start, name, last.path()) : null)
                .add();
    }

    private static String keyword(Instruction instruction) {
        return instruction.keyword().value().toUpperCase(Locale.ROOT);
    }

    /** The instruction with the program named by its path. */
    private static String rewritten(ContainerStart start, String path) {
        List<String> arguments = new ArrayList<>(start.spec().arguments());
        Instruction instruction = start.spec().instruction();
        if (start.execForm() && !arguments.isEmpty()) {
            arguments.set(0, path);
            return keyword(instruction) + " " + Probes.json(arguments);
        }
        return keyword(instruction) + " " + ShortText.of(String.join(" ", arguments)
                .replaceFirst("(?<![\\w./-])" + java.util.regex.Pattern.quote(start.program()) + "(?![\\w./-])",
                        java.util.regex.Matcher.quoteReplacement(path)), 80);
    }

    /** The exec form's program word, else the whole instruction. */
    private static Span span(ContainerStart start, String name) {
        Word word = programWord(start, name);
        return word != null ? word.span() : start.spec().instruction().span();
    }

    private static Word programWord(ContainerStart start, String name) {
        if (start.spec().instruction().arguments() instanceof ExecForm exec && !exec.elements().isEmpty()
                && exec.elements().get(0).value().equals(name)) {
            return exec.elements().get(0);
        }
        return null;
    }

    /** The bare name replaced by the one path the Dockerfile copies the script to. */
    private static Fix fix(BuiltImage image, ContainerStart start, String name, String path) {
        Word word = programWord(start, name);
        if (word == null || !start.spec().instruction().file().path().equals(image.dockerfile())) {
            return null;
        }
        return Fix.of("Run " + name + " by its path " + path, FixSafety.SAFE,
                TextEdit.replace(image.dockerfile(), word.span(), "\"" + path + "\""));
    }

    private static boolean bareName(String program) {
        return !program.isEmpty() && !program.contains("/") && !program.contains("$") && !program.contains("*")
                && !program.contains("?") && !program.contains("=") && !program.startsWith("~")
                && !program.startsWith("-");
    }

    /**
     * The folders of the PATH the command is looked up in, when they can be told: the base image is an official
     * image or scratch (whose PATH is the default one, official images add only folders named bin), and the ENV
     * PATH in effect holds only absolute folders and the PATH it extends; null otherwise.
     */
    private static List<String> pathFolders(BuiltImage image, ContainerStart start) {
        BaseImage base = image.rootBase();
        if (BaseImageEnvironment.of(base) == BaseImageEnvironment.Knowledge.UNKNOWN) {
            return null;
        }
        Variables.Definition definition = image.model().step(start.spec().instruction())
                .map(s -> s.variables().definition("PATH")).orElse(null);
        if (definition == null || definition.value() == null) {
            return SearchPath.DEFAULT;
        }
        // the base image's PATH is not known to the model: $PATH expands to nothing, leaving an empty entry
        String written = definition.instruction() == null ? "" : definition.instruction().logicalText().text();
        boolean extendsBase = written.contains("$PATH") || written.contains("${PATH}");
        Set<String> folders = new LinkedHashSet<>();
        for (String folder : definition.value().split(":", -1)) {
            if (folder.isEmpty() && extendsBase) {
                folders.addAll(SearchPath.DEFAULT);
            } else if (folder.isEmpty() || !folder.startsWith("/") || folder.contains("$")) {
                return null;
            } else {
                folders.add(ContainerPaths.clean(folder));
            }
        }
        return List.copyOf(folders);
    }

    /** A folder the PATH holds, or one an official image may add to it ({@code /usr/local/go/bin}). */
    private static boolean pathFolder(List<String> folders, String folder) {
        return folders.contains(folder) || folder.endsWith("/bin") || folder.endsWith("/sbin");
    }

    /** Names the image is known to have, or that official images ship in their PATH. */
    private static boolean shippedByBase(BuiltImage image, String name) {
        if (name.startsWith("docker-") || BASE_IMAGE_SCRIPTS.contains(name)) {
            return true;
        }
        if (image.rootBase() instanceof BaseImage.External external && external.reference() != null) {
            ImageReference ref = external.reference();
            if (ref.imageName() != null && name.startsWith(ref.imageName().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        for (Container c : image.containers()) {
            ImageContents contents = ImageContents.of(c);
            if (contents != null && contents.has(name).orElse(false)) {
                return true;
            }
        }
        return false;
    }

    /** The context copies of the image's stages before the command. */
    private static List<ContextCopy> copiesBefore(BuiltImage image, BuildLink build, int at) {
        List<Stage> lineage = Stages.lineage(image.model(), image.stage());
        return BuildContexts.copies(build).stream().filter(c -> lineage.contains(c.stage())
                && c.copy().instruction().span().start() < at).toList();
    }

    /** Whether a context copy puts a file under that name into a folder of PATH. */
    private static boolean onPath(ReviewContext context, BuildLink build, List<ContextCopy> copies,
            List<String> folders, String name) {
        for (ContextCopy copy : copies) {
            for (String folder : folders) {
                if (BuildContexts.source(context.project(), build, copy, PathNames.join(folder, name)).isPresent()) {
                    return true;
                }
            }
            String dest = copy.copy().containerPath() == null ? null : ContainerPaths.clean(copy.copy().containerPath());
            if (dest != null && (pathFolder(folders, dest) || pathFolder(folders, PathNames.parent(dest)))
                    && PathNames.fileName(dest).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a copy drydock cannot see into (from a stage, an image, a URL or a here-document) writes into a folder
     * of PATH or a folder above one.
     */
    private static boolean writtenIntoPath(BuiltImage image, List<String> folders, int at) {
        for (Stage stage : Stages.lineage(image.model(), image.stage())) {
            for (CopyCommand copy : stage.copies()) {
                boolean opaque = !copy.fromContext() || !copy.heredocs().isEmpty()
                        || copy.sources().stream().anyMatch(s -> s.contains("://") || s.startsWith("git@"));
                String dest = copy.containerPath() == null ? null : ContainerPaths.clean(copy.containerPath());
                if (!opaque || copy.instruction().span().start() > at) {
                    continue;
                }
                if (dest == null || pathFolder(folders, dest) || pathFolder(folders, PathNames.parent(dest))
                        || folders.stream().anyMatch(f -> PathNames.isUnder(f, dest))) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether a RUN of the image before the command names the script, or puts files into a folder of PATH (ln -s,
     * install, cp, mv, a download or an unpacked archive there).
     */
    private static boolean runMentions(BuiltImage image, List<String> folders, String name, int at) {
        for (RunStep run : image.imageRuns()) {
            if (run.instruction().span().start() > at) {
                continue;
            }
            if (run.text().contains(name)) {
                return true;
            }
            for (Call call : run.calls(PLACING)) {
                if (call.args().stream().anyMatch(a -> !a.literal() || a.value().contains("/bin")
                        || a.value().startsWith("/") && folders.stream().anyMatch(f -> PathNames.isUnder(ContainerPaths.clean(a.value()), f)))) {
                    return true;
                }
            }
        }
        return false;
    }

    /** A script file: a script's extension or a #! line (a bare name may also be a program a RUN builds or installs). */
    private static boolean script(ReviewContext context, String projectPath) {
        String fileName = PathNames.fileName(projectPath);
        int dot = fileName.lastIndexOf('.');
        if (dot > 0 && SCRIPT_EXTENSIONS.contains(fileName.substring(dot + 1))) {
            return true;
        }
        return context.project().source(projectPath).map(f -> f.text().startsWith("#!")).orElse(false);
    }

    /** Where the copies put build-context files of the program's name (the .dockerignore letting them in). */
    private static List<Landing> landings(ReviewContext context, BuildLink build, List<ContextCopy> copies,
            String name) {
        Map<String, Landing> out = new LinkedHashMap<>();
        List<String> files = new ArrayList<>();
        for (ProjectEntry entry : context.project().layout().entries()) {
            String inContext = BuildContexts.inContext(build, entry.path());
            if (inContext != null && PathNames.fileName(entry.path()).equals(name) && build.ignore().includes(inContext)
                    && script(context, entry.path())) {
                files.add(inContext);
            }
        }
        for (ContextCopy copy : copies) {
            for (String file : files) {
                for (String landed : BuildContexts.landing(context.project(), build, copy, file)) {
                    String path = ContainerPaths.clean(landed);
                    if (PathNames.fileName(path).equals(name)) {
                        out.putIfAbsent(path, new Landing(path, copy, BuildContexts.inProject(build, file)));
                    }
                }
            }
        }
        return List.copyOf(out.values());
    }
}
