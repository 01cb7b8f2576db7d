// A small Jinja2 interpreter: the subset changelog templates use (towncrier's default.md
// and default.rst, and repositories' own templates such as Backend.AI's changes/template.md),
// with Jinja 3.1's exact whitespace rules. The grammar is in jinja-grammar.txt.
//
//   auto t = jinja::Template::parse(text, "changes/template.md", {.trimBlocks = true});
//   if (!t) report(t.diagnostics());          // file:line:col: error: unexpected '}'
//   auto out = t->render({{"sections", sections}, {"versiondata", versiondata}});
//
// Three passes, as Jinja has them: the lexer splits the source into text and tag tokens,
// applying whitespace control (`{%-`, `-%}`, `+%}`, trim_blocks, lstrip_blocks, the
// dropped final newline); the parser builds statements and expressions (jinjaast_p.h);
// the renderer walks them with Python semantics for values (jinjavalue.h). Unsupported
// constructs (includes, inheritance, call blocks) are parse errors that name the tag, never a
// silently different rendering.
#pragma once

#include "core/base/result.h"
#include "core/release/jinjavalue.h"

#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace trellis::release::jinja {

/// Environment settings that change the output (Jinja's defaults: all false).
struct Options {
    bool trimBlocks = false;           ///< drop the first newline after a block or comment tag
    bool lstripBlocks = false;         ///< strip spaces and tabs before a block tag on its line
    bool keepTrailingNewline = false;  ///< false: one trailing newline of the source is dropped
};

namespace detail {
struct Stmt;
}

/// Variables a template is rendered with, in order (names are unique).
using Context = std::vector<std::pair<std::string, Value>>;

/// A parsed template; cheap to copy, immutable, safe to render from several threads.
class Template {
public:
    /// Parses `source`; `fileName` names the template in diagnostics.
    static base::Result<Template> parse(std::string_view source, std::string fileName, Options options = {});

    /// Renders with `context`; errors (an undefined value used, a type error) carry the
    /// template line.
    base::Result<std::string> render(const Context &context) const;

    const std::string &fileName() const { return m_fileName; }

private:
    std::string m_fileName;
    std::shared_ptr<const std::vector<std::unique_ptr<detail::Stmt>>> m_body;
};

} // namespace trellis::release::jinja
