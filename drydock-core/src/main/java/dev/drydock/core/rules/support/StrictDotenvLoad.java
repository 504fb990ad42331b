package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.FileKind;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Project;
import dev.drydock.core.source.SourceFile;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A line of the application's code that loads its .env file and stops the program when the file is missing: Go's
 * {@code godotenv.Load()} whose error ends in log.Fatal, panic or os.Exit (the usage godotenv's README shows), Rust's
 * {@code dotenv()} (dotenvy, dotenv) unwrapped with expect, unwrap or {@code ?}, PHP's vlucas/phpdotenv
 * {@code Dotenv::createImmutable(...)->load()} (safeLoad tolerates a missing file), Java's dotenv-java
 * {@code Dotenv.load()} or a {@code Dotenv.configure()} chain without ignoreIfMissing, Ruby's {@code Dotenv.load!},
 * and Node's {@code dotenv.config()} whose result's error is thrown. Python's load_dotenv, Node's dotenv without that
 * check and the others tolerate the missing file: the variables then come from the environment. Such a program fails
 * at start in an image built without .env, although compose gives it the same variables.
 *
 * @param file the source file
 * @param line the line of the load
 * @param call how it stops the program, in words
 * @param tolerant how to make it tolerate a missing file
 */
public record StrictDotenvLoad(String file, int line, String call, String tolerant) {

    /** The source files of these languages read at most, and their largest size. */
    private static final int MAX_FILES = 2_000;
    private static final long MAX_SIZE = 512 * 1024;

    private static final Pattern GO_LOAD = Pattern.compile(
            "godotenv\\.(?:Load|Overload)\\([^)]*\\)\\s*(?:;\\s*err\\s*!=\\s*nil\\s*|\\n\\s*if\\s+err\\s*!=\\s*nil\\s*)"
                    + "\\{([^{}]*)\\}");
    private static final Pattern GO_FATAL = Pattern.compile("\\b(?:log\\.(?:Fatal|Panic)\\w*|panic|os\\.Exit)\\s*\\(");
    private static final Pattern RUST_LOAD = Pattern.compile("(?:\\b(?:dotenvy?::)?dotenv(?:_override)?\\(\\s*\\)"
            + "|\\bdotenvy?::from_(?:filename|path)(?:_override)?\\([^()]*\\))\\s*(?:\\.expect\\(|\\.unwrap\\(\\)|\\?)");
    private static final Pattern PHP_LOAD = Pattern.compile(
            "Dotenv::create(?:Immutable|Mutable|UnsafeImmutable|UnsafeMutable)?\\([^;]*?\\)\\s*->\\s*load\\(\\s*\\)"
                    + "|\\$(\\w+)\\s*=\\s*(?:\\\\?Dotenv\\\\)?Dotenv::create\\w*\\(");
    private static final Pattern JAVA_LOAD = Pattern.compile("\\bDotenv\\.load\\(\\s*\\)|\\bDotenv\\.configure\\(\\s*\\)"
            + "((?:\\s*\\.\\s*\\w+\\([^()]*\\))*?)\\s*\\.\\s*load\\(\\s*\\)");
    private static final Pattern RUBY_LOAD = Pattern.compile("\\bDotenv\\.(?:load|overload)!");
    private static final Pattern NODE_LOAD = Pattern.compile("\\b(\\w+)\\s*=\\s*(?:require\\(\\s*['\"]dotenv['\"]\\s*\\)"
            + "|dotenv)\\.config\\([^)]*\\)");

    /** The first strict load in the source files of the build's context, if any. */
    public static Optional<StrictDotenvLoad> in(Project project, BuildLink build) {
        List<ProjectEntry> sources = project.layout().under(FileKind.SOURCE, build.context());
        int read = 0;
        for (ProjectEntry entry : sources) {
            FileType type = entry.type();
            if (!(type == FileType.GO_SOURCE || type == FileType.RUST_SOURCE || type == FileType.PHP_SOURCE
                    || type == FileType.JAVA_SOURCE || type == FileType.RUBY_SOURCE
                    || type == FileType.JAVASCRIPT_SOURCE || type == FileType.TYPESCRIPT_SOURCE)
                    || entry.size() > MAX_SIZE || read++ >= MAX_FILES) {
                continue;
            }
            Optional<SourceFile> file = project.source(entry.path());
            if (file.isPresent() && file.get().text().contains("otenv")) {
                Optional<StrictDotenvLoad> found = find(file.get(), type);
                if (found.isPresent()) {
                    return found;
                }
            }
        }
        return Optional.empty();
    }

    static Optional<StrictDotenvLoad> find(SourceFile file, FileType type) {
        String text = file.text();
        return switch (type) {
            case GO_SOURCE -> {
                Matcher m = GO_LOAD.matcher(text);
                while (m.find()) {
                    if (GO_FATAL.matcher(m.group(1)).find()) {
                        yield at(file, m.start(), "godotenv.Load's error ends it",
                                "log the error and go on instead, since the variables come from the environment");
                    }
                }
                yield Optional.empty();
            }
            case RUST_SOURCE -> first(file, RUST_LOAD.matcher(text), "dotenv() is unwrapped",
                    "call .ok() on its result instead");
            case PHP_SOURCE -> {
                Matcher m = PHP_LOAD.matcher(text);
                while (m.find()) {
                    if (m.group(1) == null || Pattern.compile("\\$" + m.group(1) + "\\s*->\\s*load\\(\\s*\\)")
                            .matcher(text).find(m.end())) {
                        yield at(file, m.start(), "phpdotenv's load() throws",
                                "call safeLoad() instead");
                    }
                }
                yield Optional.empty();
            }
            case JAVA_SOURCE -> {
                Matcher m = JAVA_LOAD.matcher(text);
                while (m.find()) {
                    if (m.group(1) == null || !m.group(1).contains("ignoreIfMissing")) {
                        yield at(file, m.start(), "dotenv-java's load() throws",
                                "use Dotenv.configure().ignoreIfMissing().load() instead");
                    }
                }
                yield Optional.empty();
            }
            case RUBY_SOURCE -> first(file, RUBY_LOAD.matcher(text), "Dotenv.load! raises",
                    "call Dotenv.load instead");
            default -> {
                Matcher m = NODE_LOAD.matcher(text);
                while (m.find()) {
                    if (Pattern.compile("if\\s*\\(\\s*" + m.group(1) + "\\.error\\s*\\)\\s*\\{?\\s*throw\\b")
                            .matcher(text).find(m.end())) {
                        yield at(file, m.start(), "the error of dotenv's config() is thrown",
                                "throw only when it is not ENOENT, or drop the check");
                    }
                }
                yield Optional.empty();
            }
        };
    }

    private static Optional<StrictDotenvLoad> first(SourceFile file, Matcher m, String call, String tolerant) {
        return m.find() ? at(file, m.start(), call, tolerant) : Optional.empty();
    }

    private static Optional<StrictDotenvLoad> at(SourceFile file, int offset, String call, String tolerant) {
        return Optional.of(new StrictDotenvLoad(file.path(), file.position(offset).line(), call, tolerant));
    }

    /** The advice to make the load tolerant before .env leaves the image. */
    public String advice() {
        return file + " line " + line + " stops the program when .env is missing (" + call + "): " + tolerant;
    }
}
