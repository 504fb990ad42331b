package dev.drydock.core.rules.support;

import java.util.regex.Pattern;

/** Shell text that makes up a random value: {@code $(openssl rand -hex 32)}, Python's secrets module, rails secret. */
public final class RandomValues {

    /** How surely the value is a secret. */
    public enum Kind {
        /** Not random. */
        NONE,
        /** An identifier (uuidgen): random, but not meant to be kept secret. */
        IDENTIFIER,
        /** Random bytes or words (/dev/urandom, openssl rand, pwgen): a secret when written somewhere named like one. */
        RANDOM,
        /** A generator made for secrets and keys (secrets.token_hex, get_random_secret_key, rails secret). */
        SECRET
    }

    private static final String SECRET = "secrets\\.(token_\\w+|choice|randbelow|SystemRandom)|get_random_secret_key"
            + "|Fernet\\.generate_key|os\\.urandom|\\b(rails|rake)\\s+secret\\b|phx\\.gen\\.secret"
            + "|key:generate\\s+--show";
    private static final String RANDOM = "/dev/u?random|openssl\\s+rand\\b|\\bpwgen\\b";
    private static final String IDENTIFIER = "\\buuidgen\\b|/proc/sys/kernel/random/uuid";

    private static final Pattern SECRET_GENERATOR = Pattern.compile(SECRET);
    private static final Pattern RANDOM_SOURCE = Pattern.compile(RANDOM);
    private static final Pattern IDENTIFIER_SOURCE = Pattern.compile(IDENTIFIER);
    /** A command substitution whose text (up to its first parenthesis) uses one of the sources. */
    private static final Pattern SUBSTITUTION = Pattern.compile("\\$\\([^)]*(" + SECRET + "|" + RANDOM + "|" + IDENTIFIER + ")");

    private RandomValues() {}

    /** What the command substitutions in {@code text} make up. */
    public static Kind inSubstitution(String text) {
        var m = SUBSTITUTION.matcher(text);
        Kind best = Kind.NONE;
        while (m.find()) {
            Kind kind = of(m.group(1));
            best = kind.compareTo(best) > 0 ? kind : best;
        }
        return best;
    }

    /** What a source or program text makes up ({@code import secrets; print(secrets.token_hex())}). */
    public static Kind of(String text) {
        if (SECRET_GENERATOR.matcher(text).find()) {
            return Kind.SECRET;
        }
        if (RANDOM_SOURCE.matcher(text).find()) {
            return Kind.RANDOM;
        }
        return IDENTIFIER_SOURCE.matcher(text).find() ? Kind.IDENTIFIER : Kind.NONE;
    }
}
