package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The project's shell scripts that a database image's entrypoint runs from {@value #FOLDER} when it initializes an
 * empty data directory, as compose services bind-mount them there (the folder, or one file into it). The entrypoints
 * of postgres (and the images built on it), mysql and mariadb run a {@code *.sh} that is executable and source one that
 * is not, in their bash; mongo's sources every {@code *.sh}. The scripts run only at that first start: one that fails
 * stops the container, and the data directory it leaves is taken as initialized at the next start, which then skips
 * them all.
 */
public final class DatabaseInitScripts {

    /** The folder the database images read their init scripts from. */
    public static final String FOLDER = "/docker-entrypoint-initdb.d";

    private static final Set<String> WITH_INIT_FOLDER = Set.of("mysql", "mariadb", "mongo");

    /** The variables the entrypoints set (to their defaults when unset) before they run the scripts. */
    private static final java.util.Map<String, Set<String>> ENTRYPOINT_VARIABLES = java.util.Map.of(
            "postgres", Set.of("POSTGRES_USER", "POSTGRES_DB", "POSTGRES_PASSWORD", "PGDATA", "PGPORT", "PGHOST"),
            "mysql", Set.of("MYSQL_ROOT_PASSWORD", "MYSQL_DATABASE", "MYSQL_USER", "MYSQL_PASSWORD", "mysql"),
            "mariadb", Set.of("MARIADB_ROOT_PASSWORD", "MARIADB_DATABASE", "MARIADB_USER", "MARIADB_PASSWORD",
                    "MYSQL_ROOT_PASSWORD", "MYSQL_DATABASE", "MYSQL_USER", "MYSQL_PASSWORD", "mysql"),
            "mongo", Set.of("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD", "MONGO_INITDB_DATABASE",
                    "mongo"));

    /**
     * One init script.
     *
     * @param file the project file
     * @param containerPath where the container has it
     * @param container the service that mounts it
     * @param store the database ("PostgreSQL")
     * @param executed whether the entrypoint executes it (an executable file); else it sources it in bash
     * @param variables the variables the entrypoint has set when it runs the script
     */
    public record Script(SourceFile file, String containerPath, Container container, String store, boolean executed,
            Set<String> variables) {}

    private DatabaseInitScripts() {}

    /**
     * Every init script the project's compose services mount, once per service, in name order within a folder; found
     * once per review.
     */
    public static List<Script> of(ReviewContext context) {
        return context.memo("database-init-scripts", context.project(), () -> find(context.project()));
    }

    private static List<Script> find(Project project) {
        List<Script> scripts = new ArrayList<>();
        for (Container c : project.containers()) {
            Service service = c.service();
            String image = service == null ? null : imageName(c);
            if (image == null || !(DataStores.officialPostgres(image) || WITH_INIT_FOLDER.contains(image))) {
                continue;
            }
            String store = DataStores.ofImageName(image).orElse(image);
            boolean sourcesAll = image.equals("mongo");
            Set<String> variables = ENTRYPOINT_VARIABLES.get(DataStores.officialPostgres(image) ? "postgres" : image);
            for (Service.Volume volume : service.volumes()) {
                if (!volume.isBind() || volume.hostPath() == null || volume.target() == null
                        || volume.source() == null || volume.source().contains("$")) {
                    continue;
                }
                String host = ComposeServices.projectPath(project, volume.hostPath());
                String target = PathNames.normalizeAbsolute("/", volume.target());
                if (host == null) {
                    continue;
                }
                if (target.equals(FOLDER) && project.files().isDirectory(host)) {
                    for (ProjectEntry entry : project.layout().sources()) {
                        if (PathNames.parent(entry.path()).equals(host) && entry.name().endsWith(".sh")) {
                            add(project, scripts, entry.path(), FOLDER + "/" + entry.name(), c, store, sourcesAll, variables);
                        }
                    }
                } else if (PathNames.parent(target).equals(FOLDER) && target.endsWith(".sh")) {
                    add(project, scripts, host, target, c, store, sourcesAll, variables);
                }
            }
        }
        return scripts;
    }

    private static void add(Project project, List<Script> scripts, String path, String containerPath, Container c,
            String store, boolean sourcesAll, Set<String> variables) {
        Optional<SourceFile> file = project.source(path);
        if (file.isPresent()) {
            boolean executable = project.files().mode(path).map(m -> m.executable()).orElse(false);
            scripts.add(new Script(file.get(), containerPath, c, store, executable && !sourcesAll, variables));
        }
    }

    /** The familiar name of the image the container runs: the one it pulls, else its build's root base. */
    private static String imageName(Container c) {
        if (c.build() == null) {
            return DataStores.imageName(c.service()).orElse(null);
        }
        if (c.build().model() == null || c.build().stage() == null) {
            return null;
        }
        return Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External external
                && external.reference() != null ? external.reference().familiarName() : null;
    }
}
