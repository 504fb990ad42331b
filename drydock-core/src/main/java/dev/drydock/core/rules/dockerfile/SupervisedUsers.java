package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.AppFacts;
import dev.drydock.core.rules.support.ImageRole;
import dev.drydock.core.rules.support.Probes;
import dev.drydock.core.rules.support.Processes;
import dev.drydock.core.rules.support.UserIds;
import dev.drydock.core.supervisor.Manager;
import dev.drydock.core.supervisor.Supervision;
import dev.drydock.core.supervisor.UserLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * runs-as-root's findings for a container whose process manager (supervisord, s6-overlay, runit) runs as root: who
 * each program or service it starts runs as, and which keep root by design.
 */
final class SupervisedUsers {

    private SupervisedUsers() {}

    /**
     * supervisord as root (no USER): who each program it starts runs as. supervisord needs root to start programs as
     * other users (user=); a USER in the image would make it stop each such program with "Can't drop privilege as
     * nonroot user", so no fix adds one.
     */
    static void report(Rule rule, ReviewContext context, Container container, Location at, String lead) {
        Supervision supervision = container.supervision();
        if (supervision.manager() != Manager.SUPERVISORD) {
            reportServices(rule, context, container, at, supervision, lead);
            return;
        }
        List<String> asRoot = new ArrayList<>();
        List<String> serversAsRoot = new ArrayList<>();
        List<String> asOthers = new ArrayList<>();
        for (Processes.Process p : Processes.supervised(container)) {
            UserLine line = p.program().user() != null ? p.program().user() : supervision.user();
            String user = line == null ? null : line.name();
            String name = "[program:" + p.program().name() + "]";
            Optional<String> byDesign = rootByDesign(p);
            if (user != null && !UserIds.isRoot(user)) {
                asOthers.add(name + " as " + user);
            } else if (byDesign.isPresent()) {
                serversAsRoot.add(name + " (" + byDesign.get() + ")");
            } else {
                asRoot.add(name);
            }
        }
        String files = AppFacts.and(supervision.files());
        String servers = keepRootByDesign(serversAsRoot);
        if (asRoot.isEmpty()) {
            String started = asOthers.isEmpty() ? "" : serversAsRoot.isEmpty()
                    ? " and starts every program as another user (" + AppFacts.and(asOthers) + ", from " + files + ")"
                    : " and starts " + AppFacts.and(asOthers) + " (" + files + ")";
            context.finding(rule, at, lead + ": supervisord runs as root (PID 1)" + started + servers
                            + (serversAsRoot.isEmpty() ? ": only supervisord itself keeps root" : ": nothing else keeps"
                            + " root") + supervision.assumptions())
                    .severity(Severity.MEDIUM)
                    .implicit(lead.equals(RunsAsRoot.NO_USER))
                    .recommendation((asOthers.isEmpty() ? "" : "Keep the user= of each program in " + files + ". ")
                            + "supervisord needs root to start programs as other users and the servers need it for"
                            + " their masters: a USER in the image would make supervisord refuse the programs that name"
                            + " a user (\"Can't drop privilege as nonroot user\"). To drop root entirely, run"
                            + " supervisord as one non-root USER and remove the user= lines (and [supervisord]"
                            + " user=root), so that every program runs as that user.")
                    .add();
            return;
        }
        context.finding(rule, at, lead + ": supervisord runs as root and starts "
                        + AppFacts.and(asRoot) + " as root too (user=root or no user= in " + files + ")"
                        + (asOthers.isEmpty() ? "" : "; " + AppFacts.and(asOthers)) + servers
                        + supervision.assumptions())
                .severity(RunsAsRoot.servesRequests(context, container) ? Severity.CRITICAL : Severity.HIGH)
                .implicit(lead.equals(RunsAsRoot.NO_USER))
                .recommendation("Give " + (asRoot.size() == 1 ? asRoot.get(0) : "each of " + AppFacts.and(asRoot))
                        + " a user= line naming a non-root user in " + files + ". A USER in the image alone does not do"
                        + " it while a program names another user: supervisord would refuse to start it (\"Can't drop"
                        + " privilege as nonroot user\"); with one non-root USER, remove the user= lines and"
                        + " [supervisord] user=root as well.")
                .add();
    }

    /**
     * Why a supervised program keeps root by design (see {@link ImageRole#rootByDesign}), by the program its
     * command starts.
     */
    private static Optional<String> rootByDesign(Processes.Process p) {
        List<String> args = p.entryPoint().args();
        return args.isEmpty() ? Optional.empty() : ImageRole.rootByDesign(PathNames.fileName(args.get(0)));
    }

    /** "; [program:nginx] (nginx, whose ...) keeps root by design", or empty. */
    private static String keepRootByDesign(List<String> servers) {
        return servers.isEmpty() ? "" : "; " + AppFacts.and(servers) + " keep" + (servers.size() == 1 ? "s" : "")
                + " root by design";
    }

    /**
     * s6 or runit as root (no USER): who each service runs as, by the user its run script switches to (su-exec,
     * s6-setuidgid, chpst -u ...). sshd and the stock servers that drop their workers to a configured user (nginx,
     * php-fpm ...) keep a root master by design. Medium when nothing else keeps root; no fix adds a USER, under which
     * the run scripts' switches would fail.
     */
    private static void reportServices(Rule rule, ReviewContext context, Container container, Location at,
            Supervision supervision, String lead) {
        Manager manager = supervision.manager();
        List<String> asRoot = new ArrayList<>();
        List<String> rootScripts = new ArrayList<>();
        List<String> serversAsRoot = new ArrayList<>();
        List<String> asOthers = new ArrayList<>();
        for (Processes.Process p : Processes.supervised(container)) {
            UserLine line = p.program().user();
            String name = p.program().name();
            Optional<String> byDesign = rootByDesign(p);
            if (line != null && !UserIds.isRoot(line.name())) {
                asOthers.add(name + " to " + line.name());
            } else if (byDesign.isPresent()) {
                serversAsRoot.add(name + " (" + byDesign.get() + ")");
            } else {
                asRoot.add(name);
                rootScripts.add(p.program().file());
            }
        }
        String commandAsRoot = null; // the CMD s6-overlay runs as the main program, when it keeps root for no reason
        String commandSwitch = "";
        EntryPoint main = container.entryPoint();
        if (supervision.mainCommand() && main != null && !main.args().isEmpty()) {
            String written = "its CMD `" + String.join(" ", main.args()) + "`";
            Optional<String> byDesign = ImageRole.rootByDesign(PathNames.fileName(main.args().get(0)));
            if (main.user() != null && !UserIds.isRoot(main.user())) {
                commandSwitch = "; " + written + " switches to " + main.user();
            } else if (byDesign.isPresent()) {
                serversAsRoot.add(written + " (" + byDesign.get() + ")");
            } else {
                commandAsRoot = written;
            }
        }
        String files = AppFacts.and(supervision.files());
        String servers = keepRootByDesign(serversAsRoot);
        if (asRoot.isEmpty() && commandAsRoot == null) {
            context.finding(rule, at, lead + ": " + manager.displayName() + " runs as root (PID 1)"
                            + (asOthers.isEmpty() ? "" : " and the run scripts switch " + AppFacts.and(asOthers)
                                    + " (" + files + ")") + commandSwitch + servers + ": nothing else keeps root")
                    .severity(Severity.MEDIUM)
                    .implicit(lead.equals(RunsAsRoot.NO_USER))
                    .recommendation("Keep the user switches in the run scripts (" + files + "): " + manager.displayName()
                            + " needs root to start the services as those users, and under a non-root USER the switches"
                            + " fail (su-exec and s6-setuidgid need root)." + (manager == Manager.S6_OVERLAY
                            ? " s6-overlay v3 can run under a non-root USER (its /run must then belong to that user),"
                                    + " with every service as that user once the switches are removed." : ""))
                    .add();
            return;
        }
        String services = asRoot.isEmpty() ? "" : (asRoot.size() == 1 ? "the service " : "the services ")
                + AppFacts.and(asRoot) + " as root too (" + AppFacts.and(rootScripts) + " switch"
                + (rootScripts.size() == 1 ? "es" : "") + " to no other user)";
        String command = commandAsRoot == null ? "" : (asRoot.isEmpty() ? commandAsRoot + " as root too, as the"
                + " container's main program" : "; " + commandAsRoot + ", the container's main program, runs as root"
                + " as well");
        context.finding(rule, at, lead + ": " + manager.displayName() + " runs as root and starts "
                        + services + command + (asOthers.isEmpty() ? "" : "; the run scripts switch "
                        + AppFacts.and(asOthers)) + commandSwitch + servers)
                .severity(RunsAsRoot.servesRequests(context, container) ? Severity.CRITICAL : Severity.HIGH)
                .implicit(lead.equals(RunsAsRoot.NO_USER))
                .recommendation((asRoot.isEmpty() ? "" : "Switch to a non-root user in the run script of each service"
                        + " that runs as root: exec " + (manager == Manager.RUNIT ? "chpst -u app" : "s6-setuidgid app")
                        + " before its command, with a user the image creates (su-exec and gosu do the same where"
                        + " installed). ") + (commandAsRoot == null ? "" : "Start the CMD through s6-setuidgid: CMD "
                        + Probes.json(Stream.concat(Stream.of("s6-setuidgid", "app"), main.args().stream()).toList())
                        + ", with a user the image creates. ") + (asOthers.isEmpty() && commandSwitch.isEmpty()
                        && manager == Manager.S6_OVERLAY ? "Or set a non-root USER: s6-overlay v3 runs under one (its"
                        + " /run must then belong to that user), with every service and the CMD as that user."
                        : "A USER in the image alone does not do it while a run script switches users: the switch"
                        + " would fail without root."))
                .add();
    }
}
