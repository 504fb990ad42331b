package dev.drydock.core.rules.support;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.drydock.core.manifest.Pep440Version;
import org.junit.jupiter.api.Test;

class PypiVersionRangesTest {

    private static final Pep440Version V030 = Pep440Version.parse("0.30.0").orElseThrow();

    @Test
    void capsBelowTheVersion() {
        for (String c : new String[] {"==0.29.0", "<0.30", "<=0.29.9", "~=0.29.0", "==0.29.*", "^0.29.1", "~0.29",
            ">=0.20,<0.30", "0.29.0", "==0.3.*"}) {
            assertFalse(PypiVersionRanges.allowsFrom(c, V030), c);
        }
    }

    @Test
    void admitsTheVersionOrLater() {
        for (String c : new String[] {"", "*", ">=0.20", "==0.30.0", "~=0.29", "^0.30", "<1.0", "!=0.29.0",
            "==0.30.*", "@ https://example.org/uvicorn.whl", "<=0.30"}) {
            assertTrue(PypiVersionRanges.allowsFrom(c, V030), c);
        }
    }
}
