package dev.drydock.core.rules.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import org.junit.jupiter.api.Test;

class ImageScansTest {

    private static java.util.List<ImageScans.Target> targets(String text) {
        return ImageScans.in(SourceFile.of(".github/workflows/ci.yml", text)).stream()
                .map(ImageScans.Scan::target).toList();
    }

    @Test
    void aCalledWorkflowOfAnotherRepositoryCountsWhenItsNameSaysItScans() {
        assertThat(targets("""
                jobs:
                  scan:
                    uses: acme/platform/.github/workflows/container-scan.yml@v2
                  grype:
                    uses: acme/grype-workflows/.github/workflows/main.yml@v1
                  deps:
                    uses: acme/platform/.github/workflows/trivy.yaml@v2
                    with:
                      scan-type: fs
                  deploy:
                    uses: acme/platform/.github/workflows/deploy.yml@v2
                  secrets:
                    uses: acme/platform/.github/workflows/secret-scan.yml@v2
                """)).containsExactly(ImageScans.Target.IMAGE, ImageScans.Target.IMAGE, ImageScans.Target.FILES);
    }

    @Test
    void aKeyNamedTrivyIsNotTheCommand() {
        assertThat(targets("""
                jobs:
                  trivy:
                    runs-on: ubuntu-latest
                    steps:
                      - run: trivy image --exit-code 1 shop:latest
                """)).containsExactly(ImageScans.Target.IMAGE);
    }

    @Test
    void aTrivyActionScanTypeGivenAsAnInputReadsAsItsDefault() {
        String workflow = """
                on:
                  workflow_call:
                    inputs:
                      scan-type:
                        type: string
                        default: %s
                jobs:
                  scan:
                    runs-on: ubuntu-latest
                    steps:
                      - uses: aquasecurity/trivy-action@0.28.0
                        with:
                          scan-type: ${{ inputs.scan-type }}
                """;
        assertThat(targets(workflow.formatted("image"))).containsExactly(ImageScans.Target.IMAGE);
        assertThat(targets(workflow.formatted("fs"))).containsExactly(ImageScans.Target.FILES);
    }
}
