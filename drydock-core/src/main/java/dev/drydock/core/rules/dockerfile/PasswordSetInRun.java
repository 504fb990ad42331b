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
import dev.drydock.core.rules.support.RandomValues;
import dev.drydock.core.rules.support.Spans;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.source.Span;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "password-set-in-run",
        title = "A RUN sets an account password",
        severity = Severity.HIGH,
        category = Category.SECURITY,
        checks = "chpasswd, passwd --stdin, and useradd/usermod -p/--password in the RUNs of the stages the final"
                + " image is made of, shell and exec form. Fine when the password comes from a build secret"
                + " (/run/secrets/..., RUN --mount=type=secret): read with < or cat, and when it is made up at random"
                + " in the RUN (/dev/urandom, openssl rand, pwgen, uuidgen), which only unlocks the account."
                + " Locking or deleting a password (passwd -l, usermod -L) is not reported, nor chpasswd -e given only"
                + " the marks * or ! as the encrypted password (echo \"git:*\" | chpasswd -e): no password matches"
                + " them, the line only lifts adduser -D's lock so that sshd accepts the account's keys.",
        problem = "A password written in a Dockerfile, passed as a build argument or echoed in a RUN is stored in the"
                + " image's history, and the account it opens is the same in every container of the image.",
        impact = "Anyone who can pull the image, or read the repository, knows a valid password of the containers"
                + " (often root's); with ssh or su inside, that is a way in or up.",
        recommendation = "Do not give image accounts passwords: services need none, and debugging goes through"
                + " docker exec. If one is truly needed, set it at container start from a secret, not in the build.",
        references = {
                "https://docs.docker.com/build/building/secrets/",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-12-utilize-docker-secrets-for-sensitive-data-management",
                "https://man7.org/linux/man-pages/man5/shadow.5.html"},
        aliases = {"CKV2_DOCKER_17"},
        fix = FixSafety.NONE,
        effort = "30 min",
        examples = @RuleExample(
                bad = """
                        FROM ubuntu:24.04
                        RUN useradd --create-home app && echo 'app:app123' | chpasswd
                        USER app
                        """,
                good = """
                        FROM ubuntu:24.04
                        RUN useradd --create-home app
                        USER app
                        """))
public final class PasswordSetInRun implements Rule {

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            for (var run : image.imageRuns()) {
                List<Call> calls = run.calls();
                for (int i = 0; i < calls.size(); i++) {
                    Call call = calls.get(i);
                    Optional<String> what = passwordSetting(call);
                    if (what.isEmpty() || fromSecret(call, calls.subList(0, i))
                            || generatedAtRandom(call, calls.subList(0, i))
                            || givesNoUsablePassword(call, calls.subList(0, i))) {
                        continue;
                    }
                    Span span = call.program() == null ? call.span() : call.program().span();
                    if (call.command() != null && call.command().inPipeline() && i > 0) {
                        span = Spans.cover(calls.get(i - 1).span(), call.span());
                    }
                    context.finding(this, image.dockerfile(), span, what.get() + " sets an account password during the"
                                    + " build: the password is in the Dockerfile or the build arguments, and in the"
                                    + " image's history")
                            .recommendation("Remove the password; containers need no account password (use docker"
                                    + " exec to get a shell). If one is required, set it at start from a secret.")
                            .add();
                }
            }
        }
    }

    private static Optional<String> passwordSetting(Call call) {
        if (call.is("chpasswd", "chgpasswd")) {
            return Optional.of(call.name());
        }
        if (call.is("passwd") && call.options().has("--stdin")) {
            return Optional.of("passwd --stdin");
        }
        if (call.is("useradd", "usermod", "adduser")) {
            Call.Options options = call.options("-p", "--password", "-u", "--uid", "-g", "--gid", "-G", "--groups",
                    "-d", "--home-dir", "-s", "--shell", "-c", "--comment");
            Optional<Call.Options.Option> p = options.find("-p", "--password");
            if (p.isPresent() && p.get().value() != null && !p.get().value().matches("[!*]+|")) {
                return Optional.of(call.name() + " " + p.get().name());
            }
        }
        return Optional.empty();
    }

    /**
     * The password is made up in the RUN from a random source ({@code echo "git:$(head -c 24 /dev/urandom |
     * base64)" | chpasswd}, {@code useradd -p "$(openssl rand -hex 16)"}): nobody knows it, it only unlocks
     * the account (sshd refuses logins with public keys to a locked one).
     */
    private static boolean generatedAtRandom(Call call, List<Call> earlier) {
        if (call.args().stream().anyMatch(a -> RandomValues.inSubstitution(a.value()) != RandomValues.Kind.NONE)) {
            return true;
        }
        if (call.command() == null || !call.command().inPipeline() || earlier.isEmpty()) {
            return false;
        }
        Call producer = earlier.get(earlier.size() - 1);
        return producer.args().stream().anyMatch(a -> RandomValues.inSubstitution(a.value()) != RandomValues.Kind.NONE);
    }

    /**
     * {@code echo "git:*" | chpasswd -e}: the encrypted field it writes is {@code *} or {@code !}, which no password
     * matches (shadow(5)): the account gets no password, only the lock mark of adduser -D is replaced, so that sshd
     * accepts its public keys.
     */
    private static boolean givesNoUsablePassword(Call call, List<Call> earlier) {
        if (!call.is("chpasswd") || !call.options().has("-e") && !call.options().has("--encrypted")
                || call.command() == null || !call.command().inPipeline() || earlier.isEmpty()) {
            return false;
        }
        Call producer = earlier.get(earlier.size() - 1);
        List<String> entries = producer.args().stream().map(a -> a.value()).filter(v -> !v.startsWith("-")).toList();
        return producer.is("echo", "printf") && !entries.isEmpty()
                && entries.stream().allMatch(v -> NO_PASSWORD_ENTRY.matcher(v.strip()).matches());
    }

    /** A chpasswd line whose encrypted password is only the marks {@code !} and {@code *}. */
    private static final Pattern NO_PASSWORD_ENTRY = Pattern.compile("[^:\\s]+:[!*]+");

    /** The password is read from a build secret: redirected from /run/secrets or piped from cat of it. */
    private static boolean fromSecret(Call call, List<Call> earlier) {
        if (call.command() == null) {
            return false;
        }
        for (Redirect r : call.command().redirects()) {
            if (r.target() != null && r.target().value().startsWith("/run/secrets/")) {
                return true;
            }
        }
        if (call.command().inPipeline() && !earlier.isEmpty()) {
            Call producer = earlier.get(earlier.size() - 1);
            return producer.args().stream().anyMatch(a -> a.value().contains("/run/secrets/"));
        }
        return call.args().stream().anyMatch(a -> a.value().contains("/run/secrets/"));
    }
}
