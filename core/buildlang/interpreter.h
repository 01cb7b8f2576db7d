// Interpreter: a tree-walking evaluator for parsed modules, used by Prelude::load and
// evaluateBuildFile (hostinterface.h). Interpreter-private; the host never sees it.
//
// Name resolution (innermost first): the local scopes of the running function and the
// functions enclosing it, the file's own top-level names, the frozen prelude names (BUILD
// files only), the typing/exception names (preludes only), then the dialect's functions
// and constants and the builtins. Errors are raised as EvalError (an internal exception
// that never leaves this module) and become one base::Diagnostic at the API boundary.
#pragma once

#include "core/base/diagnostic.h"
#include "core/buildlang/ast.h"
#include "core/buildlang/hostinterface.h"
#include "core/buildlang/value.h"

#include <memory>
#include <string>
#include <vector>

namespace trellis::buildlang {

/// Everything a Prelude holds: parsed prelude modules and the frozen name tables.
class PreludeData {
public:
    std::shared_ptr<const Dialect> dialect;
    std::vector<std::shared_ptr<const Module>> modules; ///< keep the AST behind prelude functions alive
    Globals globals;       ///< names the preludes define (frozen after load)
    Globals universe;      ///< builtins, then dialect functions and constants (dialect wins)
    Globals preludeExtras; ///< typing names and exception classes, visible to prelude code only
    std::vector<std::string> definedNames; ///< prelude names in definition order
};

/// A class made by a `class` statement. Tagged Type::Typing (value.h has no class type
/// yet); the interpreter tells these objects apart with dynamic_cast.
struct ClassObject : TypingObject {
    using TypingObject::TypingObject;
    ~ClassObject() override
    {
        ReleaseScope r; // class chains and attributes are freed without recursion (value.h)
        r.add(std::move(base));
        for (auto &a : attrs)
            r.add(a.second);
    }
    std::shared_ptr<ClassObject> base;                 ///< single inheritance; null = object
    std::vector<std::pair<std::string, Value>> attrs;  ///< class body names, in definition order
    bool frozen = false;
    /// The attribute on this class or its bases, or null.
    const Value *lookup(std::string_view name) const;
    bool isSubclassOf(const ClassObject *other) const;
    std::string repr() const override { return "<class '" + name + "'>"; }
};

/// An instance of a ClassObject (also the file objects returned by `open()`).
struct InstanceObject : TypingObject {
    explicit InstanceObject(std::shared_ptr<ClassObject> c) : TypingObject(c->name), cls(std::move(c)) {}
    ~InstanceObject() override
    {
        ReleaseScope r; // o.next = o2 chains are freed without recursion (value.h)
        r.add(std::move(cls));
        for (auto &a : attrs)
            r.add(a.second);
    }
    std::shared_ptr<ClassObject> cls;
    std::vector<std::pair<std::string, Value>> attrs;
    std::string payload; ///< file objects: the file's text
    bool frozen = false;
    std::string repr() const override { return "<" + name + " object>"; }
};

/// A function bound to its receiver (`obj.method`), or a `super()` proxy when
/// `function` is None (then `lookupFrom` is the class whose bases are searched).
struct BoundMethodObject : TypingObject {
    BoundMethodObject() : TypingObject("method") {}
    ~BoundMethodObject() override
    {
        ReleaseScope r;
        r.add(self);
        r.add(function);
        r.add(std::move(lookupFrom));
    }
    Value self;
    Value function;
    std::shared_ptr<ClassObject> lookupFrom;
    std::string repr() const override { return function.isNone() ? "<super object>" : "<bound method>"; }
};

/// `@staticmethod`, `@classmethod` and `@property` wrappers around a function.
struct MethodWrapperObject : TypingObject {
    enum class Kind : std::uint8_t { Static, Class, Property };
    MethodWrapperObject(Kind k, Value f) : TypingObject("method wrapper"), kind(k), function(std::move(f)) {}
    ~MethodWrapperObject() override
    {
        ReleaseScope r;
        r.add(function);
    }
    Kind kind;
    Value function;
    std::string repr() const override
    {
        return kind == Kind::Static ? "<staticmethod object>" : kind == Kind::Class ? "<classmethod object>" : "<property object>";
    }
};

/// An exception class defined by a prelude (`class MyError(ValueError): ...`) and its
/// instances: `ancestors` lists the base class names, nearest first.
struct UserExceptionObject : ExceptionObject {
    std::vector<std::string> ancestors;
};

/// Internal error; thrown inside the interpreter, converted to a Diagnostic at the API.
struct EvalError {
    const Module *module = nullptr; ///< where pos points (null = no position)
    Pos pos;
    std::string message;
    std::string hint;
    std::vector<std::pair<const Module *, Pos>> callSites; ///< outermost first
    base::SourceLocation explicitLocation; ///< host-provided location, overrides module/pos when valid
    std::string excType;                  ///< Python exception class for `except` ("" = derived from the message)
    std::vector<std::string> excAncestors; ///< bases of a user-defined exception class
    Value excValue;                       ///< the raised exception object, when `raise` made one
};

/// The Python exception class an error stands for ("KeyError", ...), or "" when it is a
/// sandbox limit (steps, memory, recursion, cancellation) that `except` never catches.
std::string exceptionTypeOf(const EvalError &e);
/// True when exception class `type` (with user-defined `ancestors`) is `wanted` or derives from it.
bool exceptionMatches(std::string_view type, const std::vector<std::string> &ancestors, std::string_view wanted);

/// Arguments of one call, after `*`/`**` expansion.
struct CallArgs {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keywords;
    std::vector<Pos> positionalPos; ///< where each positional value was written
    std::vector<Pos> keywordPos;    ///< where each keyword value was written
    Pos callPos;                    ///< the callee's position
    std::string_view name;          ///< callee name for messages
};

enum class Flow : std::uint8_t { Normal, Break, Continue, Return };

class Interpreter {
public:
    /// `buildFile` is empty while loading preludes.
    Interpreter(const PreludeData &prelude, const Limits &limits, void *fileContext, std::string_view buildFile,
                bool loadingPrelude);

    /// Runs a module's top-level statements with `globals` as its names. Throws EvalError.
    void runModule(const Module &module, Globals &globals, bool isPrelude);

    /// Calls any callable value. Throws EvalError.
    Value call(const Value &callee, CallArgs &args);

    [[noreturn]] void fail(Pos pos, std::string message, std::string hint = {}) const;
    /// Counts one evaluation step (and polls cancellation).
    void step(Pos pos)
    {
        if (++m_steps > m_limits.maxSteps || (m_steps & 1023) == 0)
            stepSlow(pos);
    }
    /// Charges for building a string of `bytes` and enforces maxStringBytes.
    void checkString(std::size_t bytes, Pos pos);
    /// Charges for building a collection of `n` elements and enforces maxCollectionSize.
    void checkCollection(std::size_t n, Pos pos) { checkCollection(n, pos, n); }
    /// Enforces maxCollectionSize and the memory budget for a collection that now holds
    /// `n` elements, charging only for the `added` elements this operation made (one
    /// per append or insert, so a loop that grows a collection stays linear in steps).
    void checkCollection(std::size_t n, Pos pos, std::size_t added);

    /// Calls f(element) for each element of an iterable value.
    template <typename F> void forEach(const Value &v, Pos pos, F &&f);
    /// The elements of an iterable as a vector.
    std::vector<Value> toVector(const Value &v, Pos pos);

    /// Python `<` for sorting and min/max. Throws on incomparable types.
    bool less(const Value &a, const Value &b, Pos pos);
    Value binary(TokenKind op, const Value &a, const Value &b, Pos pos);
    /// obj.name for builtin values (bound methods, host object fields). Null on absence.
    bool getAttribute(const Value &obj, std::string_view name, Value &out);
    /// Names of the methods of a value type (for hints and hasattr).
    std::vector<std::string> attributeNames(const Value &obj);
    void requireHashable(const Value &v, Pos pos) const;
    void checkMutable(const Value &v, Pos pos) const;

    HostValue toHost(const Value &v, Pos pos, std::string_view callee, int depth = 0);
    Value fromHost(const HostValue &v);

    const Limits &limits() const { return m_limits; }
    const PreludeData &prelude() const { return m_prelude; }
    base::Diagnostics &diagnostics() { return m_diagnostics; }
    const Module *currentModule() const { return m_frame.module; }
    /// Clears the local scopes captured by closures made during this evaluation, breaking
    /// function <-> scope reference cycles. Call once the evaluation's values are dead.
    void releaseCapturedScopes();

private:
    struct Frame {
        std::shared_ptr<Scope> scope; ///< null at file level
        Globals *globals = nullptr;   ///< not owned
        const Module *module = nullptr;
        bool prelude = false;
        const FuncDef *function = nullptr;           ///< running function (for `super()`)
        std::vector<std::string_view> globalNames;   ///< `global` declarations of the running function
        std::vector<std::string_view> nonlocalNames; ///< `nonlocal` declarations
    };

    void stepSlow(Pos pos);
    Flow exec(const Block &block);
    Flow execStmt(const Stmt *s);
    Value eval(const Expr *e);
    Value evalName(const NameExpr *n);
    Value evalCall(const CallExpr *c);
    Value evalAttr(const AttrExpr *a);
    Value evalIndex(const Value &obj, const Value &key, Pos pos);
    Value evalSlice(const SliceExpr *s);
    Value evalCompare(const CompareExpr *c);
    Value evalUnary(const UnaryExpr *u);
    Value evalFString(const FStringExpr *f);
    std::string formatFStringField(const FStringExpr::Part &part);
    Value evalComprehension(const ComprehensionExpr *c);
    void comprehensionLoop(const ComprehensionExpr *c, std::size_t clause, std::vector<Value> &out, const Value &dict);
    Value makeFunction(const FuncDef &def);
    void buildArgs(const CallExpr *c, CallArgs &args);
    Value callFunction(const FunctionObject *f, CallArgs &args);
    Value callHost(const Dialect::Entry &e, CallArgs &args);
    void assign(const Expr *target, const Value &v);
    void setName(std::string_view name, const Value &v);
    void setIndex(const Value &obj, const Value &key, const Value &v, Pos pos);
    bool compare(CompareOp op, const Value &a, const Value &b, Pos pos);
    [[noreturn]] void nameError(const NameExpr *n) const;
    Flow execTry(const TryStmt *t);
    Flow execWith(const WithStmt *w);
    void execClass(const ClassStmt *c);
    void execDel(const Expr *target);
    Value applyDecorators(const std::vector<const Expr *> &decorators, Value v);
    Value callClass(const std::shared_ptr<ClassObject> &cls, CallArgs &args);
    bool getObjectAttribute(const Value &obj, std::string_view name, Value &out, Pos pos);
    void setObjectAttribute(const Value &obj, std::string_view name, const Value &v, Pos pos);
    Value evalSuper(Pos pos);
    Value exceptionValue(const EvalError &e);
    [[noreturn]] void raiseValue(Value v, Pos pos);
    Value openFile(CallArgs &args);
    bool isShadowScope(const Scope *s) const;

    const PreludeData &m_prelude;
    const Limits &m_limits;
    void *m_fileContext; // not owned
    std::string_view m_buildFile;
    bool m_loadingPrelude;
    Frame m_frame;
    Value m_returnValue;
    std::int64_t m_steps = 0;
    EvalMeter m_meter{m_steps, m_limits.maxSteps, m_limits.maxMemoryBytes}; ///< installed on this thread while the interpreter lives
    int m_callDepth = 0;
    int m_evalDepth = 0;
    std::vector<std::pair<const Module *, Pos>> m_callSites;
    std::vector<std::shared_ptr<Scope>> m_capturedScopes; ///< scopes referenced by closures
    std::vector<const Scope *> m_comprehensionScopes; ///< scopes `:=` skips (it binds in the enclosing one)
    std::vector<const Scope *> m_classScopes;         ///< class bodies (not visible to their methods)
    std::vector<EvalError> m_handling;                ///< exceptions being handled (bare `raise`)
    std::vector<std::vector<Value> *> m_generators;   ///< values yielded by the running generators (innermost last)
    Pos m_stmtPos;                                    ///< statement being executed (for setName errors)
public:
    /// `open()` of a BUILD file or prelude (hostinterface.cpp registers it as a builtin).
    static Value openBuiltin(Interpreter &in, CallArgs &args) { return in.openFile(args); }
private:
    base::Diagnostics m_diagnostics;
};

/// The ClassObject `v` holds, or null.
const ClassObject *classOf(const Value &v);
/// isinstance(v, cls) for classes made by `class` statements (subclasses included).
bool isInstanceOfClass(const Value &v, const ClassObject *cls);
/// The lines of a file object returned by open() (`for line in f`), or false.
bool fileObjectLines(const Value &v, std::vector<Value> &lines);

/// Freezes the classes and instances reachable from `v` (after a prelude is loaded).
void freezeUserObjects(const Value &v);

/// Expression nesting the evaluator accepts (bounds C++ recursion).
constexpr int kMaxEvalDepth = 1000;

/// Registers the builtins into `universe` (builtins.cpp).
void installBuiltins(Globals &universe);
/// Typing names and exception classes for preludes (builtins.cpp).
void installPreludeExtras(Globals &extras);
/// Method lookup for str/list/dict/set/tuple values (builtins.cpp). Null when absent.
MethodFn findMethod(Type t, std::string_view name, std::string_view &canonicalName);
std::vector<std::string> methodNames(Type t);

/// Formatting (format.cpp).
std::string formatWithSpec(Interpreter &in, const Value &v, std::string_view spec, Pos pos);
Value percentFormat(Interpreter &in, const std::string &fmt, const Value &args, Pos pos);
Value strFormat(Interpreter &in, const std::string &fmt, CallArgs &args);

template <typename F> void Interpreter::forEach(const Value &v, Pos pos, F &&f)
{
    switch (v.type()) {
    case Type::List: case Type::Tuple: {
        const auto *l = v.as<ListObject>();
        for (std::size_t i = 0; i < l->items.size(); ++i) {
            step(pos);
            Value item = l->items[i];
            f(item);
        }
        return;
    }
    case Type::Dict: case Type::Set: {
        std::vector<Value> keys;
        keys.reserve(v.as<DictObject>()->entries.size());
        for (const auto &kv : v.as<DictObject>()->entries)
            keys.push_back(kv.first);
        for (const Value &k : keys) {
            step(pos);
            f(k);
        }
        return;
    }
    case Type::Str: {
        const std::string &s = v.str();
        std::size_t i = 0;
        while (i < s.size()) {
            step(pos);
            std::size_t n = 1;
            const unsigned char c = static_cast<unsigned char>(s[i]);
            if (c >= 0xF0) n = 4; else if (c >= 0xE0) n = 3; else if (c >= 0xC0) n = 2;
            n = std::min(n, s.size() - i);
            f(Value::string(s.substr(i, n)));
            i += n;
        }
        return;
    }
    case Type::Range: {
        const auto *r = v.as<RangeObject>();
        const std::int64_t n = r->length();
        for (std::int64_t i = 0; i < n; ++i) {
            step(pos);
            f(Value::integer(r->at(i)));
        }
        return;
    }
    default: {
        std::vector<Value> lines;
        if (fileObjectLines(v, lines)) {
            for (const Value &line : lines) {
                step(pos);
                f(line);
            }
            return;
        }
        fail(pos, std::string("'") + typeName(v) + "' object is not iterable");
    }
    }
}

} // namespace trellis::buildlang
