package dev.drydock.core.rules.support;

import dev.drydock.core.manifest.JsonTree;
import dev.drydock.core.rules.support.SecretNames.ValueMatch;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.project.Project;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.stream.Stream;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The secrets written into an ASP.NET Core settings file ({@code appsettings.json},
 * {@code appsettings.Production.json} ...): a password in a connection string, a credential of an issued form, or
 * the literal value of a secret-named key ({@code "ClientSecret": "..."}), each with the span of the secret.
 * The file is read as the .NET JSON configuration provider reads it, comments and trailing commas allowed.
 */
public final class AppSettingsSecrets {

    private static final Pattern SETTINGS_FILE = Pattern.compile("(?i)appsettings(\\.[\\w-]+)?\\.json");

    /**
     * One secret value.
     *
     * @param key the configuration key as ASP.NET Core names it ({@code ConnectionStrings:Default})
     * @param value the string value
     * @param credential the credential's form found in the value, or empty for a secret-named key's value
     * @param span the secret in the file: the password or token inside the string when it can be mapped, else the string
     */
    public record Secret(String key, String value, Optional<ValueMatch> credential, Span span) {

        public String secret() {
            return credential.map(c -> c.secret(value)).orElse(value);
        }

        /** The key as an environment variable that overrides it ({@code ConnectionStrings__Default}). */
        public String environmentVariable() {
            return key.replace(":", "__");
        }
    }

    private AppSettingsSecrets() {}

    /** Whether a file name is one of ASP.NET Core's settings files. */
    public static boolean isSettingsFile(String name) {
        return SETTINGS_FILE.matcher(name).matches();
    }

    /**
     * The settings files beside the project's .NET project files (where the SDK takes them into the published
     * output), by project path; discovery does not classify them, so each project folder is listed.
     */
    public static List<String> files(Project project) {
        Set<String> out = new LinkedHashSet<>();
        for (ProjectEntry manifest : project.layout().manifests()) {
            if (manifest.type() != FileType.DOTNET_PROJECT) {
                continue;
            }
            String dir = manifest.directory();
            try (Stream<Path> list = Files.list(project.files().locate(dir.isEmpty() ? "." : dir))) {
                for (Path p : list.sorted().toList()) {
                    String name = p.getFileName().toString();
                    if (isSettingsFile(name) && Files.isRegularFile(p)) {
                        out.add(PathNames.join(dir, name));
                    }
                }
            } catch (IOException | SourceException e) {
                // an unreadable folder holds nothing drydock can report
            }
        }
        return List.copyOf(out);
    }

    /** Whether the settings file is the one read in the Development environment only. */
    public static boolean isDevelopmentFile(String name) {
        return name.equalsIgnoreCase("appsettings.Development.json");
    }

    /** The secrets in the file; empty when it is not valid JSON. */
    public static List<Secret> of(SourceFile file) {
        JsonTree.Node root;
        try {
            root = JsonTree.parseWithComments(file);
        } catch (SourceException e) {
            return List.of();
        }
        List<Secret> out = new ArrayList<>();
        walk(file, root, "", out);
        return out;
    }

    private static void walk(SourceFile file, JsonTree.Node node, String key, List<Secret> out) {
        switch (node) {
            case JsonTree.Obj obj -> obj.members().values().forEach(m -> walk(file, m.value(),
                    key.isEmpty() ? m.key() : key + ":" + m.key(), out));
            case JsonTree.Arr arr -> {
                for (int i = 0; i < arr.items().size(); i++) {
                    walk(file, arr.items().get(i), key + ":" + i, out);
                }
            }
            case JsonTree.Scalar scalar when scalar.isString() -> scalar(file, scalar, key, out);
            case JsonTree.Scalar scalar -> { }
        }
    }

    private static void scalar(SourceFile file, JsonTree.Scalar scalar, String key, List<Secret> out) {
        String value = scalar.text();
        Optional<ValueMatch> credential = SecretNames.credentialIn(value);
        if (credential.isPresent()) {
            ValueMatch c = credential.get();
            if (!c.issued() && SecretNames.isPlaceholder(c.secret(value))) {
                return; // Password=change-me
            }
            out.add(new Secret(key, value, credential, within(file, scalar, c.secretStart(), c.secretEnd())));
            return;
        }
        String name = key.substring(key.lastIndexOf(':') + 1);
        if (SecretNames.isSecretName(name) && SecretNames.isLiteralSecretValue(value) && !SecretNames.isPlaceholder(value)) {
            out.add(new Secret(key, value, Optional.empty(), scalar.span()));
        }
    }

    /** Characters {@code start..end} of a string's value, or the whole string when escapes make offsets differ. */
    private static Span within(SourceFile file, JsonTree.Scalar scalar, int start, int end) {
        Span span = scalar.span();
        int open = span.start() + 1;
        if (span.end() - 1 - open != scalar.text().length()
                || !file.text().substring(open, span.end() - 1).equals(scalar.text())) {
            return span;
        }
        return file.span(open + start, open + end);
    }
}
