#include "core/buildlang/interpreter.h"

#include "core/base/spell.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <functional>
#include <limits>
#include <optional>

namespace trellis::buildlang {

namespace {

template <typename T> T *objectAs(const Value &v)
{
    return v.type() == Type::Typing ? dynamic_cast<T *>(v.obj()) : nullptr;
}

bool contains(const std::vector<std::string_view> &names, std::string_view n)
{
    return std::find(names.begin(), names.end(), n) != names.end();
}

/// Pushes a generator's collector for the lifetime of the guard (exception-safe).
struct GeneratorMark {
    std::vector<std::vector<Value> *> &list;
    GeneratorMark(std::vector<std::vector<Value> *> &l, std::vector<Value> *v) : list(l) { list.push_back(v); }
    ~GeneratorMark() { list.pop_back(); }
};

/// Pushes a scope pointer for the lifetime of the guard (exception-safe).
struct ScopeMark {
    std::vector<const Scope *> &list;
    ScopeMark(std::vector<const Scope *> &l, const Scope *s) : list(l) { list.push_back(s); }
    ~ScopeMark() { list.pop_back(); }
};

/// "'Foo' object has no attribute 'x'" naming user classes and instances by their class.
std::string noAttributeMessage(const Value &obj, std::string_view name)
{
    if (const auto *inst = objectAs<InstanceObject>(obj))
        return "'" + inst->cls->name + "' object has no attribute '" + std::string(name) + "'";
    if (const auto *cls = objectAs<ClassObject>(obj))
        return "type object '" + cls->name + "' has no attribute '" + std::string(name) + "'";
    return std::string("'") + typeName(obj) + "' object has no attribute '" + std::string(name) + "'";
}

/// Keeps m_evalDepth balanced even when an EvalError unwinds.
struct DepthCounter {
    int &depth;
    explicit DepthCounter(int &d) : depth(d) { ++depth; }
    ~DepthCounter() { --depth; }
};

std::string memoryLimitMessage(const EvalMeter &m, std::size_t more)
{
    return "memory limit exceeded (" + std::to_string(m.liveBytes() + std::int64_t(more)) + " bytes in strings and collections, limit "
        + std::to_string(m.maxBytes()) + ")";
}

bool isNumber(const Value &v) { return v.type() == Type::Int || v.type() == Type::Float || v.type() == Type::Bool; }
std::int64_t intOf(const Value &v) { return v.type() == Type::Bool ? (v.asBool() ? 1 : 0) : v.asInt(); }
double floatOf(const Value &v) { return v.type() == Type::Bool ? (v.asBool() ? 1.0 : 0.0) : v.asFloat(); }
bool isIntLike(const Value &v) { return v.type() == Type::Int || v.type() == Type::Bool; }

const char *opText(TokenKind op)
{
    switch (op) {
    case TokenKind::Plus: return "+";
    case TokenKind::Minus: return "-";
    case TokenKind::Star: return "*";
    case TokenKind::Slash: return "/";
    case TokenKind::SlashSlash: return "//";
    case TokenKind::Percent: return "%";
    case TokenKind::StarStar: return "** or pow()";
    case TokenKind::Pipe: return "|";
    case TokenKind::Amp: return "&";
    case TokenKind::Caret: return "^";
    case TokenKind::LShift: return "<<";
    case TokenKind::RShift: return ">>";
    default: return "?";
    }
}

} // namespace

Interpreter::Interpreter(const PreludeData &prelude, const Limits &limits, void *fileContext, std::string_view buildFile,
                         bool loadingPrelude)
    : m_prelude(prelude), m_limits(limits), m_fileContext(fileContext), m_buildFile(buildFile),
      m_loadingPrelude(loadingPrelude)
{
}

void Interpreter::fail(Pos pos, std::string message, std::string hint) const
{
    EvalError e;
    e.module = m_frame.module;
    e.pos = pos;
    e.message = std::move(message);
    e.hint = std::move(hint);
    e.callSites = m_callSites;
    throw e;
}

void Interpreter::stepSlow(Pos pos)
{
    if (m_meter.memoryExceeded())
        fail(pos, memoryLimitMessage(m_meter, 0));
    if (m_steps > m_limits.maxSteps)
        fail(pos, "evaluation step limit exceeded (" + std::to_string(m_limits.maxSteps) + " steps)");
    if (m_limits.cancel.isCancelled())
        fail(pos, "evaluation cancelled");
}

void Interpreter::checkString(std::size_t bytes, Pos pos)
{
    if (std::int64_t(bytes) > m_limits.maxStringBytes || bytes > (std::size_t(1) << 40))
        fail(pos, "string too long (" + std::to_string(bytes) + " bytes, limit " + std::to_string(m_limits.maxStringBytes) + ")");
    if (m_meter.liveBytes() + std::int64_t(bytes) > m_meter.maxBytes())
        fail(pos, memoryLimitMessage(m_meter, bytes));
    m_steps += std::int64_t(bytes >> 8);
    step(pos);
}

void Interpreter::checkCollection(std::size_t n, Pos pos, std::size_t added)
{
    if (std::int64_t(n) > m_limits.maxCollectionSize || n > (std::size_t(1) << 40))
        fail(pos, "collection too large (" + std::to_string(n) + " elements, limit " + std::to_string(m_limits.maxCollectionSize) + ")");
    if (m_meter.liveBytes() + std::int64_t(n * sizeof(Value)) > m_meter.maxBytes())
        fail(pos, memoryLimitMessage(m_meter, n * sizeof(Value)));
    m_steps += std::int64_t(added >> 5);
    step(pos);
}

void Interpreter::requireHashable(const Value &v, Pos pos) const
{
    if (!isHashable(v))
        fail(pos, std::string("unhashable type: '") + typeName(v) + "'");
}

void Interpreter::checkMutable(const Value &v, Pos pos) const
{
    const bool frozen = (v.type() == Type::List) ? v.as<ListObject>()->frozen
        : (v.type() == Type::Dict || v.type() == Type::Set) ? v.as<DictObject>()->frozen : false;
    if (frozen)
        fail(pos, std::string("cannot modify frozen ") + typeName(v));
}

std::vector<Value> Interpreter::toVector(const Value &v, Pos pos)
{
    if (v.type() == Type::List || v.type() == Type::Tuple) {
        const auto &items = v.as<ListObject>()->items;
        m_steps += std::int64_t(items.size() >> 5);
        step(pos);
        return items;
    }
    std::vector<Value> out;
    forEach(v, pos, [&](const Value &x) {
        out.push_back(x);
        if (std::int64_t(out.size()) > m_limits.maxCollectionSize)
            checkCollection(out.size(), pos);
    });
    return out;
}

void Interpreter::runModule(const Module &module, Globals &globals, bool isPrelude)
{
    m_frame = Frame{};
    m_frame.globals = &globals;
    m_frame.module = &module;
    m_frame.prelude = isPrelude;
    exec(module.body);
}

Flow Interpreter::exec(const Block &block)
{
    for (const Stmt *s : block) {
        const Flow f = execStmt(s);
        if (f != Flow::Normal)
            return f;
    }
    return Flow::Normal;
}

Flow Interpreter::execStmt(const Stmt *s)
{
    step(s->pos);
    m_stmtPos = s->pos;
    switch (s->kind) {
    case NodeKind::ExprStmt: {
        const Expr *e = static_cast<const ExprStmt *>(s)->expr;
        if (e->kind == NodeKind::Unsupported && static_cast<const UnsupportedExpr *>(e)->isEllipsis)
            return Flow::Normal; // `...` as a statement (stub bodies)
        eval(e);
        return Flow::Normal;
    }
    case NodeKind::While: {
        const auto *w = static_cast<const WhileStmt *>(s);
        while (true) {
            step(w->pos);
            if (!truthy(eval(w->cond)))
                return exec(w->orelse);
            const Flow f = exec(w->body);
            if (f == Flow::Break)
                return Flow::Normal;
            if (f == Flow::Return)
                return f;
        }
    }
    case NodeKind::Try: return execTry(static_cast<const TryStmt *>(s));
    case NodeKind::With: return execWith(static_cast<const WithStmt *>(s));
    case NodeKind::Class: execClass(static_cast<const ClassStmt *>(s)); return Flow::Normal;
    case NodeKind::Global: case NodeKind::Nonlocal: {
        const auto *g = static_cast<const NamesStmt *>(s);
        if (!m_frame.scope) {
            if (s->kind == NodeKind::Nonlocal)
                fail(s->pos, "nonlocal declaration not allowed at module level");
            return Flow::Normal;
        }
        auto &names = s->kind == NodeKind::Global ? m_frame.globalNames : m_frame.nonlocalNames;
        names.insert(names.end(), g->names.begin(), g->names.end());
        return Flow::Normal;
    }
    case NodeKind::Del:
        for (const Expr *t : static_cast<const DelStmt *>(s)->targets)
            execDel(t);
        return Flow::Normal;
    case NodeKind::UnsupportedStmt: fail(s->pos, static_cast<const UnsupportedStmt *>(s)->message);
    case NodeKind::Assign: {
        const auto *a = static_cast<const AssignStmt *>(s);
        const Value v = eval(a->value);
        for (const Expr *t : a->targets)
            assign(t, v);
        return Flow::Normal;
    }
    case NodeKind::AugAssign: {
        const auto *a = static_cast<const AugAssignStmt *>(s);
        if (a->target->kind == NodeKind::Index) {
            const auto *ix = static_cast<const IndexExpr *>(a->target);
            const Value obj = eval(ix->object);
            const Value key = eval(ix->index);
            const Value cur = evalIndex(obj, key, ix->index->pos);
            const Value rhs = eval(a->value);
            Value result;
            if (a->op == TokenKind::Plus && cur.type() == Type::List) {
                checkMutable(cur, a->opPos);
                auto *l = cur.as<ListObject>();
                std::vector<Value> add = toVector(rhs, a->value->pos);
                checkCollection(l->items.size() + add.size(), a->opPos);
                l->items.insert(l->items.end(), add.begin(), add.end());
                result = cur;
            } else {
                result = binary(a->op, cur, rhs, a->opPos);
            }
            setIndex(obj, key, result, ix->index->pos);
            return Flow::Normal;
        }
        if (a->target->kind == NodeKind::Slice)
            fail(a->target->pos, "augmented assignment to a slice is not supported");
        if (a->target->kind == NodeKind::Attr) {
            const auto *at = static_cast<const AttrExpr *>(a->target);
            const Value obj = eval(at->object);
            Value cur;
            if (!getObjectAttribute(obj, at->name, cur, at->namePos))
                fail(at->namePos, noAttributeMessage(obj, at->name));
            const Value rhs = eval(a->value);
            if (a->op == TokenKind::Plus && cur.type() == Type::List) {
                checkMutable(cur, a->opPos);
                std::vector<Value> add = toVector(rhs, a->value->pos);
                auto *l = cur.as<ListObject>();
                checkCollection(l->items.size() + add.size(), a->opPos);
                l->items.insert(l->items.end(), add.begin(), add.end());
                setObjectAttribute(obj, at->name, cur, at->namePos);
            } else {
                setObjectAttribute(obj, at->name, binary(a->op, cur, rhs, a->opPos), at->namePos);
            }
            return Flow::Normal;
        }
        const Value cur = eval(a->target);
        const Value rhs = eval(a->value);
        if (a->op == TokenKind::Pipe && (cur.type() == Type::Dict || cur.type() == Type::Set) && rhs.type() == cur.type()) {
            checkMutable(cur, a->opPos); // `d |= other` updates in place
            auto *d = cur.as<DictObject>();
            for (const auto &kv : rhs.as<DictObject>()->entries)
                d->insert(kv.first, kv.second);
            checkCollection(d->entries.size(), a->opPos);
            return Flow::Normal;
        }
        if (a->op == TokenKind::Plus && cur.type() == Type::List) {
            checkMutable(cur, a->opPos);
            auto *l = cur.as<ListObject>();
            std::vector<Value> add = toVector(rhs, a->value->pos);
            checkCollection(l->items.size() + add.size(), a->opPos);
            l->items.insert(l->items.end(), add.begin(), add.end());
            assign(a->target, cur);
            return Flow::Normal;
        }
        assign(a->target, binary(a->op, cur, rhs, a->opPos));
        return Flow::Normal;
    }
    case NodeKind::Def: {
        const auto *d = static_cast<const DefStmt *>(s);
        Value f = makeFunction(d->def);
        if (!d->decorators.empty())
            f = applyDecorators(d->decorators, f);
        setName(d->def.name, f);
        return Flow::Normal;
    }
    case NodeKind::Return: {
        const auto *r = static_cast<const ReturnStmt *>(s);
        m_returnValue = r->value ? eval(r->value) : Value::none();
        return Flow::Return;
    }
    case NodeKind::If: {
        const auto *i = static_cast<const IfStmt *>(s);
        return exec(truthy(eval(i->cond)) ? i->then : i->otherwise);
    }
    case NodeKind::For: {
        const auto *f = static_cast<const ForStmt *>(s);
        const Value it = eval(f->iterable);
        Flow result = Flow::Normal;
        bool stop = false, broke = false;
        // Lists are walked by index so that appends during the loop are seen (and bounded
        // by the step budget); other iterables are snapshotted by forEach.
        if (it.type() == Type::List) {
            const auto *l = it.as<ListObject>();
            for (std::size_t i = 0; i < l->items.size() && !stop; ++i) {
                step(f->pos);
                assign(f->target, l->items[i]);
                const Flow fl = exec(f->body);
                if (fl == Flow::Break) {
                    broke = true;
                    break;
                }
                if (fl == Flow::Return) {
                    result = Flow::Return;
                    break;
                }
            }
            if (result == Flow::Normal && !broke)
                return exec(f->orelse);
            return result;
        }
        struct Stop {};
        try {
            forEach(it, f->iterable->pos, [&](const Value &x) {
                assign(f->target, x);
                const Flow fl = exec(f->body);
                if (fl == Flow::Break) {
                    broke = true;
                    throw Stop{};
                }
                if (fl == Flow::Return) {
                    result = Flow::Return;
                    throw Stop{};
                }
            });
        } catch (const Stop &) {
        }
        if (result == Flow::Normal && !broke)
            return exec(f->orelse);
        return result;
    }
    case NodeKind::Break: return Flow::Break;
    case NodeKind::Continue: return Flow::Continue;
    case NodeKind::Pass: return Flow::Normal;
    case NodeKind::Raise: {
        const auto *r = static_cast<const RaiseStmt *>(s);
        if (!r->value) {
            if (!m_handling.empty())
                throw m_handling.back();
            fail(s->pos, "No active exception to reraise");
        }
        Value v = eval(r->value);
        if (r->cause)
            eval(r->cause);
        if (v.type() != Type::Exception && v.type() != Type::ExceptionType)
            fail(r->value->pos, "exceptions must derive from BaseException");
        raiseValue(v, s->pos);
    }
    case NodeKind::Assert: {
        const auto *a = static_cast<const AssertStmt *>(s);
        if (!truthy(eval(a->cond)))
            fail(s->pos, a->message ? "AssertionError: " + toStr(eval(a->message)) : "AssertionError");
        return Flow::Normal;
    }
    default:
        fail(s->pos, "unsupported statement");
    }
}

void Interpreter::setName(std::string_view name, const Value &v)
{
    if (Scope *sc = m_frame.scope.get()) {
        if (!m_frame.globalNames.empty() && contains(m_frame.globalNames, name)) {
            if (m_frame.prelude && !m_loadingPrelude)
                fail(m_stmtPos, "cannot assign to the prelude's global '" + std::string(name) + "' from a BUILD file");
            (*m_frame.globals)[name] = v;
            return;
        }
        if (!m_frame.nonlocalNames.empty() && contains(m_frame.nonlocalNames, name)) {
            for (Scope *p = sc->parent.get(); p; p = p->parent.get())
                for (auto &kv : p->vars)
                    if (kv.first == name) {
                        kv.second = v;
                        return;
                    }
            fail(m_stmtPos, "no binding for nonlocal '" + std::string(name) + "' found");
        }
        for (auto &kv : sc->vars)
            if (kv.first == name) {
                kv.second = v;
                return;
            }
        sc->vars.emplace_back(name, v);
        return;
    }
    (*m_frame.globals)[name] = v;
}

void Interpreter::setIndex(const Value &obj, const Value &key, const Value &v, Pos pos)
{
    switch (obj.type()) {
    case Type::List: {
        checkMutable(obj, pos);
        if (!isIntLike(key))
            fail(pos, std::string("list indices must be integers or slices, not ") + typeName(key));
        auto &items = obj.as<ListObject>()->items;
        std::int64_t i = intOf(key);
        if (i < 0)
            i += std::int64_t(items.size());
        if (i < 0 || i >= std::int64_t(items.size()))
            fail(pos, "list assignment index out of range");
        items[std::size_t(i)] = v;
        return;
    }
    case Type::Dict: {
        checkMutable(obj, pos);
        requireHashable(key, pos);
        auto *d = obj.as<DictObject>();
        d->insert(key, v);
        checkCollection(d->entries.size(), pos, 1);
        return;
    }
    default:
        fail(pos, std::string("'") + typeName(obj) + "' object does not support item assignment");
    }
}

void Interpreter::assign(const Expr *target, const Value &v)
{
    switch (target->kind) {
    case NodeKind::Name:
        setName(static_cast<const NameExpr *>(target)->name, v);
        return;
    case NodeKind::Index: {
        const auto *ix = static_cast<const IndexExpr *>(target);
        const Value obj = eval(ix->object);
        const Value key = eval(ix->index);
        setIndex(obj, key, v, ix->index->pos);
        return;
    }
    case NodeKind::Attr: {
        const auto *a = static_cast<const AttrExpr *>(target);
        const Value obj = eval(a->object);
        setObjectAttribute(obj, a->name, v, a->namePos);
        return;
    }
    case NodeKind::Slice: fail(target->pos, "assignment to a slice is not supported");
    case NodeKind::Tuple: case NodeKind::List: {
        const auto &targets = static_cast<const SequenceExpr *>(target)->items;
        const std::vector<Value> values = toVector(v, target->pos);
        std::size_t star = targets.size();
        for (std::size_t i = 0; i < targets.size(); ++i)
            if (targets[i]->kind == NodeKind::Star)
                star = i;
        if (star == targets.size()) {
            if (values.size() < targets.size())
                fail(target->pos, "not enough values to unpack (expected " + std::to_string(targets.size()) + ", got "
                                      + std::to_string(values.size()) + ")");
            if (values.size() > targets.size())
                fail(target->pos, "too many values to unpack (expected " + std::to_string(targets.size()) + ")");
            for (std::size_t i = 0; i < targets.size(); ++i)
                assign(targets[i], values[i]);
            return;
        }
        const std::size_t fixed = targets.size() - 1;
        if (values.size() < fixed)
            fail(target->pos, "not enough values to unpack (expected at least " + std::to_string(fixed) + ", got "
                                  + std::to_string(values.size()) + ")");
        const std::size_t after = targets.size() - star - 1;
        for (std::size_t i = 0; i < star; ++i)
            assign(targets[i], values[i]);
        std::vector<Value> middle(values.begin() + std::ptrdiff_t(star), values.end() - std::ptrdiff_t(after));
        assign(static_cast<const StarExpr *>(targets[star])->value, Value::list(std::move(middle)));
        for (std::size_t i = 0; i < after; ++i)
            assign(targets[star + 1 + i], values[values.size() - after + i]);
        return;
    }
    default:
        fail(target->pos, "cannot assign to expression");
    }
}

Value Interpreter::makeFunction(const FuncDef &def)
{
    auto f = std::make_shared<FunctionObject>();
    f->def = &def;
    f->defaults.resize(def.params.size());
    for (std::size_t i = 0; i < def.params.size(); ++i)
        if (def.params[i].defaultValue)
            f->defaults[i] = eval(def.params[i].defaultValue);
    std::shared_ptr<Scope> closure = m_frame.scope;
    while (closure && isShadowScope(closure.get())) // methods do not see their class body's names
        closure = closure->parent;
    f->closure = closure;
    if (closure && !m_loadingPrelude)
        m_capturedScopes.push_back(closure);
    f->globals = m_frame.globals;
    f->inPrelude = m_frame.prelude;
    f->module = m_frame.module;
    return Value::object(Type::Function, std::move(f));
}

void Interpreter::releaseCapturedScopes()
{
    for (const auto &scope : m_capturedScopes)
        scope->vars.clear();
    m_capturedScopes.clear();
}

Value Interpreter::eval(const Expr *e)
{
    DepthCounter depth(m_evalDepth);
    if (m_evalDepth > kMaxEvalDepth)
        fail(e->pos, "expression nested too deeply");
    switch (e->kind) {
    case NodeKind::Literal: return static_cast<const LiteralExpr *>(e)->value;
    case NodeKind::Name: return evalName(static_cast<const NameExpr *>(e));
    case NodeKind::FString: return evalFString(static_cast<const FStringExpr *>(e));
    case NodeKind::List: case NodeKind::Tuple: case NodeKind::Set: {
        const auto *s = static_cast<const SequenceExpr *>(e);
        std::vector<Value> items;
        items.reserve(s->items.size());
        for (const Expr *i : s->items) {
            if (i->kind == NodeKind::Star) {
                const Value v = eval(static_cast<const StarExpr *>(i)->value);
                forEach(v, i->pos, [&](const Value &x) { items.push_back(x); });
                checkCollection(items.size(), i->pos);
            } else {
                items.push_back(eval(i));
            }
        }
        if (e->kind == NodeKind::List)
            return Value::list(std::move(items));
        if (e->kind == NodeKind::Tuple)
            return Value::tuple(std::move(items));
        Value set = Value::set();
        auto *d = set.as<DictObject>();
        for (std::size_t i = 0; i < items.size(); ++i) {
            requireHashable(items[i], e->pos);
            d->insert(items[i], Value::none());
        }
        return set;
    }
    case NodeKind::Dict: {
        const auto *de = static_cast<const DictExpr *>(e);
        Value dict = Value::dict();
        auto *d = dict.as<DictObject>();
        for (const auto &[k, v] : de->entries) {
            if (!k) {
                const Value src = eval(v);
                if (src.type() != Type::Dict)
                    fail(v->pos, std::string("'") + typeName(src) + "' object is not a mapping");
                for (const auto &kv : src.as<DictObject>()->entries)
                    d->insert(kv.first, kv.second);
                checkCollection(d->entries.size(), v->pos);
                continue;
            }
            const Value key = eval(k);
            requireHashable(key, k->pos);
            d->insert(key, eval(v));
        }
        return dict;
    }
    case NodeKind::Comprehension: return evalComprehension(static_cast<const ComprehensionExpr *>(e));
    case NodeKind::Cond: {
        const auto *c = static_cast<const CondExpr *>(e);
        return truthy(eval(c->cond)) ? eval(c->then) : eval(c->otherwise);
    }
    case NodeKind::Lambda: return makeFunction(static_cast<const LambdaExpr *>(e)->def);
    case NodeKind::Unary: return evalUnary(static_cast<const UnaryExpr *>(e));
    case NodeKind::Binary: {
        const auto *b = static_cast<const BinaryExpr *>(e);
        const Value l = eval(b->left);
        const Value r = eval(b->right);
        return binary(b->op, l, r, b->opPos);
    }
    case NodeKind::BoolOp: {
        const auto *b = static_cast<const BoolOpExpr *>(e);
        Value l = eval(b->left);
        if (truthy(l) != b->isAnd)
            return l;
        return eval(b->right);
    }
    case NodeKind::Compare: return evalCompare(static_cast<const CompareExpr *>(e));
    case NodeKind::Call: return evalCall(static_cast<const CallExpr *>(e));
    case NodeKind::Attr: return evalAttr(static_cast<const AttrExpr *>(e));
    case NodeKind::Index: {
        const auto *ix = static_cast<const IndexExpr *>(e);
        const Value obj = eval(ix->object);
        const Value key = eval(ix->index);
        return evalIndex(obj, key, ix->index->pos);
    }
    case NodeKind::Slice:
        if (!static_cast<const SliceExpr *>(e)->object)
            fail(e->pos, "multi-dimensional subscripts with slices are not supported");
        return evalSlice(static_cast<const SliceExpr *>(e));
    case NodeKind::Star: fail(e->pos, "can't use starred expression here");
    case NodeKind::NamedExpr: {
        const auto *n = static_cast<const NamedExpr *>(e);
        const Value v = eval(n->value);
        // `:=` binds in the enclosing function (or file), never in a comprehension's scope.
        Scope *target = m_frame.scope.get();
        while (target && std::find(m_comprehensionScopes.begin(), m_comprehensionScopes.end(), target) != m_comprehensionScopes.end())
            target = target->parent.get();
        if (target == m_frame.scope.get()) {
            setName(n->name, v);
        } else if (!target) {
            if (m_frame.prelude && !m_loadingPrelude)
                fail(n->pos, "cannot assign to the prelude's global '" + std::string(n->name) + "' from a BUILD file");
            (*m_frame.globals)[n->name] = v;
        } else {
            bool found = false;
            for (auto &kv : target->vars)
                if (kv.first == n->name) {
                    kv.second = v;
                    found = true;
                }
            if (!found)
                target->vars.emplace_back(n->name, v);
        }
        return v;
    }
    case NodeKind::Yield: {
        // Generators run eagerly: each yielded value is collected into the list the call returns.
        const auto *y = static_cast<const YieldExpr *>(e);
        if (m_generators.empty())
            fail(e->pos, "'yield' outside function");
        std::vector<Value> &out = *m_generators.back();
        if (y->isFrom) {
            forEach(eval(y->value), y->value->pos, [&](const Value &x) { out.push_back(x); });
        } else {
            out.push_back(y->value ? eval(y->value) : Value::none());
        }
        if (std::int64_t(out.size()) > m_limits.maxCollectionSize)
            checkCollection(out.size(), e->pos);
        return Value::none();
    }
    case NodeKind::Await: fail(e->pos, "'await' is not supported");
    case NodeKind::Unsupported: fail(e->pos, static_cast<const UnsupportedExpr *>(e)->message);
    default: fail(e->pos, "unsupported expression");
    }
}

Value Interpreter::evalName(const NameExpr *n)
{
    for (const Scope *s = m_frame.scope.get(); s; s = s->parent.get())
        for (const auto &kv : s->vars)
            if (kv.first == n->name)
                return kv.second;
    if (auto it = m_frame.globals->find(n->name); it != m_frame.globals->end())
        return it->second;
    if (!m_frame.prelude) {
        if (auto it = m_prelude.globals.find(n->name); it != m_prelude.globals.end())
            return it->second;
        // Exception classes are builtins in Pants' BUILD files too (raise/except).
        if (auto it = m_prelude.preludeExtras.find(n->name);
            it != m_prelude.preludeExtras.end() && it->second.type() == Type::ExceptionType)
            return it->second;
    } else {
        if (auto it = m_prelude.preludeExtras.find(n->name); it != m_prelude.preludeExtras.end())
            return it->second;
    }
    if (auto it = m_prelude.universe.find(n->name); it != m_prelude.universe.end()) {
        if (m_loadingPrelude && it->second.type() == Type::HostFunction
            && it->second.as<HostFunctionObject>()->entry->options.forbiddenAtPreludeTopLevel)
            fail(n->pos, "name '" + std::string(n->name) + "' is not defined",
                 std::string(n->name) + " is only available inside functions called from BUILD files");
        return it->second;
    }
    nameError(n);
}

void Interpreter::nameError(const NameExpr *n) const
{
    std::vector<std::string> candidates;
    for (const Scope *s = m_frame.scope.get(); s; s = s->parent.get())
        for (const auto &kv : s->vars)
            candidates.emplace_back(kv.first);
    for (const auto &kv : *m_frame.globals)
        candidates.emplace_back(kv.first);
    if (!m_frame.prelude)
        for (const auto &name : m_prelude.definedNames)
            candidates.push_back(name);
    else
        for (const auto &kv : m_prelude.preludeExtras)
            candidates.emplace_back(kv.first);
    for (const auto &kv : m_prelude.universe)
        candidates.emplace_back(kv.first);
    std::sort(candidates.begin(), candidates.end());
    const std::string near = base::nearest(n->name, candidates);
    fail(n->pos, "name '" + std::string(n->name) + "' is not defined", near.empty() ? std::string() : "did you mean " + near + "?");
}

Value Interpreter::evalUnary(const UnaryExpr *u)
{
    const Value v = eval(u->operand);
    switch (u->op) {
    case TokenKind::KwNot: return Value::boolean(!truthy(v));
    case TokenKind::Minus:
        if (isIntLike(v)) {
            const std::int64_t i = intOf(v);
            if (i == std::numeric_limits<std::int64_t>::min())
                fail(u->pos, "integer overflow");
            return Value::integer(-i);
        }
        if (v.type() == Type::Float)
            return Value::real(-v.asFloat());
        fail(u->pos, std::string("bad operand type for unary -: '") + typeName(v) + "'");
    case TokenKind::Plus:
        if (isIntLike(v))
            return Value::integer(intOf(v));
        if (v.type() == Type::Float)
            return v;
        fail(u->pos, std::string("bad operand type for unary +: '") + typeName(v) + "'");
    case TokenKind::Tilde:
        if (isIntLike(v))
            return Value::integer(~intOf(v));
        fail(u->pos, std::string("bad operand type for unary ~: '") + typeName(v) + "'");
    default: fail(u->pos, "unsupported unary operator");
    }
}

namespace {

std::int64_t floorDiv(std::int64_t a, std::int64_t b)
{
    std::int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0)))
        --q;
    return q;
}

std::int64_t floorMod(std::int64_t a, std::int64_t b)
{
    std::int64_t m = a % b;
    if (m != 0 && ((m < 0) != (b < 0)))
        m += b;
    return m;
}

} // namespace

Value Interpreter::binary(TokenKind op, const Value &a, const Value &b, Pos pos)
{
    const Type ta = a.type(), tb = b.type();
    if (isNumber(a) && isNumber(b)) {
        const bool ints = isIntLike(a) && isIntLike(b);
        if (ints) {
            const std::int64_t x = intOf(a), y = intOf(b);
            std::int64_t r = 0;
            switch (op) {
            case TokenKind::Plus:
                if (__builtin_add_overflow(x, y, &r)) fail(pos, "integer overflow");
                return Value::integer(r);
            case TokenKind::Minus:
                if (__builtin_sub_overflow(x, y, &r)) fail(pos, "integer overflow");
                return Value::integer(r);
            case TokenKind::Star:
                if (__builtin_mul_overflow(x, y, &r)) fail(pos, "integer overflow");
                return Value::integer(r);
            case TokenKind::Slash:
                if (y == 0) fail(pos, "division by zero");
                return Value::real(double(x) / double(y));
            case TokenKind::SlashSlash:
                if (y == 0) fail(pos, "integer division or modulo by zero");
                if (x == std::numeric_limits<std::int64_t>::min() && y == -1) fail(pos, "integer overflow");
                return Value::integer(floorDiv(x, y));
            case TokenKind::Percent:
                if (y == 0) fail(pos, "integer division or modulo by zero");
                if (y == -1) return Value::integer(0);
                return Value::integer(floorMod(x, y));
            case TokenKind::StarStar: {
                if (y < 0) {
                    if (x == 0) fail(pos, "0.0 cannot be raised to a negative power");
                    return Value::real(std::pow(double(x), double(y)));
                }
                std::int64_t result = 1, base = x, e = y;
                while (e > 0) {
                    if (e & 1)
                        if (__builtin_mul_overflow(result, base, &result)) fail(pos, "integer overflow");
                    e >>= 1;
                    if (e > 0 && __builtin_mul_overflow(base, base, &base)) fail(pos, "integer overflow");
                }
                return Value::integer(result);
            }
            case TokenKind::Pipe:
                if (ta == Type::Bool && tb == Type::Bool) return Value::boolean(a.asBool() || b.asBool());
                return Value::integer(x | y);
            case TokenKind::Amp:
                if (ta == Type::Bool && tb == Type::Bool) return Value::boolean(a.asBool() && b.asBool());
                return Value::integer(x & y);
            case TokenKind::Caret:
                if (ta == Type::Bool && tb == Type::Bool) return Value::boolean(a.asBool() != b.asBool());
                return Value::integer(x ^ y);
            case TokenKind::LShift:
                if (y < 0) fail(pos, "negative shift count");
                if (x == 0) return Value::integer(0);
                if (y >= 63 || (x > 0 ? x > (std::numeric_limits<std::int64_t>::max() >> y)
                                      : x < (std::numeric_limits<std::int64_t>::min() >> y)))
                    fail(pos, "integer overflow");
                return Value::integer(std::int64_t(std::uint64_t(x) << y));
            case TokenKind::RShift:
                if (y < 0) fail(pos, "negative shift count");
                return Value::integer(y >= 63 ? (x < 0 ? -1 : 0) : (x >> y));
            default: break;
            }
        } else {
            const double x = floatOf(a), y = floatOf(b);
            switch (op) {
            case TokenKind::Plus: return Value::real(x + y);
            case TokenKind::Minus: return Value::real(x - y);
            case TokenKind::Star: return Value::real(x * y);
            case TokenKind::Slash:
                if (y == 0) fail(pos, "float division by zero");
                return Value::real(x / y);
            case TokenKind::SlashSlash:
                if (y == 0) fail(pos, "float floor division by zero");
                return Value::real(std::floor(x / y));
            case TokenKind::Percent: {
                if (y == 0) fail(pos, "float modulo");
                double m = std::fmod(x, y);
                if (m != 0 && ((m < 0) != (y < 0)))
                    m += y;
                return Value::real(m);
            }
            case TokenKind::StarStar:
                if (x == 0 && y < 0) fail(pos, "0.0 cannot be raised to a negative power");
                return Value::real(std::pow(x, y));
            default: break;
            }
        }
    }
    switch (op) {
    case TokenKind::Plus:
        if (ta == Type::Str && tb == Type::Str) {
            checkString(a.str().size() + b.str().size(), pos);
            std::string s;
            s.reserve(a.str().size() + b.str().size());
            s += a.str();
            s += b.str();
            return Value::string(std::move(s));
        }
        if ((ta == Type::List && tb == Type::List) || (ta == Type::Tuple && tb == Type::Tuple)) {
            const auto &x = a.as<ListObject>()->items, &y = b.as<ListObject>()->items;
            checkCollection(x.size() + y.size(), pos);
            std::vector<Value> items;
            items.reserve(x.size() + y.size());
            items.insert(items.end(), x.begin(), x.end());
            items.insert(items.end(), y.begin(), y.end());
            return ta == Type::List ? Value::list(std::move(items)) : Value::tuple(std::move(items));
        }
        if (ta == Type::List && tb == Type::Tuple)
            fail(pos, "can only concatenate list (not \"tuple\") to list");
        if (ta == Type::Str && tb != Type::Str)
            fail(pos, std::string("can only concatenate str (not \"") + typeName(b) + "\") to str");
        break;
    case TokenKind::Star: {
        const Value *seq = nullptr;
        const Value *count = nullptr;
        if (isIntLike(b) && (ta == Type::Str || ta == Type::List || ta == Type::Tuple)) {
            seq = &a;
            count = &b;
        } else if (isIntLike(a) && (tb == Type::Str || tb == Type::List || tb == Type::Tuple)) {
            seq = &b;
            count = &a;
        }
        if (!seq)
            break;
        const std::int64_t n = std::max<std::int64_t>(0, intOf(*count));
        if (seq->type() == Type::Str) {
            const std::string &s = seq->str();
            if (!s.empty() && n > m_limits.maxStringBytes / std::int64_t(s.size()))
                fail(pos, "string too long (repetition would exceed " + std::to_string(m_limits.maxStringBytes) + " bytes)");
            checkString(s.size() * std::size_t(n), pos);
            std::string r;
            r.reserve(s.size() * std::size_t(n));
            for (std::int64_t i = 0; i < n; ++i)
                r += s;
            return Value::string(std::move(r));
        }
        const auto &items = seq->as<ListObject>()->items;
        if (!items.empty() && n > m_limits.maxCollectionSize / std::int64_t(items.size()))
            fail(pos, "collection too large (repetition would exceed " + std::to_string(m_limits.maxCollectionSize) + " elements)");
        checkCollection(items.size() * std::size_t(n), pos);
        std::vector<Value> r;
        r.reserve(items.size() * std::size_t(n));
        for (std::int64_t i = 0; i < n; ++i)
            r.insert(r.end(), items.begin(), items.end());
        return seq->type() == Type::List ? Value::list(std::move(r)) : Value::tuple(std::move(r));
    }
    case TokenKind::Percent:
        if (ta == Type::Str)
            return percentFormat(*this, a.str(), b, pos);
        break;
    case TokenKind::Pipe:
        if (ta == Type::Dict && tb == Type::Dict) {
            Value r = Value::dict();
            auto *d = r.as<DictObject>();
            for (const auto &kv : a.as<DictObject>()->entries)
                d->insert(kv.first, kv.second);
            for (const auto &kv : b.as<DictObject>()->entries)
                d->insert(kv.first, kv.second);
            checkCollection(d->entries.size(), pos);
            return r;
        }
        [[fallthrough]];
    case TokenKind::Amp: case TokenKind::Caret: case TokenKind::Minus:
        if (ta == Type::Set && tb == Type::Set) {
            const auto *x = a.as<DictObject>(), *y = b.as<DictObject>();
            Value r = Value::set();
            auto *d = r.as<DictObject>();
            if (op == TokenKind::Pipe) {
                for (const auto &kv : x->entries) d->insert(kv.first, Value::none());
                for (const auto &kv : y->entries) d->insert(kv.first, Value::none());
            } else if (op == TokenKind::Amp) {
                for (const auto &kv : x->entries) if (y->find(kv.first) >= 0) d->insert(kv.first, Value::none());
            } else if (op == TokenKind::Minus) {
                for (const auto &kv : x->entries) if (y->find(kv.first) < 0) d->insert(kv.first, Value::none());
            } else {
                for (const auto &kv : x->entries) if (y->find(kv.first) < 0) d->insert(kv.first, Value::none());
                for (const auto &kv : y->entries) if (x->find(kv.first) < 0) d->insert(kv.first, Value::none());
            }
            checkCollection(d->entries.size(), pos);
            return r;
        }
        break;
    default: break;
    }
    fail(pos, std::string("unsupported operand type(s) for ") + opText(op) + ": '" + typeName(a) + "' and '" + typeName(b) + "'");
}

bool Interpreter::less(const Value &a, const Value &b, Pos pos)
{
    DepthCounter depth(m_evalDepth); // nested lists recurse here
    if (m_evalDepth > kMaxEvalDepth)
        fail(pos, "comparison nested too deeply");
    if (isNumber(a) && isNumber(b)) {
        if (isIntLike(a) && isIntLike(b))
            return intOf(a) < intOf(b);
        return floatOf(a) < floatOf(b);
    }
    if (a.type() == Type::Str && b.type() == Type::Str)
        return a.str() < b.str();
    if ((a.type() == Type::List || a.type() == Type::Tuple) && a.type() == b.type()) {
        const auto &x = a.as<ListObject>()->items, &y = b.as<ListObject>()->items;
        for (std::size_t i = 0; i < x.size() && i < y.size(); ++i) {
            step(pos);
            if (!equals(x[i], y[i]))
                return less(x[i], y[i], pos);
        }
        return x.size() < y.size();
    }
    fail(pos, std::string("'<' not supported between instances of '") + typeName(a) + "' and '" + typeName(b) + "'");
}

bool Interpreter::compare(CompareOp op, const Value &a, const Value &b, Pos pos)
{
    switch (op) {
    case CompareOp::Eq: return equals(a, b);
    case CompareOp::Ne: return !equals(a, b);
    case CompareOp::Lt: case CompareOp::Gt: case CompareOp::Le: case CompareOp::Ge: {
        const bool comparable = (isNumber(a) && isNumber(b)) || (a.type() == Type::Str && b.type() == Type::Str)
            || ((a.type() == Type::List || a.type() == Type::Tuple) && a.type() == b.type());
        if (!comparable) {
            const char *sym = op == CompareOp::Lt ? "<" : op == CompareOp::Gt ? ">" : op == CompareOp::Le ? "<=" : ">=";
            fail(pos, std::string("'") + sym + "' not supported between instances of '" + typeName(a) + "' and '" + typeName(b) + "'");
        }
        if (op == CompareOp::Lt) return less(a, b, pos);
        if (op == CompareOp::Gt) return less(b, a, pos);
        if (op == CompareOp::Le) return !less(b, a, pos);
        return !less(a, b, pos);
    }
    case CompareOp::In: case CompareOp::NotIn: {
        bool found = false;
        switch (b.type()) {
        case Type::Str:
            if (a.type() != Type::Str)
                fail(pos, std::string("'in <string>' requires string as left operand, not ") + typeName(a));
            found = findSubstring(b.str(), a.str()) != std::string::npos;
            break;
        case Type::List: case Type::Tuple:
            for (const Value &x : b.as<ListObject>()->items)
                if (equals(x, a)) { found = true; break; }
            m_steps += std::int64_t(b.as<ListObject>()->items.size() >> 5);
            break;
        case Type::Dict: case Type::Set:
            requireHashable(a, pos);
            found = b.as<DictObject>()->find(a) >= 0;
            break;
        case Type::Range: {
            const auto *r = b.as<RangeObject>();
            if (isIntLike(a)) {
                const std::int64_t x = intOf(a);
                const std::int64_t n = r->length();
                if (n > 0 && (r->step > 0 ? (x >= r->start && x < r->stop) : (x <= r->start && x > r->stop)))
                    found = ((x - r->start) % r->step) == 0;
            }
            break;
        }
        default:
            fail(pos, std::string("argument of type '") + typeName(b) + "' is not iterable");
        }
        return op == CompareOp::In ? found : !found;
    }
    case CompareOp::Is: case CompareOp::IsNot: {
        bool same = a.type() == b.type();
        if (same) {
            switch (a.type()) {
            case Type::None: break;
            case Type::Bool: same = a.asBool() == b.asBool(); break;
            case Type::Int: same = a.asInt() == b.asInt(); break;
            case Type::Float: same = a.asFloat() == b.asFloat(); break;
            default: same = a.obj() == b.obj();
            }
        }
        return op == CompareOp::Is ? same : !same;
    }
    }
    return false;
}

Value Interpreter::evalCompare(const CompareExpr *c)
{
    Value left = eval(c->first);
    for (const auto &link : c->rest) {
        Value right = eval(link.operand);
        if (!compare(link.op, left, right, link.opPos))
            return Value::boolean(false);
        left = std::move(right);
    }
    return Value::boolean(true);
}

Value Interpreter::evalIndex(const Value &obj, const Value &key, Pos pos)
{
    switch (obj.type()) {
    case Type::List: case Type::Tuple: {
        if (!isIntLike(key))
            fail(pos, std::string(typeName(obj)) + " indices must be integers or slices, not " + typeName(key));
        const auto &items = obj.as<ListObject>()->items;
        std::int64_t i = intOf(key);
        if (i < 0)
            i += std::int64_t(items.size());
        if (i < 0 || i >= std::int64_t(items.size()))
            fail(pos, std::string(typeName(obj)) + " index out of range");
        return items[std::size_t(i)];
    }
    case Type::Str: {
        if (!isIntLike(key))
            fail(pos, std::string("string indices must be integers, not '") + typeName(key) + "'");
        std::vector<Value> chars = toVector(obj, pos);
        std::int64_t i = intOf(key);
        if (i < 0)
            i += std::int64_t(chars.size());
        if (i < 0 || i >= std::int64_t(chars.size()))
            fail(pos, "string index out of range");
        return chars[std::size_t(i)];
    }
    case Type::Range: {
        if (!isIntLike(key))
            fail(pos, std::string("range indices must be integers or slices, not ") + typeName(key));
        const auto *r = obj.as<RangeObject>();
        std::int64_t i = intOf(key);
        if (i < 0)
            i += r->length();
        if (i < 0 || i >= r->length())
            fail(pos, "range object index out of range");
        return Value::integer(r->at(i));
    }
    case Type::Dict: {
        requireHashable(key, pos);
        const auto *d = obj.as<DictObject>();
        const std::ptrdiff_t p = d->find(key);
        if (p < 0)
            fail(pos, "key " + repr(key) + " not found in dict");
        return d->entries[std::size_t(p)].second;
    }
    case Type::Typing: return obj;
    default:
        fail(pos, std::string("'") + typeName(obj) + "' object is not subscriptable");
    }
}

Value Interpreter::evalSlice(const SliceExpr *s)
{
    const Value obj = eval(s->object);
    auto bound = [&](const Expr *e, bool &present) -> std::int64_t {
        present = false;
        if (!e)
            return 0;
        const Value v = eval(e);
        if (v.isNone())
            return 0;
        if (!isIntLike(v))
            fail(e->pos, "slice indices must be integers or None");
        present = true;
        return intOf(v);
    };
    bool hasLo = false, hasHi = false, hasStep = false;
    std::int64_t lo = bound(s->lo, hasLo);
    std::int64_t hi = bound(s->hi, hasHi);
    std::int64_t step = bound(s->step, hasStep);
    if (!hasStep)
        step = 1;
    if (step == 0)
        fail(s->step->pos, "slice step cannot be zero");
    std::vector<Value> items;
    if (obj.type() == Type::List || obj.type() == Type::Tuple)
        items = obj.as<ListObject>()->items;
    else if (obj.type() == Type::Str || obj.type() == Type::Range)
        items = toVector(obj, s->pos);
    else
        fail(s->pos, std::string("'") + typeName(obj) + "' object is not subscriptable");
    const std::int64_t n = std::int64_t(items.size());
    auto clampUp = [n](std::int64_t i) {
        if (i < 0)
            i += n;
        return std::clamp<std::int64_t>(i, 0, n);
    };
    auto clampDown = [n](std::int64_t i) {
        if (i < 0)
            i += n;
        return std::clamp<std::int64_t>(i, -1, n - 1);
    };
    if (step > 0) {
        lo = hasLo ? clampUp(lo) : 0;
        hi = hasHi ? clampUp(hi) : n;
    } else {
        lo = hasLo ? clampDown(lo) : n - 1;
        hi = hasHi ? clampDown(hi) : -1;
    }
    std::vector<Value> out;
    if (step > 0) {
        for (std::int64_t i = lo; i < hi; i += step) {
            out.push_back(items[std::size_t(i)]);
            if (hi - i <= step)
                break;
        }
    } else {
        for (std::int64_t i = lo; i > hi; i += step) {
            out.push_back(items[std::size_t(i)]);
            if (i - hi <= -step || step == std::numeric_limits<std::int64_t>::min())
                break;
        }
    }
    if (obj.type() == Type::Str) {
        std::string r;
        for (const Value &c : out)
            r += c.str();
        return Value::string(std::move(r));
    }
    if (obj.type() == Type::Tuple)
        return Value::tuple(std::move(out));
    return Value::list(std::move(out));
}

std::string Interpreter::formatFStringField(const FStringExpr::Part &part)
{
    Value v = eval(part.expr);
    if (const auto *inst = objectAs<InstanceObject>(v)) {
        // f'{obj}' / f'{obj!r}' use the class's __str__ / __repr__ when it defines them.
        const Value *m = part.conversion == 'r' ? inst->cls->lookup("__repr__") : inst->cls->lookup("__str__");
        if (!m && part.conversion != 'r')
            m = inst->cls->lookup("__repr__");
        if (m && m->type() == Type::Function) {
            CallArgs a;
            a.callPos = part.expr->pos;
            a.positional.push_back(v);
            a.positionalPos.push_back(part.expr->pos);
            const Value r = call(*m, a);
            if (r.type() != Type::Str)
                fail(part.expr->pos, std::string("__str__ returned non-string (type ") + typeName(r) + ")");
            if (part.conversion == 'r') {
                std::string spec = part.spec;
                for (const auto &sp : part.specParts)
                    spec += sp.expr ? formatFStringField(sp) : sp.literal;
                return spec.empty() ? r.str() : formatWithSpec(*this, r, spec, part.expr->pos);
            }
            v = r;
        }
    }
    std::string spec = part.spec;
    for (const auto &sp : part.specParts) // nested fields: `{x:{width}.{precision}}`
        spec += sp.expr ? formatFStringField(sp) : sp.literal;
    if (part.conversion == 'r') {
        const std::string r = repr(v);
        return spec.empty() ? r : formatWithSpec(*this, Value::string(r), spec, part.expr->pos);
    }
    if (spec.empty())
        return toStr(v);
    return formatWithSpec(*this, part.conversion == 's' ? Value::string(toStr(v)) : v, spec, part.expr->pos);
}

Value Interpreter::evalFString(const FStringExpr *f)
{
    std::string out;
    for (const auto &part : f->parts) {
        if (!part.expr) {
            out += part.literal;
        } else {
            out += formatFStringField(part);
        }
        checkString(out.size(), f->pos);
    }
    return Value::string(std::move(out));
}

Value Interpreter::evalComprehension(const ComprehensionExpr *c)
{
    Frame saved = m_frame;
    auto scope = std::make_shared<Scope>();
    scope->parent = m_frame.scope;
    m_frame.scope = scope;
    ScopeMark mark(m_comprehensionScopes, scope.get());
    std::vector<Value> out;
    Value dict;
    if (c->compKind == ComprehensionExpr::Kind::Dict)
        dict = Value::dict();
    else if (c->compKind == ComprehensionExpr::Kind::Set)
        dict = Value::set();
    comprehensionLoop(c, 0, out, dict);
    m_frame = std::move(saved);
    switch (c->compKind) {
    case ComprehensionExpr::Kind::Dict: case ComprehensionExpr::Kind::Set: return dict;
    default: return Value::list(std::move(out));
    }
}

void Interpreter::comprehensionLoop(const ComprehensionExpr *c, std::size_t clause, std::vector<Value> &out, const Value &dict)
{
    if (clause == c->clauses.size()) {
        step(c->pos);
        if (c->compKind == ComprehensionExpr::Kind::Dict) {
            const Value k = eval(c->element);
            requireHashable(k, c->element->pos);
            auto *d = dict.as<DictObject>();
            d->insert(k, eval(c->value));
            checkCollection(d->entries.size(), c->pos, 1);
        } else if (c->compKind == ComprehensionExpr::Kind::Set) {
            const Value k = eval(c->element);
            requireHashable(k, c->element->pos);
            auto *d = dict.as<DictObject>();
            d->insert(k, Value::none());
            checkCollection(d->entries.size(), c->pos, 1);
        } else {
            out.push_back(eval(c->element));
            if (std::int64_t(out.size()) > m_limits.maxCollectionSize)
                checkCollection(out.size(), c->pos, 1);
        }
        return;
    }
    const auto &cl = c->clauses[clause];
    if (!cl.isFor) {
        if (truthy(eval(cl.expr)))
            comprehensionLoop(c, clause + 1, out, dict);
        return;
    }
    const Value it = eval(cl.expr);
    forEach(it, cl.expr->pos, [&](const Value &x) {
        assign(cl.target, x);
        comprehensionLoop(c, clause + 1, out, dict);
    });
}

bool Interpreter::getAttribute(const Value &obj, std::string_view name, Value &out)
{
    if (obj.type() == Type::Typing && dynamic_cast<TypingObject *>(obj.obj()) && typeid(*obj.obj()) != typeid(TypingObject))
        return getObjectAttribute(obj, name, out, Pos{});
    if (obj.type() == Type::HostObject) {
        const HostValue &h = obj.as<HostObjectValue>()->value;
        for (const auto &kv : h.object().kwargs)
            if (kv.first == name) {
                out = fromHost(kv.second);
                return true;
            }
        return false;
    }
    std::string_view canonical;
    MethodFn fn = findMethod(obj.type(), name, canonical);
    if (!fn)
        return false;
    auto m = std::make_shared<MethodObject>();
    m->self = obj;
    m->name = canonical;
    m->fn = fn;
    out = Value::object(Type::Method, std::move(m));
    return true;
}

std::vector<std::string> Interpreter::attributeNames(const Value &obj)
{
    if (auto *inst = objectAs<InstanceObject>(obj)) {
        std::vector<std::string> names;
        for (const auto &kv : inst->attrs)
            names.push_back(kv.first);
        for (const ClassObject *c = inst->cls.get(); c; c = c->base.get())
            for (const auto &kv : c->attrs)
                names.push_back(kv.first);
        return names;
    }
    if (auto *cls = objectAs<ClassObject>(obj)) {
        std::vector<std::string> names;
        for (const ClassObject *c = cls; c; c = c->base.get())
            for (const auto &kv : c->attrs)
                names.push_back(kv.first);
        return names;
    }
    if (obj.type() == Type::HostObject) {
        std::vector<std::string> names;
        for (const auto &kv : obj.as<HostObjectValue>()->value.object().kwargs)
            names.push_back(kv.first);
        return names;
    }
    return methodNames(obj.type());
}

Value Interpreter::evalAttr(const AttrExpr *a)
{
    std::vector<const AttrExpr *> chain; // outermost first
    const Expr *base = a;
    while (base->kind == NodeKind::Attr) {
        chain.push_back(static_cast<const AttrExpr *>(base));
        base = static_cast<const AttrExpr *>(base)->object;
    }
    std::reverse(chain.begin(), chain.end()); // innermost first
    Value v = eval(base);
    std::size_t next = 0;
    if (v.type() == Type::HostFunction) {
        const Dialect::Entry *entry = v.as<HostFunctionObject>()->entry;
        const HostAttribute &resolver = m_prelude.dialect->attributeResolver();
        if (!entry->options.isTargetType || !resolver)
            fail(chain[0]->namePos, "'" + entry->name + "' has no attribute '" + std::string(chain[0]->name) + "'");
        std::vector<std::string> path;
        for (const AttrExpr *x : chain)
            path.emplace_back(x->name);
        bool resolved = false;
        for (std::size_t len = path.size(); len >= 1 && !resolved; --len) {
            std::vector<std::string> prefix(path.begin(), path.begin() + std::ptrdiff_t(len));
            step(a->pos);
            std::optional<HostValue> r;
            try {
                r = resolver(entry->name, prefix, m_fileContext);
            } catch (const std::exception &ex) {
                fail(chain[0]->namePos, std::string("attribute lookup failed: ") + ex.what());
            }
            if (r) {
                v = fromHost(*r);
                next = len;
                resolved = true;
            }
        }
        if (!resolved) {
            std::string dotted;
            for (const auto &p : path)
                dotted += (dotted.empty() ? "" : ".") + p;
            fail(chain[0]->namePos, "'" + entry->name + "' has no attribute '" + dotted + "'");
        }
    }
    for (; next < chain.size(); ++next) {
        const AttrExpr *x = chain[next];
        Value out;
        if (!getAttribute(v, x->name, out)) {
            const std::string near = base::nearest(x->name, attributeNames(v));
            fail(x->namePos, noAttributeMessage(v, x->name),
                 near.empty() ? std::string() : "did you mean " + near + "?");
        }
        v = std::move(out);
    }
    return v;
}

void Interpreter::buildArgs(const CallExpr *c, CallArgs &args)
{
    args.positional.reserve(c->args.size());
    for (const Argument &a : c->args) {
        switch (a.kind) {
        case Argument::Kind::Positional:
            args.positional.push_back(eval(a.value));
            args.positionalPos.push_back(a.value->pos);
            break;
        case Argument::Kind::Star: {
            const Value v = eval(a.value);
            forEach(v, a.value->pos, [&](const Value &x) {
                args.positional.push_back(x);
                args.positionalPos.push_back(a.value->pos);
            });
            checkCollection(args.positional.size(), a.pos);
            break;
        }
        case Argument::Kind::Keyword:
            args.keywords.emplace_back(std::string(a.name), eval(a.value));
            args.keywordPos.push_back(a.value->pos);
            break;
        case Argument::Kind::StarStar: {
            const Value v = eval(a.value);
            auto add = [&](std::string key, Value val) {
                for (const auto &kv : args.keywords)
                    if (kv.first == key)
                        fail(a.value->pos, std::string(args.name) + "() got multiple values for keyword argument '" + key + "'");
                args.keywords.emplace_back(std::move(key), std::move(val));
                args.keywordPos.push_back(a.value->pos);
            };
            if (v.type() == Type::Dict) {
                for (const auto &kv : v.as<DictObject>()->entries) {
                    if (kv.first.type() != Type::Str)
                        fail(a.value->pos, "keywords must be strings");
                    add(kv.first.str(), kv.second);
                }
                checkCollection(args.keywords.size(), a.pos);
            } else if (v.type() == Type::HostObject && !v.as<HostObjectValue>()->value.object().unpackKey.empty()) {
                add(v.as<HostObjectValue>()->value.object().unpackKey, v);
            } else {
                fail(a.value->pos, std::string(args.name) + "() argument after ** must be a mapping, not " + typeName(v));
            }
            break;
        }
        }
    }
}

Value Interpreter::evalCall(const CallExpr *c)
{
    step(c->pos);
    CallArgs args;
    args.callPos = c->pos;
    if (c->callee->kind == NodeKind::Attr) {
        // Fast path for methods of builtin values: no bound-method object.
        const auto *a = static_cast<const AttrExpr *>(c->callee);
        const Value self = eval(a->object);
        std::string_view canonical;
        if (MethodFn fn = findMethod(self.type(), a->name, canonical)) {
            args.name = canonical;
            args.callPos = a->namePos;
            buildArgs(c, args);
            return fn(*this, self, args);
        }
        Value callee;
        if (self.type() == Type::HostFunction || !getAttribute(self, a->name, callee))
            callee = evalAttr(a);
        args.name = a->name;
        buildArgs(c, args);
        return call(callee, args);
    }
    if (c->callee->kind == NodeKind::Name && static_cast<const NameExpr *>(c->callee)->name == "super" && c->args.empty())
        return evalSuper(c->pos);
    const Value callee = eval(c->callee);
    if (c->callee->kind == NodeKind::Name)
        args.name = static_cast<const NameExpr *>(c->callee)->name;
    else
        args.name = "<callable>";
    buildArgs(c, args);
    return call(callee, args);
}

Value Interpreter::call(const Value &callee, CallArgs &args)
{
    switch (callee.type()) {
    case Type::Function: {
        const auto *f = callee.as<FunctionObject>();
        args.name = f->def->name;
        return callFunction(f, args);
    }
    case Type::Builtin: {
        const auto *b = callee.as<BuiltinObject>();
        args.name = b->name;
        return b->fn(*this, args);
    }
    case Type::Method: {
        const auto *m = callee.as<MethodObject>();
        args.name = m->name;
        return m->fn(*this, m->self, args);
    }
    case Type::HostFunction: return callHost(*callee.as<HostFunctionObject>()->entry, args);
    case Type::Typing: {
        if (auto *cls = objectAs<ClassObject>(callee)) {
            (void)cls;
            return callClass(std::static_pointer_cast<ClassObject>(callee.shared()), args);
        }
        if (auto *b = objectAs<BoundMethodObject>(callee); b && !b->function.isNone()) {
            CallArgs a = args;
            a.positional.insert(a.positional.begin(), b->self);
            a.positionalPos.insert(a.positionalPos.begin(), args.callPos);
            return call(b->function, a);
        }
        if (auto *w = objectAs<MethodWrapperObject>(callee); w && w->kind != MethodWrapperObject::Kind::Property)
            return call(w->function, args);
        if (auto *inst = objectAs<InstanceObject>(callee)) {
            if (const Value *m = inst->cls->lookup("__call__"); m && m->type() == Type::Function) {
                CallArgs a = args;
                a.positional.insert(a.positional.begin(), callee);
                a.positionalPos.insert(a.positionalPos.begin(), args.callPos);
                return call(*m, a);
            }
            fail(args.callPos, "'" + inst->cls->name + "' object is not callable");
        }
        fail(args.callPos, std::string("'") + typeName(callee) + "' object is not callable");
    }
    case Type::ExceptionType: {
        std::shared_ptr<ExceptionObject> e;
        if (const auto *u = dynamic_cast<const UserExceptionObject *>(callee.as<ExceptionObject>())) {
            auto ue = std::make_shared<UserExceptionObject>();
            ue->ancestors = u->ancestors;
            e = std::move(ue);
        } else {
            e = std::make_shared<ExceptionObject>();
        }
        e->typeName = callee.as<ExceptionObject>()->typeName;
        if (!args.positional.empty())
            e->message = toStr(args.positional[0]);
        return Value::object(Type::Exception, std::move(e));
    }
    default:
        fail(args.callPos, std::string("'") + typeName(callee) + "' object is not callable");
    }
}

Value Interpreter::callFunction(const FunctionObject *f, CallArgs &args)
{
    const FuncDef &def = *f->def;
    const std::string fname(def.name);
    if (m_callDepth >= m_limits.maxCallDepth)
        fail(args.callPos, "maximum recursion depth exceeded (" + std::to_string(m_limits.maxCallDepth) + " nested calls)");
    step(args.callPos);
    auto scope = std::make_shared<Scope>();
    scope->parent = f->closure;
    const std::size_t nparams = def.params.size();
    std::vector<Value> slots(nparams);
    std::vector<char> bound(nparams, 0);
    const std::size_t npos = std::size_t(def.positionalCount);
    std::vector<Value> extra;
    for (std::size_t i = 0; i < args.positional.size(); ++i) {
        if (i < npos) {
            slots[i] = args.positional[i];
            bound[i] = 1;
        } else {
            extra.push_back(args.positional[i]);
        }
    }
    if (!extra.empty() && def.varArgs < 0) {
        std::size_t required = 0;
        for (std::size_t i = 0; i < npos; ++i)
            if (!def.params[i].defaultValue)
                ++required;
        const std::size_t given = args.positional.size();
        std::string takes = required == npos ? std::to_string(npos)
                                             : "from " + std::to_string(required) + " to " + std::to_string(npos);
        fail(args.callPos, fname + "() takes " + takes + " positional argument" + (npos == 1 && required == npos ? "" : "s")
                               + " but " + std::to_string(given) + (given == 1 ? " was" : " were") + " given");
    }
    if (def.varArgs >= 0) {
        slots[std::size_t(def.varArgs)] = Value::tuple(std::move(extra));
        bound[std::size_t(def.varArgs)] = 1;
    }
    Value kwargs;
    if (def.kwArgs >= 0) {
        kwargs = Value::dict();
        slots[std::size_t(def.kwArgs)] = kwargs;
        bound[std::size_t(def.kwArgs)] = 1;
    }
    for (std::size_t k = 0; k < args.keywords.size(); ++k) {
        const auto &[name, value] = args.keywords[k];
        std::size_t idx = nparams;
        for (std::size_t i = 0; i < nparams; ++i) {
            const Param &p = def.params[i];
            if ((p.kind == Param::Kind::Normal || p.kind == Param::Kind::KeywordOnly) && p.name == name) {
                idx = i;
                break;
            }
        }
        if (idx < nparams) {
            if (bound[idx])
                fail(args.callPos, fname + "() got multiple values for argument '" + name + "'");
            slots[idx] = value;
            bound[idx] = 1;
        } else if (def.kwArgs >= 0) {
            kwargs.as<DictObject>()->insert(Value::string(name), value);
        } else {
            std::vector<std::string> names;
            for (const Param &p : def.params)
                if (p.kind == Param::Kind::Normal || p.kind == Param::Kind::KeywordOnly)
                    names.emplace_back(p.name);
            const std::string near = base::nearest(name, names);
            fail(args.keywordPos.size() > k ? args.keywordPos[k] : args.callPos,
                 fname + "() got an unexpected keyword argument '" + name + "'",
                 near.empty() ? std::string() : "did you mean " + near + "?");
        }
    }
    std::vector<std::string> missingPos, missingKw;
    for (std::size_t i = 0; i < nparams; ++i) {
        if (bound[i])
            continue;
        const Param &p = def.params[i];
        if (p.defaultValue) {
            slots[i] = f->defaults[i];
        } else if (p.kind == Param::Kind::Normal) {
            missingPos.push_back("'" + std::string(p.name) + "'");
        } else if (p.kind == Param::Kind::KeywordOnly) {
            missingKw.push_back("'" + std::string(p.name) + "'");
        }
    }
    auto missing = [&](const std::vector<std::string> &names, const char *kind) {
        std::string list;
        for (std::size_t i = 0; i < names.size(); ++i) {
            if (i > 0)
                list += names.size() == 2 ? " and " : (i + 1 == names.size() ? ", and " : ", ");
            list += names[i];
        }
        fail(args.callPos, fname + "() missing " + std::to_string(names.size()) + " required " + kind + " argument"
                               + (names.size() == 1 ? "" : "s") + ": " + list);
    };
    if (!missingPos.empty())
        missing(missingPos, "positional");
    if (!missingKw.empty())
        missing(missingKw, "keyword-only");
    scope->vars.reserve(nparams + 4);
    for (std::size_t i = 0; i < nparams; ++i)
        scope->vars.emplace_back(def.params[i].name, std::move(slots[i]));

    Frame saved = m_frame;
    m_callSites.emplace_back(m_frame.module, args.callPos);
    m_frame = Frame{};
    m_frame.scope = std::move(scope);
    m_frame.globals = f->globals;
    m_frame.module = f->module;
    m_frame.prelude = f->inPrelude;
    m_frame.function = &def;
    ++m_callDepth;
    Value result;
    if (def.isGenerator) {
        std::vector<Value> yielded;
        GeneratorMark mark(m_generators, &yielded);
        if (def.lambdaBody)
            eval(def.lambdaBody);
        else if (exec(def.body) == Flow::Return)
            m_returnValue = Value(); // a generator's return value ends the iteration; it is dropped
        checkCollection(yielded.size(), args.callPos);
        result = Value::list(std::move(yielded));
    } else if (def.lambdaBody) {
        result = eval(def.lambdaBody);
    } else if (exec(def.body) == Flow::Return) {
        result = std::move(m_returnValue);
        m_returnValue = Value();
    }
    --m_callDepth;
    m_callSites.pop_back();
    m_frame = std::move(saved);
    return result;
}

HostValue Interpreter::toHost(const Value &v, Pos pos, std::string_view callee, int depth)
{
    if (depth > 100)
        fail(pos, "value passed to " + std::string(callee) + "() is nested too deeply");
    auto items = [&](const std::vector<Value> &src) {
        HostList out;
        out.reserve(src.size());
        for (const Value &x : src)
            out.push_back(toHost(x, pos, callee, depth + 1));
        return out;
    };
    switch (v.type()) {
    case Type::None: return HostValue::none();
    case Type::Bool: return HostValue::boolean(v.asBool());
    case Type::Int: return HostValue::integer(v.asInt());
    case Type::Float: return HostValue::real(v.asFloat());
    case Type::Str: return HostValue::string(v.str());
    case Type::List: return HostValue::list(items(v.as<ListObject>()->items));
    case Type::Tuple: return HostValue::tuple(items(v.as<ListObject>()->items));
    case Type::Set: {
        HostList out;
        for (const auto &kv : v.as<DictObject>()->entries)
            out.push_back(toHost(kv.first, pos, callee, depth + 1));
        return HostValue::set(std::move(out));
    }
    case Type::Dict: {
        HostDict out;
        out.reserve(v.as<DictObject>()->entries.size());
        for (const auto &kv : v.as<DictObject>()->entries)
            out.emplace_back(toHost(kv.first, pos, callee, depth + 1), toHost(kv.second, pos, callee, depth + 1));
        return HostValue::dict(std::move(out));
    }
    case Type::Range: return HostValue::list(items(toVector(v, pos)));
    case Type::HostFunction: return HostValue::symbol(v.as<HostFunctionObject>()->entry->name);
    case Type::HostObject: {
        HostValue h = v.as<HostObjectValue>()->value;
        h.location = {};
        return h;
    }
    default:
        fail(pos, std::string("cannot pass a value of type '") + typeName(v) + "' to " + std::string(callee) + "()");
    }
}

Value Interpreter::fromHost(const HostValue &v)
{
    auto items = [&](const HostList &src) {
        std::vector<Value> out;
        out.reserve(src.size());
        for (const HostValue &x : src)
            out.push_back(fromHost(x));
        return out;
    };
    switch (v.kind()) {
    case HostValue::Kind::None: return Value::none();
    case HostValue::Kind::Bool: return Value::boolean(v.asBool());
    case HostValue::Kind::Int: return Value::integer(v.asInt());
    case HostValue::Kind::Float: return Value::real(v.asFloat());
    case HostValue::Kind::String: return Value::string(v.str());
    case HostValue::Kind::List: return Value::list(items(v.items()));
    case HostValue::Kind::Tuple: return Value::tuple(items(v.items()));
    case HostValue::Kind::Set: {
        Value s = Value::set();
        for (const HostValue &x : v.items()) {
            Value k = fromHost(x);
            if (isHashable(k))
                s.as<DictObject>()->insert(k, Value::none());
        }
        return s;
    }
    case HostValue::Kind::Dict: {
        Value d = Value::dict();
        for (const auto &[k, val] : v.entries()) {
            Value key = fromHost(k);
            if (isHashable(key))
                d.as<DictObject>()->insert(key, fromHost(val));
        }
        return d;
    }
    case HostValue::Kind::Symbol: {
        if (auto it = m_prelude.universe.find(v.str()); it != m_prelude.universe.end() && it->second.type() == Type::HostFunction)
            return it->second;
        return Value::object(Type::HostObject, std::make_shared<HostObjectValue>(v));
    }
    case HostValue::Kind::Object: return Value::object(Type::HostObject, std::make_shared<HostObjectValue>(v));
    }
    return Value::none();
}

Value Interpreter::callHost(const Dialect::Entry &e, CallArgs &args)
{
    if (m_loadingPrelude && e.options.forbiddenAtPreludeTopLevel)
        fail(args.callPos, "name '" + e.name + "' is not defined",
             e.name + " is only available inside functions called from BUILD files");
    if (e.options.isTargetType && !args.positional.empty())
        fail(args.callPos, e.name + "() takes no positional arguments");
    step(args.callPos);
    const std::string &file = m_frame.module ? m_frame.module->path : std::string();
    HostCall hc;
    hc.function = e.name;
    hc.args.reserve(args.positional.size());
    for (std::size_t i = 0; i < args.positional.size(); ++i) {
        HostValue h = toHost(args.positional[i], args.positionalPos[i], e.name);
        h.location = base::SourceLocation{file, args.positionalPos[i].line, args.positionalPos[i].column};
        hc.args.push_back(std::move(h));
    }
    hc.kwargs.reserve(args.keywords.size());
    for (std::size_t i = 0; i < args.keywords.size(); ++i) {
        HostValue h = toHost(args.keywords[i].second, args.keywordPos[i], e.name);
        h.location = base::SourceLocation{file, args.keywordPos[i].line, args.keywordPos[i].column};
        hc.kwargs.emplace_back(args.keywords[i].first, std::move(h));
    }
    hc.location = base::SourceLocation{file, args.callPos.line, args.callPos.column};
    hc.fileContext = m_fileContext;
    hc.buildFile = m_buildFile;
    std::optional<base::Result<HostValue>> result;
    try {
        result.emplace(e.fn(hc));
    } catch (const std::exception &ex) {
        fail(args.callPos, e.name + "() failed: " + ex.what());
    } catch (...) {
        fail(args.callPos, e.name + "() failed");
    }
    for (const base::Diagnostic &d : result->diagnostics()) {
        if (d.severity != base::Severity::Error) {
            m_diagnostics.push_back(d);
            continue;
        }
        if (d.loc.isValid()) {
            EvalError err;
            err.module = m_frame.module;
            err.pos = args.callPos;
            err.message = d.message;
            err.hint = d.hint;
            err.explicitLocation = d.loc;
            err.callSites = m_callSites;
            throw err;
        }
        fail(args.callPos, d.message, d.hint);
    }
    if (!result->ok())
        fail(args.callPos, e.name + "() failed");
    return fromHost(result->value());
}

// ---- classes, exceptions, with, open() ------------------------------------------

namespace {

const char *builtinExceptionParent(std::string_view t)
{
    static const std::pair<std::string_view, const char *> kParents[] = {
        {"KeyError", "LookupError"}, {"IndexError", "LookupError"}, {"ZeroDivisionError", "ArithmeticError"},
        {"OverflowError", "ArithmeticError"}, {"NotImplementedError", "RuntimeError"}, {"RecursionError", "RuntimeError"},
        {"UnboundLocalError", "NameError"}, {"FileNotFoundError", "OSError"}, {"IsADirectoryError", "OSError"},
        {"PermissionError", "OSError"}, {"UnicodeError", "ValueError"},
    };
    for (const auto &[k, v] : kParents)
        if (k == t)
            return v;
    return nullptr;
}

Value fileRead(Interpreter &in, CallArgs &args);
Value fileReadLines(Interpreter &in, CallArgs &args);
Value fileEnter(Interpreter &in, CallArgs &args);
Value fileExit(Interpreter &in, CallArgs &args);

/// The class of the objects `open()` returns (shared, immutable).
std::shared_ptr<ClassObject> fileClass()
{
    static const std::shared_ptr<ClassObject> cls = [] {
        auto c = std::make_shared<ClassObject>("TextIOWrapper");
        auto add = [&](std::string_view name, BuiltinFn fn) {
            auto b = std::make_shared<BuiltinObject>();
            b->name = name;
            b->fn = fn;
            c->attrs.emplace_back(std::string(name), Value::object(Type::Builtin, std::move(b)));
        };
        add("read", fileRead);
        add("readlines", fileReadLines);
        add("__enter__", fileEnter);
        add("__exit__", fileExit);
        add("close", fileExit);
        c->frozen = true;
        return c;
    }();
    return cls;
}

InstanceObject *fileSelf(Interpreter &in, CallArgs &args)
{
    InstanceObject *self = args.positional.empty() ? nullptr : objectAs<InstanceObject>(args.positional[0]);
    if (!self || self->cls != fileClass())
        in.fail(args.callPos, std::string(args.name) + "() needs a file object");
    return self;
}

Value fileRead(Interpreter &in, CallArgs &args)
{
    return Value::string(fileSelf(in, args)->payload);
}

Value fileReadLines(Interpreter &in, CallArgs &args)
{
    fileSelf(in, args);
    std::vector<Value> lines;
    fileObjectLines(args.positional[0], lines);
    in.checkCollection(lines.size(), args.callPos);
    return Value::list(std::move(lines));
}

Value fileEnter(Interpreter &in, CallArgs &args)
{
    fileSelf(in, args);
    return args.positional[0];
}

Value fileExit(Interpreter &in, CallArgs &args)
{
    fileSelf(in, args);
    return Value::none();
}

void freezeWalk(const Value &v, std::vector<const Object *> &seen, int depth)
{
    if (depth > 100 || !v.obj())
        return;
    if (std::find(seen.begin(), seen.end(), v.obj()) != seen.end())
        return;
    seen.push_back(v.obj());
    switch (v.type()) {
    case Type::List: case Type::Tuple:
        for (const Value &x : v.as<ListObject>()->items)
            freezeWalk(x, seen, depth + 1);
        return;
    case Type::Dict: case Type::Set:
        for (const auto &kv : v.as<DictObject>()->entries) {
            freezeWalk(kv.first, seen, depth + 1);
            freezeWalk(kv.second, seen, depth + 1);
        }
        return;
    case Type::Typing:
        if (auto *c = dynamic_cast<ClassObject *>(v.obj())) {
            c->frozen = true;
            for (const auto &kv : c->attrs) {
                freeze(kv.second);
                freezeWalk(kv.second, seen, depth + 1);
            }
            if (c->base)
                freezeWalk(Value::object(Type::Typing, c->base), seen, depth + 1);
        } else if (auto *i = dynamic_cast<InstanceObject *>(v.obj())) {
            i->frozen = true;
            for (const auto &kv : i->attrs) {
                freeze(kv.second);
                freezeWalk(kv.second, seen, depth + 1);
            }
            freezeWalk(Value::object(Type::Typing, i->cls), seen, depth + 1);
        } else if (auto *b = dynamic_cast<BoundMethodObject *>(v.obj())) {
            freezeWalk(b->self, seen, depth + 1);
            freezeWalk(b->function, seen, depth + 1);
        } else if (auto *w = dynamic_cast<MethodWrapperObject *>(v.obj())) {
            freezeWalk(w->function, seen, depth + 1);
        }
        return;
    default: return;
    }
}

} // namespace

const Value *ClassObject::lookup(std::string_view n) const
{
    for (const ClassObject *c = this; c; c = c->base.get())
        for (const auto &kv : c->attrs)
            if (kv.first == n)
                return &kv.second;
    return nullptr;
}

bool ClassObject::isSubclassOf(const ClassObject *other) const
{
    for (const ClassObject *c = this; c; c = c->base.get())
        if (c == other)
            return true;
    return false;
}

const ClassObject *classOf(const Value &v)
{
    return objectAs<ClassObject>(v);
}

bool isInstanceOfClass(const Value &v, const ClassObject *cls)
{
    const auto *inst = objectAs<InstanceObject>(v);
    return inst && inst->cls->isSubclassOf(cls);
}

bool fileObjectLines(const Value &v, std::vector<Value> &lines)
{
    const auto *inst = objectAs<InstanceObject>(v);
    if (!inst || inst->cls != fileClass())
        return false;
    const std::string &text = inst->payload;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t nl = text.find('\n', start);
        const std::size_t end = nl == std::string::npos ? text.size() : nl + 1;
        lines.push_back(Value::string(text.substr(start, end - start)));
        start = end;
    }
    return true;
}

void freezeUserObjects(const Value &v)
{
    std::vector<const Object *> seen;
    freezeWalk(v, seen, 0);
}

std::string exceptionTypeOf(const EvalError &e)
{
    if (!e.excType.empty())
        return e.excType;
    const std::string &m = e.message;
    auto has = [&](const char *s) { return m.find(s) != std::string::npos; };
    auto starts = [&](const char *s) { return m.rfind(s, 0) == 0; };
    if (has("step limit exceeded") || has("evaluation cancelled") || has("maximum recursion depth")
        || has("nested too deeply") || has("memory limit") || starts("string too long") || starts("collection too large")
        || has("out of memory"))
        return {};
    if (starts("name '") && has("is not defined"))
        return "NameError";
    if (has("not found in dict") || starts("KeyError"))
        return "KeyError";
    if (has("index out of range"))
        return "IndexError";
    if (has("has no attribute"))
        return "AttributeError";
    if (has("division by zero") || has("modulo by zero") || starts("float modulo"))
        return "ZeroDivisionError";
    if (has("integer overflow"))
        return "OverflowError";
    if (starts("AssertionError"))
        return "AssertionError";
    if (has("invalid literal") || has("could not convert") || has("values to unpack") || has("not in list")
        || has("substring not found") || has("empty separator") || has("is not supported"))
        return "ValueError";
    if (has("unsupported operand") || has("not supported between") || has("object is not") || has("argument")
        || has("unhashable") || has("can only concatenate") || has("indices must be") || has("must be"))
        return "TypeError";
    return "Exception";
}

bool exceptionMatches(std::string_view type, const std::vector<std::string> &ancestors, std::string_view wanted)
{
    if (type.empty())
        return false;
    if (wanted == "BaseException" || wanted == "Exception")
        return true;
    auto chainHas = [&](std::string_view t) {
        std::string_view cur = t;
        while (!cur.empty()) {
            if (cur == wanted)
                return true;
            const char *parent = builtinExceptionParent(cur);
            cur = parent ? std::string_view(parent) : std::string_view();
        }
        return false;
    };
    if (chainHas(type))
        return true;
    for (const std::string &a : ancestors)
        if (chainHas(a))
            return true;
    return false;
}

Value Interpreter::exceptionValue(const EvalError &e)
{
    if (e.excValue.type() == Type::Exception)
        return e.excValue;
    auto ex = std::make_shared<ExceptionObject>();
    ex->typeName = exceptionTypeOf(e);
    ex->message = e.message;
    return Value::object(Type::Exception, std::move(ex));
}

void Interpreter::raiseValue(Value v, Pos pos)
{
    if (v.type() == Type::ExceptionType) {
        CallArgs none;
        none.callPos = pos;
        v = call(v, none);
    }
    if (v.type() != Type::Exception)
        fail(pos, "exceptions must derive from BaseException");
    const auto *ex = v.as<ExceptionObject>();
    EvalError e;
    e.module = m_frame.module;
    e.pos = pos;
    e.message = ex->message.empty() ? ex->typeName : ex->typeName + ": " + ex->message;
    e.callSites = m_callSites;
    e.excType = ex->typeName;
    if (const auto *u = dynamic_cast<const UserExceptionObject *>(ex))
        e.excAncestors = u->ancestors;
    e.excValue = v;
    throw e;
}

Flow Interpreter::execTry(const TryStmt *t)
{
    if (t->star)
        fail(t->pos, "'except*' is not supported");
    const Frame savedFrame = m_frame;
    const int savedDepth = m_callDepth;
    const std::size_t savedSites = m_callSites.size();
    auto restore = [&] {
        m_frame = savedFrame;
        m_callDepth = savedDepth;
        m_callSites.resize(savedSites);
    };
    // Does handler type expression `x` match error `e`?
    std::function<bool(const Expr *, const EvalError &)> matches = [&](const Expr *x, const EvalError &e) -> bool {
        if (x->kind == NodeKind::Tuple) {
            for (const Expr *i : static_cast<const SequenceExpr *>(x)->items)
                if (matches(i, e))
                    return true;
            return false;
        }
        const Value v = eval(x);
        std::vector<Value> types = v.type() == Type::Tuple ? v.as<ListObject>()->items : std::vector<Value>{v};
        for (const Value &tv : types) {
            if (tv.type() != Type::ExceptionType)
                fail(x->pos, "catching classes that do not inherit from BaseException is not allowed");
            if (exceptionMatches(exceptionTypeOf(e), e.excAncestors, tv.as<ExceptionObject>()->typeName))
                return true;
        }
        return false;
    };
    Flow result = Flow::Normal;
    std::optional<EvalError> pending;
    bool raised = false;
    try {
        result = exec(t->body);
    } catch (EvalError &e) {
        raised = true;
        restore();
        if (exceptionTypeOf(e).empty())
            throw;
        const TryStmt::Handler *match = nullptr;
        for (const auto &h : t->handlers)
            if (!h.type || matches(h.type, e)) {
                match = &h;
                break;
            }
        if (!match) {
            if (t->finally.empty())
                throw;
            pending = std::move(e);
        } else {
            m_handling.push_back(e);
            bool failed = false;
            try {
                if (!match->name.empty())
                    setName(match->name, exceptionValue(e));
                result = exec(match->body);
            } catch (EvalError &inner) {
                failed = true;
                m_handling.pop_back();
                restore();
                if (t->finally.empty() || exceptionTypeOf(inner).empty())
                    throw;
                pending = std::move(inner);
            }
            if (!failed)
                m_handling.pop_back();
        }
    }
    if (!raised && result == Flow::Normal && !t->orelse.empty()) {
        try {
            result = exec(t->orelse);
        } catch (EvalError &e) {
            restore();
            if (t->finally.empty() || exceptionTypeOf(e).empty())
                throw;
            pending = std::move(e);
        }
    }
    if (!t->finally.empty()) {
        const Value savedReturn = m_returnValue;
        const Flow f = exec(t->finally);
        if (f != Flow::Normal)
            return f; // return/break/continue in `finally` discards the exception
        m_returnValue = savedReturn;
        if (pending)
            throw *pending;
    }
    return result;
}

Flow Interpreter::execWith(const WithStmt *w)
{
    std::function<Flow(std::size_t)> run = [&](std::size_t i) -> Flow {
        if (i == w->items.size())
            return exec(w->body);
        const WithStmt::Item &item = w->items[i];
        const Pos pos = item.context->pos;
        const Value ctx = eval(item.context);
        Value enter, exit;
        if (!getObjectAttribute(ctx, "__enter__", enter, pos) || !getObjectAttribute(ctx, "__exit__", exit, pos))
            fail(pos, std::string("'") + typeName(ctx) + "' object does not support the context manager protocol");
        CallArgs none;
        none.callPos = pos;
        none.name = "__enter__";
        const Value entered = call(enter, none);
        if (item.target)
            assign(item.target, entered);
        const Frame savedFrame = m_frame;
        const int savedDepth = m_callDepth;
        const std::size_t savedSites = m_callSites.size();
        Flow f = Flow::Normal;
        try {
            f = run(i + 1);
        } catch (EvalError &e) {
            m_frame = savedFrame;
            m_callDepth = savedDepth;
            m_callSites.resize(savedSites);
            if (exceptionTypeOf(e).empty())
                throw;
            CallArgs a;
            a.callPos = pos;
            a.name = "__exit__";
            const Value ev = exceptionValue(e);
            a.positional = {Value::none(), ev, Value::none()};
            a.positionalPos = {pos, pos, pos};
            if (truthy(call(exit, a)))
                return Flow::Normal;
            throw;
        }
        CallArgs a;
        a.callPos = pos;
        a.name = "__exit__";
        a.positional = {Value::none(), Value::none(), Value::none()};
        a.positionalPos = {pos, pos, pos};
        call(exit, a);
        return f;
    };
    return run(0);
}

Value Interpreter::applyDecorators(const std::vector<const Expr *> &decorators, Value v)
{
    for (auto it = decorators.rbegin(); it != decorators.rend(); ++it) {
        const Expr *d = *it;
        if (d->kind == NodeKind::Name) {
            const std::string_view n = static_cast<const NameExpr *>(d)->name;
            using K = MethodWrapperObject::Kind;
            if (n == "staticmethod" || n == "classmethod" || n == "property") {
                const K k = n == "staticmethod" ? K::Static : n == "classmethod" ? K::Class : K::Property;
                v = Value::object(Type::Typing, std::make_shared<MethodWrapperObject>(k, v));
                continue;
            }
        }
        const Value fn = eval(d);
        CallArgs args;
        args.callPos = d->pos;
        args.positional.push_back(v);
        args.positionalPos.push_back(d->pos);
        v = call(fn, args);
    }
    return v;
}

void Interpreter::execClass(const ClassStmt *c)
{
    std::shared_ptr<ClassObject> base;
    const ExceptionObject *excBase = nullptr;
    for (const Argument &a : c->bases) {
        if (a.kind != Argument::Kind::Positional)
            fail(a.pos, "class keywords and '*' bases (metaclass=...) are not supported");
        if (a.value->kind == NodeKind::Name && static_cast<const NameExpr *>(a.value)->name == "object")
            continue;
        const Value b = eval(a.value);
        if (auto *cls = objectAs<ClassObject>(b)) {
            if (base || excBase)
                fail(a.pos, "multiple inheritance is not supported");
            base = std::static_pointer_cast<ClassObject>(b.shared());
            (void)cls;
        } else if (b.type() == Type::ExceptionType) {
            if (base || excBase)
                fail(a.pos, "multiple inheritance is not supported");
            excBase = b.as<ExceptionObject>();
        } else if (b.type() == Type::Typing && !objectAs<InstanceObject>(b)) {
            continue; // typing bases (Generic[T], Protocol, ...) add nothing
        } else {
            fail(a.pos, std::string("cannot inherit from a value of type '") + typeName(b) + "'");
        }
    }
    auto scope = std::make_shared<Scope>();
    Frame saved = m_frame;
    scope->parent = m_frame.scope;
    m_frame.scope = scope;
    m_frame.globalNames.clear();
    m_frame.nonlocalNames.clear();
    {
        ScopeMark mark(m_classScopes, scope.get());
        exec(c->body);
    }
    m_frame = std::move(saved);
    Value result;
    if (excBase) {
        auto e = std::make_shared<UserExceptionObject>();
        e->typeName = std::string(c->name);
        e->ancestors.push_back(excBase->typeName);
        if (const auto *u = dynamic_cast<const UserExceptionObject *>(excBase))
            e->ancestors.insert(e->ancestors.end(), u->ancestors.begin(), u->ancestors.end());
        result = Value::object(Type::ExceptionType, std::move(e));
    } else {
        auto cls = std::make_shared<ClassObject>(std::string(c->name));
        cls->base = base;
        for (auto &kv : scope->vars)
            cls->attrs.emplace_back(std::string(kv.first), kv.second);
        result = Value::object(Type::Typing, std::move(cls));
    }
    scope->vars.clear();
    setName(c->name, applyDecorators(c->decorators, result));
}

Value Interpreter::callClass(const std::shared_ptr<ClassObject> &cls, CallArgs &args)
{
    auto inst = std::make_shared<InstanceObject>(cls);
    const Value self = Value::object(Type::Typing, inst);
    if (const Value *init = cls->lookup("__init__")) {
        CallArgs a = args;
        a.positional.insert(a.positional.begin(), self);
        a.positionalPos.insert(a.positionalPos.begin(), args.callPos);
        const Value r = call(*init, a);
        if (!r.isNone())
            fail(args.callPos, "__init__() should return None, not '" + std::string(typeName(r)) + "'");
    } else if (!args.positional.empty() || !args.keywords.empty()) {
        fail(args.callPos, cls->name + "() takes no arguments");
    }
    return self;
}

bool Interpreter::getObjectAttribute(const Value &obj, std::string_view name, Value &out, Pos pos)
{
    auto bind = [&](const Value &member, const Value &self, const std::shared_ptr<ClassObject> &cls) -> Value {
        if (auto *w = objectAs<MethodWrapperObject>(member)) {
            switch (w->kind) {
            case MethodWrapperObject::Kind::Static: return w->function;
            case MethodWrapperObject::Kind::Class: {
                auto b = std::make_shared<BoundMethodObject>();
                b->self = Value::object(Type::Typing, cls);
                b->function = w->function;
                return Value::object(Type::Typing, std::move(b));
            }
            case MethodWrapperObject::Kind::Property: {
                if (self.isNone())
                    return member;
                CallArgs a;
                a.callPos = pos;
                a.positional.push_back(self);
                a.positionalPos.push_back(pos);
                return call(w->function, a);
            }
            }
        }
        if (!self.isNone() && (member.type() == Type::Function || member.type() == Type::Builtin)) {
            auto b = std::make_shared<BoundMethodObject>();
            b->self = self;
            b->function = member;
            return Value::object(Type::Typing, std::move(b));
        }
        return member;
    };
    if (auto *inst = objectAs<InstanceObject>(obj)) {
        for (const auto &kv : inst->attrs)
            if (kv.first == name) {
                out = kv.second;
                return true;
            }
        if (name == "__class__") {
            out = Value::object(Type::Typing, inst->cls);
            return true;
        }
        if (const Value *m = inst->cls->lookup(name)) {
            out = bind(*m, obj, inst->cls);
            return true;
        }
        return false;
    }
    if (auto *cls = objectAs<ClassObject>(obj)) {
        if (name == "__name__") {
            out = Value::string(cls->name);
            return true;
        }
        if (const Value *m = cls->lookup(name)) {
            out = bind(*m, Value::none(), std::static_pointer_cast<ClassObject>(obj.shared()));
            return true;
        }
        return false;
    }
    if (auto *sup = objectAs<BoundMethodObject>(obj); sup && sup->function.isNone() && sup->lookupFrom) {
        const ClassObject *from = sup->lookupFrom->base.get();
        if (const Value *m = from ? from->lookup(name) : nullptr) {
            auto *inst = objectAs<InstanceObject>(sup->self);
            out = bind(*m, sup->self, inst ? inst->cls : sup->lookupFrom);
            return true;
        }
        return false;
    }
    return getAttribute(obj, name, out);
}

void Interpreter::setObjectAttribute(const Value &obj, std::string_view name, const Value &v, Pos pos)
{
    std::vector<std::pair<std::string, Value>> *attrs = nullptr;
    bool frozen = false;
    if (auto *inst = objectAs<InstanceObject>(obj)) {
        attrs = &inst->attrs;
        frozen = inst->frozen || inst->cls == fileClass();
    } else if (auto *cls = objectAs<ClassObject>(obj)) {
        attrs = &cls->attrs;
        frozen = cls->frozen;
    }
    if (!attrs)
        fail(pos, std::string("cannot set attribute '") + std::string(name) + "' of '" + typeName(obj) + "' value");
    if (frozen)
        fail(pos, "cannot set attribute '" + std::string(name) + "' of a frozen object (defined by the prelude)");
    for (auto &kv : *attrs)
        if (kv.first == name) {
            kv.second = v;
            return;
        }
    attrs->emplace_back(std::string(name), v);
}

Value Interpreter::evalSuper(Pos pos)
{
    const FuncDef *def = m_frame.function;
    const Scope *scope = m_frame.scope.get();
    if (!def || !scope || scope->vars.empty())
        fail(pos, "super(): no arguments");
    const Value self = scope->vars.front().second;
    auto *inst = objectAs<InstanceObject>(self);
    std::shared_ptr<ClassObject> cls = inst ? inst->cls : nullptr;
    if (!cls && objectAs<ClassObject>(self))
        cls = std::static_pointer_cast<ClassObject>(self.shared());
    for (; cls; cls = cls->base) {
        bool found = false;
        for (const auto &kv : cls->attrs) {
            const Value *fv = &kv.second;
            if (auto *w = objectAs<MethodWrapperObject>(*fv))
                fv = &w->function;
            if (fv->type() == Type::Function && fv->as<FunctionObject>()->def == def)
                found = true;
        }
        if (found)
            break;
    }
    if (!cls)
        fail(pos, "super(): __class__ cell not found");
    auto b = std::make_shared<BoundMethodObject>();
    b->self = self;
    b->lookupFrom = cls;
    return Value::object(Type::Typing, std::move(b));
}

Value Interpreter::openFile(CallArgs &args)
{
    if (args.positional.empty())
        fail(args.callPos, "open() missing required argument 'file' (pos 1)");
    if (args.positional[0].type() != Type::Str)
        fail(args.callPos, std::string("open(): path must be a string, not ") + typeName(args.positional[0]));
    std::string mode = "r";
    if (args.positional.size() > 1) {
        if (args.positional[1].type() != Type::Str)
            fail(args.callPos, "open(): mode must be a string");
        mode = args.positional[1].str();
    }
    for (const auto &[k, v] : args.keywords) {
        if (k == "mode" && v.type() == Type::Str)
            mode = v.str();
        else if (k != "encoding" && k != "errors" && k != "newline")
            fail(args.callPos, "open() got an unexpected keyword argument '" + k + "'");
    }
    if (mode.find_first_of("wax+") != std::string::npos)
        fail(args.callPos, "open(): files can only be read in BUILD files and preludes (mode '" + mode + "')");
    if (mode.find('b') != std::string::npos)
        fail(args.callPos, "open(): binary mode is not supported (bytes are not a BUILD-language type)");
    const FileReader &reader = m_prelude.dialect->fileReader();
    if (!reader)
        fail(args.callPos, "open() is not available here (no build root to read files from)");
    const std::string &path = args.positional[0].str();
    base::Result<std::string> r = reader(path);
    if (!r.ok()) {
        EvalError e;
        e.module = m_frame.module;
        e.pos = args.callPos;
        e.message = r.diagnostics().empty() ? "cannot open '" + path + "'" : r.diagnostics().front().message;
        e.callSites = m_callSites;
        e.excType = e.message.find("No such file") != std::string::npos ? "FileNotFoundError" : "OSError";
        throw e;
    }
    auto inst = std::make_shared<InstanceObject>(fileClass());
    checkString(r.value().size(), args.callPos);
    inst->payload = std::move(r.value());
    return Value::object(Type::Typing, std::move(inst));
}

bool Interpreter::isShadowScope(const Scope *s) const
{
    return std::find(m_classScopes.begin(), m_classScopes.end(), s) != m_classScopes.end();
}

void Interpreter::execDel(const Expr *target)
{
    switch (target->kind) {
    case NodeKind::Name: {
        const auto *n = static_cast<const NameExpr *>(target);
        if (Scope *sc = m_frame.scope.get(); sc && !contains(m_frame.globalNames, n->name)) {
            for (auto it = sc->vars.begin(); it != sc->vars.end(); ++it)
                if (it->first == n->name) {
                    sc->vars.erase(it);
                    return;
                }
            fail(n->pos, "local variable '" + std::string(n->name) + "' referenced before assignment");
        }
        if (m_frame.prelude && !m_loadingPrelude)
            fail(n->pos, "cannot delete the prelude's global '" + std::string(n->name) + "' from a BUILD file");
        if (m_frame.globals->erase(n->name) == 0)
            fail(n->pos, "name '" + std::string(n->name) + "' is not defined");
        return;
    }
    case NodeKind::Index: {
        const auto *ix = static_cast<const IndexExpr *>(target);
        const Value obj = eval(ix->object);
        const Value key = eval(ix->index);
        const Pos pos = ix->index->pos;
        if (obj.type() == Type::List) {
            checkMutable(obj, pos);
            if (!isIntLike(key))
                fail(pos, std::string("list indices must be integers or slices, not ") + typeName(key));
            auto &items = obj.as<ListObject>()->items;
            std::int64_t i = intOf(key);
            if (i < 0)
                i += std::int64_t(items.size());
            if (i < 0 || i >= std::int64_t(items.size()))
                fail(pos, "list assignment index out of range");
            items.erase(items.begin() + std::ptrdiff_t(i));
            return;
        }
        if (obj.type() == Type::Dict) {
            checkMutable(obj, pos);
            requireHashable(key, pos);
            auto *d = obj.as<DictObject>();
            const std::ptrdiff_t p = d->find(key);
            if (p < 0)
                fail(pos, "key " + repr(key) + " not found in dict");
            d->erase(std::size_t(p));
            return;
        }
        fail(pos, std::string("'") + typeName(obj) + "' object does not support item deletion");
    }
    case NodeKind::Attr: {
        const auto *a = static_cast<const AttrExpr *>(target);
        const Value obj = eval(a->object);
        auto *inst = objectAs<InstanceObject>(obj);
        if (!inst)
            fail(a->namePos, std::string("cannot delete attribute '") + std::string(a->name) + "' of '" + typeName(obj) + "' value");
        if (inst->frozen)
            fail(a->namePos, "cannot delete attribute '" + std::string(a->name) + "' of a frozen object (defined by the prelude)");
        for (auto it = inst->attrs.begin(); it != inst->attrs.end(); ++it)
            if (it->first == a->name) {
                inst->attrs.erase(it);
                return;
            }
        fail(a->namePos, "'" + inst->cls->name + "' object has no attribute '" + std::string(a->name) + "'");
    }
    case NodeKind::Tuple: case NodeKind::List:
        for (const Expr *i : static_cast<const SequenceExpr *>(target)->items)
            execDel(i);
        return;
    default:
        fail(target->pos, "deleting slices is not supported");
    }
}

} // namespace trellis::buildlang
