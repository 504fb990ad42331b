package dev.drydock.core.rules.support;

import dev.drydock.core.app.PropertyFiles;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.Language;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.manifest.Manifest;
import dev.drydock.core.manifest.ManifestKind;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.rules.support.SecretNames.ValueMatch;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The secrets written into a JVM framework's configuration file ({@code application.properties},
 * {@code application-prod.yml} ... of Spring Boot, Quarkus and Micronaut) under a Maven or Gradle module's
 * {@code src/main/resources}, which the build packages into the jar a Java image runs: a credential of an issued
 * form or a password in a URL, the literal value of a secret-named key ({@code spring.datasource.password=root}),
 * and the literal default of a placeholder ({@code ${JWT_SECRET:s3cr3t}}, used whenever the variable is unset).
 * A placeholder without a default, or whose default is itself a placeholder to replace, is not a secret; nor are
 * encrypted ({@code ENC(...)}, {@code {cipher}...}) or hashed ({@code {bcrypt}...}) values, Maven-filtered
 * {@code @name@} tokens and SpEL expressions.
 */
public final class JvmConfigSecrets {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}]+)(?::(.*))?}");
    private static final Pattern NOT_PLAIN = Pattern.compile(
            "(?i)ENC\\(.*|\\{(cipher|bcrypt|argon2|pbkdf2|scrypt|sha256|ldap|md4|md5|sha)}.*|@[^@\\s]+@|#\\{.*");
    /** Profiles for a developer's machine or the tests, whose values are not those production runs with. */
    private static final Pattern DEVELOPMENT_PROFILE = Pattern.compile(
            "(?i)(application|bootstrap)-(dev|develop|development|local|test|tests|testing|it|ci)\\.(properties|ya?ml)");

    /**
     * One secret value.
     *
     * @param key the property as written in the file ({@code spring.datasource.password})
     * @param value the secret's text: the property's value, or a placeholder's default
     * @param credential the credential's form found in the value, or empty for a secret-named key's value
     * @param fallback whether the value is the default of a {@code ${VARIABLE:default}} placeholder
     * @param variable the placeholder's variable when {@code fallback}, else null
     * @param span the secret in the file, or its line when the value cannot be found on it
     */
    public record Secret(String key, String value, Optional<ValueMatch> credential, boolean fallback, String variable,
            Span span) {

        public String secret() {
            return credential.map(c -> c.secret(value)).orElse(value);
        }

        public boolean wellKnownDefault() {
            return credential.isEmpty() && SecretNames.isWellKnownDefault(value);
        }
    }

    private JvmConfigSecrets() {}

    /**
     * The configuration files packaged into the jar of a container that runs Java, each with the containers'
     * image that ships it ("built from Dockerfile"): the framework configuration under {@code src/main/resources}
     * of the Maven and Gradle modules in the build context.
     */
    public static Map<String, String> shipped(ReviewContext context) {
        Map<String, String> out = new LinkedHashMap<>();
        for (Container c : context.builtContainers()) {
            if (c.entryPoint() == null || c.entryPoint().runtime().language() != Language.JVM) {
                continue;
            }
            for (Manifest m : c.manifests()) {
                if (m.kind() != ManifestKind.POM_XML && m.kind() != ManifestKind.GRADLE) {
                    continue;
                }
                String resources = PathNames.join(PathNames.parent(m.file()), "src/main/resources");
                for (ProjectEntry entry : context.project().layout().entries(FileType.FRAMEWORK_CONFIG)) {
                    if (PathNames.parent(entry.path()).equals(resources) && !entry.path().endsWith(".json")) {
                        out.putIfAbsent(entry.path(), "built from " + c.build().dockerfile());
                    }
                }
            }
        }
        return out;
    }

    /** Whether the file is read only in a development or test profile. */
    public static boolean isDevelopmentFile(String path) {
        return DEVELOPMENT_PROFILE.matcher(PathNames.fileName(path)).matches();
    }

    /**
     * The environment variable that overrides the property: Spring Boot's relaxed binding drops dashes
     * ({@code SECURITY_JWT_CLIENTSECRET}), Quarkus and Micronaut turn every other character into an underscore.
     */
    public static String environmentVariable(String key, boolean spring) {
        String name = spring ? key.replace("-", "") : key;
        return name.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
    }

    /** The secrets in the file. */
    public static List<Secret> of(SourceFile file) {
        List<Secret> out = new ArrayList<>();
        for (PropertyFiles.Document doc : PropertyFiles.documents(file)) {
            for (var entry : doc.values().entrySet()) {
                Integer line = doc.lines().get(entry.getKey());
                if (line != null && line > 0 && line <= file.lineCount()) {
                    secret(file, entry.getKey(), entry.getValue(), line).ifPresent(out::add);
                }
            }
        }
        return out;
    }

    private static Optional<Secret> secret(SourceFile file, String flatKey, String value, int line) {
        if (value.isEmpty() || NOT_PLAIN.matcher(value).matches()) {
            return Optional.empty();
        }
        String key = writtenKey(file.line(line), flatKey);
        Matcher placeholder = PLACEHOLDER.matcher(value);
        String variable = null;
        String literal = value;
        if (placeholder.matches()) {
            if (placeholder.group(2) == null) {
                return Optional.empty();
            }
            variable = placeholder.group(1).strip();
            literal = placeholder.group(2).strip();
            if (literal.isEmpty() || literal.contains("${") || NOT_PLAIN.matcher(literal).matches()) {
                return Optional.empty();
            }
        }
        Optional<ValueMatch> credential = SecretNames.credentialIn(literal);
        if (credential.isPresent()) {
            ValueMatch c = credential.get();
            String secret = c.secret(literal);
            if (secret.contains("${") || !c.issued() && isPlaceholder(secret)) {
                return Optional.empty();
            }
            return Optional.of(new Secret(key, literal, credential, variable != null, variable,
                    within(file, line, secret)));
        }
        if (literal.contains("${") || !SecretNames.isSecretName(key) || !SecretNames.isLiteralSecretValue(literal)
                || isPlaceholder(literal)) {
            return Optional.empty();
        }
        return Optional.of(new Secret(key, literal, Optional.empty(), variable != null, variable,
                within(file, line, literal)));
    }

    private static final Pattern EMBEDDED_DATABASE = Pattern.compile(
            "(?i)(?:jdbc|r2dbc):(?:h2:(?!tcp:|ssl:)|hsqldb:(?:file|mem|res):|derby:(?!//)|sqlite:).*");

    /**
     * The URL of the embedded database (H2 other than a server's, HSQLDB in a file or memory, embedded Derby, SQLite)
     * that a password property belongs to: its sibling {@code url} ({@code spring.r2dbc.password} beside
     * {@code spring.r2dbc.url}); empty for a database server or when the file does not say.
     */
    public static Optional<String> embeddedDatabase(SourceFile file, String key) {
        String flat = key.replaceFirst("^%[\\w-]+\\.", "").toLowerCase(java.util.Locale.ROOT);
        int dot = flat.lastIndexOf('.');
        if (dot < 0 || !flat.endsWith("password")) {
            return Optional.empty();
        }
        String prefix = flat.substring(0, dot);
        for (PropertyFiles.Document doc : PropertyFiles.documents(file)) {
            for (String url : List.of(prefix + ".url", prefix + ".jdbc-url", prefix + ".jdbcurl")) {
                String value = doc.values().get(url);
                if (value != null && EMBEDDED_DATABASE.matcher(value.strip()).matches()) {
                    return Optional.of(value.strip());
                }
            }
        }
        return Optional.empty();
    }

    /** A value to replace, also written in camel case ({@code pleaseChangeThisSecret}). */
    private static boolean isPlaceholder(String value) {
        return SecretNames.isPlaceholder(value) || SecretNames.isPlaceholder(String.join("-", SecretNames.words(value)));
    }

    /**
     * The key with its case as written (the files are read with keys lower-cased; {@code jwtSecret} names a secret
     * where {@code jwtsecret} does not): the properties line's key, or the YAML line's key under the parent keys.
     */
    private static String writtenKey(String text, String flatKey) {
        String line = text.strip();
        int colon = line.indexOf(':');
        int eq = line.indexOf('=');
        int end = eq < 0 ? colon : colon < 0 ? eq : Math.min(eq, colon);
        if (end <= 0) {
            return flatKey;
        }
        String written = line.substring(0, end).strip();
        if (written.startsWith("- ")) {
            written = written.substring(2).strip();
        }
        written = written.replaceAll("^[\"']|[\"']$", "");
        if (written.equalsIgnoreCase(flatKey)) {
            return written;
        }
        String suffix = "." + written.toLowerCase(Locale.ROOT);
        return flatKey.endsWith(suffix) ? flatKey.substring(0, flatKey.length() - suffix.length() + 1) + written
                : flatKey;
    }

    /** The secret's text on its line, or the line when the file writes it otherwise (escapes, a block scalar). */
    private static Span within(SourceFile file, int line, String secret) {
        String text = file.line(line);
        int separator = Math.max(0, Math.min(index(text, '='), index(text, ':')));
        int at = text.indexOf(secret, separator);
        int start = file.lineStart(line);
        if (at < 0) {
            int indent = text.length() - text.stripLeading().length();
            return file.span(start + indent, file.lineEnd(line));
        }
        return file.span(start + at, start + at + secret.length());
    }

    private static int index(String text, char c) {
        int i = text.indexOf(c);
        return i < 0 ? Integer.MAX_VALUE : i;
    }
}
