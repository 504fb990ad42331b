package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.manifest.PomXml;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fast-jar package a container's Maven Quarkus build writes: the Quarkus version of its pom.xml and the
 * {@code quarkus.package.type} / {@code quarkus.package.jar.type} set in application.properties or .yaml, the pom's
 * properties, .mvn/maven.config or the Dockerfile.
 *
 * @param pom the pom.xml that names the Quarkus version
 * @param version the version as written (3.15.1, 2.16.12.Final)
 * @param major the major number
 * @param declaredIn where the fast-jar type is set, or null when it is the version's default
 */
public record QuarkusPackaging(String pom, String version, int major, String declaredIn) {

    private static final Pattern RELEASE = Pattern.compile("(\\d+)\\.(\\d+)(?:[.-][\\w.-]+)?");
    /** A package type set on the command line, in ENV/ARG or a config file; group 1 the value. */
    private static final Pattern DECLARED = Pattern.compile(
            "(?i)quarkus[._]package[._](?:jar[._])?type[\"']?\\s*[=:\\s]\\s*[\"']?([\\w-]+)");
    /** A native build: the native profile, -Dnative, quarkus.native.enabled, or a package jar turned off. */
    private static final Pattern NATIVE = Pattern.compile(
            "(?i)(?:-P\\s*native\\b|-Dnative\\b|quarkus[._]native[._]enabled[\"']?\\s*[=:\\s]\\s*[\"']?true"
                    + "|quarkus[._]package[._]jar[._]enabled[\"']?\\s*[=:\\s]\\s*[\"']?false)");
    private static final Set<String> FAST = Set.of("fast-jar", "mutable-jar");
    private static final List<String> KEYS = List.of("quarkus.package.type", "quarkus.package.jar.type",
            "quarkus.native.enabled", "quarkus.package.jar.enabled");

    /** The name of the property that selects legacy-jar in this version. */
    public String legacyProperty() {
        return major >= 3 ? "quarkus.package.jar.type" : "quarkus.package.type";
    }

    /**
     * The fast-jar packaging of the container's Quarkus build; empty when no pom.xml of the context names a Quarkus
     * version as a number, when they name different ones, or when the build writes another package type.
     *
     * @param dockerfile the text of the Dockerfile that builds the image (-D options, ENV)
     */
    public static Optional<QuarkusPackaging> of(ReviewContext context, Container container, String dockerfile) {
        String pomFile = null;
        String version = null;
        List<String> declared = new ArrayList<>();
        List<String> where = new ArrayList<>();
        boolean nativeBuild = false;
        for (Manifest m : container.manifests()) {
            if (m.kind() != ManifestKind.POM_XML) {
                continue;
            }
            PomXml pom = ManifestSyntax.pom(context, m).orElse(null);
            if (pom == null) {
                continue;
            }
            String v = version(pom);
            if (v != null) {
                if (version != null && !version.equals(v)) {
                    return Optional.empty();
                }
                version = v;
                pomFile = m.file();
            }
            for (String key : KEYS) {
                pom.property(key).ifPresent(value -> {
                    declared.add(key + "=" + value.strip());
                    where.add(key + "=" + value.strip() + " in " + m.file());
                });
            }
            String dir = PathNames.parent(m.file());
            nativeBuild |= readProperties(context, PathNames.join(dir, "src/main/resources/application.properties"),
                    declared, where);
            for (String name : List.of("src/main/resources/application.yaml", "src/main/resources/application.yml",
                    ".mvn/maven.config", ".env")) {
                String path = PathNames.join(dir, name);
                String text = context.project().source(path).map(f -> f.text()).orElse(null);
                if (text != null) {
                    nativeBuild |= scan(text, path, declared, where);
                }
            }
        }
        nativeBuild |= scan(dockerfile, "the Dockerfile", declared, where);
        Matcher release = version == null ? null : RELEASE.matcher(version);
        if (release == null || !release.matches() || nativeBuild) {
            return Optional.empty();
        }
        int major = Integer.parseInt(release.group(1));
        int minor = Integer.parseInt(release.group(2));
        boolean fastDefault = major > 1 || major == 1 && minor >= 12;
        String fastDeclared = null;
        for (int i = 0; i < declared.size(); i++) {
            String value = declared.get(i).substring(declared.get(i).indexOf('=') + 1).toLowerCase(Locale.ROOT);
            boolean fast = FAST.contains(value) || value.equals("jar") && fastDefault;
            if (!fast) {
                return Optional.empty();
            }
            fastDeclared = fastDeclared == null ? where.get(i) : fastDeclared;
        }
        if (!fastDefault && fastDeclared == null) {
            return Optional.empty();
        }
        return Optional.of(new QuarkusPackaging(pomFile, version, major, fastDeclared));
    }

    /** The Quarkus version of the pom: the Maven plugin's, the platform BOM's, or a Quarkus parent's. */
    private static String version(PomXml pom) {
        var plugin = pom.plugin("quarkus-maven-plugin").orElse(null);
        String v = plugin == null ? null : pom.resolve(plugin.version());
        if (v == null || v.contains("${")) {
            v = pom.managedDependencies().stream()
                    .filter(d -> d.groupId() != null && d.groupId().startsWith("io.quarkus")
                            && d.artifactId() != null && d.artifactId().endsWith("-bom"))
                    .map(d -> pom.resolve(d.version())).filter(s -> s != null && !s.contains("${"))
                    .findFirst().orElse(null);
        }
        if (v == null) {
            var parent = pom.parent().orElse(null);
            if (parent != null && parent.groupId() != null && parent.groupId().startsWith("io.quarkus")) {
                v = pom.resolve(parent.version());
            }
        }
        return v == null || v.contains("${") ? null : v.strip();
    }

    /** Reads the package keys of application.properties (plain or %prod.); whether a native build is set. */
    private static boolean readProperties(ReviewContext context, String path, List<String> declared,
            List<String> where) {
        String text = context.project().source(path).map(f -> f.text()).orElse(null);
        if (text == null) {
            return false;
        }
        Properties props = new Properties();
        try {
            props.load(new StringReader(text));
        } catch (IOException | IllegalArgumentException e) {
            return true;
        }
        boolean nativeBuild = false;
        for (String key : KEYS) {
            for (String written : List.of(key, "%prod." + key)) {
                String value = props.getProperty(written);
                if (value == null) {
                    continue;
                }
                value = value.strip();
                if (key.equals("quarkus.native.enabled") || key.equals("quarkus.package.jar.enabled")) {
                    nativeBuild |= key.equals("quarkus.native.enabled") == value.equalsIgnoreCase("true");
                } else {
                    declared.add(key + "=" + value);
                    where.add(written + "=" + value + " in " + path);
                }
            }
        }
        return nativeBuild;
    }

    /** Collects the package types a text sets; whether it asks for a native build. */
    private static boolean scan(String text, String where, List<String> declared, List<String> places) {
        Matcher m = DECLARED.matcher(text);
        while (m.find()) {
            declared.add("type=" + m.group(1));
            places.add(m.group().strip() + " in " + where);
        }
        return NATIVE.matcher(text).find();
    }
}
