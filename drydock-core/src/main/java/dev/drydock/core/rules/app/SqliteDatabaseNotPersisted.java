package dev.drydock.core.rules.app;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.Setting;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.KubernetesRuns;
import dev.drydock.core.rules.support.SqliteDatabases;
import dev.drydock.core.rules.support.SqliteDatabases.Database;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "sqlite-database-not-persisted",
        title = "The SQLite database is kept in the container and lost with it",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Images built from the project whose application keeps a SQLite database in a file: Django's"
                + " startproject settings (ENGINE django.db.backends.sqlite3, NAME BASE_DIR / \"db.sqlite3\", in the"
                + " project folder the server runs from); Flask-SQLAlchemy's SQLALCHEMY_DATABASE_URI set on the Flask"
                + " object (sqlite:////absolute/path, or sqlite:///relative, which Flask-SQLAlchemy 3 puts in the"
                + " application's instance folder); a Prisma schema whose datasource has provider sqlite and url"
                + " file:PATH, relative to the folder of schema.prisma. A URI read from an environment variable takes"
                + " the value the service or the image gives it, else the default the code writes. Reported for a"
                + " service of a compose file that is not for development, or a Kubernetes container, when no volume"
                + " (named or bind) and no VOLUME of the image covers the database's folder or the file. Quiet for"
                + " in-memory databases, Django test settings, DATABASES computed from the environment"
                + " (dj-database-url), Prisma 7 projects configured by prisma.config.ts, and an image no compose file"
                + " or Kubernetes manifest runs (how it is started is not known).",
        problem = "The database file is written into the container's writable layer, which belongs to that one"
                + " container: docker compose up after an image change, docker rm or a new deployment creates a new"
                + " container from the image, with the database as the image had it (empty, or the copy built in)."
                + " Two replicas each write a database of their own.",
        impact = "Every record written since the container was created (accounts, orders, uploads' metadata) is"
                + " lost at the next deployment, and with two replicas users see different data depending on which"
                + " one answers.",
        recommendation = "Keep the database in a folder of its own (/app/data/db.sqlite3 rather than beside the code)"
                + " and mount a named volume there (volumes: [app-data:/app/data]); a volume over the WORKDIR would"
                + " hide the code the image copies there. When the image runs as a non-root user, that user must own"
                + " the folder (see runtime-directory-not-writable). Run one replica, or move to a database server"
                + " for more.",
        references = {
                "https://docs.docker.com/engine/storage/",
                "https://docs.docker.com/engine/storage/volumes/",
                "https://docs.djangoproject.com/en/stable/ref/settings/#databases",
                "https://flask-sqlalchemy.readthedocs.io/en/stable/config/",
                "https://www.prisma.io/docs/orm/overview/databases/sqlite"},
        fix = FixSafety.NONE,
        effort = "15 min",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          web:
                            build: .
                            environment:
                              DATABASE_URL: file:./dev.db
                            ports:
                              - "127.0.0.1:3000:3000"
                        """,
                good = """
                        services:
                          web:
                            build: .
                            environment:
                              DATABASE_URL: file:/app/data/app.db
                            ports:
                              - "127.0.0.1:3000:3000"
                            volumes:
                              - app-data:/app/data
                        volumes:
                          app-data:
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                                FROM node:22.11.0-slim
                                WORKDIR /app
                                COPY . .
                                RUN npm ci && npx prisma generate
                                CMD ["node", "server.js"]
                                """),
                        @ExampleFile(name = "prisma/schema.prisma", content = """
                                datasource db {
                                  provider = "sqlite"
                                  url      = env("DATABASE_URL")
                                }
                                """)}))
public final class SqliteDatabaseNotPersisted implements Rule {

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container c : context.project().containers()) {
            List<KubernetesRuns> kube = c.isComposeService() ? List.of() : KubernetesRuns.of(context, c);
            if (c.isComposeService() ? !deployed(context, c) : kube.isEmpty()) {
                continue;
            }
            for (Database db : SqliteDatabases.of(context, c)) {
                if (persisted(c, db) || !kube.isEmpty() && kube.stream()
                        .allMatch(r -> r.container().mountPaths().stream().anyMatch(m -> covers(m, db)))) {
                    continue;
                }
                if (!reported.add(c.name() + "\0" + db.path())) {
                    continue;
                }
                context.finding(this, db.where(), "The SQLite database " + db.path() + ", from " + db.by() + ", is written"
                                + " inside " + runner(c, kube, db) + ", and no volume is mounted on " + db.folder()
                                + ": the data is lost whenever the container is recreated ("
                                + (c.isComposeService() ? "compose up after an image change, docker rm, a new deployment"
                                        : "a rollout, a pod rescheduled or restarted") + "), and each replica keeps a"
                                + " database of its own")
                        .recommendation(recommendation(c, db))
                        .add();
            }
        }
    }

    /** A compose service a deployment starts: declared outside development files, not scaled to zero. */
    private static boolean deployed(ReviewContext context, Container c) {
        Service s = c.service();
        return c.composeFile() != null && !ComposeServices.isDevelopmentFile(context, c.composeFile())
                && ComposeServices.declaredOutsideDevelopmentFiles(context, s) && !ComposeServices.scaledToZero(s);
    }

    private static String runner(Container c, List<KubernetesRuns> kube, Database db) {
        if (c.isComposeService()) {
            return "the container of the service " + c.name();
        }
        List<String> without = kube.stream().filter(r -> r.container().mountPaths().stream().noneMatch(m -> covers(m, db)))
                .map(r -> r.workload().describe(r.container())).toList();
        return "the container that " + String.join(", ", without) + " runs";
    }

    /** Whether a compose volume (not tmpfs) or a VOLUME of the image holds the file's folder or the file. */
    private static boolean persisted(Container c, Database db) {
        List<String> targets = new ArrayList<>();
        if (c.service() != null) {
            for (Service.Volume v : c.service().volumes()) {
                if (v.target() != null && !"tmpfs".equals(v.type())) {
                    targets.add(v.target());
                }
            }
        }
        if (c.build() != null && c.build().stage() != null) {
            for (Setting<String> v : c.build().stage().config().volumes()) {
                targets.add(v.value());
            }
        }
        return targets.stream().anyMatch(t -> covers(t, db));
    }

    private static boolean covers(String target, Database db) {
        String t = PathNames.normalizeAbsolute("/", target.strip());
        return t.equals("/") || t.equals(db.path()) || db.path().startsWith(t + "/");
    }

    /** For an image that runs as a non-root user: the folder must be that user's, or SQLite cannot create the file. */
    private static String owner(Container c, String dataFolder) {
        String user = c.user() == null ? null : c.user().value().split(":")[0];
        if (user == null || user.isBlank() || user.equals("root") || user.equals("0") || user.contains("$")) {
            return "";
        }
        return " The container runs as " + user + ": create the folder in the Dockerfile and give it to that user"
                + " (RUN mkdir -p " + dataFolder + " && chown " + user + " " + dataFolder + "), or SQLite cannot create"
                + " the database and its journal there.";
    }

    private static String recommendation(Container c, Database db) {
        String folder = db.folder();
        String file = PathNames.fileName(db.path());
        String dataFolder = db.sharedFolder() ? (folder.equals("/") ? "" : folder) + "/data" : folder;
        String mount = "app-data:" + dataFolder;
        String move = db.sharedFolder() ? "Move the database into a folder of its own, " + dataFolder + "/" + file
                + " (a volume on " + folder + " would hide what the image puts there; change the setting at "
                + db.where().file() + ":" + db.where().line() + " to that path), and " : "";
        String where = c.isComposeService() ? "add `" + mount + "` to the volumes of " + c.name()
                + " and `app-data:` to the top-level volumes" : "mount a volume on " + dataFolder + " (in Kubernetes"
                + " a volumeMount with mountPath " + dataFolder + " backed by a PersistentVolumeClaim)";
        String out = move + (move.isEmpty() ? Character.toUpperCase(where.charAt(0)) + where.substring(1) : where)
                + ", so that the data outlives the container.";
        return out + owner(c, dataFolder) + " Keep one replica: SQLite is one file on one host.";
    }
}
