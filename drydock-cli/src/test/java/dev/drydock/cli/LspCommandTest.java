package dev.drydock.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The language server itself is tested over the protocol in drydock-lsp; here, that the command exists. */
class LspCommandTest {

    @Test
    void theCommandIsListedAndExplainsItself() {
        assertThat(CliRun.of("--help").out()).contains("lsp");
        CliRun help = CliRun.of("lsp", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("Language Server Protocol").contains("--[no-]shellcheck");
    }
}
