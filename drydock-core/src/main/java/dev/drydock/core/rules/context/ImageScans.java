package dev.drydock.core.rules.context;

import dev.drydock.core.source.PlainYaml;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The vulnerability scanners a CI, task or script file runs, and what each scans: an image (Trivy's {@code image},
 * {@code rootfs} and {@code sbom} targets, Grype on an image, Docker Scout, {@code snyk container}, GitLab's container
 * scanning, Clair ...), or only the project's files ({@code trivy fs}, {@code trivy repo}, Grype on a folder,
 * {@code snyk test}, Microsoft Security DevOps, whose Trivy scans the checkout), which finds vulnerable dependencies in
 * lock files but not the operating system packages of an image. Configuration scans ({@code trivy config}) and SBOM
 * generators ({@code anchore/sbom-action}, {@code sbom: true}) find no vulnerabilities and are not scans here.
 */
final class ImageScans {

    private ImageScans() {}

    enum Target { IMAGE, FILES }

    /** A scanner run: its line in the file, the text that runs it, and what it scans. */
    record Scan(int line, String written, Target target) {}

    private static final Map<String, Pattern> STEP_KEYS = new ConcurrentHashMap<>();

    private static final Pattern TRIVY = Pattern.compile("(?i)(?<![\\w.-])trivy(?::[\\w.-]+)?(?![\\w-])");
    private static final Set<String> TRIVY_IMAGE = Set.of("image", "i", "rootfs", "sbom", "vm");
    private static final Set<String> TRIVY_FILES = Set.of("fs", "filesystem", "repo", "repository");
    private static final Set<String> TRIVY_OTHER = Set.of("config", "conf", "k8s", "kubernetes", "aws", "plugin",
            "server", "clean", "version", "module", "registry", "convert", "help", "completion");
    /** Trivy's options that take no value, so the word after them is the image (`--no-progress "$IMAGE"`). */
    private static final Set<String> TRIVY_FLAGS = Set.of("--no-progress", "--ignore-unfixed", "-q", "--quiet",
            "-d", "--debug", "--light", "--skip-update", "--skip-db-update", "--skip-java-db-update", "--offline-scan",
            "--list-all-pkgs", "--insecure", "--exit-on-eol", "--clear-cache", "--reset", "--no-cache");

    /** An action, task or orb job, with the step keys that say what it scans. */
    private static final Pattern STEP_TOOL = Pattern.compile("(?i)(?:uses|task|orbs?)?\\s*:?\\s*[\"']?("
            + "aquasecurity/trivy-action|(?:[\\w.-]+\\.)?trivy@\\d|anchore/scan-action|docker/scout-action"
            + "|snyk/actions/[\\w-]+|snyk/scan|anchore/(?:analyze_local_image|image_scan|analyze_image)"
            + "|MicrosoftSecurityDevOps@\\d|microsoft/security-devops-action|azure/container-scan"
            + "|crazy-max/ghaction-container-scan)");

    private static final Pattern IMAGE_COMMAND = Pattern.compile("(?i)docker[ \\t]+scout[ \\t]+(?:cves|quickview|qv"
            + "|recommendations|compare)\\b|docker[ \\t]+scan\\b|snyk[ \\t]+container[ \\t]+(?:test|monitor)\\b"
            + "|container[-_]scanning|Auto-DevOps\\.gitlab-ci\\.yml|\\bclair(?:ctl|-scanner)?\\b|\\btwistcli[ \\t]+images\\b"
            + "|sysdig-cli-scanner|\\bwizcli[ \\t]+docker\\b|\\bneuvector\\b|\\bjf[ \\t]+docker[ \\t]+scan\\b"
            + "|\\bxray[ \\t]+scan\\b|\\banchore(?:ctl|-cli)[ \\t]+image\\b"
            + "|\\bgcloud[ \\t]+artifacts[ \\t]+docker[ \\t]+images[ \\t]+scan\\b|\\baws[ \\t]+ecr[ \\t]+start-image-scan\\b");
    private static final Pattern FILES_COMMAND = Pattern.compile("(?i)\\bsnyk[ \\t]+(?:test|monitor)\\b");
    /**
     * A job that calls a reusable workflow of another repository, which cannot be read: one whose repository or file
     * names an image scanner, or a container, image or vulnerability scan, is taken for one.
     */
    private static final Pattern REMOTE_WORKFLOW = Pattern.compile(
            "^\\s*uses:\\s*[\"']?[\\w.-]+/([\\w.-]+)/\\.github/workflows/([\\w.-]+)@");
    private static final Pattern SCANNER_NAME = Pattern.compile("(?i)trivy|grype|scout|snyk|anchore"
            + "|(?:container|image|docker|cve|vuln\\w*)[-_]?scan|vulnerab");

    /** Grype's command, or its image run by docker ({@code docker run anchore/grype:latest IMAGE}), and its words. */
    private static final Pattern GRYPE = Pattern.compile(
            "(?i)(?:(?<![\\w/.-])grype|(?<=anchore/)grype(?::[\\w.-]+)?)(?![\\w-])((?:[ \\t]+\\S+)*)");

    /** Every scanner the file runs, outside comment lines, in line order. */
    static List<Scan> in(SourceFile file) {
        List<Scan> out = new ArrayList<>();
        for (int n = 1; n <= file.lineCount(); n++) {
            String line = file.line(n);
            String t = line.strip();
            if (t.startsWith("#") || t.startsWith("//")) {
                continue;
            }
            Target target = stepTool(file, n, line);
            if (target == null) {
                target = remoteWorkflow(file, n, line);
            }
            if (target == null) {
                target = command(line);
            }
            if (target != null) {
                out.add(new Scan(n, t.startsWith("- ") ? t.substring(2).strip() : t, target));
            }
        }
        return out;
    }

    private static Target stepTool(SourceFile file, int n, String line) {
        Matcher tool = STEP_TOOL.matcher(line);
        if (!tool.find()) {
            return null;
        }
        String name = tool.group(1).toLowerCase(Locale.ROOT);
        String step = stepText(file, n);
        if (name.startsWith("aquasecurity/trivy-action")) {
            String type = inputDefault(file, key(step, "scan-type"), step);
            return type == null || TRIVY_IMAGE.contains(type) ? Target.IMAGE
                    : TRIVY_FILES.contains(type) ? Target.FILES : null;
        }
        if (name.contains("trivy@")) {
            return key(step, "image") != null ? Target.IMAGE : Target.FILES;
        }
        if (name.equals("anchore/scan-action")) {
            return key(step, "path") != null ? Target.FILES : Target.IMAGE;
        }
        if (name.startsWith("snyk/actions/")) {
            return name.equals("snyk/actions/docker") ? Target.IMAGE : Target.FILES;
        }
        if (name.equals("snyk/scan")) {
            return key(step, "docker-image-name") != null ? Target.IMAGE : Target.FILES;
        }
        if (name.startsWith("microsoftsecuritydevops") || name.startsWith("microsoft/security-devops-action")) {
            return Target.FILES;
        }
        if (name.equals("docker/scout-action")) {
            return scoutReportsVulnerabilities(key(step, "command")) ? Target.IMAGE : null;
        }
        return Target.IMAGE;
    }

    /** The docker/scout-action commands that report an image's vulnerabilities; sbom, environment and attestation-add do not. */
    private static final Set<String> SCOUT_SCANS = Set.of("quickview", "cves", "recommendations", "compare");

    /**
     * Whether a docker/scout-action {@code command} (one command or a comma-separated list, run in order) reports
     * vulnerabilities; a command given by an expression is taken to.
     */
    private static boolean scoutReportsVulnerabilities(String command) {
        if (command == null || command.contains("${{")) {
            return true;
        }
        for (String one : command.split(",")) {
            if (SCOUT_SCANS.contains(one.strip().toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    /** What a called workflow of another repository scans when its name says it scans: see {@link #REMOTE_WORKFLOW}. */
    private static Target remoteWorkflow(SourceFile file, int n, String line) {
        Matcher uses = REMOTE_WORKFLOW.matcher(line);
        if (!uses.find() || !SCANNER_NAME.matcher(uses.group(1) + " " + uses.group(2)).find()) {
            return null;
        }
        String type = key(stepText(file, n), "scan-type");
        return type != null && TRIVY_FILES.contains(type) ? Target.FILES : Target.IMAGE;
    }

    /** A scanner run on a command line. */
    private static Target command(String line) {
        if (line.contains("SCANNING_DISABLED")) {
            return null;
        }
        Matcher trivy = TRIVY.matcher(line);
        while (trivy.find()) {
            if (line.startsWith(":", trivy.end())) {
                continue; // a key named trivy (a job, a step id), not the command
            }
            Target target = trivySubcommand(line.substring(trivy.end()));
            if (target != null) {
                return target;
            }
        }
        Matcher grype = GRYPE.matcher(line);
        if (grype.find() && !grype.group(1).isBlank()) {
            String subject = firstOperand(grype.group(1));
            if (subject != null) {
                return subject.equals(".") || subject.startsWith("dir:") || subject.startsWith("file:")
                        || subject.startsWith("./") ? Target.FILES : Target.IMAGE;
            }
        }
        if (IMAGE_COMMAND.matcher(line).find()) {
            return Target.IMAGE;
        }
        return FILES_COMMAND.matcher(line).find() ? Target.FILES : null;
    }

    /** What {@code trivy} scans given the words after it: its subcommand, or an image named right away. */
    private static Target trivySubcommand(String rest) {
        String[] words = rest.strip().split("[\\s\"'`]+");
        boolean afterOption = false;
        for (String word : words) {
            String w = word.toLowerCase(Locale.ROOT);
            if (TRIVY_IMAGE.contains(w)) {
                return Target.IMAGE;
            }
            if (TRIVY_FILES.contains(w)) {
                return Target.FILES;
            }
            if (TRIVY_OTHER.contains(w) || w.isEmpty() && !afterOption) {
                return null;
            }
            if (w.startsWith("-")) {
                afterOption = !w.contains("=") && !TRIVY_FLAGS.contains(w);
                continue;
            }
            if (!afterOption) {
                return w.contains(":") || w.contains("/") || w.startsWith("$") ? Target.IMAGE : null;
            }
            afterOption = false;
        }
        return null;
    }

    private static String firstOperand(String words) {
        for (String word : words.strip().split("[\\s\"']+")) {
            if (!word.isEmpty() && !word.startsWith("-")) {
                return word;
            }
        }
        return null;
    }

    private static final Pattern INPUT = Pattern.compile("scan-type\\s*:\\s*[\"']?\\$\\{\\{\\s*inputs\\.([\\w-]+)\\s*}}");

    /**
     * A trivy-action {@code scan-type} given as an input of the reusable workflow ({@code ${{ inputs.scan-type }}}):
     * the input's default; the value as read otherwise.
     */
    private static String inputDefault(SourceFile file, String type, String step) {
        Matcher input = type == null ? null : INPUT.matcher(step);
        if (input == null || !input.find()) {
            return type;
        }
        Object on = PlainYaml.mapping(PlainYaml.load(file)).get("on");
        Object value = PlainYaml.mapping(PlainYaml.mapping(PlainYaml.mapping(PlainYaml.mapping(on)
                .get("workflow_call")).get("inputs")).get(input.group(1))).get("default");
        return value instanceof String text ? text.strip().toLowerCase(Locale.ROOT) : type;
    }

    /** The value of a {@code key:} in a step's text, or null. */
    private static String key(String step, String key) {
        Matcher m = STEP_KEYS.computeIfAbsent(key, k -> Pattern.compile(
                "(?m)^\\s*(?:-\\s+)?" + Pattern.quote(k) + "\\s*:\\s*[\"']?([^\"'\\s#]*)")).matcher(step);
        return m.find() ? m.group(1).toLowerCase(Locale.ROOT) : null;
    }

    /** The lines of the YAML step or orb job that line {@code n} starts or belongs to. */
    private static String stepText(SourceFile file, int n) {
        String own = file.line(n);
        int indent = SourceFile.spaceIndent(own);
        int first = n;
        if (!own.strip().startsWith("- ")) {
            for (int i = n - 1; i >= 1; i--) {
                String text = file.line(i);
                if (text.isBlank()) {
                    continue;
                }
                if (SourceFile.spaceIndent(text) < indent) {
                    first = i;
                    break;
                }
            }
        }
        int base = SourceFile.spaceIndent(file.line(first));
        StringBuilder out = new StringBuilder(file.line(first)).append('\n');
        for (int i = first + 1; i <= file.lineCount(); i++) {
            String text = file.line(i);
            if (!text.isBlank() && SourceFile.spaceIndent(text) <= base) {
                break;
            }
            out.append(text).append('\n');
        }
        return out.toString();
    }

}
