package dev.drydock.core.rules.context;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.ignore.DockerIgnore;
import dev.drydock.core.ignore.DockerIgnorePattern;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildContexts;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.ContextInventory;
import dev.drydock.core.rules.support.ContextInventory.Item;
import dev.drydock.core.rules.support.IgnoreEdits;
import dev.drydock.core.rules.support.SensitivePaths.Kind;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "dockerignore-incomplete",
        title = "The .dockerignore lets secrets, data or clutter into the image",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "For every build with an ignore file (.dockerignore of the context, or <Dockerfile>.dockerignore)"
                + " and a COPY/ADD that takes whole folders of the context: what the context holds, or holds on"
                + " developers' machines (env files, compose env_file entries, .gitignore patterns, keys, databases,"
                + " logs, uploads, .git, virtualenvs, node_modules, __pycache__ at any depth, and what a stack's tools"
                + " write beside its manifest: vendor/ beside composer.json, target/ beside Cargo.toml, bin/ and obj/"
                + " beside a .NET project, deps/ and _build/ beside mix.exs), matched with Docker's own rules against"
                + " the ignore file. An env file that an exception line (!.env.production) re-includes on purpose and"
                + " that only builder stages copy (their output alone reaches the image) is medium, and low when"
                + " every variable it sets is one a front-end bundler writes into the browser's code by design"
                + " (VITE_, REACT_APP_, NEXT_PUBLIC_): the advice is then to keep only public values in it, not to"
                + " drop the line the build needs. An item brought back by an exception for its whole folder (!/src"
                + " re-including src/__pycache__) is kept out by a pattern after that line, which stays. As for a new"
                + " ignore file (see dockerignore-missing), .env is not added while the application's code stops"
                + " without it, and the fix deletes a COPY --from that takes an added env file out of a builder by"
                + " its name. A file that a COPY names (COPY .env.docker .env) is left out even when a COPY of a"
                + " whole folder takes it too: ignoring it would break that COPY.",
        problem = "Docker's ignore patterns are anchored at the context root and know nothing of .gitignore:"
                + " `__pycache__` only leaves out the top-level folder, and whatever git ignores (.env, databases,"
                + " logs, uploads) is still sent to the builder and copied by `COPY . .`.",
        impact = "Secrets and user data end up in image layers that everyone who can pull the image can read;"
                + " logs, caches and local dependencies bloat the image, break layer caching and can overwrite the"
                + " dependencies installed for the image's platform.",
        recommendation = "Add the missing paths to the ignore file in effect (with `**/` for names that can occur at"
                + " any depth), or copy only what the application needs instead of the whole context.",
        references = {
                "https://docs.docker.com/build/concepts/context/#dockerignore-files",
                "https://docs.docker.com/build/building/best-practices/#exclude-with-dockerignore",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        fix = FixSafety.UNSAFE,
        effort = "10 min",
        examples = @RuleExample(
                file = ".dockerignore",
                bad = """
                        .git
                        __pycache__
                        """,
                good = """
                        .git
                        **/__pycache__
                        **/.env
                        **/*.sqlite3
                        """,
                alongside = {
                        @ExampleFile(name = ".gitignore", content = """
                        .env
                        *.sqlite3
                        __pycache__/
                        """),
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        CMD ["python", "app.py"]
                        """),
                        @ExampleFile(name = "requirements.txt", content = """
                        flask==3.0.3
                        """),
                        @ExampleFile(name = "app.py", content = """
                        print("hello")
                        """)}))
public final class DockerignoreIncomplete implements Rule {

    @Override
    public void check(ReviewContext context) {
        Map<String, List<BuildLink>> groups = new LinkedHashMap<>();
        for (var container : context.builtContainers()) {
            BuildLink build = container.build();
            if (build.dockerignore() != null && build.ignore().file() != null) {
                groups.computeIfAbsent(build.dockerignore() + "\n" + build.context(), k -> new ArrayList<>()).add(build);
            }
        }
        for (List<BuildLink> builds : groups.values()) {
            check(context, builds);
        }
    }

    private void check(ReviewContext context, List<BuildLink> builds) {
        BuildLink build = builds.get(0);
        List<ContextCopy> copies = new ArrayList<>();
        for (BuildLink b : builds) {
            copies.addAll(BuildContexts.copies(b));
        }
        List<Item> items = ContextInventory.of(context, build);
        Map<Item, List<ContextCopy>> copied = ContextInventory.copiedIn(context.project(), build, items, copies, false);
        Map<String, Missing> missing = new LinkedHashMap<>();
        Set<String> copyTexts = new LinkedHashSet<>();
        Severity severity = Severity.INFO;
        for (var entry : copied.entrySet()) {
            Item item = entry.getKey();
            if (entry.getValue().stream().anyMatch(c -> BuildContexts.namesExplicitly(c, item.path()))) {
                continue; // copied by name on purpose: ignoring it would break that COPY
            }
            List<ContextCopy> along = entry.getValue();
            along.forEach(c -> copyTexts.add("`" + c.text() + "` (" + c.copy().instruction().file().path() + ":"
                    + c.line() + ")"));
            DockerIgnorePattern exception = reincluding(build.ignore(), item);
            String builderOnly = exception != null && item.isEnvFile() && along.stream().noneMatch(ContextCopy::inImage)
                    ? builderOnlyNote(context, build, item, along) : null;
            missing.putIfAbsent(item.pattern(), new Missing(item, note(build.ignore(), item)
                    + (builderOnly == null ? "" : builderOnly), exception, builderOnly != null));
            Severity itemSeverity = builderOnly == null ? item.kind().severity()
                    : publicBuildVariables(context, build, item) ? Severity.LOW : Severity.MEDIUM;
            if (itemSeverity.atLeast(severity)) {
                severity = itemSeverity;
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String ignorePath = build.dockerignore();
        List<String> described = new ArrayList<>();
        for (Missing m : missing.values()) {
            described.add("`" + m.item.display() + "` (" + m.item.match().what() + ": " + m.item.because()
                    + m.note + ")");
        }
        String message = ignorePath + " does not keep these out of the build context `" + BuildContexts.contextName(build)
                + "`, so " + String.join(", ", copyTexts) + " copies them into the image: " + String.join("; ", described);
        List<Item> added = missing.values().stream().filter(m -> m.exception == null).map(m -> m.item).toList();
        EnvPlan env = EnvPlan.of(context.project(), build, added, copies);
        missing.values().removeIf(m -> m.exception == null && env.keeps(m.item));
        List<String> add = new ArrayList<>();
        Set<String> remove = new LinkedHashSet<>();
        Set<String> keep = new LinkedHashSet<>();
        Set<String> above = new LinkedHashSet<>();
        for (var m : missing.entrySet()) {
            if (m.getValue().builderOnly) {
                keep.add("`" + m.getValue().exception.text() + "` (line " + m.getValue().exception.line() + ")");
            } else if (m.getValue().exception != null) {
                remove.add("`" + m.getValue().exception.text() + "` (line " + m.getValue().exception.line() + ")");
            } else {
                add.add("`" + m.getKey() + "`");
                build.ignore().matchingPattern(m.getValue().item.probe()).filter(DockerIgnorePattern::exception)
                        .ifPresent(folder -> above.add("`" + folder.text() + "` (line " + folder.line() + ")"));
            }
        }
        List<String> steps = new ArrayList<>();
        if (!keep.isEmpty()) {
            steps.add("Keep " + String.join(", ", keep) + " if the build needs the file, but hold only values that may"
                    + " be public in it: a bundler writes the variables it exposes to the browser into the files it"
                    + " builds, and a secret belongs in a build secret (RUN --mount=type=secret) or the server's"
                    + " runtime environment instead");
        }
        if (!remove.isEmpty()) {
            steps.add("Remove " + String.join(", ", remove) + " from " + ignorePath);
        }
        if (!add.isEmpty()) {
            steps.add((remove.isEmpty() ? "Add to " + ignorePath + ": " : "add ") + String.join(", ", add)
                    + (above.isEmpty() ? "" : ", at its end, after " + String.join(" and ", above)
                            + ", which must stay for the rest of the folder: the last line that matches a path decides"));
        }
        String recommendation = steps.isEmpty() ? env.advice().strip() : String.join("; ", steps)
                + (missing.values().stream().anyMatch(m -> m.item.kind() == Kind.SECRET && !m.builderOnly)
                        ? "; then rebuild and replace the images already built, which keep the files in their layers"
                        : "")
                + "." + env.advice();
        SourceFile file = build.ignore().file();
        Span span = file.text().isEmpty() ? file.span(0, 0) : file.lines(1, file.lineCount());
        var finding = context.finding(this, new Location(ignorePath, span), message)
                .severity(severity)
                .recommendation(recommendation)
                .implicit();
        List<String> patterns = missing.entrySet().stream().filter(m -> m.getValue().exception == null)
                .map(Map.Entry::getKey).toList();
        TextEdit exclude = patterns.isEmpty() ? null
                : IgnoreEdits.append(context.project(), build, patterns, "Kept out of the image: " + kinds(missing.values()));
        if (exclude != null && env.fixable()) {
            List<TextEdit> edits = new ArrayList<>(List.of(exclude));
            edits.addAll(env.deletions());
            finding.fix(Fix.of("exclude " + String.join(", ", patterns) + " in " + ignorePath, FixSafety.UNSAFE, edits));
        }
        finding.add();
    }

    /** "secrets, local data and caches": what the missing items are, in the order of their kinds. */
    private static String kinds(java.util.Collection<Missing> missing) {
        List<String> labels = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            if (missing.stream().anyMatch(m -> m.item.kind() == kind && m.exception == null)) {
                labels.add(switch (kind) {
                    case SECRET -> "secrets";
                    case DATA -> "local data";
                    case VCS -> "version control";
                    case LOGS -> "logs";
                    case DEPENDENCIES -> "local dependencies";
                    case BUILD_OUTPUT -> "local build output";
                    case CACHE -> "caches";
                });
            }
        }
        return labels.size() == 1 ? labels.get(0)
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " and " + labels.get(labels.size() - 1);
    }

    /**
     * An item the ignore file lets in, why, and the exception line that re-includes it; {@code builderOnly} when that
     * is an env file only builder stages copy, whose output alone reaches the image.
     */
    private record Missing(Item item, String note, DockerIgnorePattern exception, boolean builderOnly) {}

    /** Variables a front-end bundler exposes to the browser by their prefix (Vite, Create React App, Next.js). */
    private static final java.util.regex.Pattern PUBLIC_PREFIX = java.util.regex.Pattern.compile(
            "VITE_|REACT_APP_|NEXT_PUBLIC_");
    private static final java.util.regex.Pattern ASSIGNMENT = java.util.regex.Pattern.compile(
            "(?m)^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_]*)\\s*=");

    /** The names the env file assigns, in order; empty when it cannot be read. */
    private static List<String> assigned(ReviewContext context, BuildLink build, Item item) {
        return context.project().source(PathNames.join(build.context(), item.path()))
                .map(f -> ASSIGNMENT.matcher(f.text()).results().map(r -> r.group(1)).toList()).orElse(List.of());
    }

    /** Whether every variable of the env file is one a bundler writes into the browser's code by design. */
    private static boolean publicBuildVariables(ReviewContext context, BuildLink build, Item item) {
        List<String> names = assigned(context, build, item);
        return !names.isEmpty() && names.stream().allMatch(n -> PUBLIC_PREFIX.matcher(n).lookingAt());
    }

    /**
     * For an env file re-included on purpose that only builder stages copy: which stage reads it, that its output
     * alone ships, and what does reach the image (the public variables a bundler inlines).
     */
    private static String builderOnlyNote(ReviewContext context, BuildLink build, Item item, List<ContextCopy> along) {
        String stages = along.stream().map(c -> Stages.describe(c.stage())).distinct()
                .collect(java.util.stream.Collectors.joining(", "));
        List<String> names = assigned(context, build, item);
        String inlined = publicBuildVariables(context, build, item)
                ? ", but its variables (" + String.join(", ", names.subList(0, Math.min(3, names.size())))
                        + (names.size() > 3 ? " ..." : "") + ") are ones the bundler writes into the built files"
                        + " for the browser, so their values ship in the bundle anyway and must be public"
                : "; the file stays in that stage's layers and the build cache, and a bundler writes the variables"
                        + " it exposes to the browser into the built files";
        return "; only " + stages + " copies it, a builder stage whose output alone reaches the image" + inlined;
    }

    /**
     * The exception line that brings the item back, when that is why it is let in and it names the item: one that
     * re-includes a whole folder above it ({@code !/src}) must stay, and a pattern after it keeps the item out.
     */
    private static DockerIgnorePattern reincluding(DockerIgnore ignore, Item item) {
        return ignore.matchingPattern(item.probe()).filter(DockerIgnorePattern::exception)
                .filter(p -> !ignore.matchesOnlyAbove(p, item.path())).orElse(null);
    }

    /** Why the ignore file misses an item it seems to name: a root-only pattern, or an exception. */
    private static String note(DockerIgnore ignore, Item item) {
        Optional<DockerIgnorePattern> decider = ignore.matchingPattern(item.probe());
        if (decider.isPresent() && decider.get().exception()) {
            return "; re-included by `" + decider.get().text() + "` on line " + decider.get().line();
        }
        if (item.path().contains("/")) {
            String name = PathNames.fileName(item.path());
            Optional<DockerIgnorePattern> top = ignore.matchingPattern(item.match().directory() ? name + "/x" : name);
            if (top.isPresent() && !top.get().exception()) {
                return "; `" + top.get().text() + "` on line " + top.get().line()
                        + " only matches at the top of the context";
            }
        }
        return "";
    }
}
