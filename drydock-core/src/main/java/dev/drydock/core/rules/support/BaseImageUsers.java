package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.image.ImageReference;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The user accounts a base image is known to have in /etc/passwd, for the base images whose accounts are
 * documented by their Dockerfiles: Docker's official Debian, Ubuntu and Alpine based images (the
 * distribution's system accounts plus what the image adds, such as node's {@code node} or postgres's
 * {@code postgres}), distroless, and scratch, which has no /etc/passwd and so no account at all. The system
 * accounts are the union of Debian's, Ubuntu's and Alpine's, so that a name any of them has is never taken for
 * missing. Empty for any other image.
 */
public final class BaseImageUsers {

    private BaseImageUsers() {}

    private static final Set<String> SYSTEM_USERS = Set.of("root", "daemon", "bin", "sys", "sync", "games", "man",
            "lp", "mail", "news", "uucp", "proxy", "www-data", "backup", "list", "irc", "gnats", "nobody", "_apt",
            "systemd-network", "systemd-resolve", "systemd-timesync", "systemd-coredump", "messagebus", "ubuntu",
            "adm", "shutdown", "halt", "operator", "postmaster", "cron", "ftp", "sshd", "at", "squid", "xfs",
            "cyrus", "vpopmail", "ntp", "smmsp", "guest", "uuidd", "statd", "tss", "polkitd");

    /** Official images whose accounts are the distribution's, plus, for some, one of the image's own name. */
    private static final Set<String> DOCUMENTED_IMAGES = Set.of("httpd", "php", "python", "golang", "ruby", "rust",
            "perl", "debian", "ubuntu", "alpine", "buildpack-deps", "eclipse-temurin", "openjdk", "maven", "node",
            "nginx", "postgres", "redis", "gradle");

    /** Official images whose Dockerfiles add a user named like the image (node's node, postgres's postgres). */
    private static final Set<String> OWN_USER_IMAGES = Set.of("node", "nginx", "postgres", "redis", "gradle");

    private static final Set<String> DISTROLESS_USERS = Set.of("root", "nonroot", "nobody");

    /** Whether the image is known to have no account of this name; false whenever drydock does not know. */
    public static boolean lacks(BaseImage base, String user) {
        return known(base).map(users -> !users.contains(user)).orElse(false);
    }

    /** The accounts the image is known to have, or empty when drydock does not know them all. */
    public static Optional<Set<String>> known(BaseImage base) {
        if (base instanceof BaseImage.Scratch) {
            return Optional.of(Set.of());
        }
        if (!(base instanceof BaseImage.External external) || external.reference() == null
                || !external.reference().isImage()) {
            return Optional.empty();
        }
        ImageReference ref = external.reference();
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        if (name.startsWith("gcr.io/distroless/")) {
            return Optional.of(DISTROLESS_USERS);
        }
        String official = ImageTags.officialName(ref);
        boolean linux = BaseImageFacts.tools(base).map(BaseImageFacts.ImageTools::packageManager)
                .filter(manager -> manager.equals("apt") || manager.equals("apk")).isPresent();
        if (!DOCUMENTED_IMAGES.contains(official) || !linux) {
            return Optional.empty();
        }
        if (!OWN_USER_IMAGES.contains(official)) {
            return Optional.of(SYSTEM_USERS);
        }
        Set<String> all = new HashSet<>(SYSTEM_USERS);
        all.add(official);
        return Optional.of(all);
    }
}
