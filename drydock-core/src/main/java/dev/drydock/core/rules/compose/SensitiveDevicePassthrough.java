package dev.drydock.core.rules.compose;

import dev.drydock.core.compose.Service;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.ComposeServices;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "sensitive-device-passthrough",
        title = "Host disk or memory device given to a service",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "The devices of every compose service (short and long syntax): the host's memory (/dev/mem,"
                + " /dev/kmem, /dev/port) and its block devices (/dev/sda, /dev/nvme0n1, /dev/vda, /dev/xvda,"
                + " /dev/mmcblk0, /dev/dm-0, /dev/md0, /dev/mapper/..., /dev/disk/...). GPUs, serial adapters,"
                + " /dev/fuse, /dev/net/tun and the like are left alone.",
        problem = "A disk device gives the container every file of the file systems on it, past permissions and"
                + " mounts (debugfs reads /etc/shadow from /dev/sda1); /dev/mem gives the host's physical memory.",
        impact = "A compromise of the service reads or changes any file on the host's disks.",
        recommendation = "Give the service a directory or a named volume instead of the disk; if it must manage"
                + " disks (SMART monitoring, backups of raw devices), run it on the host or only with read access"
                + " (`:r`) to the one device it needs.",
        references = {
                "https://docs.docker.com/reference/compose-file/services/#devices",
                "https://docs.docker.com/engine/containers/run/#runtime-privilege-and-linux-capabilities"},
        effort = "15 min",
        examples = @RuleExample(file = "compose.yaml",
                bad = """
                        services:
                          smart:
                            image: example/disk-monitor:1.4.0
                            devices:
                              - /dev/sda:/dev/sda
                        """,
                good = """
                        services:
                          media:
                            image: jellyfin/jellyfin:10.9.11
                            devices:
                              - /dev/dri:/dev/dri
                        """))
public final class SensitiveDevicePassthrough implements Rule {

    private static final Pattern MEMORY = Pattern.compile("/dev/(mem|kmem|port)");
    private static final Pattern DISK = Pattern.compile(
            "/dev/((sd|hd|vd|xvd)[a-z]+\\d*|nvme\\d+(n\\d+(p\\d+)?)?|mmcblk\\d+(p\\d+)?|dm-\\d+|md\\d+|mapper/.+|disk/.+)");

    @Override
    public void check(ReviewContext context) {
        for (ComposeServices.Ref ref : ComposeServices.services(context)) {
            Service service = ref.service();
            for (Service.Device device : service.devices()) {
                String source = device.source() == null ? "" : device.source().trim();
                String what = MEMORY.matcher(source).matches() ? "the host's physical memory"
                        : DISK.matcher(source).matches() ? "a host disk: every file on it, past permissions and mounts"
                        : null;
                if (what == null) {
                    continue;
                }
                context.finding(this, ComposeServices.location(device.node()), service.name() + " gets the device "
                                + source + ", " + what)
                        .recommendation("Remove " + source + " from devices of " + service.name()
                                + " and give it a directory or a named volume instead.")
                        .add();
            }
        }
    }
}
