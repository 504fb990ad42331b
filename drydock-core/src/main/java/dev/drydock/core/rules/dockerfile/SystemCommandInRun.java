package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.dockerfile.model.BaseImage;
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
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Connector;
import dev.drydock.core.shell.Scope;
import java.util.List;
import java.util.Map;

@RuleDefinition(
        id = "system-command-in-run",
        title = "A RUN runs an interactive or system administration command",
        severity = Severity.INFO,
        category = Category.MAINTAINABILITY,
        checks = "The programs run (not the package names installed: apt-get install vim is fine) by the RUNs of the"
                + " stages a build uses, shell and exec form: editors and interactive viewers (vim, vi, nano, emacs,"
                + " top, htop), ssh without an ssh mount, machine control (shutdown, reboot, halt, poweroff, mount,"
                + " umount, ifconfig), process and memory listings (ps, free), service starts that nothing in the"
                + " same RUN uses (service x start as the RUN's last command) and systemctl (medium: without systemd it fails), unless the image boots"
                + " systemd (CMD or ENTRYPOINT /sbin/init or systemd, or a base image named for systemd). kill is fine after a command the RUN"
                + " itself started in the background. A command whose status is tested (if, while, before && or ||) is"
                + " left alone, except cmd || true, which only ignores its failure.",
        problem = "A build has no terminal, no init system and no privileges over the host: these commands hang,"
                + " fail, or do something that is lost when the RUN ends.",
        impact = "A build that waits on an editor or a password prompt, a service that is not running when the"
                + " container starts, or output that says nothing about the running container.",
        recommendation = "Remove the command. Edit files with sed or COPY, start services from the container's"
                + " command (CMD/ENTRYPOINT), and fetch private sources with RUN --mount=type=ssh or secrets.",
        references = {
                "https://docs.docker.com/build/building/best-practices/#run",
                "https://docs.docker.com/reference/dockerfile/#run---mounttypessh"},
        aliases = {"DL3001", "Run Utilities And POSIX Commands"},
        fix = FixSafety.NONE,
        effort = "5 min",
        examples = @RuleExample(
                bad = """
                        FROM nginx:1.27.0
                        COPY site.conf /etc/nginx/conf.d/default.conf
                        RUN service nginx start
                        """,
                good = """
                        FROM nginx:1.27.0
                        COPY site.conf /etc/nginx/conf.d/default.conf
                        CMD ["nginx", "-g", "daemon off;"]
                        """))
public final class SystemCommandInRun implements Rule {

    private static final Map<String, String> WHY = Map.ofEntries(
            Map.entry("vim", "an interactive editor waits for a terminal the build does not have"),
            Map.entry("vi", "an interactive editor waits for a terminal the build does not have"),
            Map.entry("nano", "an interactive editor waits for a terminal the build does not have"),
            Map.entry("emacs", "an interactive editor waits for a terminal the build does not have"),
            Map.entry("top", "an interactive process viewer shows the build container, not the image's"),
            Map.entry("htop", "an interactive process viewer shows the build container, not the image's"),
            Map.entry("ssh", "ssh needs keys and a known host inside the build; use RUN --mount=type=ssh"),
            Map.entry("shutdown", "a build container cannot shut the machine down"),
            Map.entry("reboot", "a build container cannot reboot the machine"),
            Map.entry("halt", "a build container cannot halt the machine"),
            Map.entry("poweroff", "a build container cannot power the machine off"),
            Map.entry("mount", "mounting needs privileges a build does not have, and the mount is gone after the RUN"),
            Map.entry("umount", "mounting needs privileges a build does not have"),
            Map.entry("ifconfig", "the build's network interfaces are not the container's"),
            Map.entry("ps", "it lists the build's processes, which say nothing about the container"),
            Map.entry("free", "it shows the build machine's memory, which says nothing about the container"),
            Map.entry("service", "the service stops when the RUN ends; nothing in this RUN uses it"),
            Map.entry("systemctl", "no systemd runs in a build or in a container of this image: systemctl fails"
                    + " without it (or is not installed at all), and an enabled unit is never started"),
            Map.entry("kill", "no process of this RUN runs in the background, so there is nothing of its own to stop"));

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            boolean systemd = bootsSystemd(image);
            for (BuildRuns.StageRun run : BuildRuns.of(image)) {
                List<Call> calls = run.run().calls();
                boolean sshMount = run.run().mounts().stream().anyMatch(m -> m.type().equals("ssh"));
                for (int i = 0; i < calls.size(); i++) {
                    Call call = calls.get(i);
                    String why = WHY.get(call.name());
                    boolean swallowed = swallowed(calls, i);
                    if (why == null || call.is("ssh") && sshMount || call.is("systemctl") && systemd
                            || call.is("service") && i < calls.size() - (swallowed ? 2 : 1)
                            || call.is("kill") && startedInBackground(calls.subList(0, i))
                            || call.command() != null && call.command().inCondition() && !swallowed) {
                        continue;
                    }
                    context.finding(this, image.dockerfile(), call.program() == null ? call.span()
                                    : call.program().span(), BuildRuns.describe(call) + " in a RUN: " + why)
                            // a missing systemctl stops the build, an enabled unit is dead configuration
                            .severity(call.is("systemctl") ? Severity.MEDIUM : Severity.INFO)
                            .add();
                }
            }
        }
    }

    /**
     * {@code cmd || true} (or {@code || :}) outside any if/while condition: the failure is ignored, which does not make
     * the command any more useful in a build.
     */
    private static boolean swallowed(List<Call> calls, int i) {
        Command command = calls.get(i).command();
        return command != null && command.followedBy() == Connector.OR && !command.negated()
                && !command.in(Scope.IF_CONDITION) && !command.in(Scope.LOOP_CONDITION) && i + 1 < calls.size()
                && calls.get(i + 1).is("true", ":") && calls.get(i + 1).args().isEmpty()
                && calls.get(i + 1).command() != null && calls.get(i + 1).command().precededBy() == Connector.OR;
    }

    /**
     * Whether the image starts systemd as its main process (CMD or ENTRYPOINT /sbin/init or systemd, or a base image
     * named for systemd): there, units enabled during the build do start.
     */
    private static boolean bootsSystemd(BuiltImage image) {
        var config = image.stage().config();
        for (var command : java.util.Arrays.asList(config.entrypoint(), config.cmd())) {
            if (command != null && command.argv().stream().anyMatch(w -> w.matches("(?:.*/)?(?:init|systemd)"))) {
                return true;
            }
        }
        return image.rootBase() instanceof BaseImage.External external
                && external.written().toLowerCase(java.util.Locale.ROOT).contains("systemd");
    }

    private static boolean startedInBackground(List<Call> earlier) {
        return earlier.stream().anyMatch(c -> c.command() != null && c.command().followedBy() == Connector.BACKGROUND);
    }
}
