package dev.drydock.core.json;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleMetadata;
import dev.drydock.core.review.Rules;
import dev.drydock.core.review.Severity;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A review as one SARIF 2.1.0 log with one run, for code scanning in CI (GitHub, GitLab, Azure DevOps).
 *
 * <ul>
 *   <li>{@code tool.driver.rules}: every rule, described from its metadata (title, what it checks, help
 *       as text and Markdown with the first example, the first reference as {@code helpUri}); GitHub reads
 *       {@code defaultConfiguration.level}, {@code properties.tags} (the category: {@code security} makes
 *       an alert a security alert), {@code properties.precision} ({@code high}: the rules read the files
 *       as Docker does, they do not guess) and {@code properties.security-severity} of security rules.</li>
 *   <li>One result per finding: its level (critical and high are errors, medium a warning, low and info
 *       notes), the message with the recommendation, a location relative to {@code SRCROOT} (the project
 *       root), a {@code partialFingerprints} entry that survives line shifts, and the fix drydock offers
 *       as a SARIF fix (replacements by character offset into the file as it is). A finding written at
 *       several places keeps the first as its location and lists the others as {@code relatedLocations},
 *       linked from the message: code scanning marks only a result's first location, and separate results
 *       would count one problem several times.</li>
 * </ul>
 *
 * <p>Lines and columns are 1-based and count UTF-16 code units ({@code columnKind}); a byte order mark
 * is not counted. GitHub rejects a result without a file location, so a finding about the project as a
 * whole points at the project root ({@code "."}).
 */
public final class ReviewSarif {

    public static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";

    /** The base id every location is relative to: the project root. */
    public static final String SRCROOT = "SRCROOT";

    /** The {@code partialFingerprints} key of drydock's own fingerprint. */
    public static final String FINGERPRINT = "drydock/v1";

    private ReviewSarif() {}

    /** The review with every rule drydock has described, and the project root as {@code SRCROOT}. */
    public static void write(Review review, String version, Writer writer) {
        URI root = review.project() == null ? null : review.project().root().toAbsolutePath().normalize().toUri();
        write(review, Rules.all().stream().map(Rule::metadata).toList(), version, root, writer);
    }

    /**
     * The review with these rules described (and any other rule a finding comes from).
     *
     * @param sourceRoot the absolute URI of the project root, or null to leave it to the consumer
     */
    public static void write(Review review, List<RuleMetadata> rules, String version, URI sourceRoot, Writer writer) {
        try (SarifLog log = new SarifLog(writer, version, rules, sourceRoot)) {
            log.add(review, "");
        }
    }

    /** The SARIF level of a severity. */
    public static String level(Severity severity) {
        return switch (severity) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "note";
        };
    }

    /** GitHub's {@code security-severity} score of a severity (critical over 9, high 7 to 8.9 ...), or null. */
    public static String securitySeverity(Severity severity) {
        return switch (severity) {
            case CRITICAL -> "9.5";
            case HIGH -> "8.0";
            case MEDIUM -> "5.5";
            case LOW -> "3.0";
            case INFO -> null;
        };
    }

    static void rule(JsonOut out, RuleMetadata rule) {
        out.startObject().field("id", rule.id()).field("name", pascalCase(rule.id()));
        out.startObject("shortDescription").field("text", rule.title()).endObject();
        out.startObject("fullDescription").field("text", rule.checks()).endObject();
        out.startObject("help").field("text", helpText(rule)).field("markdown", helpMarkdown(rule)).endObject();
        rule.references().stream().filter(ReviewSarif::isWebAddress).findFirst().ifPresent(uri -> out.field("helpUri", uri));
        out.startObject("defaultConfiguration").field("level", level(rule.severity())).endObject();
        out.startObject("properties").field("category", rule.category().id())
                .strings("tags", List.of(rule.category().id(), "containers"))
                .field("precision", "high")
                .field("severity", rule.severity().id()).field("fix", rule.fix().id());
        if (!rule.aliases().isEmpty()) {
            out.strings("aliases", rule.aliases());
        }
        if (rule.category() == Category.SECURITY) {
            out.field("security-severity", securitySeverity(rule.severity()));
        }
        out.endObject().endObject();
    }

    private static String helpText(RuleMetadata rule) {
        StringBuilder text = new StringBuilder()
                .append("Problem: ").append(rule.problem()).append("\n\n")
                .append("Impact: ").append(rule.impact()).append("\n\n")
                .append("Recommendation: ").append(rule.recommendation());
        if (!rule.references().isEmpty()) {
            text.append("\n\nReferences:");
            rule.references().forEach(r -> text.append("\n- ").append(r));
        }
        return text.toString();
    }

    private static String helpMarkdown(RuleMetadata rule) {
        StringBuilder text = new StringBuilder()
                .append("**Problem.** ").append(rule.problem()).append("\n\n")
                .append("**Impact.** ").append(rule.impact()).append("\n\n")
                .append("**Recommendation.** ").append(rule.recommendation());
        if (!rule.references().isEmpty()) {
            text.append("\n\n**References**\n");
            rule.references().forEach(r -> text.append("\n- ").append(isWebAddress(r) ? "<" + r + ">" : r));
        }
        if (!rule.examples().isEmpty()) {
            RuleMetadata.Example example = rule.examples().get(0);
            text.append("\n\n**Example.** Reported in `").append(example.file()).append("`:\n\n")
                    .append(fenced(example.bad())).append("\nWritten right:\n\n").append(fenced(example.good()));
        }
        return text.toString();
    }

    private static String fenced(String content) {
        String body = content.endsWith("\n") ? content : content + "\n";
        String fence = "```";
        while (body.contains(fence)) {
            fence += "`";
        }
        return fence + "\n" + body + fence + "\n";
    }

    /** One finding as a result; its files are prefixed with {@code prefix} (the project's folder in a batch). */
    static void result(JsonOut out, Finding f, int ruleIndex, String fingerprint, Sources sources, String prefix) {
        result(out, f, ruleIndex, fingerprint, sources, prefix, null);
    }

    /**
     * One result; {@code suppression} is null for a finding in force, else the SARIF kind of what set it
     * apart: {@code inSource} (an ignore comment) or {@code external} (the configuration).
     */
    static void result(JsonOut out, Finding f, int ruleIndex, String fingerprint, Sources sources, String prefix,
            String suppression) {
        out.startObject().field("ruleId", f.ruleId()).field("ruleIndex", ruleIndex).field("level", level(f.severity()));
        out.startObject("message").field("text", f.message() + otherPlacesLinks(f, prefix) + "\n\n"
                + f.effectiveRecommendation()).endObject();
        out.startArray("locations").startObject();
        physicalLocation(out, f.location(), sources, prefix);
        if (f.location().file() == null) {
            out.startObject("message").field("text", "the project as a whole").endObject();
        }
        out.endObject().endArray();
        if (!f.otherPlaces().isEmpty()) {
            out.startArray("relatedLocations");
            int id = 1;
            for (Location place : f.otherPlaces()) {
                out.startObject().field("id", id++);
                physicalLocation(out, place, sources, prefix);
                out.startObject("message").field("text", "another place of this " + f.ruleId() + " finding").endObject();
                out.endObject();
            }
            out.endArray();
        }
        out.startObject("partialFingerprints").field(FINGERPRINT, fingerprint).endObject();
        if (f.fix() != null) {
            fix(out, f.fix(), sources, prefix);
        }
        if (suppression != null) {
            out.startArray("suppressions").startObject().field("kind", suppression).endObject().endArray();
        }
        out.startObject("properties").field("severity", f.severity().id()).field("fix", f.fixSafety().id()).endObject();
        out.endObject();
    }

    /**
     * The other places of a grouped finding as links to its related locations ({@code [text](id)}), which code
     * scanning shows in the alert: it marks only the first of a result's locations, so they are related
     * locations, not more locations.
     */
    private static String otherPlacesLinks(Finding f, String prefix) {
        if (f.otherPlaces().isEmpty()) {
            return "";
        }
        StringBuilder text = new StringBuilder("\n\nAlso at ");
        for (int i = 0; i < f.otherPlaces().size(); i++) {
            Location place = f.otherPlaces().get(i);
            text.append(i == 0 ? "" : i == f.otherPlaces().size() - 1 ? " and " : ", ")
                    .append('[').append(linkText(prefix, place)).append("](").append(i + 1).append(')');
        }
        return text.append('.').toString();
    }

    /** FILE:LINE with the brackets SARIF's embedded links reserve escaped. */
    private static String linkText(String prefix, Location place) {
        String where = place.file() == null ? (prefix.isEmpty() ? "." : prefix)
                : prefix + place.file() + (place.span() == null ? "" : ":" + place.line());
        return where.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]");
    }

    private static void physicalLocation(JsonOut out, Location location, Sources sources, String prefix) {
        out.startObject("physicalLocation");
        String file = location.file();
        artifactLocation(out, file == null ? (prefix.isEmpty() ? "." : uri(prefix)) : uri(prefix + file));
        Span span = location.span();
        if (file != null && span != null) {
            int bom = sources.bom(file);
            out.startObject("region")
                    .field("startLine", span.startLine()).field("startColumn", column(span.startLine(), span.startColumn(), bom))
                    .field("endLine", span.endLine()).field("endColumn", column(span.endLine(), span.endColumn(), bom))
                    .endObject();
        }
        out.endObject();
    }

    private static void fix(JsonOut out, Fix fix, Sources sources, String prefix) {
        Map<String, List<TextEdit>> byFile = new LinkedHashMap<>();
        fix.edits().forEach(e -> byFile.computeIfAbsent(e.file(), k -> new ArrayList<>()).add(e));
        out.startArray("fixes").startObject();
        out.startObject("description").field("text", fix.title()).endObject();
        out.startArray("artifactChanges");
        byFile.forEach((file, edits) -> {
            int bom = sources.bom(file);
            String newline = sources.lineEnding(file);
            out.startObject();
            artifactLocation(out, uri(prefix + file));
            out.startArray("replacements");
            edits.stream().sorted(Comparator.comparingInt(TextEdit::start).thenComparingInt(TextEdit::end)).forEach(e -> {
                int start = Math.max(0, e.start() - bom);
                out.startObject().startObject("deletedRegion").field("charOffset", start)
                        .field("charLength", Math.max(0, e.end() - bom) - start).endObject();
                if (!e.replacement().isEmpty()) {
                    out.startObject("insertedContent").field("text", withLineEnding(e.replacement(), newline)).endObject();
                }
                out.endObject();
            });
            out.endArray().endObject();
        });
        out.endArray();
        out.startObject("properties").field("safety", fix.safety().id()).endObject();
        out.endObject().endArray();
    }

    private static void artifactLocation(JsonOut out, String uri) {
        out.startObject("artifactLocation").field("uri", uri).field("uriBaseId", SRCROOT).endObject();
    }

    /** A column on a line, not counting the byte order mark that opens line 1. */
    private static int column(int line, int column, int bom) {
        return line == 1 ? Math.max(1, column - bom) : column;
    }

    /** A project-relative '/'-path as a relative URI reference: segments percent-encoded, never read as a scheme. */
    static String uri(String path) {
        try {
            String encoded = new URI(null, null, path, null).toASCIIString();
            int colon = encoded.indexOf(':');
            int slash = encoded.indexOf('/');
            return colon >= 0 && (slash < 0 || colon < slash) ? "./" + encoded : encoded;
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a path: " + path, e);
        }
    }

    static String directory(URI uri) {
        String text = uri.toASCIIString();
        return text.endsWith("/") ? text : text + "/";
    }

    private static boolean isWebAddress(String text) {
        return text.startsWith("https://") || text.startsWith("http://");
    }

    static String pascalCase(String id) {
        StringBuilder name = new StringBuilder();
        for (String part : id.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return name.toString();
    }

    private static String withLineEnding(String text, String newline) {
        if (newline.equals("\n")) {
            return text;
        }
        return text.replace("\r\n", "\n").replace("\n", newline);
    }

    /** The project's files as read, for byte order marks, line endings and excerpts. */
    static final class Sources {

        private final Review review;

        Sources(Review review) {
            this.review = review;
        }

        Optional<SourceFile> source(String file) {
            return file == null || review.project() == null ? Optional.empty() : review.project().source(file);
        }

        int bom(String file) {
            return source(file).map(SourceFile::contentStart).orElse(0);
        }

        /** The file's line ending as the fix engine writes it: CRLF when its first line ends so, else LF. */
        String lineEnding(String file) {
            String text = source(file).map(SourceFile::text).orElse("");
            int lf = text.indexOf('\n');
            return lf > 0 && text.charAt(lf - 1) == '\r' ? "\r\n" : "\n";
        }
    }

    /**
     * Sets up the JDK's message digests on a thread of their own: the first SHA-256 of a process (the
     * fingerprints) costs about 30 ms while the security providers are read and registered, which a
     * caller that will write SARIF can spend while it reviews. Later digests cost microseconds.
     */
    public static void warmUpFingerprints() {
        Thread.ofPlatform().daemon().name("drydock-sarif-digest").start(() -> Fingerprints.sha256(""));
    }

    /**
     * drydock's fingerprint of a finding: a hash of its rule, its file and its excerpt with whitespace
     * collapsed (not its line), then the finding's rank among those with the same hash, so results
     * keep their identity when lines move above them.
     */
    static final class Fingerprints {

        private final Map<String, Integer> seen = new HashMap<>();

        String of(Finding f, Sources sources) {
            return of(f, sources, "");
        }

        /** The fingerprint of a finding whose file is shown with {@code prefix} (its project's folder in a batch). */
        String of(Finding f, Sources sources, String prefix) {
            String file = f.location().file();
            String hash = sha256(f.ruleId() + '\0' + prefix + (file == null ? "" : file) + '\0' + excerpt(f, sources));
            int rank = seen.merge(hash, 1, Integer::sum);
            return hash + ":" + rank;
        }

        private static String excerpt(Finding f, Sources sources) {
            String text = f.current();
            Span span = f.location().span();
            if (text == null && span != null) {
                text = sources.source(f.location().file())
                        .filter(s -> span.end() <= s.text().length())
                        .map(s -> s.text(span)).orElse(null);
            }
            return text == null ? "" : text.replaceAll("\\s+", " ").strip();
        }

        private static String sha256(String text) {
            try {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
                return HexFormat.of().formatHex(digest, 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
