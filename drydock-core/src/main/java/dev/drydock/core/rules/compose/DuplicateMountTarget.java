package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Node;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

@RuleDefinition(
        id = "duplicate-mount-target",
        title = "A service mounts two things at the same container path",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "The mounts of every compose service after override files and `extends` are merged and variables"
                + " interpolated: `volumes` entries (short and long syntax: bind mounts, named and anonymous volumes,"
                + " tmpfs and other types) and `tmpfs` entries. Two of them at the same container path, compared as"
                + " the engine compares them (`/data`, `/data/` and `/srv/../data` are one path), are reported at the"
                + " later one, naming the first. An override file's `volumes` entry with the same target as one of the"
                + " base file replaces it (Compose merges volumes by target): that is not a duplicate. High when Docker"
                + " refuses the container; medium when Compose drops the earlier entry itself (two `volumes` entries"
                + " with the same target as written, two `tmpfs` entries for one path with different options)."
                + " Services that take the mounts from one YAML anchor get one finding, naming them all.",
        problem = "A container path can hold one mount. Written twice with different spellings, or once under"
                + " `volumes` and once under `tmpfs`, the container is refused; written twice with the same target"
                + " under `volumes`, Compose keeps the later entry and drops the earlier one without a word.",
        impact = "`docker compose up` fails for the service (\"Duplicate mount point: /data\"), or the mount that"
                + " was dropped is missing: data meant for a volume or a host directory is written to another place"
                + " and is lost with the container.",
        recommendation = "Mount each path once. To replace a base file's mount from an override file, write a"
                + " `volumes` entry with the same target (a `type: tmpfs` entry replaces a volume too), or reset the"
                + " list with `volumes: !reset []`.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#volumes",
                "https://docs.docker.com/reference/compose-file/services/#tmpfs",
                "https://docs.docker.com/reference/compose-file/merge/#unique-resources"},
        effort = "5 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          db:
                            image: postgres:17.2
                            volumes:
                              - pgdata:/var/lib/postgresql/data
                              - ./backup:/var/lib/postgresql/data/
                        volumes:
                          pgdata:
                        """,
                good = """
                        services:
                          db:
                            image: postgres:17.2
                            volumes:
                              - pgdata:/var/lib/postgresql/data
                              - ./backup:/backup
                        volumes:
                          pgdata:
                        """))
public final class DuplicateMountTarget implements Rule {

    private record Clash(ComposeServices.Ref ref, ServiceMounts.Mount first, ServiceMounts.Mount second) {

        Location location() {
            return ComposeServices.location(second.at());
        }
    }

    @Override
    public void check(ReviewContext context) {
        List<Clash> clashes = new ArrayList<>();
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Map<String, ServiceMounts.Mount> firstAt = new LinkedHashMap<>();
            for (ServiceMounts.Mount mount : ServiceMounts.of(ref.compose(), ref.service())) {
                ServiceMounts.Mount first = firstAt.putIfAbsent(mount.path(), mount);
                if (first != null) {
                    clashes.add(new Clash(ref, first, mount));
                }
            }
        }
        for (List<Clash> group : ComposeServices.byLocation(clashes, Clash::location)) {
            report(context, group);
        }
    }

    /**
     * Whether Compose itself keeps only the later mount: two {@code volumes} entries with the same target as
     * written (Compose de-duplicates them by target), or two {@code tmpfs} entries for the same path with
     * different options (Compose passes tmpfs mounts to the engine keyed by path).
     */
    private static boolean laterReplacesEarlier(ServiceMounts.Mount first, ServiceMounts.Mount second) {
        if (!first.target().equals(second.target()) || first.fromTmpfsKey() != second.fromTmpfsKey()) {
            return false;
        }
        return !first.fromTmpfsKey() || !first.tmpfsEntry().equals(second.tmpfsEntry());
    }

    private void report(ReviewContext context, List<Clash> group) {
        Clash clash = group.get(0);
        ServiceMounts.Mount first = clash.first();
        ServiceMounts.Mount second = clash.second();
        String names = ComposeServices.names(group.stream().map(c -> c.ref().name()).toList());
        boolean dropped = laterReplacesEarlier(first, second);
        String consequence = dropped
                ? "Compose keeps only this entry and drops " + first.describe() + " without a warning"
                : "Docker refuses to create the container (\"Duplicate mount point: " + second.path() + "\")";
        String spelling = first.target().equals(second.target()) ? ""
                : " (written " + first.target() + " and " + second.target() + ", one path once cleaned)";
        context.finding(this, clash.location(), names + (group.size() == 1 ? " mounts " : " mount ") + second.path()
                        + " twice" + spelling + ": " + second.describe() + " here and " + first.describe() + " at "
                        + ComposeServices.where(first.node()) + "; " + consequence)
                .severity(dropped ? Severity.MEDIUM : Severity.HIGH)
                .recommendation(recommendation(clash.ref(), first, second))
                .add();
    }

    private static String recommendation(ComposeServices.Ref ref, ServiceMounts.Mount first, ServiceMounts.Mount second) {
        boolean inherited = inherited(ref, first, second);
        if (inherited && second.fromTmpfsKey() && !first.fromTmpfsKey()) {
            return "To put a tmpfs in place of " + first.describe() + ", write it as a `volumes` entry with the same"
                    + " target (`type: tmpfs`, `target: " + first.target() + "`): Compose then replaces the mount"
                    + " instead of adding a second one.";
        }
        if (inherited && !second.fromTmpfsKey() && !first.fromTmpfsKey()) {
            return "To replace " + first.describe() + ", write its target exactly (" + first.target() + ") so that"
                    + " Compose merges the two entries; otherwise mount this one at another path.";
        }
        return "Keep one of the two mounts, or mount the other one at another path.";
    }

    /** Whether the first mount comes from what the second one's definition builds on: a file it overrides, a service it extends. */
    private static boolean inherited(ComposeServices.Ref ref, ServiceMounts.Mount first, ServiceMounts.Mount second) {
        if (!first.node().file().path().equals(second.node().file().path())) {
            return true;
        }
        Service.Extends base = ref.service().extendsFrom();
        Service extended = base == null || base.file() != null || base.service() == null ? null
                : ref.compose().services().get(base.service().value());
        return extended != null && mounts(extended, first.node()) && !mounts(extended, second.node());
    }

    private static boolean mounts(Service service, Node node) {
        return service.volumes().stream().anyMatch(v -> v.node() == node)
                || service.tmpfs().stream().anyMatch(t -> t.node() == node);
    }
}
