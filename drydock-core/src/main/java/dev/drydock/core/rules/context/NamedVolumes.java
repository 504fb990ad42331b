package dev.drydock.core.rules.context;

import dev.drydock.core.compose.Service;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import dev.drydock.core.rules.support.DataStores;
import java.util.Optional;

@RuleDefinition(
        id = "named-volumes",
        title = "Database data is not kept in a named volume",
        severity = Severity.MEDIUM,
        category = Category.RELIABILITY,
        checks = "The volumes of every compose service. A strength for each named volume mounted. A finding for a"
                + " service of a well-known stateful image (postgres, mysql, mariadb, mongo, redis, rabbitmq,"
                + " elasticsearch, influxdb, clickhouse, mssql ...) whose data directory no named volume or bind mount"
                + " holds, outside development files; a tmpfs on it is taken as a deliberate choice.",
        problem = "Without a named volume the database writes into an anonymous volume (or the container layer):"
                + " `docker compose down` leaves that volume behind unnamed and the next `up` starts with an empty"
                + " one.",
        impact = "The data seems to be kept until the first `down`/`up` or host migration, then it is gone, and"
                + " backups cannot find it by name.",
        recommendation = "Mount a named volume, declared under the top-level volumes:, on the data directory of every"
                + " stateful service.",
        references = {
                "https://docs.docker.com/engine/storage/volumes/",
                "https://docs.docker.com/reference/compose-file/volumes/",
                "https://docs.docker.com/reference/compose-file/services/#volumes"},
        fix = FixSafety.SUGGESTION,
        effort = "10 min",
        strength = "Persistent data in named volumes",
        examples = @RuleExample(
                file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:17.2
                        """,
                good = """
                        services:
                          db:
                            image: postgres:17.2
                            volumes:
                              - db-data:/var/lib/postgresql/data
                        volumes:
                          db-data:
                        """))
public final class NamedVolumes implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            for (Service.Volume volume : service.volumes()) {
                if (volume.isNamedVolume()) {
                    context.strength(this, ComposeServices.location(volume.node()), "the named volume " + volume.source()
                            + " keeps " + volume.target() + " of " + service.name()
                            + " when the container is re-created or the stack is taken down");
                }
            }
            Optional<String> dataDir = DataStores.dataDirectory(service);
            if (dataDir.isEmpty() || ref.inDevelopmentFile() || covered(service, dataDir.get())) {
                continue;
            }
            String image = service.image().value();
            String volumeName = service.name() + "-data";
            Location at = ComposeServices.keyed(service.node(), "image");
            context.finding(this, at != null ? at : ref.nameLocation(), service.name() + " (" + image + ") keeps its data in "
                            + dataDir.get() + ", which no named volume holds: it lands in an anonymous volume or the"
                            + " container itself, which `docker compose down` orphans; the next `up` starts empty")
                    .implicit()
                    .recommendation("Mount a named volume on it: `volumes: [\"" + volumeName + ":" + dataDir.get()
                            + "\"]` under " + service.name() + ", and declare `" + volumeName + ":` under the top-level"
                            + " volumes: of " + ref.file() + ".")
                    .add();
        }
    }

    private static boolean covered(Service service, String dataDir) {
        for (Service.Volume v : service.volumes()) {
            if (v.target() == null) {
                continue;
            }
            String target = PathNames.normalizeAbsolute("/", v.target());
            boolean overlaps = PathNames.isUnder(dataDir, target) || PathNames.isUnder(target, dataDir);
            if (overlaps && (v.isNamedVolume() || v.isBind() || "tmpfs".equals(v.type()))) {
                return true;
            }
        }
        for (var tmpfs : service.tmpfs()) {
            String target = tmpfs.value().split(":")[0];
            if (PathNames.isUnder(dataDir, PathNames.normalizeAbsolute("/", target))) {
                return true;
            }
        }
        return false;
    }
}
