package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppObject;
import dev.drydock.core.app.AppSource;
import dev.drydock.core.app.PrismaDatasource;
import dev.drydock.core.app.SourceSet;
import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.ImagePaths;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The SQLite database files an application of a container opens, as absolute paths in the container: Django's
 * startproject settings (NAME {@code BASE_DIR / "db.sqlite3"}, in the project folder the server runs from, the
 * WORKDIR); Flask-SQLAlchemy's SQLALCHEMY_DATABASE_URI set on the Flask object ({@code sqlite:////abs} absolute,
 * {@code sqlite:///rel} relative to the application's instance folder since Flask-SQLAlchemy 3.0: {@code instance}
 * beside the application's top package or module); Prisma's sqlite datasource ({@code file:./dev.db}, relative to the
 * folder of prisma/schema.prisma; Prisma 7's prisma.config.ts, where the driver adapter opens the path, is left
 * alone). A URI read from an environment variable takes the container's value of it, else the default the code gives.
 * In-memory databases are left out.
 */
public final class SqliteDatabases {

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

    public static List<Database> of(ReviewContext context, Container c) {
        EntryPoint ep = c.entryPoint();
        if (ep == null || c.build() == null || c.build().stage() == null || ep.workdir() == null
                || !ep.workdir().startsWith("/")) {
            return List.of();
        }
        List<Database> out = new ArrayList<>();
        AppSource app = Apps.of(context, c);
        django(context, ep, app).ifPresent(out::add);
        flask(context, c, ep, app).ifPresent(out::add);
        prisma(context, c, ep).ifPresent(out::add);
        return out.stream().map(d -> new Database(d.path(), d.by(), d.where(), sharedFolder(context, c, ep, d.folder())))
                .toList();
    }

    /** Whether the folder is the WORKDIR (or above it), or the image copies a folder of the project there. */
    private static boolean sharedFolder(ReviewContext context, Container c, EntryPoint ep, String folder) {
        String workdir = PathNames.normalizeAbsolute("/", ep.workdir());
        if (workdir.equals(folder) || folder.equals("/") || workdir.startsWith(folder + "/")) {
            return true;
        }
        var project = context.project();
        return ImagePaths.of(c.build().model(), c.build().stage(),
                        p -> project.files().isDirectory(PathNames.join(c.build().context(), p)))
                .toContext(folder).map(p -> project.files().isDirectory(PathNames.join(c.build().context(), p)))
                .orElse(false);
    }

    private static Optional<Database> django(ReviewContext context, EntryPoint ep, AppSource app) {
        String settings = ep.environment().getOrDefault("DJANGO_SETTINGS_MODULE", app.djangoSettingsModule().orElse(""));
        if (settings.toLowerCase(Locale.ROOT).contains("test")) {
            return Optional.empty();
        }
        return app.djangoSqliteFile().flatMap(file -> app.djangoSqliteName().map(line -> new Database(
                PathNames.normalizeAbsolute(ep.workdir(), file), "Django's DATABASES NAME BASE_DIR / \"" + file
                        + "\", in the project folder the server runs from",
                at(context, line.file(), line.line()), false)));
    }

    private static Optional<Database> flask(ReviewContext context, Container c, EntryPoint ep, AppSource app) {
        Optional<AppSource.DatabaseUri> uri = app.flaskDatabaseUri();
        Optional<AppObject> object = app.app();
        if (uri.isEmpty() || object.isEmpty()) {
            return Optional.empty();
        }
        AppSource.DatabaseUri u = uri.get();
        Value value = value(c, ep.environment(), u.literal(), u.variable(), u.fallback(),
                at(context, u.file(), u.line()));
        if (value == null || !value.text().startsWith("sqlite")) {
            return Optional.empty();
        }
        String file = sqlalchemyFile(value.text());
        if (file == null) {
            return Optional.empty();
        }
        if (file.startsWith("/")) {
            return Optional.of(new Database(PathNames.normalizeAbsolute("/", file), "SQLALCHEMY_DATABASE_URI "
                    + value.text() + value.how(), value.where(), false));
        }
        return instanceFolder(context, c, object.get().file()).map(instance -> new Database(
                PathNames.normalizeAbsolute(instance, file), "SQLALCHEMY_DATABASE_URI " + value.text() + value.how()
                        + ", a relative path, which Flask-SQLAlchemy 3 puts in the application's instance folder "
                        + instance, value.where(), false));
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

    private static Optional<Database> prisma(ReviewContext context, Container c, EntryPoint ep) {
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
            Value value = value(c, ep.environment(), d.url(), d.variable(), null, new Location(schema, source.get().lines(d.line(), d.line())));
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

    private static Value value(Container c, Map<String, String> env, String literal, String variable, String fallback,
            Location written) {
        if (literal != null) {
            return new Value(literal, written, "");
        }
        if (variable == null) {
            return null;
        }
        String set = env.get(variable);
        if (set != null && !set.isEmpty()) {
            if (set.contains("$")) {
                return null;
            }
            Service s = c.service();
            Optional<Service.EnvVar> entry = s == null ? Optional.empty() : s.env(variable);
            Location where = entry.isPresent() ? ComposeServices.envEntry(s, entry.get()) : written;
            return new Value(set, where, " from " + variable + (entry.isPresent() ? " of the service " + c.name()
                    : " of the image"));
        }
        return fallback == null ? null
                : new Value(fallback, written, ", the default when " + variable + " is not set, and "
                        + (c.isComposeService() ? "the service " + c.name() + " does not set it" : "nothing sets it"));
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
