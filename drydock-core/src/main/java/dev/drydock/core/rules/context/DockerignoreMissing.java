package dev.drydock.core.rules.context;

import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.discovery.Language;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
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
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.CheckoutReaders;
import dev.drydock.core.rules.support.ContextInventory;
import dev.drydock.core.rules.support.ContextInventory.Item;
import dev.drydock.core.rules.support.IgnoreEdits;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.StackFolders;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.rules.support.SensitivePaths.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@RuleDefinition(
        id = "dockerignore-missing",
        title = "The build context has no .dockerignore",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "Builds whose context has no ignore file in effect (neither <Dockerfile>.dockerignore beside the"
                + " Dockerfile nor .dockerignore at the context root) and that copy the whole context (`COPY . .`) or"
                + " copy, along with a folder, something that does not belong in an image. High when that includes"
                + " secrets or data; an ignore file elsewhere that Docker does not read is pointed out. The ignore"
                + " file the fix writes leaves .git in when the build reads the checkout: a RUN that asks git about it"
                + " (git describe, git rev-parse HEAD; not git clone or git config), or one that builds the"
                + " context's Python project (pip install ., uv sync, poetry install) while its pyproject.toml takes"
                + " the version from git (setuptools-scm, hatch-vcs, versioningit, poetry-dynamic-versioning,"
                + " dunamai, pbr); the message names that step. For a Symfony application in the context (a"
                + " composer.json that requires symfony/framework-bundle, symfony/dotenv or symfony/runtime) it keeps"
                + " out only the uncommitted .env.local files and .env.local.php: Symfony's Dotenv fails at start"
                + " without the committed .env of default values, and reads .env.prod when it exists. It keeps .env in"
                + " too while the application's code stops without it (godotenv.Load whose error ends the program,"
                + " Rust's dotenv() unwrapped, phpdotenv's load(), dotenv-java's load() without ignoreIfMissing, Ruby's"
                + " Dotenv.load!, a thrown error of Node's dotenv.config()), naming that line; and it deletes a"
                + " COPY --from that takes a left-out env file out of a builder stage by its name, which would fail"
                + " (no ignore file is written when that COPY takes other files too).",
        problem = "Without an ignore file Docker sends the whole folder to the builder and `COPY . .` copies all of"
                + " it: .git, .env files, local virtualenvs and node_modules, caches, databases and logs.",
        impact = "Secrets and data end up in image layers, images grow, and every change to any file (even in .git)"
                + " invalidates the layer cache of the copy and everything after it.",
        recommendation = "Create a .dockerignore at the root of the build context that excludes version control data,"
                + " env files, keys, local dependencies, caches, databases and logs.",
        references = {
                "https://docs.docker.com/build/concepts/context/#dockerignore-files",
                "https://docs.docker.com/build/building/best-practices/#exclude-with-dockerignore",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html"},
        fix = FixSafety.SAFE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        CMD ["python", "app.py"]
                        """,
                good = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY app.py .
                        CMD ["python", "app.py"]
                        """,
                alongside = {
                        @ExampleFile(name = "requirements.txt", content = """
                        flask==3.0.3
                        """),
                        @ExampleFile(name = "app.py", content = """
                        print("hello")
                        """)}))
public final class DockerignoreMissing implements Rule {

    @Override
    public void check(ReviewContext context) {
        Project project = context.project();
        Set<String> seen = new HashSet<>();
        for (Container container : context.builtContainers()) {
            BuildLink build = container.build();
            if (build.dockerignore() != null || !seen.add(build.dockerfile() + "\n" + build.context())) {
                continue;
            }
            List<ContextCopy> copies = BuildContexts.copies(build);
            List<Item> items = ContextInventory.of(context, build);
            Map<Item, List<ContextCopy>> copied = ContextInventory.copiedIn(project, build, items, copies, false);
            copied.entrySet().removeIf(e -> e.getValue().stream()
                    .allMatch(c -> BuildContexts.namesExplicitly(c, e.getKey().path())));
            ContextCopy whole = copies.stream().filter(ContextCopy::wholeContext)
                    .min(Comparator.comparing(c -> !c.inImage())).orElse(null); // the image's own copy first
            if (whole == null && copied.isEmpty()) {
                continue;
            }
            ContextCopy at = whole != null ? whole : copied.values().iterator().next().get(0);
            Severity severity = copied.keySet().stream().anyMatch(i -> i.kind().severity().atLeast(Severity.HIGH))
                    ? Severity.HIGH : Severity.MEDIUM;
            Optional<CheckoutReaders> checkout = CheckoutReaders.of(project, build);
            String contextName = BuildContexts.contextName(build);
            StringBuilder message = new StringBuilder("The build context `").append(contextName).append("`");
            if (container.isComposeService()) {
                message.append(" of ").append(container.name());
            }
            message.append(" has no .dockerignore, so `").append(at.text()).append("` copies everything in ")
                    .append(whole != null ? "it" : String.join(", ", at.sources())).append(" into ")
                    .append(at.inImage() ? "the image" : "the build " + Stages.describe(at.stage()));
            if (!copied.isEmpty()) {
                List<String> listed = new ArrayList<>();
                for (Item item : copied.keySet()) {
                    listed.add("`" + item.display() + "` (" + item.match().what()
                            + ": " + item.because() + ")");
                }
                message.append(", including ").append(String.join("; ", listed));
            } else {
                message.append(", including whatever the machine that builds has there: ")
                        .append(checkout.isPresent() ? "" : ".git, ").append(".env files, local virtualenvs or"
                                + " node_modules, caches");
            }
            checkout.ifPresent(reader -> message.append(". The build needs .git: ").append(reader.why()).append(" (")
                    .append(reader.run().instruction().file().path()).append(" line ")
                    .append(reader.run().instruction().span().startLine()).append(')'));
            String elsewhere = ignoredIgnoreFiles(project, build);
            if (elsewhere != null) {
                message.append(". ").append(elsewhere);
            }
            String target = PathNames.join(build.context(), ".dockerignore");
            EnvPlan env = EnvPlan.of(project, build, items, copies);
            var finding = context.finding(this, new Location(at.copy().instruction().file().path(),
                            at.copy().instruction().span()), message.append('.').toString())
                    .severity(severity)
                    .implicit()
                    .recommendation("Create " + target + " with: " + String.join(", ",
                            patterns(project, build, env, copied.keySet()).stream()
                                    .filter(p -> checkout.isEmpty() || !p.equals(".git"))
                                    .map(p -> "`" + p + "`").toList()) + "."
                            + checkout.map(reader -> " Leave .git in the context while the build reads it, or pass"
                                    + " what it reads as a build argument (ARG GIT_COMMIT, set with --build-arg"
                                    + " GIT_COMMIT=$(git rev-parse --short HEAD); setuptools-scm reads"
                                    + " SETUPTOOLS_SCM_PRETEND_VERSION) and add .git then.").orElse("")
                            + env.advice());
            TextEdit create = IgnoreEdits.create(project, build, groups(project, build, env, copied.keySet()));
            if (create != null && env.fixable()) {
                List<TextEdit> edits = new ArrayList<>(List.of(create));
                edits.addAll(env.deletions());
                finding.fix(Fix.of("create " + target + (env.deletions().isEmpty() ? ""
                        : " and drop the COPY --from that took an env file out of a builder"), FixSafety.SAFE, edits));
            }
            finding.add();
        }
    }

    /** Ignore files in the project that a reader may believe apply to this build, but do not. */
    private static String ignoredIgnoreFiles(Project project, BuildLink build) {
        String dockerfileDir = PathNames.parent(build.dockerfile());
        List<String> found = new ArrayList<>();
        for (ProjectEntry entry : project.layout().dockerignoreFiles()) {
            String dir = entry.directory();
            if (dir.equals(dockerfileDir) || dir.isEmpty()) {
                found.add(entry.path());
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        return String.join(", ", found) + (found.size() == 1 ? " does" : " do") + " not apply: Docker reads only "
                + PathNames.join(build.context(), ".dockerignore") + " at the context root, or "
                + build.dockerfile() + ".dockerignore beside the Dockerfile";
    }

    private static List<String> patterns(Project project, BuildLink build, EnvPlan env, Set<Item> found) {
        Set<String> out = new LinkedHashSet<>();
        out.add(".git");
        out.addAll(env.patterns());
        for (Item item : found) {
            if (!env.keeps(item)) {
                out.add(item.pattern());
            }
        }
        Set<Language> languages = languages(project, build);
        if (languages.contains(Language.PYTHON)) {
            out.add("**/__pycache__");
            out.add("**/*.py[cod]");
            out.add(".venv");
            out.add("venv");
            out.add(".pytest_cache");
        }
        if (languages.contains(Language.NODE)) {
            out.add("node_modules");
            out.add("npm-debug.log*");
        }
        out.addAll(stackFolders(project, build).keySet());
        out.add("**/*.log");
        // `**/x` also matches x at the root of the context: the plain pattern would only repeat it
        out.removeIf(p -> !p.startsWith("**/") && out.contains("**/" + p));
        return List.copyOf(out);
    }

    /**
     * The folders the build's own dependency or build step recreates, with what they hold: Composer's
     * vendor when a RUN runs composer install, bin and obj (at any depth) when one runs dotnet restore, build
     * or publish, deps and _build when one runs mix deps.get or mix compile/release. Without that step the
     * image may rely on the copied folder, so it stays.
     */
    private static Map<String, Kind> stackFolders(Project project, BuildLink build) {
        Map<String, Kind> out = new LinkedHashMap<>();
        Set<Language> languages = languages(project, build);
        if (languages.contains(Language.PHP) && StackFolders.rebuilds(build, "vendor")) {
            out.put("vendor", Kind.DEPENDENCIES);
        }
        if (languages.contains(Language.DOTNET) && StackFolders.rebuilds(build, "bin")) {
            out.put("**/bin", Kind.BUILD_OUTPUT);
            out.put("**/obj", Kind.BUILD_OUTPUT);
        }
        if (languages.contains(Language.ELIXIR) && StackFolders.rebuilds(build, "deps")) {
            out.put("deps", Kind.DEPENDENCIES);
        }
        if (languages.contains(Language.ELIXIR) && StackFolders.rebuilds(build, "_build")) {
            out.put("_build", Kind.BUILD_OUTPUT);
        }
        return out;
    }

    /**
     * Whether a RUN of the build calls one of these tools: only then is the tool's output folder one the image
     * builds for itself, and not a jar built beforehand that `COPY . .` brings in.
     */
    private static boolean runs(BuildLink build, String... tools) {
        if (build.model() == null || build.stage() == null) {
            return false;
        }
        return RunStep.of(build.model(), Stages.needed(build.model(), build.stage())).stream()
                .anyMatch(run -> !run.calls(tools).isEmpty());
    }

    private static Set<Language> languages(Project project, BuildLink build) {
        Set<Language> languages = new LinkedHashSet<>();
        for (ProjectEntry e : project.layout().under(FileKind.MANIFEST, build.context())) {
            languages.add(e.type().language());
        }
        for (ProjectEntry e : project.layout().under(FileKind.SOURCE, build.context())) {
            languages.add(e.type().language());
        }
        return languages;
    }

    /**
     * The patterns for a new ignore file, grouped by what they keep out (the group's comment first):
     * version control data, secrets, what was found in the context, the language's local dependencies
     * and caches, logs.
     */
    private static Map<String, List<String>> groups(Project project, BuildLink build, EnvPlan env, Set<Item> found) {
        Map<Kind, Set<String>> byKind = new LinkedHashMap<>();
        byKind.computeIfAbsent(Kind.VCS, k -> new LinkedHashSet<>()).add(".git");
        byKind.computeIfAbsent(Kind.SECRET, k -> new LinkedHashSet<>()).addAll(env.patterns());
        Set<String> buildOutput = new LinkedHashSet<>();
        for (Item item : found) {
            if (env.keeps(item)) {
                continue;
            }
            if (item.kind() == Kind.BUILD_OUTPUT) {
                buildOutput.add(item.pattern());
            } else {
                byKind.computeIfAbsent(item.kind(), k -> new LinkedHashSet<>()).add(item.pattern());
            }
        }
        Set<Language> languages = languages(project, build);
        for (ProjectEntry e : project.layout().under(FileKind.MANIFEST, build.context())) {
            switch (e.name()) {
                case "pom.xml" -> {
                    if (runs(build, "mvn", "mvnw")) {
                        buildOutput.add("target");
                    }
                }
                case "Cargo.toml" -> {
                    if (StackFolders.rebuilds(build, "target")) {
                        buildOutput.add("target");
                    }
                }
                case "build.gradle", "build.gradle.kts" -> {
                    if (runs(build, "gradle", "gradlew")) {
                        buildOutput.addAll(List.of(".gradle", "build"));
                    }
                }
                default -> { }
            }
        }
        for (var folder : stackFolders(project, build).entrySet()) {
            if (folder.getValue() == Kind.BUILD_OUTPUT) {
                buildOutput.add(folder.getKey());
            } else {
                byKind.computeIfAbsent(folder.getValue(), k -> new LinkedHashSet<>()).add(folder.getKey());
            }
        }
        if (languages.contains(Language.PYTHON)) {
            byKind.computeIfAbsent(Kind.DEPENDENCIES, k -> new LinkedHashSet<>()).addAll(List.of(".venv", "venv"));
            byKind.computeIfAbsent(Kind.CACHE, k -> new LinkedHashSet<>())
                    .addAll(List.of("**/__pycache__", "**/*.py[cod]", ".pytest_cache"));
        }
        if (languages.contains(Language.NODE)) {
            byKind.computeIfAbsent(Kind.DEPENDENCIES, k -> new LinkedHashSet<>()).add("node_modules");
            byKind.computeIfAbsent(Kind.LOGS, k -> new LinkedHashSet<>()).add("npm-debug.log*");
        }
        byKind.computeIfAbsent(Kind.LOGS, k -> new LinkedHashSet<>()).add("**/*.log");
        Set<String> all = new LinkedHashSet<>();
        byKind.values().forEach(all::addAll);
        Map<String, List<String>> groups = new LinkedHashMap<>();
        List<Kind> order = List.of(Kind.VCS, Kind.SECRET, Kind.DATA, Kind.DEPENDENCIES, Kind.CACHE, Kind.LOGS);
        for (var entry : order.stream().filter(byKind::containsKey).map(k -> Map.entry(k, byKind.get(k))).toList()) {
            // `**/x` also matches x at the root of the context: the plain pattern would only repeat it
            List<String> patterns = entry.getValue().stream().filter(p -> p.startsWith("**/") || !all.contains("**/" + p))
                    .toList();
            if (!patterns.isEmpty()) {
                String label = entry.getKey().label();
                groups.put(Character.toUpperCase(label.charAt(0)) + label.substring(1), patterns);
            }
        }
        if (!buildOutput.isEmpty()) {
            groups.put("Build output: the image builds its own", List.copyOf(buildOutput));
        }
        return groups;
    }
}
