package dev.drydock.core.rules.support;

import dev.drydock.core.app.AppSource;
import dev.drydock.core.compose.Located;
import dev.drydock.core.compose.Service;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.HealthcheckSpec;
import dev.drydock.core.dockerfile.syntax.ExecForm;
import dev.drydock.core.dockerfile.syntax.HealthcheckArguments;
import dev.drydock.core.project.Container;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.project.EffectiveHealthcheck;
import dev.drydock.core.review.Location;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A healthcheck's probe read for what it runs: the programs it needs, whether it needs a shell, the
 * URLs it requests; and probes drydock recommends with the programs an image has.
 */
public final class Probes {

    private static final Pattern DIGITS = Pattern.compile("\\d+");
    /** A port written as a variable: {@code :${PORT}}, {@code :${PORT:-8080}}, {@code :$PORT}. */
    private static final Pattern VARIABLE_PORT = Pattern.compile(":(?:\\$\\{(\\w+)(?::?-(\\d*))?}|\\$(\\w+))(?=/|$)");
    private static final Pattern URL = Pattern.compile(
            "(https?)://(\\[[^\\]]+]|[^/:\\s'\"\\\\)]+)(?::(\\d+|\\$\\{\\w+(?::?-\\d*)?}|\\$\\w+|%s))?(/[^\\s'\"\\\\)]*)?");
    /** A local address without a scheme, as curl and wget take it (http assumed): localhost:8000/health. */
    private static final Pattern BARE_LOCAL_URL = Pattern.compile(
            "(?<![\\w/.:@-])(localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0|\\[::1])(?::(\\d+|\\$\\{?\\w+}?))?(/[^\\s'\"\\\\)]*)?");
    /** bash's network redirection, which a probe without curl or wget opens to write its request by hand. */
    private static final Pattern DEV_TCP = Pattern.compile("/dev/tcp/(localhost|127\\.0\\.0\\.1|0\\.0\\.0\\.0)/(\\d+)");
    /** The request line such a probe writes: GET /_health/ HTTP/1.1. */
    private static final Pattern REQUEST_LINE = Pattern.compile("\\bGET\\s+(/[^\\s'\"\\\\]*)\\s+HTTP/");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "ash", "dash", "zsh");
    private static final Set<String> BUILTINS = Set.of("exit", "test", "[", "[[", "echo", "true", "false", "printf",
            ":", "cd", "export", "set", "read", "return", "local", "eval", "exec", "command", "kill", "sleep");
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1", "[::]");

    private Probes() {}

    /**
     * A program the probe runs; {@code testIndex} is its element in the test list (-1 when inside a shell script);
     * {@code bare} when it is named without a folder, so the PATH decides which file runs.
     */
    public record Program(String name, int testIndex, boolean bare) {}

    /** A URL the probe requests; {@code path} null when built from variables, {@code port} null when not literal. */
    public record Url(String text, String host, Integer port, String path) {

        public boolean local() {
            return LOCAL_HOSTS.contains(host.toLowerCase(Locale.ROOT));
        }

        /**
         * The port requested in container {@code c}, as far as drydock can tell: the one written (80 for http and 443
         * for https when none is), else the value the container's environment gives the variable written in its place
         * ({@code ${PORT}}, {@code $PORT}); null when unknown, which is no reason to take 80 (nor the fallback of
         * {@code ${PORT:-8080}}, as the platform that runs the image may set the variable).
         */
        public Integer port(Container c) {
            if (port != null) {
                return port;
            }
            Matcher m = VARIABLE_PORT.matcher(text);
            if (!m.find()) {
                return null;
            }
            String name = m.group(1) != null ? m.group(1) : m.group(3);
            String value = c == null || c.entryPoint() == null ? null : c.entryPoint().environment().get(name);
            return value != null && value.matches("\\d{1,5}") && Integer.parseInt(value) > 0
                    && Integer.parseInt(value) < 65536 ? Integer.valueOf(value) : null;
        }

        /** Whether the URL asks for TLS (https://); one without a scheme is plain HTTP for curl and wget. */
        public boolean https() {
            return text.regionMatches(true, 0, "https:", 0, 6);
        }

        /** The same URL with the other scheme: https for http, http for https. */
        public String withOtherScheme() {
            return https() ? "http" + text.substring(5) : text.contains("://") ? "https" + text.substring(4)
                    : "https://" + text;
        }

        /** The same URL with another path. */
        public String withPath(String other) {
            int slash = text.indexOf('/', text.indexOf("://") + 3);
            return (slash < 0 ? text : text.substring(0, slash)) + (other.startsWith("/") ? other : "/" + other);
        }
    }

    /**
     * @param shell whether the probe runs through {@code /bin/sh} (CMD-SHELL, or a CMD of {@code sh -c})
     * @param programs the programs it runs, the first one first
     * @param urls the URLs it requests
     */
    public record Probe(EffectiveHealthcheck healthcheck, boolean shell, List<Program> programs, List<Url> urls) {

        /** The first local URL whose path is known, if any. */
        public Url localUrl() {
            return urls.stream().filter(u -> u.local() && u.path() != null).findFirst().orElse(null);
        }
    }

    /** The local URL a healthcheck's probe requests; null when it requests none (or there is no probe). */
    public static Url localUrl(EffectiveHealthcheck hc) {
        Probe probe = of(hc);
        return probe == null ? null : probe.localUrl();
    }

    /** Reads a healthcheck's probe; null when it is disabled or empty. */
    public static Probe of(EffectiveHealthcheck hc) {
        if (hc == null || hc.disabled() || hc.test().isEmpty()) {
            return null;
        }
        List<String> test = hc.test();
        String kind = test.get(0);
        List<Program> programs = new ArrayList<>();
        boolean shell = false;
        StringBuilder all = new StringBuilder();
        List<String> words = new ArrayList<>();
        if (kind.equals("CMD") && test.size() > 1) {
            String program = base(test.get(1));
            programs.add(new Program(program, 1, !test.get(1).contains("/")));
            boolean script = SHELLS.contains(program) && test.size() > 3 && test.get(2).startsWith("-")
                    && test.get(2).contains("c");
            if (script) {
                shell = true;
                programs.addAll(scriptPrograms(test.get(3)));
            }
            for (int i = 1; i < test.size(); i++) {
                all.append(test.get(i)).append(' ');
                words.addAll(script && i == 3 ? scriptWords(test.get(i)) : List.of(test.get(i)));
            }
        } else if (kind.equals("CMD-SHELL") && test.size() > 1) {
            shell = true;
            String script = String.join(" ", test.subList(1, test.size()));
            programs.addAll(scriptPrograms(script));
            all.append(script);
            words.addAll(scriptWords(script));
        } else {
            return null;
        }
        List<Url> urls = new ArrayList<>();
        for (String word : words) {
            for (Url url : urls(word)) {
                if (!urls.contains(url)) {
                    urls.add(url);
                }
            }
        }
        rawRequest(all).ifPresent(urls::add);
        return new Probe(hc, shell, programs, urls);
    }

    /** The URLs written in one word of a probe, with or without a scheme. */
    private static List<Url> urls(String word) {
        List<Url> urls = new ArrayList<>();
        Matcher m = URL.matcher(word);
        while (m.find()) {
            String host = m.group(2);
            Integer port = m.group(3) != null && DIGITS.matcher(m.group(3)).matches() ? Integer.valueOf(m.group(3))
                    : m.group(3) == null ? (m.group(1).equals("https") ? 443 : 80) : null;
            String path = m.group(4) == null ? "/" : m.group(4);
            if (path.contains("$") || path.contains("{")) {
                path = null;
            }
            if (host.contains("$")) {
                continue;
            }
            urls.add(new Url(m.group(), host, port, path));
        }
        Matcher bare = BARE_LOCAL_URL.matcher(word);
        while (bare.find()) {
            if (bare.group(2) == null && bare.group(3) == null) {
                continue; // a bare host is an option's value (mysqladmin -h 127.0.0.1), not a URL
            }
            String path = bare.group(3) == null ? "/" : bare.group(3);
            Integer port = bare.group(2) == null ? Integer.valueOf(80)
                    : DIGITS.matcher(bare.group(2)).matches() ? Integer.valueOf(bare.group(2)) : null;
            urls.add(new Url(bare.group(), bare.group(1), port, path.contains("$") || path.contains("{") ? null : path));
        }
        return urls;
    }

    /**
     * The words a shell probe's commands are given, as the shell splits them: an unquoted operator ({@code |},
     * {@code ;}, {@code &&}, {@code >}) ends a word, so {@code curl -f http://localhost:8080/| grep UP} requests
     * {@code /}. A nested {@code sh -c} script is read for its own words; an unreadable script is taken whole.
     */
    private static List<String> scriptWords(String script) {
        try {
            ShellScript parsed = ShellScript.parse(MappedText.of(SourceFile.of("healthcheck", script), 0, script.length()));
            if (parsed.hasProblems()) {
                return List.of(script);
            }
            List<String> words = new ArrayList<>();
            for (Command c : parsed.commands()) {
                c.assignments().forEach(a -> {
                    if (a.value() != null && !a.value().hasCommandSubstitution()) {
                        words.add(a.value().value());
                    }
                });
                if (c.nestedScript().isEmpty()) {
                    // a command substitution's commands are listed on their own
                    c.words().stream().filter(w -> !w.hasCommandSubstitution()).forEach(w -> words.add(w.value()));
                }
            }
            return words;
        } catch (RuntimeException e) {
            return List.of(script);
        }
    }

    /**
     * The URL a probe requests by writing an HTTP request to bash's /dev/tcp itself ({@code exec
     * 3<>/dev/tcp/127.0.0.1/9000 && echo -e "GET /_health/ HTTP/1.1 ..." >&3}), written as the URL it asks for.
     */
    private static Optional<Url> rawRequest(CharSequence script) {
        Matcher tcp = DEV_TCP.matcher(script);
        Matcher request = REQUEST_LINE.matcher(script);
        if (!tcp.find() || !request.find()) {
            return Optional.empty();
        }
        String host = tcp.group(1);
        int port = Integer.parseInt(tcp.group(2));
        String path = request.group(1);
        return Optional.of(new Url("http://" + host + ":" + port + path, host, port, path));
    }

    /**
     * What a probe needs that the image is known to lack: "sh" for a shell probe in an image without a
     * shell, else the first program drydock knows to be absent, or named without a folder while the image keeps
     * it off its PATH ({@link ImageContents#offPath}); null when nothing is known missing.
     */
    public static String missingProgram(Probe probe, ImageContents image) {
        if (probe == null || image == null) {
            return null;
        }
        boolean shellOnPath = namesShellOnPath(probe, image);
        if (probe.shell() && !image.has("sh").orElse(true) && !shellOnPath) {
            return "sh";
        }
        for (Program p : probe.programs()) {
            if (shellOnPath && p.testIndex() == 1) {
                continue;
            }
            if ((BaseImageFacts.ASKED.contains(p.name()) || GrpcHealthProbe.is(p.name()))
                    && !image.has(p.name()).orElse(true) || image.lacksProcps(p.name())) {
                return p.name();
            }
            if (p.bare() && image.offPath(p.name()).isPresent() || image.renamed(p.name()).isPresent()) {
                return p.name();
            }
        }
        return null;
    }

    /**
     * Whether an exec-form probe starts its shell by name ({@code ["CMD", "sh", "-c", ...]}) in an image that keeps
     * one on its PATH without a /bin/sh (distroless :debug): Docker finds it there, where CMD-SHELL's /bin/sh fails.
     */
    private static boolean namesShellOnPath(Probe probe, ImageContents image) {
        List<String> test = probe.healthcheck().test();
        return test.get(0).equals("CMD") && test.size() > 1 && test.get(1).equals("sh")
                && image.base().map(tools -> tools.shellOutsideBin() != null).orElse(false);
    }

    /**
     * The rule that reports the probe of {@code hc} as failing in container {@code c}: healthcheck-tool-missing when
     * the image lacks what it runs, healthcheck-endpoint-missing when it requests a path the application, whose routes
     * are known, does not serve; null when it may succeed.
     */
    public static String failingRule(ReviewContext context, EffectiveHealthcheck hc, Container c, AppSource app) {
        Probe probe = of(hc);
        if (probe == null) {
            return null;
        }
        if (missingProgram(probe, ImageContents.of(c)) != null) {
            return "healthcheck-tool-missing";
        }
        Url url = probe.localUrl();
        if (url != null && url.port(c) != null && ServerImages.withKnownHealthRoutes(c)
                .filter(image -> image.lacksHealthRoute(url.path(), url.port(c))).isPresent()) {
            return "healthcheck-endpoint-missing";
        }
        if (url != null && grpcOnlyPort(context, c, url).isPresent()) {
            return "healthcheck-endpoint-missing";
        }
        ServerTls refusing = url == null || c.build() == null ? null : ServerTls.refusing(context, c, url).orElse(null);
        if (refusing != null && !refusing.probeStillPasses(c, hc, url)) {
            return "healthcheck-endpoint-missing"; // the server does not speak the probe's scheme on its port
        }
        TaskWorkers.TaskWorker worker = url == null ? null : TaskWorkers.of(context, c).orElse(null);
        if (worker != null) {
            return worker.answersOn(url.port()) ? null : "healthcheck-endpoint-missing";
        }
        return url != null && app != null && app.routes().determines(url.path()) && app.routes().match(url.path()).isEmpty()
                ? "healthcheck-endpoint-missing" : null;
    }

    /**
     * The gRPC library of a gRPC-only server ({@link AppFacts#grpcServer}) whose port the URL requests: the port the
     * server listens on, else the one the application is published or exposed on. Such a server closes the connection
     * of a plain HTTP request. Empty otherwise, and when the command starts another server beside it.
     */
    public static Optional<String> grpcOnlyPort(ReviewContext context, Container c, Url url) {
        AppSource app = Apps.of(context, c);
        Optional<String> library = AppFacts.grpcServer(c, app);
        if (library.isEmpty() || ListeningPorts.otherServerBeside(c.entryPoint())) {
            return Optional.empty();
        }
        Integer probed = url.port(c);
        if (probed == null) {
            return Optional.empty(); // a port drydock cannot read: no telling that it is the gRPC server's
        }
        ListeningPorts listener = ListeningPorts.of(context, c).orElse(null);
        boolean served = listener != null ? listener.ports().contains(probed)
                : !AppFacts.portAssumed(context, c, app) && AppFacts.port(context, c, app) == probed.intValue();
        return served ? library : Optional.empty();
    }

    /**
     * Why the probe of {@code hc} fails in container {@code c}: the rule that reports it, and for a probe nginx
     * passes on to another service of the stack, the way it takes (null when the rule says enough).
     */
    public record Failure(String rule, String reason) {

        /** The rule, with the reason when there is one: for messages. */
        public String describe() {
            return reason == null ? rule : rule + ": " + reason;
        }
    }

    /**
     * Like {@link #failingRule}, and also a probe of nginx that its proxy_pass hands to another service of the stack
     * whose application, with known routes, does not serve the path as forwarded; null when it may succeed.
     */
    public static Failure failure(ReviewContext context, EffectiveHealthcheck hc, Container c, AppSource app) {
        String rule = failingRule(context, hc, c, app);
        if (rule != null) {
            return new Failure(rule, null);
        }
        Url url = localUrl(hc);
        NginxProxiedPaths.Proxied proxied = url == null ? null
                : url.port(c) == null ? null : NginxProxiedPaths.of(context, c, url.port(c), url.path()).orElse(null);
        if (proxied == null || proxied.backendContainer() == null) {
            return null;
        }
        AppSource backend = Apps.of(context, proxied.backendContainer());
        String path = proxied.forwarded();
        if (!backend.routes().determines(path) || backend.routes().match(path).isPresent()) {
            return null;
        }
        return new Failure("healthcheck-endpoint-missing", "it requests " + url.path() + " from nginx, whose "
                + proxied.route(url.path()) + ", and " + proxied.backend().name() + " serves no " + path);
    }

    private static List<Program> scriptPrograms(String script) {
        List<Program> out = new ArrayList<>();
        try {
            SourceFile file = SourceFile.of("healthcheck", script);
            ShellScript parsed = ShellScript.parse(MappedText.of(file, 0, script.length()));
            for (Command c : parsed.commands()) {
                String name = c.name();
                if (!name.isEmpty() && !BUILTINS.contains(name) && !name.contains("$")) {
                    out.add(new Program(name, -1, c.program().map(w -> !w.value().contains("/")).orElse(true)));
                }
            }
        } catch (RuntimeException e) {
            // an unreadable script: no programs claimed
        }
        return out;
    }

    /** The program a command names, without its folder: {@code curl} for {@code /usr/bin/curl}. */
    public static String base(String program) {
        return program.substring(program.lastIndexOf('/') + 1);
    }

    /**
     * Where to point for a probe's program: the element of a compose {@code test} list that names it
     * (or the whole test), the program's word in the Dockerfile's HEALTHCHECK, else the healthcheck's own
     * location.
     */
    public static Location locate(Container container, EffectiveHealthcheck hc, Program program) {
        if (!"compose".equals(hc.source()) && program != null && container.build() != null
                && container.build().stage() != null) {
            Span word = programWord(container.build().model(), container.build().stage().config().healthcheck(),
                    program.name());
            if (word != null) {
                return new Location(container.build().dockerfile(), word);
            }
        }
        Service service = container.service();
        if ("compose".equals(hc.source()) && service != null && service.healthcheck() != null
                && service.healthcheck().test() != null && !service.healthcheck().test().isEmpty()) {
            List<Located<String>> test = service.healthcheck().test();
            Located<String> at = program != null && program.testIndex() > 0 && program.testIndex() < test.size()
                    ? test.get(program.testIndex()) : test.get(test.size() > 1 ? 1 : 0);
            return new Location(at.file().path(), at.span());
        }
        return hc.origin() == null ? Location.PROJECT : new Location(hc.origin().file(), hc.origin().span());
    }

    /** The word that names {@code program} in a HEALTHCHECK, in shell or exec form; null when not found. */
    private static Span programWord(DockerfileModel model, HealthcheckSpec spec, String program) {
        if (spec == null || spec.test() == null) {
            return null;
        }
        Optional<ShellScript> script = model.script(spec.test());
        if (script.isPresent()) {
            for (Command c : script.get().commands()) {
                if (c.name().equals(program) && c.program().isPresent()) {
                    return c.program().get().span();
                }
            }
            return null;
        }
        if (spec.instruction().arguments() instanceof HealthcheckArguments args && args.command() instanceof ExecForm exec
                && !exec.elements().isEmpty() && base(exec.elements().get(0).value()).equals(program)) {
            return exec.elements().get(0).span();
        }
        return null;
    }

    /** Where to point for a part of the probe: the compose {@code test} element that contains {@code text}. */
    public static Location locateText(Container container, EffectiveHealthcheck hc, String text) {
        Service service = container.service();
        if ("compose".equals(hc.source()) && service != null && service.healthcheck() != null
                && service.healthcheck().test() != null) {
            for (Located<String> element : service.healthcheck().test()) {
                if (element.value() != null && element.value().contains(text)) {
                    return new Location(element.file().path(), element.span());
                }
            }
        }
        if (!"compose".equals(hc.source()) && container.build() != null && container.build().stage() != null
                && container.build().stage().config().healthcheck() != null
                && container.build().stage().config().healthcheck().instruction() != null) {
            var instruction = container.build().stage().config().healthcheck().instruction();
            int at = instruction.rawText().indexOf(text);
            if (at >= 0 && instruction.file().path().equals(container.build().dockerfile())) {
                int start = instruction.span().start() + at;
                return new Location(container.build().dockerfile(), instruction.file().span(start, start + text.length()));
            }
        }
        return locate(container, hc, null);
    }

    /**
     * A probe of {@code http://localhost:port/path} with a program the image has: its language runtime
     * (Node's http or Ruby's net/http on their own images, Python's urllib, Node's http, Bun's fetch), else BusyBox or GNU wget (of {@code 127.0.0.1}), else curl; null
     * when it has none of them (or the image is unknown).
     */
    public static List<String> recommend(ImageContents image, int port, String path) {
        return recommend(image, port, path, null);
    }

    /**
     * The same, for a server that listens on the port an environment variable gives at run time: the probe
     * reads {@code portVariable} when it runs ({@code port} when it is unset), through a shell for wget and curl;
     * with a literal port when the image has no shell for them.
     */
    public static List<String> recommend(ImageContents image, int port, String path, String portVariable) {
        return recommend(image, port, path, portVariable, null);
    }

    /**
     * The same, sending {@code host} as the Host header (null: the default, localhost) for an application that
     * answers only the host names it is configured for (Django's ALLOWED_HOSTS).
     */
    public static List<String> recommend(ImageContents image, int port, String path, String portVariable, String host) {
        return recommend(image, port, path, portVariable, host, false);
    }

    /**
     * The same, of {@code https://localhost:port/path} when {@code tls} (the server takes only TLS on the port), with
     * the certificate left unchecked, as a server's certificate does not name localhost: Python's unverified SSL
     * context, Node's rejectUnauthorized: false, wget --no-check-certificate, curl -k.
     */
    public static List<String> recommend(ImageContents image, int port, String path, String portVariable, String host,
            boolean tls) {
        String rest = path.startsWith("/") ? path : "/" + path;
        String scheme = tls ? "https" : "http";
        String url = scheme + "://localhost:" + port + rest;
        if (image == null) {
            return null;
        }
        // the runtime the base image ships before one the Dockerfile adds for a build step (python3 for node-gyp)
        boolean nodeBase = image.base().map(b -> b.has("node") && !b.has("python") && !b.has("python3")).orElse(false);
        List<String> node = nodeBase ? nodeProbe(image, port, url, rest, portVariable, host, tls) : null;
        if (node != null) {
            return node;
        }
        // a ruby image: the curl or wget it has (the Rails generator installs curl for this), else its own
        // interpreter, whose net/http ships with Ruby; not a node the build added for its assets
        if (image.base().map(b -> b.has("ruby")).orElse(false)) {
            List<String> client = httpClient(image, port, rest, portVariable, host, tls);
            return client != null ? client : rubyProbe(port, rest, portVariable, host, tls);
        }
        boolean python = image.has("python").orElse(false) && !image.python2();
        if (python || image.has("python3").orElse(false)) {
            String interpreter = image.command(python ? "python" : "python3");
            String target = portVariable == null ? "'" + url + "'"
                    : "'" + scheme + "://localhost:%s" + rest + "' % os.environ.get('" + portVariable + "', '" + port + "')";
            String request = host == null ? target : "urllib.request.Request(" + target + ", headers={'Host': '" + host + "'})";
            return List.of(interpreter, "-c", "import " + (portVariable == null ? "" : "os, ") + (tls ? "ssl, " : "")
                    + "urllib.request; urllib.request.urlopen(" + request
                    + (tls ? ", context=ssl._create_unverified_context()" : "") + ", timeout=3)");
        }
        node = nodeProbe(image, port, url, rest, portVariable, host, tls);
        if (node != null) {
            return node;
        }
        if (image.has("bun").orElse(false)) {
            String target = portVariable == null ? "'" + url + "'"
                    : "'" + scheme + "://localhost:' + (process.env." + portVariable + " || " + port + ") + '" + rest + "'";
            List<String> settings = new ArrayList<>();
            if (host != null) {
                settings.add("headers: {Host: '" + host + "'}");
            }
            if (tls) {
                settings.add("tls: {rejectUnauthorized: false}");
            }
            String options = settings.isEmpty() ? "" : ", {" + String.join(", ", settings) + "}";
            return List.of("bun", "-e", "fetch(" + target + options
                    + ").then(r => process.exit(r.status < 400 ? 0 : 1), () => process.exit(1))");
        }
        if (image.has("deno").orElse(false) && !tls) {
            // deno eval runs with every permission
            String target = portVariable == null ? "'" + url + "'"
                    : "'http://localhost:' + (Deno.env.get('" + portVariable + "') || " + port + ") + '" + rest + "'";
            String options = host == null ? "" : ", {headers: {Host: '" + host + "'}}";
            return List.of("deno", "eval", "const r = await fetch(" + target + options + ").catch(() => null);"
                    + " Deno.exit(r && r.status < 400 ? 0 : 1)");
        }
        return httpClient(image, port, rest, portVariable, host, tls);
    }

    /** BusyBox or GNU wget (of {@code 127.0.0.1}), else curl, asking the URL; null when the image has neither. */
    private static List<String> httpClient(ImageContents image, int port, String rest, String portVariable,
            String host, boolean tls) {
        String scheme = tls ? "https" : "http";
        String url = scheme + "://localhost:" + port + rest;
        boolean viaShell = portVariable != null && image.has("sh").orElse(false);
        String shellUrl = scheme + "://localhost:${" + portVariable + ":-" + port + "}" + rest;
        if (image.has("wget").orElse(false)) {
            // BusyBox's wget tries only the first address of localhost, ::1, where a server bound to 0.0.0.0 is not
            List<String> header = host == null ? List.of() : List.of("--header", "Host: " + host);
            List<String> unchecked = tls ? List.of("--no-check-certificate") : List.of();
            return viaShell ? List.of("sh", "-c", "wget -q " + (tls ? "--no-check-certificate " : "")
                            + (host == null ? "" : "--header 'Host: " + host + "' ")
                            + "-O /dev/null " + shellUrl.replace("localhost", "127.0.0.1"))
                    : concat(List.of("wget", "-q"), unchecked, header,
                            List.of("-O", "/dev/null", url.replace("localhost", "127.0.0.1")));
        }
        if (image.has("curl").orElse(false)) {
            String flags = tls ? "-fsSk" : "-fsS";
            List<String> header = host == null ? List.of() : List.of("-H", "Host: " + host);
            return viaShell ? List.of("sh", "-c", "curl " + flags + " " + (host == null ? "" : "-H 'Host: " + host + "' ")
                            + "-o /dev/null " + shellUrl)
                    : concat(List.of("curl", flags), header, List.of("-o", "/dev/null", url));
        }
        return null;
    }

    /**
     * Ruby's net/http asking {@code localhost:port/path}: exit's true or false is the status, and a refused
     * connection raises, which ends ruby with status 1.
     */
    private static List<String> rubyProbe(int port, String rest, String portVariable, String host, boolean tls) {
        String portText = portVariable == null ? String.valueOf(port)
                : "ENV.fetch('" + portVariable + "', '" + port + "').to_i";
        String headers = host == null ? "" : ", 'Host' => '" + host + "'";
        String options = tls ? ", use_ssl: true, verify_mode: OpenSSL::SSL::VERIFY_NONE" : "";
        return List.of("ruby", "-rnet/http", "-e", "exit Net::HTTP.start('localhost', " + portText + options
                + ", open_timeout: 3, read_timeout: 3) { |http| http.get('" + rest + "'" + headers
                + ") }.code.to_i < 400");
    }

    /** Node's http (or https) module asking {@code url}; null when the image has no node. */
    private static List<String> nodeProbe(ImageContents image, int port, String url, String rest, String portVariable,
            String host, boolean tls) {
        if (!image.has("node").orElse(false)) {
            return null;
        }
        String portText = portVariable == null ? String.valueOf(port) : "process.env." + portVariable + " || " + port;
        String unchecked = tls ? ", rejectUnauthorized: false" : "";
        String target = host != null
                ? "{host: 'localhost', port: " + portText + ", path: '" + rest + "', headers: {Host: '" + host + "'}"
                        + unchecked + "}"
                : (portVariable == null ? "'" + url + "'" : "'" + (tls ? "https" : "http") + "://localhost:' + ("
                        + portText + ") + '" + rest + "'") + (tls ? ", {rejectUnauthorized: false}" : "");
        String node = image.installed("node").isPresent() ? "node"
                : image.base().map(t -> t.executable("node")).orElse("node");
        return List.of(node, "-e", "require('" + (tls ? "https" : "http") + "').get(" + target
                + ", r => process.exit(r.statusCode < 400 ? 0 : 1)).on('error', () => process.exit(1))");
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return List.copyOf(all);
    }

    /** An argv as a JSON array, as exec-form instructions and compose lists write it. */
    public static String json(List<String> argv) {
        List<String> quoted = new ArrayList<>();
        for (String a : argv) {
            quoted.add("\"" + a.replace("\\", "\\\\").replace("\"", "\\\"") + "\"");
        }
        return "[" + String.join(", ", quoted) + "]";
    }

    /**
     * A Dockerfile HEALTHCHECK with the timings of {@code like}, and where it has none: a 30 s interval, a 10 s
     * timeout (Docker's default of 30 s lets a hung probe linger), a 30 s start period and 3 retries.
     */
    public static String dockerfileInstruction(List<String> argv, EffectiveHealthcheck like) {
        return dockerfileInstruction(argv, like, null);
    }

    /** The same, with {@code startPeriod} (null: 30 s) where {@code like} has none: a model server's longer one. */
    public static String dockerfileInstruction(List<String> argv, EffectiveHealthcheck like, String startPeriod) {
        return "HEALTHCHECK --interval=" + duration(like == null ? null : like.interval(), "30s")
                + " --timeout=" + duration(like == null ? null : like.timeout(), "10s")
                + " --start-period=" + duration(like == null ? null : like.startPeriod(), startPeriod == null ? "30s"
                        : startPeriod)
                + " --retries=" + (like == null || like.retries() == null ? 3 : like.retries())
                + " CMD " + json(argv);
    }

    /** A compose {@code test:} list. */
    public static String composeTest(List<String> argv) {
        List<String> all = new ArrayList<>(List.of("CMD"));
        all.addAll(argv);
        return json(all);
    }

    /** "every 15s with `/app -healthcheck` (3s timeout, 3 retries, 5s start period)"; Docker's 30s when unset. */
    public static String describe(EffectiveHealthcheck hc) {
        List<String> argv = hc.test().subList(1, hc.test().size());
        List<String> timing = new ArrayList<>();
        if (hc.timeout() != null) {
            timing.add(duration(hc.timeout(), "") + " timeout");
        }
        if (hc.retries() != null) {
            timing.add(hc.retries() + (hc.retries() == 1 ? " retry" : " retries"));
        }
        if (hc.startPeriod() != null) {
            timing.add(duration(hc.startPeriod(), "") + " start period");
        }
        return "every " + duration(hc.interval(), "30s") + " with `" + String.join(" ", argv) + "`"
                + (timing.isEmpty() ? "" : " (" + String.join(", ", timing) + ")");
    }

    private static String duration(Duration d, String fallback) {
        if (d == null) {
            return fallback;
        }
        long s = d.toSeconds();
        if (d.toMillis() % 1000 != 0) {
            return s == 0 ? d.toMillis() + "ms" : d.toMillis() / 1000.0 + "s"; // 500ms, 1.5s: rounding would hide them
        }
        return s % 60 == 0 && s >= 60 ? (s / 60) + "m" : s + "s";
    }

    /** What may follow {@code ||} in a probe without being another check: the usual {@code || exit 1}. */
    private static final Pattern FAILURE = Pattern.compile("\\s*(exit(\\s+\\d+)?|false)\\s*;?\\s*");

    /** Whether a shell probe tries another check when the request fails ({@code curl ... || pgrep puma}). */
    public static boolean fallsBack(EffectiveHealthcheck health) {
        String script = String.join(" ", health.test().subList(1, health.test().size()));
        String[] parts = script.split("\\|\\|");
        for (int i = 1; i < parts.length; i++) {
            if (!FAILURE.matcher(parts[i]).matches()) {
                return true;
            }
        }
        return false;
    }
}
