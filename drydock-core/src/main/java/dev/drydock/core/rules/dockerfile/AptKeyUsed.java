package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildRuns;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;

@RuleDefinition(
        id = "apt-key-used",
        title = "A RUN adds a package signing key with apt-key",
        severity = Severity.MEDIUM,
        category = Category.BUILD,
        checks = "Every apt-key call (apt-key add, apt-key adv --recv-keys ...) in the RUNs of the stages a build"
                + " uses, in shell and exec form, heredocs included. apt-key is deprecated since Debian 11 and Ubuntu"
                + " 22.04, was last shipped in Debian 12 and Ubuntu 24.04, and is gone from Debian 13 (trixie) on,"
                + " the release that unversioned tags such as python:3 or node:lts now build on.",
        problem = "apt-key add puts the key into apt's global keyring: apt then accepts that key's signature on"
                + " packages from every configured source, not only the repository it was meant for. On a base image"
                + " of Debian 13 or later the command does not exist at all.",
        impact = "The build fails with apt-key: not found as soon as the base image moves to a newer release; until"
                + " then, whoever controls the added key can sign packages that apt installs from any source.",
        recommendation = "Store the key in a keyring of its own and name it in the source entry: curl -fsSL KEY_URL -o"
                + " /etc/apt/keyrings/NAME.asc, then deb [signed-by=/etc/apt/keyrings/NAME.asc] REPO_URL SUITE"
                + " main in /etc/apt/sources.list.d/NAME.list (gpg --dearmor only for a binary .gpg keyring; mkdir"
                + " -p /etc/apt/keyrings on releases before Debian 12 and Ubuntu 22.04).",
        references = {
                "https://manpages.debian.org/bookworm/apt/apt-key.8.en.html",
                "https://wiki.debian.org/DebianRepository/UseThirdParty",
                "https://manpages.debian.org/trixie/apt/sources.list.5.en.html"},
        fix = FixSafety.NONE,
        effort = "10 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.7-slim
                        RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl gnupg \\
                         && curl -fsSL https://packages.example.org/key.asc | apt-key add - \\
                         && echo "deb https://packages.example.org/apt stable main" > /etc/apt/sources.list.d/example.list \\
                         && apt-get update && apt-get install -y --no-install-recommends example-agent \\
                         && rm -rf /var/lib/apt/lists/*
                        """,
                good = """
                        FROM debian:12.7-slim
                        RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl \\
                         && curl -fsSL https://packages.example.org/key.asc -o /etc/apt/keyrings/example.asc \\
                         && echo "deb [signed-by=/etc/apt/keyrings/example.asc] https://packages.example.org/apt stable main" \\
                              > /etc/apt/sources.list.d/example.list \\
                         && apt-get update && apt-get install -y --no-install-recommends example-agent \\
                         && rm -rf /var/lib/apt/lists/*
                        """))
public final class AptKeyUsed implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (BuildRuns.StageRun run : BuildRuns.of(image)) {
                for (Call call : run.run().calls("apt-key")) {
                    String subcommand = call.options("--keyring").operands().stream().findFirst()
                            .map(Call.Arg::value).orElse("");
                    String what = subcommand.isEmpty() ? "apt-key" : "apt-key " + subcommand;
                    String trust = subcommand.equals("add") || subcommand.equals("adv")
                            ? " puts the key into apt's global keyring, trusted for every source, and" : "";
                    context.finding(this, image.dockerfile(), call.span(), what + trust + " is gone from Debian 13"
                                    + " (trixie) on: on such a base image the RUN fails with apt-key: not found")
                            .add();
                }
            }
        }
    }
}
