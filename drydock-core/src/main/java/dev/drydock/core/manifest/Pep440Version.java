package dev.drydock.core.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python package version (PEP 440), parsed for comparison: epoch, release numbers, pre-release,
 * post-release and development parts; the local part (after {@code +}) is kept but ignored when
 * comparing, as specifiers other than {@code ===} do.
 */
public record Pep440Version(String text, int epoch, List<Long> release, String preKind, long preNumber,
        long post, long dev, String local) implements Comparable<Pep440Version> {

    static final String REGEX = "v?(?:(?:(?<epoch>[0-9]+)!)?(?<release>[0-9]+(?:\\.[0-9]+)*)"
            + "(?<pre>[-_.]?(?<prel>alpha|a|beta|b|preview|pre|c|rc)[-_.]?(?<pren>[0-9]+)?)?"
            + "(?<post>(?:-(?<postn1>[0-9]+))|(?:[-_.]?(?<postl>post|rev|r)[-_.]?(?<postn2>[0-9]+)?))?"
            + "(?<dev>[-_.]?(?<devl>dev)[-_.]?(?<devn>[0-9]+)?)?)"
            + "(?:\\+(?<local>[a-z0-9]+(?:[-_.][a-z0-9]+)*))?";

    private static final Pattern PATTERN = Pattern.compile("\\s*" + REGEX + "\\s*", Pattern.CASE_INSENSITIVE);

    /** Parses a PEP 440 version; empty when {@code text} is not one. */
    public static Optional<Pep440Version> parse(String text) {
        if (text == null || text.length() > 200) {
            return Optional.empty();
        }
        Matcher m = PATTERN.matcher(text);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            int epoch = m.group("epoch") == null ? 0 : Integer.parseInt(m.group("epoch"));
            List<Long> release = new ArrayList<>();
            for (String part : m.group("release").split("\\.")) {
                release.add(Long.parseLong(part));
            }
            String preKind = null;
            long preNumber = 0;
            if (m.group("pre") != null) {
                preKind = switch (m.group("prel").toLowerCase(Locale.ROOT)) {
                    case "alpha", "a" -> "a";
                    case "beta", "b" -> "b";
                    default -> "rc";
                };
                preNumber = m.group("pren") == null ? 0 : Long.parseLong(m.group("pren"));
            }
            long post = -1;
            if (m.group("post") != null) {
                String n = m.group("postn1") != null ? m.group("postn1") : m.group("postn2");
                post = n == null ? 0 : Long.parseLong(n);
            }
            long dev = -1;
            if (m.group("dev") != null) {
                dev = m.group("devn") == null ? 0 : Long.parseLong(m.group("devn"));
            }
            return Optional.of(new Pep440Version(text.trim(), epoch, List.copyOf(release), preKind, preNumber, post, dev,
                    m.group("local")));
        } catch (NumberFormatException e) {
            return Optional.empty(); // a number too large to compare
        }
    }

    public static boolean isValid(String text) {
        return parse(text).isPresent();
    }

    public boolean isPreRelease() {
        return preKind != null || dev >= 0;
    }

    @Override
    public int compareTo(Pep440Version o) {
        int c = Integer.compare(epoch, o.epoch);
        if (c != 0) {
            return c;
        }
        int n = Math.max(release.size(), o.release.size());
        for (int i = 0; i < n; i++) {
            long a = i < release.size() ? release.get(i) : 0;
            long b = i < o.release.size() ? o.release.get(i) : 0;
            if (a != b) {
                return Long.compare(a, b);
            }
        }
        c = Long.compare(preKey(), o.preKey());
        if (c == 0) {
            c = Long.compare(preNumberKey(), o.preNumberKey());
        }
        if (c == 0) {
            c = Long.compare(post, o.post);
        }
        if (c == 0) {
            c = Long.compare(dev < 0 ? Long.MAX_VALUE : dev, o.dev < 0 ? Long.MAX_VALUE : o.dev);
        }
        return c;
    }

    /** Orders dev-only releases first, then a, b, rc, then final releases. */
    private long preKey() {
        if (preKind == null) {
            return post < 0 && dev >= 0 ? -1 : 3;
        }
        return switch (preKind) {
            case "a" -> 0;
            case "b" -> 1;
            default -> 2;
        };
    }

    private long preNumberKey() {
        return preKind == null ? 0 : preNumber;
    }

    @Override
    public String toString() {
        return text;
    }
}
