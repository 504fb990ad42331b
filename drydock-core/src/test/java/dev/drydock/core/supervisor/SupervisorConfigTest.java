package dev.drydock.core.supervisor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.drydock.core.source.SourceFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SupervisorConfigTest {

    private static SupervisorConfig parse(String text) {
        return SupervisorConfig.parse(SourceFile.of("supervisord.conf", text));
    }

    @Test
    void sectionsKeysAndInlineComments() {
        SupervisorConfig c = parse("""
                ; a comment
                [supervisord]
                nodaemon = true ; stay in front
                user: root

                [program:web]
                command=gunicorn --bind 0.0.0.0:8000 app:app # the server
                Stopwaitsecs=30
                """);
        assertThat(c.sections()).extracting(SupervisorConfig.Section::name).containsExactly("supervisord", "program:web");
        assertThat(c.section("supervisord").orElseThrow().value("nodaemon").orElseThrow().text()).isEqualTo("true");
        assertThat(c.section("supervisord").orElseThrow().value("user").orElseThrow().text()).isEqualTo("root");
        SupervisorConfig.Value command = c.section("program:web").orElseThrow().value("command").orElseThrow();
        assertThat(command.text()).isEqualTo("gunicorn --bind 0.0.0.0:8000 app:app");
        assertThat(command.span().startLine()).isEqualTo(7);
        assertThat(c.section("program:web").orElseThrow().value("stopwaitsecs").orElseThrow().text()).isEqualTo("30");
    }

    @Test
    void indentedLinesContinueTheValue() {
        SupervisorConfig c = parse("""
                [include]
                files = conf.d/*.conf
                    extra/*.ini
                """);
        SupervisorConfig.Value files = c.section("include").orElseThrow().value("files").orElseThrow();
        assertThat(files.text()).isEqualTo("conf.d/*.conf\nextra/*.ini");
        assertThat(files.span().endLine()).isEqualTo(3);
    }

    @Test
    void expansions() {
        String value = "%(ENV_APP_HOME)s/bin/%(program_name)s_%(process_num)02d --log %(here)s/x.log 100%%";
        assertThat(SupervisorConfig.expand(value, Map.of("APP_HOME", "/srv"), "/etc/supervisor", "web"))
                .isEqualTo("/srv/bin/web_00 --log /etc/supervisor/x.log 100%");
        assertThat(SupervisorConfig.expand("%(ENV_MISSING)s", Map.of(), "/", "web")).isEqualTo("%(ENV_MISSING)s");
    }
}
