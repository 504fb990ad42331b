package dev.drydock.core.report;

import dev.drydock.core.review.Finding;
import dev.drydock.core.review.Review;
import dev.drydock.core.source.Span;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * A review as JUnit XML, for CI systems that show test reports (GitLab's {@code artifacts:reports:junit},
 * Jenkins, Azure DevOps): one {@code testsuite} per file with findings (the project's own findings under
 * {@code .}), one failing {@code testcase} per finding named {@code RULE-ID at FILE:LINE:COLUMN}, its
 * {@code failure} typed by severity and holding the message, the recommendation and the rule. A finding
 * written at several places is one test case, at its first place, its failure naming every place. A review
 * without findings is one passing test case, so that the report is never empty.
 */
public final class ReviewJunit {

    private ReviewJunit() {}

    /** @param pathPrefix prepended to every file name: the reviewed folder relative to the repository root, or "" */
    public static void write(Review review, String pathPrefix, Writer writer) {
        XmlOut xml = new XmlOut(writer);
        int findings = review.findings().size();
        xml.start("testsuites", "name", "drydock", "tests", Math.max(1, findings), "failures", findings, "errors", 0);
        if (findings == 0) {
            xml.start("testsuite", "name", "drydock", "tests", 1, "failures", 0, "errors", 0, "skipped", 0);
            xml.empty("testcase", "classname", "drydock", "name", "review finds nothing to report");
            xml.end();
        }
        for (Map.Entry<String, List<ReviewCheckstyle.Placed>> file
                : ReviewCheckstyle.byFile(review, pathPrefix, false).entrySet()) {
            List<ReviewCheckstyle.Placed> list = file.getValue();
            xml.start("testsuite", "name", file.getKey(), "tests", list.size(), "failures", list.size(), "errors", 0,
                    "skipped", 0);
            for (ReviewCheckstyle.Placed p : list) {
                Finding f = p.finding();
                String where = where(file.getKey(), f.location().span());
                xml.start("testcase", "classname", file.getKey(), "name", f.ruleId() + " at " + where);
                xml.text("failure", f.severity().id() + ": " + f.rule().title() + "\n" + where + "\n\n"
                                + FindingMessage.withRecommendation(f, "\n\n", pathPrefix) + "\n\nRule: " + f.ruleId()
                                + " (drydock rules " + f.ruleId() + ")",
                        "message", FindingPlaces.message(f, pathPrefix), "type", f.severity().id());
                xml.end();
            }
            xml.end();
        }
        xml.end().finish();
    }

    private static String where(String file, Span span) {
        return span == null ? file : file + ":" + span.startLine() + ":" + span.startColumn();
    }
}
