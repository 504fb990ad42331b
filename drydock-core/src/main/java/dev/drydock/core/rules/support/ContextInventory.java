package dev.drydock.core.rules.support;

import dev.drydock.core.compose.ComposeProject;
import dev.drydock.core.compose.Resource;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.ProjectLayout;
import dev.drydock.core.discovery.SkipRule;
import dev.drydock.core.ignore.DockerIgnore;
import dev.drydock.core.ignore.GitIgnore;
import dev.drydock.core.ignore.GitIgnorePattern;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Origin;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.BuildContexts.ContextCopy;
import dev.drydock.core.rules.support.SensitivePaths.Kind;
import dev.drydock.core.rules.support.SensitivePaths.Match;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a build context holds, or will hold on the machines that build the image, that must not
 * be copied into an image: secrets, data, logs, version control data, installed dependencies and
 * caches. Evidence comes from the project model only:
 * <ul>
 *   <li>files discovery found: {@code .env} files, folders it skipped ({@code .git},
 *       {@code node_modules}, virtualenvs, {@code __pycache__}, and the folders of {@link StackFolders}:
 *       {@code vendor/} beside composer.json, {@code target/}, {@code bin/}, {@code obj/}, {@code deps/},
 *       {@code _build/});</li>
 *   <li>the names at the top of the context (keys, credentials, databases, logs);</li>
 *   <li>compose {@code env_file} entries and the files of top-level compose {@code secrets}, which
 *       exist wherever the stack runs even when the repository does not hold them;</li>
 *   <li>{@code .gitignore} patterns: what git is told to ignore exists in developers' working
 *       copies, which is where images are built by hand;</li>
 *   <li>Python sources in sub-folders, beside which Python writes {@code __pycache__};</li>
 *   <li>a {@code .gitignore} at the root of a context that is the project folder, which means a
 *       git checkout with its {@code .git} folder.</li>
 * </ul>
 */
public final class ContextInventory {

    /** Where the knowledge of an item comes from. */
    public enum Source { ENV_FILE, COMPOSE_SECRET, PRESENT, GITIGNORE, PYTHON_SOURCES, REPOSITORY }

    /** One piece of evidence, for messages: "compose env_file of web (compose.yaml:12)". */
    public record Evidence(Source source, String text, Origin origin) {}

    /**
     * Something in the build context that does not belong in an image.
     *
     * @param path its path in the context ('/'-separated, no leading '/')
     * @param match what it is
     * @param pattern the {@code .dockerignore} line that would leave it out
     * @param display how messages name it: its path, or for what only a {@code .gitignore} line
     *     says, that line's pattern placed in the context ({@code src/data/*.db}, {@code logs/})
     * @param evidence how drydock knows it is there
     */
    public record Item(String path, Match match, String pattern, String display, List<Evidence> evidence) {

        public Kind kind() {
            return match.kind();
        }

        /** The path Docker's matcher is asked about: the item, or for a folder a file inside it. */
        public String probe() {
            return match.directory() ? path + "/" + match.probe() : path;
        }

        /** Whether the file or folder exists in the project now. */
        public boolean present() {
            return evidence.stream().anyMatch(e -> e.source() == Source.PRESENT);
        }

        /** Whether it is an env file: by its name, or because compose loads it with env_file. */
        public boolean isEnvFile() {
            return has(Source.ENV_FILE) || SensitivePaths.isEnvFile(PathNames.fileName(path));
        }

        public boolean has(Source source) {
            return evidence.stream().anyMatch(e -> e.source() == source);
        }

        /**
         * The evidence as one phrase, grouped by where it comes from (every env_file of the services before "present
         * in the project"): "compose env_file of web (compose.yaml:12), git-ignored (.gitignore:3)".
         */
        public String because() {
            return String.join(", ", evidence.stream()
                    .sorted(java.util.Comparator.comparing(Evidence::source))
                    .map(Evidence::text).distinct().toList());
        }

        /** Whether the ignore file leaves it (or, for a folder, its content) out of the context. */
        public boolean excludedBy(DockerIgnore ignore) {
            return !ignore.includes(probe());
        }
    }

    private static final int MAX_LISTED = 2000;

    /** A class of one letter in both cases, as Visual Studio's .gitignore writes {@code [Bb]in/}. */
    private static final java.util.regex.Pattern CASE_PAIR = java.util.regex.Pattern.compile("\\[([A-Za-z])([A-Za-z])]");

    private ContextInventory() {}

    /** Everything of concern in the build's context, by path, found once per review (several rules ask). */
    public static List<Item> of(ReviewContext context, BuildLink build) {
        return context.memo("context-inventory", build, () -> List.copyOf(of(context.project(), build)));
    }

    /** Everything of concern in the build's context, by path. */
    public static List<Item> of(Project project, BuildLink build) {
        Map<String, Builder> items = new LinkedHashMap<>();
        ProjectLayout layout = project.layout();
        envFiles(project, build, items);
        secretFiles(project, build, items);
        for (ProjectEntry entry : layout.envFiles()) {
            String path = BuildContexts.inContext(build, entry.path());
            if (path != null && entry.type() == FileType.ENV && SensitivePaths.isEnvFile(entry.name())) {
                add(items, path, Source.PRESENT, "present in the project", null);
            }
        }
        for (ProjectLayout.SkippedDirectory skipped : layout.skippedDirectories()) {
            String path = BuildContexts.inContext(build, skipped.path());
            if (path == null || path.isEmpty()) {
                continue;
            }
            if (relevant(skipped.rule())) {
                add(items, path, Source.PRESENT, "present in the project", null);
            } else {
                StackFolders.classify(project, build, skipped.path()).ifPresent(
                        m -> add(items, path, Source.PRESENT, "present in the project", null, m));
            }
        }
        listTopLevel(project, build, items);
        gitignored(project, build, items);
        pythonCaches(project, build, items);
        if (build.context().isEmpty() && project.gitignores().containsKey(".gitignore")) {
            add(items, ".git", Source.REPOSITORY, "the git checkout's own folder", null);
        }
        List<Item> out = new ArrayList<>();
        for (Builder b : items.values()) {
            if (b.match != null && !symfonyDefaults(project, build, b) && !publicBuildValues(project, build, b)) {
                boolean onlyGit = b.evidence.stream().allMatch(e -> e.source() == Source.GITIGNORE);
                String display = onlyGit && b.display != null ? b.display
                        : b.path + (b.match.directory() ? "/" : "");
                out.add(new Item(b.path, b.match, b.pattern, display, List.copyOf(b.evidence)));
            }
        }
        if (CheckoutReaders.of(project, build).isPresent()) {
            out.removeIf(item -> item.path().equals(".git")); // the build needs it
        }
        out.sort(Comparator.comparing((Item i) -> i.kind().ordinal()).thenComparing(Item::path));
        return out;
    }

    /**
     * The items the ignore file lets in and some copy of the build takes, with the copies that take
     * each; {@code inImageOnly} keeps to the copies whose files reach the image: those of the image's own stages,
     * and a builder stage's where a {@code COPY --from} of the image carries the item on ({@link BuildContexts#carriers}).
     */
    public static Map<Item, List<ContextCopy>> copiedIn(Project project, BuildLink build, List<Item> items,
            List<ContextCopy> copies, boolean inImageOnly) {
        Map<Item, List<ContextCopy>> out = new LinkedHashMap<>();
        for (Item item : items) {
            if (item.excludedBy(build.ignore())) {
                continue;
            }
            List<ContextCopy> taking = new ArrayList<>();
            for (ContextCopy copy : copies) {
                if (!BuildContexts.landing(project, build, copy, item.probe()).isEmpty() && (!inImageOnly
                        || copy.inImage() || !BuildContexts.carriers(build, copy, item.probe()).isEmpty())) {
                    taking.add(copy);
                }
            }
            if (!taking.isEmpty()) {
                out.put(item, taking);
            }
        }
        return out;
    }

    /**
     * A Symfony application's .env (or .env.dev, .env.prod ...) beside its composer.json ({@link SymfonyDotenv}): not a
     * secret file unless git ignores it or compose reads it as a service's env_file.
     */
    private static boolean symfonyDefaults(Project project, BuildLink build, Builder b) {
        String name = PathNames.fileName(b.path);
        if (!name.equals(".env") && !(name.startsWith(".env.") && !name.endsWith("local"))
                || b.evidence.stream().anyMatch(e -> e.source() != Source.PRESENT)) {
            return false;
        }
        String folder = PathNames.parent(BuildContexts.inProject(build, b.path));
        String composer = folder == null || folder.isEmpty() ? "composer.json" : folder + "/composer.json";
        return SymfonyDotenv.at(project, composer);
    }

    /**
     * A front-end build's committed .env or .env.production holding only the values it writes into its pages
     * ({@link PublicBuildDotenv}): the build needs it, and none of it is secret; unless compose reads it as an env_file.
     */
    private static boolean publicBuildValues(Project project, BuildLink build, Builder b) {
        return b.evidence.stream().allMatch(e -> e.source() == Source.PRESENT)
                && PublicBuildDotenv.is(project, BuildContexts.inProject(build, b.path));
    }

    // ---- sources of evidence

    private static void envFiles(Project project, BuildLink build, Map<String, Builder> items) {
        for (ComposeProject compose : project.composeProjects()) {
            for (Service service : compose.services().values()) {
                for (Service.EnvFile envFile : service.envFiles()) {
                    if (envFile.path() == null || envFile.file() == null) {
                        continue;
                    }
                    String relative = ComposeServices.projectPath(project, envFile.path());
                    String path = relative == null ? null : BuildContexts.inContext(build, relative);
                    if (path == null || path.isEmpty()) {
                        continue;
                    }
                    Origin origin = new Origin(envFile.file().file().path(), envFile.file().span());
                    Builder b = add(items, path, Source.ENV_FILE, "compose env_file of " + service.name() + " ("
                            + origin.file() + ":" + origin.line() + ")", origin);
                    if (b.match == null) { // an env_file holds the service's settings whatever its name
                        b.match = new Match(Kind.SECRET, "environment file", false, true, null);
                        b.pattern = path;
                    }
                    if (project.files().exists(relative)) {
                        add(items, path, Source.PRESENT, "present in the project", null);
                    }
                }
            }
        }
    }

    /** The files of top-level compose secrets ({@code secrets: {db-password: {file: db/password.txt}}}). */
    private static void secretFiles(Project project, BuildLink build, Map<String, Builder> items) {
        for (ComposeProject compose : project.composeProjects()) {
            for (Resource secret : compose.secrets().values()) {
                if (secret.file() == null || secret.file().value() == null || secret.file().value().contains("$")) {
                    continue;
                }
                String relative = ComposeServices.projectPath(project, compose.projectDir().resolve(secret.file().value()));
                String path = relative == null ? null : BuildContexts.inContext(build, relative);
                if (path == null || path.isEmpty()) {
                    continue;
                }
                Origin origin = new Origin(secret.file().file().path(), secret.file().span());
                Builder b = add(items, path, Source.COMPOSE_SECRET, "the file of compose secret " + secret.name() + " ("
                        + origin.file() + ":" + origin.line() + ")", origin);
                boolean inSecretFolder = b.match != null && b.match.directory() && SensitivePaths
                        .classifyName(PathNames.fileName(path), false).map(m -> !m.directory()).orElse(true);
                if (b.match == null || b.match.kind() != Kind.SECRET || inSecretFolder) { // whatever its name, it holds a secret
                    b.match = new Match(Kind.SECRET, "secret file", false, true, null);
                    b.pattern = path;
                }
                if (project.files().exists(relative)) {
                    add(items, path, Source.PRESENT, "present in the project", null);
                }
            }
        }
    }

    private static boolean relevant(SkipRule rule) {
        return switch (rule) {
            case VCS, NODE_PACKAGES, VIRTUALENV, VIRTUALENV_MARKED, PYTHON_PACKAGES, PYTHON_CACHES -> true;
            default -> false;
        };
    }

    private static void listTopLevel(Project project, BuildLink build, Map<String, Builder> items) {
        if (!project.files().isDirectory(build.context().isEmpty() ? "." : build.context())) {
            return;
        }
        Path dir = project.root().resolve(build.context());
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.limit(MAX_LISTED).sorted().toList()) {
                String name = p.getFileName().toString();
                boolean directory = Files.isDirectory(p);
                Optional<Match> m = SensitivePaths.classifyName(name, directory);
                if (m.isEmpty() || m.get().kind() == Kind.DATA && m.get().directory()) {
                    continue; // a folder named data or media may well be the application's own
                }
                if (m.get().kind() == Kind.VCS || m.get().kind() == Kind.DEPENDENCIES || m.get().kind() == Kind.CACHE) {
                    continue; // discovery reports these folders itself (skipped directories)
                }
                if (!m.get().definite()) {
                    continue;
                }
                add(items, name, Source.PRESENT, "present in the project", null);
            }
        } catch (IOException | RuntimeException e) {
            // an unreadable folder holds nothing drydock can report
        }
    }

    private static void gitignored(Project project, BuildLink build, Map<String, Builder> items) {
        for (GitIgnore gitignore : project.gitignores().values()) {
            String base = gitignore.baseDir();
            boolean aboveContext = PathNames.isUnder(build.context(), base);
            boolean insideContext = PathNames.isUnder(base, build.context());
            if (!aboveContext && !insideContext) {
                continue;
            }
            for (GitIgnorePattern pattern : gitignore.patterns()) {
                if (!pattern.negated()) {
                    gitignored(project, build, gitignore, pattern, aboveContext, items);
                }
            }
        }
    }

    /**
     * One .gitignore line as an item of the context: a path it ignores, placed in the context (a
     * name that git matches at any depth goes to the context's top), when that path is of concern.
     * A wildcard is tried as a sample name and as nothing ({@code .env*} ignores {@code .env}).
     */
    private static void gitignored(Project project, BuildLink build, GitIgnore gitignore, GitIgnorePattern pattern,
            boolean aboveContext, Map<String, Builder> items) {
        String written = trimSlashes(pattern.pattern());
        String base = gitignore.baseDir();
        String where;
        String glob;
        if (!pattern.anchored()) {
            where = aboveContext ? "" : BuildContexts.inContext(build, base);
            glob = PathNames.join(where, written);
        } else {
            glob = BuildContexts.inContext(build, PathNames.join(base, written));
            if (glob == null) {
                return;
            }
            where = null;
        }
        for (String fill : List.of("sample", "")) {
            String sample = sample(glob, fill);
            if (sample == null || sample.isEmpty() || PathNames.fileName(sample).isEmpty()) {
                continue;
            }
            String projectPath = BuildContexts.inProject(build, sample);
            if (where != null && presentOnlyBeside(project, build, base, sample, projectPath)) {
                return;
            }
            Optional<Match> stack = where == null ? StackFolders.classify(project, build, projectPath)
                    : StackFolders.classifyUnder(project, build, build.context(), PathNames.fileName(sample));
            Optional<Match> match = SensitivePaths.classify(sample).or(() -> stack);
            if (match.isEmpty() || !gitignore.isIgnored(projectPath, pattern.directoryOnly() || match.get().directory())) {
                continue;
            }
            Origin origin = new Origin(gitignore.file().path(), pattern.span());
            Builder b = add(items, sample, Source.GITIGNORE,
                    "git-ignored (" + origin.file() + ":" + pattern.line() + ")", origin, stack.orElse(null));
            if (b.gitPattern == null) {
                b.gitPattern = where == null ? glob : PathNames.join(where, "**/" + written);
                b.pattern = b.gitPattern;
                b.display = glob + (match.get().directory() ? "/" : "");
            }
            return;
        }
    }

    /**
     * Whether what an unanchored line of a .gitignore above the context ignores is there beside that
     * .gitignore, outside the context, and not in the context: the working copy shows where the ignored
     * file lives ({@code secrets/} at the root for compose secrets), so the line says nothing about the
     * context's own folders.
     */
    private static boolean presentOnlyBeside(Project project, BuildLink build, String base, String sample,
            String projectPath) {
        String beside = PathNames.join(base, sample);
        return !beside.equals(projectPath) && !PathNames.isUnder(beside, build.context())
                && project.files().exists(beside) && !project.files().exists(projectPath);
    }

    /** A path a glob matches: {@code *} filled in, {@code **} and {@code ?} made plain; null for classes and escapes. */
    private static String sample(String glob, String fill) {
        glob = CASE_PAIR.matcher(glob).replaceAll(m -> m.group(1).equalsIgnoreCase(m.group(2))
                ? m.group(1).toLowerCase(java.util.Locale.ROOT) : m.group());
        if (glob.indexOf('[') >= 0 || glob.indexOf('\\') >= 0) {
            return null;
        }
        String s = glob.replace("**/", "").replace("/**", "").replace("**", fill).replace("*", fill).replace('?', 'x');
        return PathNames.normalizeRelative(s);
    }

    /**
     * Python writes {@code __pycache__} beside the modules it imports: in every package folder, and at
     * the top when the top holds more than the one script that is run.
     */
    private static void pythonCaches(Project project, BuildLink build, Map<String, Builder> items) {
        Map<String, Integer> counts = new TreeMap<>();
        Map<String, List<String>> files = new TreeMap<>();
        for (ProjectEntry source : project.layout().under(FileKind.SOURCE, build.context())) {
            if (source.type() == FileType.PYTHON_SOURCE) {
                String path = BuildContexts.inContext(build, source.path());
                if (path != null) {
                    counts.merge(PathNames.parent(path), 1, Integer::sum);
                    files.computeIfAbsent(PathNames.parent(path), k -> new ArrayList<>()).add(source.path());
                }
            }
        }
        String folder = counts.keySet().stream().filter(d -> !d.isEmpty() && !scriptsOnly(project, files.get(d)))
                .findFirst().orElse(counts.getOrDefault("", 0) > 1 ? "" : null);
        if (folder == null) {
            return;
        }
        String path = PathNames.join(folder, "__pycache__");
        if (!items.containsKey(path)) {
            add(items, path, Source.PYTHON_SOURCES, "Python writes it beside "
                    + (folder.isEmpty() ? "" : folder + "/") + "*.py when the code runs", null);
        }
    }

    /**
     * Whether a folder's Python files are all scripts run by their {@code #!} line and none is a package's: Python writes
     * bytecode only for the modules it imports, never for the script it runs, so such a folder gets no __pycache__.
     */
    private static boolean scriptsOnly(Project project, List<String> paths) {
        for (String path : paths) {
            if (PathNames.fileName(path).equals("__init__.py")
                    || !project.source(path).map(f -> f.text().startsWith("#!")).orElse(false)) {
                return false;
            }
        }
        return true;
    }

    // ---- building items

    private static final class Builder {
        final String path;
        Match match;
        String pattern;
        String gitPattern;
        String display;
        final List<Evidence> evidence = new ArrayList<>();

        Builder(String path, Match match) {
            this.path = path;
            this.match = match;
            this.pattern = match == null ? null : defaultPattern(path, match);
        }
    }

    private static Builder add(Map<String, Builder> items, String path, Source source, String text, Origin origin) {
        return add(items, path, source, text, origin, null);
    }

    /** {@link #add(Map, String, Source, String, Origin)}, with what the item is when its name alone does not say. */
    private static Builder add(Map<String, Builder> items, String path, Source source, String text, Origin origin,
            Match known) {
        Builder b = items.computeIfAbsent(path, p -> new Builder(p, SensitivePaths.classify(p).orElse(known)));
        if (b.match == null && known != null) {
            b.match = known;
            b.pattern = defaultPattern(path, known);
        }
        if (b.evidence.stream().noneMatch(e -> e.source() == source && e.text().equals(text))) {
            b.evidence.add(new Evidence(source, text, origin));
        }
        return b;
    }

    /** The ignore line for an item found on disk or named by env_file. */
    static String defaultPattern(String path, Match match) {
        String name = PathNames.fileName(path);
        boolean nested = path.contains("/");
        if (match.kind() == Kind.SECRET && SensitivePaths.isEnvFile(name) && name.startsWith(".env")) {
            return "**/" + name;
        }
        if (nested && (match.kind() == Kind.CACHE || match.kind() == Kind.DEPENDENCIES || match.kind() == Kind.VCS
                || match.kind() == Kind.BUILD_OUTPUT)) {
            return "**/" + name;
        }
        if (match.kind() == Kind.CACHE && name.equals("__pycache__")) {
            return "**/__pycache__";
        }
        return path;
    }

    private static String trimSlashes(String pattern) {
        String p = pattern;
        while (p.startsWith("/")) {
            p = p.substring(1);
        }
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
