package dev.drydock.core.image;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The raw grammar (distribution's {@code Parse}, before Docker Hub normalisation): domain, path, tag. */
class ReferenceGrammarTest {

    static final String SHA = "sha256:" + "f".repeat(64);

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", textBlock = """
            test_com,                       '',                 test_com,           -
            test.com:tag,                   '',                 test.com,           tag
            test.com:5000,                  '',                 test.com,           5000
            test.com/repo:tag,              test.com,           repo,               tag
            test:5000/repo,                 test:5000,          repo,               -
            test:5000/repo:tag,             test:5000,          repo,               tag
            a/b,                            a,                  b,                  -
            foo_bar.com:8080,               '',                 foo_bar.com,        8080
            foo/foo_bar.com:8080,           foo,                foo_bar.com,        8080
            foo_bar.com/x,                  '',                 foo_bar.com/x,      -
            192.168.1.1,                    '',                 192.168.1.1,        -
            192.168.1.1:5000/repo:5050,     192.168.1.1:5000,   repo,               5050
            [2001:db8::1]/repo,             [2001:db8::1],      repo,               -
            [2001:db8::]:5000/repo,         [2001:db8::]:5000,  repo,               -
            [::1]:5000/repo,                [::1]:5000,         repo,               -
            sub-dom1.foo.com/bar/baz/quux:some-long-tag, sub-dom1.foo.com, bar/baz/quux, some-long-tag
            xn--7o8h.com/myimage:xn--7o8h.com, xn--7o8h.com,    myimage,            xn--7o8h.com
            lowercase:Uppercase,            '',                 lowercase,          Uppercase
            Uppercase/lowercase:tag,        Uppercase,          lowercase,          tag
            """)
    void splitsDomainPathAndTag(String input, String domain, String path, String tag) {
        ReferenceGrammar.Match m = ReferenceGrammar.match(input);
        assertThat(m).as(input).isNotNull();
        assertThat(m.domain()).isEqualTo(domain);
        assertThat(m.path()).isEqualTo(path);
        assertThat(m.tag()).isEqualTo(tag);
    }

    @Test
    void rejects() {
        for (String bad : new String[] {
            "", ":justtag", "@" + SHA, "Uppercase:tag", "test:5000/Uppercase/lowercase:tag", "aa/asdf$$^/aa",
            "[2001:db8::1]", "[2001:db8::1]:5000", "[2001:db8::1]:tag", "[fe80::1%eth0]:5000/repo",
            "[fe80::1%@invalidzone]:5000/repo", "a//b", "a/", "a:b:c", "a@sha256:" + "f".repeat(31), "a@1sha:" + "f".repeat(32),
        }) {
            assertThat(ReferenceGrammar.match(bad)).as(bad).isNull();
        }
        ReferenceGrammar.Match digest = ReferenceGrammar.match("test:5000/repo:tag@" + SHA);
        assertThat(digest.digest()).isEqualTo(SHA);
        assertThat(digest.tag()).isEqualTo("tag");
        // the grammar accepts any well-formed digest; the algorithm is checked afterwards
        assertThat(ReferenceGrammar.match("validname@invaliddigest:" + "f".repeat(64))).isNotNull();
        assertThat(ReferenceGrammar.digestProblem("invaliddigest:" + "f".repeat(64))).contains("unsupported");
    }

    @Test
    void pathComponents() {
        for (String ok : new String[] {"a", "a.b", "a_b", "a__b", "a-b", "a---b", "0", "a1.b2_c3__d4--e5"}) {
            assertThat(ReferenceGrammar.isPathComponent(ok, 0, ok.length())).as(ok).isTrue();
        }
        for (String bad : new String[] {"", "A", "-a", "a-", "_a", "a_", "a..b", "a___b", "a._b", "a-.b", "a.-b", "a b"}) {
            assertThat(ReferenceGrammar.isPathComponent(bad, 0, bad.length())).as(bad).isFalse();
        }
    }

    @Test
    void domains() {
        for (String ok : new String[] {"a", "A.b", "a-b.c", "a--b", "1.2.3.4", "x:1", "[::1]", "[::1]:80", "[fE80::]"}) {
            assertThat(ReferenceGrammar.isDomainAndPort(ok, 0, ok.length())).as(ok).isTrue();
        }
        for (String bad : new String[] {"", "-a", "a-", "a.", ".a", "a..b", "a_b", "a:", "a:b", "[]", "[::1", "[g::]", "[::1]x"}) {
            assertThat(ReferenceGrammar.isDomainAndPort(bad, 0, bad.length())).as(bad).isFalse();
        }
    }
}
