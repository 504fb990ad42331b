package dev.drydock.core.app;

import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.entrypoint.EntryPoint;
import dev.drydock.core.project.BuildLink;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The context roots under which a Java application server serves the web archives the Dockerfile copies into its
 * deployment folder: the archive's name (app.war at /app, ROOT.war at /, Tomcat's a#b.war at /a/b), else what the
 * archive's WEB-INF descriptor (glassfish-web.xml, jboss-web.xml), Liberty's server.xml or Payara Micro's
 * --contextroot say. Empty when any archive's context cannot be told (a wildcard, a folder, an enterprise archive).
 */
final class DeployedArchives {

    private static final Pattern CONTEXT_ROOT = Pattern.compile("<context-root>\\s*([^<]*?)\\s*</context-root>");

    private DeployedArchives() {}

    /** The routes of the server: undetermined inside the deployed context roots, not served outside them. */
    static Routes routes(JavaAppServer server, BuildLink build, EntryPoint ep, SourceSet context) {
        if (server == null || build == null || build.stage() == null) {
            return Routes.unknown();
        }
        List<String> roots = contextRoots(server, build, ep, context);
        return roots.isEmpty() ? Routes.unknown()
                : Routes.deployedUnder(server.display(), roots, server.ownPaths(), server.welcomePage());
    }

    private static List<String> contextRoots(JavaAppServer server, BuildLink build, EntryPoint ep, SourceSet context) {
        List<String> names = new ArrayList<>();
        Map<String, String> declared = null;
        for (CopyCommand copy : build.stage().copies()) {
            String destination = copy.containerPath() == null ? "" : copy.containerPath();
            boolean archiveDestination = destination.toLowerCase(java.util.Locale.ROOT).matches(".*\\.[wej]ar");
            String dir = archiveDestination ? PathNames.parent(destination) : destination.replaceAll("/+$", "");
            if (!server.deploysFrom(dir)) {
                continue;
            }
            for (int i = 0; i < copy.sources().size(); i++) {
                String name = archiveDestination ? PathNames.fileName(destination) : PathNames.fileName(copy.sources().get(i));
                if (copy.unresolved(i) || !name.toLowerCase(java.util.Locale.ROOT).endsWith(".war")
                        || name.matches(".*[*?\\[].*")) {
                    return List.of(); // a folder, a wildcard, an enterprise archive: its context is not told here
                }
                if (server.declaredOnly(dir)) {
                    if (declared == null) {
                        LibertyServerXml xml = libertyServerXml(build, context, ep == null ? Map.of() : ep.environment())
                                .orElse(null);
                        if (xml == null || xml.includes()) {
                            return List.of();
                        }
                        declared = xml.applications();
                    }
                    if (!declared.containsKey(name) || declared.get(name) == null) {
                        return List.of();
                    }
                    names.add("=" + declared.get(name));
                } else {
                    names.add(name);
                }
            }
        }
        if (server == JavaAppServer.PAYARA_MICRO && ep != null) {
            names.addAll(microDeployments(ep));
        }
        if (names.isEmpty()) {
            return List.of();
        }
        String override = null;
        if (server == JavaAppServer.PAYARA_MICRO && ep != null && ep.args().contains("--contextroot")) {
            int at = ep.args().indexOf("--contextroot");
            override = at + 1 < ep.args().size() && names.size() == 1 ? ep.args().get(at + 1) : null;
            if (override == null) {
                return List.of();
            }
        }
        List<String> descriptors = descriptorRoots(server, context, build.context());
        if (descriptors == null || !descriptors.isEmpty() && names.size() > 1) {
            return List.of();
        }
        if (override == null && descriptors.size() == 1 && !names.get(0).startsWith("=")) {
            override = descriptors.get(0);
        }
        List<String> roots = new ArrayList<>();
        for (String name : names) {
            String root = override != null ? override : name.startsWith("=") ? name.substring(1) : fromName(server, name);
            roots.add(normalize(root));
        }
        return roots;
    }

    /** Archives Payara Micro's command deploys: {@code --deploy app.war}. */
    private static List<String> microDeployments(EntryPoint ep) {
        List<String> out = new ArrayList<>();
        List<String> args = ep.args();
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--deploy")) {
                out.add(PathNames.fileName(args.get(i + 1)));
            }
        }
        return out;
    }

    /**
     * The context roots the build context's WEB-INF descriptors for this server give; null when one cannot be read or
     * the server's descriptors are not followed (Payara Micro's glassfish-web.xml, Jetty's jetty-web.xml, Liberty's
     * ibm-web-ext.xml).
     */
    private static List<String> descriptorRoots(JavaAppServer server, SourceSet context, String dir) {
        List<String> out = new ArrayList<>();
        List<String> paths = new ArrayList<>(context.paths());
        for (String descriptor : java.util.Arrays.asList(server.descriptor(), "jetty-web.xml", "ibm-web-ext.xml",
                "glassfish-web.xml")) {
            String conventional = PathNames.normalizeRelative((dir.isEmpty() ? "" : dir + "/")
                    + "src/main/webapp/WEB-INF/" + descriptor);
            if (descriptor != null && !paths.contains(conventional) && context.read(conventional).isPresent()) {
                paths.add(conventional);
            }
        }
        for (String path : paths) {
            if (!path.contains("WEB-INF/") || path.contains("/target/") || path.contains("/build/")) {
                continue;
            }
            String name = PathNames.fileName(path);
            if (name.equals(server.descriptor())) {
                String text = context.read(path).map(SourceFile::text).orElse(null);
                if (text == null) {
                    return null;
                }
                Matcher m = CONTEXT_ROOT.matcher(text.replaceAll("(?s)<!--.*?-->", ""));
                if (m.find()) {
                    out.add(m.group(1));
                }
            } else if (server == JavaAppServer.JETTY && name.startsWith("jetty-")
                    || server == JavaAppServer.LIBERTY && name.startsWith("ibm-web-ext")
                    || server == JavaAppServer.PAYARA_MICRO && name.equals("glassfish-web.xml")) {
                return null;
            }
        }
        return out;
    }

    private static String fromName(JavaAppServer server, String archive) {
        String stem = archive.substring(0, archive.length() - ".war".length());
        if (stem.equals("ROOT")) {
            return "/";
        }
        return "/" + (server == JavaAppServer.TOMCAT ? stem.replace('#', '/') : stem);
    }

    private static String normalize(String root) {
        String r = root.strip();
        r = r.startsWith("/") ? r : "/" + r;
        return r.length() > 1 && r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
    }

    /** Whether the Dockerfile copies a server.xml into Liberty's configuration. */
    static boolean copiesLibertyServerXml(BuildLink build) {
        return build.stage() != null && build.stage().copies().stream().anyMatch(DeployedArchives::libertyServerXmlCopy);
    }

    private static boolean libertyServerXmlCopy(CopyCommand copy) {
        String destination = copy.containerPath() == null ? "" : copy.containerPath();
        boolean config = destination.startsWith("/config") || destination.contains("/servers/defaultServer");
        return config && (destination.endsWith("/server.xml")
                || destination.endsWith("/") && copy.sources().stream().anyMatch(s -> PathNames.fileName(s).equals("server.xml")));
    }

    /** The server.xml the Dockerfile copies from the build context into Liberty's configuration, read. */
    static Optional<LibertyServerXml> libertyServerXml(BuildLink build, SourceSet context, Map<String, String> env) {
        if (build.stage() == null) {
            return Optional.empty();
        }
        for (CopyCommand copy : build.stage().copies()) {
            if (!libertyServerXmlCopy(copy) || !copy.fromContext() || copy.sources().size() != 1) {
                continue;
            }
            String source = PathNames.normalizeRelative(build.context().isEmpty() ? copy.sources().get(0)
                    : build.context() + "/" + copy.sources().get(0));
            if (!source.endsWith("server.xml")) {
                return Optional.empty();
            }
            return context.read(source).map(file -> LibertyServerXml.of(file, env));
        }
        return Optional.empty();
    }
}
