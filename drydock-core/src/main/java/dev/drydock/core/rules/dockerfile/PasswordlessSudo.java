package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.dockerfile.syntax.Heredoc;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.UserIds;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "passwordless-sudo",
        title = "The image lets a user run commands as root through sudo without a password",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "sudoers rules with NOPASSWD that the image's stages write: a RUN that writes one into /etc/sudoers"
                + " or /etc/sudoers.d (echo, printf, tee), a COPY or ADD of a project file or a heredoc to"
                + " /etc/sudoers or into /etc/sudoers.d, reported at the rule's line (in the copied file when it is"
                + " the project's). High when the rule covers the user the container runs as (by its name, ALL, or"
                + " a group the Dockerfile adds that user to) and lets it run every command or a program that opens"
                + " a root shell (a shell, an interpreter, an editor or pager, service, systemctl, a package manager,"
                + " cp, tee, chmod, chown, find ...); medium for a rule limited to other programs or for another"
                + " user of the image; low when the container runs as root anyway.",
        problem = "NOPASSWD lets the user run the listed commands as root without a password: with ALL, or with a"
                + " program that can start a shell or write any file, that user is root whenever it wants.",
        impact = "A flaw in the application that runs code as the non-root user hands out root in the container"
                + " after all, with everything root can do there (read every secret, change the application,"
                + " use the capabilities the container keeps): USER no longer limits anything.",
        recommendation = "Remove the sudoers rule and sudo: do the root-only steps at build time before USER, or in"
                + " an entry point that starts as root and drops to the user with gosu or su-exec.",
        references = {
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-2-set-a-user",
                "https://www.sudo.ws/docs/man/sudoers.man/",
                "https://gtfobins.github.io/"},
        aliases = {},
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM debian:12.8-slim
                        RUN apt-get update && apt-get install -y --no-install-recommends sudo \\
                            && rm -rf /var/lib/apt/lists/* \\
                            && useradd --create-home app \\
                            && echo 'app ALL=(ALL) NOPASSWD:ALL' > /etc/sudoers.d/app
                        USER app
                        CMD ["sleep", "infinity"]
                        """,
                good = """
                        FROM debian:12.8-slim
                        RUN useradd --create-home app
                        USER app
                        CMD ["sleep", "infinity"]
                        """))
public final class PasswordlessSudo implements Rule {

    /** A sudoers rule with NOPASSWD: who, and what it may run. */
    private static final Pattern GRANT = Pattern.compile(
            "(?m)^[ \\t'\"]*([%#]?[\\w.$@{}-]+)\\s+[\\w,!]+\\s*=\\s*(?:\\([^)]*\\)\\s*)?NOPASSWD\\s*:\\s*([^\\n'\"#]+)");
    /** The same rule where a RUN writes it: anywhere on the line, after echo or printf. */
    private static final Pattern WRITTEN = Pattern.compile(
            "([%#]?[\\w.$@{}-]+)\\s+[\\w,!]+\\s*=\\s*(?:\\([^)]*\\)\\s*)?NOPASSWD\\s*:\\s*([^\\n'\"#>|;&\\\\]+)");
    /** Programs with which a command run as root becomes a root shell or writes any file (GTFOBins' sudo entries). */
    private static final Set<String> ESCALATING = Set.of("ALL", "sh", "bash", "ash", "dash", "zsh", "su", "env",
            "python", "python3", "perl", "ruby", "node", "php", "lua", "vi", "vim", "nano", "less", "more", "man",
            "find", "cp", "mv", "tee", "dd", "chmod", "chown", "install", "tar", "zip", "rsync", "git", "service",
            "systemctl", "apt", "apt-get", "dpkg", "apk", "yum", "dnf", "rpm", "pip", "pip3", "npm", "docker",
            "crontab", "mount", "nsenter", "awk", "sed", "xargs", "busybox", "journalctl", "supervisorctl");
    private static final Set<String> ADMIN_GROUPS = Set.of("sudo", "wheel", "admin");

    private record Grant(Location at, String who, String commands) {}

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (image.isDevelopmentImage()) {
                continue;
            }
            Optional<SourceFile> dockerfile = context.project().source(image.dockerfile());
            if (dockerfile.isEmpty()) {
                continue;
            }
            List<Grant> grants = new ArrayList<>();
            for (RunStep run : image.imageRuns()) {
                String text = run.text();
                if (text.contains("NOPASSWD") && text.contains("/etc/sudoers")) {
                    int base = run.instruction().span().start();
                    String source = dockerfile.get().text().substring(base, run.instruction().span().end());
                    found(WRITTEN, source, dockerfile.get(), i -> base + i, grants);
                }
            }
            for (Stage stage : image.imageStages()) {
                for (CopyCommand copy : stage.copies()) {
                    if (copy.fromContext() && sudoers(copy.containerPath())) {
                        copied(context, image, dockerfile.get(), copy, grants);
                    }
                }
            }
            String user = runtimeUser(image.container());
            for (Grant grant : grants) {
                report(context, image, grant, user);
            }
        }
    }

    private static boolean sudoers(String path) {
        return path != null && (path.equals("/etc/sudoers") || path.startsWith("/etc/sudoers.d"));
    }

    private static void copied(ReviewContext context, BuiltImage image, SourceFile dockerfile, CopyCommand copy,
            List<Grant> grants) {
        for (Heredoc heredoc : copy.heredocs()) {
            found(GRANT, heredoc.body().text(), dockerfile, heredoc.body()::fileOffset, grants);
        }
        String buildContext = image.container().build() == null ? "." : image.container().build().context();
        for (int i = 0; i < copy.sources().size(); i++) {
            String source = copy.sources().get(i);
            if (copy.unresolved(i) || copy.heredocs().stream().anyMatch(h -> h.name().equals(source))) {
                continue;
            }
            context.project().source(PathNames.join(buildContext, source))
                    .ifPresent(file -> found(GRANT, file.text(), file, at -> at, grants));
        }
    }

    /** The NOPASSWD rules of {@code text}, whose index {@code i} is at {@code offset(i)} of {@code file}. */
    private static void found(Pattern pattern, String text, SourceFile file, IntUnaryOperator offset,
            List<Grant> grants) {
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            grants.add(new Grant(new Location(file.path(), file.span(offset.applyAsInt(m.start(1)),
                    offset.applyAsInt(m.end(2)))), m.group(1), m.group(2).strip()));
        }
    }

    private void report(ReviewContext context, BuiltImage image, Grant grant, String user) {
        List<String> programs = new ArrayList<>();
        for (String command : grant.commands().split(",")) {
            String word = command.strip().split("\\s+", 2)[0];
            programs.add(word.substring(word.lastIndexOf('/') + 1));
        }
        boolean escalates = programs.stream().anyMatch(p -> ESCALATING.contains(p)
                || p.toLowerCase(Locale.ROOT).startsWith("python"));
        boolean root = user == null || UserIds.isRoot(user);
        boolean covers = !root && (grant.who().equals("ALL") || grant.who().equals(user)
                || grant.who().startsWith("%") && addedToGroup(image, user, grant.who().substring(1)));
        String what = grant.commands().strip().equals("ALL") ? "every command"
                : "`" + String.join(", ", programs) + "`";
        String effect = !escalates ? "" : ", which is enough to become root (" + (what.equals("every command")
                ? "sudo -s opens a root shell" : programs.size() == 1 ? programs.get(0) + " run as root can open a"
                        + " root shell or write any file" : "each of these run as root can open a root shell or write"
                        + " any file") + ")";
        String message;
        Severity severity;
        if (root) {
            message = "the sudoers rule `" + grant.who() + " ... NOPASSWD: " + grant.commands() + "` lets " + grant.who()
                    + " run " + what + " as root without a password; the container runs as root already, but the rule"
                    + " undoes a USER set later";
            severity = Severity.LOW;
        } else if (covers) {
            message = "the sudoers rule `" + grant.who() + " ... NOPASSWD: " + grant.commands() + "` lets " + user
                    + ", the user the container runs as, run " + what + " as root without a password" + effect
                    + (escalates ? ": code that gets into the application is root, and USER " + user + " protects nothing"
                            : ": code that gets into the application can run it as root with the arguments and"
                                    + " environment it chooses, and a flaw in it is a way to root");
            severity = escalates ? Severity.HIGH : Severity.MEDIUM;
        } else {
            message = "the sudoers rule `" + grant.who() + " ... NOPASSWD: " + grant.commands() + "` lets "
                    + grant.who() + " run " + what + " as root without a password" + effect + "; the container runs as "
                    + user + ", but any process that reaches " + grant.who() + " becomes root";
            severity = Severity.MEDIUM;
        }
        context.finding(this, grant.at(), message)
                .severity(severity)
                .recommendation("Remove this rule (and sudo, if nothing else needs it): run the root-only steps in the"
                        + " Dockerfile before USER, or in an entry point that starts as root and then drops to "
                        + (root ? "the application's user" : user) + " with gosu or su-exec.")
                .add();
    }

    /** The user name (or id) the image's first container runs as; null for root by default. */
    private static String runtimeUser(Container c) {
        if (c.user() == null || c.user().value() == null) {
            return null;
        }
        String user = c.user().value().strip();
        int colon = user.indexOf(':');
        return colon >= 0 ? user.substring(0, colon) : user;
    }

    /** Whether a RUN of the image adds the user to the group (usermod -aG, useradd -G, adduser USER GROUP, gpasswd -a). */
    private static boolean addedToGroup(BuiltImage image, String user, String group) {
        if (!ADMIN_GROUPS.contains(group) && !group.equals(user)) {
            return false;
        }
        Pattern adds = Pattern.compile("\\b(usermod|useradd|adduser|gpasswd|addgroup)\\b[^;&|\\n]*\\b"
                + Pattern.quote(group) + "\\b[^;&|\\n]*|\\b(usermod|useradd|adduser|gpasswd|addgroup)\\b[^;&|\\n]*\\b"
                + Pattern.quote(user) + "\\b[^;&|\\n]*\\b" + Pattern.quote(group) + "\\b");
        return image.imageRuns().stream().map(RunStep::text).anyMatch(t -> {
            Matcher m = adds.matcher(t);
            while (m.find()) {
                if (m.group().matches(".*\\b" + Pattern.quote(user) + "\\b.*")) {
                    return true;
                }
            }
            return false;
        });
    }
}
