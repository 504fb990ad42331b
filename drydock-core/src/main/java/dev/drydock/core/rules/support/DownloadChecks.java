package dev.drydock.core.rules.support;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.shell.Scope;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The commands of a RUN that check downloaded files: a checksum checked ({@code sha256sum -c}, a digest
 * compared in {@code [ "$(sha256sum f | cut ...)" = "$SUM" ]}), a signature verified ({@code gpg --verify},
 * gpgv, {@code cosign verify-blob}, {@code minisign -V}, {@code openssl dgst -verify}, slsa-verifier,
 * {@code gh attestation verify}, {@code rpm -K}, {@code apk add} of a signed package file), a digest compared by a
 * script ({@code php -r "... hash_file('sha384', ...)"}), or a tool given the expected checksum ({@code --checksum},
 * {@code --sha256}).
 */
public final class DownloadChecks {

    private DownloadChecks() {}

    /**
     * One check, with the text it reads: its arguments, its here-documents and here-strings, and the
     * commands piped into it ({@code echo "$SUM  file" | sha256sum -c -}); as written and with the build's
     * ARG and ENV values put in.
     *
     * @param general a checker of downloads (sha256sum -c, gpg --verify) rather than a tool that also checks: one
     *     that names no downloaded file, like {@code sha256sum -c SHA256SUMS}, may check any of them
     */
    public record Check(Call call, String text, String resolvedText, boolean general) {

        /** The text names the file as a word of its own: go.tgz in go.tgz.asc, not n in -n. */
        public boolean mentions(String name) {
            if (name.isEmpty()) {
                return false;
            }
            Pattern word = Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(name) + "(?![A-Za-z0-9_-])");
            return word.matcher(text).find() || word.matcher(resolvedText).find();
        }
    }

    private static final Set<String> DIGESTS = Set.of("sha1sum", "sha224sum", "sha256sum", "sha384sum", "sha512sum",
            "md5sum", "b2sum", "b3sum", "sha3sum", "shasum", "cksum", "rhash", "gsha256sum", "gsha512sum");
    private static final Set<String> OPENSSL_DIGESTS = Set.of("dgst", "sha1", "sha256", "sha384", "sha512", "md5");
    private static final Set<String> VERIFIERS = Set.of("gpgv", "gpgv2", "sqv", "slsa-verifier", "debsig-verify",
            "in-toto-verify");
    private static final Set<String> COMPARERS = Set.of("grep", "egrep", "fgrep", "awk", "gawk", "mawk", "cmp", "diff",
            "test", "[");
    private static final Set<String> INTERPRETERS = Set.of("php", "python", "python3", "node", "ruby", "perl");
    private static final Pattern DIGEST_CODE = Pattern.compile(
            "(?i)hash_file\\s*\\(|hashlib\\.|createHash\\s*\\(|Digest::|openssl_verify\\s*\\(");
    private static final Pattern CHECKSUM_FLAG = Pattern.compile("--(checksums?|sha256|sha512|sha256sum|sha512sum"
            + "|expected-sha256|expected-checksum|verify-checksum|hash)");

    /** The checks of a RUN, in order. */
    public static List<Check> of(RunStep run) {
        List<Check> out = new ArrayList<>();
        List<Call> calls = run.calls();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            Kind kind = call.command() == null ? Kind.NONE : kind(calls, i);
            if (kind != Kind.NONE) {
                String text = text(calls, i);
                out.add(new Check(call, text, Downloads.resolve(text, run), kind == Kind.GENERAL));
            }
        }
        return out;
    }

    /** What a command is to downloads: no check, a check of the files it names, or a general checker. */
    private enum Kind { NONE, NAMED, GENERAL }

    private static Kind kind(List<Call> calls, int i) {
        Call call = calls.get(i);
        if (call.options().all().stream().anyMatch(o -> CHECKSUM_FLAG.matcher(o.name()).matches())) {
            return Kind.NAMED;
        }
        if (INTERPRETERS.contains(call.name())) {
            return call.args().stream().anyMatch(a -> DIGEST_CODE.matcher(a.value()).find()) ? Kind.NAMED : Kind.NONE;
        }
        List<String> operands = call.options().operands().stream().map(Call.Arg::value).toList();
        // apk checks a package file's signature against /etc/apk/keys unless told not to
        if (call.is("apk")) {
            return operands.contains("add") && operands.stream().anyMatch(o -> o.endsWith(".apk"))
                    && !call.options().has("--allow-untrusted") ? Kind.NAMED : Kind.NONE;
        }
        return general(calls, i, operands) ? Kind.GENERAL : Kind.NONE;
    }

    private static boolean general(List<Call> calls, int i, List<String> operands) {
        Call call = calls.get(i);
        if (DIGESTS.contains(call.name())) {
            return call.options("-a", "--algorithm").has("-c", "--check") || compared(calls, i);
        }
        if (VERIFIERS.contains(call.name())) {
            return true;
        }
        return switch (call.name()) {
            case "gpg", "gpg2" -> call.options().has("--verify", "--verify-files");
            case "openssl" -> call.args().stream().anyMatch(a -> a.value().equals("-verify")
                    || a.value().equals("-prverify"))
                    || !operands.isEmpty() && OPENSSL_DIGESTS.contains(operands.get(0)) && compared(calls, i);
            case "cosign" -> !operands.isEmpty() && operands.get(0).startsWith("verify-blob");
            case "sq" -> operands.contains("verify");
            case "minisign", "signify", "signify-openbsd" -> call.options().has("-V");
            case "ssh-keygen" -> call.options("-Y").values("-Y").contains("verify");
            case "gh" -> operands.contains("attestation") && operands.contains("verify");
            case "rpm", "rpmkeys" -> call.options().has("-K", "--checksig");
            case "dpkg-sig" -> call.options().has("--verify");
            default -> false;
        };
    }

    /** A digest that is read to be compared: in {@code $(...)}, or piped into grep, awk, cmp or diff. */
    private static boolean compared(List<Call> calls, int i) {
        Command command = calls.get(i).command();
        if (command.in(Scope.COMMAND_SUBSTITUTION) || command.in(Scope.PROCESS_SUBSTITUTION)) {
            return true;
        }
        if (!command.inPipeline()) {
            return false;
        }
        for (int j = i + 1; j < calls.size(); j++) {
            Command c = calls.get(j).command();
            if (c == null || !c.scopes().equals(command.scopes()) || c.pipelineSize() != command.pipelineSize()) {
                continue;
            }
            if (c.pipelineIndex() <= command.pipelineIndex()) {
                return false;
            }
            if (COMPARERS.contains(c.name())) {
                return true;
            }
        }
        return false;
    }

    /** The words a check reads, those of the commands piped into it included. */
    private static String text(List<Call> calls, int i) {
        Command command = calls.get(i).command();
        StringBuilder out = new StringBuilder();
        append(out, calls.get(i));
        if (command.inPipeline()) {
            for (int j = i - 1; j >= 0 && command.pipelineIndex() > 0; j--) {
                Command c = calls.get(j).command();
                if (c == null || !c.scopes().equals(command.scopes()) || c.pipelineSize() != command.pipelineSize()) {
                    continue;
                }
                if (c.pipelineIndex() >= command.pipelineIndex()) {
                    break;
                }
                append(out, calls.get(j));
                if (c.pipelineIndex() == 0) {
                    break;
                }
            }
        }
        return out.toString();
    }

    private static void append(StringBuilder out, Call call) {
        for (Call.Arg arg : call.args()) {
            out.append(arg.value()).append('\n');
        }
        for (Redirect r : call.command().redirects()) {
            if (r.hereDoc() != null && r.hereDoc().body() != null) {
                out.append(r.hereDoc().body().value()).append('\n');
            } else if (r.target() != null) {
                out.append(r.target().value()).append('\n');
            }
        }
    }
}
