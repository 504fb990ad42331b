package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ServerImagePorts;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The system folders a base image gives its own non-root user, so that a start script running as that user may
 * write there: nginx-unprivileged's Dockerfile gives /etc/nginx and /var/cache/nginx to UID 101 and group 0 with
 * group write (any UID whose group is 0 may write too, as OpenShift runs it); Prometheus's and Alertmanager's give
 * /etc/prometheus and /etc/alertmanager to nobody; Red Hat's s2i images /opt/app-root to 1001.
 */
public final class BaseImageUserFolders {

    private record Grant(Set<String> users, boolean rootGroup, List<String> folders) {}

    private static final Grant NGINX_UNPRIVILEGED = new Grant(Set.of("nginx", "101"), true,
            List.of("/etc/nginx", "/var/cache/nginx"));
    private static final Grant PROMETHEUS = new Grant(Set.of("nobody", "65534"), false,
            List.of("/etc/prometheus", "/prometheus"));
    private static final Grant ALERTMANAGER = new Grant(Set.of("nobody", "65534"), false,
            List.of("/etc/alertmanager", "/alertmanager"));

    /** Red Hat's s2i language images: /opt/app-root belongs to their user 1001 ({@code default}) and group 0. */
    private static final Grant S2I = new Grant(Set.of("1001", "default"), false, List.of(RedHatImages.S2I_APP_ROOT));

    private static final Map<String, Grant> GRANTS = Map.of("docker.io/prom/prometheus", PROMETHEUS, "quay.io/prometheus/prometheus", PROMETHEUS,
            "docker.io/prom/alertmanager", ALERTMANAGER, "quay.io/prometheus/alertmanager", ALERTMANAGER);

    private BaseImageUserFolders() {}

    /** The folders {@code base} gives {@code user} ({@code name}, {@code uid} or {@code uid:gid} as USER writes it). */
    public static List<String> of(BaseImage base, String user) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || external.reference().fullName() == null) {
            return List.of();
        }
        Grant grant = RedHatImages.sourceToImage(external.reference()) ? S2I
                : ServerImagePorts.nginxUnprivileged(external.reference()) ? NGINX_UNPRIVILEGED
                : GRANTS.get(external.reference().fullName().toLowerCase(Locale.ROOT));
        if (grant == null) {
            return List.of();
        }
        int colon = user.indexOf(':');
        String name = (colon < 0 ? user : user.substring(0, colon)).strip();
        String group = colon < 0 ? null : user.substring(colon + 1).strip();
        boolean named = grant.users().contains(name);
        // a UID the image's /etc/passwd does not list runs with group 0
        boolean inRootGroup = group == null ? name.chars().allMatch(Character::isDigit)
                : group.equals("0") || group.equals("root");
        return named || grant.rootGroup() && inRootGroup ? grant.folders() : List.of();
    }
}
