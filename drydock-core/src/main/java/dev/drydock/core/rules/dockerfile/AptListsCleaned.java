package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.review.Category;
import dev.drydock.core.edit.Fix;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.DockerfileEdits;
import dev.drydock.core.rules.support.MissingPackageManagers;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Spans;
import java.util.List;
import java.util.Set;

@RuleDefinition(
        id = "apt-lists-cleaned",
        title = "apt package lists stay in the image",
        severity = Severity.LOW,
        category = Category.PERFORMANCE,
        checks = "Every RUN of the stages the final image is made of that runs apt-get update, apt update or aptitude"
                + " update: fine when a later command of the same RUN removes /var/lib/apt/lists (rm -rf"
                + " /var/lib/apt/lists/*, find /var/lib/apt/lists ... -delete) or a cache/tmpfs mount covers it."
                + " apt-get clean alone does not count: it empties /var/cache/apt, not the lists. A finding per RUN"
                + " that leaves them (also when a later RUN removes them: the earlier layer keeps them); a strength"
                + " when every such RUN cleans up. Builder stages are not looked at. No fix when a later RUN installs"
                + " with apt before updating the lists itself: it needs the lists the fix would remove.",
        problem = "apt-get update downloads the package indexes of every configured repository into"
                + " /var/lib/apt/lists; left there they become part of the RUN's layer.",
        impact = "Tens of MB in every image for files nothing uses at run time; stale indexes also tempt later"
                + " RUNs to install without updating, from lists that no longer match the repositories.",
        recommendation = "Update, install and remove the lists in one RUN: apt-get update && apt-get install -y ..."
                + " && rm -rf /var/lib/apt/lists/*, or mount a cache over /var/lib/apt/lists.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#apt-get",
                "https://docs.docker.com/build/cache/optimize/#use-cache-mounts"},
        aliases = {"DL3009", "Apt Get Install Lists Were Not Deleted"},
        fix = FixSafety.SAFE,
        effort = "5 min",
        strength = "apt package lists removed",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.8-slim
                        RUN apt-get update \\
                            && apt-get install -y --no-install-recommends ca-certificates curl
                        """,
                good = """
                        FROM debian:12.8-slim
                        RUN apt-get update \\
                            && apt-get install -y --no-install-recommends ca-certificates curl \\
                            && rm -rf /var/lib/apt/lists/*
                        """))
public final class AptListsCleaned implements Rule {

    private static final String LISTS = "/var/lib/apt/lists";

    /** The apt subcommands that read the package lists. */
    private static final Set<String> INSTALLING = Set.of("install", "upgrade", "dist-upgrade",
            "full-upgrade", "build-dep", "source", "download");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            List<RunStep> runs = image.imageRuns();
            int bad = 0;
            Location firstGood = null;
            String goodMessage = null;
            int goodCount = 0;
            for (int r = 0; r < runs.size(); r++) {
                RunStep run = runs.get(r);
                    if (MissingPackageManagers.reported(run)) {
                        continue; // package-manager-not-in-image reports this RUN
                    }
                List<Call> calls = run.calls();
                int update = -1;
                for (int i = 0; i < calls.size(); i++) {
                    if (isUpdate(calls.get(i))) {
                        update = i;
                    }
                }
                if (update < 0) {
                    continue;
                }
                Call updateCall = calls.get(update);
                if (run.cacheMountCovers(LISTS)) {
                    goodCount++;
                    if (firstGood == null) {
                        firstGood = new Location(image.dockerfile(), run.instruction().span());
                        goodMessage = "/var/lib/apt/lists is a cache mount: the package lists never reach the image";
                    }
                    continue;
                }
                Call removal = removal(calls.subList(update + 1, calls.size()));
                if (removal != null) {
                    goodCount++;
                    if (firstGood == null) {
                        firstGood = new Location(image.dockerfile(), Spans.cover(updateCall.span(), removal.span()));
                        goodMessage = "the RUN that runs " + updateCall.name() + " update removes /var/lib/apt/lists"
                                + " (line " + removal.span().startLine() + "): the package lists do not stay in the layer";
                    }
                    continue;
                }
                bad++;
                Integer later = null;
                for (RunStep next : runs.subList(r + 1, runs.size())) {
                    if (removal(next.calls()) != null) {
                        later = next.instruction().span().startLine();
                        break;
                    }
                }
                String message = updateCall.name() + " update downloads the package lists into /var/lib/apt/lists and"
                        + (later == null ? " this RUN never removes them: they stay in its layer"
                                : " only a later RUN (line " + later + ") removes them: they stay in this RUN's layer");
                context.finding(this, image.dockerfile(), updateCall.span(), message)
                        .recommendation("End this RUN with && rm -rf /var/lib/apt/lists/* after the last apt-get"
                                + " install (apt-get clean does not remove the lists), or run it with"
                                + " --mount=type=cache,target=/var/lib/apt/lists,sharing=locked.")
                        .fix(run.script() == null || installsFromLists(runs.subList(r + 1, runs.size())) ? null
                                : DockerfileEdits.appendToRun(run,
                                        image.model().syntax().escapeChar(), "rm -rf " + LISTS + "/*")
                                .map(edit -> Fix.of("remove the apt package lists in the same RUN", FixSafety.SAFE,
                                        edit))
                                .orElse(null))
                        .add();
            }
            if (bad == 0 && firstGood != null) {
                context.strength(this, firstGood, goodCount > 1
                        ? "every RUN that updates apt removes /var/lib/apt/lists in the same layer (" + goodCount + " RUNs)"
                        : goodMessage);
            }
        }
    }

    /**
     * Whether a later RUN installs with apt before updating the lists itself: it relies on the lists this RUN
     * leaves, and would fail to find its packages once they are removed.
     */
    private static boolean installsFromLists(List<RunStep> later) {
        for (RunStep run : later) {
            for (Call call : run.calls()) {
                if (isUpdate(call)) {
                    break;
                }
                if (call.is("apt-get", "apt", "aptitude") && call.options("-o", "--option", "-c", "--config-file")
                        .subcommand().map(s -> INSTALLING.contains(s.value())).orElse(false)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isUpdate(Call call) {
        if (!call.is("apt-get", "apt", "aptitude")) {
            return false;
        }
        return call.options("-o", "--option", "-c", "--config-file").subcommand()
                .map(s -> s.value().equals("update")).orElse(false);
    }

    /** The command that deletes the lists: rm of /var/lib/apt/lists or below, or find over it with -delete. */
    private static Call removal(List<Call> calls) {
        for (Call call : calls) {
            if (call.is("rm")) {
                for (Call.Arg operand : call.options().operands()) {
                    String v = operand.value();
                    if (v.equals(LISTS) || v.startsWith(LISTS + "/")) {
                        return call;
                    }
                }
            }
            if (call.is("find") && !call.args().isEmpty() && call.args().get(0).value().startsWith(LISTS)
                    && call.args().stream().anyMatch(a -> a.value().equals("-delete") || a.value().equals("rm"))) {
                return call;
            }
        }
        return null;
    }
}
