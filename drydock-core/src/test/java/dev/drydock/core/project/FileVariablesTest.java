package dev.drydock.core.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FileVariablesTest {

    @Test
    void makeAndShellVariablesSetToLiteralsAreReadIntoImageNames() {
        String make = "IMAGE ?= ghcr.io/acme/api\nTAG = $(shell git describe)\n\nimage:\n\tdocker build -t $(IMAGE):$(TAG) .\n";
        assertThat(FileVariables.expand("Makefile", make, "$(IMAGE):$(TAG)")).isEqualTo("ghcr.io/acme/api:$(TAG)");
        assertThat(FileVariables.expand("Makefile", make, "$IMAGE")).isEqualTo("$IMAGE");
        String shell = "#!/bin/sh\nIMAGE=\"acme/api\"\ndocker build -t \"$IMAGE:$1\" .\n";
        assertThat(FileVariables.expand("scripts/build.sh", shell, "$IMAGE:$1")).isEqualTo("acme/api:$1");
        assertThat(FileVariables.expand("scripts/build.sh", shell, "$(IMAGE)")).isEqualTo("$(IMAGE)");
    }

    @Test
    void aNameSetTwiceOrInAnotherFileStaysUnknown() {
        String make = "IMAGE := acme/api\nifdef CI\nIMAGE := ghcr.io/acme/api\nendif\n";
        assertThat(FileVariables.expand("Makefile", make, "$(IMAGE)")).isEqualTo("$(IMAGE)");
        assertThat(FileVariables.expand(".github/workflows/ci.yml", "IMAGE=acme/api\n", "$IMAGE")).isEqualTo("$IMAGE");
    }
}
