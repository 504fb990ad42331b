package dev.drydock.core.app;

import java.util.List;

/**
 * A Java application server drydock knows the stock setup of: the ports its official image listens on, where it
 * deploys the web archives copied into it, the deployment descriptor that may rename an archive's context root, and
 * the paths it serves itself beside the archives (a welcome page at {@code /}, MicroProfile Health and Metrics).
 */
enum JavaAppServer {
    /** The tomcat image: conf/server.xml's connector on 8080, an empty webapps folder. */
    TOMCAT("Tomcat", List.of(8080), List.of("/webapps"), null, false, List.of()),
    /** The jetty image: jetty.http.port 8080, webapps under JETTY_BASE (/var/lib/jetty). */
    JETTY("Jetty", List.of(8080), List.of("/webapps"), null, false, List.of()),
    /** WildFly's standalone.xml: HTTP on 8080, management on 9990 (health, metrics), its welcome content at /. */
    WILDFLY("WildFly", List.of(8080, 9990), List.of("/standalone/deployments"), "jboss-web.xml", true,
            List.of("/health", "/metrics", "/management", "/console")),
    /**
     * payara/server-full and server-web: HTTP 8080, HTTPS 8181, admin 4848; the docroot's index page at /, and
     * MicroProfile Health, Metrics and OpenAPI on the HTTP listener.
     */
    PAYARA_SERVER("Payara Server", List.of(8080, 8181, 4848), List.of("/opt/payara/deployments", "/autodeploy"),
            "glassfish-web.xml", true, List.of("/health", "/metrics", "/openapi", "/management")),
    /** payara/micro: HTTP 8080 and the data grid's 6900; MicroProfile endpoints as Payara Server. */
    PAYARA_MICRO("Payara Micro", List.of(8080, 6900), List.of("/opt/payara/deployments"), null, false,
            List.of("/health", "/metrics", "/openapi")),
    /**
     * Open Liberty and WebSphere Liberty: the defaultHttpEndpoint's 9080 and 9443, dropins named after the archive,
     * apps/ as server.xml declares them; a welcome page at / and the paths of MicroProfile features.
     */
    LIBERTY("Liberty", List.of(9080, 9443), List.of("/config/dropins", "/servers/defaultServer/dropins",
            "/config/apps", "/servers/defaultServer/apps"), null, true,
            List.of("/health", "/metrics", "/openapi", "/ibm"));

    private final String display;
    private final List<Integer> ports;
    private final List<String> deployDirs;
    private final String descriptor;
    private final boolean welcomePage;
    private final List<String> ownPaths;

    JavaAppServer(String display, List<Integer> ports, List<String> deployDirs, String descriptor, boolean welcomePage,
            List<String> ownPaths) {
        this.display = display;
        this.ports = ports;
        this.deployDirs = deployDirs;
        this.descriptor = descriptor;
        this.welcomePage = welcomePage;
        this.ownPaths = ownPaths;
    }

    String display() {
        return display;
    }

    /** The ports of the official image's stock configuration, the HTTP one first. */
    List<Integer> ports() {
        return ports;
    }

    /** Whether a folder (a container path without trailing slash) is one the server deploys archives from. */
    boolean deploysFrom(String dir) {
        return deployDirs.stream().anyMatch(dir::endsWith);
    }

    /** Whether archives in {@code dir} deploy only when server.xml declares them (Liberty's apps/). */
    boolean declaredOnly(String dir) {
        return this == LIBERTY && dir.endsWith("/apps");
    }

    /** The WEB-INF descriptor whose {@code <context-root>} replaces the archive's name, or null. */
    String descriptor() {
        return descriptor;
    }

    /** Whether the server answers {@code /} itself when no archive is deployed there. */
    boolean welcomePage() {
        return welcomePage;
    }

    /** Paths the server serves itself on some port, whatever the archives. */
    List<String> ownPaths() {
        return ownPaths;
    }
}
