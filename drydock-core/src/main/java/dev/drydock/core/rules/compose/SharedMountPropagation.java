package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.MapNode;
import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.Set;

@RuleDefinition(
        id = "shared-mount-propagation",
        title = "Bind mount propagates mounts back to the host",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "The propagation of every bind mount of a compose service (`bind: {propagation: ...}` in long"
                + " syntax, a mode option in short syntax): shared and rshared. slave and rslave only carry the"
                + " host's mounts into the container and are left alone.",
        problem = "With shared propagation, a mount made inside the container under that path appears on the host"
                + " (and in every other container that shares it): the container changes what the host sees.",
        impact = "A container able to mount (SYS_ADMIN, privileged) can place file systems over host paths.",
        recommendation = "Use the default rprivate propagation, or rslave when the container must see mounts the"
                + " host makes later (an automounted disk).",
        references = {
                "https://docs.docker.com/engine/storage/bind-mounts/#configure-bind-propagation",
                "https://docs.docker.com/reference/compose-file/services/#long-syntax-5",
                "https://www.kernel.org/doc/html/latest/filesystems/sharedsubtree.html"},
        aliases = {"Volume Mounted In Multiple Containers"},
        effort = "10 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          storage:
                            image: rclone/rclone:1.68.1
                            volumes:
                              - type: bind
                                source: /mnt/remote
                                target: /data
                                bind:
                                  propagation: rshared
                        """,
                good = """
                        services:
                          storage:
                            image: rclone/rclone:1.68.1
                            volumes:
                              - type: bind
                                source: /mnt/remote
                                target: /data
                                bind:
                                  propagation: rslave
                        """))
public final class SharedMountPropagation implements Rule {

    private static final Set<String> SHARED = Set.of("shared", "rshared");

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            for (Service.Volume volume : service.volumes()) {
                String propagation = propagation(volume);
                if (!volume.isBind() || propagation == null || !SHARED.contains(propagation)) {
                    continue;
                }
                Location at = volume.node() instanceof MapNode m && m.map("bind") != null
                        && m.map("bind").has("propagation")
                        ? ComposeServices.keyed(m.map("bind"), "propagation") : ComposeServices.location(volume.node());
                context.finding(this, at, service.name() + " mounts " + volume.source()
                                + " with " + propagation + " propagation: mounts made inside the container at "
                                + volume.target() + " appear on the host")
                        .recommendation("Remove the propagation setting from " + service.name()
                                + " (rprivate), or use rslave if it must see the host's later mounts.")
                        .add();
            }
        }
    }

    private static String propagation(Service.Volume volume) {
        if (volume.propagation() != null) {
            return volume.propagation();
        }
        for (String option : volume.options()) {
            if (SHARED.contains(option)) {
                return option;
            }
        }
        return null;
    }
}
