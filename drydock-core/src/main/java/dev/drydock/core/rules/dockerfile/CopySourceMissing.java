package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.dockerfile.syntax.WordList;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.GeneratedFiles;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

@RuleDefinition(
        id = "copy-source-missing",
        title = "COPY or ADD names a file the build context does not have",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "The context sources of every COPY and ADD in the stages each build runs (no wildcard, no URL,"
                + " heredoc or COPY --from), against the files of the build context: fires when the path does not"
                + " exist there. A path the build is expected to find made by another step is left alone: one git"
                + " ignores (a build output, a secret put in place by CI), one under a build-output folder (target,"
                + " build, dist, out, bin, obj, publish...), a packaged artifact (.jar, .war, .whl, .tar.gz...),"
                + " one the CI configuration, a Makefile, justfile, Taskfile or a shell script of the project names,"
                + " and one the tool running the build puts into the context itself: GoReleaser builds from a"
                + " temporary folder holding the binaries of its builds (at its root for dockers, under"
                + " linux/amd64/... for dockers_v2) and the extra_files of the entry."
                + " A path the .dockerignore excludes is copy-ignored-file's. Where the context holds the file under"
                + " another case, or the project holds a file of that name elsewhere, the message says so.",
        problem = "BuildKit copies only what the context holds: a source that is not there stops the build with"
                + " `failed to compute cache key: \"/<path>\": not found` (the legacy builder: `COPY failed: file not"
                + " found in build context`).",
        impact = "The image cannot be built from this checkout. A name that differs only in case builds on macOS"
                + " and Windows, whose disks ignore case, and fails on Linux CI runners.",
        recommendation = "Copy the file under its real path in the context (or build from the folder that holds it),"
                + " add it to the repository, or drop the copy; a file that an earlier step makes belongs in the"
                + " .gitignore or in a build stage of the Dockerfile.",
        references = {
                "https://docs.docker.com/reference/dockerfile/#copy",
                "https://docs.docker.com/build/concepts/context/"},
        aliases = {},
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /srv
                        COPY Requirements.txt .
                        RUN pip install --no-cache-dir -r Requirements.txt
                        COPY app.py .
                        CMD ["python3", "app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /srv
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY app.py .
                        CMD ["python3", "app.py"]
                        """,
                alongside = {
                    @ExampleFile(name = "requirements.txt", content = """
                            requests==2.32.3
                            """),
                    @ExampleFile(name = "app.py", content = """
                            print("notes")
                            """)}))
public final class CopySourceMissing implements Rule {

    @Override
    public void check(ReviewContext context) {
        Project project = context.project();
        Set<String> reported = new HashSet<>();
        GeneratedFiles generated = GeneratedFiles.of(project);
        for (Container container : context.builtContainers()) {
            BuildLink build = container.build();
            if (build == null || build.model() == null || build.context() == null) {
                continue;
            }
            List<ContextCopy> copies = BuildContexts.copies(build);
            if (!holdsTheProject(project, build, copies)) {
                continue;
            }
            for (ContextCopy copy : copies) {
                check(context, build, copy, generated, reported);
            }
        }
    }

    private void check(ReviewContext context, BuildLink build, ContextCopy contextCopy, GeneratedFiles generated,
            Set<String> reported) {
        CopyCommand copy = contextCopy.copy();
        if (!(copy.instruction().arguments() instanceof WordList list) || list.words().size() < 2) {
            return;
        }
        Project project = context.project();
        for (String source : contextCopy.sources()) {
            int index = copy.sources().indexOf(source);
            if (index < 0 || index >= list.words().size() - 1 || CopyIgnoredFile.hasWildcard(source) || source.contains("$")) {
                continue;
            }
            String path = PathNames.normalizeRelative(source.replaceFirst("^/+", ""));
            if (path == null || path.isEmpty()) {
                continue;
            }
            String inProject = BuildContexts.inProject(build, path);
            if (project.files().exists(inProject) || build.ignore() != null && !build.ignore().includes(path)
                    || generated.expected(inProject) || build.supplies(path)) {
                continue;
            }
            Word word = list.words().get(index);
            if (!reported.add(build.dockerfile() + "@" + word.span().start() + "@" + build.context())) {
                continue;
            }
            String keyword = copy.isAdd() ? "ADD" : "COPY";
            String contextName = BuildContexts.contextName(build);
            context.finding(this, build.dockerfile(), word.span(), keyword + " of \"" + source + "\", which the build"
                            + " context (" + contextName + ") does not hold: the build stops with \"/" + path
                            + "\": not found" + hint(project, build, path))
                    .recommendation(recommendation(project, build, source, path, keyword))
                    .add();
        }
    }

    /**
     * Whether the context is the project the Dockerfile was written for, not a folder holding the Dockerfile alone
     * (a loose Dockerfile, an excerpt): some file another of its copies names is there, or a manifest or source file.
     */
    private static boolean holdsTheProject(Project project, BuildLink build, List<ContextCopy> copies) {
        for (ContextCopy copy : copies) {
            for (String source : copy.sources()) {
                String path = PathNames.normalizeRelative(source.replaceFirst("^/+", ""));
                if (path != null && !path.isEmpty() && !CopyIgnoredFile.hasWildcard(source)
                        && project.files().exists(BuildContexts.inProject(build, path))) {
                    return true;
                }
            }
        }
        return project.layout().entries().stream()
                .filter(e -> e.type().kind() == FileKind.MANIFEST || e.type().kind() == FileKind.SOURCE)
                .anyMatch(e -> PathNames.isUnder(e.path(), build.context()));
    }

    /** What the project holds under another case or elsewhere, as the end of the message. */
    private static String hint(Project project, BuildLink build, String path) {
        ProjectEntry other = otherCase(project, build, path);
        if (other != null) {
            return "; the context has " + BuildContexts.inContext(build, other.path()) + ", a name that differs only in"
                    + " case: it builds where the disk ignores case (macOS, Windows) and fails on Linux";
        }
        List<String> elsewhere = elsewhere(project, path);
        return elsewhere.isEmpty() ? "" : "; the project has " + PathNames.fileName(path) + " at "
                + String.join(", ", elsewhere);
    }

    private static String recommendation(Project project, BuildLink build, String source, String path, String keyword) {
        ProjectEntry other = otherCase(project, build, path);
        if (other != null) {
            return "Write the name as the file has it: " + keyword + " " + BuildContexts.inContext(build, other.path())
                    + " (and the same in the commands that read it).";
        }
        List<String> elsewhere = elsewhere(project, path);
        if (elsewhere.size() == 1) {
            String found = elsewhere.get(0);
            String inContext = BuildContexts.inContext(build, found);
            return inContext != null
                    ? "Copy it from where it is: " + keyword + " " + inContext + " instead of " + source + "."
                    : "Copy it from where it is: " + found + " lies outside the build context ("
                            + BuildContexts.contextName(build) + "), so build from a folder that holds both, or move"
                            + " the file into the context.";
        }
        return "Add " + source + " to the repository, copy the file under its real path in the context ("
                + BuildContexts.contextName(build) + "), or drop the copy; if an earlier step makes it, list it in"
                + " .gitignore or make it in a build stage of the Dockerfile.";
    }

    /** A file of the context whose path differs from {@code path} only in case. */
    private static ProjectEntry otherCase(Project project, BuildLink build, String path) {
        String wanted = BuildContexts.inProject(build, path).toLowerCase(Locale.ROOT);
        return project.layout().entries().stream().filter(e -> e.path().toLowerCase(Locale.ROOT).equals(wanted))
                .findFirst().orElse(null);
    }

    /** The project's files of the same name elsewhere (files drydock classifies: manifests, lock files...). */
    private static List<String> elsewhere(Project project, String path) {
        String name = PathNames.fileName(path);
        return project.layout().entries().stream().map(ProjectEntry::path)
                .filter(p -> PathNames.fileName(p).equals(name)).limit(3).toList();
    }
}
