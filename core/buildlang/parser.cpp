#include "core/buildlang/parser.h"

#include <unordered_set>

namespace trellis::buildlang {

namespace {

/// Thrown internally on the first syntax error; never leaves parseModule().
struct ParseFailure {};

class Parser {
public:
    Parser(Module &m, SyntaxError &err) : m_module(m), m_error(err) {}

    void parseFile(std::vector<Token> tokens)
    {
        m_tokens = std::move(tokens);
        m_pos = 0;
        while (peek().kind != TokenKind::End) {
            if (peek().kind == TokenKind::Newline) {
                ++m_pos;
                continue;
            }
            parseStatement(m_module.body);
        }
    }

private:
    /// The function (or class body: null) whose body is being parsed, for `yield`.
    struct FunctionMark {
        Parser &p;
        FunctionMark(Parser &parser, FuncDef *f) : p(parser) { p.m_functions.push_back(f); }
        ~FunctionMark() { p.m_functions.pop_back(); }
    };

    struct DepthGuard {
        Parser &p;
        explicit DepthGuard(Parser &parser, const Token &at) : p(parser)
        {
            if (++p.m_depth > kMaxParseDepth)
                p.failAt(at, "too many nested parentheses, brackets or blocks");
        }
        ~DepthGuard() { --p.m_depth; }
    };

    const Token &peek(std::size_t k = 0) const
    {
        const std::size_t i = std::min(m_pos + k, m_tokens.size() - 1);
        return m_tokens[i];
    }
    const Token &next() { const Token &t = m_tokens[m_pos]; if (m_pos + 1 < m_tokens.size()) ++m_pos; return t; }
    bool accept(TokenKind k) { if (peek().kind == k) { next(); return true; } return false; }
    static Pos posOf(const Token &t) { return {t.line, t.column}; }

    [[noreturn]] void failAt(const Token &t, std::string msg) { failAt(posOf(t), std::move(msg)); }
    [[noreturn]] void failAt(Pos p, std::string msg)
    {
        m_error.line = p.line;
        m_error.column = p.column;
        m_error.message = std::move(msg);
        throw ParseFailure{};
    }
    [[noreturn]] void unexpected(const Token &t)
    {
        switch (t.kind) {
        case TokenKind::Indent: failAt(t, "unexpected indent");
        case TokenKind::Dedent: failAt(t, "unindent does not match any outer indentation level");
        case TokenKind::End: failAt(t, "unexpected end of file");
        default: break;
        }
        failAt(t, "invalid syntax");
    }
    const Token &expect(TokenKind k, const char *what)
    {
        if (peek().kind != k) {
            const Token &t = peek();
            if (t.kind == TokenKind::Indent)
                unexpected(t);
            failAt(t, std::string("expected ") + what);
        }
        return next();
    }

    // ---- statements -------------------------------------------------------------

    void parseStatement(Block &out)
    {
        const Token &t = peek();
        switch (t.kind) {
        case TokenKind::KwDef: out.push_back(parseDef({})); return;
        case TokenKind::KwIf: out.push_back(parseIf()); return;
        case TokenKind::KwFor: out.push_back(parseFor()); return;
        case TokenKind::KwWhile: out.push_back(parseWhile()); return;
        case TokenKind::KwTry: out.push_back(parseTry()); return;
        case TokenKind::KwWith: out.push_back(parseWith()); return;
        case TokenKind::KwClass: out.push_back(parseClass({})); return;
        case TokenKind::At: out.push_back(parseDecorated()); return;
        case TokenKind::KwAsync: out.push_back(parseAsync()); return;
        case TokenKind::Indent: failAt(t, "unexpected indent");
        case TokenKind::Name:
            if (t.text == "match" && tryParseMatch(out))
                return;
            break;
        default: break;
        }
        parseSimpleStatements(out);
    }

    /// `@decorator NEWLINE`... then a def, class or async def.
    const Stmt *parseDecorated()
    {
        std::vector<const Expr *> decorators;
        while (peek().kind == TokenKind::At) {
            next();
            decorators.push_back(parseNamedExprTest());
            expect(TokenKind::Newline, "newline after decorator");
        }
        if (peek().kind == TokenKind::KwDef)
            return parseDef(std::move(decorators));
        if (peek().kind == TokenKind::KwClass)
            return parseClass(std::move(decorators));
        if (peek().kind == TokenKind::KwAsync && peek(1).kind == TokenKind::KwDef)
            return parseAsync();
        failAt(peek(), "expected 'def' or 'class' after decorator");
    }

    /// `async def` / `async for` / `async with`: parsed, rejected when executed.
    const Stmt *parseAsync()
    {
        const Token &kw = next();
        const Pos p = posOf(kw);
        if (peek().kind == TokenKind::KwDef) {
            parseDef({});
            return m_module.make<UnsupportedStmt>(p, "'async def' functions are not supported");
        }
        if (peek().kind == TokenKind::KwFor) {
            parseFor();
            return m_module.make<UnsupportedStmt>(p, "'async for' loops are not supported");
        }
        if (peek().kind == TokenKind::KwWith) {
            parseWith();
            return m_module.make<UnsupportedStmt>(p, "'async with' statements are not supported");
        }
        failAt(peek(), "expected 'def', 'for' or 'with' after 'async'");
    }

    /// PEP 695 type parameters: `[T, T2: int = str, *Ts, **P]` (parsed, ignored).
    void parseTypeParams()
    {
        if (!accept(TokenKind::LBracket))
            return;
        DepthGuard guard(*this, peek());
        while (peek().kind != TokenKind::RBracket) {
            if (!accept(TokenKind::StarStar))
                accept(TokenKind::Star);
            expect(TokenKind::Name, "type parameter name");
            if (accept(TokenKind::Colon))
                parseTest();
            if (accept(TokenKind::Assign))
                parseTestOrStar(true);
            if (!accept(TokenKind::Comma))
                break;
        }
        expect(TokenKind::RBracket, "']'");
    }

    const Stmt *parseClass(std::vector<const Expr *> decorators)
    {
        const Token &kw = next();
        auto *c = m_module.make<ClassStmt>(posOf(kw));
        c->decorators = std::move(decorators);
        const Token &name = expect(TokenKind::Name, "class name");
        c->name = name.text;
        parseTypeParams();
        if (accept(TokenKind::LParen)) {
            const auto *call = static_cast<const CallExpr *>(parseCallArgs(m_module.make<NameExpr>(posOf(name), name.text)));
            c->bases = call->args;
        }
        const int savedLoop = m_loopDepth, savedFunc = m_funcDepth;
        m_loopDepth = 0;
        m_funcDepth = 0;
        FunctionMark mark(*this, nullptr);
        parseBlock(c->body, "class definition", kw);
        m_loopDepth = savedLoop;
        m_funcDepth = savedFunc;
        return c;
    }

    const Stmt *parseWhile()
    {
        const Token &kw = next();
        auto *w = m_module.make<WhileStmt>(posOf(kw));
        w->cond = parseNamedExprTest();
        ++m_loopDepth;
        parseBlock(w->body, "'while' statement", kw);
        --m_loopDepth;
        if (peek().kind == TokenKind::KwElse) {
            const Token &e = next();
            parseBlock(w->orelse, "'else' statement", e);
        }
        return w;
    }

    const Stmt *parseTry()
    {
        const Token &kw = next();
        auto *t = m_module.make<TryStmt>(posOf(kw));
        parseBlock(t->body, "'try' statement", kw);
        while (peek().kind == TokenKind::KwExcept) {
            const Token &ex = next();
            TryStmt::Handler h;
            h.pos = posOf(ex);
            if (accept(TokenKind::Star))
                t->star = true;
            if (peek().kind != TokenKind::Colon) {
                h.type = parseTestListStar();
                if (accept(TokenKind::KwAs))
                    h.name = expect(TokenKind::Name, "name after 'as'").text;
            }
            parseBlock(h.body, "'except' statement", ex);
            t->handlers.push_back(std::move(h));
        }
        if (!t->handlers.empty() && peek().kind == TokenKind::KwElse) {
            const Token &e = next();
            parseBlock(t->orelse, "'else' statement", e);
        }
        if (peek().kind == TokenKind::KwFinally) {
            const Token &f = next();
            parseBlock(t->finally, "'finally' statement", f);
        } else if (t->handlers.empty()) {
            failAt(peek(), "expected 'except' or 'finally' block");
        }
        return t;
    }

    void parseWithItem(WithStmt *w)
    {
        WithStmt::Item item;
        item.context = parseTest();
        if (accept(TokenKind::KwAs))
            item.target = checkTarget(parseTargetAtom());
        w->items.push_back(item);
    }

    const Stmt *parseWith()
    {
        const Token &kw = next();
        auto *w = m_module.make<WithStmt>(posOf(kw));
        bool done = false;
        if (peek().kind == TokenKind::LParen) {
            // `with (a as b, c as d):` (3.9+) or a parenthesized expression.
            const std::size_t save = m_pos;
            const SyntaxError savedError = m_error;
            const int savedLoop = m_loopDepth, savedFunc = m_funcDepth;
            try {
                next();
                while (peek().kind != TokenKind::RParen) {
                    parseWithItem(w);
                    if (!accept(TokenKind::Comma))
                        break;
                }
                expect(TokenKind::RParen, "')'");
                if (peek().kind != TokenKind::Colon)
                    failAt(peek(), "expected ':'");
                done = true;
            } catch (const ParseFailure &) {
                m_pos = save;
                m_error = savedError;
                m_loopDepth = savedLoop;
                m_funcDepth = savedFunc;
                w->items.clear();
            }
        }
        if (!done) {
            do {
                parseWithItem(w);
            } while (accept(TokenKind::Comma));
        }
        parseBlock(w->body, "'with' statement", kw);
        return w;
    }

    /// A single assignment target (`with ... as x`, `for` items): a primary or a
    /// parenthesized/bracketed target list.
    const Expr *parseTargetAtom()
    {
        if (peek().kind == TokenKind::Star) {
            const Token &st = next();
            auto *s = m_module.make<StarExpr>(posOf(st));
            s->value = parseBitOr();
            return s;
        }
        return parseBitOr();
    }

    /// `match subject:` followed by `case` blocks. Backtracks (returns false) when the
    /// line is an ordinary statement using `match` as a name.
    bool tryParseMatch(Block &out)
    {
        const TokenKind k1 = peek(1).kind;
        if (k1 == TokenKind::Newline || k1 == TokenKind::Assign || k1 == TokenKind::Dot || k1 == TokenKind::Colon
            || k1 == TokenKind::Comma || k1 == TokenKind::RParen || k1 == TokenKind::End)
            return false;
        const std::size_t save = m_pos;
        const SyntaxError savedError = m_error;
        const int savedLoop = m_loopDepth, savedFunc = m_funcDepth;
        const Token &kw = next();
        try {
            parseTestListStar();
            expect(TokenKind::Colon, "':'");
            expect(TokenKind::Newline, "newline");
            expect(TokenKind::Indent, "indent");
            if (!(peek().kind == TokenKind::Name && peek().text == "case"))
                failAt(peek(), "expected 'case'");
        } catch (const ParseFailure &) {
            m_pos = save;
            m_error = savedError;
            m_loopDepth = savedLoop;
            m_funcDepth = savedFunc;
            return false;
        }
        DepthGuard guard(*this, kw);
        while (peek().kind != TokenKind::Dedent && peek().kind != TokenKind::End) {
            if (peek().kind == TokenKind::Newline) {
                next();
                continue;
            }
            const Token &c = peek();
            if (!(c.kind == TokenKind::Name && c.text == "case"))
                failAt(c, "expected 'case'");
            next();
            parseOpenSequencePattern();
            if (accept(TokenKind::KwIf))
                parseNamedExprTest();
            Block ignored;
            parseBlock(ignored, "'case' statement", c);
        }
        accept(TokenKind::Dedent);
        out.push_back(m_module.make<UnsupportedStmt>(posOf(kw), "'match' statements are not supported"));
        return true;
    }

    // ---- match patterns (parsed for syntax only) ---------------------------------

    void parseOpenSequencePattern()
    {
        parseMaybeStarPattern();
        while (accept(TokenKind::Comma)) {
            if (peek().kind == TokenKind::Colon || peek().kind == TokenKind::KwIf)
                break;
            parseMaybeStarPattern();
        }
    }
    void parseMaybeStarPattern()
    {
        if (accept(TokenKind::Star)) {
            expect(TokenKind::Name, "name after '*' in pattern");
            return;
        }
        parseAsPattern();
    }
    void parseAsPattern()
    {
        DepthGuard guard(*this, peek());
        parseClosedPattern();
        while (accept(TokenKind::Pipe))
            parseClosedPattern();
        if (accept(TokenKind::KwAs))
            expect(TokenKind::Name, "name after 'as'");
    }
    void parseSignedNumber()
    {
        accept(TokenKind::Minus);
        const TokenKind k = peek().kind;
        if (k != TokenKind::Int && k != TokenKind::Float && k != TokenKind::Imaginary)
            failAt(peek(), "expected a number in pattern");
        next();
        if (peek().kind == TokenKind::Plus || peek().kind == TokenKind::Minus) {
            next();
            if (peek().kind != TokenKind::Imaginary)
                failAt(peek(), "imaginary number required in complex literal");
            next();
        }
    }
    void parseClosedPattern()
    {
        const Token &t = peek();
        switch (t.kind) {
        case TokenKind::Minus: case TokenKind::Int: case TokenKind::Float: case TokenKind::Imaginary:
            parseSignedNumber();
            return;
        case TokenKind::String: case TokenKind::FString: case TokenKind::Bytes:
            while (peek().kind == TokenKind::String || peek().kind == TokenKind::FString || peek().kind == TokenKind::Bytes)
                next();
            return;
        case TokenKind::KwNone: case TokenKind::KwTrue: case TokenKind::KwFalse:
            next();
            return;
        case TokenKind::LParen: case TokenKind::LBracket: {
            const TokenKind close = t.kind == TokenKind::LParen ? TokenKind::RParen : TokenKind::RBracket;
            next();
            while (peek().kind != close) {
                parseMaybeStarPattern();
                if (!accept(TokenKind::Comma))
                    break;
            }
            expect(close, "closing bracket of pattern");
            return;
        }
        case TokenKind::LBrace:
            next();
            while (peek().kind != TokenKind::RBrace) {
                if (accept(TokenKind::StarStar)) {
                    expect(TokenKind::Name, "name after '**' in pattern");
                } else {
                    parseClosedPattern();
                    expect(TokenKind::Colon, "':' in mapping pattern");
                    parseAsPattern();
                }
                if (!accept(TokenKind::Comma))
                    break;
            }
            expect(TokenKind::RBrace, "'}'");
            return;
        case TokenKind::Name:
            next();
            while (accept(TokenKind::Dot))
                expect(TokenKind::Name, "name after '.'");
            if (accept(TokenKind::LParen)) {
                while (peek().kind != TokenKind::RParen) {
                    if (peek().kind == TokenKind::Name && peek(1).kind == TokenKind::Assign) {
                        next();
                        next();
                    }
                    parseAsPattern();
                    if (!accept(TokenKind::Comma))
                        break;
                }
                expect(TokenKind::RParen, "')'");
            }
            return;
        default:
            unexpected(t);
        }
    }

    /// Every token of `import ...` / `from ... import ...` (one simple statement).
    const Stmt *parseImport()
    {
        const Token &kw = next();
        const Pos p = posOf(kw);
        if (m_module.firstImport.line == 0)
            m_module.firstImport = p;
        auto dottedName = [&] {
            expect(TokenKind::Name, "module name");
            while (accept(TokenKind::Dot))
                expect(TokenKind::Name, "name after '.'");
        };
        auto asNames = [&](bool dotted) {
            do {
                if (dotted)
                    dottedName();
                else
                    expect(TokenKind::Name, "name to import");
                if (accept(TokenKind::KwAs))
                    expect(TokenKind::Name, "name after 'as'");
            } while (accept(TokenKind::Comma) && peek().kind == TokenKind::Name);
        };
        if (kw.kind == TokenKind::KwImport) {
            asNames(true);
        } else {
            bool relative = false;
            while (peek().kind == TokenKind::Dot || peek().kind == TokenKind::Ellipsis) {
                next();
                relative = true;
            }
            if (!relative || peek().kind == TokenKind::Name)
                dottedName();
            expect(TokenKind::KwImport, "'import'");
            if (accept(TokenKind::Star)) {
            } else if (accept(TokenKind::LParen)) {
                asNames(false);
                expect(TokenKind::RParen, "')'");
            } else {
                asNames(false);
            }
        }
        return m_module.make<UnsupportedStmt>(p, "import statements are not supported");
    }

    /// `del a, b[0], c.d`.
    const Stmt *parseDel()
    {
        const Token &kw = next();
        auto *d = m_module.make<DelStmt>(posOf(kw));
        do {
            if (atStatementEnd())
                break;
            const Expr *e = parseBitOr();
            if (e->kind == NodeKind::Tuple || e->kind == NodeKind::List) {
                for (const Expr *i : static_cast<const SequenceExpr *>(e)->items)
                    d->targets.push_back(checkDelTarget(i));
            } else {
                d->targets.push_back(checkDelTarget(e));
            }
        } while (accept(TokenKind::Comma));
        if (d->targets.empty())
            failAt(peek(), "invalid syntax");
        return d;
    }

    const Expr *checkDelTarget(const Expr *e)
    {
        switch (e->kind) {
        case NodeKind::Name: case NodeKind::Attr: case NodeKind::Index: case NodeKind::Slice: return e;
        case NodeKind::Tuple: case NodeKind::List:
            for (const Expr *i : static_cast<const SequenceExpr *>(e)->items)
                checkDelTarget(i);
            return e;
        default: failAt(e->pos, "cannot delete " + describe(e));
        }
    }

    /// `yield`, `yield x, y`, `yield from x` (the keyword is the next token).
    const Expr *parseYield()
    {
        const Token &kw = next();
        auto *y = m_module.make<YieldExpr>(NodeKind::Yield, posOf(kw));
        if (!m_functions.empty() && m_functions.back())
            m_functions.back()->isGenerator = true;
        if (accept(TokenKind::KwFrom)) {
            y->isFrom = true;
            y->value = parseTest();
        } else if (!atStatementEnd() && peek().kind != TokenKind::RParen && peek().kind != TokenKind::Assign
                   && peek().kind != TokenKind::RBracket && peek().kind != TokenKind::RBrace) {
            y->value = parseTestListStar();
        }
        return y;
    }

    /// Right-hand side of an assignment: a yield expression or a starred test list.
    const Expr *parseAssignValue()
    {
        if (peek().kind == TokenKind::KwYield)
            return parseYield();
        return parseTestListStar();
    }

    void parseSimpleStatements(Block &out)
    {
        while (true) {
            out.push_back(parseSmallStatement());
            if (accept(TokenKind::Semicolon)) {
                if (peek().kind == TokenKind::Newline)
                    break;
                continue;
            }
            break;
        }
        if (peek().kind != TokenKind::Newline)
            unexpected(peek());
        next();
    }

    const Stmt *parseSmallStatement()
    {
        const Token &t = peek();
        const Pos p = posOf(t);
        switch (t.kind) {
        case TokenKind::KwPass: next(); return m_module.make<SimpleStmt>(NodeKind::Pass, p);
        case TokenKind::KwBreak:
            next();
            if (m_loopDepth == 0)
                failAt(p, "'break' outside loop");
            return m_module.make<SimpleStmt>(NodeKind::Break, p);
        case TokenKind::KwContinue:
            next();
            if (m_loopDepth == 0)
                failAt(p, "'continue' not properly in loop");
            return m_module.make<SimpleStmt>(NodeKind::Continue, p);
        case TokenKind::KwReturn: {
            next();
            if (m_funcDepth == 0)
                failAt(p, "'return' outside function");
            auto *r = m_module.make<ReturnStmt>(p);
            if (!atStatementEnd())
                r->value = parseTestListStar();
            return r;
        }
        case TokenKind::KwRaise: {
            next();
            auto *r = m_module.make<RaiseStmt>(p);
            if (!atStatementEnd()) {
                r->value = parseTest();
                if (accept(TokenKind::KwFrom))
                    r->cause = parseTest();
            }
            return r;
        }
        case TokenKind::KwGlobal: case TokenKind::KwNonlocal: {
            next();
            auto *g = m_module.make<NamesStmt>(t.kind == TokenKind::KwGlobal ? NodeKind::Global : NodeKind::Nonlocal, p);
            do {
                g->names.push_back(expect(TokenKind::Name, "name").text);
            } while (accept(TokenKind::Comma));
            return g;
        }
        case TokenKind::KwDel: return parseDel();
        case TokenKind::KwImport: case TokenKind::KwFrom: return parseImport();
        case TokenKind::Name:
            if (t.text == "type" && peek(1).kind == TokenKind::Name
                && (peek(2).kind == TokenKind::Assign || peek(2).kind == TokenKind::LBracket)) {
                next();
                next();
                parseTypeParams();
                expect(TokenKind::Assign, "'='");
                parseTest();
                return m_module.make<UnsupportedStmt>(p, "'type' alias statements are not supported");
            }
            break;
        case TokenKind::KwAssert: {
            next();
            auto *a = m_module.make<AssertStmt>(p);
            a->cond = parseTest();
            if (accept(TokenKind::Comma))
                a->message = parseTest();
            return a;
        }
        default: break;
        }
        if (t.kind == TokenKind::KwYield) {
            auto *s = m_module.make<ExprStmt>(p);
            s->expr = parseYield();
            return s;
        }
        const Expr *first = parseTestListStar();
        const Token &op = peek();
        switch (op.kind) {
        case TokenKind::Assign: {
            auto *a = m_module.make<AssignStmt>(p);
            a->targets.push_back(checkTarget(first));
            while (accept(TokenKind::Assign)) {
                const Expr *rhs = parseAssignValue();
                if (peek().kind == TokenKind::Assign)
                    a->targets.push_back(checkTarget(rhs));
                else
                    a->value = rhs;
            }
            return a;
        }
        case TokenKind::Colon: { // annotated assignment: the annotation is parsed, not evaluated
            next();
            if (first->kind != NodeKind::Name && first->kind != NodeKind::Attr && first->kind != NodeKind::Index
                && first->kind != NodeKind::Slice)
                failAt(first->pos, "only single target (not tuple) can be annotated");
            parseTest();
            if (!accept(TokenKind::Assign))
                return m_module.make<SimpleStmt>(NodeKind::Pass, p);
            auto *a = m_module.make<AssignStmt>(p);
            a->targets.push_back(checkTarget(first));
            a->value = parseAssignValue();
            return a;
        }
        case TokenKind::PlusAssign: case TokenKind::MinusAssign: case TokenKind::StarAssign:
        case TokenKind::SlashAssign: case TokenKind::SlashSlashAssign: case TokenKind::PercentAssign:
        case TokenKind::OtherAugAssign: {
            next();
            auto *a = m_module.make<AugAssignStmt>(p);
            a->opPos = posOf(op);
            const std::string_view o = op.text;
            a->op = op.kind == TokenKind::PlusAssign ? TokenKind::Plus
                : op.kind == TokenKind::MinusAssign ? TokenKind::Minus
                : op.kind == TokenKind::StarAssign ? TokenKind::Star
                : op.kind == TokenKind::SlashAssign ? TokenKind::Slash
                : op.kind == TokenKind::SlashSlashAssign ? TokenKind::SlashSlash
                : op.kind == TokenKind::PercentAssign ? TokenKind::Percent
                : o == "**=" ? TokenKind::StarStar : o == "&=" ? TokenKind::Amp : o == "|=" ? TokenKind::Pipe
                : o == "^=" ? TokenKind::Caret : o == "<<=" ? TokenKind::LShift : o == ">>=" ? TokenKind::RShift
                : TokenKind::At;
            if (first->kind != NodeKind::Name && first->kind != NodeKind::Index && first->kind != NodeKind::Attr
                && first->kind != NodeKind::Slice)
                failAt(first->pos, "'" + describe(first) + "' is an illegal expression for augmented assignment");
            a->target = first;
            a->value = parseAssignValue();
            return a;
        }
        default: break;
        }
        auto *s = m_module.make<ExprStmt>(p);
        s->expr = first;
        if (first->kind == NodeKind::Star)
            failAt(first->pos, "can't use starred expression here");
        return s;
    }

    bool atStatementEnd() const
    {
        const TokenKind k = peek().kind;
        return k == TokenKind::Newline || k == TokenKind::Semicolon || k == TokenKind::End;
    }

    static std::string describe(const Expr *e)
    {
        switch (e->kind) {
        case NodeKind::Literal: return "literal";
        case NodeKind::Call: return "function call";
        case NodeKind::Tuple: return "tuple";
        case NodeKind::List: return "list";
        case NodeKind::Dict: return "dict literal";
        case NodeKind::Set: return "set display";
        case NodeKind::Comprehension: return "comprehension";
        case NodeKind::Lambda: return "lambda";
        case NodeKind::Cond: return "conditional expression";
        case NodeKind::FString: return "f-string expression";
        case NodeKind::Compare: return "comparison";
        default: return "expression";
        }
    }

    const Expr *checkTarget(const Expr *e, bool nested = false)
    {
        switch (e->kind) {
        case NodeKind::Name: case NodeKind::Attr: case NodeKind::Index: case NodeKind::Slice: return e;
        case NodeKind::Star:
            if (!nested)
                failAt(e->pos, "starred assignment target must be in a list or tuple");
            checkTarget(static_cast<const StarExpr *>(e)->value, true);
            return e;
        case NodeKind::Tuple: case NodeKind::List: {
            int stars = 0;
            for (const Expr *i : static_cast<const SequenceExpr *>(e)->items) {
                if (i->kind == NodeKind::Star && ++stars > 1)
                    failAt(i->pos, "multiple starred expressions in assignment");
                checkTarget(i, true);
            }
            return e;
        }
        default:
            failAt(e->pos, "cannot assign to " + describe(e));
        }
    }

    /// NEWLINE INDENT stmt+ DEDENT, or simple statements on the same line.
    void parseBlock(Block &out, const char *what, const Token &head)
    {
        expect(TokenKind::Colon, "':'");
        DepthGuard guard(*this, peek());
        if (peek().kind != TokenKind::Newline) {
            parseSimpleStatements(out);
            return;
        }
        next();
        if (peek().kind != TokenKind::Indent)
            failAt(peek(), std::string("expected an indented block after ") + what + " on line " + std::to_string(head.line));
        next();
        while (peek().kind != TokenKind::Dedent && peek().kind != TokenKind::End) {
            if (peek().kind == TokenKind::Newline) {
                next();
                continue;
            }
            parseStatement(out);
        }
        accept(TokenKind::Dedent);
    }

    const Stmt *parseDef(std::vector<const Expr *> decorators)
    {
        const Token &kw = next();
        auto *d = m_module.make<DefStmt>(posOf(kw));
        d->decorators = std::move(decorators);
        const Token &name = expect(TokenKind::Name, "function name");
        d->def.name = name.text;
        d->def.pos = posOf(kw);
        parseTypeParams();
        expect(TokenKind::LParen, "'('");
        parseParams(d->def, TokenKind::RParen, true);
        expect(TokenKind::RParen, "')'");
        if (accept(TokenKind::Arrow))
            parseTest(); // return annotation: parsed, ignored
        ++m_funcDepth;
        const int savedLoop = m_loopDepth;
        m_loopDepth = 0;
        FunctionMark mark(*this, &d->def);
        parseBlock(d->def.body, "function definition", kw);
        m_loopDepth = savedLoop;
        --m_funcDepth;
        return d;
    }

    void parseParams(FuncDef &def, TokenKind close, bool annotations)
    {
        bool seenDefault = false, seenStar = false;
        std::unordered_set<std::string_view> names;
        auto addName = [&](const Token &t) {
            if (!names.insert(t.text).second)
                failAt(t, "duplicate argument '" + std::string(t.text) + "' in function definition");
        };
        while (peek().kind != close) {
            const Token &t = peek();
            Param p;
            p.pos = posOf(t);
            if (accept(TokenKind::StarStar)) {
                const Token &n = expect(TokenKind::Name, "parameter name");
                addName(n);
                p.name = n.text;
                p.kind = Param::Kind::KwArgs;
                if (annotations && accept(TokenKind::Colon))
                    parseTest();
                def.kwArgs = int(def.params.size());
                def.params.push_back(p);
                accept(TokenKind::Comma);
                if (peek().kind != close)
                    failAt(peek(), "arguments cannot follow var-keyword argument");
                break;
            }
            if (accept(TokenKind::Star)) {
                if (seenStar)
                    failAt(t, "* argument may appear only once");
                seenStar = true;
                if (peek().kind == TokenKind::Name) {
                    const Token &n = next();
                    addName(n);
                    p.name = n.text;
                    p.kind = Param::Kind::VarArgs;
                    if (annotations && accept(TokenKind::Colon))
                        parseTestOrStar(true);
                    def.varArgs = int(def.params.size());
                    def.params.push_back(p);
                } else if (peek().kind == close || (peek().kind == TokenKind::Comma && peek(1).kind == close)) {
                    failAt(t, "named arguments must follow bare *");
                }
                if (!accept(TokenKind::Comma))
                    break;
                continue;
            }
            if (accept(TokenKind::Slash)) { // positional-only marker: accepted, no effect
                if (!accept(TokenKind::Comma))
                    break;
                continue;
            }
            const Token &n = expect(TokenKind::Name, "parameter name");
            addName(n);
            p.name = n.text;
            p.kind = seenStar ? Param::Kind::KeywordOnly : Param::Kind::Normal;
            if (annotations && accept(TokenKind::Colon))
                parseTest();
            if (accept(TokenKind::Assign)) {
                p.defaultValue = parseTest();
                if (!seenStar)
                    seenDefault = true;
            } else if (seenDefault && !seenStar) {
                failAt(n, "parameter without a default follows parameter with a default");
            }
            if (!seenStar)
                ++def.positionalCount;
            def.params.push_back(p);
            if (!accept(TokenKind::Comma))
                break;
        }
        // Keep Normal parameters first so positional binding can index them directly.
        std::stable_partition(def.params.begin(), def.params.end(),
                              [](const Param &p) { return p.kind == Param::Kind::Normal; });
        def.varArgs = def.kwArgs = -1;
        for (std::size_t i = 0; i < def.params.size(); ++i) {
            if (def.params[i].kind == Param::Kind::VarArgs)
                def.varArgs = int(i);
            if (def.params[i].kind == Param::Kind::KwArgs)
                def.kwArgs = int(i);
        }
    }

    const Stmt *parseIf()
    {
        const Token &kw = next();
        auto *s = m_module.make<IfStmt>(posOf(kw));
        s->cond = parseNamedExprTest();
        parseBlock(s->then, kw.kind == TokenKind::KwIf ? "'if' statement" : "'elif' statement", kw);
        if (peek().kind == TokenKind::KwElif) {
            s->otherwise.push_back(parseIf());
        } else if (peek().kind == TokenKind::KwElse) {
            const Token &e = next();
            parseBlock(s->otherwise, "'else' statement", e);
        }
        return s;
    }

    const Stmt *parseFor()
    {
        const Token &kw = next();
        auto *s = m_module.make<ForStmt>(posOf(kw));
        s->target = checkTarget(parseTargetList());
        expect(TokenKind::KwIn, "'in'");
        s->iterable = parseTestList();
        ++m_loopDepth;
        parseBlock(s->body, "'for' statement", kw);
        --m_loopDepth;
        if (peek().kind == TokenKind::KwElse) {
            const Token &e = next();
            parseBlock(s->orelse, "'else' statement", e);
        }
        return s;
    }

    /// for-loop and comprehension targets: star_expr or bitwise-or expressions, comma separated.
    const Expr *parseTargetList()
    {
        const Pos p = posOf(peek());
        auto one = [&]() -> const Expr * {
            if (peek().kind == TokenKind::Star) {
                const Token &st = next();
                auto *s = m_module.make<StarExpr>(posOf(st));
                s->value = parseBitOr();
                return s;
            }
            return parseBitOr();
        };
        const Expr *first = one();
        if (peek().kind != TokenKind::Comma)
            return first;
        auto *t = m_module.make<SequenceExpr>(NodeKind::Tuple, p);
        t->items.push_back(first);
        while (accept(TokenKind::Comma)) {
            if (peek().kind == TokenKind::KwIn)
                break;
            t->items.push_back(one());
        }
        return t;
    }

    // ---- expressions ------------------------------------------------------------

    /// test (',' test)* [','] -> tuple when there is a comma; items may be starred.
    const Expr *parseTestListStar() { return parseTestListImpl(true); }
    const Expr *parseTestList() { return parseTestListImpl(true); }

    const Expr *parseTestListImpl(bool allowStar)
    {
        const Pos p = posOf(peek());
        const Expr *first = parseTestOrStar(allowStar);
        if (peek().kind != TokenKind::Comma)
            return first;
        auto *t = m_module.make<SequenceExpr>(NodeKind::Tuple, p);
        t->items.push_back(first);
        while (accept(TokenKind::Comma)) {
            if (!startsExpression(peek().kind))
                break;
            t->items.push_back(parseTestOrStar(allowStar));
        }
        return t;
    }

    bool startsComprehension() const
    {
        return peek().kind == TokenKind::KwFor || (peek().kind == TokenKind::KwAsync && peek(1).kind == TokenKind::KwFor);
    }

    static bool startsExpression(TokenKind k)
    {
        switch (k) {
        case TokenKind::Name: case TokenKind::Int: case TokenKind::Float: case TokenKind::String:
        case TokenKind::FString: case TokenKind::LParen: case TokenKind::LBracket: case TokenKind::LBrace:
        case TokenKind::Minus: case TokenKind::Plus: case TokenKind::Tilde: case TokenKind::KwNot:
        case TokenKind::KwLambda: case TokenKind::KwNone: case TokenKind::KwTrue: case TokenKind::KwFalse:
        case TokenKind::Star: case TokenKind::Ellipsis: case TokenKind::Imaginary: case TokenKind::Bytes:
        case TokenKind::KwAwait:
            return true;
        default: return false;
        }
    }

    const Expr *parseTestOrStar(bool allowStar)
    {
        if (allowStar && peek().kind == TokenKind::Star) {
            const Token &st = next();
            auto *s = m_module.make<StarExpr>(posOf(st));
            s->value = parseBitOr();
            return s;
        }
        return parseTest();
    }

    const Expr *parseTest()
    {
        DepthGuard guard(*this, peek());
        if (peek().kind == TokenKind::KwLambda)
            return parseLambda(true);
        const Expr *e = parseOrTest();
        if (peek().kind == TokenKind::KwIf) {
            next();
            auto *c = m_module.make<CondExpr>(e->pos);
            c->then = e;
            c->cond = parseOrTest();
            expect(TokenKind::KwElse, "'else' after conditional expression");
            c->otherwise = parseTest();
            return c;
        }
        if (peek().kind == TokenKind::Walrus) {
            if (e->kind != NodeKind::Name)
                failAt(e->pos, "cannot use assignment expressions with " + describe(e));
            const Token &op = next();
            auto *n = m_module.make<NamedExpr>(posOf(op));
            n->name = static_cast<const NameExpr *>(e)->name;
            n->value = parseTest();
            return n;
        }
        return e;
    }

    /// A test that may be `name := value` (conditions, decorators, subscripts).
    const Expr *parseNamedExprTest() { return parseTest(); }

    const Expr *parseLambda(bool allowCond)
    {
        const Token &kw = next();
        auto *l = m_module.make<LambdaExpr>(posOf(kw));
        l->def.name = "lambda";
        l->def.pos = posOf(kw);
        parseParams(l->def, TokenKind::Colon, false);
        expect(TokenKind::Colon, "':'");
        ++m_funcDepth;
        FunctionMark mark(*this, &l->def);
        l->def.lambdaBody = allowCond ? parseTest() : parseOrTest();
        --m_funcDepth;
        return l;
    }

    const Expr *parseOrTest()
    {
        const Expr *e = parseAndTest();
        while (peek().kind == TokenKind::KwOr) {
            next();
            auto *b = m_module.make<BoolOpExpr>(e->pos);
            b->isAnd = false;
            b->left = e;
            b->right = parseAndTest();
            e = b;
        }
        return e;
    }

    const Expr *parseAndTest()
    {
        const Expr *e = parseNotTest();
        while (peek().kind == TokenKind::KwAnd) {
            next();
            auto *b = m_module.make<BoolOpExpr>(e->pos);
            b->left = e;
            b->right = parseNotTest();
            e = b;
        }
        return e;
    }

    const Expr *parseNotTest()
    {
        if (peek().kind == TokenKind::KwNot) {
            DepthGuard guard(*this, peek());
            const Token &t = next();
            auto *u = m_module.make<UnaryExpr>(posOf(t));
            u->op = TokenKind::KwNot;
            u->operand = parseNotTest();
            return u;
        }
        return parseComparison();
    }

    const Expr *parseComparison()
    {
        const Expr *e = parseBitOr();
        CompareExpr *c = nullptr;
        while (true) {
            const Token &t = peek();
            CompareOp op;
            switch (t.kind) {
            case TokenKind::Eq: op = CompareOp::Eq; break;
            case TokenKind::Ne: op = CompareOp::Ne; break;
            case TokenKind::Lt: op = CompareOp::Lt; break;
            case TokenKind::Le: op = CompareOp::Le; break;
            case TokenKind::Gt: op = CompareOp::Gt; break;
            case TokenKind::Ge: op = CompareOp::Ge; break;
            case TokenKind::KwIn: op = CompareOp::In; break;
            case TokenKind::KwIs: op = peek(1).kind == TokenKind::KwNot ? CompareOp::IsNot : CompareOp::Is; break;
            case TokenKind::KwNot:
                if (peek(1).kind != TokenKind::KwIn)
                    return c ? c : e;
                op = CompareOp::NotIn;
                break;
            default: return c ? static_cast<const Expr *>(c) : e;
            }
            next();
            if (op == CompareOp::IsNot || op == CompareOp::NotIn)
                next();
            if (!c) {
                c = m_module.make<CompareExpr>(e->pos);
                c->first = e;
            }
            c->rest.push_back({op, posOf(t), parseBitOr()});
        }
    }

    const Expr *makeBinary(const Expr *l, const Token &op, const Expr *r)
    {
        auto *b = m_module.make<BinaryExpr>(l->pos);
        b->op = op.kind;
        b->opPos = posOf(op);
        b->left = l;
        b->right = r;
        return b;
    }

    const Expr *parseBitOr()
    {
        const Expr *e = parseBitXor();
        while (peek().kind == TokenKind::Pipe) {
            const Token &op = next();
            e = makeBinary(e, op, parseBitXor());
        }
        return e;
    }
    const Expr *parseBitXor()
    {
        const Expr *e = parseBitAnd();
        while (peek().kind == TokenKind::Caret) {
            const Token &op = next();
            e = makeBinary(e, op, parseBitAnd());
        }
        return e;
    }
    const Expr *parseBitAnd()
    {
        const Expr *e = parseShift();
        while (peek().kind == TokenKind::Amp) {
            const Token &op = next();
            e = makeBinary(e, op, parseShift());
        }
        return e;
    }
    const Expr *parseShift()
    {
        const Expr *e = parseArith();
        while (peek().kind == TokenKind::LShift || peek().kind == TokenKind::RShift) {
            const Token &op = next();
            e = makeBinary(e, op, parseArith());
        }
        return e;
    }
    const Expr *parseArith()
    {
        const Expr *e = parseTerm();
        while (peek().kind == TokenKind::Plus || peek().kind == TokenKind::Minus) {
            const Token &op = next();
            e = makeBinary(e, op, parseTerm());
        }
        return e;
    }
    const Expr *parseTerm()
    {
        const Expr *e = parseFactor();
        while (true) {
            const TokenKind k = peek().kind;
            if (k != TokenKind::At && k != TokenKind::Star && k != TokenKind::Slash && k != TokenKind::SlashSlash && k != TokenKind::Percent)
                return e;
            const Token &op = next();
            e = makeBinary(e, op, parseFactor());
        }
    }
    const Expr *parseFactor()
    {
        const TokenKind k = peek().kind;
        if (k == TokenKind::Minus || k == TokenKind::Plus || k == TokenKind::Tilde) {
            DepthGuard guard(*this, peek());
            const Token &t = next();
            // Fold negative numeric literals so that -9223372036854775808 style bounds work.
            auto *u = m_module.make<UnaryExpr>(posOf(t));
            u->op = k;
            u->operand = parseFactor();
            return u;
        }
        return parsePower();
    }
    const Expr *parsePower()
    {
        if (peek().kind == TokenKind::KwAwait) {
            DepthGuard guard(*this, peek());
            const Token &kw = next();
            auto *a = m_module.make<YieldExpr>(NodeKind::Await, posOf(kw));
            a->value = parsePower();
            return a;
        }
        const Expr *e = parsePrimary();
        if (peek().kind == TokenKind::StarStar) {
            DepthGuard guard(*this, peek());
            const Token &op = next();
            return makeBinary(e, op, parseFactor());
        }
        return e;
    }

    const Expr *parsePrimary()
    {
        const Expr *e = parseAtom();
        while (true) {
            const Token &t = peek();
            if (t.kind == TokenKind::LParen) {
                next();
                e = parseCallArgs(e);
            } else if (t.kind == TokenKind::LBracket) {
                next();
                e = parseSubscript(e);
            } else if (t.kind == TokenKind::Dot) {
                next();
                const Token &n = expect(TokenKind::Name, "attribute name after '.'");
                auto *a = m_module.make<AttrExpr>(e->pos);
                a->object = e;
                a->name = n.text;
                a->namePos = posOf(n);
                e = a;
            } else {
                return e;
            }
        }
    }

    const Expr *parseCallArgs(const Expr *callee)
    {
        DepthGuard guard(*this, peek());
        auto *c = m_module.make<CallExpr>(callee->pos);
        c->callee = callee;
        bool seenKeyword = false, seenStarStar = false;
        std::unordered_set<std::string_view> names;
        while (peek().kind != TokenKind::RParen) {
            const Token &t = peek();
            Argument a;
            a.pos = posOf(t);
            if (accept(TokenKind::StarStar)) {
                a.kind = Argument::Kind::StarStar;
                a.value = parseTest();
                seenStarStar = true;
            } else if (accept(TokenKind::Star)) {
                if (seenStarStar)
                    failAt(t, "iterable argument unpacking follows keyword argument unpacking");
                a.kind = Argument::Kind::Star;
                a.value = parseTest();
            } else if (t.kind == TokenKind::Name && peek(1).kind == TokenKind::Assign) {
                next();
                next();
                if (!names.insert(t.text).second)
                    failAt(t, "keyword argument repeated: " + std::string(t.text));
                a.kind = Argument::Kind::Keyword;
                a.name = t.text;
                a.value = parseTest();
                seenKeyword = true;
            } else {
                if (seenStarStar)
                    failAt(t, "positional argument follows keyword argument unpacking");
                if (seenKeyword)
                    failAt(t, "positional argument follows keyword argument");
                const Expr *v = parseTest();
                if (startsComprehension()) {
                    v = parseComprehension(ComprehensionExpr::Kind::Generator, v, nullptr, v->pos);
                    if (!c->args.empty() || peek().kind != TokenKind::RParen)
                        failAt(v->pos, "Generator expression must be parenthesized");
                } else if (peek().kind == TokenKind::Assign) {
                    failAt(v->pos, "expression cannot contain assignment, perhaps you meant \"==\"?");
                }
                a.kind = Argument::Kind::Positional;
                a.value = v;
            }
            c->args.push_back(a);
            if (!accept(TokenKind::Comma))
                break;
        }
        expect(TokenKind::RParen, "')' or ',' in call arguments");
        return c;
    }

    /// One subscript item: a slice `lo:hi:step` (object left null) or a (starred) test.
    const Expr *parseSliceItem(const Expr *object)
    {
        const Pos p = posOf(peek());
        const Expr *lo = nullptr;
        if (peek().kind != TokenKind::Colon) {
            lo = parseTestOrStar(true);
            if (peek().kind != TokenKind::Colon)
                return lo;
        }
        auto *s = m_module.make<SliceExpr>(object ? object->pos : p);
        s->object = object;
        s->lo = lo;
        expect(TokenKind::Colon, "':'");
        if (peek().kind != TokenKind::Colon && peek().kind != TokenKind::RBracket && peek().kind != TokenKind::Comma)
            s->hi = parseTest();
        if (accept(TokenKind::Colon) && peek().kind != TokenKind::RBracket && peek().kind != TokenKind::Comma)
            s->step = parseTest();
        return s;
    }

    const Expr *parseSubscript(const Expr *object)
    {
        DepthGuard guard(*this, peek());
        const Pos p = posOf(peek());
        const Expr *first = parseSliceItem(object);
        if (accept(TokenKind::RBracket)) {
            if (first->kind == NodeKind::Slice && static_cast<const SliceExpr *>(first)->object == object)
                return first;
            auto *ix = m_module.make<IndexExpr>(object->pos);
            ix->object = object;
            ix->index = first;
            return ix;
        }
        // A tuple of items (`a[1:2, ::3]`, `a[x, *y]`): slices inside it are bare.
        auto *tup = m_module.make<SequenceExpr>(NodeKind::Tuple, p);
        auto bare = [&](const Expr *e) -> const Expr * {
            if (e->kind == NodeKind::Slice && static_cast<const SliceExpr *>(e)->object == object) {
                auto *b = m_module.make<SliceExpr>(*static_cast<const SliceExpr *>(e));
                b->object = nullptr;
                return b;
            }
            return e;
        };
        tup->items.push_back(bare(first));
        while (accept(TokenKind::Comma)) {
            if (peek().kind == TokenKind::RBracket)
                break;
            tup->items.push_back(parseSliceItem(nullptr));
        }
        expect(TokenKind::RBracket, "']'");
        auto *ix = m_module.make<IndexExpr>(object->pos);
        ix->object = object;
        ix->index = tup;
        return ix;
    }

    const Expr *parseComprehension(ComprehensionExpr::Kind kind, const Expr *element, const Expr *value, Pos p)
    {
        auto *c = m_module.make<ComprehensionExpr>(p);
        c->compKind = kind;
        c->element = element;
        c->value = value;
        while (true) {
            if (startsComprehension()) {
                accept(TokenKind::KwAsync); // async comprehensions only run inside 'async def' (rejected)
                next();
                ComprehensionExpr::Clause cl;
                cl.isFor = true;
                cl.target = checkTarget(parseTargetList());
                expect(TokenKind::KwIn, "'in'");
                cl.expr = parseOrTest();
                c->clauses.push_back(cl);
            } else if (peek().kind == TokenKind::KwIf) {
                next();
                ComprehensionExpr::Clause cl;
                cl.isFor = false;
                cl.expr = peek().kind == TokenKind::KwLambda ? parseLambda(false) : parseOrTest();
                c->clauses.push_back(cl);
            } else {
                return c;
            }
        }
    }

    const Expr *parseAtom()
    {
        const Token &t = peek();
        const Pos p = posOf(t);
        switch (t.kind) {
        case TokenKind::Name: next(); return m_module.make<NameExpr>(p, t.text);
        case TokenKind::Int:
            next();
            if (!t.unsupported.empty())
                return m_module.make<UnsupportedExpr>(p, t.unsupported);
            return m_module.make<LiteralExpr>(p, Value::integer(t.intValue));
        case TokenKind::Imaginary: next(); return m_module.make<UnsupportedExpr>(p, "complex numbers are not supported");
        case TokenKind::Ellipsis: next(); return m_module.make<UnsupportedExpr>(p, "'...' (Ellipsis) is not supported", true);
        case TokenKind::Float: next(); return m_module.make<LiteralExpr>(p, Value::real(t.floatValue));
        case TokenKind::KwNone: next(); return m_module.make<LiteralExpr>(p, Value::none());
        case TokenKind::KwTrue: next(); return m_module.make<LiteralExpr>(p, Value::boolean(true));
        case TokenKind::KwFalse: next(); return m_module.make<LiteralExpr>(p, Value::boolean(false));
        case TokenKind::String: case TokenKind::FString: case TokenKind::Bytes: return parseStrings();
        case TokenKind::LParen: {
            DepthGuard guard(*this, t);
            next();
            if (accept(TokenKind::RParen))
                return m_module.make<SequenceExpr>(NodeKind::Tuple, p);
            if (peek().kind == TokenKind::KwYield) {
                const Expr *y = parseYield();
                expect(TokenKind::RParen, "')'");
                return y;
            }
            const Expr *first = parseTestOrStar(true);
            if (startsComprehension()) {
                const Expr *g = parseComprehension(ComprehensionExpr::Kind::Generator, first, nullptr, p);
                expect(TokenKind::RParen, "')'");
                return g;
            }
            if (accept(TokenKind::RParen)) {
                if (first->kind == NodeKind::Star)
                    failAt(first->pos, "cannot use starred expression here");
                return first;
            }
            auto *tup = m_module.make<SequenceExpr>(NodeKind::Tuple, p);
            tup->items.push_back(first);
            while (accept(TokenKind::Comma)) {
                if (peek().kind == TokenKind::RParen)
                    break;
                tup->items.push_back(parseTestOrStar(true));
            }
            expect(TokenKind::RParen, "')' or ','");
            return tup;
        }
        case TokenKind::LBracket: {
            DepthGuard guard(*this, t);
            next();
            auto *l = m_module.make<SequenceExpr>(NodeKind::List, p);
            if (accept(TokenKind::RBracket))
                return l;
            const Expr *first = parseTestOrStar(true);
            if (startsComprehension()) {
                const Expr *c = parseComprehension(ComprehensionExpr::Kind::List, first, nullptr, p);
                expect(TokenKind::RBracket, "']'");
                return c;
            }
            l->items.push_back(first);
            while (accept(TokenKind::Comma)) {
                if (peek().kind == TokenKind::RBracket)
                    break;
                l->items.push_back(parseTestOrStar(true));
            }
            expect(TokenKind::RBracket, "']' or ','");
            return l;
        }
        case TokenKind::LBrace: {
            DepthGuard guard(*this, t);
            next();
            if (accept(TokenKind::RBrace))
                return m_module.make<DictExpr>(p);
            if (peek().kind == TokenKind::StarStar || peek(0).kind != TokenKind::Star) {
                // dict display, dict comprehension, set display or set comprehension
                const Expr *key = nullptr;
                const Expr *val = nullptr;
                if (accept(TokenKind::StarStar)) {
                    val = parseBitOr();
                } else {
                    key = parseTest();
                    if (!accept(TokenKind::Colon)) {
                        if (startsComprehension()) {
                            const Expr *c = parseComprehension(ComprehensionExpr::Kind::Set, key, nullptr, p);
                            expect(TokenKind::RBrace, "'}'");
                            return c;
                        }
                        return parseSetRest(p, key);
                    }
                    val = parseTest();
                    if (startsComprehension()) {
                        const Expr *c = parseComprehension(ComprehensionExpr::Kind::Dict, key, val, p);
                        expect(TokenKind::RBrace, "'}'");
                        return c;
                    }
                }
                auto *d = m_module.make<DictExpr>(p);
                d->entries.emplace_back(key, val);
                while (accept(TokenKind::Comma)) {
                    if (peek().kind == TokenKind::RBrace)
                        break;
                    if (accept(TokenKind::StarStar)) {
                        d->entries.emplace_back(nullptr, parseBitOr());
                        continue;
                    }
                    const Expr *k = parseTest();
                    expect(TokenKind::Colon, "':'");
                    d->entries.emplace_back(k, parseTest());
                }
                expect(TokenKind::RBrace, "'}' or ','");
                return d;
            }
            return parseSetRest(p, parseTestOrStar(true));
        }
        case TokenKind::KwLambda: return parseLambda(true);
        default: unexpected(t);
        }
    }

    const Expr *parseSetRest(Pos p, const Expr *first)
    {
        auto *s = m_module.make<SequenceExpr>(NodeKind::Set, p);
        s->items.push_back(first);
        while (accept(TokenKind::Comma)) {
            if (peek().kind == TokenKind::RBrace)
                break;
            s->items.push_back(parseTestOrStar(true));
        }
        expect(TokenKind::RBrace, "'}' or ','");
        return s;
    }

    /// Adjacent string literals concatenate; any f-string makes the result an FStringExpr.
    const Expr *parseStrings()
    {
        const Pos p = posOf(peek());
        bool anyF = false;
        std::size_t count = 0;
        std::string unsupported;
        while (peek(count).kind == TokenKind::String || peek(count).kind == TokenKind::FString
               || peek(count).kind == TokenKind::Bytes) {
            anyF = anyF || peek(count).kind == TokenKind::FString;
            if (unsupported.empty())
                unsupported = peek(count).unsupported;
            ++count;
        }
        if (!unsupported.empty()) {
            for (std::size_t i = 0; i < count; ++i) {
                const Token &t = next();
                for (const FStringPart &part : t.parts) // still check the fields' syntax
                    if (part.isExpr)
                        convertPart(part);
            }
            return m_module.make<UnsupportedExpr>(p, unsupported);
        }
        if (!anyF) {
            if (count == 1)
                return m_module.make<LiteralExpr>(p, Value::string(next().value));
            std::string s;
            for (std::size_t i = 0; i < count; ++i)
                s += next().value;
            return m_module.make<LiteralExpr>(p, Value::string(std::move(s)));
        }
        auto *f = m_module.make<FStringExpr>(p);
        auto addLiteral = [&](const std::string &text) {
            if (text.empty())
                return;
            if (!f->parts.empty() && !f->parts.back().expr)
                f->parts.back().literal += text;
            else {
                FStringExpr::Part lit;
                lit.literal = text;
                f->parts.push_back(std::move(lit));
            }
        };
        for (std::size_t i = 0; i < count; ++i) {
            const Token &t = next();
            if (t.kind == TokenKind::String) {
                addLiteral(t.value);
                continue;
            }
            for (const FStringPart &part : t.parts) {
                if (!part.isExpr) {
                    addLiteral(part.literal);
                    continue;
                }
                if (!part.debugText.empty())
                    addLiteral(part.debugText);
                f->parts.push_back(convertPart(part));
            }
        }
        return f;
    }

    FStringExpr::Part convertPart(const FStringPart &part)
    {
        FStringExpr::Part fp;
        if (!part.isExpr) {
            fp.literal = part.literal;
            return fp;
        }
        fp.expr = parseSubExpression(part);
        fp.conversion = part.conversion;
        fp.spec = part.spec;
        for (const FStringPart &sp : part.specParts)
            fp.specParts.push_back(convertPart(sp));
        return fp;
    }

    const Expr *parseSubExpression(const FStringPart &part)
    {
        DepthGuard guard(*this, peek());
        Lexer lx(m_module.text, part.exprOffset, part.exprOffset + part.exprLength, part.line, part.column);
        std::vector<Token> toks;
        if (!lx.tokenize(toks))
            failAt(Pos{lx.error().line, lx.error().column}, lx.error().message);
        std::vector<Token> saved = std::move(m_tokens);
        const std::size_t savedPos = m_pos;
        m_tokens = std::move(toks);
        m_pos = 0;
        const Expr *e = parseTestList();
        if (peek().kind != TokenKind::End)
            failAt(peek(), "f-string: invalid syntax");
        m_tokens = std::move(saved);
        m_pos = savedPos;
        return e;
    }

    Module &m_module;
    SyntaxError &m_error;
    std::vector<Token> m_tokens;
    std::size_t m_pos = 0;
    int m_depth = 0;
    int m_loopDepth = 0;
    int m_funcDepth = 0;
    std::vector<FuncDef *> m_functions; ///< see FunctionMark
};

} // namespace

std::shared_ptr<Module> parseModule(std::string path, std::string_view text, bool copyText, SyntaxError &error)
{
    return parsePython(std::move(path), text, copyText, error, false);
}

std::shared_ptr<Module> parsePython(std::string path, std::string_view text, bool copyText, SyntaxError &error,
                                    bool allowImports)
{
    auto m = std::make_shared<Module>();
    m->path = std::move(path);
    if (copyText) {
        m->ownedText.assign(text);
        m->text = m->ownedText;
    } else {
        m->text = text;
    }
    Lexer lexer(m->text);
    std::vector<Token> tokens;
    tokens.reserve(m->text.size() / 4 + 16);
    if (!lexer.tokenize(tokens)) {
        error = lexer.error();
        return nullptr;
    }
    for (const Token &t : tokens) {
        if (t.kind == TokenKind::KwImport && !allowImports) {
            error.line = t.line;
            error.column = t.column;
            error.message = "Import used in " + m->path + " at line " + std::to_string(t.line)
                + ". Import statements are banned in BUILD files and macros (that act like a normal BUILD file) "
                  "because they can easily break Pants caching and lead to stale results. Instead, consider "
                  "writing a plugin.";
            return nullptr;
        }
    }
    Parser parser(*m, error);
    try {
        parser.parseFile(std::move(tokens));
    } catch (const ParseFailure &) {
        return nullptr;
    }
    return m;
}

} // namespace trellis::buildlang
