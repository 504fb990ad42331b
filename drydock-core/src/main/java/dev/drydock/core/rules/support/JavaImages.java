package dev.drydock.core.rules.support;

import dev.drydock.core.image.ImageReference;
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

    private JavaImages() {}

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
