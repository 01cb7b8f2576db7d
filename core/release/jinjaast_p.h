// The syntax tree of a Jinja template (private to jinjaparser.cpp and jinja.cpp). Every
// node carries the line and column (from 1) of its first token.
#pragma once

#include "core/release/jinja.h"

#include <memory>
#include <string>
#include <vector>

namespace trellis::release::jinja::detail {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

/// An expression. `name` holds the variable, attribute, filter or test name, or the
/// operator; `args` the operands in source order.
struct Expr {
    enum class Kind {
        Literal,   ///< value
        Name,      ///< name
        List,      ///< args: items
        Tuple,     ///< args: items
        Dict,      ///< args: key, value, key, value, ...
        Attr,      ///< args[0].name
        Item,      ///< args[0][args[1]]
        Slice,     ///< args[0][args[1]:args[2]:args[3]] (null operands for omitted bounds)
        Call,      ///< args[0](args[1..], kwargs)
        Filter,    ///< args[0]|name(args[1..], kwargs)
        Test,      ///< args[0] is [not] name(args[1..], kwargs)
        Unary,     ///< name in {"-", "+", "not"}
        Binary,    ///< name in {"+", "-", "*", "/", "//", "%", "**", "~", "and", "or"}
        Compare,   ///< name in {"==", "!=", "<", ">", "<=", ">=", "in", "not in"}
        Cond,      ///< args[1] if args[0] else args[2] (args[2] null: undefined)
    };
    Kind kind = Kind::Literal;
    int line = 0;
    int column = 0;
    Value value;
    std::string name;
    bool negated = false;                                  ///< Test: `is not`
    std::vector<ExprPtr> args;
    std::vector<std::pair<std::string, ExprPtr>> kwargs;   ///< Call, Filter, Test
};

struct Stmt;
using Body = std::vector<std::unique_ptr<Stmt>>;

/// A statement: text, `{{ }}` output, or a block tag with its bodies.
struct Stmt {
    enum class Kind {
        Text,      ///< text
        Output,    ///< exprs[0]
        If,        ///< exprs: conditions of if/elif..., bodies: one per condition, elseBody
        For,       ///< targets in exprs[0] (if exprs[1]: filter), bodies[0], elseBody
        Set,       ///< targets = exprs[0]
        SetBlock,  ///< targets[0] = rendered bodies[0]
        Macro,     ///< text = name, targets = parameters, exprs = their defaults (null: none), bodies[0]
    };
    Kind kind = Kind::Text;
    int line = 0;
    int column = 0;
    std::string text;
    std::vector<std::string> targets;
    std::vector<ExprPtr> exprs;
    std::vector<Body> bodies;
    Body elseBody;
};

/// Parses a whole template into statements.
base::Result<Body> parseTemplate(std::string_view source, const std::string &fileName, const Options &options);

} // namespace trellis::release::jinja::detail
