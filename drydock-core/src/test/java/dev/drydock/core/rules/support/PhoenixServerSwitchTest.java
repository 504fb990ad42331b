package dev.drydock.core.rules.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PhoenixServerSwitchTest {

    private static final String GENERATED = """
            import Config

            # PHX_SERVER=true bin/shop start
            if System.get_env("PHX_SERVER") do
              config :shop, ShopWeb.Endpoint, server: true
            end

            if config_env() == :prod do
              config :shop, ShopWeb.Endpoint, http: [port: 4000]
            end
            """;

    @Test
    void readsTheGeneratedSwitchAndItsLine() {
        PhoenixServerSwitch.Gate gate = PhoenixServerSwitch.read(GENERATED, List.of()).orElseThrow();
        assertEquals("PHX_SERVER", gate.variable());
        assertEquals(4, gate.line());
    }

    @Test
    void readsTheSwitchThatAlsoAsksForReleaseName() {
        String text = GENERATED.replace("if System.get_env(\"PHX_SERVER\") do",
                "if System.get_env(\"PHX_SERVER\") && System.get_env(\"RELEASE_NAME\") do");
        assertEquals("PHX_SERVER", PhoenixServerSwitch.read(text, List.of()).orElseThrow().variable());
    }

    @Test
    void noSwitchWhenTheServerIsAlwaysOn() {
        assertTrue(PhoenixServerSwitch.read("""
                import Config
                config :shop, ShopWeb.Endpoint, server: true
                """, List.of()).isEmpty());
    }

    @Test
    void noSwitchWhenRuntimeExsSetsTheServerElsewhereToo() {
        String text = GENERATED + "config :shop, ShopWeb.Endpoint, server: System.get_env(\"WEB\") != nil\n";
        assertTrue(PhoenixServerSwitch.read(text, List.of()).isEmpty());
    }

    @Test
    void noSwitchWhenAnotherConfigurationSetsTheServer() {
        assertTrue(PhoenixServerSwitch.read(GENERATED,
                List.of("import Config\nconfig :shop, ShopWeb.Endpoint, server: true\n")).isEmpty());
    }

    @Test
    void commentsAndPubsubServerDoNotCount() {
        String config = """
                import Config
                config :shop, ShopWeb.Endpoint, pubsub_server: Shop.PubSub
                # config :shop, ShopWeb.Endpoint, server: true
                """;
        assertTrue(PhoenixServerSwitch.read(GENERATED, List.of(config)).isPresent());
    }

    @Test
    void noSwitchWhenTheBlockSetsSomethingElse() {
        assertTrue(PhoenixServerSwitch.read("""
                if System.get_env("PHX_SERVER") do
                  config :shop, :feature, true
                end
                """, List.of()).isEmpty());
    }

    @Test
    void nothingToReadGivesNoSwitch() {
        assertTrue(PhoenixServerSwitch.read(null, List.of()).isEmpty());
        assertTrue(PhoenixServerSwitch.read("if System.get_env(\"PHX_SERVER\") do\n  server: true\n", List.of()).isEmpty());
    }
}
