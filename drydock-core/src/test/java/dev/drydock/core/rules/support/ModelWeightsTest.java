package dev.drydock.core.rules.support;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ModelWeightsTest {

    @Test
    void sixteenBitWeightsTakeTwoBytesAParameter() {
        ModelWeights llama = ModelWeights.of("meta-llama/Llama-3.1-8B-Instruct").orElseThrow();
        assertThat(llama.parameters()).isEqualTo("8");
        assertThat(llama.precision()).isEqualTo("16 bits");
        assertThat(llama.gib()).isEqualTo(15);
        assertThat(ModelWeights.of("Qwen/Qwen2.5-0.5B-Instruct").orElseThrow().parameters()).isEqualTo("0.5");
        assertThat(ModelWeights.of("Qwen/Qwen3-30B-A3B").orElseThrow().parameters()).isEqualTo("30");
    }

    @Test
    void quantizedCheckpointsTakeLess() {
        assertThat(ModelWeights.of("Qwen/Qwen2.5-7B-Instruct-AWQ").orElseThrow().bytesPerParameter()).isEqualTo(0.5);
        assertThat(ModelWeights.of("neuralmagic/Meta-Llama-3.1-70B-Instruct-FP8").orElseThrow().gib()).isEqualTo(66);
    }

    @Test
    void namesWithoutACountAreUnknown() {
        assertThat(ModelWeights.of("microsoft/phi-2")).isEmpty();
        assertThat(ModelWeights.of("mistralai/Mixtral-8x7B-Instruct-v0.1")).isEmpty();
        assertThat(ModelWeights.of("sentence-transformers/all-MiniLM-L6-v2")).isEmpty();
    }
}
