package dev.drydock.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README.md's .drydock.yaml example: a valid configuration that shows every key and every label type. */
class ReadmeConfigExampleTest {

    private static final Pattern YAML_BLOCK = Pattern.compile("(?ms)^```yaml\\n(.*?)^```");

    private static String example() throws IOException {
        Matcher block = YAML_BLOCK.matcher(Files.readString(Path.of("..", "README.md")));
        while (block.find()) {
            if (block.group(1).startsWith("ignore:")) {
                return block.group(1);
            }
        }
        throw new AssertionError("README.md has no yaml block starting with ignore: (the .drydock.yaml example)");
    }

    @Test
    void theExampleIsAValidConfiguration(@TempDir Path project) throws IOException {
        Path config = project.resolve(".drydock.yaml");
        Files.writeString(config, example());
        assertThatCode(() -> ConfigFiles.read(config, project)).doesNotThrowAnyException();
    }

    @Test
    void theExampleShowsEveryKeyAndEveryLabelType() throws IOException {
        String example = "\n" + example();
        for (String key : DrydockConfigReader.KEYS) {
            assertThat(example).as("key " + key).contains("\n" + key + ":");
        }
        for (String type : DrydockConfigReader.LABEL_TYPES) {
            assertThat(example).as("label type " + type).containsPattern("label-schema:.*#.*\\b" + type + "\\b");
        }
    }
}
