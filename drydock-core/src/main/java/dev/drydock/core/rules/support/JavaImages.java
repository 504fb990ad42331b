package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java images that come as a JDK and as a JRE, and the JRE tag that runs what a JDK tag runs. eclipse-temurin
 * tags without {@code jre} are the JDK ({@code 21}, {@code 21-alpine}, {@code 21-jammy} as well as {@code 21-jdk});
 * ibm-semeru-runtimes names both ({@code open-21-jdk}, {@code open-21-jre}); the deprecated openjdk image's JREs
 * continue as eclipse-temurin's for the LTS releases, and those of AdoptOpenJDK's repositories (tags without jre are
 * the JDK there too) as eclipse-temurin's and, for OpenJ9, ibm-semeru-runtimes'.
 */
public final class JavaImages {

    /** Programs of the JDK that a JRE lacks; a stage that runs one needs the JDK. */
    public static final Set<String> JDK_TOOLS = Set.of("javac", "jar", "jlink", "jdeps", "jpackage", "jshell",
            "jarsigner", "javadoc", "native-image");

    private static final Pattern LEADING_VERSION = Pattern.compile("^(\\d[\\w.+]*?)(?=-|$)");
    private static final Pattern ADOPTOPENJDK = Pattern.compile("docker\\.io/adoptopenjdk/openjdk(\\d+)(-openj9)?");
    private static final Pattern OPENJDK_LTS = Pattern.compile("^(8|11|17|21)(?:[.u-].*)?$");

    private static final Pattern VERSIONED_TAG_IMAGES = Pattern.compile(
            "eclipse-temurin|openjdk|amazoncorretto|sapmachine|azul/zulu-openjdk(-\\w+)?|bellsoft/liberica-openjdk-\\w+");
    private static final Pattern RELEASE_IN_NAME = Pattern.compile("(?:openjdk-|/java)(\\d+)(?:-|$)");
    private static final Pattern RELEASE_IN_TAG = Pattern.compile(
            "(?:^open-|temurin-|corretto-|openjdk-?|jdk-?|jre-?|sapmachine-|semeru-)(\\d+)(?=\\D|$)");

    /** The Java images of AdoptOpenJDK, Azul and BellSoft outside Docker's official library that are built FROM alpine. */
    private static final Pattern ALPINE_VENDOR_IMAGES = Pattern.compile("docker\\.io/(?:azul/zulu-openjdk-alpine"
            + "|bellsoft/liberica-open(?:jdk|jre)-alpine(?:-musl)?)");
    private static final Pattern ALPINE_VENDOR_TAGS = Pattern.compile("docker\\.io/(?:azul/zulu-openjdk"
            + "|adoptopenjdk/openjdk\\d+(?:-openj9)?)");

    private JavaImages() {}

    /**
     * The programs of the Java images of AdoptOpenJDK, Azul (Zulu) and BellSoft (Liberica) that are Alpine with a JDK
     * or JRE added: their Dockerfiles start FROM alpine, so BusyBox's sh, wget and nc are there with apk and java.
     * azul/zulu-openjdk-alpine and bellsoft/liberica-open{jdk,jre}-alpine(-musl) are so in every tag; azul/zulu-openjdk
     * and adoptopenjdk/openjdkN(-openj9) in their alpine tags. Empty for any other image.
     */
    static Optional<ImageTools> alpineVendorTools(ImageReference ref) {
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        String tag = ref.effectiveTagLowerCase();
        boolean alpine = ALPINE_VENDOR_IMAGES.matcher(name).matches()
                || ALPINE_VENDOR_TAGS.matcher(name).matches() && tag != null && tag.contains("alpine");
        return alpine ? Optional.of(new ImageTools(ref.familiarString(), true, Set.of("sh", "wget", "nc", "java"), "apk",
                "java")) : Optional.empty();
    }

    /**
     * The Java feature release ({@code 8}, {@code 17}, {@code 21}) a Java image runs, when its name or tag says:
     * the leading number of the tag of eclipse-temurin, openjdk, amazoncorretto, sapmachine, Zulu and Liberica
     * ({@code 21.0.5_11-jre}, {@code 8u412-b08-jre}), the release in the name of the UBI and distroless images
     * ({@code ubi9/openjdk-21-runtime}, {@code distroless/java21-debian12}), or after the JDK's name in the tag of
     * other images ({@code maven:3.9-eclipse-temurin-21}, {@code ibm-semeru-runtimes:open-17-jre}). Empty otherwise.
     */
    public static java.util.OptionalInt featureRelease(ImageReference ref) {
        String name = ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT);
        String tag = ref.tag() == null ? "" : ref.tag().toLowerCase(Locale.ROOT);
        Matcher inName = RELEASE_IN_NAME.matcher(name);
        if (inName.find()) {
            return java.util.OptionalInt.of(Integer.parseInt(inName.group(1)));
        }
        String familiar = ref.familiarName() == null ? "" : ref.familiarName().toLowerCase(Locale.ROOT);
        Matcher m = VERSIONED_TAG_IMAGES.matcher(familiar).matches() ? Pattern.compile("^(?:1\\.)?(\\d+)").matcher(tag) : RELEASE_IN_TAG.matcher(tag);
        return m.find() ? java.util.OptionalInt.of(Integer.parseInt(m.group(1))) : java.util.OptionalInt.empty();
    }

    private static final Pattern JAVA8_UPDATE = Pattern.compile("^(?:1\\.)?8(?:u|\\.0[._])(\\d+)");
    private static final Pattern JAVA11_UPDATE = Pattern.compile("^11\\.0\\.(\\d+)");

    /**
     * Why the JVM of a Java image whose tag names its update cannot see a container's memory limit, when it cannot:
     * Java 8 before 8u191 has no container support at all, and 8u191 to 8u371 and 11.0.0 to 11.0.15 read only
     * cgroup v1 (cgroup v2 support, JDK-8230305, arrived in 15 and was backported to 11.0.16 and 8u372). Empty for
     * any other image or tag.
     */
    public static Optional<String> containerLimitUnseen(ImageReference ref) {
        String familiar = ref.familiarName() == null ? "" : ref.familiarName().toLowerCase(Locale.ROOT);
        String tag = ref.tag() == null ? "" : ref.tag().toLowerCase(Locale.ROOT);
        if (!VERSIONED_TAG_IMAGES.matcher(familiar).matches()) {
            return Optional.empty();
        }
        Matcher java8 = JAVA8_UPDATE.matcher(tag);
        if (java8.find()) {
            int update = Integer.parseInt(java8.group(1));
            if (update < 191) {
                return Optional.of("Java 8u" + update + ", which predates the JVM's container support (8u191) and"
                        + " sizes its heap from the host's memory whatever limit the container gets");
            }
            if (update < 372) {
                return Optional.of("Java 8u" + update + ", which reads only cgroup v1 limits (cgroup v2 support came with"
                        + " 8u372): on a cgroup v2 host, the default of current Docker and Kubernetes nodes, it sizes"
                        + " its heap from the host's memory");
            }
            return Optional.empty();
        }
        Matcher java11 = JAVA11_UPDATE.matcher(tag);
        if (java11.find() && Integer.parseInt(java11.group(1)) < 16) {
            return Optional.of("Java 11.0." + java11.group(1) + ", which reads only cgroup v1 limits (cgroup v2 support came"
                    + " with 11.0.16): on a cgroup v2 host, the default of current Docker and Kubernetes nodes, it"
                    + " sizes its heap from the host's memory");
        }
        return Optional.empty();
    }

    /** The JRE image that replaces {@code ref} when it names a JDK tag of a known Java image; empty otherwise. */
    public static Optional<String> jreFor(ImageReference ref) {
        String name = ImageTags.officialName(ref);
        String tag = ref.tag() == null ? null : ref.tag().toLowerCase(Locale.ROOT);
        Matcher adopt = ADOPTOPENJDK.matcher(ref.fullName() == null ? "" : ref.fullName().toLowerCase(Locale.ROOT));
        if (adopt.matches()) {
            String effective = ref.effectiveTagLowerCase();
            String alpine = effective.contains("alpine") ? "-alpine" : "";
            return effective.contains("jre") ? Optional.empty() : Optional.of(adopt.group(2) == null
                    ? "eclipse-temurin:" + adopt.group(1) + "-jre" + alpine
                    : "ibm-semeru-runtimes:open-" + adopt.group(1) + "-jre");
        }
        if (tag == null || tag.equals("latest") || tag.contains("jre")) {
            return Optional.empty();
        }
        switch (name) {
            case "eclipse-temurin" -> {
                if (tag.contains("jdk")) {
                    return Optional.of(ref.familiarName() + ":" + ref.tag().replaceFirst("(?i)jdk", "jre"));
                }
                Matcher m = LEADING_VERSION.matcher(ref.tag());
                return m.find() ? Optional.of(ref.familiarName() + ":" + m.group(1) + "-jre"
                        + ref.tag().substring(m.end())) : Optional.empty();
            }
            case "ibm-semeru-runtimes" -> {
                return tag.contains("-jdk")
                        ? Optional.of(ref.familiarName() + ":" + ref.tag().replaceFirst("(?i)-jdk", "-jre"))
                        : Optional.empty();
            }
            case "openjdk" -> {
                Matcher m = OPENJDK_LTS.matcher(tag);
                return m.matches() ? Optional.of("eclipse-temurin:" + m.group(1) + "-jre") : Optional.empty();
            }
            default -> {
                return Optional.empty();
            }
        }
    }
}
