package dev.drydock.core.goreleaser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GoReleaserTemplatesTest {

    private final GoReleaserTemplates templates = new GoReleaserTemplates("beacon",
            Map.of("ORG", "acme", "LATER", "{{ .Env.CI_ORG }}"));

    @Test
    void theProjectNameAndTheFilesOwnVariablesAreFilledIn() {
        assertThat(templates.apply("ghcr.io/{{ .Env.ORG }}/{{.ProjectName}}:latest"))
                .isEqualTo("ghcr.io/acme/beacon:latest");
    }

    @Test
    void whatIsKnownOnlyAtReleaseTimeBecomesAVariable() {
        assertThat(templates.apply("acme/beacon:{{ .Tag }}-amd64")).isEqualTo("acme/beacon:${Tag}-amd64");
        assertThat(templates.apply("{{ .Env.LATER }}/beacon")).isEqualTo("${LATER}/beacon");
        assertThat(templates.apply("{{ .Env.NPM_TOKEN }}")).isEqualTo("${NPM_TOKEN}");
        assertThat(templates.apply("v{{ if .IsNightly }}nightly{{ end }}")).isEqualTo("v${TEMPLATE}nightly${TEMPLATE}");
        assertThat(templates.apply("{{- .Version -}}")).isEqualTo("${Version}");
    }

    @Test
    void anUnknownProjectNameStaysAVariable() {
        assertThat(new GoReleaserTemplates(null, Map.of()).apply("acme/{{ .ProjectName }}"))
                .isEqualTo("acme/${ProjectName}");
        assertThat(templates.apply("plain")).isEqualTo("plain");
    }
}
