package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Docker Official Images that Docker Hub marks as deprecated, with what replaces them. Each fact comes from the
 * image's deprecation notice in the docker-library/docs repository ({@code <image>/deprecated.md}), which Docker
 * Hub shows at the top of the image's page; and AdoptOpenJDK's own repositories, deprecated with the official
 * adoptopenjdk image.
 */
public final class DeprecatedImages {

    private DeprecatedImages() {}

    /**
     * A deprecated image: the last update it got, what to use instead, and how a tag of it maps onto the
     * successor's tag when the successor is a drop-in (null when there is no such mapping). {@code dropInImage}
     * is the successor's image with its tag, where {@code {major}} and {@code {kind}} (jdk unless the tag says
     * jre) stand for the named groups of {@code dropInTag}; without them the tag is {@code major-kind}.
     */
    public record Deprecation(String image, String updatedUntil, String successor, String note, Pattern dropInTag,
            String dropInImage, boolean official, boolean variant) {

        Deprecation(String image, String updatedUntil, String successor, String note, Pattern dropInTag,
                String dropInImage) {
            this(image, updatedUntil, successor, note, dropInTag, dropInImage, true, false);
        }

        /** How messages name the kind of image: a Docker Official Image, or a publisher's own repository. */
        public String kind() {
            return official ? "Docker Official Image" : "image";
        }

        /** "is a deprecated Docker Official Image: openjdk has", "is a frozen variant: maven's openjdk tags have". */
        public String lead() {
            return variant ? "is one of " + image + ", which stopped while the image goes on: they have"
                    : "is a deprecated " + kind() + ": " + image + " has";
        }

        /** The successor's image and tag that replace {@code tag} one for one, when there is one. */
        public Optional<String> dropIn(String tag) {
            if (dropInTag == null || tag == null) {
                return Optional.empty();
            }
            Matcher m = dropInTag.matcher(tag);
            if (!m.matches()) {
                return Optional.empty();
            }
            String kind = group(m, "kind") == null ? "jdk" : m.group("kind");
            String major = m.group("major");
            return Optional.of(dropInImage.contains("{major}")
                    ? dropInImage.replace("{major}", major).replace("{kind}", kind)
                    : dropInImage + ":" + major + "-" + kind);
        }

        private static String group(Matcher m, String name) {
            try {
                return m.group(name);
            } catch (IllegalArgumentException e) {
                return null; // the pattern has no such group
            }
        }
    }

    /** Tags of an image that are still updated although the image is deprecated. */
    private static final Map<String, Pattern> STILL_UPDATED = Map.of(
            // openjdk/deprecated.md: only the early-access tags (jdk.java.net builds) are updated after July 2022.
            "openjdk", Pattern.compile("(.*-)?ea(-.*)?"));

    private static final Map<String, Deprecation> IMAGES = Map.of(
            // openjdk/deprecated.md: deprecated, no updates beyond July 2022 except early-access tags; it lists
            // amazoncorretto, eclipse-temurin, ibm-semeru-runtimes, ibmjava and sapmachine as alternatives.
            // Drop-in: the Debian-based JDK/JRE tags of the LTS releases that eclipse-temurin also publishes.
            "openjdk", new Deprecation("openjdk", "July 2022", "eclipse-temurin",
                    "other builds of the same OpenJDK releases are amazoncorretto, ibm-semeru-runtimes and sapmachine",
                    Pattern.compile("(?<major>8|11|17)-(?:(?<kind>jdk|jre)(?:-slim)?|slim)(?:-(?:buster|bullseye))?"),
                    "eclipse-temurin"),
            // java/deprecated.md: deprecated in favour of openjdk (itself deprecated since), no updates after
            // 2016-12-31.
            "java", new Deprecation("java", "December 31, 2016", "eclipse-temurin",
                    "it was replaced by openjdk, which is deprecated too",
                    Pattern.compile("(?<major>8)-(?<kind>jdk|jre)"), "eclipse-temurin"),
            // adoptopenjdk/deprecated.md: deprecated in favour of eclipse-temurin, no updates after 2021-08-01.
            "adoptopenjdk", new Deprecation("adoptopenjdk", "August 1, 2021", "eclipse-temurin",
                    "its OpenJ9 tags continue as ibm-semeru-runtimes",
                    Pattern.compile("(?<major>8|11)-(?<kind>jdk|jre)-hotspot(?:-focal)?"), "eclipse-temurin"),
            // centos/deprecated.md: all tags are end of life (June 30, 2024), last meaningful update on
            // November 16, 2020. The RHEL-compatible rebuilds rockylinux and almalinux are official images;
            // CentOS Stream is published at quay.io/centos/centos.
            "centos", new Deprecation("centos", "November 16, 2020 (end of life June 30, 2024)",
                    "rockylinux or almalinux", "the CentOS Linux packages left the mirrors for vault.centos.org (CentOS"
                            + " Linux 8 in January 2022, 7 in July 2024, when mirrorlist.centos.org went offline), so yum"
                            + " install with the image's own repositories fails; CentOS Stream is published as"
                            + " quay.io/centos/centos:streamN, not as an official image", null, null),
            // jenkins/deprecated.md: deprecated in favour of jenkins/jenkins:lts, maintained by the Jenkins
            // project; no updates after LTS 2.60.x.
            "jenkins", new Deprecation("jenkins", "LTS 2.60.x", "jenkins/jenkins:lts",
                    "the Jenkins project publishes its images as jenkins/jenkins", null, null));

    /**
     * Variants of maintained official images that were built on a deprecated image and stopped with it: their tags
     * stay where they were, while the image's other variants go on. maven's openjdk tags (maven:3.8.6-openjdk-11,
     * and the older maven:3.6-jdk-11, built on openjdk too) stopped with the openjdk image in 2022 (the maven
     * maintainers: "openjdk upstream images are deprecated and not built anymore"); its adoptopenjdk tags were
     * removed in October 2021. gradle's adoptopenjdk-based tags (gradle:jdk11-hotspot, gradle:jdk11-openj9) stopped
     * when gradle moved to eclipse-temurin in 2021. The eclipse-temurin variants of the same images replace them.
     */
    private static final Map<String, Deprecation> FROZEN_VARIANTS = Map.of(
            "maven", new Deprecation("maven's tags built on openjdk", "July 2022",
                    "maven's eclipse-temurin variants",
                    "the maven image itself is maintained: only its variants built on deprecated JDK images"
                            + " stopped, and so did the 3.8 line (its last build was 3.8.8, dropped in December 2023)",
                    Pattern.compile("(?:\\d+(?:\\.\\d+)*-)?(?:open|adopt)?jdk-(?<major>8|11|17|21)(?:-(?:slim|openj9|hotspot"
                            + "|buster|bullseye))*"),
                    "maven:3.9-eclipse-temurin-{major}", true, true),
            "maven-adoptopenjdk", new Deprecation("maven's tags built on adoptopenjdk", "October 2021",
                    "maven's eclipse-temurin variants",
                    "the maven image itself is maintained: only its variants built on deprecated JDK images stopped;"
                            + " the OpenJ9 builds continue as ibm-semeru-runtimes, which maven publishes too",
                    Pattern.compile("(?:\\d+(?:\\.\\d+)*-)?adoptopenjdk-(?<major>8|11|17)(?:-(?:openj9|hotspot))*"),
                    "maven:3.9-eclipse-temurin-{major}", true, true),
            "gradle", new Deprecation("gradle's tags built on adoptopenjdk", "October 2021",
                    "gradle's eclipse-temurin variants",
                    "the gradle image itself is maintained: gradle:jdkN and gradle:<version>-jdkN are built on"
                            + " eclipse-temurin; the OpenJ9 builds continue as ibm-semeru-runtimes, which gradle does not"
                            + " publish", null, null, true, true));

    private static final Pattern MAVEN_FROZEN = Pattern.compile("(?:.*-)?(?:adopt)?(?:open)?jdk-\\d+(?:-.*)?");
    private static final Pattern GRADLE_FROZEN = Pattern.compile(".*-(?:hotspot|openj9)(?:-.*)?");

    /**
     * AdoptOpenJDK's own repositories on Docker Hub (adoptopenjdk/openjdk11, adoptopenjdk/openjdk11-openj9): deprecated
     * with the project's move to Eclipse Adoptium (August 2021), in favour of eclipse-temurin for the HotSpot builds;
     * IBM publishes the OpenJ9 builds as ibm-semeru-runtimes.
     */
    private static final Pattern ADOPTOPENJDK_REPOSITORY = Pattern.compile("docker\\.io/adoptopenjdk/openjdk(\\d+)(-openj9)?");

    /** The deprecation of the image the reference names, unless the tag is one still updated. */
    public static Optional<Deprecation> of(ImageReference ref) {
        Matcher adopt = ADOPTOPENJDK_REPOSITORY.matcher(ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT));
        if (adopt.matches()) {
            String major = adopt.group(1);
            String image = "adoptopenjdk/openjdk" + major + (adopt.group(2) == null ? "" : "-openj9");
            return Optional.of(adopt.group(2) == null
                    ? new Deprecation(image, "the project's move to Eclipse Adoptium in August 2021", "eclipse-temurin",
                            "eclipse-temurin:" + major + "-jre and :" + major + "-jdk are the same HotSpot builds, with"
                                    + " -alpine variants", null, null, false, false)
                    : new Deprecation(image, "the project's move to Eclipse Adoptium in August 2021",
                            "ibm-semeru-runtimes", "IBM publishes the OpenJ9 builds there: ibm-semeru-runtimes:open-"
                                    + major + "-jre and :open-" + major + "-jdk", null, null, false, false));
        }
        String name = ImageTags.officialName(ref);
        String tag = ref.hasExplicitTag() ? ref.tag().toLowerCase(Locale.ROOT) : "";
        if (name.equals("maven") && MAVEN_FROZEN.matcher(tag).matches()) {
            return Optional.of(FROZEN_VARIANTS.get(tag.contains("adoptopenjdk") ? "maven-adoptopenjdk" : "maven"));
        }
        if (name.equals("gradle") && GRADLE_FROZEN.matcher(tag).matches()) {
            return Optional.of(FROZEN_VARIANTS.get(name));
        }
        Deprecation deprecation = IMAGES.get(name);
        if (deprecation == null) {
            return Optional.empty();
        }
        Pattern updated = STILL_UPDATED.get(name);
        if (updated != null && ref.hasExplicitTag() && updated.matcher(ref.tag()).matches()) {
            return Optional.empty();
        }
        return Optional.of(deprecation);
    }
}
