package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What drydock knows about Red Hat's Universal Base Images: ubi-minimal has bash, curl (curl-minimal on UBI 9)
 * and microdnf, but no wget and no dnf; the OpenJDK images ({@code ubi9/openjdk-21}, {@code -runtime}) are built
 * on it, add Java and run-java.sh, and end with {@code USER 185} (named jboss on UBI 8, default on UBI 9), so a
 * container of theirs is not root unless a Dockerfile switches back. Their predecessors named after the RHEL
 * release ({@code openjdk/openjdk-11-rhel8}, {@code openjdk/openjdk-8-rhel7}, {@code redhat-openjdk-18/openjdk18-openshift})
 * end with the same {@code USER 185}, on bases whose tools differ, so only their user is known.
 */
public final class RedHatImages {

    private static final Pattern REGISTRIES = Pattern.compile("(registry\\.access\\.redhat\\.com|registry\\.redhat\\.io)/");
    private static final Pattern MINIMAL = Pattern.compile("ubi(8|9|10)/ubi-minimal|ubi(8|9|10)-minimal");
    private static final Pattern OPENJDK = Pattern.compile("ubi(8|9|10)/openjdk-\\d+(-runtime)?");
    private static final Pattern RHEL_OPENJDK = Pattern.compile(
            "openjdk/openjdk-\\d+(-runtime)?-rhel\\d+|redhat-openjdk-18/openjdk18-openshift");

    /**
     * The source-to-image language images (ubi9/python-312, ubi9/nodejs-20-minimal, rhel9/ruby-33, and their CentOS
     * Stream builds on quay.io/sclorg): s2i-core creates user 1001 ({@code default}) in group 0, makes
     * {@code /opt/app-root} (HOME is /opt/app-root/src) its own with group write, and ends with USER 1001.
     */
    private static final Pattern S2I = Pattern.compile(
            "(ubi\\d+|rhel\\d+)/(python|nodejs|ruby|php|perl|s2i-core|s2i-base)(-[\\w.-]+)?");
    private static final Pattern SCLORG = Pattern.compile("quay\\.io/sclorg/(python|nodejs|ruby|php|perl|s2i-core"
            + "|s2i-base)-[\\w.-]+");

    /** The folder an s2i image gives its user 1001 (and group 0). */
    public static final String S2I_APP_ROOT = "/opt/app-root";

    private RedHatImages() {}

    /** Whether the image is one of the s2i language images, whose {@link #S2I_APP_ROOT} user 1001 owns. */
    public static boolean sourceToImage(ImageReference ref) {
        if (ref == null || ref.fullName() == null) {
            return false;
        }
        String name = ref.fullName().toLowerCase(Locale.ROOT);
        return path(ref).filter(p -> S2I.matcher(p).matches()).isPresent() || SCLORG.matcher(name).matches();
    }

    /** Whether the image is one of Red Hat's OpenJDK images, which run as uid 185. */
    public static boolean openJdk(ImageReference ref) {
        return path(ref).filter(p -> OPENJDK.matcher(p).matches()).isPresent();
    }

    /** Whether the image is one of Red Hat's OpenJDK images, UBI or RHEL-named, all of which end with USER 185. */
    public static boolean runsAsUid185(ImageReference ref) {
        return openJdk(ref) || path(ref).filter(p -> RHEL_OPENJDK.matcher(p).matches()).isPresent();
    }

    /** The programs ubi-minimal and the OpenJDK images built on it ship; empty for any other image. */
    public static Optional<BaseImageFacts.ImageTools> tools(ImageReference ref) {
        boolean java = openJdk(ref);
        boolean minimal = path(ref).filter(p -> MINIMAL.matcher(p).matches()).isPresent()
                || dockerHubMinimal(ref);
        if (!java && !minimal) {
            return Optional.empty();
        }
        Set<String> programs = new LinkedHashSet<>(List.of("sh", "bash", "curl"));
        if (java) {
            programs.add("java");
        }
        return Optional.of(new BaseImageFacts.ImageTools(ref.familiarString(), true, programs, "microdnf",
                java ? "java" : null));
    }

    /** The repository path after a Red Hat registry ({@code ubi9/ubi-minimal}), when the image is on one. */
    private static Optional<String> path(ImageReference ref) {
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        var m = REGISTRIES.matcher(name);
        return m.lookingAt() ? Optional.of(name.substring(m.end())) : Optional.empty();
    }

    /** Red Hat's copies on Docker Hub: redhat/ubi9-minimal. */
    private static boolean dockerHubMinimal(ImageReference ref) {
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        return name.startsWith("docker.io/redhat/") && MINIMAL.matcher(name.substring("docker.io/redhat/".length())).matches();
    }
}
