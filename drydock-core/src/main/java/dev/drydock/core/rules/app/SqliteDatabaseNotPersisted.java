package dev.drydock.core.rules.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.DeployedRuns;
import dev.drydock.core.rules.support.PersistentMounts;
import dev.drydock.core.rules.support.SqliteDatabases;
import dev.drydock.core.rules.support.SqliteDatabases.Database;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

@RuleDefinition(
        id = "sqlite-database-not-persisted",
        title = "The SQLite database is kept in the container and lost with it",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Images built from the project whose application keeps a SQLite database in a file: Django's"
                + " DATABASES NAME of its one sqlite3 entry (BASE_DIR / \"db.sqlite3\", os.path.join(BASE_DIR, \"data\","
                + " \"db.sqlite3\"), an absolute path, or an environment variable with such a default; BASE_DIR and"
                + " paths built from __file__ where the image copies the settings, a relative path in the WORKDIR);"
                + " Flask-SQLAlchemy's SQLALCHEMY_DATABASE_URI as the Flask object's configuration has the last word"
                + " on it: set on the object, or in the config class app.config.from_object loads (by name, as"
                + " \"config.ProductionConfig\", or as the application factory's default config_class; its bases"
                + " too), the module or from_pyfile file, with FLASK_SQLALCHEMY_DATABASE_URI over it after"
                + " from_prefixed_env (sqlite:////absolute/path; sqlite:///relative, which Flask-SQLAlchemy 3 puts in"
                + " the application's instance folder; \"sqlite:///\" + os.path.join(basedir, \"app.db\") with basedir"
                + " the folder of config.py in the image); a Prisma schema whose datasource has provider sqlite and"
                + " url file:PATH, relative to the folder of schema.prisma; Rails' config/database.yml, the primary"
                + " database (the one named primary, else the first) of the environment the container runs in"
                + " (RAILS_ENV, else RACK_ENV, else development) with adapter sqlite3, its database relative to the"
                + " application's root in the image (ERB reads of the environment, ENV.fetch(\"X\") { \"default\" },"
                + " evaluated; PRIMARY_DATABASE_URL or DATABASE_URL of the container replaces it, judged as a"
                + " sqlite3: URL or another server). A setting read from an environment variable takes the value the"
                + " deployment or the image gives it, else the default the code writes. Reported for a service of a"
                + " compose file that is not for development, a Kubernetes container, or the containers Kamal starts"
                + " (config/deploy.yml beside the build context) when no lasting storage covers the database's folder"
                + " or the file: a compose volume (named, bind or anonymous; not tmpfs), a volumeMount of a"
                + " PersistentVolumeClaim, hostPath or other lasting volume (not an emptyDir, which goes with the"
                + " pod), an entry of Kamal's volumes:, or a VOLUME of the image. Quiet for in-memory databases,"
                + " Django test settings, DATABASES computed from the environment (dj-database-url), a variable the"
                + " deployment sets from somewhere drydock cannot read (a Kamal secret, an env_file missing from the"
                + " project, envFrom), Prisma 7 projects configured by prisma.config.ts, and an image no compose file,"
                + " Kubernetes manifest or Kamal configuration runs (how it is started is not known).",
        problem = "The database file is written into the container's writable layer, which belongs to that one"
                + " container: docker compose up after an image change, docker rm or a new deployment creates a new"
                + " container from the image, with the database as the image had it (empty, or the copy built in)."
                + " Two replicas each write a database of their own.",
        impact = "Every record written since the container was created (accounts, orders, uploads' metadata) is"
                + " lost at the next deployment, and with two replicas users see different data depending on which"
                + " one answers.",
        recommendation = "Keep the database in a folder of its own (/app/data/db.sqlite3 rather than beside the code)"
                + " and mount a named volume there (volumes: [app-data:/app/data]; with Kamal, volumes:"
                + " [\"app_storage:/rails/storage\"] in config/deploy.yml); a volume over the WORKDIR would"
                + " hide the code the image copies there. When the image runs as a non-root user, that user must own"
                + " the folder (see runtime-directory-not-writable). Run one replica, or move to a database server"
                + " for more.",
        references = {
                "https://docs.docker.com/engine/storage/",
                "https://docs.docker.com/engine/storage/volumes/",
                "https://docs.djangoproject.com/en/stable/ref/settings/#databases",
                "https://flask-sqlalchemy.readthedocs.io/en/stable/config/",
                "https://www.prisma.io/docs/orm/overview/databases/sqlite",
                "https://guides.rubyonrails.org/configuring.html#configuring-a-database",
                "https://kamal-deploy.org/docs/configuration/overview/",
                "https://kubernetes.io/docs/concepts/storage/volumes/#emptydir"},
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

    /** A database and the deployments that keep it in the container's own layer. */
    private record Unkept(Database db, List<DeployedRuns.Run> runs) {}

    @Override
    public void check(ReviewContext context) {
        Set<String> reported = new HashSet<>();
        for (Container c : context.project().containers()) {
            Map<String, Unkept> unkept = new LinkedHashMap<>();
            for (DeployedRuns.Run run : DeployedRuns.of(context, c)) {
                for (Database db : SqliteDatabases.of(context, c, run)) {
                    if (!PersistentMounts.covers(run.persistent(), db.path())) {
                        unkept.computeIfAbsent(db.path() + "\0" + db.where(), k -> new Unkept(db, new ArrayList<>()))
                                .runs().add(run);
                    }
                }
            }
            for (Unkept u : unkept.values()) {
                Database db = u.db();
                if (!reported.add(c.name() + "\0" + db.path())) {
                    continue;
                }
                context.finding(this, db.where(), "The SQLite database " + db.path() + ", from " + db.by() + ", is written"
                                + " inside " + u.runs().stream().map(DeployedRuns.Run::describe).distinct()
                                        .collect(Collectors.joining(" and ")) + ", and no volume that outlives the"
                                + " container is mounted on " + db.folder() + ": the data is lost whenever the container"
                                + " is recreated (" + u.runs().stream().map(r -> lifecycle(r.kind())).distinct()
                                        .collect(Collectors.joining("; ")) + "), and each replica keeps a database of"
                                + " its own")
                        .recommendation(recommendation(c, db, u.runs().get(0)))
                        .add();
            }
        }
    }

    private static String lifecycle(DeployedRuns.Kind kind) {
        return switch (kind) {
            case COMPOSE -> "compose up after an image change, docker rm, a new deployment";
            case KUBERNETES -> "a rollout, a pod rescheduled or restarted; an emptyDir goes with the pod";
            case KAMAL -> "every kamal deploy, which starts a new container";
        };
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

    private static String recommendation(Container c, Database db, DeployedRuns.Run run) {
        String folder = db.folder();
        String file = PathNames.fileName(db.path());
        String dataFolder = db.sharedFolder() ? (folder.equals("/") ? "" : folder) + "/data" : folder;
        String mount = "app-data:" + dataFolder;
        String move = db.sharedFolder() ? "Move the database into a folder of its own, " + dataFolder + "/" + file
                + " (a volume on " + folder + " would hide what the image puts there; change the setting at "
                + db.where().file() + ":" + db.where().line() + " to that path), and " : "";
        String where = switch (run.kind()) {
            case COMPOSE -> "add `" + mount + "` to the volumes of " + c.name() + " and `app-data:` to the top-level"
                    + " volumes";
            case KUBERNETES -> "mount a volume on " + dataFolder + " (in Kubernetes a volumeMount with mountPath "
                    + dataFolder + " backed by a PersistentVolumeClaim, not an emptyDir)";
            case KAMAL -> "add `- \"app_data:" + dataFolder + "\"` to the top-level volumes: of " + run.kamal().file()
                    + " (Kamal mounts them into the container of every role)";
        };
        String out = move + (move.isEmpty() ? Character.toUpperCase(where.charAt(0)) + where.substring(1) : where)
                + ", so that the data outlives the container.";
        return out + owner(c, dataFolder) + " Keep one replica: SQLite is one file on one host.";
    }
}
