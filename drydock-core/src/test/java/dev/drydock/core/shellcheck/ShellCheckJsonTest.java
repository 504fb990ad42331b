package dev.drydock.core.shellcheck;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ShellCheckJsonTest {

    private static List<ShellCheckJson.FileComment> read(String json) throws IOException {
        return ShellCheckJson.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsEachCommentWithItsFileAndSkipsWhatItDoesNotUse() throws IOException {
        var comments = read("""
                {"comments":[{"file":"run0.sh","line":3,"endLine":3,"column":8,"endColumn":12,"level":"info",
                "code":2086,"message":"Double quote to prevent globbing and word splitting.",
                "fix":{"replacements":[{"column":8,"endColumn":12,"line":3,"endLine":3,"insertionPoint":"afterEnd",
                "precedence":7,"replacement":"\\""}]}},
                {"file":"run1.sh","line":2,"endLine":2,"column":1,"endColumn":5,"level":"warning","code":2164,
                "message":"Use 'cd ... || exit' in case cd fails.","fix":null}],"extra":{"a":[1,2]}}
                """);

        assertThat(comments).containsExactly(
                new ShellCheckJson.FileComment("run0.sh", new ShellCheckComment(3, 8, 3, 12, "info", 2086,
                        "Double quote to prevent globbing and word splitting.")),
                new ShellCheckJson.FileComment("run1.sh", new ShellCheckComment(2, 1, 2, 5, "warning", 2164,
                        "Use 'cd ... || exit' in case cd fails.")));
    }

    @Test
    void noCommentsIsAnEmptyListAndAnythingElseIsNotJson1() throws IOException {
        assertThat(read("{\"comments\":[]}")).isEmpty();
        assertThat(read("")).isNull();
        assertThat(read("[]")).isNull();
        assertThat(read("{\"other\":1}")).isNull();
    }
}
