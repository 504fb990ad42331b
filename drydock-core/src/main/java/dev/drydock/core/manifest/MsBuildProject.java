package dev.drydock.core.manifest;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import dev.drydock.core.source.Span;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A .NET MSBuild project ({@code *.csproj}, {@code *.fsproj}, {@code *.vbproj}) or
 * {@code Directory.Packages.props}, read with StAX (DTDs and external entities off) only as far as
 * its NuGet packages: every {@code PackageReference} of a project, every {@code PackageVersion} of
 * central package management, each with its element's span, the {@code Include} paths of its
 * {@code ProjectReference} items, plus the {@code packages.lock.json} beside it. Conditions and imported
 * files are not evaluated.
 */
public final class MsBuildProject {

    /**
     * One package item.
     *
     * @param name the package id ({@code Include}, or {@code Update} when the item only updates one)
     * @param version the {@code Version} attribute or element as written; "" when the version is
     *     managed centrally
     * @param privateAssets whether {@code PrivateAssets="all"} keeps it to the build (analyzers,
     *     design-time tools)
     */
    public record PackageItem(String name, String version, boolean privateAssets, Span span) {

        /**
         * Whether one version is chosen: NuGet takes the lowest version a plain {@code 1.2.3} allows, so
         * a plain or exact ({@code [1.2.3]}) version is pinned; floating versions ({@code 1.*}) and
         * ranges are not.
         */
        public boolean isPinned() {
            String v = version.trim();
            if (v.isEmpty() || v.contains("*") || v.contains("$(")) {
                return false;
            }
            return !v.startsWith("[") && !v.startsWith("(") || v.startsWith("[") && v.endsWith("]") && !v.contains(",");
        }
    }

    private static final Set<String> PROJECT_EXTENSIONS = Set.of("csproj", "fsproj", "vbproj");

    private final SourceFile file;
    private final List<PackageItem> packages;
    private final List<String> projectReferences;
    private final Set<LockFile> lockFiles;
    private final List<Diagnostic> diagnostics;

    private MsBuildProject(SourceFile file, List<PackageItem> packages, List<String> projectReferences,
            Set<LockFile> lockFiles, List<Diagnostic> diagnostics) {
        this.file = file;
        this.packages = List.copyOf(packages);
        this.projectReferences = List.copyOf(projectReferences);
        this.lockFiles = java.util.Collections.unmodifiableSet(new java.util.LinkedHashSet<>(lockFiles));
        this.diagnostics = List.copyOf(diagnostics);
    }

    /** Whether a file name (last path element) is a .NET project file. */
    public static boolean isProjectFileName(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 && PROJECT_EXTENSIONS.contains(name.substring(dot + 1).toLowerCase(Locale.ROOT));
    }

    /**
     * Reads a project or props file; {@code siblings} are the names in its folder (for packages.lock.json).
     *
     * @throws SourceException when the file is not well-formed XML (positioned)
     */
    public static MsBuildProject parse(SourceFile file, Collection<String> siblings) {
        List<PackageItem> packages = new ArrayList<>();
        List<String> references = new ArrayList<>();
        XMLInputFactory factory = XMLInputFactory.newFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false);
        XMLStreamReader xml = null;
        String name = null;
        String version = null;
        boolean privateAssets = false;
        int start = 0;
        String child = null;
        StringBuilder text = new StringBuilder();
        try {
            xml = factory.createXMLStreamReader(new StringReader(file.text().substring(file.contentStart())));
            while (xml.hasNext()) {
                int event = xml.next();
                if (event == XMLStreamConstants.START_ELEMENT) {
                    String element = xml.getLocalName();
                    if (element.equals("ProjectReference")) {
                        String include = attribute(xml, "Include");
                        if (include != null && !include.isBlank()) {
                            references.add(include.strip().replace('\\', '/'));
                        }
                    } else if (name == null && (element.equals("PackageReference") || element.equals("PackageVersion"))) {
                        name = attribute(xml, "Include");
                        name = name == null ? attribute(xml, "Update") : name;
                        if (name == null) {
                            continue;
                        }
                        version = attribute(xml, "Version");
                        privateAssets = "all".equalsIgnoreCase(attribute(xml, "PrivateAssets"));
                        int after = offset(file, xml.getLocation());
                        start = Math.max(0, file.text().lastIndexOf('<', Math.max(0, after - 1)));
                    } else if (name != null) {
                        child = element;
                        text.setLength(0);
                    }
                } else if (event == XMLStreamConstants.CHARACTERS && child != null) {
                    text.append(xml.getText());
                } else if (event == XMLStreamConstants.END_ELEMENT && name != null) {
                    String element = xml.getLocalName();
                    if (element.equals(child)) {
                        if (child.equals("Version") && version == null) {
                            version = text.toString().trim();
                        } else if (child.equals("PrivateAssets")) {
                            privateAssets |= text.toString().trim().equalsIgnoreCase("all");
                        }
                        child = null;
                    } else if (element.equals("PackageReference") || element.equals("PackageVersion")) {
                        int end = offset(file, xml.getLocation());
                        packages.add(new PackageItem(name, version == null ? "" : version, privateAssets,
                                file.span(start, Math.max(start, end))));
                        name = null;
                        version = null;
                        privateAssets = false;
                    }
                }
            }
        } catch (XMLStreamException e) {
            Location loc = e.getLocation();
            String message = String.valueOf(e.getMessage());
            int cut = message.indexOf("Message: ");
            throw new SourceException(file.path(), loc == null ? 0 : Math.max(0, loc.getLineNumber()),
                    loc == null ? 0 : Math.max(0, loc.getColumnNumber()),
                    "invalid XML: " + (cut >= 0 ? message.substring(cut + 9) : message).trim(), e);
        } finally {
            if (xml != null) {
                try {
                    xml.close();
                } catch (XMLStreamException ignored) {
                    // nothing more to read
                }
            }
        }
        return new MsBuildProject(file, packages, references, LockFile.among(siblings, Ecosystem.NUGET), List.of());
    }

    private static String attribute(XMLStreamReader xml, String name) {
        for (int i = 0; i < xml.getAttributeCount(); i++) {
            if (xml.getAttributeLocalName(i).equals(name)) {
                return xml.getAttributeValue(i);
            }
        }
        return null;
    }

    private static int offset(SourceFile file, Location loc) {
        int line = Math.max(1, loc.getLineNumber());
        if (line > file.lineCount()) {
            return file.text().length();
        }
        int base = file.lineStart(line) + (line == 1 ? file.contentStart() : 0);
        return Math.min(file.lineEnd(line) + (line < file.lineCount() ? 1 : 0),
                base + Math.max(0, loc.getColumnNumber() - 1));
    }

    public SourceFile file() {
        return file;
    }

    /** The PackageReference (project) or PackageVersion (props) items, in file order. */
    public List<PackageItem> packages() {
        return packages;
    }

    /**
     * The paths of the projects it references ({@code ProjectReference Include}), relative to its folder with '/'
     * as separator ({@code ../Core/Core.csproj}), as written (MSBuild properties in them are not expanded).
     */
    public List<String> projectReferences() {
        return projectReferences;
    }

    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    /** The common view, as a project file or as {@code Directory.Packages.props}. */
    public Manifest toManifest(ManifestKind kind) {
        List<Dependency> deps = new ArrayList<>();
        for (PackageItem p : packages) {
            deps.add(new Dependency(p.name(), Ecosystem.NUGET.normalize(p.name()), p.version(), p.isPinned(),
                    p.privateAssets() ? Scope.BUILD : Scope.MAIN, null, p.span()));
        }
        return new Manifest(Ecosystem.NUGET, kind, file.path(), deps, lockFiles, diagnostics);
    }
}
