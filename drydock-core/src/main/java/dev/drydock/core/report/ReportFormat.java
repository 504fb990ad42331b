package dev.drydock.core.report;

import dev.drydock.core.config.DrydockConfig;
import dev.drydock.core.fix.FixOptions;
import dev.drydock.core.json.ReviewGitlab;
import dev.drydock.core.json.ReviewJson;
import dev.drydock.core.json.ReviewSarif;
import dev.drydock.core.review.Review;
import dev.drydock.core.verify.VerifyReport;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Path;

/** The forms a project's review is written in, for people, for CI systems and for other tools. */
public enum ReportFormat {
    TEXT, JSON, MARKDOWN, SARIF, CHECKSTYLE, JUNIT, GITLAB, GITHUB;

    /**
     * What a report says besides the review: the project as the user named it (JSON repeats it, and the CI
     * formats resolve paths from it), the tool's version, the configuration (whose fix engine writes the
     * fixed files of the Markdown review), a verification on a container engine (null when none ran), and
     * whether text may use terminal colours; and where the project was read, when not at the path as named (a
     * daemon reads its client's relative paths against the client's folder).
     */
    public record Context(Path project, String version, DrydockConfig config, VerifyReport verification, boolean color,
            Path read) {

        public Context(Path project, String version, DrydockConfig config, VerifyReport verification, boolean color) {
            this(project, version, config, verification, color, project);
        }

        public static Context of(Path project, String version, DrydockConfig config) {
            return new Context(project, version, config, null, false);
        }
    }

    public void write(Review review, Context context, Writer writer) {
        PrintWriter out = writer instanceof PrintWriter p ? p : new PrintWriter(writer);
        String prefix = ReviewGithub.pathPrefix(context.project(), context.read());
        switch (this) {
            case TEXT -> new ReviewText(out, context.color()).print(review);
            case JSON -> ReviewJson.write(review, context.project().toString(), context.version(), context.verification(), out);
            case MARKDOWN -> new ReviewMarkdown(out).print(review,
                    context.config().fixEngine().fix(review.project(), review, FixOptions.withUnsafe()));
            case SARIF -> ReviewSarif.write(review, context.version(), out);
            case CHECKSTYLE -> ReviewCheckstyle.write(review, prefix, out);
            case JUNIT -> ReviewJunit.write(review, prefix, out);
            case GITLAB -> ReviewGitlab.write(review, prefix, out);
            case GITHUB -> ReviewGithub.write(review, prefix, out);
        }
        if (context.verification() != null && (this == TEXT || this == MARKDOWN)) {
            out.println();
            (this == MARKDOWN ? VerifyText.markdown(out) : VerifyText.text(out)).print(context.verification());
        }
        out.flush();
    }
}
