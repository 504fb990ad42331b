package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.entrypoint.Target;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.project.Container;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Java application servers a container may start instead of the application itself: Tomcat's catalina.sh, WildFly's
 * standalone.sh, Payara's and GlassFish's launchers, Jetty's start.jar, Open Liberty's server script. They deploy the
 * web archives copied into them under a context path named after the archive (app.war at /app, ROOT.war at /) and
 * listen on the ports of their own configuration, so the application's embedded-server settings (Spring Boot's
 * server.port and context path) do not apply and its routes are not where its sources put them.
 */
final class JavaAppServers {

    private static final Set<String> LAUNCHERS = Set.of("catalina.sh", "catalina", "standalone.sh", "domain.sh",
            "startInForeground.sh", "asadmin", "docker-server.sh");
    private static final Set<String> LAUNCHER_JARS = Set.of("start.jar", "payara-micro.jar", "glassfish.jar");
    /** Images whose own command starts such a server, which a Dockerfile that sets none keeps. */
    private static final Map<String, JavaAppServer> SERVER_IMAGES = Map.ofEntries(
            Map.entry("tomcat", JavaAppServer.TOMCAT), Map.entry("tomee", JavaAppServer.TOMCAT),
            Map.entry("jetty", JavaAppServer.JETTY), Map.entry("open-liberty", JavaAppServer.LIBERTY),
            Map.entry("websphere-liberty", JavaAppServer.LIBERTY),
            Map.entry("icr.io/appcafe/open-liberty", JavaAppServer.LIBERTY),
            Map.entry("icr.io/appcafe/websphere-liberty", JavaAppServer.LIBERTY),
            Map.entry("payara/server-full", JavaAppServer.PAYARA_SERVER),
            Map.entry("payara/server-web", JavaAppServer.PAYARA_SERVER),
            Map.entry("payara/micro", JavaAppServer.PAYARA_MICRO),
            Map.entry("quay.io/wildfly/wildfly", JavaAppServer.WILDFLY), Map.entry("jboss/wildfly", JavaAppServer.WILDFLY));

    private JavaAppServers() {}

    /** Whether the container's command starts an application server rather than the application. */
    static boolean starts(Container container, EntryPoint ep) {
        if (ep == null) {
            return imageServer(container) != null && container.command() == null;
        }
        String value = value(ep);
        if (value == null) {
            return false;
        }
        String name = PathNames.fileName(value);
        if (ep.target().kind() == Target.Kind.FILE && LAUNCHER_JARS.contains(name)) {
            return true;
        }
        return LAUNCHERS.contains(name) || liberty(ep);
    }

    /** The server the container starts, when drydock knows its stock setup; null otherwise. */
    static JavaAppServer server(Container container, EntryPoint ep) {
        if (ep == null) {
            return imageServer(container);
        }
        String name = PathNames.fileName(value(ep) == null ? "" : value(ep));
        return switch (name) {
            case "catalina.sh", "catalina" -> JavaAppServer.TOMCAT;
            case "standalone.sh" -> JavaAppServer.WILDFLY;
            case "startInForeground.sh", "asadmin" -> JavaAppServer.PAYARA_SERVER;
            case "docker-server.sh" -> JavaAppServer.LIBERTY;
            case "start.jar" -> JavaAppServer.JETTY;
            case "payara-micro.jar" -> JavaAppServer.PAYARA_MICRO;
            default -> liberty(ep) ? JavaAppServer.LIBERTY : null;
        };
    }

    private static JavaAppServer imageServer(Container container) {
        return container != null && container.build() != null && container.build().stage() != null
                && container.build().stage().base() instanceof BaseImage.External base && base.reference() != null && base.reference().isImage()
                ? SERVER_IMAGES.get(base.reference().familiarName()) : null;
    }

    /** Open Liberty's and WebSphere Liberty's /opt/ol/wlp/bin/server run defaultServer. */
    private static boolean liberty(EntryPoint ep) {
        String value = value(ep);
        return value != null && PathNames.fileName(value).equals("server") && value.contains("wlp/")
                && List.of("run", "start").stream().anyMatch(ep.args()::contains);
    }

    /**
     * The ports the server listens on with the stock configuration of its image, the HTTP one first; empty for
     * other servers and when the image brings configuration of its own that may move them.
     */
    static List<ServerCall> listeners(Container container, EntryPoint ep, SourceSet context) {
        JavaAppServer server = server(container, ep);
        BuildLink build = container.build();
        if (server == null || build == null || build.model() == null || movedByCommand(server, ep)) {
            return List.of();
        }
        for (Stage stage : build.model().stages()) {
            for (CopyCommand copy : stage.copies()) {
                if (configures(server, copy)) {
                    return List.of();
                }
            }
        }
        if (server == JavaAppServer.LIBERTY) {
            return libertyListeners(build, ep, context);
        }
        List<Integer> ports = server.ports();
        if (server == JavaAppServer.PAYARA_MICRO && ep != null && ep.args().contains("--port")) {
            int at = ep.args().indexOf("--port");
            String port = at + 1 < ep.args().size() ? ep.args().get(at + 1) : "";
            if (!port.matches("\\d{1,5}")) {
                return List.of();
            }
            ports = List.of(Integer.parseInt(port), 6900);
        }
        return calls(server, "the " + server.display() + " image's own configuration", ports, null, 0, null);
    }

    private static List<ServerCall> calls(JavaAppServer server, String where, List<Integer> ports, String file, int line,
            String written) {
        String connector = server == JavaAppServer.TOMCAT ? "Tomcat's HTTP connector (conf/server.xml of the tomcat image)"
                : server.display() + " (" + where + ")";
        List<ServerCall> out = new ArrayList<>();
        for (int port : ports) {
            String text = server == JavaAppServer.TOMCAT ? "<Connector port=\"" + port + "\">"
                    : written != null ? written : String.valueOf(port);
            out.add(new ServerCall(connector, text, false, false, file, line, null, port, String.valueOf(port), null,
                    null, null, null));
        }
        return out;
    }

    /** Liberty's ports: those of the server.xml the image copies into /config, else the image's 9080 and 9443. */
    private static List<ServerCall> libertyListeners(BuildLink build, EntryPoint ep, SourceSet context) {
        LibertyServerXml xml = DeployedArchives.libertyServerXml(build, context, ep == null ? Map.of() : ep.environment())
                .orElse(null);
        if (xml == null) {
            return DeployedArchives.copiesLibertyServerXml(build) ? List.of()
                    : calls(JavaAppServer.LIBERTY, "the image's defaultServer", JavaAppServer.LIBERTY.ports(), null, 0,
                            null);
        }
        List<Integer> ports = xml.includes() ? null : xml.ports().orElse(null);
        if (ports == null) {
            return List.of();
        }
        int line = xml.endpointLine();
        return calls(JavaAppServer.LIBERTY, line == 0 ? "the defaults of " + xml.file().path()
                : "httpEndpoint in " + xml.file().path(), ports, line == 0 ? null : xml.file().path(), line,
                line == 0 ? null : "httpPort=\"" + xml.httpPortText() + "\"");
    }

    /** Whether the command moves the server's ports: a system property or option drydock does not follow. */
    private static boolean movedByCommand(JavaAppServer server, EntryPoint ep) {
        if (ep == null) {
            return false;
        }
        List<String> words = new ArrayList<>(ep.args());
        words.addAll(ep.options().keySet());
        return words.stream().anyMatch(w -> w.contains("jetty.http.port") || w.contains("jboss.http.port")
                || w.contains("port-offset") || w.equals("-c") || w.startsWith("--server-config")
                || server == JavaAppServer.PAYARA_MICRO && (w.equals("--autobindhttp") || w.equals("--nohttp")
                        || w.equals("--domainconfig") || w.equals("--rootdir")));
    }

    /** Whether a COPY brings configuration that may move the server's ports. */
    private static boolean configures(JavaAppServer server, CopyCommand copy) {
        String destination = copy.containerPath() == null ? "" : copy.containerPath();
        return switch (server) {
            case TOMCAT -> destination.contains("/conf") || copy.sources().stream().anyMatch(s -> s.endsWith("server.xml"));
            case JETTY -> destination.contains("start.d") || destination.contains("start.ini")
                    || destination.contains("/etc") || copy.sources().stream().anyMatch(s -> s.endsWith(".ini"));
            case WILDFLY -> destination.contains("/configuration")
                    || copy.sources().stream().anyMatch(s -> PathNames.fileName(s).matches("standalone.*\\.xml"));
            case PAYARA_SERVER -> destination.contains("/opt/payara/config") || destination.contains("/config/")
                    && destination.contains("domain") || copy.sources().stream().anyMatch(s -> s.endsWith("domain.xml")
                            || s.endsWith(".asadmin"));
            case PAYARA_MICRO -> copy.sources().stream().anyMatch(s -> s.endsWith("domain.xml"));
            case LIBERTY -> destination.contains("configDropins") || destination.endsWith("bootstrap.properties")
                    || destination.endsWith("server.env");
        };
    }

    private static String value(EntryPoint ep) {
        if (ep.target() == null) {
            return null;
        }
        return ep.target().path() != null ? ep.target().path() : ep.target().value();
    }
}
