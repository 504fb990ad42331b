package dev.drydock.core.rules.support;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The value types a label schema can ask for ({@code text}, {@code url}, {@code rfc3339}, {@code spdx},
 * {@code hash}, {@code semver}, {@code email}) and what a value of each must look like.
 */
public final class LabelValueTypes {

    private static final Pattern SEMVER = Pattern.compile("v?(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)"
            + "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
            + "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?");
    private static final Pattern GIT_HASH = Pattern.compile("[0-9a-f]{7,40}|[0-9a-f]{64}");
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)+");
    private static final Pattern SPDX_ID = Pattern.compile("(?:LicenseRef-|DocumentRef-[A-Za-z0-9.-]+:LicenseRef-)?"
            + "[A-Za-z0-9][A-Za-z0-9.-]*\\+?");

    private LabelValueTypes() {}

    /** Whether drydock knows the type. */
    public static boolean known(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "text", "url", "rfc3339", "spdx", "hash", "semver", "email" -> true;
            default -> false;
        };
    }

    /** Why the value is not of the type, or empty when it is (an empty value is reported by the caller). */
    public static Optional<String> problem(String type, String value) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "url" -> url(value) ? Optional.empty() : Optional.of("is not a URL (scheme://host/path)");
            case "rfc3339" -> rfc3339(value) ? Optional.empty()
                    : Optional.of("is not an RFC 3339 date-time (2024-10-01T12:00:00Z)");
            case "spdx" -> spdx(value) ? Optional.empty()
                    : Optional.of("is not an SPDX license expression (Apache-2.0, MIT OR Apache-2.0)");
            case "hash" -> GIT_HASH.matcher(value).matches() ? Optional.empty()
                    : Optional.of("is not a git commit hash (7 to 40 lower-case hex digits)");
            case "semver" -> SEMVER.matcher(value).matches() ? Optional.empty()
                    : Optional.of("is not a semantic version (1.4.2, 2.0.0-rc.1)");
            case "email" -> EMAIL.matcher(value).matches() ? Optional.empty()
                    : Optional.of("is not an e-mail address");
            default -> Optional.empty();
        };
    }

    private static boolean url(String value) {
        try {
            URI uri = new URI(value);
            return uri.getScheme() != null && (uri.getHost() != null || uri.getRawSchemeSpecificPart() != null
                    && !uri.getRawSchemeSpecificPart().isEmpty() && !uri.getScheme().matches("https?"));
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean rfc3339(String value) {
        try {
            OffsetDateTime.parse(value.replace(' ', 'T').replace('t', 'T').replace('z', 'Z'));
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** An SPDX license expression: ids joined with AND, OR and WITH, in parentheses where needed. */
    private static boolean spdx(String value) {
        String spaced = value.replace("(", " ( ").replace(")", " ) ").strip();
        if (spaced.isEmpty()) {
            return false;
        }
        int depth = 0;
        boolean expectId = true;
        for (String token : spaced.split("\\s+")) {
            if (token.equals("(")) {
                if (!expectId) {
                    return false;
                }
                depth++;
            } else if (token.equals(")")) {
                if (expectId || --depth < 0) {
                    return false;
                }
            } else if (token.equals("AND") || token.equals("OR") || token.equals("WITH")) {
                if (expectId) {
                    return false;
                }
                expectId = true;
            } else {
                if (!expectId || !SPDX_ID.matcher(token).matches()) {
                    return false;
                }
                expectId = false;
            }
        }
        return depth == 0 && !expectId;
    }
}
