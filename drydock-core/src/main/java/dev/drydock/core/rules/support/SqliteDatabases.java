package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppObject;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.PrismaDatasource;
import dev.drydock.core.app.RailsDatabaseConfig;
import dev.drydock.core.app.SourceSet;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Runtime;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.ImagePaths;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The SQLite database files an application of a container opens in one of its deployments ({@link DeployedRuns}), as
 * absolute paths in the container:
 * <ul>
 * <li>Django's DATABASES NAME of its one sqlite3 entry: {@code BASE_DIR / "db.sqlite3"}, {@code os.path.join(BASE_DIR,
 * "data", "db.sqlite3")}, an absolute path, or a read of the environment with such a default; BASE_DIR and other
 * paths built from the settings file's own location land where the image copies that file, a relative path is
 * relative to the WORKDIR the server runs in;</li>
 * <li>Flask-SQLAlchemy's SQLALCHEMY_DATABASE_URI as the application object's configuration has the last word on it
 * (set on the object, or in the config class or file it loads): {@code sqlite:////abs} absolute, {@code sqlite:///rel}
 * relative to the application's instance folder since Flask-SQLAlchemy 3.0 ({@code instance} beside the application's
 * top package or module), a path built from the config module's location ({@code "sqlite:///" +
 * os.path.join(basedir, "app.db")}) where the image copies that module;</li>
 * <li>Prisma's sqlite datasource ({@code file:./dev.db}, relative to the folder of prisma/schema.prisma; Prisma 7's
 * prisma.config.ts, where the driver adapter opens the path, is left alone);</li>
 * <li>Rails' primary database of the environment the container runs in (RAILS_ENV, else RACK_ENV, else
 * development) as config/database.yml sets it, adapter sqlite3, its database relative to the application's root
 * (where the image copies the build context); PRIMARY_DATABASE_URL or DATABASE_URL of the container replaces it
 * ({@code sqlite3:storage/x.sqlite3}, {@code sqlite3:///abs}; any other scheme is another server).</li>
 * </ul>
 * A setting read from an environment variable takes the run's value of it, else the default the code gives; a run
 * that may set it to a value drydock cannot read (a Kamal secret, an env_file missing from the project) leaves it
 * unknown. In-memory databases are left out.
 */
public final class SqliteDatabases {

    private static final java.util.Set<String> PLACEHOLDERS = java.util.Set.of(".keep", ".gitkeep", ".gitignore");

    private SqliteDatabases() {
    }

    /**
     * One database file.
     *
     * @param path the absolute path of the file in the container
     * @param by what chooses it, in words ({@code Django's DATABASES NAME})
     * @param where the line that sets the path
     * @param sharedFolder whether the folder also holds what the image puts there (the WORKDIR, a folder copied from
     *     the project), which a volume mounted on it would hide
     */
    public record Database(String path, String by, Location where, boolean sharedFolder) {

        public String folder() {
            String parent = PathNames.parent(path);
            return parent.isEmpty() ? "/" : parent;
        }
    }

    /** The databases the container's application opens when {@code run} starts it. */
    public static List<Database> of(ReviewContext context, Container c, DeployedRuns.Run run) {
        EntryPoint ep = c.entryPoint();
        if (c.build() == null || c.build().stage() == null) {
            return List.of();
        }
        List<Database> out = new ArrayList<>();
        rails(context, c, run).ifPresent(out::add);
        if (ep != null && ep.workdir() != null && ep.workdir().startsWith("/")) {
            AppSource app = Apps.of(context, c);
            django(context, c, ep, app, run).ifPresent(out::add);
            flask(context, c, app, run).ifPresent(out::add);
            prisma(context, c, run).ifPresent(out::add);
        }
        return out.stream().map(d -> new Database(d.path(), d.by(), d.where(),
                sharedFolder(context, c, ep == null ? null : ep.workdir(), d.folder()))).toList();
    }

    /**
     * Whether the folder is the WORKDIR (or above it), or the image copies there a folder of the project that holds
     * more than placeholders (.keep, .gitkeep: Rails' storage/ holds only one).
     */
    private static boolean sharedFolder(ReviewContext context, Container c, String workdir, String folder) {
        if (workdir != null && workdir.startsWith("/")) {
            String w = PathNames.normalizeAbsolute("/", workdir);
            if (w.equals(folder) || w.startsWith(folder + "/")) {
                return true;
            }
        }
        if (folder.equals("/")) {
            return true;
        }
        var project = context.project();
        return ImagePaths.of(c.build().model(), c.build().stage(),
                        p -> project.files().isDirectory(PathNames.join(c.build().context(), p)))
                .toContext(folder).map(p -> PathNames.join(c.build().context(), p))
                .filter(dir -> project.files().isDirectory(dir))
                .map(dir -> project.layout().entries().stream().anyMatch(e -> e.path().startsWith(dir + "/")
                        && !PLACEHOLDERS.contains(PathNames.fileName(e.path()))))
                .orElse(false);
    }

    private static Optional<Database> django(ReviewContext context, Container c, EntryPoint ep, AppSource app,
            DeployedRuns.Run run) {
        String settings = run.environment().getOrDefault("DJANGO_SETTINGS_MODULE",
                app.djangoSettingsModule().orElse(""));
        if (settings.toLowerCase(Locale.ROOT).contains("test") || run.hides("DJANGO_SETTINGS_MODULE")) {
            return Optional.empty();
        }
        Optional<AppSource.DatabaseUri> name = app.djangoSqliteDatabase();
        if (name.isEmpty()) {
            return Optional.empty();
        }
        AppSource.DatabaseUri n = name.get();
        Value value = value(run, n, at(context, n.file(), n.line()));
        String text = value == null ? null : placed(context, c, n, value.text());
        if (text == null || text.isEmpty() || text.equals(":memory:") || text.startsWith("file:")) {
            return Optional.empty();
        }
        String path = PathNames.normalizeAbsolute(ep.workdir(), text);
        return Optional.of(new Database(path, "Django's DATABASES NAME " + written(context, n) + "in " + n.file()
                + value.how()
                + (text.startsWith("/") ? "" : ", relative to the folder the server runs in, " + ep.workdir()),
                value.where(), false));
    }

    /** The value of the setting as its line writes it after {@code "NAME":}, with a space after it; else "". */
    private static String written(ReviewContext context, AppSource.DatabaseUri n) {
        String line = context.project().source(n.file()).filter(f -> n.line() >= 1 && n.line() <= f.lineCount())
                .map(f -> f.line(n.line())).orElse("");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("[\"']NAME[\"']\\s*:\\s*(.+?),?\\s*(#.*)?$")
                .matcher(line);
        return m.find() ? m.group(1) + " " : "";
    }

    /**
     * The text with the folder where the image copies the module that wrote it in place of the module's location;
     * null when the text is built from that location and the image does not copy the module.
     */
    private static String placed(ReviewContext context, Container c, AppSource.DatabaseUri u, String text) {
        if (!text.contains(AppSource.DatabaseUri.MODULE_FOLDER)) {
            return text;
        }
        return containerPath(context, c, u.file())
                .map(inImage -> AppSource.DatabaseUri.resolve(text, PathNames.parent(inImage).isEmpty() ? "/"
                        : PathNames.parent(inImage)))
                .orElse(null);
    }

    private static Optional<Database> flask(ReviewContext context, Container c, AppSource app, DeployedRuns.Run run) {
        Optional<AppSource.DatabaseUri> uri = app.flaskDatabaseUri();
        Optional<AppObject> object = app.app();
        if (uri.isEmpty() || object.isEmpty()) {
            return Optional.empty();
        }
        AppSource.DatabaseUri u = uri.get();
        Value value = value(run, u, at(context, u.file(), u.line()));
        String text = value == null ? null : placed(context, c, u, value.text());
        if (text == null || !text.startsWith("sqlite")) {
            return Optional.empty();
        }
        String file = sqlalchemyFile(text);
        if (file == null) {
            return Optional.empty();
        }
        String shown = text.equals(value.text()) ? text : value.text().replace(AppSource.DatabaseUri.MODULE_FOLDER,
                "<folder of " + u.file() + ">") + " (" + text + " in the image)";
        if (file.startsWith("/")) {
            return Optional.of(new Database(PathNames.normalizeAbsolute("/", file), "SQLALCHEMY_DATABASE_URI "
                    + shown + value.how(), value.where(), false));
        }
        return instanceFolder(context, c, object.get().file()).map(instance -> new Database(
                PathNames.normalizeAbsolute(instance, file), "SQLALCHEMY_DATABASE_URI " + shown + value.how()
                        + ", a relative path, which Flask-SQLAlchemy 3 puts in the application's instance folder "
                        + instance, value.where(), false));
    }

    /**
     * Rails' primary database of the environment the container runs, when its adapter is sqlite3: from the URL the
     * run gives (PRIMARY_DATABASE_URL, DATABASE_URL), else from config/database.yml.
     */
    private static Optional<Database> rails(ReviewContext context, Container c, DeployedRuns.Run run) {
        String root = c.build().context();
        String yml = PathNames.join(root, "config/database.yml");
        var project = context.project();
        Optional<SourceFile> source = project.source(yml);
        Optional<String> inImage = containerPath(context, c, yml);
        if (source.isEmpty() || inImage.isEmpty() || !project.files().exists(PathNames.join(root, "config/application.rb"))) {
            return Optional.empty();
        }
        String appRoot = PathNames.parent(PathNames.parent(inImage.get()));
        appRoot = appRoot.isEmpty() ? "/" : appRoot;
        String environment = railsEnvironment(c, run);
        if (environment == null) {
            return Optional.empty();
        }
        RailsDatabaseConfig.Environment env = new RailsDatabaseConfig.Environment() {
            @Override
            public String value(String name) {
                return run.environment().get(name);
            }

            @Override
            public boolean hidden(String name) {
                return run.hides(name) || run.environment().getOrDefault(name, "").contains("$");
            }
        };
        Optional<RailsDatabaseConfig.Primary> primary = RailsDatabaseConfig.primary(source.get(), environment, env);
        String name = primary.map(RailsDatabaseConfig.Primary::name).orElse("primary");
        List<String> urls = new ArrayList<>(List.of(name.toUpperCase(Locale.ROOT) + "_DATABASE_URL"));
        if (name.equals("primary")) {
            urls.add("DATABASE_URL");
        }
        for (String variable : urls) {
            if (run.hides(variable)) {
                return Optional.empty();
            }
            String url = run.environment().get(variable);
            if (url != null && !url.isEmpty()) {
                String file = railsSqliteFile(url);
                if (file == null) {
                    return Optional.empty();
                }
                Location where = run.written().getOrDefault(variable, new Location(c.build().dockerfile(), null));
                return Optional.of(new Database(PathNames.normalizeAbsolute(appRoot, file), variable + " " + url
                        + " of " + (run.written().containsKey(variable) ? run.setter() : "the image")
                        + ", which replaces the " + environment + " database of " + yml
                        + (file.startsWith("/") ? "" : ", relative to the application's root " + appRoot), where, false));
            }
        }
        if (primary.isEmpty()) {
            return Optional.empty();
        }
        RailsDatabaseConfig.Primary p = primary.get();
        RailsDatabaseConfig.Value url = p.url();
        if (url != null && (url.text() == null || !url.text().isEmpty())) {
            String file = url.text() == null ? null : railsSqliteFile(url.text());
            return file == null ? Optional.empty() : Optional.of(railsDatabase(context, yml, environment, url,
                    "url " + url.text(), file, appRoot));
        }
        if (p.adapter() == null || !"sqlite3".equals(p.adapter().text()) || p.database() == null
                || p.database().text() == null) {
            return Optional.empty();
        }
        String file = p.database().text().strip();
        if (file.isEmpty() || file.equals(":memory:") || file.startsWith("file:")) {
            return Optional.empty();
        }
        return Optional.of(railsDatabase(context, yml, environment, p.database(), "database " + file, file, appRoot));
    }

    private static Database railsDatabase(ReviewContext context, String yml, String environment,
            RailsDatabaseConfig.Value value, String written, String file, String appRoot) {
        return new Database(PathNames.normalizeAbsolute(appRoot, file), "the " + environment + " " + written + " of "
                + yml + (value.erb().isEmpty() ? "" : " (" + value.erb() + ")")
                + (file.startsWith("/") ? "" : ", relative to the application's root " + appRoot),
                at(context, yml, value.line()), false);
    }

    /** The environment Rails runs in: RAILS_ENV, else RACK_ENV, else the server's -e, else development; null unknown. */
    private static String railsEnvironment(Container c, DeployedRuns.Run run) {
        for (String variable : List.of("RAILS_ENV", "RACK_ENV")) {
            String value = run.environment().get(variable);
            if (run.hides(variable) || value != null && value.contains("$")) {
                return null;
            }
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        EntryPoint ep = c.entryPoint();
        String option = ep != null && ep.runtime() == Runtime.RAILS_SERVER ? ep.option("environment") : null;
        return option != null && !option.contains("$") ? option : "development";
    }

    /**
     * The database file of a Rails database URL with the sqlite3 scheme: {@code sqlite3:relative/path},
     * {@code sqlite3:/abs} or {@code sqlite3:///abs}; null for another scheme, or in memory.
     */
    static String railsSqliteFile(String url) {
        if (!url.startsWith("sqlite3:")) {
            return null;
        }
        String rest = url.substring("sqlite3:".length());
        if (rest.startsWith("//")) {
            rest = rest.substring(2);
            int slash = rest.indexOf('/');
            if (slash != 0) {
                return null; // a host part: not a file drydock places
            }
        }
        int query = rest.indexOf('?');
        rest = query < 0 ? rest : rest.substring(0, query);
        return rest.isEmpty() || rest.equals(":memory:") ? null : rest;
    }

    /** The file of a SQLAlchemy sqlite URL ({@code sqlite:///x.db}, {@code sqlite+pysqlite:////abs}); null in memory. */
    static String sqlalchemyFile(String url) {
        int scheme = url.indexOf("://");
        if (scheme < 0 || !url.substring(0, scheme).matches("sqlite(\\+\\w+)?")) {
            return null;
        }
        String rest = url.substring(scheme + 3);
        if (!rest.startsWith("/")) {
            return null;
        }
        String path = rest.substring(1);
        int query = path.indexOf('?');
        path = query < 0 ? path : path.substring(0, query);
        return path.isEmpty() || path.equals(":memory:") || path.startsWith("file:") ? null : path;
    }

    /**
     * Flask's default instance folder: {@code instance} in the folder that holds the application's top-level package
     * (or its module, when it is not in a package), as a path in the container.
     */
    private static Optional<String> instanceFolder(ReviewContext context, Container c, String moduleFile) {
        String dir = PathNames.parent(moduleFile);
        var files = context.project().files();
        while (!dir.isEmpty() && files.exists(PathNames.join(dir, "__init__.py"))) {
            dir = PathNames.parent(dir);
        }
        int levels = 0;
        for (String at = PathNames.parent(moduleFile); !at.equals(dir); at = PathNames.parent(at)) {
            levels++;
        }
        int up = levels;
        return containerPath(context, c, moduleFile).map(path -> {
            String folder = PathNames.parent(path);
            for (int i = 0; i < up; i++) {
                folder = PathNames.parent(folder);
            }
            return PathNames.normalizeAbsolute(folder.isEmpty() ? "/" : folder, "instance");
        });
    }

    private static Optional<Database> prisma(ReviewContext context, Container c, DeployedRuns.Run run) {
        String root = c.build().context();
        SourceSet sources = SourceSet.of(context.project(), c);
        for (String config : List.of("prisma.config.ts", "prisma.config.js", "prisma.config.mjs")) {
            if (context.project().files().exists(PathNames.join(root, config))) {
                return Optional.empty();
            }
        }
        for (String schema : List.of(PathNames.join(root, "prisma/schema.prisma"), PathNames.join(root, "schema.prisma"))) {
            var source = sources.read(schema);
            if (source.isEmpty()) {
                continue;
            }
            Optional<PrismaDatasource> datasource = PrismaDatasource.read(source.get().text())
                    .filter(d -> d.provider().equals("sqlite"));
            if (datasource.isEmpty()) {
                return Optional.empty();
            }
            PrismaDatasource d = datasource.get();
            Value value = value(run, new AppSource.DatabaseUri(schema, d.line(), d.url(), d.variable(), null,
                    List.of()), new Location(schema, source.get().lines(d.line(), d.line())));
            if (value == null || !value.text().startsWith("file:")) {
                return Optional.empty();
            }
            String file = value.text().substring("file:".length());
            int query = file.indexOf('?');
            file = query < 0 ? file : file.substring(0, query);
            if (file.isEmpty() || file.equals(":memory:")) {
                return Optional.empty();
            }
            String path = file;
            return containerPath(context, c, schema).map(inImage -> new Database(
                    PathNames.normalizeAbsolute(PathNames.parent(inImage), path), "the Prisma datasource url "
                            + value.text() + value.how() + ", relative to " + PathNames.parent(inImage)
                            + ", the folder of " + schema, value.where(), false));
        }
        return Optional.empty();
    }

    /** A setting's value in the container, where it is set, and in words how it came to be. */
    private record Value(String text, Location where, String how) {
    }

    /**
     * The value a setting has when {@code run} starts the container: a variable that overrides it, else the text
     * written, else the run's value of the variable it reads, else its default; null when unknown.
     */
    private static Value value(DeployedRuns.Run run, AppSource.DatabaseUri setting, Location written) {
        for (String override : setting.overrides()) {
            Value set = fromRun(run, override, written);
            if (set != null || run.hides(override)) {
                return set;
            }
        }
        if (setting.literal() != null) {
            return new Value(setting.literal(), written, "");
        }
        String variable = setting.variable();
        if (variable == null || run.hides(variable)) {
            return null;
        }
        Value set = fromRun(run, variable, written);
        if (set != null || run.environment().containsKey(variable) && !run.environment().get(variable).isEmpty()) {
            return set;
        }
        return setting.fallback() == null ? null
                : new Value(setting.fallback(), written, ", the default when " + variable + " is not set, and "
                        + run.setter() + " does not set it");
    }

    /** The run's value of the variable, null when it has none or one drydock cannot read. */
    private static Value fromRun(DeployedRuns.Run run, String variable, Location written) {
        String set = run.environment().get(variable);
        if (run.hides(variable) || set == null || set.isEmpty() || set.contains("$")) {
            return null;
        }
        boolean own = run.written().containsKey(variable);
        return new Value(set, run.written().getOrDefault(variable, written), " from " + variable + " of "
                + (own ? run.setter() : "the image"));
    }

    private static Location at(ReviewContext context, String file, int line) {
        return context.project().source(file).map(source -> new Location(file, source.lines(line, line)))
                .orElse(new Location(file, null));
    }

    /** Where a project file lands in the container's file system, by the copies of its image. */
    static Optional<String> containerPath(ReviewContext context, Container c, String projectFile) {
        String inContext = BuildContexts.inContext(c.build(), projectFile);
        if (inContext == null) {
            return Optional.empty();
        }
        var project = context.project();
        return ImagePaths.of(c.build().model(), c.build().stage(),
                        p -> project.files().isDirectory(PathNames.join(c.build().context(), p)))
                .toContainer(inContext).stream().findFirst();
    }
}
