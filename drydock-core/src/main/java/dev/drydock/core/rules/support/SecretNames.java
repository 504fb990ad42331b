package dev.drydock.core.rules.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which variables hold secrets, and which values are credentials whatever their name.
 *
 * <p>Names are split into words (at {@code _ - .} and lower-to-upper case changes). A name is
 * secret when one word says so ({@code SECRET}, {@code PASSWORD}, {@code PASSWD}, {@code PASS},
 * {@code PASSPHRASE}, {@code TOKEN}, {@code APIKEY}, {@code CREDENTIALS} ..., or one ending in {@code PASSWORD}
 * such as {@code WEBPASSWORD}), when {@code KEY}
 * follows a word that makes it a secret key ({@code API_KEY}, {@code PRIVATE_KEY},
 * {@code MASTER_KEY}, {@code ACCESS_KEY}, {@code ENC_KEY}...), or when it ends with {@code AUTH}; and not when its
 * last word names something about the secret rather than the secret itself ({@code _FILE},
 * {@code _PATH}, {@code _ID}, {@code _USER}, {@code _LENGTH}, {@code _EXPIRY} ...), when it is the key id of an
 * S3-style pair ({@code MINIO_ACCESS_KEY}, {@code S3_ACCESS_KEY}: the SECRET_KEY beside it is the secret) or a word marks
 * it public ({@code PUBLIC}, {@code PUBLISHABLE}), as BuildKit's SecretsUsedInArgOrEnv allows; nor when a
 * word makes it a switch about a password rather than the password: the database images'
 * {@code MYSQL_ALLOW_EMPTY_PASSWORD}, {@code MARIADB_RANDOM_ROOT_PASSWORD} and {@code MYSQL_ONETIME_PASSWORD}
 * take any non-empty value as "on"; nor Airflow's {@code AIRFLOW__CORE__FERNET_KEY_CMD} and {@code _SECRET}, which
 * name a command or a secrets backend key that gives the value.
 */
public final class SecretNames {

    /**
     * A value recognised as a credential by its form.
     *
     * @param kind what it is, for messages ("an AWS access key id")
     * @param issued whether it is a credential a provider issued (a token, a key): then it is live
     *     until revoked; false for a password written into a URL
     * @param start where the match starts in the text searched ({@code end} exclusive)
     * @param secretStart where the secret itself starts: the password of a URL, else {@code start}
     *     ({@code secretEnd} likewise)
     */
    public record ValueMatch(String kind, boolean issued, int start, int end, int secretStart, int secretEnd) {

        /** The secret itself, out of the text searched. */
        public String secret(String text) {
            return text.substring(secretStart, secretEnd);
        }

        /** The matched text with the secret masked, for messages. */
        public String redacted(String text) {
            return text.substring(start, secretStart) + redact(secret(text)) + text.substring(secretEnd, end);
        }
    }

    private static final Set<String> SECRET_WORDS = Set.of("SECRET", "SECRETS", "PASSWORD", "PASSWORDS", "PASSWD",
            "PASS", "PWD", "PWORD", "PASSPHRASE", "PASSCODE", "TOKEN", "APIKEY", "SECRETKEY", "PRIVATEKEY", "ACCESSKEY",
            "CREDENTIAL", "CREDENTIALS", "CREDS", "AUTHTOKEN");
    private static final Set<String> KEY_QUALIFIERS = Set.of("API", "SECRET", "PRIVATE", "ACCESS", "SIGNING", "SIGN",
            "ENCRYPTION", "ENCRYPT", "ENC", "CRYPT", "CRYPTO", "MASTER", "CLIENT", "APP", "AUTH", "LICENSE", "SERVICE",
            "ACCOUNT", "JWT", "HMAC", "SESSION", "WEBHOOK", "SSH", "DEPLOY", "CIPHER", "AES", "FERNET", "STRIPE",
            "ADMIN", "ROOT", "SHARED", "SECURITY");
    private static final Set<String> NOT_THE_SECRET = Set.of("ID", "IDS", "NAME", "USER", "USERS", "USERNAME",
            "USERNAMES", "LOGIN", "EMAIL", "EMAILS", "FILE",
            "FILES", "PATH", "DIR", "FOLDER", "HOST", "HOSTNAME", "PORT", "LENGTH", "LEN", "TTL", "EXPIRY", "EXPIRES",
            "EXPIRATION", "EXPIRE", "TIMEOUT", "TYPE", "FORMAT", "ALGORITHM", "ALG", "HEADER", "FIELD", "PARAM",
            "ENABLED", "ENABLE", "DISABLED", "REQUIRED", "MIN", "MAX", "COUNT", "SIZE", "LIFETIME", "VERSION",
            "PREFIX", "LOCATION", "REGION", "ENDPOINT", "METHOD", "POLICY", "MODE", "BACKEND", "PROVIDER", "NAMESPACE",
            "ROTATION", "DAYS", "HOURS", "MINUTES", "SECONDS", "AGE", "LIMIT", "HINT", "STRENGTH", "COMPLEXITY",
            "RESET", "URL", "URI", "ISSUER", "AUDIENCE", "SCOPE", "SCOPES", "STORE", "BUCKET", "ARN", "KEYRING",
            "REF", "REFS", "SOURCE", "LABEL", "COOKIE", "NAMES", "PATTERN", "REGEX", "LEVEL");
    /**
     * The words that make a COOKIE the Erlang distribution cookie (Elixir releases' RELEASE_COOKIE, RabbitMQ's and
     * CouchDB's ERLANG_COOKIE), which lets whoever holds it connect to the node and run any code on it, rather than the
     * name or a setting of an HTTP cookie (SESSION_COOKIE, COOKIE_SECURE).
     */
    private static final Set<String> DISTRIBUTION_COOKIE_QUALIFIERS = Set.of("RELEASE", "ERLANG", "BEAM", "DIST",
            "DISTRIBUTION", "CLUSTER", "NODE");
    private static final List<String> COMPOUND_SUFFIXES = List.of("PASSWORD", "PASSWD");
    private static final Set<String> PUBLIC_WORDS = Set.of("PUBLIC", "PUBLISHABLE", "PUB");
    /** The object stores whose ACCESS_KEY is the key id of an S3-style pair. */
    private static final Set<String> S3_STORES = Set.of("MINIO", "S3", "AWS", "R2", "B2", "SPACES", "WASABI", "OSS",
            "COS", "GCS");
    private static final Set<String> SWITCH_WORDS = Set.of("ALLOW", "RANDOM", "ONETIME");
    private static final Set<String> NOT_SECRET_NAMES = Set.of("PWD", "OLDPWD");
    /** Airflow's AIRFLOW__SECTION__OPTION_CMD (a command printing the value) and _SECRET (a secrets backend key). */
    private static final Pattern AIRFLOW_INDIRECT = Pattern.compile("AIRFLOW__[A-Z0-9_]+?__([A-Z0-9_]+)_(CMD|SECRET)");
    /** Airflow's sensitive options whose names do not say so (the others are secret-named: FERNET_KEY, SECRET_KEY ...). */
    private static final Set<String> AIRFLOW_SENSITIVE_OPTIONS = Set.of("SQL_ALCHEMY_CONN", "SQL_ALCHEMY_CONN_ASYNC",
            "BROKER_URL", "RESULT_BACKEND");

    private static final String URL_PASSWORD = "a password in a URL";
    private static final String CONNECTION_STRING_PASSWORD = "a password in a connection string";

    /**
     * A credential's form, and the texts of which one (at least) every match contains: a text holding
     * none of them is not searched.
     */
    private record ValuePattern(String kind, Pattern pattern, List<String> needles) {
        ValuePattern(String kind, String regex, String... needles) {
            this(kind, Pattern.compile(regex), List.of(needles));
        }

        boolean mayMatch(String text) {
            for (String needle : needles) {
                if (text.contains(needle)) {
                    return true;
                }
            }
            return false;
        }
    }

    private static final List<ValuePattern> VALUE_PATTERNS = List.of(
            new ValuePattern("an AWS access key id", "\\b(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z2-7]{16}\\b",
                    "AKIA", "ASIA", "ABIA", "ACCA", "A3T"),
            new ValuePattern("a private key", "-----BEGIN (?:[A-Z]+ )?PRIVATE KEY(?: BLOCK)?-----", "-----BEGIN "),
            new ValuePattern("a GitHub token", "\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{50,})\\b",
                    "gh", "github_pat_"),
            new ValuePattern("a GitLab token", "\\bglpat-[A-Za-z0-9_-]{20,}\\b", "glpat-"),
            new ValuePattern("a Slack token", "\\bxox[abposr]-[A-Za-z0-9-]{10,}\\b", "xox"),
            new ValuePattern("a Stripe secret key", "\\b[sr]k_live_[A-Za-z0-9]{20,}\\b", "k_live_"),
            new ValuePattern("a Google API key", "\\bAIza[A-Za-z0-9_-]{35}\\b", "AIza"),
            new ValuePattern("an npm token", "\\bnpm_[A-Za-z0-9]{36}\\b", "npm_"),
            new ValuePattern("an OpenAI API key", "\\bsk-(?:proj-)?[A-Za-z0-9_-]{32,}\\b", "sk-"),
            new ValuePattern("a JSON Web Token", "\\beyJ[A-Za-z0-9_-]{10,}\\.eyJ[A-Za-z0-9_-]{10,}\\.[A-Za-z0-9_-]{10,}", "eyJ"),
            new ValuePattern("a Telegram bot token", "\\b[0-9]{8,10}:AA[A-Za-z0-9_-]{33}(?![A-Za-z0-9_-])", ":AA"),
            new ValuePattern("a SendGrid API key", "\\bSG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}\\b", "SG."),
            new ValuePattern(CONNECTION_STRING_PASSWORD,
                    "(?i)\\b(?:server|host|data source|address|addr)\\s*=[^;]*;(?:[^;]*;)*?\\s*(?:password|pwd)\\s*=\\s*([^;\\s'\"$]+)",
                    "assword=", "ASSWORD=", "wd=", "WD="),
            new ValuePattern(URL_PASSWORD, "\\b[a-zA-Z][a-zA-Z0-9+.-]*://[^\\s:/@$'\"]*:([^\\s@/$'\"{}]+)@[^\\s/]+", "://"));
    private static final Pattern PLACEHOLDER_PASSWORD = Pattern.compile("x+|\\*+|<[^>]*>");

    /**
     * A word that marks a whole URL as a stand-in for a database that does not exist
     * ({@code postgresql://dummy:dummy@dummy/dummy}, {@code postgres://postgres:password@host/notreal}): what a
     * Dockerfile sets so that {@code rails assets:precompile} can boot, not a credential.
     */
    private static final Pattern STAND_IN_URL = Pattern.compile(
            "(?i)(?<![a-z0-9])(?:dummy|fake|notreal|not-real|not_real|nonexistent|unused)(?![a-z0-9])");

    private static final Pattern BOOLEAN_OR_NULL = Pattern.compile("(?i)true|false|yes|no|on|off|null|none|nil");

    private SecretNames() {}

    /** Whether a variable of this name holds a secret. */
    public static boolean isSecretName(String name) {
        if (name == null || name.isEmpty() || NOT_SECRET_NAMES.contains(name) || isAirflowIndirect(name)) {
            return false;
        }
        List<String> words = words(name);
        if (isDistributionCookie(words)) {
            return true;
        }
        if (words.isEmpty() || NOT_THE_SECRET.contains(words.get(words.size() - 1))) {
            return false;
        }
        if (words.stream().anyMatch(w -> PUBLIC_WORDS.contains(w) || SWITCH_WORDS.contains(w))
                || isStorageAccessKeyId(words)) {
            return false;
        }
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            if (SECRET_WORDS.contains(w) || isCompoundPassword(w)) {
                return true;
            }
            if ((w.equals("KEY") || w.equals("KEYS")) && i > 0 && KEY_QUALIFIERS.contains(words.get(i - 1))) {
                return true;
            }
        }
        return words.get(words.size() - 1).equals("AUTH") && words.size() > 1;
    }

    /**
     * MINIO_ACCESS_KEY, S3_ACCESS_KEY, AWS_ACCESS_KEY: for S3 and the stores that speak its API the access key is the
     * key's id, the user name of the pair (MinIO's MINIO_ACCESS_KEY is its root user's name), and the SECRET_KEY
     * beside it is the secret.
     */
    private static boolean isStorageAccessKeyId(List<String> words) {
        int last = words.size() - 1;
        return last >= 2 && words.get(last).equals("KEY") && words.get(last - 1).equals("ACCESS")
                && S3_STORES.contains(words.get(last - 2));
    }

    /** RELEASE_COOKIE, RABBITMQ_ERLANG_COOKIE, CLUSTER_COOKIE: the last word COOKIE, qualified as the node's. */
    private static boolean isDistributionCookie(List<String> words) {
        int last = words.size() - 1;
        return last > 0 && words.get(last).equals("COOKIE") && DISTRIBUTION_COOKIE_QUALIFIERS.contains(words.get(last - 1));
    }

    /**
     * A password word written with its qualifier in one word, as Pi-hole's {@code WEBPASSWORD}: not a switch about
     * it ({@code ALLOWEMPTYPASSWORD}, {@code NOPASSWORD}).
     */
    private static boolean isCompoundPassword(String word) {
        for (String suffix : COMPOUND_SUFFIXES) {
            if (word.length() > suffix.length() + 1 && word.endsWith(suffix)) {
                String qualifier = word.substring(0, word.length() - suffix.length());
                return !qualifier.equals("NO") && SWITCH_WORDS.stream().noneMatch(qualifier::contains)
                        && !qualifier.contains("EMPTY");
            }
        }
        return false;
    }

    /**
     * Whether the name is Airflow's way to have a sensitive option's value fetched at run time: {@code _CMD} names a
     * command, {@code _SECRET} a key in the secrets backend, of an option that supports them (a secret-named one, or a
     * connection URL); {@code AIRFLOW__API_AUTH__JWT_SECRET} itself is the secret.
     */
    private static boolean isAirflowIndirect(String name) {
        Matcher m = AIRFLOW_INDIRECT.matcher(name);
        if (!m.matches()) {
            return false;
        }
        String option = m.group(1);
        return m.group(2).equals("CMD") || AIRFLOW_SENSITIVE_OPTIONS.contains(option) || isSecretName(option);
    }

    /** The words of a variable name, upper case: {@code dbPassword} and {@code DB_PASSWORD} give DB, PASSWORD. */
    public static List<String> words(String name) {
        List<String> out = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean separator = c == '_' || c == '-' || c == '.';
            boolean boundary = i > 0 && Character.isUpperCase(c) && Character.isLowerCase(name.charAt(i - 1));
            if ((separator || boundary) && !word.isEmpty()) {
                out.add(word.toString().toUpperCase(Locale.ROOT));
                word.setLength(0);
            }
            if (!separator) {
                word.append(c);
            }
        }
        if (!word.isEmpty()) {
            out.add(word.toString().toUpperCase(Locale.ROOT));
        }
        return out;
    }

    /**
     * Whether a literal value of a secret-named variable is a real value rather than "nothing": not
     * empty, not a boolean, not a reference to a secret kept elsewhere (a path under
     * {@code /run/secrets}, a secret manager ARN, a template placeholder {@code {{ ... }}}).
     */
    public static boolean isLiteralSecretValue(String value) {
        if (value == null) {
            return false;
        }
        String v = unquote(value.strip());
        if (v.isEmpty() || BOOLEAN_OR_NULL.matcher(v).matches()) {
            return false;
        }
        if (v.startsWith("/run/secrets/") || v.startsWith("/var/run/secrets/") || v.startsWith("arn:aws:")
                || v.startsWith("{{") || v.startsWith("<%") || v.startsWith("vault:") || v.startsWith("secret://")
                || v.startsWith("file:") || v.startsWith("@Microsoft.KeyVault") || v.startsWith("op://")) {
            return false;
        }
        return true;
    }

    /** A credential recognised by its form anywhere in {@code text}: AWS keys, private keys, tokens, URL passwords. */
    public static Optional<ValueMatch> credentialIn(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        for (ValuePattern p : VALUE_PATTERNS) {
            if (!p.mayMatch(text)) {
                continue;
            }
            Matcher m = p.pattern().matcher(text);
            while (m.find()) {
                boolean url = p.kind().equals(URL_PASSWORD) || p.kind().equals(CONNECTION_STRING_PASSWORD);
                if (url) {
                    String password = m.group(1);
                    if (password.startsWith("$") || password.equals("*") || PLACEHOLDER_PASSWORD.matcher(password).matches()
                            || STAND_IN_URL.matcher(text.substring(m.start()).split("\\s", 2)[0]).find()) {
                        continue;
                    }
                }
                return Optional.of(new ValueMatch(p.kind(), !url, m.start(), m.end(), url ? m.start(1) : m.start(),
                        url ? m.end(1) : m.end()));
            }
        }
        return Optional.empty();
    }

    /**
     * Words that mark a value as text to replace (REPLACE_WITH_A_SECRET, change-me, your-password-here), or a
     * name in angle brackets ({@code <db_password>}).
     */
    private static final Pattern PLACEHOLDER = Pattern.compile(
            "(?i)(?:.*[-_. ])?(?:replace|change|changeme|changethis|your|todo|fixme|placeholder|insecure)(?:[-_. ].*)?|<[^<>]+>");

    /** Passwords images and tutorials ship as their defaults, which every scanner of the internet tries first. */
    private static final Set<String> WELL_KNOWN_DEFAULTS = Set.of("password", "passw0rd", "pass", "admin", "secret",
            "postgres", "root", "mysql", "123456", "12345678", "test", "default", "example", "letmein", "qwerty",
            // the JDK's cacerts password, which keystore tutorials (Tomcat, Spring Boot's server.ssl) copy
            "changeit");

    /** Whether a literal secret is a widely known default password ({@code postgres}, {@code admin}, {@code secret}). */
    public static boolean isWellKnownDefault(String literal) {
        return WELL_KNOWN_DEFAULTS.contains(unquoteValue(literal).toLowerCase(Locale.ROOT));
    }

    /** Hexspeak words that programmers write where any value will do: dummy keys, not chosen ones. */
    private static final Set<String> DUMMY_WORDS = Set.of("deadbeef", "cafebabe", "feedface", "baadf00d",
            "deadc0de", "cafed00d", "c0ffee", "badc0ffee");

    /**
     * Whether a literal, set in a build stage the image is not built on, stands in for a secret only so that the
     * build's own checks pass: a placeholder, a widely known default password ({@code secret}) or a hexspeak
     * dummy ({@code CAFEBABE}). None of them protects anything, and none reaches the image.
     */
    public static boolean isBuildStandIn(String literal) {
        String value = unquoteValue(literal).toLowerCase(Locale.ROOT);
        return isPlaceholder(literal) || isWellKnownDefault(literal) || DUMMY_WORDS.contains(value);
    }

    /**
     * Whether a literal secret is a placeholder the file's reader is meant to replace, not a chosen value: placeholder
     * words, a name in angle brackets, a mask without a letter or digit ({@code ********}, {@code ...}), a run of
     * x ({@code xxxxxxxx}), or the secret's name in capitals ({@code STRONG_DB_PASSWORD}).
     */
    public static boolean isPlaceholder(String literal) {
        String value = unquoteValue(literal);
        return PLACEHOLDER.matcher(value).matches() || MASK.matcher(value).matches()
                || NAMED.matcher(value).matches();
    }

    private static final Pattern MASK = Pattern.compile("[^\\p{L}\\p{N}\\s$]+|(?i)x{3,}");

    /** A value that names the secret to put there, in capitals: {@code STRONG_DB_PASSWORD}, {@code API_TOKEN_HERE}. */
    private static final Pattern NAMED = Pattern.compile(
            "(?:[A-Z0-9]+_)*(?:PASSWORD|PASSWD|PASS|SECRET|TOKEN|KEY|APIKEY)(?:_[A-Z0-9]+)*");

    /** A literal value without the quotes written around it. */
    public static String unquoteValue(String value) {
        return unquote(value == null ? "" : value.strip());
    }

    /** A value as it may be shown in a review: the first two characters, the rest masked. */
    public static String redact(String value) {
        String v = unquote(value == null ? "" : value.strip());
        if (v.length() <= 4) {
            return "****";
        }
        return v.substring(0, 2) + "****";
    }

    /** {@code text} with every occurrence of {@code secret} masked (for excerpts shown in a review). */
    public static String redactIn(String text, String secret) {
        if (text == null || secret == null || secret.isEmpty()) {
            return text;
        }
        String v = unquote(secret.strip());
        if (v.isEmpty()) {
            return text;
        }
        return text.replace(v, redact(v));
    }

    static String unquote(String v) {
        if (v.length() >= 2 && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
