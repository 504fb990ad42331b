package dev.drydock.core.shell;

import dev.drydock.core.source.Span;

/**
 * A here-document inside the script: {@code cat <<EOF > /etc/x.conf}, its body lines, and the
 * delimiter line. When the delimiter is quoted ({@code <<'EOF'}) the body is literal; otherwise its
 * {@code $}-expansions and command substitutions are parts of {@link #body()}.
 */
public final class HereDoc {

    private final String delimiter;
    private final boolean quoted;
    private final boolean stripTabs;
    private Word body;
    private Span bodySpan;
    private boolean terminated;

    HereDoc(String delimiter, boolean quoted, boolean stripTabs) {
        this.delimiter = delimiter;
        this.quoted = quoted;
        this.stripTabs = stripTabs;
    }

    void complete(Word body, Span bodySpan, boolean terminated) {
        this.body = body;
        this.bodySpan = bodySpan;
        this.terminated = terminated;
    }

    /** The delimiter after quote removal ({@code EOF} for {@code <<'EOF'}). */
    public String delimiter() {
        return delimiter;
    }

    /** The delimiter was quoted: no expansion in the body. */
    public boolean quoted() {
        return quoted;
    }

    /** {@code <<-}: leading tabs removed. */
    public boolean stripTabs() {
        return stripTabs;
    }

    /** The body (without the delimiter line); its value has leading tabs removed for {@code <<-}. */
    public Word body() {
        return body;
    }

    /** The body lines in the file. */
    public Span bodySpan() {
        return bodySpan;
    }

    /** The delimiter line was found (else the body ran to the end of the text, a recorded problem). */
    public boolean terminated() {
        return terminated;
    }

    @Override
    public String toString() {
        return "<<" + delimiter;
    }
}
