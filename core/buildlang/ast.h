// The syntax tree of a BUILD file or prelude. Every node carries the position of its
// first character (line/column from 1, column in code points). Nodes are owned by
// their Module; identifier names are views into the Module's text.
//
//   auto mod = parse(path, text, diags);   // see parser.h
//   for (const Stmt *s : mod->body) ...
#pragma once

#include "core/buildlang/token.h"
#include "core/buildlang/value.h"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::buildlang {

enum class NodeKind : std::uint8_t {
    // expressions
    Name, Literal, FString, List, Tuple, Set, Dict, Comprehension, Cond, Lambda, Unary, Binary,
    BoolOp, Compare, Call, Attr, Index, Slice, Star,
    // statements
    ExprStmt, Assign, AugAssign, Def, Return, If, For, Break, Continue, Pass, Raise, Assert,
    // expressions (Python grammar beyond the original subset)
    NamedExpr, Yield, Await, Unsupported,
    // statements
    While, Try, With, Class, Global, Nonlocal, Del, UnsupportedStmt,
};

struct Pos {
    int line = 0;
    int column = 0;
};

struct Node {
    explicit Node(NodeKind k, Pos p) : kind(k), pos(p) {}
    virtual ~Node() = default;
    NodeKind kind;
    Pos pos;
};

struct Expr : Node { using Node::Node; };
struct Stmt : Node { using Node::Node; };

struct NameExpr : Expr {
    NameExpr(Pos p, std::string_view n) : Expr(NodeKind::Name, p), name(n) {}
    std::string_view name;
};

struct LiteralExpr : Expr {
    LiteralExpr(Pos p, Value v) : Expr(NodeKind::Literal, p), value(std::move(v)) {}
    Value value; ///< None/Bool/Int/Float/Str, built once at parse time
};

struct FStringExpr : Expr {
    struct Part {
        std::string literal;     ///< used when expr is null
        const Expr *expr = nullptr;
        char conversion = 0;     ///< 0, 'r', 's'
        std::string spec;
        std::vector<Part> specParts; ///< non-empty: the spec has nested fields (`{x:{w}}`)
        std::string debugText;   ///< `{x=}`: literal "x=" printed before the value
    };
    explicit FStringExpr(Pos p) : Expr(NodeKind::FString, p) {}
    std::vector<Part> parts;
};

/// List, tuple or set display. Items may be StarExpr.
struct SequenceExpr : Expr {
    using Expr::Expr;
    std::vector<const Expr *> items;
};

/// Dict display; an entry with a null key is `**value`.
struct DictExpr : Expr {
    explicit DictExpr(Pos p) : Expr(NodeKind::Dict, p) {}
    std::vector<std::pair<const Expr *, const Expr *>> entries;
};

struct ComprehensionExpr : Expr {
    enum class Kind : std::uint8_t { List, Set, Dict, Generator };
    struct Clause {
        bool isFor = true;
        const Expr *target = nullptr; ///< for-clause target
        const Expr *expr = nullptr;   ///< iterable or condition
    };
    explicit ComprehensionExpr(Pos p) : Expr(NodeKind::Comprehension, p) {}
    Kind compKind = Kind::List;
    const Expr *element = nullptr; ///< dict: the key
    const Expr *value = nullptr;   ///< dict only
    std::vector<Clause> clauses;
};

struct CondExpr : Expr {
    explicit CondExpr(Pos p) : Expr(NodeKind::Cond, p) {}
    const Expr *cond = nullptr, *then = nullptr, *otherwise = nullptr;
};

struct Param {
    enum class Kind : std::uint8_t { Normal, KeywordOnly, VarArgs, KwArgs };
    std::string_view name;
    Kind kind = Kind::Normal;
    const Expr *defaultValue = nullptr;
    Pos pos;
};

/// A function body: `def` statements and lambdas.
struct FuncDef {
    std::string_view name; ///< "lambda" for lambdas
    Pos pos;
    std::vector<Param> params;
    std::vector<const Stmt *> body; ///< def
    const Expr *lambdaBody = nullptr; ///< lambda
    int varArgs = -1, kwArgs = -1;    ///< index into params or -1
    int positionalCount = 0;          ///< Normal params (they come first)
    bool isGenerator = false;         ///< the body has `yield`: calls run it eagerly (see interpreter)
};

struct LambdaExpr : Expr {
    explicit LambdaExpr(Pos p) : Expr(NodeKind::Lambda, p) {}
    FuncDef def;
};

struct UnaryExpr : Expr {
    explicit UnaryExpr(Pos p) : Expr(NodeKind::Unary, p) {}
    TokenKind op = TokenKind::Minus; ///< Minus, Plus, Tilde, KwNot
    const Expr *operand = nullptr;
};

struct BinaryExpr : Expr {
    explicit BinaryExpr(Pos p) : Expr(NodeKind::Binary, p) {}
    TokenKind op = TokenKind::Plus;
    Pos opPos;
    const Expr *left = nullptr, *right = nullptr;
};

struct BoolOpExpr : Expr {
    explicit BoolOpExpr(Pos p) : Expr(NodeKind::BoolOp, p) {}
    bool isAnd = true;
    const Expr *left = nullptr, *right = nullptr;
};

enum class CompareOp : std::uint8_t { Eq, Ne, Lt, Le, Gt, Ge, In, NotIn, Is, IsNot };

struct CompareExpr : Expr {
    explicit CompareExpr(Pos p) : Expr(NodeKind::Compare, p) {}
    const Expr *first = nullptr;
    struct Link { CompareOp op; Pos opPos; const Expr *operand; };
    std::vector<Link> rest;
};

struct Argument {
    enum class Kind : std::uint8_t { Positional, Star, Keyword, StarStar };
    Kind kind = Kind::Positional;
    std::string_view name; ///< Keyword
    const Expr *value = nullptr;
    Pos pos;               ///< where the argument starts (the name for keywords, `*`/`**`)
};

struct CallExpr : Expr {
    explicit CallExpr(Pos p) : Expr(NodeKind::Call, p) {}
    const Expr *callee = nullptr;
    std::vector<Argument> args;
};

struct AttrExpr : Expr {
    explicit AttrExpr(Pos p) : Expr(NodeKind::Attr, p) {}
    const Expr *object = nullptr;
    std::string_view name;
    Pos namePos;
};

struct IndexExpr : Expr {
    explicit IndexExpr(Pos p) : Expr(NodeKind::Index, p) {}
    const Expr *object = nullptr, *index = nullptr;
};

struct SliceExpr : Expr {
    explicit SliceExpr(Pos p) : Expr(NodeKind::Slice, p) {}
    const Expr *object = nullptr, *lo = nullptr, *hi = nullptr, *step = nullptr;
};

/// `name := value`.
struct NamedExpr : Expr {
    explicit NamedExpr(Pos p) : Expr(NodeKind::NamedExpr, p) {}
    std::string_view name;
    const Expr *value = nullptr;
};

/// `yield x` / `yield from x` / `await x`: parsed, an error when evaluated.
struct YieldExpr : Expr {
    YieldExpr(NodeKind k, Pos p) : Expr(k, p) {}
    const Expr *value = nullptr;
    bool isFrom = false;
};

/// Valid Python the evaluator does not run (`...`, bytes, complex numbers, huge ints,
/// `\N{...}`): evaluating it is an error with `message`.
struct UnsupportedExpr : Expr {
    UnsupportedExpr(Pos p, std::string m, bool ellipsis = false)
        : Expr(NodeKind::Unsupported, p), message(std::move(m)), isEllipsis(ellipsis) {}
    std::string message;
    bool isEllipsis = false; ///< `...` as a statement is a no-op (stub bodies)
};

/// `*x` inside a display or an assignment target.
struct StarExpr : Expr {
    explicit StarExpr(Pos p) : Expr(NodeKind::Star, p) {}
    const Expr *value = nullptr;
};

using Block = std::vector<const Stmt *>;

struct ExprStmt : Stmt {
    explicit ExprStmt(Pos p) : Stmt(NodeKind::ExprStmt, p) {}
    const Expr *expr = nullptr;
};

struct AssignStmt : Stmt {
    explicit AssignStmt(Pos p) : Stmt(NodeKind::Assign, p) {}
    std::vector<const Expr *> targets; ///< `a = b = v` has two
    const Expr *value = nullptr;
};

struct AugAssignStmt : Stmt {
    explicit AugAssignStmt(Pos p) : Stmt(NodeKind::AugAssign, p) {}
    TokenKind op = TokenKind::Plus; ///< the binary operator
    Pos opPos;
    const Expr *target = nullptr, *value = nullptr;
};

struct DefStmt : Stmt {
    explicit DefStmt(Pos p) : Stmt(NodeKind::Def, p) {}
    FuncDef def;
    std::vector<const Expr *> decorators; ///< outermost first
};

struct ClassStmt : Stmt {
    explicit ClassStmt(Pos p) : Stmt(NodeKind::Class, p) {}
    std::string_view name;
    std::vector<Argument> bases;          ///< positional bases and keywords (metaclass=...)
    Block body;
    std::vector<const Expr *> decorators; ///< outermost first
};

struct WhileStmt : Stmt {
    explicit WhileStmt(Pos p) : Stmt(NodeKind::While, p) {}
    const Expr *cond = nullptr;
    Block body, orelse;
};

struct TryStmt : Stmt {
    struct Handler {
        Pos pos;
        const Expr *type = nullptr; ///< null: bare `except:`
        std::string_view name;      ///< `as name`
        Block body;
    };
    explicit TryStmt(Pos p) : Stmt(NodeKind::Try, p) {}
    Block body, orelse, finally;
    std::vector<Handler> handlers;
    bool star = false; ///< `except*`
};

struct WithStmt : Stmt {
    struct Item { const Expr *context = nullptr; const Expr *target = nullptr; };
    explicit WithStmt(Pos p) : Stmt(NodeKind::With, p) {}
    std::vector<Item> items;
    Block body;
};

/// `global a, b` / `nonlocal a, b`.
struct NamesStmt : Stmt {
    using Stmt::Stmt;
    std::vector<std::string_view> names;
};

struct DelStmt : Stmt {
    explicit DelStmt(Pos p) : Stmt(NodeKind::Del, p) {}
    std::vector<const Expr *> targets;
};

/// A statement the evaluator does not run (import, match, async, type aliases):
/// executing it is an error with `message`.
struct UnsupportedStmt : Stmt {
    UnsupportedStmt(Pos p, std::string m) : Stmt(NodeKind::UnsupportedStmt, p), message(std::move(m)) {}
    std::string message;
};

struct ReturnStmt : Stmt {
    explicit ReturnStmt(Pos p) : Stmt(NodeKind::Return, p) {}
    const Expr *value = nullptr;
};

struct IfStmt : Stmt {
    explicit IfStmt(Pos p) : Stmt(NodeKind::If, p) {}
    const Expr *cond = nullptr;
    Block then, otherwise;
};

struct ForStmt : Stmt {
    explicit ForStmt(Pos p) : Stmt(NodeKind::For, p) {}
    const Expr *target = nullptr, *iterable = nullptr;
    Block body, orelse;
};

struct SimpleStmt : Stmt { using Stmt::Stmt; }; ///< break / continue / pass

struct RaiseStmt : Stmt {
    explicit RaiseStmt(Pos p) : Stmt(NodeKind::Raise, p) {}
    const Expr *value = nullptr;
    const Expr *cause = nullptr; ///< `raise X from Y`: evaluated, then ignored
};

struct AssertStmt : Stmt {
    explicit AssertStmt(Pos p) : Stmt(NodeKind::Assert, p) {}
    const Expr *cond = nullptr, *message = nullptr;
};

/// A parsed file: owns its nodes and (optionally) its text.
struct Module {
    std::string path;
    std::string ownedText;  ///< set when the module must outlive the caller's text (preludes)
    std::string_view text;  ///< the source; identifiers point into it
    Block body;
    std::vector<std::unique_ptr<Node>> nodes;
    Pos firstImport;        ///< line 0: the file has no import statement

    template <typename T, typename... A> T *make(A &&...a)
    {
        auto n = std::make_unique<T>(std::forward<A>(a)...);
        T *raw = n.get();
        nodes.push_back(std::move(n));
        return raw;
    }
};

} // namespace trellis::buildlang
