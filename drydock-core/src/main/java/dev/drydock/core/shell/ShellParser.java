package dev.drydock.core.shell;

import dev.drydock.core.shell.CommandNode.ArithmeticCommand;
import dev.drydock.core.shell.CommandNode.BraceGroup;
import dev.drydock.core.shell.CommandNode.CaseClause;
import dev.drydock.core.shell.CommandNode.CaseClause.CaseItem;
import dev.drydock.core.shell.CommandNode.ForClause;
import dev.drydock.core.shell.CommandNode.FunctionDefinition;
import dev.drydock.core.shell.CommandNode.IfClause;
import dev.drydock.core.shell.CommandNode.SimpleCommand;
import dev.drydock.core.shell.CommandNode.Subshell;
import dev.drydock.core.shell.CommandNode.TestCommand;
import dev.drydock.core.shell.CommandNode.WhileClause;
import dev.drydock.core.source.MappedText;
import dev.drydock.core.source.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Recursive-descent lexer and parser for the POSIX shell command language (XCU chapter 2) and the
 * bash extensions common in Dockerfiles. Works on the characters {@code from..limit} of a
 * {@link MappedText}; one instance per text region (backquoted bodies and heredoc bodies get their
 * own). Never throws on bad input: problems are recorded in the {@link ParseContext} and parsing
 * resumes at the next sensible token.
 */
final class ShellParser {

    /** Deepest nesting of constructs (quotes, substitutions, compound commands) analysed. */
    static final int MAX_DEPTH = 80;

    private enum Kind { WORD, OP, REDIR, NEWLINE, EOF }

    private record Token(Kind kind, int start, int end, String op, String fd, Word word) {}

    private enum Mode {
        /** A command word: ends at blanks and operators. */
        NORMAL,
        /** Inside {@code [[ ]]}: {@code < > ( )} are ordinary inside a word. */
        TEST,
        /** The word of {@code ${x:-word}}: ends at an unquoted {@code }}. */
        PARAM,
        /** The same inside double quotes: single quotes are literal. */
        PARAM_DQ
    }

    private record PendingDoc(HereDoc doc, int opStart, int opEnd) {}

    // closing reserved words, as bits (for stop sets) and indexes (for the count of enclosing openers)
    private static final int THEN = 1;
    private static final int ELIF = 2;
    private static final int ELSE = 4;
    private static final int FI = 8;
    private static final int DO = 16;
    private static final int DONE = 32;
    private static final int ESAC = 64;
    private static final int RBRACE = 128;

    private static final String[] REDIRECT_OPS = {"<<<", "<<-", "<<", "<&", "<>", "<", ">>", ">&", ">|", ">", "&>>", "&>"};
    private static final String[] CONTROL_OPS = {"&&", "&", "||", "|&", "|", ";;&", ";;", ";&", ";", "(", ")"};
    private static final String[] PARAM_OPS = {":-", ":=", ":?", ":+", "##", "%%", "//", "/#", "/%", "^^", ",,",
        "-", "=", "?", "+", "#", "%", "/", "^", ",", "@", ":"};

    private final ParseContext ctx;
    private final MappedText text;
    private final String src;
    private final int limit;
    private int pos;
    private Token peeked;
    /** End of the last token that belongs to a node (newlines and separators excluded). */
    private int lastEnd;
    private final List<PendingDoc> pending = new ArrayList<>();
    /** How many enclosing constructs wait for each closing word (indexed by bit position). */
    private int[] closers = new int[8];
    private int parenDepth;
    private int caseDepth;

    ShellParser(ParseContext ctx, MappedText text, int from, int limit) {
        this.ctx = ctx;
        this.text = text;
        this.src = text.text();
        this.limit = Math.min(limit, src.length());
        this.pos = Math.min(from, this.limit);
        this.lastEnd = this.pos;
    }

    // ------------------------------------------------------------------ entry points

    /** Parses the whole region as a script. */
    StatementList parseScript() {
        StatementList list = parseList(0);
        // parseList stops at the end of the region only, at top level
        finishPendingHereDocs();
        return list;
    }

    /** Here-documents whose body never started (no newline after their line): empty, with a problem. */
    private void finishPendingHereDocs() {
        for (PendingDoc doc : pending) {
            problem(doc.opStart, doc.opEnd, "here-document delimiter '" + doc.doc.delimiter() + "' not found");
            doc.doc.complete(new WordBuilder(text, limit).build(limit), Texts.span(text, limit, limit), false);
        }
        pending.clear();
    }

    /** Parses the region as a here-document body. */
    Word parseHereDocBody(boolean quoted, boolean stripTabs) {
        WordBuilder wb = new WordBuilder(text, pos);
        boolean lineStart = true;
        while (pos < limit) {
            if (stripTabs && lineStart) {
                while (pos < limit && src.charAt(pos) == '\t') {
                    pos++;
                }
                lineStart = false;
                continue;
            }
            lineStart = false;
            char c = src.charAt(pos);
            if (quoted) {
                wb.literal(c, pos, pos, pos + 1);
                pos++;
                lineStart = c == '\n';
                continue;
            }
            switch (c) {
                case '\\' -> {
                    int n = at(pos + 1);
                    if (n == '$' || n == '`' || n == '\\') {
                        wb.literal((char) n, pos + 1, pos, pos + 2);
                        pos += 2;
                    } else if (n == '\n') {
                        pos += 2;
                    } else {
                        wb.literal(c, pos, pos, pos + 1);
                        pos++;
                    }
                }
                case '$' -> dollar(wb, true, Mode.PARAM_DQ);
                case '`' -> backquote(wb, false);
                default -> {
                    wb.literal(c, pos, pos, pos + 1);
                    pos++;
                    lineStart = c == '\n';
                }
            }
        }
        finishPendingHereDocs();
        return wb.build(pos);
    }

    // ------------------------------------------------------------------ grammar

    private StatementList parseList(int stops) {
        List<AndOrList> items = new ArrayList<>();
        boolean separated = true;
        int startIndex = peek().start;
        while (true) {
            while (peek().kind == Kind.NEWLINE) {
                next();
                separated = true;
            }
            Token t = peek();
            if (t.kind == Kind.EOF) {
                break;
            }
            if (t.kind == Kind.OP && !t.op.equals("(")) {
                if (t.op.equals(")")) {
                    if (parenDepth > 0) {
                        break;
                    }
                    problem(t, "unexpected ')' without a matching '('");
                } else if (t.op.startsWith(";;") || t.op.equals(";&")) {
                    if (caseDepth > 0) {
                        break;
                    }
                    problem(t, "unexpected '" + t.op + "' outside a case item");
                } else {
                    problem(t, "expected a command before '" + t.op + "'");
                }
                next();
                separated = true;
                continue;
            }
            int closer = closerBit(t);
            if (closer != 0) {
                if ((stops & closer) != 0 || closers[Integer.numberOfTrailingZeros(closer)] > 0) {
                    break;
                }
                problem(t, "unexpected '" + t.word.raw() + "'" + opener(closer));
                next();
                separated = true;
                continue;
            }
            if (!separated) {
                problem(t, "expected ';' or a newline before '" + excerpt(t) + "'");
            }
            AndOrList item = parseAndOr();
            if (item == null) {
                Token now = peek();
                if (now.start == t.start && now.kind != Kind.EOF) {
                    problem(now, "unexpected '" + excerpt(now) + "'");
                    next();
                }
                separated = true;
                continue;
            }
            items.add(item);
            separated = item.separator() != null;
        }
        Span span = items.isEmpty()
                ? Texts.span(text, startIndex, startIndex)
                : Texts.cover(ctx.file, items.get(0).span(), items.get(items.size() - 1).span());
        return new StatementList(items, span);
    }

    private AndOrList parseAndOr() {
        Pipeline first = parsePipeline();
        if (first == null) {
            return null;
        }
        List<Pipeline> pipelines = new ArrayList<>();
        List<Operator> operators = new ArrayList<>();
        pipelines.add(first);
        while (true) {
            Token t = peek();
            if (t.kind != Kind.OP || !(t.op.equals("&&") || t.op.equals("||"))) {
                break;
            }
            next();
            skipNewlines();
            Pipeline p = canStartCommand(peek()) ? parsePipeline() : null;
            if (p == null) {
                problem(t, "expected a command after '" + t.op + "'");
                break;
            }
            operators.add(Operator.of(t.op));
            pipelines.add(p);
        }
        Operator separator = null;
        Token t = peek();
        if (t.kind == Kind.OP && (t.op.equals(";") || t.op.equals("&"))) {
            next();
            separator = Operator.of(t.op);
        } else if (t.kind == Kind.NEWLINE) {
            next();
            separator = Operator.NEWLINE;
        }
        Span span = Texts.cover(ctx.file, first.span(), pipelines.get(pipelines.size() - 1).span());
        return new AndOrList(pipelines, operators, separator, span);
    }

    private Pipeline parsePipeline() {
        Token t = peek();
        int start = t.start;
        boolean negated = false;
        boolean bang = false;
        while (isWord(t, "!")) {
            next();
            negated = !negated;
            bang = true;
            t = peek();
        }
        CommandNode first = canStartCommand(t) ? parseCommand() : null;
        if (first == null) {
            if (bang) {
                problem(start, start + 1, "expected a command after '!'");
            }
            return null;
        }
        List<CommandNode> commands = new ArrayList<>();
        List<Operator> operators = new ArrayList<>();
        commands.add(first);
        while (true) {
            Token op = peek();
            if (op.kind != Kind.OP || !(op.op.equals("|") || op.op.equals("|&"))) {
                break;
            }
            next();
            skipNewlines();
            CommandNode c = canStartCommand(peek()) ? parseCommand() : null;
            if (c == null) {
                problem(op, "expected a command after '" + op.op + "'");
                break;
            }
            operators.add(Operator.of(op.op));
            commands.add(c);
        }
        Span firstSpan = bang ? Texts.span(text, start, start + 1) : first.span();
        return new Pipeline(negated, commands, operators,
                Texts.cover(ctx.file, firstSpan, commands.get(commands.size() - 1).span()));
    }

    private CommandNode parseCommand() {
        Token t = peek();
        if (t.kind == Kind.OP && t.op.equals("(")) {
            if (!enter()) {
                return null;
            }
            try {
                if (at(t.start + 1) == '(' && isArithmetic(t.start + 2)) {
                    return parseArithmeticCommand(t);
                }
                return parseSubshell(t);
            } finally {
                leave();
            }
        }
        if (t.kind == Kind.WORD) {
            String raw = t.word.raw();
            boolean compound = switch (raw) {
                case "if", "while", "until", "for", "select", "case", "{", "function", "[[" -> true;
                default -> false;
            };
            if (compound) {
                if (!enter()) {
                    return null;
                }
                try {
                    return switch (raw) {
                        case "if" -> parseIf();
                        case "while", "until" -> parseWhile();
                        case "for", "select" -> parseFor();
                        case "case" -> parseCase();
                        case "{" -> parseBraceGroup();
                        case "function" -> parseFunctionKeyword();
                        default -> parseTest();
                    };
                } finally {
                    leave();
                }
            }
            return parseSimple();
        }
        if (t.kind == Kind.REDIR) {
            return parseSimple();
        }
        return null;
    }

    private CommandNode parseSimple() {
        int start = peek().start;
        List<Assignment> assignments = new ArrayList<>();
        List<Word> words = new ArrayList<>();
        List<Redirect> redirects = new ArrayList<>();
        while (true) {
            Token t = peek();
            if (t.kind == Kind.REDIR) {
                redirects.add(parseRedirect());
                continue;
            }
            if (t.kind != Kind.WORD) {
                break;
            }
            next();
            if (words.isEmpty() && t.word.assignment != null) {
                assignments.add(t.word.assignment);
                continue;
            }
            words.add(t.word);
            if (words.size() == 1 && assignments.isEmpty() && redirects.isEmpty()) {
                Token n = peek();
                if (n.kind == Kind.OP && n.op.equals("(")) {
                    return parseFunctionRest(t, start);
                }
            }
        }
        return new SimpleCommand(assignments, words, redirects, Texts.span(text, start, lastEnd));
    }

    /** After {@code name} with {@code (} next: a function definition {@code name() body}. */
    private CommandNode parseFunctionRest(Token name, int start) {
        Token open = next();
        if (!(peek().kind == Kind.OP && peek().op.equals(")"))) {
            problem(open, "unexpected '(' after '" + name.word.raw() + "' (a function definition needs '()')");
            List<Word> words = List.of(name.word);
            return new SimpleCommand(List.of(), words, List.of(), Texts.span(text, start, name.end));
        }
        next();
        skipNewlines();
        CommandNode body = null;
        if (!enter()) {
            return null;
        }
        try {
            body = canStartCommand(peek()) ? parseCommand() : null;
        } finally {
            leave();
        }
        if (body == null) {
            problem(name, "expected a body for function '" + name.word.value() + "'");
        }
        return new FunctionDefinition(name.word.value(), body, Texts.span(text, start, lastEnd));
    }

    private CommandNode parseFunctionKeyword() {
        Token keyword = next();
        Token name = peek();
        String fname = "";
        if (name.kind == Kind.WORD) {
            next();
            fname = name.word.value();
        } else {
            problem(keyword, "expected a function name after 'function'");
        }
        if (peek().kind == Kind.OP && peek().op.equals("(")) {
            Token open = next();
            if (peek().kind == Kind.OP && peek().op.equals(")")) {
                next();
            } else {
                problem(open, "expected ')' after '('");
            }
        }
        skipNewlines();
        CommandNode body = canStartCommand(peek()) ? parseCommand() : null;
        if (body == null) {
            problem(keyword, "expected a body for function '" + fname + "'");
        }
        return new FunctionDefinition(fname, body, Texts.span(text, keyword.start, lastEnd));
    }

    private Redirect parseRedirect() {
        Token t = next();
        RedirectOperator op = RedirectOperator.of(t.op);
        Word target = null;
        HereDoc doc = null;
        Token w = peek();
        if (w.kind == Kind.WORD) {
            next();
            target = w.word;
        } else {
            problem(t, "expected a word after '" + t.op + "'");
        }
        if (op.isHereDoc() && target != null) {
            doc = new HereDoc(target.value(), target.isQuoted(), op == RedirectOperator.HEREDOC_STRIP);
            pending.add(new PendingDoc(doc, t.start, target.end));
        }
        return new Redirect(t.fd, op, target, doc, Texts.span(text, t.start, lastEnd));
    }

    private List<Redirect> parseRedirects() {
        List<Redirect> redirects = new ArrayList<>();
        while (peek().kind == Kind.REDIR) {
            redirects.add(parseRedirect());
        }
        return redirects;
    }

    private CommandNode parseSubshell(Token open) {
        next();
        parenDepth++;
        StatementList body = parseList(0);
        parenDepth--;
        expectOp(")", open, "missing ')' to close '('");
        List<Redirect> redirects = parseRedirects();
        return new Subshell(body, redirects, Texts.span(text, open.start, lastEnd));
    }

    private CommandNode parseArithmeticCommand(Token open) {
        peeked = null;
        pos = open.start + 2;
        WordBuilder eb = new WordBuilder(text, pos);
        String expression = arithmetic(eb, open.start, open.start + 2, "((");
        lastEnd = pos;
        List<Redirect> redirects = parseRedirects();
        return new ArithmeticCommand(expression, eb.parts(), redirects, Texts.span(text, open.start, lastEnd));
    }

    private CommandNode parseBraceGroup() {
        Token open = next();
        closers[7]++;
        StatementList body = parseList(RBRACE);
        closers[7]--;
        expectWord("}", open, "missing '}' to close '{'");
        List<Redirect> redirects = parseRedirects();
        return new BraceGroup(body, redirects, Texts.span(text, open.start, lastEnd));
    }

    private CommandNode parseIf() {
        Token keyword = next();
        open(THEN | ELIF | ELSE | FI, 1);
        List<IfClause.Branch> branches = new ArrayList<>();
        StatementList elseBody = null;
        Token branchKeyword = keyword;
        while (true) {
            StatementList condition = parseList(THEN);
            if (condition.isEmpty()) {
                problem(branchKeyword, "expected a condition after '" + branchKeyword.word.raw() + "'");
            }
            expectWord("then", branchKeyword, "missing 'then' after '" + branchKeyword.word.raw() + "'");
            StatementList body = parseList(ELIF | ELSE | FI);
            branches.add(new IfClause.Branch(condition, body));
            if (isWord(peek(), "elif")) {
                branchKeyword = next();
                continue;
            }
            break;
        }
        if (isWord(peek(), "else")) {
            next();
            elseBody = parseList(FI);
        }
        open(THEN | ELIF | ELSE | FI, -1);
        expectWord("fi", keyword, "missing 'fi' to close 'if'");
        List<Redirect> redirects = parseRedirects();
        return new IfClause(branches, elseBody, redirects, Texts.span(text, keyword.start, lastEnd));
    }

    private CommandNode parseWhile() {
        Token keyword = next();
        open(DO | DONE, 1);
        StatementList condition = parseList(DO);
        if (condition.isEmpty()) {
            problem(keyword, "expected a condition after '" + keyword.word.raw() + "'");
        }
        StatementList body = parseDoGroup(keyword);
        open(DO | DONE, -1);
        expectWord("done", keyword, "missing 'done' to close '" + keyword.word.raw() + "'");
        List<Redirect> redirects = parseRedirects();
        return new WhileClause(keyword.word.raw().equals("until"), condition, body, redirects,
                Texts.span(text, keyword.start, lastEnd));
    }

    /** {@code do list} (the caller expects {@code done}). */
    private StatementList parseDoGroup(Token keyword) {
        expectWord("do", keyword, "missing 'do' in '" + keyword.word.raw() + "' loop");
        return parseList(DONE);
    }

    private CommandNode parseFor() {
        Token keyword = next();
        boolean select = keyword.word.raw().equals("select");
        open(DO | DONE, 1);
        String variable = null;
        List<Word> items = null;
        String arithmetic = null;
        Token t = peek();
        if (!select && t.kind == Kind.OP && t.op.equals("(") && at(t.start + 1) == '(') {
            peeked = null;
            pos = t.start + 2;
            arithmetic = arithmetic(new WordBuilder(text, pos), t.start, t.start + 2, "((");
            lastEnd = pos;
            if (peek().kind == Kind.OP && peek().op.equals(";")) {
                next();
            }
        } else {
            if (t.kind == Kind.WORD) {
                next();
                variable = t.word.value();
            } else {
                problem(keyword, "expected a variable name after '" + keyword.word.raw() + "'");
            }
            skipNewlines();
            if (isWord(peek(), "in")) {
                next();
                items = new ArrayList<>();
                while (peek().kind == Kind.WORD) {
                    items.add(next().word);
                }
                Token end = peek();
                if (end.kind == Kind.NEWLINE || (end.kind == Kind.OP && end.op.equals(";"))) {
                    next();
                }
            } else if (peek().kind == Kind.OP && peek().op.equals(";")) {
                next();
            }
        }
        skipNewlines();
        StatementList body = parseDoGroup(keyword);
        open(DO | DONE, -1);
        expectWord("done", keyword, "missing 'done' to close '" + keyword.word.raw() + "'");
        List<Redirect> redirects = parseRedirects();
        return new ForClause(select, variable, items, arithmetic, body, redirects,
                Texts.span(text, keyword.start, lastEnd));
    }

    private CommandNode parseCase() {
        Token keyword = next();
        Word subject = null;
        if (peek().kind == Kind.WORD) {
            subject = next().word;
        } else {
            problem(keyword, "expected a word after 'case'");
        }
        skipNewlines();
        expectWord("in", keyword, "missing 'in' after 'case " + (subject == null ? "" : subject.raw()) + "'");
        open(ESAC, 1);
        int savedCase = caseDepth;
        caseDepth = 1;
        List<CaseItem> items = new ArrayList<>();
        while (true) {
            skipNewlines();
            Token t = peek();
            if (t.kind == Kind.EOF || isWord(t, "esac")) {
                break;
            }
            int closer = closerBit(t);
            if (closer != 0 && closers[Integer.numberOfTrailingZeros(closer)] > 0 && closer != ESAC) {
                break;
            }
            if (t.kind == Kind.OP && t.op.equals(")") && parenDepth > 0) {
                break;
            }
            int itemStart = t.start;
            if (t.kind == Kind.OP && t.op.equals("(")) {
                next();
            }
            List<Word> patterns = new ArrayList<>();
            while (peek().kind == Kind.WORD) {
                patterns.add(next().word);
                if (peek().kind == Kind.OP && peek().op.equals("|")) {
                    next();
                } else {
                    break;
                }
            }
            if (peek().kind == Kind.OP && peek().op.equals(")")) {
                next();
            } else {
                problem(peek(), "expected ')' after a case pattern");
            }
            StatementList body = parseList(ESAC);
            Operator terminator = null;
            Token end = peek();
            if (end.kind == Kind.OP && (end.op.startsWith(";;") || end.op.equals(";&"))) {
                next();
                terminator = Operator.of(end.op);
            }
            items.add(new CaseItem(patterns, body, terminator, Texts.span(text, itemStart, lastEnd)));
            if (peek().start == itemStart && peek().kind != Kind.EOF) {
                problem(peek(), "unexpected '" + excerpt(peek()) + "' in case");
                next();
            }
        }
        caseDepth = savedCase;
        open(ESAC, -1);
        expectWord("esac", keyword, "missing 'esac' to close 'case'");
        List<Redirect> redirects = parseRedirects();
        return new CaseClause(subject, items, redirects, Texts.span(text, keyword.start, lastEnd));
    }

    private CommandNode parseTest() {
        Token open = next();
        List<Word> words = new ArrayList<>();
        while (true) {
            skipBlanks();
            while (pos < limit && src.charAt(pos) == '\n') {
                pos++;
                skipBlanks();
            }
            if (pos >= limit) {
                problem(open, "missing ']]' to close '[['");
                break;
            }
            if (src.startsWith("]]", pos) && isDelimiter(at(pos + 2))) {
                pos += 2;
                lastEnd = pos;
                break;
            }
            int before = pos;
            char c = src.charAt(pos);
            Word w;
            if (src.startsWith("&&", pos) || src.startsWith("||", pos)) {
                w = literalWord(pos, pos + 2);
            } else if (c == '(' || c == ')' || ((c == '<' || c == '>') && at(pos + 1) != '(')) {
                w = literalWord(pos, pos + 1);
            } else {
                w = scanWord(Mode.TEST, false);
            }
            if (pos == before) {
                problem(pos, pos + 1, "unexpected '" + c + "' in '[[ ]]'");
                pos++;
                continue;
            }
            words.add(w);
            lastEnd = pos;
        }
        List<Redirect> redirects = parseRedirects();
        return new TestCommand(words, redirects, Texts.span(text, open.start, lastEnd));
    }

    // ------------------------------------------------------------------ grammar helpers

    private void open(int bits, int delta) {
        for (int i = 0; i < 8; i++) {
            if ((bits & (1 << i)) != 0) {
                closers[i] += delta;
            }
        }
    }

    private void expectWord(String word, Token opener, String message) {
        if (isWord(peek(), word)) {
            next();
        } else {
            problem(opener, message);
        }
    }

    private void expectOp(String op, Token opener, String message) {
        Token t = peek();
        if (t.kind == Kind.OP && t.op.equals(op)) {
            next();
        } else {
            problem(opener, message);
        }
    }

    private void skipNewlines() {
        while (peek().kind == Kind.NEWLINE) {
            next();
        }
    }

    private static boolean isWord(Token t, String word) {
        return t.kind == Kind.WORD && t.word.raw().equals(word);
    }

    private boolean canStartCommand(Token t) {
        return switch (t.kind) {
            case WORD -> closerBit(t) == 0;
            case REDIR -> true;
            case OP -> t.op.equals("(");
            default -> false;
        };
    }

    private static int closerBit(Token t) {
        if (t.kind != Kind.WORD) {
            return 0;
        }
        return switch (t.word.raw()) {
            case "then" -> THEN;
            case "elif" -> ELIF;
            case "else" -> ELSE;
            case "fi" -> FI;
            case "do" -> DO;
            case "done" -> DONE;
            case "esac" -> ESAC;
            case "}" -> RBRACE;
            default -> 0;
        };
    }

    private static String opener(int closer) {
        return switch (closer) {
            case THEN, ELIF, ELSE, FI -> " without a matching 'if'";
            case DO, DONE -> " without a matching 'for', 'while' or 'until'";
            case ESAC -> " without a matching 'case'";
            default -> " without a matching '{'";
        };
    }

    private String excerpt(Token t) {
        return switch (t.kind) {
            case WORD -> t.word.raw().length() > 30 ? t.word.raw().substring(0, 30) + "..." : t.word.raw();
            case OP, REDIR -> t.op;
            case NEWLINE -> "newline";
            case EOF -> "end of script";
        };
    }

    // ------------------------------------------------------------------ tokens

    private Token peek() {
        if (peeked == null) {
            peeked = lex();
        }
        return peeked;
    }

    private Token next() {
        Token t = peek();
        peeked = null;
        if (t.kind == Kind.WORD || t.kind == Kind.REDIR
                || (t.kind == Kind.OP && !t.op.equals(";") && !t.op.equals("&"))) {
            lastEnd = t.end;
        }
        return t;
    }

    private Token lex() {
        skipBlanks();
        if (pos >= limit) {
            return new Token(Kind.EOF, limit, limit, null, null, null);
        }
        int start = pos;
        char c = src.charAt(pos);
        if (c == '\n') {
            pos++;
            readHereDocs();
            return new Token(Kind.NEWLINE, start, start + 1, null, null, null);
        }
        String fd = null;
        if (isDigit(c)) {
            int j = pos;
            while (j < limit && isDigit(src.charAt(j))) {
                j++;
            }
            if (j < limit && (src.charAt(j) == '<' || src.charAt(j) == '>') && at(j + 1) != '(') {
                fd = src.substring(pos, j);
                pos = j;
            }
        } else if (c == '{') {
            int j = pos + 1;
            if (j < limit && isNameStart(src.charAt(j))) {
                while (j < limit && isNameChar(src.charAt(j))) {
                    j++;
                }
                if (at(j) == '}' && (at(j + 1) == '<' || at(j + 1) == '>') && at(j + 2) != '(') {
                    fd = src.substring(pos, j + 1);
                    pos = j + 1;
                }
            }
        }
        char d = src.charAt(pos);
        boolean processSubstitution = (d == '<' || d == '>') && at(pos + 1) == '(' && fd == null;
        if (!processSubstitution && (d == '<' || d == '>' || (d == '&' && at(pos + 1) == '>'))) {
            for (String op : REDIRECT_OPS) {
                if (src.startsWith(op, pos) && pos + op.length() <= limit) {
                    pos += op.length();
                    return new Token(Kind.REDIR, start, pos, op, fd, null);
                }
            }
        }
        if (!processSubstitution) {
            for (String op : CONTROL_OPS) {
                if (src.startsWith(op, pos) && pos + op.length() <= limit) {
                    pos += op.length();
                    return new Token(Kind.OP, start, pos, op, null, null);
                }
            }
        }
        Word word = lexWord();
        if (pos == start) {
            // cannot happen for the characters that reach here; never loop forever
            pos++;
            word = literalWord(start, pos);
        }
        return new Token(Kind.WORD, start, pos, null, null, word);
    }

    private void skipBlanks() {
        while (pos < limit) {
            char c = src.charAt(pos);
            if (c == ' ' || c == '\t') {
                pos++;
            } else if (c == '\r' && at(pos + 1) == '\n') {
                pos++;
            } else if (c == '\\' && at(pos + 1) == '\n') {
                pos += 2;
            } else if (c == '\\' && at(pos + 1) == '\r' && at(pos + 2) == '\n') {
                pos += 3;
            } else if (c == '#') {
                while (pos < limit && src.charAt(pos) != '\n') {
                    pos++;
                }
            } else {
                break;
            }
        }
    }

    private void readHereDocs() {
        if (pending.isEmpty()) {
            return;
        }
        List<PendingDoc> docs = new ArrayList<>(pending);
        pending.clear();
        for (PendingDoc doc : docs) {
            readHereDoc(doc);
        }
    }

    private void readHereDoc(PendingDoc pendingDoc) {
        HereDoc doc = pendingDoc.doc;
        String delimiter = doc.delimiter();
        int bodyStart = pos;
        int bodyEnd;
        boolean terminated = false;
        while (true) {
            if (pos >= limit) {
                bodyEnd = limit;
                break;
            }
            int lineStart = pos;
            int lineEnd = src.indexOf('\n', pos);
            if (lineEnd < 0 || lineEnd > limit) {
                lineEnd = limit;
            }
            int s = lineStart;
            if (doc.stripTabs()) {
                while (s < lineEnd && src.charAt(s) == '\t') {
                    s++;
                }
            }
            int e = lineEnd;
            if (e > s && src.charAt(e - 1) == '\r') {
                e--;
            }
            pos = lineEnd < limit ? lineEnd + 1 : limit;
            if (e - s == delimiter.length() && src.regionMatches(s, delimiter, 0, delimiter.length())) {
                bodyEnd = lineStart;
                terminated = true;
                break;
            }
        }
        if (!terminated) {
            problem(pendingDoc.opStart, pendingDoc.opEnd,
                    "here-document delimiter '" + delimiter + "' not found before the end of the script");
        }
        ShellParser body = new ShellParser(ctx, text, bodyStart, bodyEnd);
        Word word = body.parseHereDocBody(doc.quoted(), doc.stripTabs());
        int spanEnd = bodyEnd;
        if (spanEnd > bodyStart && src.charAt(spanEnd - 1) == '\n') {
            spanEnd--;
            if (spanEnd > bodyStart && src.charAt(spanEnd - 1) == '\r') {
                spanEnd--;
            }
        }
        doc.complete(word, Texts.span(text, bodyStart, spanEnd), terminated);
    }

    // ------------------------------------------------------------------ words

    /** A word in command position: an assignment {@code NAME=value} is split so its value is a word too. */
    private Word lexWord() {
        int start = pos;
        int nameEnd = start;
        if (nameEnd < limit && isNameStart(src.charAt(nameEnd))) {
            while (nameEnd < limit && isNameChar(src.charAt(nameEnd))) {
                nameEnd++;
            }
            int q = nameEnd;
            String index = null;
            if (q < limit && src.charAt(q) == '[') {
                int close = matchingBracket(q);
                if (close > 0) {
                    index = src.substring(q + 1, close);
                    q = close + 1;
                } else {
                    q = -1;
                }
            }
            boolean append = false;
            if (q > 0 && at(q) == '+' && at(q + 1) == '=') {
                append = true;
                q++;
            }
            if (q > 0 && at(q) == '=') {
                int valueStart = q + 1;
                pos = valueStart;
                Word value = scanWord(Mode.NORMAL, true);
                WordBuilder wb = new WordBuilder(text, start);
                for (int i = start; i < valueStart; i++) {
                    wb.literal(src.charAt(i), i, i, i + 1);
                }
                wb.append(value);
                Word full = wb.build(pos);
                List<Word> elements = null;
                if (value.parts().size() == 1 && value.parts().get(0) instanceof WordPart.ArrayLiteral array) {
                    elements = array.elements();
                }
                full.assignment = new Assignment(src.substring(start, nameEnd), index, append, value, elements,
                        Texts.span(text, start, pos));
                return full;
            }
        }
        return scanWord(Mode.NORMAL, false);
    }

    /** Index of the {@code ]} closing the {@code [} at {@code open} on the same line, or -1. */
    private int matchingBracket(int open) {
        int depth = 0;
        for (int i = open; i < limit; i++) {
            char c = src.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                if (--depth == 0) {
                    return i;
                }
            } else if (c == '\n' || c == ' ' || c == '\t') {
                return -1;
            }
        }
        return -1;
    }

    private Word literalWord(int from, int to) {
        WordBuilder wb = new WordBuilder(text, from);
        for (int i = from; i < to; i++) {
            wb.literal(src.charAt(i), i, i, i + 1);
        }
        pos = to;
        return wb.build(to);
    }

    private Word scanWord(Mode mode, boolean allowArray) {
        WordBuilder wb = new WordBuilder(text, pos);
        if (allowArray && at(pos) == '(') {
            arrayLiteral(wb);
        } else {
            scanInto(wb, mode);
        }
        return wb.build(pos);
    }

    private void scanInto(WordBuilder wb, Mode mode) {
        int wordStart = pos;
        boolean blanksEnd = mode == Mode.NORMAL || mode == Mode.TEST;
        boolean param = mode == Mode.PARAM || mode == Mode.PARAM_DQ;
        while (pos < limit) {
            char c = src.charAt(pos);
            switch (c) {
                case ' ', '\t', '\n' -> {
                    if (blanksEnd) {
                        return;
                    }
                    literalChar(wb);
                }
                case '\r' -> {
                    if (blanksEnd && at(pos + 1) == '\n') {
                        return;
                    }
                    literalChar(wb);
                }
                case ';', '&', '|', '<', '>', '(', ')' -> {
                    if (param) {
                        literalChar(wb);
                    } else if (mode == Mode.TEST) {
                        if (pos == wordStart || c == ';' || (c == '&' && at(pos + 1) == '&')
                                || (c == '|' && at(pos + 1) == '|')) {
                            return;
                        }
                        literalChar(wb);
                    } else if (c == '(' && pos > wordStart && isExtglobPrefix(wb)) {
                        extglob(wb);
                    } else if ((c == '<' || c == '>') && at(pos + 1) == '(' && pos == wordStart) {
                        substitution(wb, 2, true, c == '<');
                    } else {
                        return;
                    }
                }
                case '}' -> {
                    if (param) {
                        return;
                    }
                    literalChar(wb);
                }
                case '\\' -> backslash(wb, mode);
                case '\'' -> {
                    if (mode == Mode.PARAM_DQ) {
                        literalChar(wb);
                    } else {
                        singleQuoted(wb);
                    }
                }
                case '"' -> doubleQuoted(wb, false);
                case '`' -> backquote(wb, mode == Mode.PARAM_DQ);
                case '$' -> dollar(wb, mode == Mode.PARAM_DQ, mode);
                case '*', '?' -> {
                    if (!param) {
                        wb.glob = true;
                    }
                    literalChar(wb);
                }
                case '[' -> {
                    if (!param) {
                        wb.openBracket = true;
                    }
                    literalChar(wb);
                }
                case ']' -> {
                    if (!param && wb.openBracket) {
                        wb.glob = true;
                    }
                    literalChar(wb);
                }
                default -> literalChar(wb);
            }
        }
    }

    private void literalChar(WordBuilder wb) {
        wb.literal(src.charAt(pos), pos, pos, pos + 1);
        pos++;
    }

    private static boolean isExtglobPrefix(WordBuilder wb) {
        return wb.literalEndsWith('@') || wb.literalEndsWith('!') || wb.literalEndsWith('+')
                || wb.literalEndsWith('*') || wb.literalEndsWith('?');
    }

    private void extglob(WordBuilder wb) {
        int open = pos;
        int depth = 0;
        while (pos < limit) {
            char c = src.charAt(pos);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '\n') {
                break;
            }
            literalChar(wb);
            if (depth == 0) {
                wb.glob = true;
                return;
            }
        }
        problem(open, open + 1, "unterminated extended glob '(': missing ')'");
        wb.glob = true;
    }

    private void backslash(WordBuilder wb, Mode mode) {
        int n = at(pos + 1);
        if (n == '\n') {
            pos += 2;
            return;
        }
        if (n == '\r' && at(pos + 2) == '\n') {
            pos += 3;
            return;
        }
        if (n < 0) {
            literalChar(wb);
            return;
        }
        if (mode == Mode.PARAM_DQ && "$`\"\\}".indexOf(n) < 0) {
            literalChar(wb);
            return;
        }
        wb.quoted = true;
        wb.literal((char) n, pos + 1, pos, pos + 2);
        pos += 2;
    }

    private void singleQuoted(WordBuilder wb) {
        int open = pos;
        pos++;
        StringBuilder sb = new StringBuilder();
        while (pos < limit && src.charAt(pos) != '\'') {
            char c = src.charAt(pos);
            wb.value(c, pos);
            sb.append(c);
            pos++;
        }
        if (pos < limit) {
            pos++;
        } else {
            problem(open, open + 1, "unterminated single-quoted string: missing '");
        }
        wb.quoted = true;
        wb.part(new WordPart.SingleQuoted(sb.toString(), Texts.span(text, open, pos)));
    }

    private void doubleQuoted(WordBuilder wb, boolean localized) {
        int open = pos;
        pos += localized ? 2 : 1;
        if (!enter()) {
            return;
        }
        List<WordPart> saved = wb.push();
        while (pos < limit) {
            char c = src.charAt(pos);
            if (c == '"') {
                break;
            }
            if (c == '\\') {
                int n = at(pos + 1);
                if (n == '$' || n == '`' || n == '"' || n == '\\') {
                    wb.literal((char) n, pos + 1, pos, pos + 2);
                    pos += 2;
                } else if (n == '\n') {
                    pos += 2;
                } else if (n == '\r' && at(pos + 2) == '\n') {
                    pos += 3;
                } else {
                    literalChar(wb);
                }
            } else if (c == '$') {
                dollar(wb, true, Mode.PARAM_DQ);
            } else if (c == '`') {
                backquote(wb, true);
            } else {
                literalChar(wb);
            }
        }
        leave();
        if (pos < limit) {
            pos++;
        } else {
            problem(open, open + (localized ? 2 : 1), "unterminated double-quoted string: missing \"");
        }
        List<WordPart> inner = wb.pop(saved);
        wb.quoted = true;
        wb.part(new WordPart.DoubleQuoted(inner, localized, Texts.span(text, open, pos)));
    }

    /** At a {@code $}: an expansion, an ANSI-C or localized string, or a literal dollar. */
    private void dollar(WordBuilder wb, boolean inDouble, Mode mode) {
        int start = pos;
        int n = at(pos + 1);
        if (n == '\'' && !inDouble) {
            ansiC(wb);
        } else if (n == '"' && !inDouble) {
            doubleQuoted(wb, true);
        } else if (n == '{') {
            braced(wb, inDouble);
        } else if (n == '(') {
            if (at(pos + 2) == '(' && isArithmetic(pos + 3)) {
                WordBuilder eb = new WordBuilder(text, pos + 3);
                pos += 3;
                if (!enter()) {
                    return;
                }
                String expression = arithmetic(eb, start, start + 3, "$((");
                leave();
                wb.raw(src, start, pos);
                wb.expansion = true;
                wb.commandSubstitution |= eb.commandSubstitution;
                wb.part(new WordPart.ArithmeticExpansion(expression, eb.parts(), src.substring(start, pos),
                        Texts.span(text, start, pos)));
            } else {
                substitution(wb, 2, false, false);
            }
        } else if (n >= 0 && isNameStart((char) n)) {
            int q = pos + 1;
            while (q < limit && isNameChar(src.charAt(q))) {
                q++;
            }
            simpleParam(wb, start, q);
        } else if (n >= 0 && (isDigit((char) n) || "@*#?-$!".indexOf(n) >= 0)) {
            simpleParam(wb, start, pos + 2);
        } else {
            literalChar(wb);
        }
    }

    private void simpleParam(WordBuilder wb, int start, int end) {
        pos = end;
        wb.raw(src, start, end);
        wb.expansion = true;
        wb.part(new WordPart.ParamExpansion(src.substring(start + 1, end), false, "", null, "", null,
                src.substring(start, end), Texts.span(text, start, end)));
    }

    private void braced(WordBuilder wb, boolean inDouble) {
        int start = pos;
        if (!enter()) {
            return;
        }
        int q = pos + 2;
        String prefix = "";
        int c1 = at(q);
        int c2 = at(q + 1);
        if (c1 == '#' && c2 >= 0 && c2 != '}' && (isNameChar((char) c2) || "@*!?$".indexOf(c2) >= 0)) {
            prefix = "#";
            q++;
        } else if (c1 == '!' && c2 >= 0 && (isNameStart((char) c2) || "@*#".indexOf(c2) >= 0 || isDigit((char) c2))) {
            prefix = "!";
            q++;
        }
        int nameStart = q;
        int c = at(q);
        if (c >= 0 && isNameStart((char) c)) {
            while (q < limit && isNameChar(src.charAt(q))) {
                q++;
            }
        } else if (c >= 0 && isDigit((char) c)) {
            while (q < limit && isDigit(src.charAt(q))) {
                q++;
            }
        } else if (c >= 0 && "@*#?-$!".indexOf(c) >= 0) {
            q++;
        }
        String name = src.substring(nameStart, q);
        String index = null;
        if (at(q) == '[') {
            int depth = 0;
            int i = q;
            for (; i < limit; i++) {
                char ch = src.charAt(i);
                if (ch == '[') {
                    depth++;
                } else if (ch == ']' && --depth == 0) {
                    break;
                }
            }
            index = src.substring(q + 1, Math.min(i, limit));
            q = Math.min(i + 1, limit);
        }
        pos = q;
        String operator = "";
        Word argument = null;
        if (pos < limit && src.charAt(pos) != '}') {
            for (String op : PARAM_OPS) {
                if (src.startsWith(op, pos) && pos + op.length() <= limit) {
                    operator = op;
                    break;
                }
            }
            pos += operator.length();
            argument = scanWord(inDouble ? Mode.PARAM_DQ : Mode.PARAM, false);
        }
        if (pos < limit && src.charAt(pos) == '}') {
            pos++;
            if (name.isEmpty()) {
                problem(start, pos, "bad substitution: no parameter name in '" + src.substring(start, pos) + "'");
            }
        } else {
            problem(start, start + 2, "unterminated parameter expansion '${': missing '}'");
        }
        leave();
        wb.raw(src, start, pos);
        wb.expansion = true;
        if (argument != null && argument.hasCommandSubstitution()) {
            wb.commandSubstitution = true;
        }
        wb.part(new WordPart.ParamExpansion(name, true, prefix, index, operator, argument, src.substring(start, pos),
                Texts.span(text, start, pos)));
    }

    /**
     * {@code $(...)} (or {@code <(...)}/{@code >(...)} when {@code process}): the body is parsed in place;
     * {@code skip} is the length of the opening.
     */
    private void substitution(WordBuilder wb, int skip, boolean process, boolean input) {
        int start = pos;
        if (!enter()) {
            return;
        }
        pos += skip;
        Token savedPeek = peeked;
        peeked = null;
        int[] savedClosers = closers;
        int savedParen = parenDepth;
        int savedCase = caseDepth;
        closers = new int[8];
        parenDepth = 1;
        caseDepth = 0;
        StatementList body = parseList(0);
        Token end = peek();
        if (end.kind == Kind.OP && end.op.equals(")")) {
            next();
        } else {
            problem(start, start + skip, "unterminated '" + src.substring(start, start + skip) + "': missing ')'");
        }
        peeked = savedPeek;
        closers = savedClosers;
        parenDepth = savedParen;
        caseDepth = savedCase;
        leave();
        wb.raw(src, start, pos);
        wb.expansion = true;
        wb.commandSubstitution = true;
        String raw = src.substring(start, pos);
        Span span = Texts.span(text, start, pos);
        wb.part(process ? new WordPart.ProcessSubstitution(input, body, raw, span)
                : new WordPart.CommandSubstitution(body, false, raw, span));
    }

    private void backquote(WordBuilder wb, boolean inDouble) {
        int start = pos;
        if (!enter()) {
            return;
        }
        StringBuilder chars = new StringBuilder();
        int[] index = new int[16];
        int q = pos + 1;
        boolean closed = false;
        while (q < limit) {
            char c = src.charAt(q);
            if (c == '`') {
                closed = true;
                break;
            }
            int add = q;
            if (c == '\\' && q + 1 < limit) {
                char n = src.charAt(q + 1);
                if (n == '$' || n == '`' || n == '\\' || (inDouble && n == '"')) {
                    c = n;
                    add = q + 1;
                    q++;
                } else if (n == '\n') {
                    q += 2;
                    continue;
                }
            }
            if (chars.length() == index.length) {
                index = java.util.Arrays.copyOf(index, index.length * 2);
            }
            index[chars.length()] = add;
            chars.append(c);
            q++;
        }
        int end = closed ? q + 1 : limit;
        if (!closed) {
            problem(start, start + 1, "unterminated backquote: missing `");
        }
        MappedText inner = Texts.sub(text, chars, index, chars.length());
        StatementList body = new ShellParser(ctx, inner, 0, inner.length()).parseScript();
        pos = end;
        leave();
        wb.raw(src, start, end);
        wb.expansion = true;
        wb.commandSubstitution = true;
        wb.part(new WordPart.CommandSubstitution(body, true, src.substring(start, end), Texts.span(text, start, end)));
    }

    private void ansiC(WordBuilder wb) {
        int start = pos;
        int q = pos + 2;
        StringBuilder sb = new StringBuilder();
        while (q < limit && src.charAt(q) != '\'') {
            char c = src.charAt(q);
            if (c != '\\' || q + 1 >= limit) {
                sb.append(c);
                wb.value(c, q);
                q++;
                continue;
            }
            int escape = q;
            char n = src.charAt(q + 1);
            q += 2;
            String decoded;
            switch (n) {
                case 'n' -> decoded = "\n";
                case 't' -> decoded = "\t";
                case 'r' -> decoded = "\r";
                case 'a' -> decoded = "\u0007";
                case 'b' -> decoded = "\b";
                case 'e', 'E' -> decoded = "\u001b";
                case 'f' -> decoded = "\f";
                case 'v' -> decoded = "\u000b";
                case '\\', '\'', '"', '?' -> decoded = String.valueOf(n);
                case 'c' -> {
                    if (q < limit) {
                        decoded = String.valueOf((char) (src.charAt(q) & 0x1f));
                        q++;
                    } else {
                        decoded = "\\c";
                    }
                }
                case 'x', 'u', 'U' -> {
                    int max = n == 'x' ? 2 : n == 'u' ? 4 : 8;
                    int digits = 0;
                    int code = 0;
                    while (digits < max && q < limit && Character.digit(src.charAt(q), 16) >= 0) {
                        code = code * 16 + Character.digit(src.charAt(q), 16);
                        q++;
                        digits++;
                    }
                    if (digits == 0) {
                        decoded = "\\" + n;
                    } else if (Character.isValidCodePoint(code)) {
                        decoded = new String(Character.toChars(code));
                    } else {
                        decoded = "\uFFFD";
                    }
                }
                default -> {
                    if (n >= '0' && n <= '7') {
                        int code = n - '0';
                        int digits = 1;
                        while (digits < 3 && q < limit && src.charAt(q) >= '0' && src.charAt(q) <= '7') {
                            code = code * 8 + (src.charAt(q) - '0');
                            q++;
                            digits++;
                        }
                        decoded = String.valueOf((char) (code & 0xff));
                    } else {
                        decoded = "\\" + n;
                    }
                }
            }
            for (int i = 0; i < decoded.length(); i++) {
                sb.append(decoded.charAt(i));
                wb.value(decoded.charAt(i), escape);
            }
        }
        if (q < limit) {
            q++;
        } else {
            problem(start, start + 2, "unterminated $'...' string: missing '");
        }
        pos = q;
        wb.quoted = true;
        wb.part(new WordPart.AnsiCQuoted(sb.toString(), Texts.span(text, start, pos)));
    }

    private void arrayLiteral(WordBuilder wb) {
        int start = pos;
        pos++;
        List<Word> elements = new ArrayList<>();
        if (!enter()) {
            return;
        }
        while (true) {
            skipBlanks();
            if (pos < limit && (src.charAt(pos) == '\n')) {
                pos++;
                continue;
            }
            if (pos >= limit) {
                problem(start, start + 1, "unterminated array: missing ')'");
                break;
            }
            if (src.charAt(pos) == ')') {
                pos++;
                break;
            }
            int before = pos;
            Word element = scanWord(Mode.NORMAL, false);
            if (pos == before) {
                problem(pos, pos + 1, "unexpected '" + src.charAt(pos) + "' in an array");
                pos++;
                continue;
            }
            elements.add(element);
            wb.expansion |= element.hasExpansion();
            wb.commandSubstitution |= element.hasCommandSubstitution();
        }
        leave();
        wb.raw(src, start, pos);
        wb.part(new WordPart.ArrayLiteral(elements, Texts.span(text, start, pos)));
    }

    /**
     * Whether {@code ((} before {@code from} opens arithmetic rather than nested subshells: the
     * parenthesis matching the first one is directly followed by another {@code )}.
     */
    private boolean isArithmetic(int from) {
        int depth = 0;
        for (int i = from; i < limit; i++) {
            char c = src.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                if (depth == 0) {
                    return at(i + 1) == ')';
                }
                depth--;
            }
        }
        return true;
    }

    /**
     * Reads an arithmetic expression from {@code pos} to the closing {@code ))}, collecting the
     * expansions inside it into {@code eb}; returns the expression text.
     */
    private String arithmetic(WordBuilder eb, int openStart, int openEnd, String opening) {
        int exprStart = pos;
        int exprEnd = -1;
        int depth = 0;
        while (pos < limit) {
            char c = src.charAt(pos);
            if (c == '(') {
                depth++;
                pos++;
            } else if (c == ')') {
                if (depth == 0 && at(pos + 1) == ')') {
                    exprEnd = pos;
                    pos += 2;
                    break;
                }
                depth = Math.max(0, depth - 1);
                pos++;
            } else if (c == '$') {
                int before = pos;
                dollar(eb, true, Mode.PARAM_DQ);
                if (pos == before) {
                    pos++;
                }
            } else if (c == '`') {
                backquote(eb, false);
            } else if (c == '\\' && at(pos + 1) == '\n') {
                pos += 2;
            } else {
                pos++;
            }
        }
        if (exprEnd < 0) {
            problem(openStart, openEnd, "unterminated '" + opening + "': missing '))'");
            exprEnd = pos;
        }
        return src.substring(exprStart, exprEnd);
    }

    // ------------------------------------------------------------------ characters

    private int at(int i) {
        return i >= 0 && i < limit ? src.charAt(i) : -1;
    }

    private static boolean isDelimiter(int c) {
        return c < 0 || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == ';' || c == '&' || c == '|' || c == ')';
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    static boolean isNameChar(char c) {
        return isNameStart(c) || isDigit(c);
    }

    private boolean enter() {
        if (ctx.depth >= MAX_DEPTH) {
            if (!ctx.depthReported) {
                ctx.depthReported = true;
                problem(pos, Math.min(pos + 1, limit), "constructs nested too deeply; the rest of the script is not analysed");
            }
            pos = limit;
            peeked = null;
            return false;
        }
        ctx.depth++;
        return true;
    }

    private void leave() {
        ctx.depth--;
    }

    private void problem(Token t, String message) {
        problem(t.start, Math.max(t.start, t.end), message);
    }

    private void problem(int start, int end, String message) {
        ctx.problem(text, start, end, message);
    }
}
