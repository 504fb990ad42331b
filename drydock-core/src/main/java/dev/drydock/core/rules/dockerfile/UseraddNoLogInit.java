package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.edit.TextEdit;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.RunStep;
import java.util.Optional;

@RuleDefinition(
        id = "useradd-no-log-init",
        title = "useradd with a high UID writes a huge lastlog file",
        severity = Severity.LOW,
        category = Category.PERFORMANCE,
        checks = "useradd in the RUNs of the stages the final image is made of, with -u/--uid of 65536 or more and"
                + " without -l/--no-log-init.",
        problem = "useradd reserves the new user's record in /var/log/lastlog and /var/log/faillog at the offset of"
                + " the UID: a sparse file on disk, but image layers store it in full (292 bytes per UID below it for"
                + " lastlog alone).",
        impact = "The layer grows by tens of megabytes (UID 100000: about 29 MB) or gigabytes for very high UIDs,"
                + " and the build may run out of disk.",
        recommendation = "Add --no-log-init (-l) to useradd: containers have no logins for these files to track.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#user",
                "https://manpages.debian.org/bookworm/passwd/useradd.8.en.html"},
        aliases = {"DL3046"},
        fix = FixSafety.SAFE,
        effort = "1 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN useradd --uid 100001 --create-home app
                        USER app
                        """,
                good = """
                        FROM debian:12.7-slim
                        RUN useradd --no-log-init --uid 100001 --create-home app
                        USER app
                        """))
public final class UseraddNoLogInit implements Rule {

    static final long THRESHOLD = 65536;
    private static final int LASTLOG_RECORD = 292;

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (RunStep run : image.imageRuns()) {
                for (Call call : run.calls()) {
                    if (!call.is("useradd")) {
                        continue;
                    }
                    Call.Options options = call.options("-u", "--uid", "-g", "--gid", "-G", "--groups", "-d",
                            "--home-dir", "-s", "--shell", "-c", "--comment", "-p", "--password", "-k", "--skel",
                            "-K", "--key", "-e", "--expiredate", "-f", "--inactive", "-b", "--base-dir", "-R",
                            "--root", "-P", "--prefix", "-Z", "--selinux-user");
                    Optional<Long> uid = options.values("-u", "--uid").stream().filter(v -> v.matches("\\d{1,12}"))
                            .map(Long::parseLong).findFirst();
                    if (uid.isEmpty() || uid.get() < THRESHOLD || options.has("-l", "--no-log-init")) {
                        continue;
                    }
                    long megabytes = uid.get() * LASTLOG_RECORD / 1_000_000;
                    Fix fix = run.script() == null || call.program() == null ? null
                            : Fix.of("add --no-log-init to useradd", FixSafety.SAFE,
                                    TextEdit.insert(image.dockerfile(), call.program().span().end(), " --no-log-init"));
                    context.finding(this, image.dockerfile(), call.program() == null ? call.span()
                                    : call.program().span(), "useradd --uid " + uid.get() + " without --no-log-init:"
                                    + " /var/log/lastlog grows to about " + megabytes + " MB in the layer (faillog too)")
                            .recommendation("Write useradd --no-log-init ...")
                            .fix(fix)
                            .add();
                }
            }
        }
    }
}
