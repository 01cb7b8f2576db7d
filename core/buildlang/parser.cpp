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
        case TokenKind::Walrus: failAt(t, "assignment expressions (':=') are not supported");
        case TokenKind::At: failAt(t, "the '@' operator and decorators are not supported");
        default: break;
        }
        if (const char *kw = rejectedKeyword(t.kind))
            failAt(t, kw);
        failAt(t, "invalid syntax");
    }
    const Token &expect(TokenKind k, const char *what)
    {
        if (peek().kind != k) {
            const Token &t = peek();
            if (rejectedKeyword(t.kind) || t.kind == TokenKind::Indent || t.kind == TokenKind::Walrus)
                unexpected(t);
            failAt(t, std::string("expected ") + what);
        }
        return next();
    }

    static const char *rejectedKeyword(TokenKind k)
    {
        switch (k) {
        case TokenKind::KwClass: return "'class' definitions are not supported";
        case TokenKind::KwWhile: return "'while' loops are not supported";
        case TokenKind::KwTry: case TokenKind::KwExcept: case TokenKind::KwFinally:
            return "'try' statements are not supported";
        case TokenKind::KwWith: return "'with' statements are not supported";
        case TokenKind::KwGlobal: return "'global' statements are not supported";
        case TokenKind::KwNonlocal: return "'nonlocal' statements are not supported";
        case TokenKind::KwYield: return "'yield' is not supported";
        case TokenKind::KwAsync: case TokenKind::KwAwait: return "'async' and 'await' are not supported";
        case TokenKind::KwDel: return "'del' statements are not supported";
        default: return nullptr;
        }
    }

    // ---- statements -------------------------------------------------------------

    void parseStatement(Block &out)
    {
        const Token &t = peek();
        switch (t.kind) {
        case TokenKind::KwDef: out.push_back(parseDef()); return;
        case TokenKind::KwIf: out.push_back(parseIf()); return;
        case TokenKind::KwFor: out.push_back(parseFor()); return;
        case TokenKind::At: failAt(t, "decorators are not supported");
        case TokenKind::Indent: failAt(t, "unexpected indent");
        default: break;
        }
        if (const char *kw = rejectedKeyword(t.kind))
            failAt(t, kw);
        parseSimpleStatements(out);
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
            if (!atStatementEnd())
                r->value = parseTest();
            if (peek().kind == TokenKind::KwFrom)
                failAt(peek(), "'raise ... from' is not supported");
            return r;
        }
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
        if (const char *kw = rejectedKeyword(t.kind))
            failAt(t, kw);
        const Expr *first = parseTestListStar();
        const Token &op = peek();
        switch (op.kind) {
        case TokenKind::Assign: {
            auto *a = m_module.make<AssignStmt>(p);
            a->targets.push_back(checkTarget(first));
            while (accept(TokenKind::Assign)) {
                const Expr *rhs = parseTestListStar();
                if (peek().kind == TokenKind::Assign)
                    a->targets.push_back(checkTarget(rhs));
                else
                    a->value = rhs;
            }
            return a;
        }
        case TokenKind::Colon: { // annotated assignment: the annotation is parsed, not evaluated
            next();
            if (first->kind != NodeKind::Name && first->kind != NodeKind::Attr && first->kind != NodeKind::Index)
                failAt(first->pos, "only single target (not tuple) can be annotated");
            parseTest();
            if (!accept(TokenKind::Assign))
                return m_module.make<SimpleStmt>(NodeKind::Pass, p);
            auto *a = m_module.make<AssignStmt>(p);
            a->targets.push_back(checkTarget(first));
            a->value = parseTestListStar();
            return a;
        }
        case TokenKind::PlusAssign: case TokenKind::MinusAssign: case TokenKind::StarAssign:
        case TokenKind::SlashAssign: case TokenKind::SlashSlashAssign: case TokenKind::PercentAssign: {
            next();
            auto *a = m_module.make<AugAssignStmt>(p);
            a->opPos = posOf(op);
            a->op = op.kind == TokenKind::PlusAssign ? TokenKind::Plus
                : op.kind == TokenKind::MinusAssign ? TokenKind::Minus
                : op.kind == TokenKind::StarAssign ? TokenKind::Star
                : op.kind == TokenKind::SlashAssign ? TokenKind::Slash
                : op.kind == TokenKind::SlashSlashAssign ? TokenKind::SlashSlash : TokenKind::Percent;
            if (first->kind != NodeKind::Name && first->kind != NodeKind::Index && first->kind != NodeKind::Attr)
                failAt(first->pos, "'" + describe(first) + "' is an illegal expression for augmented assignment");
            a->target = first;
            a->value = parseTestList();
            return a;
        }
        case TokenKind::OtherAugAssign:
            failAt(op, "augmented assignment operator '" + std::string(op.text) + "' is not supported");
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
        case NodeKind::Name: case NodeKind::Attr: case NodeKind::Index: return e;
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

    const Stmt *parseDef()
    {
        const Token &kw = next();
        auto *d = m_module.make<DefStmt>(posOf(kw));
        const Token &name = expect(TokenKind::Name, "function name");
        d->def.name = name.text;
        d->def.pos = posOf(kw);
        expect(TokenKind::LParen, "'('");
        parseParams(d->def, TokenKind::RParen, true);
        expect(TokenKind::RParen, "')'");
        if (accept(TokenKind::Arrow))
            parseTest(); // return annotation: parsed, ignored
        ++m_funcDepth;
        const int savedLoop = m_loopDepth;
        m_loopDepth = 0;
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
                        parseTest();
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
        s->cond = parseTest();
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
        if (peek().kind == TokenKind::KwElse)
            failAt(peek(), "'for ... else' is not supported");
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

    static bool startsExpression(TokenKind k)
    {
        switch (k) {
        case TokenKind::Name: case TokenKind::Int: case TokenKind::Float: case TokenKind::String:
        case TokenKind::FString: case TokenKind::LParen: case TokenKind::LBracket: case TokenKind::LBrace:
        case TokenKind::Minus: case TokenKind::Plus: case TokenKind::Tilde: case TokenKind::KwNot:
        case TokenKind::KwLambda: case TokenKind::KwNone: case TokenKind::KwTrue: case TokenKind::KwFalse:
        case TokenKind::Star:
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
        if (peek().kind == TokenKind::Walrus)
            unexpected(peek());
        return e;
    }

    const Expr *parseLambda(bool allowCond)
    {
        const Token &kw = next();
        auto *l = m_module.make<LambdaExpr>(posOf(kw));
        l->def.name = "lambda";
        l->def.pos = posOf(kw);
        parseParams(l->def, TokenKind::Colon, false);
        expect(TokenKind::Colon, "':'");
        ++m_funcDepth;
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
            if (k == TokenKind::At)
                failAt(peek(), "the '@' operator is not supported");
            if (k != TokenKind::Star && k != TokenKind::Slash && k != TokenKind::SlashSlash && k != TokenKind::Percent)
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
                if (peek().kind == TokenKind::KwFor) {
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

    const Expr *parseSubscript(const Expr *object)
    {
        DepthGuard guard(*this, peek());
        const Pos p = posOf(peek());
        const Expr *lo = nullptr;
        if (peek().kind != TokenKind::Colon) {
            lo = parseTestList();
            if (accept(TokenKind::RBracket)) {
                auto *ix = m_module.make<IndexExpr>(object->pos);
                ix->object = object;
                ix->index = lo;
                return ix;
            }
        }
        auto *s = m_module.make<SliceExpr>(object->pos);
        s->object = object;
        s->lo = lo;
        expect(TokenKind::Colon, "']'");
        if (peek().kind != TokenKind::Colon && peek().kind != TokenKind::RBracket)
            s->hi = parseTest();
        if (accept(TokenKind::Colon) && peek().kind != TokenKind::RBracket)
            s->step = parseTest();
        expect(TokenKind::RBracket, "']'");
        (void)p;
        return s;
    }

    const Expr *parseComprehension(ComprehensionExpr::Kind kind, const Expr *element, const Expr *value, Pos p)
    {
        auto *c = m_module.make<ComprehensionExpr>(p);
        c->compKind = kind;
        c->element = element;
        c->value = value;
        while (true) {
            if (peek().kind == TokenKind::KwFor) {
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
            } else if (peek().kind == TokenKind::KwAsync) {
                unexpected(peek());
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
        case TokenKind::Int: next(); return m_module.make<LiteralExpr>(p, Value::integer(t.intValue));
        case TokenKind::Float: next(); return m_module.make<LiteralExpr>(p, Value::real(t.floatValue));
        case TokenKind::KwNone: next(); return m_module.make<LiteralExpr>(p, Value::none());
        case TokenKind::KwTrue: next(); return m_module.make<LiteralExpr>(p, Value::boolean(true));
        case TokenKind::KwFalse: next(); return m_module.make<LiteralExpr>(p, Value::boolean(false));
        case TokenKind::String: case TokenKind::FString: return parseStrings();
        case TokenKind::LParen: {
            DepthGuard guard(*this, t);
            next();
            if (accept(TokenKind::RParen))
                return m_module.make<SequenceExpr>(NodeKind::Tuple, p);
            const Expr *first = parseTestOrStar(true);
            if (peek().kind == TokenKind::KwFor) {
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
            if (peek().kind == TokenKind::KwFor) {
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
                        if (peek().kind == TokenKind::KwFor) {
                            const Expr *c = parseComprehension(ComprehensionExpr::Kind::Set, key, nullptr, p);
                            expect(TokenKind::RBrace, "'}'");
                            return c;
                        }
                        return parseSetRest(p, key);
                    }
                    val = parseTest();
                    if (peek().kind == TokenKind::KwFor) {
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
        while (peek(count).kind == TokenKind::String || peek(count).kind == TokenKind::FString) {
            anyF = anyF || peek(count).kind == TokenKind::FString;
            ++count;
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
            else
                f->parts.push_back({text, nullptr, 0, {}});
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
                FStringExpr::Part fp;
                fp.expr = parseSubExpression(part);
                fp.conversion = part.conversion;
                fp.spec = part.spec;
                f->parts.push_back(std::move(fp));
            }
        }
        return f;
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
};

} // namespace

std::shared_ptr<Module> parseModule(std::string path, std::string_view text, bool copyText, SyntaxError &error)
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
        if (t.kind == TokenKind::KwImport) {
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
