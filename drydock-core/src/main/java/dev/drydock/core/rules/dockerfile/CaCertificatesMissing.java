package dev.drydock.core.rules.dockerfile;

import dev.drydock.core.app.SourceSet;
import dev.drydock.core.dockerfile.model.BaseImage;
import dev.drydock.core.dockerfile.model.CopyCommand;
import dev.drydock.core.dockerfile.model.DockerfileModel;
import dev.drydock.core.dockerfile.model.Stage;
import dev.drydock.core.review.Category;
import dev.drydock.core.review.ExampleFile;
import dev.drydock.core.review.ReviewContext;
import dev.drydock.core.review.Rule;
import dev.drydock.core.review.RuleDefinition;
import dev.drydock.core.review.RuleExample;
import dev.drydock.core.review.Severity;
import dev.drydock.core.rules.support.BuiltImage;
import dev.drydock.core.rules.support.Call;
import dev.drydock.core.rules.support.RunStep;
import dev.drydock.core.rules.support.Stages;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

@RuleDefinition(
        id = "ca-certificates-missing",
        title = "A Go program that calls HTTPS runs on scratch without CA certificates",
        severity = Severity.HIGH,
        category = Category.RELIABILITY,
        checks = "Final images based on scratch that take a program from a builder stage running `go build` or"
                + " `go install`, when the Go sources the image is built from (tests aside) contain an https:// URL"
                + " in a string or import a cloud SDK (AWS, Google Cloud, Azure). Quiet when a COPY puts anything"
                + " under /etc/ssl or /etc/pki or a file named like a CA bundle into the image, the image sets"
                + " SSL_CERT_FILE or SSL_CERT_DIR, or the program embeds its roots"
                + " (golang.org/x/crypto/x509roots/fallback).",
        problem = "Go's crypto/x509 reads the trusted root certificates from the image's file system"
                + " (/etc/ssl/certs/ca-certificates.crt and the other usual places). scratch is empty: there is no"
                + " certificate to verify a server against.",
        impact = "Every HTTPS request of the program fails with \"x509: certificate signed by unknown authority\"; the"
                + " image builds and starts, and the failure shows only when it calls out.",
        recommendation = "Copy the bundle from the builder: COPY --from=build /etc/ssl/certs/ca-certificates.crt"
                + " /etc/ssl/certs/ (the golang images have it), or run on gcr.io/distroless/static-debian12, which"
                + " ships the certificates.",
        references = {
                "https://pkg.go.dev/crypto/x509#SystemCertPool",
                "https://github.com/GoogleContainerTools/distroless/blob/main/base/README.md"},
        effort = "2 min",
        examples = @RuleExample(
                bad = """
                        FROM golang:1.23.2-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN CGO_ENABLED=0 go build -o /out/notifier .

                        FROM scratch
                        COPY --from=build /out/notifier /notifier
                        ENTRYPOINT ["/notifier"]
                        """,
                good = """
                        FROM golang:1.23.2-bookworm AS build
                        WORKDIR /src
                        COPY . .
                        RUN CGO_ENABLED=0 go build -o /out/notifier .

                        FROM scratch
                        COPY --from=build /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/
                        COPY --from=build /out/notifier /notifier
                        ENTRYPOINT ["/notifier"]
                        """,
                alongside = @ExampleFile(name = "main.go", content = """
                        package main

                        import "net/http"

                        func main() {
                        \thttp.Post("https://hooks.example.com/notify", "text/plain", nil)
                        }
                        """)))
public final class CaCertificatesMissing implements Rule {

    private static final int MAX_GO_FILES = 300;
    private static final Pattern HTTPS_CALL = Pattern.compile(
            "\"https://[^\"\\s]|\"(?:github\\.com/aws/aws-sdk-go[^\"]*|cloud\\.google\\.com/go/[^\"]+|google\\.golang\\.org/api/[^\"]+"
                    + "|github\\.com/Azure/azure-sdk-for-go/[^\"]+)\"");
    private static final Pattern CERT_PATH = Pattern.compile(
            "^/etc/(?:ssl|pki)(?:/|$)|ca-certificates|ca-bundle|cacert|cert\\.pem$");

    @Override
    public void check(ReviewContext context) {
        for (BuiltImage image : BuiltImage.of(context)) {
            if (!(image.rootBase() instanceof BaseImage.Scratch) || hasCertificates(image)) {
                continue;
            }
            CopyCommand program = goProgram(image);
            if (program == null) {
                continue;
            }
            Optional<String> call = httpsCall(context, image);
            if (call.isEmpty()) {
                continue;
            }
            Stage last = image.stage();
            context.finding(this, image.dockerfile(), program.instruction().span(), "the image is built on scratch,"
                            + " which has no CA certificates, and the Go program that line "
                            + program.instruction().startLine() + " copies in makes HTTPS calls (" + call.get()
                            + "): each fails with \"x509: certificate signed by unknown authority\"")
                    .recommendation("Add COPY --from=" + fromName(program)
                            + " /etc/ssl/certs/ca-certificates.crt /etc/ssl/certs/ to the stage on line "
                            + last.from().startLine() + ", or base it on gcr.io/distroless/static-debian12, which has"
                            + " the certificates.")
                    .add();
        }
    }

    /** Whether the image gets a certificate bundle, or is told where one is. */
    private static boolean hasCertificates(BuiltImage image) {
        for (Stage stage : image.imageStages()) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.sources().contains("/") || copy.sources().stream().anyMatch(s -> CERT_PATH.matcher(s).find())
                        || copy.containerPath() != null && CERT_PATH.matcher(copy.containerPath()).find()) {
                    return true;
                }
            }
            if (stage.steps().stream().anyMatch(step -> step.variables().definition("SSL_CERT_FILE") != null
                    || step.variables().definition("SSL_CERT_DIR") != null)) {
                return true;
            }
        }
        return false;
    }

    /** The COPY that takes a file from a stage running `go build` or `go install`, or null. */
    private static CopyCommand goProgram(BuiltImage image) {
        DockerfileModel model = image.model();
        for (Stage stage : image.imageStages()) {
            for (CopyCommand copy : stage.copies()) {
                if (copy.fromStage() < 0 || copy.fromStage() >= model.stages().size()
                        || copy.fromStage() == stage.index()) {
                    continue;
                }
                Stage builder = model.stages().get(copy.fromStage());
                for (RunStep run : RunStep.of(model, Stages.inImage(model, builder))) {
                    for (Call call : run.calls("go")) {
                        if (!call.args().isEmpty() && (call.args().get(0).value().equals("build")
                                || call.args().get(0).value().equals("install"))) {
                            return copy;
                        }
                    }
                }
            }
        }
        return null;
    }

    /** The first HTTPS URL or cloud SDK import in the image's Go sources, unless the program embeds its roots. */
    private static Optional<String> httpsCall(ReviewContext context, BuiltImage image) {
        SourceSet files = SourceSet.of(context.project(), image.container());
        String found = null;
        for (String path : files.paths().stream().filter(p -> p.endsWith(".go") && !p.endsWith("_test.go"))
                .limit(MAX_GO_FILES).toList()) {
            String text = files.read(path).map(f -> f.text()).orElse("");
            if (text.contains("golang.org/x/crypto/x509roots/fallback")) {
                return Optional.empty();
            }
            Matcher m = HTTPS_CALL.matcher(text);
            if (found == null && m.find()) {
                String match = m.group();
                found = match.startsWith("\"https://") ? "an https:// URL in " + path : "it imports " + match + " in " + path;
            }
        }
        return Optional.ofNullable(found);
    }

    private static String fromName(CopyCommand copy) {
        return copy.from() != null ? copy.from() : String.valueOf(copy.fromStage());
    }
}
