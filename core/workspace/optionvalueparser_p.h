// OptionValueParser: the string forms of option values that Pants accepts from
// environment variables, flags and TOML strings (spec §1.4, §1.5):
//
//   parseListEdits("+['c'],-['a']")   // {Add ["c"]}, {Remove ["a"]}
//   parseListEdits("x")               // {Add ["x"]} (implicit add)
//   parseDictEdit("+{'k': 1}")        // merge {k: 1}
//   parseBool("TRUE")                 // true
//
// The grammar follows src/rust/options/src/parse.rs: quoted items use Python string
// literal syntax ('…' or "…", backslash escapes), tuples are accepted wherever lists are.
#pragma once

#include "core/buildlang/hostvalue.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trellis::workspace {

/// One list edit from one source.
struct ListEdit {
    enum class Action { Replace, Add, Remove };
    Action action = Action::Replace;
    std::vector<std::string> items;
};

/// One dict edit: replace the value, or merge entries into it.
struct DictEdit {
    bool merge = false;
    buildlang::HostDict entries; ///< string keys
};

/// A value or a one-line reason why the text is not one.
template <typename T>
struct Parsed {
    std::optional<T> value;
    std::string error;
    explicit operator bool() const { return value.has_value(); }
};

/// Parsers for Pants' option-value string syntax. All functions are pure and never throw.
class OptionValueParser {
public:
    /// `true`/`false` in any letter case, nothing else.
    static Parsed<bool> parseBool(std::string_view text);
    /// Python integer literal: optional sign, digits, `_` separators.
    static Parsed<std::int64_t> parseInt(std::string_view text);
    /// Python float literal, or an integer coerced to float.
    static Parsed<double> parseFloat(std::string_view text);
    /// A string-list edit string: "" (add ""), implicit add, `[...]` replace, or
    /// comma-separated `+[...]` / `-[...]` groups.
    static Parsed<std::vector<ListEdit>> parseListEdits(std::string_view text);
    /// A Python dict literal, `+{...}` meaning merge.
    static Parsed<DictEdit> parseDictEdit(std::string_view text);

    /// Applies edits in order: replace resets (and drops pending removals), add appends,
    /// removals are collected and applied after everything else.
    static std::vector<std::string> applyListEdits(const std::vector<ListEdit> &edits);
    /// Applies dict edits in order: replace resets, merge overwrites/extends by key.
    static buildlang::HostDict applyDictEdits(const std::vector<DictEdit> &edits);
};

} // namespace trellis::workspace
