package dev.drydock.core.rules.support;

/**
 * The one place that writes the RUN line creating an unprivileged system user: BusyBox's addgroup and adduser on
 * Alpine (short options only: -S system, -D no password, -H no home or -h HOME, -s shell), shadow's groupadd and
 * useradd elsewhere (Debian, Ubuntu, the Red Hat family with shadow-utils). Images without a shell (scratch,
 * distroless) or without useradd ({@link #withoutUseradd}) need a numeric USER instead; callers decide that from
 * {@link BaseImageFacts.ImageTools} before asking for a command.
 */
public final class UserCreation {

    private UserCreation() {}

    /** Whether the image's user tools are BusyBox's (an apk image, or an Alpine tag drydock knows no more of). */
    public static boolean busybox(BaseImageFacts.ImageTools tools) {
        return tools != null && "apk".equals(tools.packageManager());
    }

    /**
     * Why the image has no useradd and groupadd, or null when it has them (or drydock does not know it): the minimal
     * Red Hat-style images with microdnf (ubi-minimal, oraclelinux:8-slim) and Amazon Linux's container images, which
     * amazoncorretto's default tags are built on, leave shadow-utils out. A numeric USER needs neither tool.
     */
    public static String withoutUseradd(BaseImageFacts.ImageTools tools) {
        if (tools == null || !tools.shell()) {
            return null;
        }
        if ("microdnf".equals(tools.packageManager())) {
            return tools.image() + " is a minimal image with microdnf, which has no useradd until a RUN installs"
                    + " shadow-utils";
        }
        String name = tools.image().toLowerCase(java.util.Locale.ROOT);
        if (("yum".equals(tools.packageManager()) || "dnf".equals(tools.packageManager()))
                && (name.contains("amazoncorretto") || name.contains("amazonlinux"))) {
            return tools.image() + " is built on Amazon Linux, whose container image has no useradd or groupadd until a"
                    + " RUN installs shadow-utils (" + tools.packageManager() + " install -y shadow-utils)";
        }
        return null;
    }

    /**
     * RUN with the group and the user, joined by {@code joiner} (" && ", or a line continuation); {@code home} is the
     * home folder to create, or null for none.
     */
    public static String command(boolean busybox, String name, int id, String home, String joiner) {
        if (busybox) {
            return "RUN addgroup -S -g " + id + " " + name + joiner + "adduser -S -D " + (home == null ? "-H" : "-h " + home)
                    + " -u " + id + " -G " + name + " -s /sbin/nologin " + name;
        }
        return "RUN groupadd --system --gid " + id + " " + name + joiner + "useradd --system --uid " + id + " --gid " + name
                + (home == null ? " --no-create-home" : " --create-home --home-dir " + home)
                + " --shell /usr/sbin/nologin " + name;
    }

    /** {@link #command} on one line, without a home folder. */
    public static String command(boolean busybox, String name, int id) {
        return command(busybox, name, id, null, " && ");
    }
}
