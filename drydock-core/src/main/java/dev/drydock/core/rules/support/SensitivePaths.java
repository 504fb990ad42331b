package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.FileClassifier;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.review.Severity;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * What a path in a build context is, when it is something that must not be copied into an image:
 * secrets and credentials, databases and user data, logs, version control data, installed
 * dependencies, caches. Classification is by name only (the file's own name, then the folders
 * above it), so it can be applied to files that exist, to files a {@code .gitignore} or an
 * {@code env_file} says exist on developers' machines, and to COPY sources.
 */
public final class SensitivePaths {

    /** The kinds of things that do not belong in an image, most harmful first. */
    public enum Kind {
        SECRET("secrets and credentials", Severity.HIGH),
        DATA("databases and user data", Severity.HIGH),
        VCS("version control data", Severity.MEDIUM),
        LOGS("log files", Severity.MEDIUM),
        DEPENDENCIES("locally installed dependencies", Severity.MEDIUM),
        /** What a language's build writes beside its manifest (target/, bin/ and obj/, _build/): see {@link StackFolders}. */
        BUILD_OUTPUT("local build output", Severity.MEDIUM),
        CACHE("caches", Severity.LOW);

        private final String label;
        private final Severity severity;

        Kind(String label, Severity severity) {
            this.label = label;
            this.severity = severity;
        }

        public String label() {
            return label;
        }

        /** How much letting this into an image matters. */
        public Severity severity() {
            return severity;
        }
    }

    /**
     * A classified path.
     *
     * @param kind what it is
     * @param what a short description for messages ("environment file", "SQLite database")
     * @param directory whether the name denotes a folder (node_modules, .git, logs)
     * @param definite false for names that are only sometimes sensitive ({@code *.pem} may be a
     *     public certificate)
     * @param probe a file name inside the folder that stands for its content, for folders
     */
    public record Match(Kind kind, String what, boolean directory, boolean definite, String probe) {}

    private static final Set<String> PRIVATE_KEY_NAMES = Set.of("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519",
            "id_ecdsa_sk", "id_ed25519_sk");
    private static final Set<String> CREDENTIAL_FILES = Set.of(".netrc", "_netrc", ".pypirc", ".htpasswd", ".pgpass",
            ".git-credentials", ".dockercfg", ".vault-token", ".npmrc-auth", "terraform.tfstate", "secrets.yml",
            "secrets.yaml", "secrets.json", "secrets.toml", "secret.json", "secret.yml", "secret.yaml");
    private static final Set<String> KEY_EXTENSIONS = Set.of("key", "p12", "pfx", "jks", "keystore", "kdbx", "ppk");
    private static final Set<String> SECRET_DIRS = Set.of(".aws", ".ssh", ".gnupg", ".azure", ".kube", "secrets",
            ".secrets");
    private static final Set<String> DATA_EXTENSIONS = Set.of("db", "sqlite", "sqlite3", "db3", "mdb", "dump");
    private static final Set<String> DATA_DIRS = Set.of("uploads", "upload", "media", "data", "pgdata", "db-data",
            "db_data", "postgres-data", "postgres_data", "mysql-data", "mysql_data", "mongo-data", "redis-data",
            "instance");
    private static final Set<String> LOG_DIRS = Set.of("logs", "log");
    private static final Set<String> VCS_DIRS = Set.of(".git", ".hg", ".svn", ".bzr");
    private static final Set<String> DEPENDENCY_DIRS = Set.of("node_modules", "bower_components", "jspm_packages",
            "venv", ".venv", "virtualenv", ".virtualenv", "env", "__pypackages__", "site-packages", ".eggs");
    private static final Set<String> CACHE_DIRS = Set.of("__pycache__", ".pytest_cache", ".mypy_cache", ".ruff_cache",
            ".tox", ".nox", ".hypothesis", "htmlcov", ".cache", ".parcel-cache", ".turbo", ".gradle", ".sass-cache");
    private static final Set<String> CACHE_FILES = Set.of(".coverage", ".eslintcache");
    private static final Set<String> CACHE_EXTENSIONS = Set.of("pyc", "pyo");

    private SensitivePaths() {}

    /** What {@code path} ('/'-separated, relative) is: by its own name first, then by the folders above it. */
    public static Optional<Match> classify(String path) {
        List<String> segments = List.of(path.split("/"));
        for (int i = segments.size() - 1; i >= 0; i--) {
            String segment = segments.get(i);
            if (segment.isEmpty()) {
                continue;
            }
            Optional<Match> m = classifyName(segment, i < segments.size() - 1);
            if (m.isPresent()) {
                return m;
            }
        }
        return Optional.empty();
    }

    /**
     * What one name is. {@code knownDirectory}: the name is a folder (a parent of another path), so
     * file-only rules (extensions) do not apply.
     */
    public static Optional<Match> classifyName(String name, boolean knownDirectory) {
        String lower = name.toLowerCase(Locale.ROOT);
        if (VCS_DIRS.contains(lower)) {
            return dir(Kind.VCS, "version control data", "HEAD");
        }
        if (SECRET_DIRS.contains(lower)) {
            return dir(Kind.SECRET, "credentials folder", "credentials");
        }
        if (DEPENDENCY_DIRS.contains(lower)) {
            String what = lower.contains("node") || lower.contains("bower") || lower.contains("jspm")
                    ? "installed Node packages" : "Python virtualenv or installed packages";
            return dir(Kind.DEPENDENCIES, what, lower.contains("node") ? "pkg/index.js" : "lib/site.py");
        }
        if (CACHE_DIRS.contains(lower)) {
            return dir(Kind.CACHE, lower.equals("__pycache__") ? "Python bytecode cache" : "tool cache",
                    lower.equals("__pycache__") ? "module.cpython-312.pyc" : "cache.bin");
        }
        if (LOG_DIRS.contains(lower)) {
            return dir(Kind.LOGS, "log folder", "app.log");
        }
        if (DATA_DIRS.contains(lower)) {
            String what = lower.startsWith("upload") || lower.equals("media") ? "user uploads" : "data folder";
            return dir(Kind.DATA, what, "file.bin");
        }
        if (knownDirectory) {
            return Optional.empty();
        }
        if (isEnvFile(lower)) {
            return file(Kind.SECRET, "environment file", true);
        }
        if (PRIVATE_KEY_NAMES.contains(lower)) {
            return file(Kind.SECRET, "SSH private key", true);
        }
        if (CREDENTIAL_FILES.contains(lower) || lower.startsWith("credentials") || lower.endsWith(".credentials")
                || lower.startsWith("service-account") && lower.endsWith(".json") || lower.endsWith(".tfstate")) {
            return file(Kind.SECRET, "credentials file", true);
        }
        String ext = extension(lower);
        if (KEY_EXTENSIONS.contains(ext)) {
            return file(Kind.SECRET, "private key or keystore", true);
        }
        if (ext.equals("pem")) {
            boolean key = lower.contains("key") || lower.contains("private") || lower.startsWith("id_");
            return file(Kind.SECRET, key ? "private key" : "PEM key or certificate", key);
        }
        if (DATA_EXTENSIONS.contains(ext) || lower.endsWith(".db-journal") || lower.endsWith(".sqlite-journal")) {
            return file(Kind.DATA, ext.startsWith("sqlite") || ext.equals("db") ? "SQLite database" : "database file", true);
        }
        if (ext.equals("log")) {
            return file(Kind.LOGS, "log file", true);
        }
        if (CACHE_EXTENSIONS.contains(ext)) {
            return file(Kind.CACHE, "Python bytecode", true);
        }
        if (CACHE_FILES.contains(lower)) {
            return file(Kind.CACHE, "tool cache", true);
        }
        return Optional.empty();
    }

    /**
     * Whether a file name is an env file with real values: {@code .env}, {@code .env.production},
     * {@code web.env}; not a template ({@code .env.example}, {@code web.env.sample}).
     */
    public static boolean isEnvFile(String name) {
        return FileClassifier.envFileType(name) == FileType.ENV;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot <= 0 ? "" : name.substring(dot + 1);
    }

    private static Optional<Match> dir(Kind kind, String what, String probe) {
        return Optional.of(new Match(kind, what, true, true, probe));
    }

    private static Optional<Match> file(Kind kind, String what, boolean definite) {
        return Optional.of(new Match(kind, what, false, definite, null));
    }
}
