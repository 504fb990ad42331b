package dev.drydock.core.rules.support;

import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.Redirect;
import dev.drydock.core.shell.RedirectOperator;
import dev.drydock.core.shell.Scope;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files the shell-form RUNs download with curl or wget: written to a file (curl -o/-O, a {@code >}
 * redirect, wget's default name, -O FILE, -P DIR, tee FILE) or streamed into a program that unpacks or
 * installs them (tar, unzip, gunzip, dpkg, rpm, install). What a download prints for a person or another
 * program to read (a version looked up in {@code $(...)}, a script piped into a shell, JSON into jq) is
 * not a downloaded file here.
 */
public final class Downloads {

    private Downloads() {}

    /**
     * One file downloaded.
     *
     * @param call the curl or wget
     * @param url the URL as written (expansions kept)
     * @param source the URL with the build's ARG and ENV values put in, where known
     * @param file where it is written, as written; null when it is streamed into {@code consumer}
     * @param consumer the program the download is piped into, or null
     */
    public record Download(Call call, Call.Arg url, String source, String file, Call consumer) {

        /** The file's base name, or the URL's for a streamed download. */
        public String name() {
            return file == null ? urlName() : basename(file);
        }

        /** The URL's last path segment, without query or fragment (with the build's values, for a bare variable). */
        public String urlName() {
            String written = Downloads.urlName(url.value());
            return written.startsWith("$") ? Downloads.urlName(source) : written;
        }

        /** The names a check may call the file by: its base name, the URL's, as written and with the build's values. */
        public Set<String> names() {
            Set<String> names = new LinkedHashSet<>();
            if (file != null) {
                names.add(basename(file));
            }
            names.add(Downloads.urlName(url.value()));
            names.add(Downloads.urlName(source));
            names.remove("");
            return names;
        }
    }

    private static final Set<String> UNPACKERS = Set.of("tar", "bsdtar", "gtar", "unzip", "funzip", "gunzip",
            "gzip", "zcat", "xz", "unxz", "xzcat", "bunzip2", "bzip2", "bzcat", "zstd", "unzstd", "zstdcat", "cpio",
            "dpkg", "dpkg-deb", "rpm", "rpm2cpio", "install", "dd");
    private static final Set<String> TO_STDOUT = Set.of("-", "/dev/stdout");
    private static final Pattern HOST_LIKE = Pattern.compile("[\\w.-]+\\.[A-Za-z]{2,}(:\\d+)?(/.*)?");
    private static final Set<String> CURL_REQUESTS = Set.of("-I", "--head", "-T", "--upload-file", "-F", "--form",
            "-d", "--data", "--data-binary", "--data-raw", "--data-urlencode", "--data-ascii", "--json");
    private static final Set<String> INTERPRETERS = Set.of("sh", "bash", "ash", "dash", "zsh", "ksh", "python",
            "python3", "perl", "ruby", "node", "php");
    private static final Pattern VERSION_SUFFIX = Pattern.compile("[\\d.]+$");
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_][A-Za-z0-9_]*)}?");
    private static final Set<String> WGET_REQUESTS = Set.of("--spider", "-s", "--post-data", "--post-file",
            "--body-data", "--body-file", "-i", "--input-file");

    /** The downloads of a RUN, in order. */
    public static List<Download> of(RunStep run) {
        List<Download> out = new ArrayList<>();
        List<Call> calls = run.calls();
        for (int i = 0; i < calls.size(); i++) {
            Call call = calls.get(i);
            Command command = call.command();
            if (command == null || !call.is("curl", "wget") || command.in(Scope.COMMAND_SUBSTITUTION)
                    || command.in(Scope.PROCESS_SUBSTITUTION)) {
                continue;
            }
            for (Target target : call.is("curl") ? curl(call, run) : wget(call, run)) {
                Download download = download(calls, i, target, resolve(target.url().value(), run));
                if (download != null) {
                    out.add(download);
                }
            }
        }
        return out;
    }

    /** Where the output of {@code calls[i]} for one URL goes, as a download; null when it is not one. */
    private static Download download(List<Call> calls, int i, Target target, String source) {
        Call call = calls.get(i);
        String file = target.file() != null ? target.file() : stdoutFile(call.command()).orElse(null);
        if (file != null) {
            return file.equals("/dev/null") ? null : new Download(call, target.url(), source, file, null);
        }
        int reader = nextInPipeline(calls, i);
        if (reader < 0) {
            return null;
        }
        Call consumer = calls.get(reader);
        if (UNPACKERS.contains(consumer.name())) {
            return new Download(call, target.url(), source, null, consumer);
        }
        if (!consumer.is("tee")) {
            return null;
        }
        int next = nextInPipeline(calls, reader);
        if (next >= 0 && isInterpreter(calls.get(next).name())) {
            return null; // curl | tee f | sh: remote-script-piped-to-shell's
        }
        return consumer.options("-p").operands().stream().map(Call.Arg::value).filter(f -> !f.startsWith("/dev/"))
                .findFirst().map(f -> new Download(call, target.url(), source, f, null)).orElse(null);
    }

    /** A shell or script interpreter, by program name ({@code python3.12} included). */
    public static boolean isInterpreter(String name) {
        return INTERPRETERS.contains(name) || INTERPRETERS.contains(VERSION_SUFFIX.matcher(name).replaceAll(""));
    }

    /** A URL and the file it goes to (null: standard output). */
    private record Target(Call.Arg url, String file) {}

    private static List<Target> curl(Call call, RunStep run) {
        Call.Options options = call.options(DownloadOptions.CURL);
        if (CURL_REQUESTS.stream().anyMatch(options::has) || options.values("-X", "--request").stream()
                .anyMatch(m -> !m.equalsIgnoreCase("GET"))) {
            return List.of();
        }
        List<String> outputs = new ArrayList<>();
        boolean remoteAll = false;
        String dir = null;
        for (Call.Options.Option option : options.all()) {
            switch (option.name()) {
                case "-o", "--output" -> outputs.add(option.value() == null ? "-" : option.value());
                case "-O", "--remote-name" -> outputs.add(null);
                case "--remote-name-all" -> remoteAll = true;
                case "--output-dir" -> dir = option.value();
                default -> { }
            }
        }
        List<Target> out = new ArrayList<>();
        List<Call.Arg> urls = urls(options);
        for (int i = 0; i < urls.size(); i++) {
            Call.Arg url = urls.get(i);
            boolean remote = i < outputs.size() ? outputs.get(i) == null : remoteAll;
            String file = remote ? remoteName(url.value(), run) : i < outputs.size() ? outputs.get(i) : null;
            if (file != null && TO_STDOUT.contains(file)) {
                file = null;
            }
            if (file != null && dir != null && !file.startsWith("/")) {
                file = dir + "/" + file;
            }
            out.add(new Target(url, file));
        }
        return out;
    }

    private static List<Target> wget(Call call, RunStep run) {
        Call.Options options = call.options(DownloadOptions.WGET);
        if (WGET_REQUESTS.stream().anyMatch(options::has) || options.values("--method").stream()
                .anyMatch(m -> !m.equalsIgnoreCase("GET"))) {
            return List.of();
        }
        List<String> documents = options.values("-O", "--output-document");
        List<String> prefixes = options.values("-P", "--directory-prefix");
        List<Call.Arg> urls = urls(options);
        if (urls.isEmpty()) {
            return List.of();
        }
        if (!documents.isEmpty()) {
            // wget -O writes every URL into that one file
            String document = documents.get(documents.size() - 1);
            return List.of(new Target(urls.get(0), TO_STDOUT.contains(document) ? null : document));
        }
        String prefix = prefixes.isEmpty() ? "" : prefixes.get(prefixes.size() - 1).replaceAll("/+$", "") + "/";
        return urls.stream().map(u -> new Target(u, prefix + remoteName(u.value(), run))).toList();
    }

    private static List<Call.Arg> urls(Call.Options options) {
        return options.operands().stream().filter(a -> a.value().contains("://") || a.value().startsWith("$")
                || HOST_LIKE.matcher(a.value()).matches()).toList();
    }

    /** The file standard output is redirected to ({@code > file}, {@code &> file}), if any. */
    private static Optional<String> stdoutFile(Command command) {
        String file = null;
        for (Redirect r : command.redirects()) {
            boolean out = r.operator() == RedirectOperator.OUT || r.operator() == RedirectOperator.CLOBBER
                    || r.operator() == RedirectOperator.APPEND || r.operator() == RedirectOperator.OUT_ALL
                    || r.operator() == RedirectOperator.APPEND_ALL;
            if (out && r.effectiveFd().equals("1") && r.target() != null) {
                file = r.target().value();
            }
        }
        return Optional.ofNullable(file);
    }

    /** The index of the command reading this one's output through a pipe, or -1. */
    private static int nextInPipeline(List<Call> calls, int index) {
        Command command = calls.get(index).command();
        if (!command.inPipeline()) {
            return -1;
        }
        for (int j = index + 1; j < calls.size(); j++) {
            Command c = calls.get(j).command();
            if (c == null || !c.scopes().equals(command.scopes()) || c.pipelineSize() != command.pipelineSize()) {
                continue;
            }
            if (c.pipelineIndex() == command.pipelineIndex() + 1) {
                return j;
            }
            if (c.pipelineIndex() <= command.pipelineIndex()) {
                return -1;
            }
        }
        return -1;
    }

    /** The text with the build's ARG and ENV values put in for {@code $NAME} and {@code ${NAME}}, where known. */
    public static String resolve(String text, RunStep run) {
        Matcher m = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = run.variable(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value == null ? m.group() : value));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The name curl -O and wget give the file: the URL's last segment, with the build's values for a bare variable. */
    private static String remoteName(String url, RunStep run) {
        String written = urlName(url);
        return written.startsWith("$") ? urlName(resolve(url, run)) : written;
    }

    /** The last path segment of a URL, without query or fragment. */
    public static String urlName(String url) {
        String path = url.replaceAll("[?#].*$", "").replaceAll("/+$", "");
        return basename(path);
    }

    static String basename(String path) {
        String p = path.replaceAll("/+$", "");
        int slash = p.lastIndexOf('/');
        return slash < 0 ? p : p.substring(slash + 1);
    }
}
