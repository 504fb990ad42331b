package dev.drydock.core.rules.support;

import dev.drydock.core.dockerfile.model.CommandSpec;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Origin;
import dev.drydock.core.rules.support.BaseImageFacts.ImageTools;
import dev.drydock.core.shell.Command;
import dev.drydock.core.shell.ShellScript;
import dev.drydock.core.shell.Word;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which programs the image a container runs contains: what its base image is known to ship
 * ({@link BaseImageFacts#tools}) plus what the final stage (and the stages it is built on)
 * installs with apt, apk, dnf/yum/microdnf or zypper, minus what it removes again, plus binaries
 * copied in from other stages or images.
 */
public final class ImageContents {

    /** A program the Dockerfile puts into the image, and where. */
    public record Install(String program, String pkg, Origin origin) {}

    private final ImageTools base;
    private final String baseImage;
    private final Map<String, Install> installed;
    private final Map<String, Install> pythonPackages;

    private ImageContents(ImageTools base, String baseImage, Map<String, Install> installed,
            Map<String, Install> pythonPackages) {
        this.base = base;
        this.baseImage = baseImage;
        this.installed = installed;
        this.pythonPackages = pythonPackages;
    }

    /**
     * The contents of a container's image: built here (base image and Dockerfile), or pulled by
     * name (what the image is known to ship); null when neither can be told.
     */
    public static ImageContents of(Container container) {
        if (container.build() == null && container.image() != null) {
            var ref = dev.drydock.core.image.ImageReference.tryParse(container.image()).orElse(null);
            if (ref == null || !ref.isImage()) {
                return null;
            }
            ImageTools tools = BaseImageFacts.tools(new dev.drydock.core.dockerfile.model.BaseImage.External(
                    container.image(), container.image(), ref, null)).orElse(null);
            return new ImageContents(tools, container.image(), Map.of(), Map.of());
        }
        if (container.build() == null || container.build().stage() == null) {
            return null;
        }
        DockerfileModel model = container.build().model();
        Stage stage = container.build().stage();
        List<Stage> lineage = Stages.lineage(model, stage);
        var root = Stages.rootBase(model, stage);
        ImageTools tools = BaseImageFacts.tools(root).orElse(null);
        String written = root instanceof dev.drydock.core.dockerfile.model.BaseImage.External e ? e.expanded()
                : root instanceof dev.drydock.core.dockerfile.model.BaseImage.Scratch ? "scratch" : "its base image";
        Map<String, Install> installed = new LinkedHashMap<>();
        Map<String, Install> python = new LinkedHashMap<>();
        for (int i = lineage.size() - 1; i >= 0; i--) {
            Stage s = lineage.get(i);
            for (CommandSpec run : s.runs()) {
                model.script(run).ifPresent(script -> {
                    read(script, run, container.build().dockerfile(), installed);
                    readPip(script, run, container.build().dockerfile(), python);
                });
            }
            for (CopyCommand copy : s.copies()) {
                if (!copy.fromContext()) {
                    String dest = copy.destination();
                    for (String src : copy.sources()) {
                        String name = src.substring(src.lastIndexOf('/') + 1);
                        String destName = dest.endsWith("/") ? name : dest.substring(dest.lastIndexOf('/') + 1);
                        for (String program : List.of("curl", "wget", "grpc_health_probe")) {
                            if (destName.equals(program) || dest.endsWith("/") && name.equals(program)) {
                                installed.put(program, new Install(program, null,
                                        new Origin(container.build().dockerfile(), copy.instruction().span())));
                            }
                        }
                    }
                }
            }
        }
        // packages installed in any stage may be copied into the final one (a virtualenv, --user, wheels)
        for (Stage s : model.stages()) {
            if (!lineage.contains(s)) {
                for (CommandSpec run : s.runs()) {
                    model.script(run).ifPresent(script -> readPip(script, run, container.build().dockerfile(), python));
                }
            }
        }
        return new ImageContents(tools, written, installed, python);
    }

    /** Python packages named on {@code pip install}, {@code uv pip install}, {@code uv add}, {@code poetry add} lines. */
    private static void readPip(ShellScript script, CommandSpec run, String file, Map<String, Install> out) {
        for (Command c : script.commands()) {
            List<String> operands = c.options("-r", "--requirement", "-c", "--constraint", "-i", "--index-url",
                    "--extra-index-url", "-f", "--find-links", "-t", "--target", "--prefix", "--root", "-e",
                    "--editable", "--python", "-p").operands().stream().map(Word::value).toList();
            int from;
            if ((c.is("pip", "pip3") || c.name().matches("pip3\\.\\d+")) && !operands.isEmpty() && operands.get(0).equals("install")) {
                from = 1;
            } else if (c.is("python", "python3") && operands.size() > 2 && operands.get(0).equals("pip")
                    && operands.get(1).equals("install")) {
                from = 2;
            } else if (c.is("uv") && operands.size() > 2 && operands.get(0).equals("pip") && operands.get(1).equals("install")) {
                from = 2;
            } else if ((c.is("uv") || c.is("poetry") || c.is("pipx")) && operands.size() > 1
                    && (operands.get(0).equals("add") || operands.get(0).equals("install"))) {
                from = 1;
            } else {
                continue;
            }
            for (String spec : operands.subList(from, operands.size())) {
                String name = spec.replaceAll("[\\[<>=!~;@ ].*$", "").toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
                if (!name.isEmpty() && !name.contains("/")) {
                    out.putIfAbsent(name, new Install(name, spec, new Origin(file, run.instruction().span())));
                }
            }
        }
    }

    /** Where a Python package ({@code gunicorn}) is installed by name on a pip/uv/poetry line, if it is. */
    public Optional<Install> pythonPackage(String normalizedName) {
        return Optional.ofNullable(pythonPackages.get(normalizedName));
    }

    private static void read(ShellScript script, CommandSpec run, String file, Map<String, Install> installed) {
        Map<String, List<String>> virtual = new LinkedHashMap<>();
        for (Command c : script.commands()) {
            String name = c.name();
            String[] valueOptions = VALUE_OPTIONS.getOrDefault(name, new String[0]);
            List<String> operands = c.options(valueOptions).operands().stream().map(Word::value).toList();
            if (operands.isEmpty()) {
                continue;
            }
            String sub = operands.get(0);
            List<String> pkgs = operands.subList(1, operands.size());
            boolean install = switch (name) {
                case "apt-get", "apt", "aptitude", "yum", "dnf", "microdnf", "zypper", "tdnf" ->
                        sub.equals("install") || name.equals("zypper") && sub.equals("in");
                case "apk" -> sub.equals("add");
                default -> false;
            };
            boolean remove = switch (name) {
                case "apt-get", "apt", "aptitude", "yum", "dnf", "microdnf", "tdnf" ->
                        sub.equals("remove") || sub.equals("purge") || sub.equals("erase");
                case "apk" -> sub.equals("del");
                case "zypper" -> sub.equals("remove") || sub.equals("rm");
                default -> false;
            };
            if (install) {
                String group = name.equals("apk") ? c.options(valueOptions).value("--virtual")
                        .or(() -> c.options(valueOptions).value("-t")).orElse(null) : null;
                if (group != null) {
                    virtual.put(group, pkgs);
                }
                for (String pkg : pkgs) {
                    for (String program : programs(pkg)) {
                        installed.put(program, new Install(program, clean(pkg), new Origin(file, run.instruction().span())));
                    }
                }
            } else if (remove) {
                for (String pkg : pkgs) {
                    List<String> removed = virtual.containsKey(pkg) ? virtual.get(pkg) : List.of(pkg);
                    for (String r : removed) {
                        for (String program : programs(r)) {
                            installed.remove(program);
                        }
                    }
                }
            }
        }
    }

    private static final Map<String, String[]> VALUE_OPTIONS = Map.of(
            "apt-get", new String[] {"-o", "-t", "--target-release", "-c", "--config-file", "-a", "--host-architecture"},
            "apt", new String[] {"-o", "-t", "--target-release", "-c", "--config-file", "-a", "--host-architecture"},
            "apk", new String[] {"-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch"},
            "yum", new String[] {"--setopt", "--enablerepo", "--disablerepo", "-x", "--exclude", "--releasever", "--installroot"},
            "dnf", new String[] {"--setopt", "--enablerepo", "--disablerepo", "-x", "--exclude", "--releasever", "--installroot"},
            "microdnf", new String[] {"--setopt", "--enablerepo", "--disablerepo", "--releasever", "--installroot"},
            "zypper", new String[] {"--from", "-r", "--repo"});

    private static String clean(String pkg) {
        String p = pkg.toLowerCase(Locale.ROOT);
        int cut = p.length();
        for (char c : new char[] {'=', ':', '>', '<', '~'}) {
            int at = p.indexOf(c);
            if (at > 0) {
                cut = Math.min(cut, at);
            }
        }
        return p.substring(0, cut);
    }

    /** The programs a package provides, among those drydock asks about. */
    static List<String> programs(String pkg) {
        String p = clean(pkg);
        if (p.startsWith("python3") && (p.equals("python3") || p.equals("python3-minimal") || p.matches("python3\\.\\d+"))) {
            return List.of("python3", "python");
        }
        return switch (p) {
            case "curl" -> List.of("curl");
            case "wget", "wget2" -> List.of("wget");
            case "busybox", "busybox-static", "busybox-extras" -> List.of("wget", "nc", "sh");
            case "netcat", "netcat-openbsd", "netcat-traditional", "nmap-ncat", "ncat", "netcat-gnu" -> List.of("nc");
            case "python", "python-minimal" -> List.of("python");
            case "nodejs" -> List.of("node");
            case "bash" -> List.of("bash");
            default -> p.matches("(openjdk-\\d+-jre.*|default-jre.*|java-\\d+-openjdk.*)") ? List.of("java") : List.of();
        };
    }

    /** The base image's known tools, if the image is a known one. */
    public Optional<ImageTools> base() {
        return Optional.ofNullable(base);
    }

    /** The base image as written ({@code python:3.11-slim}). */
    public String baseImage() {
        return baseImage;
    }

    /**
     * Whether the image has {@code program}: installed by the Dockerfile, or shipped by a known base
     * image; empty when the base image is unknown and nothing installs it.
     */
    public Optional<Boolean> has(String program) {
        if (installed.containsKey(program)) {
            return Optional.of(true);
        }
        if (base == null) {
            return Optional.empty();
        }
        if (program.equals("sh")) {
            return Optional.of(base.shell());
        }
        return Optional.of(base.has(program));
    }

    /** Where the Dockerfile installs {@code program}, if it does. */
    public Optional<Install> installed(String program) {
        return Optional.ofNullable(installed.get(program));
    }

    /** Every program the Dockerfile installs. */
    public List<Install> installs() {
        return new ArrayList<>(installed.values());
    }
}
