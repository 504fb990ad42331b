package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.manifest.Dependency;
import dev.drydock.core.manifest.Manifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Spring Boot web application's routes: its actuator's ({@link SpringActuator}) beside its controllers'
 * ({@link JvmControllers}, {@code @RestController} and {@code @Controller} classes with their {@code @RequestMapping}
 * and {@code @GetMapping}...), these under the servlet context path and the dispatcher servlet path
 * ({@code server.servlet.context-path}, {@code spring.mvc.servlet.path}) or WebFlux's {@code spring.webflux.base-path},
 * and the files of its static resource folders. Only the actuator's paths are claimed when the controllers cannot all
 * be read: none found, a module of a larger build whose sibling it depends on declares controllers, configuration
 * drydock does not apply (an inactive profile's or a config server's that moves the paths, a placeholder); functional
 * routers, servlets, and libraries that serve paths of their own leave theirs (or every path) undetermined.
 */
final class SpringRoutes {

    /** Libraries serving paths of their own under the application's root, by coordinates prefix: the paths. */
    private static final Map<String, List<String>> LIBRARY_ROUTES = Map.ofEntries(
            Map.entry("org.springdoc:", List.of("/v3/api-docs", "/swagger-ui", "/swagger-ui.html", "/webjars")),
            Map.entry("io.springfox:", List.of("/v2/api-docs", "/v3/api-docs", "/swagger-ui", "/swagger-ui.html",
                    "/swagger-resources", "/webjars")),
            Map.entry("org.webjars", List.of("/webjars")),
            Map.entry("org.springframework.boot:spring-boot-starter-security", List.of("/login", "/logout")),
            Map.entry("org.springframework.boot:spring-boot-starter-oauth2-client", List.of("/login", "/oauth2")),
            Map.entry("org.springframework.boot:spring-boot-starter-graphql", List.of("/graphql", "/graphiql")),
            Map.entry("org.springframework.boot:spring-boot-starter-web-services", List.of("/services")),
            Map.entry("org.springframework.cloud:spring-cloud-starter-netflix-hystrix-dashboard",
                    List.of("/hystrix", "/proxy.stream")),
            Map.entry("com.h2database:", List.of("/h2-console")),
            Map.entry("com.github.xiaoymin:", List.of("/doc.html", "/webjars", "/v2/api-docs", "/v3/api-docs",
                    "/swagger-resources")),
            Map.entry("com.alibaba:druid", List.of("/druid")));
    /** Libraries that may serve any path (a gateway, a server of their own, resources from other frameworks). */
    private static final List<String> ANY_PATH = List.of("org.springframework.boot:spring-boot-starter-data-rest",
            "org.springframework.data:spring-data-rest", "org.springframework.boot:spring-boot-starter-jersey",
            "org.springframework.cloud:spring-cloud-starter-gateway", "org.springframework.cloud:spring-cloud-gateway",
            "org.springframework.cloud:spring-cloud-netflix-eureka-server",
            "org.springframework.cloud:spring-cloud-starter-netflix-eureka-server",
            "org.springframework.cloud:spring-cloud-config-server",
            "org.springframework.cloud:spring-cloud-starter-netflix-zuul",
            "org.springframework.cloud:spring-cloud-function-web",
            "org.springframework.cloud:spring-cloud-starter-function-web",
            "org.springframework.boot:spring-boot-starter-oauth2-authorization-server",
            "org.springframework.security:spring-security-oauth2-authorization-server", "de.codecentric:spring-boot-admin",
            "com.vaadin:", "dev.hilla:", "com.vaadin.hilla:", "org.apache.camel", "org.joinfaces:",
            "org.apache.cxf:", "org.glassfish.jersey");
    /** Configuration from elsewhere (a config server, a mounted file) that may move every path. */
    private static final List<String> REMOTE_CONFIG = List.of("org.springframework.cloud:spring-cloud-starter-config",
            "org.springframework.cloud:spring-cloud-config-client", "org.springframework.cloud:spring-cloud-starter-consul-config",
            "org.springframework.cloud:spring-cloud-starter-vault-config",
            "org.springframework.cloud:spring-cloud-starter-kubernetes", "com.alibaba.cloud:spring-cloud-starter-alibaba-nacos-config",
            "org.springframework.cloud:spring-cloud-starter-bootstrap", "org.springframework.cloud:spring-cloud-starter-aws-parameter-store-config",
            "io.awspring.cloud:");
    private static final List<String> MOVING_VARIABLES = List.of("SPRING_CONFIG_LOCATION",
            "SPRING_CONFIG_ADDITIONAL_LOCATION", "SPRING_CONFIG_IMPORT", "SPRING_APPLICATION_JSON", "SPRING_CONFIG_NAME",
            "SPRING_CLOUD_CONFIG_URI");
    /** Keys that move the application's paths. */
    private static final Pattern MOVING_KEY = Pattern.compile(
            "(?i)(context[-_.]?path|servlet[-_.]?path|base[-_.]?path|static[-_.]?path[-_.]?pattern|static[-_.]?locations"
                    + "|config\\.import|config\\.location)");
    /** Code that serves paths the controllers' annotations do not tell. */
    private static final Pattern ROUTER_CODE = Pattern.compile("\\bRouterFunction\\b|\\bRouterFunctions\\b"
            + "|\\bcoRouter\\s*\\{|\\brouter\\s*\\{|@(?:[\\w.]+\\.)?WebServlet\\b|\\bServletRegistrationBean\\b"
            + "|\\bextends\\s+HttpServlet\\b|:\\s*HttpServlet\\s*\\(|\\bSimpleUrlHandlerMapping\\b"
            + "|\\bimplements\\s+[\\w.,\\s]*\\bHandlerMapping\\b|@(?:[\\w.]+\\.)?ServletComponentScan\\b"
            + "|@(?:[\\w.]+\\.)?(?:ApplicationPath|Path)\\s*\\(|\\bIntegrationFlow\\b|\\bHttp\\.inbound");
    /** A registration of a path in configuration code: a view controller, a resource handler, a WebSocket endpoint. */
    private static final Pattern REGISTERED = Pattern.compile(
            "\\.(addViewController|addRedirectViewController|addStatusController|addResourceHandler|addEndpoint"
                    + "|addHandler)\\s*\\(");
    /** A servlet filter or interceptor, which may answer a request before any controller. */
    private static final Pattern FILTER = Pattern.compile("\\b(OncePerRequestFilter|GenericFilterBean|WebFilter"
            + "|HandlerInterceptor|HandlerInterceptorAdapter|AbstractGatewayFilterFactory)\\b|\\bimplements\\s+[\\w.,\\s]*"
            + "\\bFilter\\b|:\\s*Filter\\b");
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\\\n]*)\"");
    private static final Pattern HEALTH_WORD = Pattern.compile("(?i)health\\w*|ping|status|alive|live\\w*|ready\\w*");
    private static final Pattern HEALTH_LIBRARY = Pattern.compile("(?i)health|actuator|monitor|probe");
    /** A build that builds a frontend into the application (frontend-maven-plugin, the Gradle node plugin...). */
    private static final Pattern FRONTEND_BUILD = Pattern.compile(
            "frontend-maven-plugin|com\\.github\\.node-gradle|com\\.github\\.eirslett|com\\.moowork\\.node"
                    + "|npm\\s+run\\s+build|/static\\b|\\bnpmInstall\\b|\\bnpm_run_build\\b");
    private static final List<String> STATIC_FOLDERS = List.of("static", "public", "resources", "META-INF/resources");
    /** The endpoints of Spring Boot 1's actuator, served at the root (management.context-path) rather than /actuator. */
    private static final List<String> BOOT1_ENDPOINTS = List.of("health", "info", "metrics", "env", "beans",
            "mappings", "trace", "dump", "autoconfig", "configprops", "loggers", "auditevents", "heapdump", "jolokia",
            "shutdown", "flyway", "liquibase", "logfile", "actuator");
    private static final Pattern BOOT_MAJOR = Pattern.compile("(?s)(?:spring-boot-starter-parent|spring-boot-dependencies"
            + "|spring-boot-maven-plugin)</artifactId>\\s*<version>\\s*(\\d+)\\.|org\\.springframework\\.boot['\"]?\\)?"
            + "\\s*version\\s*['\"](\\d+)\\.|springBootVersion\\s*=\\s*['\"](\\d+)\\.");

    private SpringRoutes() {}

    /**
     * The routes, or {@link Routes#unknown()} when the project is no Spring Boot application; the actuator's alone when
     * the controllers cannot be read.
     */
    static Routes routes(SpringModule module, SpringConfig props, SourceSet files, SourceSet context, String dir,
            Map<String, String> env) {
        Routes actuator = SpringActuator.routes(module, props);
        if (!module.servesWeb() || movedElsewhere(module, props, env)) {
            return actuator;
        }
        Map<String, String> sources = module.sources(dir, context);
        JvmControllers.Found found = sources == null ? null
                : JvmControllers.read(sources, JvmControllers.Style.SPRING, Framework.SPRING_BOOT);
        if (found == null || !found.read() || found.routes().isEmpty() && found.opaque().isEmpty()) {
            return actuator; // a controller of a library may serve any path: only the actuator's are known
        }
        String folder = module.dir();
        String prefix = prefix(props);
        if (prefix == null || props.keys().stream().anyMatch(k -> k.startsWith("spring.config.import")
                || k.startsWith("spring.config.location") || k.startsWith("spring.config.additional-location")
                || k.startsWith("spring.cloud.config"))) {
            return actuator;
        }
        List<Route> routes = new ArrayList<>(actuator.all());
        List<String> opaque = new ArrayList<>(actuator.opaquePrefixes());
        for (Route r : found.routes()) {
            routes.add(new Route(r.method(), PythonApps.join(prefix, r.path()), false, r.file(), r.line(), r.handler(),
                    r.framework()));
        }
        found.opaque().forEach(p -> opaque.add(PythonApps.join(prefix, p)));
        opaque.add(PythonApps.join(prefix, props.first("/error", "server.error.path")));
        String actuatorBase = actuator.coveredPrefixes().isEmpty() ? "/actuator" : actuator.coveredPrefixes().get(0);
        JvmControllers.endpointIds(sources).forEach(id -> opaque.add(PythonApps.join(actuatorBase, id)));
        if (module.hasActuator() && bootMajor(module, files) < 2) {
            String legacy = PythonApps.join(prefix, props.first("/", "management.context-path"));
            BOOT1_ENDPOINTS.forEach(e -> opaque.add(PythonApps.join(legacy, e)));
        }
        for (Dependency d : module.dependencies()) {
            String name = d.name().toLowerCase(Locale.ROOT);
            LIBRARY_ROUTES.forEach((library, paths) -> {
                if (name.startsWith(library)) {
                    paths.forEach(p -> opaque.add(PythonApps.join(prefix, p)));
                }
            });
            if (ANY_PATH.stream().anyMatch(name::startsWith) || !name.startsWith("org.springframework")
                    && name.contains("starter") && HEALTH_LIBRARY.matcher(name.substring(name.indexOf(':') + 1)).find()) {
                opaque.add("/");
            }
        }
        codeRoutes(sources, prefix, opaque);
        staticFiles(folder, files, prefix, props, routes, opaque);
        String root = prefix.equals("/") || props.has("management.server.port") ? null : prefix;
        Routes read = new Routes(true, routes, opaque, List.of(), root).withStaticFiles();
        return actuator.healthModulePath().map(read::withHealthModule).orElse(read);
    }

    /**
     * The path the controllers are under: the context path and the dispatcher servlet's path, or WebFlux's base path;
     * null when one is a placeholder.
     */
    private static String prefix(SpringConfig props) {
        String context = props.first("", SpringActuator.CONTEXT_PATH);
        String servlet = props.first("", SpringActuator.SERVLET_PATH);
        String webflux = props.first("", SpringActuator.WEBFLUX_BASE_PATH);
        if ((context + servlet + webflux).contains("${")) {
            return null;
        }
        String p = PythonApps.join(PythonApps.join("/", context), servlet.replaceAll("/\\*+$", ""));
        p = PythonApps.join(p, webflux);
        p = p.startsWith("/") ? p : "/" + p;
        return p.length() > 1 && p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
    }

    /**
     * Whether the paths may be moved by configuration drydock does not read: a config server or import, a config file
     * the environment names, a profile's file or a later YAML document that sets a path key.
     */
    private static boolean movedElsewhere(SpringModule module, SpringConfig props, Map<String, String> env) {
        if (module.dependencies().stream().map(d -> d.name().toLowerCase(Locale.ROOT))
                .anyMatch(n -> REMOTE_CONFIG.stream().anyMatch(n::startsWith))) {
            return true;
        }
        for (String k : env.keySet()) {
            String variable = k.toUpperCase(Locale.ROOT).replace("-", "").replace('.', '_');
            if (MOVING_VARIABLES.contains(variable) || variable.startsWith("SPRING_CONFIG_")) {
                return true;
            }
        }
        return props.mayBeSetElsewhere(MOVING_KEY);
    }

    /**
     * Paths served by code the annotations do not tell: functional routers and servlets (every path), the literal
     * paths that configuration code registers and that filters and interceptors name.
     */
    private static void codeRoutes(Map<String, String> sources, String prefix, List<String> opaque) {
        for (String text : sources.values()) {
            if (ROUTER_CODE.matcher(text).find()) {
                opaque.add("/");
            }
            Matcher registered = REGISTERED.matcher(text);
            while (registered.find()) {
                int close = KotlinText.matching(text, registered.end() - 1);
                List<String> args = close < 0 ? List.of() : KotlinText.arguments(text.substring(registered.end(), close));
                boolean read = !args.isEmpty();
                for (String arg : args) {
                    String path = JvmControllers.literal(arg);
                    if (path == null) {
                        read = false;
                    } else {
                        opaque.add(PythonApps.join(prefix, fixedPart(path)));
                    }
                }
                if (!read) {
                    opaque.add("/");
                }
            }
            if (FILTER.matcher(text).find()) {
                Matcher s = STRING.matcher(text);
                while (s.find()) {
                    String value = s.group(1);
                    if (value.startsWith("/")) {
                        opaque.add(fixedPart(value));
                        opaque.add(PythonApps.join(prefix, fixedPart(value)));
                    } else if (HEALTH_WORD.matcher(value).matches()) {
                        opaque.add("/"); // a filter that may answer a health path it matches in its own way
                    }
                }
            }
        }
    }

    /** The part of a path pattern before its first wildcard or variable. */
    private static String fixedPart(String path) {
        int cut = path.length();
        for (char c : new char[] {'*', '{', '?'}) {
            int i = path.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        String p = path.substring(0, cut);
        return p.isEmpty() ? "/" : p;
    }

    /**
     * The files of the static resource folders, served from the root (or under spring.mvc.static-path-pattern): each
     * file a route, index.html also for its folder. A resource location set elsewhere leaves every path open.
     */
    private static void staticFiles(String module, SourceSet files, String prefix, SpringConfig props,
            List<Route> routes, List<String> opaque) {
        if (props.keys().stream().anyMatch(k -> k.matches(".*static[-_.]?locations.*"))) {
            opaque.add("/");
            return;
        }
        String pattern = props.first("/", "spring.mvc.static-path-pattern",
                "spring.webflux.static-path-pattern");
        String base = PythonApps.join(prefix, fixedPart(pattern));
        String welcome = welcomePage(module, files);
        if (welcome != null) {
            routes.add(new Route("GET", prefix, false, welcome, 1, Handler.unknown(null, welcome, 1),
                    Framework.SPRING_BOOT));
        }
        for (String folder : STATIC_FOLDERS) {
            String dir = PathNames.join(module, "src/main/resources/" + folder);
            for (String p : files.paths()) {
                if (!PathNames.isUnder(p, dir)) {
                    continue;
                }
                String relative = p.substring(dir.length() + 1);
                String path = PythonApps.join(base, relative);
                routes.add(new Route("GET", path, false, p, 1, Handler.unknown(null, p, 1), Framework.SPRING_BOOT));
                if (relative.endsWith("index.html")) {
                    String folderPath = PythonApps.join(base, relative.substring(0, relative.length() - 10));
                    routes.add(new Route("GET", folderPath, false, p, 1, Handler.unknown(null, p, 1),
                            Framework.SPRING_BOOT));
                }
            }
        }
    }

    /**
     * What serves the welcome page at the root: an index.html of a static folder or an index template (files the
     * project lists only as sources, so read by name), or the build file when it builds a frontend (whose files land
     * in a static folder at build time); null when there is none.
     */
    private static String welcomePage(String module, SourceSet files) {
        for (String folder : STATIC_FOLDERS) {
            String index = PathNames.join(module, "src/main/resources/" + folder + "/index.html");
            if (files.read(index).isPresent()) {
                return index;
            }
        }
        for (String template : List.of("index.html", "index.ftlh", "index.ftl", "index.mustache", "index.jte")) {
            String index = PathNames.join(module, "src/main/resources/templates/" + template);
            if (files.read(index).isPresent()) {
                return index;
            }
        }
        for (String build : List.of("pom.xml", "build.gradle", "build.gradle.kts")) {
            String path = PathNames.join(module, build);
            if (files.read(path).map(f -> FRONTEND_BUILD.matcher(f.text()).find()).orElse(false)) {
                return path;
            }
        }
        return null;
    }

    /** The major release of Spring Boot the build uses, 0 when it cannot be told. */
    private static int bootMajor(SpringModule module, SourceSet files) {
        String text = files.read(module.build().file()).map(f -> f.text()).orElse("");
        for (Manifest parent : module.parents()) {
            text += files.read(parent.file()).map(f -> f.text()).orElse("");
        }
        Matcher m = BOOT_MAJOR.matcher(text);
        while (m.find()) {
            for (int g = 1; g <= 3; g++) {
                if (m.group(g) != null) {
                    return Integer.parseInt(m.group(g));
                }
            }
        }
        return 0;
    }
}
