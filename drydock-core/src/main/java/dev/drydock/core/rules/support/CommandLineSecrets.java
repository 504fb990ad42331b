package dev.drydock.core.rules.support;

import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.rules.support.SecretNames.ValueMatch;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Secrets written on a compose service's command line: the value of an option named like a secret
 * ({@code --requirepass hunter2}, {@code --basic_auth=admin:hunter2}, {@code --password=...}) and a password
 * inside a URL ({@code redis://:hunter2@redis:6379}). Values with a variable ({@code $$REDIS_PASSWORD},
 * {@code ${TOKEN}}) are not secrets written in the file.
 */
public final class CommandLineSecrets {

    private CommandLineSecrets() {}

    /** Options of common servers that take a password, beyond the names {@link SecretNames} knows. */
    private static final Set<String> PASSWORD_OPTIONS = Set.of("requirepass", "masterauth", "basic_auth", "basic-auth",
            "auth", "pass", "passwd");

    /**
     * A secret found on the command line.
     *
     * @param option the option that takes it, or null for a password inside a URL
     * @param secret the secret as written
     * @param span where the secret is written
     * @param credential what {@link SecretNames#credentialIn} found, or null for an option's value
     */
    public record Found(String option, String secret, Span span, ValueMatch credential) {}

    public static List<Found> in(Service.Command command) {
        List<Found> out = new ArrayList<>();
        List<Located<String>> words = command.words();
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i).value();
            Optional<ValueMatch> credential = SecretNames.credentialIn(word);
            if (credential.isPresent() && !word.contains("$")) {
                String secret = credential.get().secret(word);
                Span span = locate(words.get(i), secret);
                if (span != null) {
                    out.add(new Found(null, secret, span, credential.get()));
                }
                continue;
            }
            if (!word.startsWith("-")) {
                continue;
            }
            int eq = word.indexOf('=');
            String option = eq > 0 ? word.substring(0, eq) : word;
            String value = eq > 0 ? word.substring(eq + 1) : i + 1 < words.size() ? words.get(i + 1).value() : null;
            if (value == null || !secretOption(option) || value.contains("$") || value.startsWith("-")
                    || !SecretNames.isLiteralSecretValue(value) || SecretNames.isPlaceholder(value)) {
                continue;
            }
            Span span = locate(eq > 0 ? words.get(i) : words.get(i + 1), value);
            if (span != null) {
                out.add(new Found(option, value, span, null));
            }
            if (eq < 0) {
                i++;
            }
        }
        return out;
    }

    private static boolean secretOption(String option) {
        String name = option.replaceFirst("^-+", "");
        return PASSWORD_OPTIONS.contains(name.toLowerCase(Locale.ROOT))
                || SecretNames.isSecretName(name.replace('-', '_').toUpperCase(Locale.ROOT));
    }

    /**
     * Where {@code secret} is written in the word's node; null when the file does not hold it as written there,
     * or the written word around it has a variable: then Compose's interpolation made it, from the environment.
     */
    private static Span locate(Located<String> word, String secret) {
        Span node = word.span();
        String text = word.file().text();
        int at = text.indexOf(secret, node.start());
        if (at < 0 || at + secret.length() > node.end()) {
            return null;
        }
        int start = at;
        while (start > node.start() && !Character.isWhitespace(text.charAt(start - 1))) {
            start--;
        }
        int end = at + secret.length();
        while (end < node.end() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return text.substring(start, end).contains("$") ? null : word.file().span(at, at + secret.length());
    }
}
