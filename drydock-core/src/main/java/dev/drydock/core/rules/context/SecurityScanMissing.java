package dev.drydock.core.rules.context;

import dev.drydock.core.discovery.FileType;
import dev.drydock.core.discovery.PathNames;
import dev.drydock.core.discovery.ProjectEntry;
import dev.drydock.core.discovery.TaskFiles;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.project.Container;
import dev.drydock.core.project.Project;
import dev.drydock.core.review.Category;
import dev.drydock.core.edit.FixSafety;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.Location;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuildFolders;
import dev.drydock.core.rules.support.DevContainers;
import dev.drydock.core.rules.support.DevelopmentDockerfiles;
import dev.drydock.core.rules.support.LocallyBuiltImages;
import dev.drydock.core.rules.support.Stages;
import dev.drydock.core.source.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "security-scan-missing",
        title = "Images are never scanned for vulnerabilities",
        severity = Severity.MEDIUM,
        category = Category.SECURITY,
        checks = "Whether anything in the project runs an image vulnerability scanner (Trivy's image, rootfs or sbom"
                + " target and aquasecurity/trivy-action or the Azure trivy task on an image, Grype (its command, or the"
                + " anchore/grype image run by docker) and anchore/scan-action on an image, Docker Scout and docker/scout-action, `snyk container` and snyk/actions/docker, the Snyk"
                + " and Anchore CircleCI orbs on an image, GitLab container scanning by template, component or Auto"
                + " DevOps, Clair, Sysdig, Prisma/twistcli, Wiz, NeuVector, JFrog Xray,"
                + " `gcloud artifacts docker images scan`, `aws ecr start-image-scan`): CI configuration"
                + " (.github/workflows and the local actions they run, such as .github/actions/NAME/action.yml,"
                + " .gitlab-ci.yml, Jenkinsfile, CircleCI, Azure, Bitbucket, Travis), Makefiles,"
                + " justfiles, Taskfiles, pre-commit hooks, shell scripts and package.json scripts. Reported once per"
                + " project that builds images; comment lines do not count. A strength at the first line that runs a"
                + " scanner. Scans of the checkout (`trivy fs`, `trivy repo`, trivy-action's fs scan, Grype on a"
                + " folder, `snyk test`, Microsoft Security DevOps, whose Trivy scans the files) read lock files but"
                + " not the operating system packages of an image, so they are named in the message but do not count;"
                + " `trivy config` and SBOM generation (`sbom: true`, anchore/sbom-action) find no vulnerabilities. A"
                + " scan in a GitHub workflow that runs only on workflow_dispatch does not count either: nobody is told"
                + " unless someone remembers to start it. The project's own reusable workflows are read like the"
                + " others (a trivy-action `scan-type` given as an input reads as the input's default); a job that"
                + " calls a reusable workflow of another repository, which cannot be read from the checkout, counts as"
                + " a scan when that repository or file is named after a scanner (Trivy, Grype, Scout, Snyk, Anchore)"
                + " or a container, image or vulnerability scan, and as a scan of the files when it passes"
                + " `scan-type: fs`."
                + " Dev containers' images, never published, are not counted, nor images built from a Dockerfile named"
                + " for development or tests (Dockerfile.dev, Dockerfile.test) that nothing deploys.",
        problem = "Base images and installed packages gain published vulnerabilities every week; without a scanner"
                + " nobody learns that an image, or the base it was built on, needs a rebuild.",
        impact = "Known, exploitable vulnerabilities (in OpenSSL, glibc, the language runtime or a dependency) ship to"
                + " production and stay there unnoticed.",
        recommendation = "Scan every image the project builds in CI, fail the build on fixable high and critical"
                + " vulnerabilities, and re-scan released images on a schedule.",
        references = {
                "https://trivy.dev/latest/docs/target/container_image/",
                "https://github.com/aquasecurity/trivy-action",
                "https://github.com/anchore/grype",
                "https://docs.docker.com/scout/",
                "https://docs.gitlab.com/user/application_security/container_scanning/",
                "https://cheatsheetseries.owasp.org/cheatsheets/Docker_Security_Cheat_Sheet.html#rule-9-integrate-container-scanning-tools-into-your-cicd-pipeline"},
        fix = FixSafety.SUGGESTION,
        effort = "1 h",
        strength = "Vulnerability scanning in CI",
        examples = @RuleExample(
                file = ".github/workflows/build.yml",
                bad = """
                        name: build
                        on: [push]
                        jobs:
                          image:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: actions/checkout@v4
                              - run: docker build -t shop:${{ github.sha }} .
                        """,
                good = """
                        name: build
                        on: [push]
                        jobs:
                          image:
                            runs-on: ubuntu-latest
                            steps:
                              - uses: actions/checkout@v4
                              - run: docker build -t shop:${{ github.sha }} .
                              - uses: aquasecurity/trivy-action@0.28.0
                                with:
                                  image-ref: shop:${{ github.sha }}
                                  exit-code: "1"
                        """,
                alongside = {
                        @ExampleFile(name = "Dockerfile", content = """
                        FROM python:3.12.7-slim
                        WORKDIR /app
                        COPY requirements.txt .
                        RUN pip install --no-cache-dir -r requirements.txt
                        COPY . .
                        CMD ["python", "app.py"]
                        """),
                        @ExampleFile(name = "requirements.txt", content = """
                        flask==3.0.3
                        """),
                        @ExampleFile(name = "app.py", content = """
                        print("hello")
                        """)}))
public final class SecurityScanMissing implements Rule {

    private static final Pattern NOT_IN_IMAGE_NAME = Pattern.compile("[^a-z0-9._-]+");
    private static final Pattern DEPENDENCY_SCANNER = Pattern.compile(
            "(?i)\\bpip-audit\\b|\\bsafety[ \\t]+(?:check|scan)\\b|\\bnpm[ \\t]+audit\\b|\\byarn[ \\t]+audit\\b"
                    + "|\\bosv-scanner\\b|\\bbundle[ \\t]+audit\\b|\\bgovulncheck\\b|dependency-review-action");
    @Override
    public void check(ReviewContext context) {
        Project project = context.project();
        List<Container> built = context.builtContainers().stream()
                .filter(c -> DevContainers.of(context, c).isEmpty() && !DevelopmentDockerfiles.builds(context, c))
                .toList(); // dev containers and the images of Dockerfile.dev or Dockerfile.test are never published
        if (built.isEmpty()) {
            return;
        }
        List<String> ci = project.layout().ciFiles().stream().map(ProjectEntry::path).toList();
        List<String> searched = new ArrayList<>(ci);
        searched.addAll(TaskFiles.present(project.files()));
        project.layout().entries(FileType.SHELL_SCRIPT).forEach(e -> searched.add(e.path()));
        Set<String> dependencyScans = new LinkedHashSet<>();
        Set<String> manualScans = new LinkedHashSet<>();
        for (String path : searched) {
            SourceFile file = project.source(path).orElse(null);
            if (file == null) {
                continue;
            }
            boolean manual = path.startsWith(".github/workflows/") && WorkflowTriggers.manualOnly(file);
            for (ImageScans.Scan scan : ImageScans.in(file)) {
                if (scan.target() == ImageScans.Target.FILES) {
                    dependencyScans.add("`" + scan.written() + "` (" + path + ")");
                } else if (manual) {
                    manualScans.add("`" + scan.written() + "` (" + path + ")");
                } else {
                    scanned(context, file, scan, ci.contains(path));
                    return;
                }
            }
            Matcher d = DEPENDENCY_SCANNER.matcher(code(file));
            if (d.find()) {
                dependencyScans.add(d.group() + " (" + path + ")");
            }
        }
        Set<String> images = new LinkedHashSet<>();
        Set<String> bases = new LinkedHashSet<>();
        for (Container c : built) {
            images.add(imageName(project, c));
            if (Stages.rootBase(c.build().model(), c.build().stage()) instanceof BaseImage.External ext
                    && (ext.reference() == null || !LocallyBuiltImages.contains(context, ext.reference()))) {
                bases.add(ext.reference() != null ? ext.reference().familiarString() : ext.written());
            }
        }
        StringBuilder message = new StringBuilder("No image vulnerability scanner (Trivy, Grype, Docker Scout, Snyk ...)"
                + " runs anywhere in the project: ");
        if (ci.isEmpty()) {
            message.append("it has no CI configuration (.github/workflows, .gitlab-ci.yml, Jenkinsfile ...)");
        } else {
            message.append("none of ").append(String.join(", ", ci)).append(" runs one");
        }
        message.append(", so nobody learns when ").append(String.join(", ", images))
                .append(bases.isEmpty() ? "" : " or " + String.join(", ", bases))
                .append(" carries a published vulnerability");
        if (!manualScans.isEmpty()) {
            message.append("; ").append(String.join(", ", manualScans))
                    .append(" scans an image only when someone starts the workflow by hand (on: workflow_dispatch)");
        }
        if (!dependencyScans.isEmpty()) {
            message.append("; ").append(String.join(", ", dependencyScans))
                    .append(" checks the application's dependencies but not the image's operating system packages");
        }
        String image = images.iterator().next();
        String recommendation;
        String workflow = ci.stream().filter(p -> p.startsWith(".github/workflows/")).findFirst().orElse(null);
        if (workflow != null) {
            recommendation = "Add a step after the image build in " + workflow + ": `uses: aquasecurity/trivy-action`"
                    + " with `image-ref: " + image + "`, `severity: CRITICAL,HIGH`, `ignore-unfixed: true` and"
                    + " `exit-code: 1`; and run the same scan on a schedule for the released images.";
        } else if (ci.contains(".gitlab-ci.yml")) {
            recommendation = "Include GitLab's container scanning in .gitlab-ci.yml (`include: - template:"
                    + " Jobs/Container-Scanning.gitlab-ci.yml`, with CS_IMAGE set to the image built), or run"
                    + " `trivy image --severity HIGH,CRITICAL --exit-code 1 " + image + "` in a job after the build.";
        } else {
            recommendation = "Scan before every push: `trivy image --severity HIGH,CRITICAL --ignore-unfixed --exit-code 1 "
                    + image + "` (or `docker scout cves " + image + "`, `grype " + image + "`), and run it in CI on"
                    + " every build and on a schedule, since new vulnerabilities are published for unchanged images.";
        }
        context.finding(this, Location.PROJECT, message.append('.').toString())
                .implicit()
                .recommendation(recommendation)
                .add();
    }

    /** The strength: where the scanner runs. */
    private void scanned(ReviewContext context, SourceFile file, ImageScans.Scan scan, boolean inCi) {
        String text = file.line(scan.line());
        int start = file.lineStart(scan.line()) + text.indexOf(scan.written());
        context.strength(this, new Location(file.path(), file.span(start, start + scan.written().length())),
                "`" + scan.written() + "` scans the images for known vulnerabilities " + (inCi ? "in CI ("
                        + file.path() + ")" : "from " + file.path()) + ", so a vulnerable package or base image comes to light");
    }

    /**
     * The image a container runs: its image name, the first name CI tags its build with, Compose's default
     * name, or one after the project and context folders.
     */
    private static String imageName(Project project, Container c) {
        if (c.image() != null) {
            return c.image();
        }
        if (!c.build().tags().isEmpty()) {
            return c.build().tags().getFirst();
        }
        if (c.service() != null) {
            for (var compose : project.composeProjects()) {
                if (compose.services().get(c.service().name()) == c.service()) {
                    return compose.imageName(c.service());
                }
            }
        }
        String folder = project.root().getFileName() == null ? "app" : project.root().getFileName().toString();
        String name = NOT_IN_IMAGE_NAME.matcher(folder.toLowerCase(Locale.ROOT)).replaceAll("-");
        String context = c.build().context();
        return context.isEmpty() || context.equals(".") ? name : name + "-" + NOT_IN_IMAGE_NAME.matcher(
                BuildFolders.naming(context).toLowerCase(Locale.ROOT)).replaceAll("-");
    }

    /** A file's text without its comment lines. */
    private static String code(SourceFile file) {
        String text = file.text();
        StringBuilder out = new StringBuilder(text.length());
        for (String line : text.split("\n", -1)) {
            String t = line.strip();
            if (t.startsWith("#") || t.startsWith("//")) {
                continue;
            }
            out.append(line).append('\n');
        }
        return out.toString();
    }
}
