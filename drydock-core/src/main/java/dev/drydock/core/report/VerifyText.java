package dev.drydock.core.report;

import dev.drydock.core.verify.CheckResult;
import dev.drydock.core.verify.CheckStatus;
import dev.drydock.core.verify.ContainerVerification;
import dev.drydock.core.verify.ImageVerification;
import dev.drydock.core.verify.VerifyReport;
import java.io.PrintWriter;
import java.util.List;

/**
 * A verification for a terminal, or as the "Verification" section of a Markdown review: per container,
 * each check before and after the fixes, then the verdict.
 */
public final class VerifyText {

    private final PrintWriter out;
    private final boolean markdown;

    private VerifyText(PrintWriter out, boolean markdown) {
        this.out = out;
        this.markdown = markdown;
    }

    public static VerifyText text(PrintWriter out) {
        return new VerifyText(out, false);
    }

    public static VerifyText markdown(PrintWriter out) {
        return new VerifyText(out, true);
    }

    public void print(VerifyReport report) {
        if (markdown) {
            out.println("## Verification");
            out.println();
            out.println("Each image was built and run with " + report.engine() + " as the project is (before) and as"
                    + " `drydock fix --unsafe` leaves it (after, " + report.fixesApplied() + " fix(es) in "
                    + report.changedFiles().size() + " file(s), built from a temporary copy).");
            out.println();
        } else {
            out.println("Verification with " + report.engine() + ": " + report.fixesApplied() + " fix(es) applied in a"
                    + " temporary copy (" + (report.changedFiles().isEmpty() ? "no file changed" : String.join(", ",
                    report.changedFiles())) + ")");
        }
        for (String problem : report.problems()) {
            out.println((markdown ? "- " : "  ! ") + problem);
        }
        for (ContainerVerification container : report.containers()) {
            if (markdown) {
                markdownTable(container);
            } else {
                textBlock(container);
            }
        }
        out.println();
        String verdict = report.passed() ? "PASS: every image after the fixes passes every check"
                : "FAIL: an image after the fixes fails a check (or nothing could be verified)";
        out.println(markdown ? "**" + verdict + "**" : verdict);
        if (markdown) {
            out.println();
        }
        out.flush();
    }

    private void textBlock(ContainerVerification container) {
        out.println();
        out.println(container.name() + " (" + container.dockerfile() + ")");
        phase("before", container.before());
        phase("after", container.after());
    }

    private void phase(String name, ImageVerification image) {
        if (image == null) {
            out.println("  " + name + ": the container is gone after the fixes");
            return;
        }
        out.println("  " + name + (image.passed() ? " (passes)" : " (fails)") + ":");
        for (CheckResult check : image.checks()) {
            out.printf("    %-5s %-6s %s%n", mark(check.status()), check.check(), check.detail());
            List<String> lines = check.status() == CheckStatus.FAIL || check.check().equals("files") ? check.lines() : List.of();
            for (String line : lines) {
                out.println("                 " + line);
            }
        }
        for (String note : image.notes()) {
            out.println("    note: " + note);
        }
    }

    private void markdownTable(ContainerVerification container) {
        out.println("### " + container.name() + " (`" + container.dockerfile() + "`)");
        out.println();
        out.println("| Check | Before | After |");
        out.println("|---|---|---|");
        for (CheckResult before : container.before().checks()) {
            CheckResult after = container.after() == null ? null : container.after().check(before.check()).orElse(null);
            out.println("| " + before.check() + " | " + cell(before) + " | " + (after == null ? "" : cell(after)) + " |");
        }
        if (container.after() != null) {
            for (CheckResult after : container.after().checks()) {
                if (container.before().check(after.check()).isEmpty()) {
                    out.println("| " + after.check() + " |  | " + cell(after) + " |");
                }
            }
        }
        out.println();
        for (ImageVerification image : java.util.Arrays.asList(container.before(), container.after())) {
            if (image != null) {
                image.notes().forEach(n -> out.println("- Note: " + n));
            }
        }
        ImageVerification failedBuild = container.after() != null && container.after().check("build").filter(CheckResult::failed)
                .isPresent() ? container.after() : null;
        if (failedBuild != null) {
            out.println();
            out.println("Build log (after, last lines):");
            out.println();
            out.println("```");
            failedBuild.check("build").get().lines().forEach(out::println);
            out.println("```");
        }
        out.println();
    }

    private static String cell(CheckResult check) {
        return mark(check.status()) + " " + check.detail().replace("|", "\\|");
    }

    private static String mark(CheckStatus status) {
        return switch (status) {
            case PASS -> "pass";
            case FAIL -> "FAIL";
            case SKIP -> "skip";
        };
    }
}
