package dev.drydock.core.rules.support;

import dev.drydock.core.shell.Assignment;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The options, settings and variables that turn TLS certificate verification off in download tools. */
public final class TlsSwitches {

    private TlsSwitches() {}

    /**
     * One switch found.
     *
     * @param text the words as written, for the message
     * @param effect what it does, completing "RUN curl -k ..."
     * @param instead how to give the tool a CA certificate instead
     */
    public record Switch(Span span, String text, String effect, String instead) {}

    private static final Set<String> OFF = Set.of("false", "0", "no", "off");
    private static final Pattern SSLVERIFY_OFF = Pattern.compile("(?i)(^|[\\s'\"*.;=])sslverify\\s*=\\s*(0|false|no|off)\\b");
    private static final Pattern WGET_CHECK_OFF = Pattern.compile("(?i)check_certificate\\s*=\\s*(off|0|no|false)\\b");
    private static final Pattern GIT_SSLVERIFY = Pattern.compile("(?i)http(\\..+)?\\.sslverify");
    private static final Pattern PIP_TRUSTED_HOST = Pattern.compile("(?i)(global|install|\\*)\\.trusted-host");
    private static final Pattern STRICT_SSL = Pattern.compile("(?i)(--)?(strict-ssl|enablestrictssl)");

    /** The switches of one command: its options, its configuration writes and the variables it is given. */
    public static List<Switch> in(Call call) {
        List<Switch> out = new ArrayList<>();
        if (call.is("curl")) {
            call.options(DownloadOptions.CURL).all().stream()
                    .filter(o -> Set.of("-k", "--insecure", "--proxy-insecure").contains(o.name())).findFirst()
                    .ifPresent(o -> out.add(new Switch(o.word().span(), "curl " + o.word().value(),
                            "makes curl accept any certificate", "curl --cacert FILE")));
        }
        if (call.is("wget")) {
            for (Call.Options.Option o : call.options().all()) {
                if (o.name().equals("--no-check-certificate") || o.name().equals("--check-certificate")
                        && o.value() != null && Set.of("off", "no", "quiet", "0").contains(o.value())) {
                    out.add(new Switch(o.word().span(), "wget " + o.word().value(),
                            "makes wget accept any certificate", "wget --ca-certificate=FILE"));
                }
            }
        }
        PipCommands.pip(call).or(() -> call.is("uv") ? Optional.of(call) : Optional.empty()).ifPresent(pip -> {
            for (Call.Options.Option o : pip.options("--trusted-host", "--allow-insecure-host").all()) {
                if (o.name().equals("--trusted-host") || o.name().equals("--allow-insecure-host")) {
                    out.add(new Switch(o.word().span(), pip.name() + " " + o.word().value() + (o.value() == null ? "" : " " + o.value()),
                            "lets " + pip.name() + " accept any certificate, or plain HTTP, from that host",
                            "pip --cert FILE or PIP_CERT"));
                }
            }
            settings(pip, PIP_TRUSTED_HOST, null, out,
                    "makes pip trust that host without a valid certificate", "pip --cert FILE");
        });
        if (call.is("git")) {
            settings(call, GIT_SSLVERIFY, OFF, out, "makes git accept any certificate",
                    "git config http.sslCAInfo FILE");
        }
        if (call.is("npm", "yarn", "pnpm")) {
            settings(call, STRICT_SSL, OFF, out,
                    "makes " + call.name() + " accept any certificate from the registry",
                    "NODE_EXTRA_CA_CERTS or " + call.name() + " config set cafile FILE");
        }
        for (Call.Arg arg : call.args()) {
            if (SSLVERIFY_OFF.matcher(arg.value()).find()) {
                out.add(new Switch(arg.span(), arg.value(), "turns off certificate checks of the package"
                        + " repositories (yum/dnf sslverify)", "sslcacert=FILE in the repository file"));
            } else if (WGET_CHECK_OFF.matcher(arg.value()).find()) {
                out.add(new Switch(arg.span(), arg.value(), "makes wget accept any certificate",
                        "ca_certificate=FILE in .wgetrc"));
            }
        }
        if (call.command() != null) {
            for (Assignment a : call.command().assignments()) {
                variable(a.name(), a.value().value(), a.span()).ifPresent(out::add);
            }
            if (call.is("export", "env", "declare", "typeset")) {
                for (var word : call.command().arguments()) {
                    word.asAssignment().flatMap(a -> variable(a.name(), a.value().value(), a.span()))
                            .ifPresent(out::add);
                }
            }
        }
        return out;
    }

    /** A variable that turns verification off, with where it is set. */
    public static Optional<Switch> variable(String name, String value, Span span) {
        if (value == null) {
            return Optional.empty();
        }
        String v = value.strip().toLowerCase(Locale.ROOT);
        String text = name + "=" + value;
        return switch (name.toUpperCase(Locale.ROOT)) {
            case "PYTHONHTTPSVERIFY" -> v.equals("0") ? Optional.of(new Switch(span, text,
                    "makes Python's standard library (urllib, http.client) skip certificate checks",
                    "SSL_CERT_FILE")) : Optional.empty();
            case "NODE_TLS_REJECT_UNAUTHORIZED" -> v.equals("0") ? Optional.of(new Switch(span, text,
                    "makes every Node.js TLS connection accept any certificate", "NODE_EXTRA_CA_CERTS"))
                    : Optional.empty();
            case "GIT_SSL_NO_VERIFY" -> Optional.of(new Switch(span, text,
                    "makes git accept any certificate (git checks only that the variable is set, whatever its value)",
                    "GIT_SSL_CAINFO"));
            case "NPM_CONFIG_STRICT_SSL", "YARN_ENABLE_STRICT_SSL", "YARN_STRICT_SSL" -> OFF.contains(v)
                    ? Optional.of(new Switch(span, text, "makes the package manager accept any certificate from the"
                            + " registry", "NODE_EXTRA_CA_CERTS or NPM_CONFIG_CAFILE")) : Optional.empty();
            case "PIP_TRUSTED_HOST", "UV_INSECURE_HOST" -> v.isEmpty() ? Optional.empty() : Optional.of(new Switch(
                    span, text, "lets pip accept any certificate, or plain HTTP, from these hosts", "PIP_CERT"));
            case "GOINSECURE" -> v.isEmpty() ? Optional.empty() : Optional.of(new Switch(span, text,
                    "lets go fetch these modules without certificate checks (or over plain HTTP)", "SSL_CERT_FILE"));
            default -> Optional.empty();
        };
    }

    /**
     * {@code key value} or {@code key=value} among the arguments ({@code git -c http.sslVerify=false},
     * {@code npm config set strict-ssl false}); with {@code off} null, any value counts.
     */
    private static void settings(Call call, Pattern key, Set<String> off, List<Switch> out, String effect,
            String instead) {
        List<Call.Arg> args = call.args();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i).value();
            int eq = a.indexOf('=');
            String name = eq < 0 ? a : a.substring(0, eq);
            if (!key.matcher(name).matches()) {
                continue;
            }
            Span span = args.get(i).span();
            String value;
            if (eq >= 0) {
                value = a.substring(eq + 1);
            } else if (i + 1 < args.size()) {
                value = args.get(i + 1).value();
                span = Spans.cover(span, args.get(i + 1).span());
                a = a + " " + value;
            } else {
                continue;
            }
            if (off == null ? !value.isEmpty() : off.contains(value.toLowerCase(Locale.ROOT))) {
                out.add(new Switch(span, call.name() + " " + a, effect, instead));
            }
        }
    }
}
