package dev.drydock.core.rules.support;

import dev.drydock.core.discovery.PathGlobs;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.ContainerPaths;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.shell.RedirectOperator;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Keys and secrets a RUN makes up and writes into the file system: SSH host keys, TLS private keys, Laravel's
 * APP_KEY, Rails' master key, Symfony's decryption key, and random values written to a file.
 */
public final class GeneratedSecrets {

    /** What kind of key, for the message and the advice. */
    public enum Kind {
        SSH_HOST_KEY, INSTALLED_SSH_HOST_KEY, SSH_KEY, TLS_KEY, LARAVEL_APP_KEY, RAILS_MASTER_KEY, SYMFONY_DECRYPTION_KEY, RANDOM_SECRET
    }

    /**
     * A key written by one call of a RUN.
     *
     * @param path a file the call writes, absolute (for ssh-keygen -A one of the host keys)
     * @param shown the files as the message names them ({@code /etc/ssh/ssh_host_*_key})
     */
    public record Generated(Kind kind, Call call, Span span, String path, String shown) {}

    private static final Set<String> SSH_KEYGEN_OTHER_MODES = Set.of("-l", "-y", "-R", "-F", "-H", "-s", "-e", "-i",
            "-p", "-c", "-Y", "-D", "-k", "-L", "-Q", "-r", "-G", "-M", "-T", "-B");
    private static final String[] SSH_KEYGEN_VALUES = {"-f", "-t", "-b", "-N", "-C", "-a", "-m", "-O", "-Z", "-E",
            "-I", "-n", "-V", "-z", "-P", "-w", "-s", "-F", "-R", "-r", "-D", "-M", "-T"};
    /** Debian's packages whose install script (postinst) makes the missing SSH host keys; Alpine's openssh does not. */
    private static final Set<String> APT_SSH_SERVERS = Set.of("openssh-server", "ssh");
    private static final String SSH_HOST_KEYS = "/etc/ssh/ssh_host_*_key";
    private static final Set<String> OPENSSL_KEY_COMMANDS = Set.of("genrsa", "genpkey", "gendsa");
    private static final Pattern PYTHON = Pattern.compile("python(\\d+(\\.\\d+)?)?");
    private static final Pattern SECRET_PATH = Pattern.compile("(?i)(key|secret|token|passw|credential|\\.env$|\\.env\\.)[^/]*$");
    private static final Pattern ASSIGNED_SUBSTITUTION = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)=[\"']?\\$\\(");

    private GeneratedSecrets() {}

    /** The keys the RUN's calls write, in order. */
    public static List<Generated> in(RunStep run) {
        List<Generated> out = new ArrayList<>();
        List<Call> calls = run.calls();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            if (call.program() != null) {
                generated(run, calls, i).ifPresent(out::add);
            }
        }
        return out;
    }

    /** Whether a call after the one that wrote {@code generated} in the same RUN deletes the file (rm of it or a folder above). */
    public static boolean removedLater(RunStep run, Generated generated) {
        List<Call> calls = run.calls();
        for (int i = calls.indexOf(generated.call()) + 1; i < calls.size(); i++) {
            Call rm = calls.get(i);
            if (!rm.is("rm", "shred")) {
                continue;
            }
            String dir = run.directoryAt(rm);
            for (Call.Arg operand : rm.options().operands()) {
                String target = absolute(dir, operand.value());
                if (target != null && PathGlobs.covers(target, generated.path())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static Optional<Generated> generated(RunStep run, List<Call> calls, int index) {
        Call call = calls.get(index);
        String dir = run.directoryAt(call);
        if (call.is("ssh-keygen")) {
            return sshKey(call, dir);
        }
        if (call.is("openssl")) {
            return tlsKey(call, dir);
        }
        Optional<Generated> installed = installedHostKeys(call);
        if (installed.isPresent()) {
            return installed;
        }
        Optional<Generated> framework = frameworkKey(call, dir);
        if (framework.isPresent()) {
            return framework;
        }
        return randomWrite(call, calls, index, dir);
    }

    private static Optional<Generated> sshKey(Call call, String dir) {
        Call.Options options = call.options(SSH_KEYGEN_VALUES);
        if (options.all().stream().anyMatch(o -> SSH_KEYGEN_OTHER_MODES.contains(o.name()))) {
            return Optional.empty();
        }
        String file = options.find("-f").map(Call.Options.Option::value).orElse(null);
        if (options.has("-A")) {
            String prefix = file == null ? "/" : absolute(dir, file);
            if (prefix == null) {
                return Optional.empty();
            }
            String keys = PathNames.normalizeAbsolute(prefix, "etc/ssh");
            return Optional.of(new Generated(Kind.SSH_HOST_KEY, call, call.span(), keys + "/ssh_host_ed25519_key",
                    keys + "/ssh_host_*_key"));
        }
        String path = file == null ? null : absolute(dir, file);
        if (path == null) {
            return Optional.empty();
        }
        Kind kind = PathNames.fileName(path).startsWith("ssh_host_") ? Kind.SSH_HOST_KEY : Kind.SSH_KEY;
        return Optional.of(new Generated(kind, call, call.span(), path, path));
    }

    /**
     * The host keys made by installing Debian's SSH server with apt ({@code openssh-server}, or the {@code ssh}
     * package that pulls it in) or by {@code dpkg-reconfigure openssh-server}: the package's postinst makes every key
     * sshd_config names (by default RSA, ECDSA and Ed25519) that is missing.
     */
    private static Optional<Generated> installedHostKeys(Call call) {
        if (call.is("dpkg-reconfigure")) {
            return call.options().operands().stream().filter(a -> a.value().equals("openssh-server")).findFirst()
                    .map(a -> hostKeys(Kind.INSTALLED_SSH_HOST_KEY, call, a.span()));
        }
        return PackageCommands.install(call).filter(o -> o.manager() == PackageCommands.Manager.APT)
                .flatMap(o -> o.packages().stream().filter(p -> APT_SSH_SERVERS.contains(p.name())).findFirst())
                .map(p -> hostKeys(Kind.INSTALLED_SSH_HOST_KEY, call, p.word().span()));
    }

    private static Generated hostKeys(Kind kind, Call call, Span span) {
        return new Generated(kind, call, span, "/etc/ssh/ssh_host_ed25519_key", SSH_HOST_KEYS);
    }

    /** {@code openssl req -newkey/-x509 -keyout F}, {@code openssl genrsa|genpkey -out F}, {@code openssl ecparam -genkey -out F}. */
    private static Optional<Generated> tlsKey(Call call, String dir) {
        Call.Options options = call.options("-keyout", "-out", "-newkey", "-days", "-subj", "-config", "-key", "-in",
                "-algorithm", "-pkeyopt", "-name", "-addext", "-extensions", "-passout", "-cipher");
        String command = options.subcommand().map(Call.Arg::value).orElse("");
        String file;
        if (command.equals("req")) {
            file = options.find("-keyout").map(Call.Options.Option::value).orElse(null);
            if (options.has("-key")) {
                return Optional.empty();
            }
        } else if (OPENSSL_KEY_COMMANDS.contains(command) || command.equals("ecparam") && options.has("-genkey")) {
            file = options.find("-out").map(Call.Options.Option::value).orElse(outputFile(call));
        } else {
            return Optional.empty();
        }
        String path = file == null ? null : absolute(dir, file);
        return path == null || path.startsWith("/dev/") ? Optional.empty()
                : Optional.of(new Generated(Kind.TLS_KEY, call, call.span(), path, path));
    }

    /** Laravel's key:generate, Rails' credentials:edit, Symfony's secrets:generate-keys. */
    private static Optional<Generated> frameworkKey(Call call, String dir) {
        List<String> words = call.args().stream().map(Call.Arg::value).toList();
        int console;
        if (call.is("artisan", "rails") || call.is("console") && call.program().value().contains("bin/")) {
            console = 0;
        } else if (call.is("php") && !words.isEmpty() && Set.of("artisan", "console").contains(PathNames.fileName(words.get(0)))) {
            console = 1;
        } else if (call.is("bundle") && words.size() > 1 && words.get(0).equals("exec")
                && PathNames.fileName(words.get(1)).equals("rails")) {
            console = 2;
        } else {
            return Optional.empty();
        }
        if (console >= words.size() || dir == null) {
            return Optional.empty();
        }
        String command = words.get(console);
        List<String> rest = words.subList(console + 1, words.size());
        if (command.equals("key:generate") && !rest.contains("--show")) {
            String env = PathNames.normalizeAbsolute(dir, ".env");
            return Optional.of(new Generated(Kind.LARAVEL_APP_KEY, call, call.span(), env, env));
        }
        if (command.equals("secrets:generate-keys")) {
            String keys = PathNames.normalizeAbsolute(dir, "config/secrets");
            return Optional.of(new Generated(Kind.SYMFONY_DECRYPTION_KEY, call, call.span(), keys + "/prod/prod.decrypt.private.php",
                    keys + "/<env>/<env>.decrypt.private.php"));
        }
        if (command.equals("credentials:edit")) {
            String environment = value(rest, "--environment", "-e");
            String key = PathNames.normalizeAbsolute(dir, environment == null ? "config/master.key"
                    : "config/credentials/" + environment + ".key");
            return Optional.of(new Generated(Kind.RAILS_MASTER_KEY, call, call.span(), key, key));
        }
        return Optional.empty();
    }

    /**
     * A random value written to a file: a secret generator's output redirected ({@code python -c 'import secrets;
     * print(secrets.token_hex(32))' > /app/secret}), piped to tee or into a pipeline whose end is redirected, or an
     * echo of a command substitution that makes one up ({@code echo "SECRET_KEY=$(openssl rand -hex 32)" >> .env}).
     * Random bytes that are not made as a secret need a file or variable named like one.
     */
    private static Optional<Generated> randomWrite(Call call, List<Call> calls, int index, String dir) {
        RandomValues.Kind kind;
        String assigned = null;
        if (call.is("echo", "printf")) {
            String text = String.join(" ", call.args().stream().map(Call.Arg::value).toList());
            kind = RandomValues.inSubstitution(text);
            var m = ASSIGNED_SUBSTITUTION.matcher(text);
            assigned = m.find() ? m.group(1) : null;
        } else {
            kind = generatorOutput(call);
        }
        if (kind != RandomValues.Kind.SECRET && kind != RandomValues.Kind.RANDOM) {
            return Optional.empty();
        }
        String file = pipelineOutput(calls, index);
        String path = file == null ? null : absolute(dir, file);
        if (path == null || path.startsWith("/dev/") || path.startsWith("/proc/")) {
            return Optional.empty();
        }
        if (kind == RandomValues.Kind.RANDOM && !SECRET_PATH.matcher(path).find()
                && (assigned == null || !SecretNames.isSecretName(assigned))) {
            return Optional.empty();
        }
        return Optional.of(new Generated(Kind.RANDOM_SECRET, call, call.span(), path, path));
    }

    /** What a program prints: a secret generator, random bytes, or nothing random. */
    private static RandomValues.Kind generatorOutput(Call call) {
        if (PYTHON.matcher(call.name()).matches()) {
            return call.options("-c").values("-c").stream().map(RandomValues::of)
                    .filter(k -> k == RandomValues.Kind.SECRET).findFirst().orElse(RandomValues.Kind.NONE);
        }
        String words = call.name() + " " + String.join(" ", call.args().stream().map(Call.Arg::value).toList());
        if (call.is("rails", "rake", "mix", "php", "artisan", "openssl", "pwgen")) {
            RandomValues.Kind kind = RandomValues.of(words);
            return kind == RandomValues.Kind.IDENTIFIER ? RandomValues.Kind.NONE : kind;
        }
        if (call.is("head", "dd", "tr", "od", "xxd", "base64", "hexdump") && (words.contains("/dev/urandom")
                || words.contains("/dev/random") || inputFrom(call, "/dev/urandom"))) {
            return RandomValues.Kind.RANDOM;
        }
        return RandomValues.Kind.NONE;
    }

    private static boolean inputFrom(Call call, String file) {
        return call.command() != null && call.command().redirects().stream().anyMatch(r -> r.operator()
                == RedirectOperator.IN && r.target() != null && r.target().value().equals(file));
    }

    /**
     * The file the output of the call ends up in: its own redirection, or, in a pipeline, the redirection of the
     * pipeline's last command or the file a tee in it writes; null when it goes to the build log.
     */
    private static String pipelineOutput(List<Call> calls, int index) {
        Call call = calls.get(index);
        String own = outputFile(call);
        if (own != null || call.command() == null || !call.command().inPipeline()) {
            return own;
        }
        int position = call.command().pipelineIndex();
        int size = call.command().pipelineSize();
        for (int i = index + 1; i < calls.size() && i - index < size - position; i++) {
            Call next = calls.get(i);
            if (next.command() == null || !next.command().inPipeline()
                    || next.command().pipelineIndex() != position + (i - index)) {
                return null;
            }
            if (next.is("tee")) {
                Optional<Call.Arg> first = next.options().operands().stream().findFirst();
                if (first.isPresent()) {
                    return first.get().value();
                }
            }
            String file = outputFile(next);
            if (file != null) {
                return file;
            }
        }
        return null;
    }

    /** The file a call's standard output is redirected to, or null. */
    private static String outputFile(Call call) {
        if (call.command() == null) {
            return null;
        }
        for (Redirect r : call.command().redirects()) {
            if (r.target() != null && r.effectiveFd().equals("1") && (r.operator() == RedirectOperator.OUT
                    || r.operator() == RedirectOperator.APPEND || r.operator() == RedirectOperator.CLOBBER
                    || r.operator() == RedirectOperator.OUT_ALL || r.operator() == RedirectOperator.APPEND_ALL)) {
                return r.target().value();
            }
        }
        return null;
    }

    private static String value(List<String> words, String... names) {
        for (int i = 0; i < words.size(); i++) {
            for (String name : names) {
                if (words.get(i).equals(name) && i + 1 < words.size()) {
                    return words.get(i + 1);
                }
                if (words.get(i).startsWith(name + "=")) {
                    return words.get(i).substring(name.length() + 1);
                }
            }
        }
        return null;
    }

    /** The path made absolute against the folder, or null when it is not a plain path (a variable, ~, -). */
    private static String absolute(String dir, String path) {
        if (path.isEmpty() || path.contains("$") || path.startsWith("~") || path.startsWith("-")
                || !path.startsWith("/") && dir == null) {
            return null;
        }
        return ContainerPaths.clean(path.startsWith("/") ? path : dir + "/" + path);
    }
}
