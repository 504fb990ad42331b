package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.syntax.Word;
import dev.drydock.core.dockerfile.syntax.WordList;
import dev.drydock.core.ignore.DockerIgnore;
import dev.drydock.core.ignore.DockerIgnorePattern;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildCheckDirective;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "copy-ignored-file",
        title = "COPY or ADD names a file the .dockerignore leaves out",
        severity = Severity.HIGH,
        category = Category.BUILD,
        checks = "The context sources of every COPY and ADD in the stages each build runs, against the ignore file in"
                + " effect for that build (.dockerignore of the context, or <Dockerfile>.dockerignore), as BuildKit's"
                + " CopyIgnoredFile check does: fires when a source path (no wildcard) is excluded from the context"
                + " and no later ! exception can bring anything under it back. Unlike BuildKit, which skips ignore"
                + " files with exceptions altogether, exceptions are matched exactly. A source of . or / is reported"
                + " only when the ignore file excludes every top-level entry (*, ** or **/*). URLs, heredocs and"
                + " COPY --from are not concerned. A GoReleaser image is built from a temporary folder holding the"
                + " Dockerfile, the binaries and the extra_files: no ignore file of the project applies to it unless"
                + " .dockerignore is among its extra_files.",
        problem = "Files that match the ignore file are not sent to the builder: a COPY that names one finds nothing"
                + " to copy.",
        impact = "The build fails with a \"not found\" error (failed to compute cache key ... not found) on every"
                + " builder that uses this ignore file: the image cannot be built from a clean checkout.",
        recommendation = "Remove the path from the ignore file (or add a ! exception for it), or stop copying it.",
        references = {
                "https://docs.docker.com/reference/build-checks/copy-ignored-file/",
                "https://docs.docker.com/build/concepts/context/#dockerignore-files"},
        aliases = {"CopyIgnoredFile"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /srv
                        COPY app.py settings.local.py ./
                        CMD ["python3", "app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /srv
                        COPY app.py ./
                        CMD ["python3", "app.py"]
                        """,
                alongside = {
                    @ExampleFile(name = ".dockerignore", content = """
                            .git
                            settings.local.py
                            """),
                    @ExampleFile(name = "app.py", content = """
                            print("notes")
                            """),
                    @ExampleFile(name = "settings.local.py", content = """
                            DEBUG = True
                            """)}))
public final class CopyIgnoredFile implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container container : context.builtContainers()) {
            BuildLink build = container.build();
            if (build == null || build.ignore() == null || build.ignore().patterns().isEmpty() || build.model() == null
                    || BuildCheckDirective.skips(build.model().syntax(), "CopyIgnoredFile")) {
                continue;
            }
            for (ContextCopy copy : BuildContexts.copies(build)) {
                check(context, build, copy, reported);
            }
        }
    }

    private void check(ReviewContext context, BuildLink build, ContextCopy contextCopy, Set<String> reported) {
        CopyCommand copy = contextCopy.copy();
        if (!(copy.instruction().arguments() instanceof WordList list) || list.words().size() < 2) {
            return;
        }
        DockerIgnore ignore = build.ignore();
        for (String source : contextCopy.sources()) {
            int index = copy.sources().indexOf(source);
            if (index < 0 || index >= list.words().size() - 1 || hasWildcard(source)) {
                continue;
            }
            String path = PathNames.normalizeRelative(source.replaceFirst("^/+", ""));
            if (path == null) {
                continue;
            }
            DockerIgnorePattern pattern = path.isEmpty() ? rootExcluder(ignore) : excluder(ignore, path);
            if (pattern == null) {
                continue;
            }
            Word word = list.words().get(index);
            String key = build.dockerfile() + "@" + word.span().start() + "@" + build.dockerignore();
            if (!reported.add(key)) {
                continue;
            }
            String keyword = copy.isAdd() ? "ADD" : "COPY";
            context.finding(this, build.dockerfile(), word.span(), keyword + " of \"" + source + "\", which "
                            + build.dockerignore() + " excludes from the build context (line " + pattern.line() + ": "
                            + pattern.text() + "): the build finds nothing there")
                    .recommendation("Let " + source + " into the context (remove or narrow the pattern " + pattern.text()
                            + ", or add !" + (path.isEmpty() ? "<path>" : path) + " after it), or stop copying it.")
                    .add();
        }
    }

    private static DockerIgnorePattern excluder(DockerIgnore ignore, String path) {
        if (!ignore.matches(path) || !ignore.excludesEntireDirectory(path)) {
            return null;
        }
        return ignore.matchingPattern(path).orElse(null);
    }

    /** The pattern that leaves out every top-level entry of the context, as BuildKit checks for a source of "." */
    private static DockerIgnorePattern rootExcluder(DockerIgnore ignore) {
        List<DockerIgnorePattern> patterns = ignore.patterns();
        for (DockerIgnorePattern p : patterns) {
            if (p.exception()) {
                return null;
            }
        }
        return patterns.stream().filter(p -> Set.of("*", "**", "**/*").contains(p.pattern())).findFirst().orElse(null);
    }

    /** Whether a COPY source is a pattern BuildKit matches against the context rather than one path. */
    static boolean hasWildcard(String s) {
        return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0 || s.indexOf('\\') >= 0;
    }
}
