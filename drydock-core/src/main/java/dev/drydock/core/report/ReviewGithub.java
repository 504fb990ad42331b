package dev.drydock.core.report;

import dev.drydock.core.batch.BatchResult;
import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.Review;
import dev.drydock.core.source.Span;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * A review as GitHub Actions workflow commands, one line per finding (per place of a finding written at
 * several, each naming them all), which the runner shows as annotations on the files of the commit and
 * the pull request:
 * {@code ::error file=F,line=L,endLine=L,col=C,endColumn=C,title=T::MESSAGE}. Critical and high
 * findings are errors, medium ones warnings, low and info notices. Data is escaped as the runner
 * expects ({@code %}, CR and LF as {@code %25}, {@code %0D}, {@code %0A}; in properties also {@code :}
 * and {@code ,}). File paths are the project's, prefixed with the folder the review was given, so that
 * they are relative to the repository root when drydock runs there.
 */
public final class ReviewGithub implements Consumer<BatchResult> {

    private final Writer out;

    /** Batch results as annotations, project by project; an unreadable project is an error annotation. */
    public ReviewGithub(Writer out) {
        this.out = out;
    }

    /** The review's findings, every file prefixed with {@code pathPrefix} (see {@link #pathPrefix}). */
    public static void write(Review review, String pathPrefix, Writer writer) {
        PrintWriter out = new PrintWriter(writer);
        String prefix = pathPrefix;
        for (Finding f : review.findings()) {
            out.print(lines(f, prefix));
        }
        out.flush();
    }

    @Override
    public void accept(BatchResult result) {
        StringBuilder lines = new StringBuilder();
        switch (result) {
            case BatchResult.Reviewed reviewed -> {
                String prefix = pathPrefix(reviewed.project(), reviewed.read());
                reviewed.review().findings().forEach(f -> lines.append(lines(f, prefix)));
            }
            case BatchResult.Unreadable unreadable -> lines.append("::error title=")
                    .append(property("drydock: project not reviewed")).append("::")
                    .append(data(unreadable.project() + ": " + unreadable.reason())).append('\n');
        }
        try {
            out.write(lines.toString());
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The annotations of a finding: one at each of its places, each naming them all when there are several. */
    static String lines(Finding f, String prefix) {
        StringBuilder lines = new StringBuilder();
        String message = data(FindingMessage.withRecommendation(f, "\n", prefix));
        for (Location place : f.places()) {
            lines.append(line(f, place, prefix, message));
        }
        return lines.toString();
    }

    private static String line(Finding f, Location place, String prefix, String message) {
        StringBuilder line = new StringBuilder("::").append(command(f)).append(' ');
        String file = place.file();
        if (file != null) {
            line.append("file=").append(property(prefix + file)).append(',');
            Span span = place.span();
            if (span != null) {
                line.append("line=").append(span.startLine()).append(",endLine=").append(span.endLine());
                if (span.startLine() == span.endLine()) {
                    // columns only for an annotation on one line; drydock's end is exclusive, GitHub's is not
                    line.append(",col=").append(span.startColumn()).append(",endColumn=")
                            .append(Math.max(span.startColumn(), span.endColumn() - 1));
                }
                line.append(',');
            }
        }
        line.append("title=").append(property(f.rule().title() + " (drydock " + f.ruleId() + ")"));
        return line.append("::").append(message).append('\n').toString();
    }

    private static String command(Finding f) {
        return switch (f.severity()) {
            case CRITICAL, HIGH -> "error";
            case MEDIUM -> "warning";
            case LOW, INFO -> "notice";
        };
    }

    /**
     * The folder a project's files are relative to, as given (a file stands for its folder): a '/'-path
     * ending in '/', or "" for the current folder. CI tools resolve paths from the repository root, so
     * drydock run there on {@code services/api} writes {@code services/api/Dockerfile}.
     */
    public static String pathPrefix(Path projectPath) {
        return pathPrefix(projectPath, projectPath);
    }

    /** As {@link #pathPrefix(Path)}, for a project shown as {@code projectPath} and read at {@code read}. */
    public static String pathPrefix(Path projectPath, Path read) {
        if (projectPath == null) {
            return "";
        }
        Path folder = Files.isRegularFile(read) ? projectPath.getParent() : projectPath;
        String text = folder == null ? "" : folder.normalize().toString().replace('\\', '/');
        return text.isEmpty() || text.equals(".") ? "" : text.endsWith("/") ? text : text + "/";
    }

    static String data(String text) {
        return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    static String property(String text) {
        return data(text).replace(":", "%3A").replace(",", "%2C");
    }
}
