package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The user accounts a base image is known to have in /etc/passwd, for the base images whose accounts are
 * documented by their Dockerfiles: Docker's official Debian, Ubuntu and Alpine based images (the
 * distribution's system accounts plus what the image adds, such as node's {@code node} or postgres's
 * {@code postgres}) and distroless. The system accounts are the union of Debian's, Ubuntu's and Alpine's,
 * so that a name any of them has is never taken for missing. Empty for any other image.
 */
public final class BaseImageUsers {

    private BaseImageUsers() {}

    private static final Set<String> SYSTEM_USERS = Set.of("root", "daemon", "bin", "sys", "sync", "games", "man",
            "lp", "mail", "news", "uucp", "proxy", "www-data", "backup", "list", "irc", "gnats", "nobody", "_apt",
            "systemd-network", "systemd-resolve", "systemd-timesync", "systemd-coredump", "messagebus", "ubuntu",
            "adm", "shutdown", "halt", "operator", "postmaster", "cron", "ftp", "sshd", "at", "squid", "xfs",
            "cyrus", "vpopmail", "ntp", "smmsp", "guest", "uuidd", "statd", "tss", "polkitd");

    /** Official images whose Dockerfiles add accounts of their own, and those accounts. */
    private static final Map<String, Set<String>> IMAGE_USERS = Map.ofEntries(
            Map.entry("node", Set.of("node")),
            Map.entry("nginx", Set.of("nginx")),
            Map.entry("postgres", Set.of("postgres")),
            Map.entry("redis", Set.of("redis")),
            Map.entry("gradle", Set.of("gradle")),
            Map.entry("httpd", Set.of()),
            Map.entry("php", Set.of()),
            Map.entry("python", Set.of()),
            Map.entry("golang", Set.of()),
            Map.entry("ruby", Set.of()),
            Map.entry("rust", Set.of()),
            Map.entry("perl", Set.of()),
            Map.entry("debian", Set.of()),
            Map.entry("ubuntu", Set.of()),
            Map.entry("alpine", Set.of()),
            Map.entry("buildpack-deps", Set.of()),
            Map.entry("eclipse-temurin", Set.of()),
            Map.entry("openjdk", Set.of()),
            Map.entry("maven", Set.of()));

    private static final Set<String> DISTROLESS_USERS = Set.of("root", "nonroot", "nobody");

    /** Whether the image is known to have no account of this name; false whenever drydock does not know. */
    public static boolean lacks(BaseImage base, String user) {
        return known(base).map(users -> !users.contains(user)).orElse(false);
    }

    /** The accounts the image is known to have, or empty when drydock does not know them all. */
    public static Optional<Set<String>> known(BaseImage base) {
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        ImageReference ref = external.reference();
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        if (name.startsWith("gcr.io/distroless/")) {
            return Optional.of(DISTROLESS_USERS);
        }
        Set<String> own = IMAGE_USERS.get(ImageTags.officialName(ref));
        boolean linux = BaseImageFacts.tools(base).map(BaseImageFacts.ImageTools::packageManager)
                .filter(manager -> manager.equals("apt") || manager.equals("apk")).isPresent();
        if (own == null || !linux) {
            return Optional.empty();
        }
        Set<String> all = new HashSet<>(SYSTEM_USERS);
        all.addAll(own);
        return Optional.of(all);
    }
}
