package dev.drydock.core.app;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The entries of a JavaScript object literal as a configuration file writes it ({@code defineConfig({...})},
 * {@code adapter({ out: 'build' })}): each key with the tokens of its value.
 */
final class JsObjectLiteral {

    /** The key under which {@link #entries} files the first spread ({@code ...shared}), whose keys cannot be told. */
    static final String SPREAD = "...";

    private JsObjectLiteral() {}

    /**
     * The index of the configuration object's opening brace: {@code NAME({...})} for one of {@code calls}, or
     * {@code export default {...}}; -1 when there is neither.
     */
    static int configObject(List<Tok> toks, String... calls) {
        for (int i = 0; i + 2 < toks.size(); i++) {
            for (String call : calls) {
                if (toks.get(i).isName(call) && toks.get(i + 1).is("(") && toks.get(i + 2).is("{")) {
                    return i + 2;
                }
            }
            if (toks.get(i).isName("export") && toks.get(i + 1).isName("default") && toks.get(i + 2).is("{")) {
                return i + 2;
            }
        }
        return -1;
    }

    /**
     * The entries of the object literal opening at {@code open}: each key with the tokens of its value; a shorthand
     * entry ({@code server,}) with its name, and the first spread under {@link #SPREAD}.
     */
    static Map<String, List<Tok>> entries(List<Tok> toks, int open) {
        Map<String, List<Tok>> out = new LinkedHashMap<>();
        int close = Tok.closing(toks, open);
        int i = open + 1;
        while (i < close) {
            Tok key = toks.get(i);
            boolean named = (key.isName() || key.isLiteralString()) && i + 1 < close && toks.get(i + 1).is(":");
            int end = i;
            while (end < close && !toks.get(end).is(",")) {
                Tok t = toks.get(end);
                end = t.is("(") || t.is("[") || t.is("{") ? Tok.closing(toks, end) + 1 : end + 1;
            }
            if (named && i + 2 < Math.min(end, close)) {
                out.putIfAbsent(key.isName() ? key.text() : key.value(), toks.subList(i + 2, Math.min(end, close)));
            } else if (key.isName() && end == i + 1) {
                out.putIfAbsent(key.text(), toks.subList(i, i + 1));
            } else if (key.is("...")) {
                out.putIfAbsent(SPREAD, toks.subList(i, Math.min(end, close)));
            }
            i = end + 1;
        }
        return out;
    }
}
