package dev.drydock.core.manifest;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import org.junit.jupiter.api.Test;

/** Errors of the parsers underneath name the file's problem, not the parser's settings. */
class ParserMessagesTest {

    @Test
    void tooDeepATomlArraySaysSoWithoutJacksonsSettingName() {
        String deep = "[project]\nname = \"x\"\ndependencies = " + "[".repeat(2000) + "]".repeat(2000) + "\n";
        assertThatThrownBy(() -> PyProject.parse(SourceFile.of("pyproject.toml", deep)))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("invalid TOML: Document nesting depth")
                .hasMessageNotContaining("StreamReadConstraints");
    }

    @Test
    void tooDeepAPomSaysSoWithoutTheJdksCodeAndProperty() {
        String deep = "<project>" + "<a>".repeat(200) + "</a>".repeat(200) + "</project>";
        assertThatThrownBy(() -> PomXml.parse(SourceFile.of("pom.xml", deep)))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("invalid XML: ")
                .hasMessageNotContaining("JAXP")
                .hasMessageNotContaining("jdk.xml");
    }

    @Test
    void tooLongAJsonNumberSaysSoWithoutJacksonsSettingName() {
        String json = "{\"version\": " + "1".repeat(1200) + "}";
        assertThatThrownBy(() -> PackageJson.parse(SourceFile.of("package.json", json)))
                .isInstanceOf(SourceException.class)
                .hasMessageContaining("invalid JSON: ")
                .hasMessageNotContaining("StreamReadConstraints");
    }
}
