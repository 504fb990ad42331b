package dev.drydock.core.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.drydock.core.source.Diagnostic;
import dev.drydock.core.source.SourceException;
import dev.drydock.core.source.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

    private final List<Diagnostic> diagnostics = new ArrayList<>();

    private MapNode read(String text) {
        ComposeFile f = new ComposeFile(SourceFile.of("compose.yaml", text), Path.of("/p/compose.yaml"), Path.of("/p"));
        return (MapNode) YamlReader.read(f, diagnostics::add).get(0);
    }

    @Test
    void nodesKnowTheirSpansAndKeys() {
        String text = "services:\n  web:\n    image: \"nginx:1.27\"\n    ports:\n      - 8080:80\n";
        MapNode root = read(text);
        MapNode web = root.map("services").map("web");
        ScalarNode image = web.scalar("image");
        assertThat(image.value()).isEqualTo("nginx:1.27");
        assertThat(image.style()).isEqualTo(ScalarNode.Style.DOUBLE_QUOTED);
        assertThat(image.line()).isEqualTo(3);
        assertThat(image.column()).isEqualTo(12);
        assertThat(image.file().text(image.span())).isEqualTo("\"nginx:1.27\"");
        MapNode.Entry entry = web.entry("image");
        assertThat(entry.key().line()).isEqualTo(3);
        assertThat(entry.key().column()).isEqualTo(5);
        ScalarNode port = (ScalarNode) web.seq("ports").get(0);
        assertThat(port.kind()).isEqualTo(ScalarNode.Kind.STRING); // YAML 1.2: not a sexagesimal number
        assertThat(port.span().startLine()).isEqualTo(5);
        assertThat(port.span().startColumn()).isEqualTo(9);
        assertThat(root.map("services").span().endLine()).isEqualTo(5);
    }

    @Test
    void coreSchemaTypes() {
        MapNode root = read("a: 1\nb: 1.5\nc: true\nd: yes\ne: ~\nf:\ng: '1'\nh: 0x1F\n");
        assertThat(root.scalar("a").kind()).isEqualTo(ScalarNode.Kind.INTEGER);
        assertThat(root.scalar("b").kind()).isEqualTo(ScalarNode.Kind.FLOAT);
        assertThat(root.scalar("c").kind()).isEqualTo(ScalarNode.Kind.BOOLEAN);
        assertThat(root.scalar("d").kind()).isEqualTo(ScalarNode.Kind.STRING);
        assertThat(root.scalar("e").kind()).isEqualTo(ScalarNode.Kind.NULL);
        assertThat(root.scalar("f").kind()).isEqualTo(ScalarNode.Kind.NULL);
        assertThat(root.scalar("g").kind()).isEqualTo(ScalarNode.Kind.STRING);
        assertThat(root.scalar("h").asLong()).isEqualTo(31L);
    }

    @Test
    void anchorsAliasesAndMergeKeys() {
        String text = """
                x-common: &common
                  restart: always
                  environment: &env
                    A: "1"
                x-more: &more
                  restart: "no"
                  user: app
                services:
                  web:
                    <<: [*common, *more]
                    image: web
                  api:
                    <<: *common
                    restart: on-failure
                    environment: *env
                """;
        MapNode services = read(text).map("services");
        MapNode web = services.map("web");
        assertThat(web.string("restart")).isEqualTo("always"); // earlier merged mapping wins
        assertThat(web.string("user")).isEqualTo("app");
        assertThat(web.string("image")).isEqualTo("web");
        assertThat(web.keys()).doesNotContain("<<");
        assertThat(web.scalar("restart").line()).isEqualTo(2); // the anchored node's position
        MapNode api = services.map("api");
        assertThat(api.string("restart")).isEqualTo("on-failure"); // explicit keys win over merged ones
        assertThat(api.map("environment").string("A")).isEqualTo("1");
        assertThat(diagnostics).isEmpty();
    }

    @Test
    void duplicateKeysAreErrorsLikeCompose() {
        MapNode root = read("services:\n  web:\n    image: a\n    restart: always\n    image: b\n");
        assertThat(diagnostics).singleElement().satisfies(d -> {
            assertThat(d.level()).isEqualTo(Diagnostic.Level.ERROR);
            assertThat(d.line()).isEqualTo(5);
            assertThat(d.column()).isEqualTo(5);
            assertThat(d.message()).isEqualTo("mapping key \"image\" already defined at line 3");
        });
        assertThat(root.map("services").map("web").string("image")).isEqualTo("b");
    }

    @Test
    void twoMergeKeysInOneMappingAreDuplicates() {
        read("a: &a {x: 1}\nb: &b {y: 2}\nc:\n  <<: *a\n  <<: *b\n");
        assertThat(diagnostics).singleElement().satisfies(d -> assertThat(d.message()).contains("\"<<\" already defined at line 4"));
    }

    @Test
    void syntaxErrorsArePositionedSourceExceptions() {
        assertThatThrownBy(() -> read("services:\n  web:\n    image: [unclosed\n"))
                .isInstanceOf(SourceException.class)
                .hasMessageStartingWith("compose.yaml:4:1: YAML syntax error");
        assertThatThrownBy(() -> read("a: *missing\n")).isInstanceOf(SourceException.class)
                .hasMessageContaining("compose.yaml:1:4");
        assertThatThrownBy(() -> read("a: b\n c: d\n  - e\n")).isInstanceOf(SourceException.class);
    }

    @Test
    void recursiveAliasesAreErrors() {
        assertThatThrownBy(() -> read("a: &a\n  b: *a\n")).isInstanceOf(SourceException.class);
    }

    @Test
    void aSmallFileThatExpandsToMillionsOfNodesStopsEarly() {
        StringBuilder bomb = new StringBuilder("x-0: &l0 [a, a, a, a, a, a, a, a, a, a]\n");
        for (int level = 1; level <= 7; level++) {
            bomb.append("x-").append(level).append(": &l").append(level).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*l" + (level - 1)))).append("]\n");
        }
        assertThatThrownBy(() -> read(bomb.toString())).isInstanceOf(SourceException.class)
                .hasMessageContaining("expands to more than " + (YamlReader.BASE_NODES + bomb.length()) + " nodes");
    }

    @Test
    void aLargeFileWithoutAliasesIsNotMistakenForABomb() {
        String many = "items:\n" + "  - a\n".repeat(150_000);
        assertThat(read(many).seq("items").items()).hasSize(150_000);
    }

    @Test
    void positionsAfterSupplementaryCharactersAndBom() {
        String text = "\uFEFFa: \"\uD83D\uDE00\"\nb: x\n";
        MapNode root = read(text);
        ScalarNode b = root.scalar("b");
        assertThat(b.file().text(b.span())).isEqualTo("x");
        assertThat(b.line()).isEqualTo(2);
        assertThat(root.scalar("a").value()).isEqualTo("\uD83D\uDE00");
    }

    @Test
    void localTagsAreKept() {
        MapNode root = read("a: !reset []\nb: !override {x: 1}\n");
        assertThat(root.get("a").tag()).isEqualTo("!reset");
        assertThat(root.get("b").tag()).isEqualTo("!override");
    }
}
