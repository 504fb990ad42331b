package dev.drydock.core.compose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.Diagnostic;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InterpolationTest {

    @TempDir
    Path dir;

    @Test
    void defaultsMissingAndUsedVariablesAreReportedWithPositions() {
        ComposeTesting.write(dir, ".env", "DB_TYPE=postgres\nFROM_DOTENV=dotenv\n");
        ComposeProject p = ComposeTesting.load(dir, """
                services:
                  web:
                    image: "app:${TAG:-latest}"
                    environment:
                      - SECRET_KEY=${SECRET_KEY:-change-me}
                      - DB_TYPE=${DB_TYPE:-sqlite}
                      - HOME_DIR=$HOME
                      - MISSING=${NOT_SET}
                      - LITERAL=$${NOT_INTERPOLATED}
                      - SHELL_WINS=${FROM_DOTENV}
                """, Map.of("HOME", "/home/me", "FROM_DOTENV", "shell"));
        assertThat(p.diagnostics()).isEmpty();
        Service web = p.services().get("web");
        assertThat(web.image().value()).isEqualTo("app:latest");
        assertThat(web.env("SECRET_KEY").orElseThrow().value().value()).isEqualTo("change-me");
        assertThat(web.env("DB_TYPE").orElseThrow().value().value()).isEqualTo("postgres");
        assertThat(web.env("HOME_DIR").orElseThrow().value().value()).isEqualTo("/home/me");
        assertThat(web.env("MISSING").orElseThrow().value().value()).isEmpty();
        assertThat(web.env("LITERAL").orElseThrow().value().value()).isEqualTo("${NOT_INTERPOLATED}");
        assertThat(web.env("SHELL_WINS").orElseThrow().value().value()).isEqualTo("shell");

        assertThat(p.defaultedVariables()).extracting(VariableReference::name).containsExactly("TAG", "SECRET_KEY");
        VariableReference secret = p.defaultedVariables().get(1);
        assertThat(secret.defaultText()).isEqualTo("change-me");
        assertThat(secret.span().startLine()).isEqualTo(5);
        assertThat(secret.span().startColumn()).isEqualTo(20);
        assertThat(secret.file().text(secret.span())).isEqualTo("${SECRET_KEY:-change-me}");
        assertThat(secret.file().text(secret.argumentSpan())).isEqualTo("change-me");
        assertThat(p.missingVariables()).extracting(VariableReference::name).containsExactly("NOT_SET");
        assertThat(p.usedVariableNames()).containsExactly("TAG", "SECRET_KEY", "DB_TYPE", "HOME", "NOT_SET", "FROM_DOTENV");
        VariableReference db = p.variableReferences().get(2);
        assertThat(db.usedDefault()).isFalse();
        assertThat(db.hasDefault()).isTrue();
        assertThat(p.variables().dotEnvEntry("DB_TYPE").orElseThrow().keySpan().startLine()).isEqualTo(1);
        assertThat(p.variables().dotEnvEntry("FROM_DOTENV")).isEmpty();
    }

    @Test
    void keysAreNotInterpolated() {
        ComposeProject p = ComposeTesting.load(dir, "services:\n  web:\n    image: x\n    labels:\n      ${K}: v\n",
                Map.of("K", "k"));
        assertThat(p.services().get("web").labels()).containsOnlyKeys("${K}");
    }

    @Test
    void interpolationErrorsArePositionedDiagnostics() {
        ComposeProject p = ComposeTesting.load(dir, """
                services:
                  web:
                    image: ${IMAGE:?set IMAGE first}
                    command: echo $ 1
                """);
        assertThat(p.errors()).extracting(Diagnostic::message).containsExactly("Invalid template: \"echo $ 1\"");
        assertThat(p.errors().get(0).column()).isEqualTo(19);
        Diagnostic required = p.diagnostics().stream().filter(d -> d.level() == Diagnostic.Level.WARNING).findFirst()
                .orElseThrow();
        assertThat(required.message()).isEqualTo("required variable IMAGE is missing a value: set IMAGE first");
        assertThat(required.line()).isEqualTo(3);
        assertThat(required.column()).isEqualTo(12);
    }

    @Test
    void aMissingRequiredVariableReadsAsBlank() {
        ComposeProject p = ComposeTesting.load(dir, """
                services:
                  web:
                    image: app
                    environment:
                      - SECRET_KEY=${SECRET_KEY:?set SECRET_KEY}
                """);
        assertThat(p.errors()).isEmpty();
        assertThat(p.services().get("web").env("SECRET_KEY")).get().extracting(e -> e.value().value()).isEqualTo("");
        assertThat(p.variableReferences()).singleElement()
                .satisfies(ref -> assertThat(ref.substitution().missingRequired()).isTrue());
    }

    @Test
    void envFileOptionReplacesTheDefaultDotEnv() {
        ComposeTesting.write(dir, ".env", "TAG=from-dotenv\n");
        ComposeTesting.write(dir, "prod.env", "TAG=from-prod\n");
        ComposeTesting.write(dir, "compose.yaml", "services:\n  web:\n    image: app:${TAG}\n");
        ComposeProject p = ComposeLoader.load(ComposeLoader.Options.of(dir, Map.of()).withEnvFiles(Path.of("prod.env")));
        assertThat(p.services().get("web").image().value()).isEqualTo("app:from-prod");
    }

    @Test
    void dotEnvErrorsAreDiagnostics() {
        ComposeTesting.write(dir, ".env", "GOOD=1\nBAD KEY=2\n");
        ComposeProject p = ComposeTesting.load(dir, "services:\n  web:\n    image: x\n");
        assertThat(p.errors()).singleElement().satisfies(d -> {
            assertThat(d.path()).isEqualTo(".env");
            assertThat(d.line()).isEqualTo(2);
        });
    }

    @Test
    void multiLineScalarsGetTheScalarSpan() {
        ComposeProject p = ComposeTesting.load(dir, "services:\n  web:\n    image: x\n    command: >\n      echo ${A:-a}\n      done\n");
        VariableReference r = p.variableReferences().get(0);
        assertThat(r.usedDefault()).isTrue();
        assertThat(r.span().startLine()).isEqualTo(4);
    }
}
