#include "app/cli/graphgoals.h"

#include "core/base/jsontext.h"

#include "core/graph/components.h"
#include "core/graph/graphexport.h"
#include "core/graph/linecounter.h"
#include "core/graph/targetgraph.h"
#include "core/graph/traversal.h"
#include "core/workspace/specs.h"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <iterator>

namespace trellis::cli {

namespace {

using graph::NodeId;
using graph::TargetGraph;

const GoalOption kOutputFile{"--output-file", "`--output-file=PATH`: write the output to PATH instead of stdout."};
const GoalOption kSep{"--sep", "`--sep=STR`: separator after each output line (default \\n; escapes are decoded)."};

/// Buffers a goal's stdout so that `--output-file` can redirect it in one place.
class Output {
public:
    explicit Output(GoalContext &context)
        : m_context(context)
        , m_sep(decodeSeparator(context.option("--sep", "\\n")))
    {
    }

    std::string &text() { return m_text; }
    /// Appends one item of line-oriented output followed by the separator. With a
    /// newline separator a name with a control character or invalid UTF-8 is quoted and
    /// escaped (base::lineSafeName) so that one item stays one line; other separators
    /// (`--sep='\\0'`) get the bytes as they are.
    void line(std::string_view item)
    {
        if (m_sep.find('\n') != std::string::npos && !base::isLineSafe(item)) {
            m_text += base::lineSafeName(item);
            ++m_escaped;
        } else {
            m_text += item;
        }
        m_text += m_sep;
    }
    /// Writes the buffer to --output-file or stdout; false (error printed) on failure.
    /// Writes what is buffered so far (stdout, or --output-file opened on first use) and
    /// empties the buffer, so that long output streams.
    void drain()
    {
        const std::string path = m_context.option("--output-file");
        if (path.empty()) {
            m_context.out << m_text;
        } else {
            if (!m_file.is_open())
                m_file.open(path, std::ios::binary | std::ios::trunc);
            m_file << m_text;
        }
        m_text.clear();
    }
    bool flush()
    {
        if (m_escaped > 0)
            m_context.err << "warning: " << m_escaped << (m_escaped == 1 ? " name has" : " names have")
                          << " control characters or invalid UTF-8; printed double-quoted with escapes\n";
        m_escaped = 0;
        const std::string path = m_context.option("--output-file");
        drain();
        if (path.empty()) {
            m_context.out.flush();
            return true;
        }
        m_file.close();
        if (!m_file) {
            m_context.err << "error: could not write " << path << '\n';
            return false;
        }
        return true;
    }
    int finish() { return flush() ? kExitOk : kExitFailure; }

private:
    GoalContext &m_context;
    std::string m_sep;
    std::string m_text;
    std::ofstream m_file;
    int m_escaped = 0;
};

/// Checks `--format` against `allowed`; prints a usage error when it is not one of them.
bool checkFormat(GoalContext &c, const std::string &format, std::initializer_list<std::string_view> allowed)
{
    if (std::find(allowed.begin(), allowed.end(), format) != allowed.end())
        return true;
    c.err << "error: invalid value for --format: " << format << " (choose from";
    for (std::string_view a : allowed)
        c.err << ' ' << a;
    c.err << ")\n";
    return false;
}

std::vector<std::string> renderSortedAsStrings(const TargetGraph &g, const std::vector<NodeId> &nodes)
{
    std::vector<std::string> out;
    out.reserve(nodes.size());
    for (NodeId n : nodes)
        out.push_back(g.address(n).toString());
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

/// Python's json.dumps({root: [strings]}, indent=4) for the per-root output of §6.2/§6.3.
std::string perRootJson(const std::vector<std::pair<std::string, std::vector<std::string>>> &entries)
{
    if (entries.empty())
        return "{}\n";
    std::string out = "{\n";
    for (size_t i = 0; i < entries.size(); ++i) {
        out += "    " + graph::jsonQuote(entries[i].first) + ": ";
        const std::vector<std::string> &items = entries[i].second;
        if (items.empty()) {
            out += "[]";
        } else {
            out += "[\n";
            for (size_t j = 0; j < items.size(); ++j)
                out += "        " + graph::jsonQuote(items[j]) + (j + 1 < items.size() ? ",\n" : "\n");
            out += "    ]";
        }
        out += i + 1 < entries.size() ? ",\n" : "\n";
    }
    out += "}\n";
    return out;
}

/// Prints the first cycle that Pants would reject among `walked` nodes; true if any.
bool reportRejectedCycle(GoalContext &c, const TargetGraph &g, const std::vector<char> &walked)
{
    for (const graph::Cycle &cycle : graph::findCycles(g)) {
        if (cycle.allowed)
            continue;
        const bool touched = std::any_of(cycle.path.begin(), cycle.path.end(), [&](NodeId n) { return walked[n]; });
        if (touched) {
            c.err << "error: " << graph::formatCycle(g, cycle) << '\n';
            return true;
        }
    }
    return false;
}

/// Loads graph and selection; returns false (errors printed) when either fails.
bool prepare(GoalContext &c, std::shared_ptr<const TargetGraph> &g, std::vector<NodeId> &roots)
{
    g = c.graph();
    if (!g)
        return false;
    std::optional<std::vector<int>> selected = c.selectedTargets();
    if (!selected)
        return false;
    roots = std::move(*selected);
    return true;
}

int runDependencies(GoalContext &c)
{
    const std::string format = c.option("--format", "text");
    if (!checkFormat(c, format, {"text", "json"}))
        return kExitUsage;
    std::shared_ptr<const TargetGraph> g;
    std::vector<NodeId> roots;
    if (!prepare(c, g, roots))
        return kExitFailure;
    const bool transitive = c.flag("--transitive");
    const bool closed = c.flag("--closed");
    const auto compute = [&](std::span<const NodeId> from) {
        std::vector<NodeId> nodes =
            transitive ? graph::transitiveDependencies(*g, from) : graph::directDependencies(*g, from);
        if (closed)
            nodes.insert(nodes.end(), from.begin(), from.end());
        return nodes;
    };

    if (transitive) {
        std::vector<char> walked(g->nodeCount(), 0);
        for (NodeId n : graph::transitiveDependencies(*g, roots))
            walked[n] = 1;
        for (NodeId r : roots) {
            for (NodeId x : g->expansionOf(r))
                walked[x] = 1;
        }
        if (reportRejectedCycle(c, *g, walked))
            return kExitFailure;
    }

    Output out(c);
    if (format == "json") {
        std::vector<std::pair<std::string, std::vector<std::string>>> entries;
        for (NodeId r : roots)
            entries.emplace_back(g->address(r).toString(), renderSortedAsStrings(*g, compute(std::span(&r, 1))));
        out.text() = perRootJson(entries);
    } else {
        for (const std::string &a : renderSortedAsStrings(*g, compute(roots)))
            out.line(a);
    }
    return out.finish();
}

int runDependents(GoalContext &c)
{
    const std::string format = c.option("--format", "text");
    if (!checkFormat(c, format, {"text", "json"}))
        return kExitUsage;
    std::shared_ptr<const TargetGraph> g;
    std::vector<NodeId> roots;
    if (!prepare(c, g, roots))
        return kExitFailure;
    const graph::DependentsOptions options{c.flag("--transitive"), c.flag("--closed")};

    Output out(c);
    if (format == "json") {
        std::vector<std::pair<std::string, std::vector<std::string>>> entries;
        for (NodeId r : roots) {
            entries.emplace_back(g->address(r).toString(),
                                 renderSortedAsStrings(*g, graph::dependentsOf(*g, std::span(&r, 1), options)));
        }
        out.text() = perRootJson(entries);
    } else {
        // Node order is Address order.
        for (NodeId n : graph::dependentsOf(*g, roots, options))
            out.line(g->address(n).toString());
    }
    return out.finish();
}

/// The buildroot-relative current directory ("" at the root or outside it).
std::string currentDirIn(const std::string &buildRoot)
{
    std::error_code ec;
    const std::filesystem::path cwd = std::filesystem::current_path(ec);
    if (ec)
        return {};
    const std::filesystem::path rel = cwd.lexically_relative(buildRoot);
    const std::string s = rel.generic_string();
    if (s.empty() || s == "." || s.starts_with(".."))
        return {};
    return s;
}

/// Resolves one `--from`/`--to` spec to expanded targets; nullopt (errors printed) on failure.
std::optional<std::vector<NodeId>> resolveOptionSpec(GoalContext &c, const TargetGraph &g, const std::string &spec)
{
    const workspace::Workspace &ws = *g.workspace();
    auto parsed = workspace::parseSpecs({spec}, currentDirIn(ws.buildRoot()), ws.buildRoot(), *ws.files());
    if (!parsed) {
        for (const base::Diagnostic &d : parsed.diagnostics())
            c.err << d.format() << '\n';
        return std::nullopt;
    }
    auto resolved = workspace::resolveSpecs(ws, *parsed, "error");
    if (!resolved) {
        for (const base::Diagnostic &d : resolved.diagnostics())
            c.err << d.format() << '\n';
        return std::nullopt;
    }
    std::vector<NodeId> out;
    for (int n : *resolved) {
        for (NodeId x : g.expansionOf(n))
            out.push_back(x);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

int runPaths(GoalContext &c)
{
    const std::string from = c.option("--from");
    const std::string to = c.option("--to");
    if (from.empty()) {
        c.err << "error: Must set --from\n";
        return kExitUsage;
    }
    if (to.empty()) {
        c.err << "error: Must set --to\n";
        return kExitUsage;
    }
    const std::shared_ptr<const TargetGraph> g = c.graph();
    if (!g)
        return kExitFailure;
    const std::optional<std::vector<NodeId>> sources = resolveOptionSpec(c, *g, from);
    if (!sources)
        return kExitFailure;
    const std::optional<std::vector<NodeId>> destinations = resolveOptionSpec(c, *g, to);
    if (!destinations)
        return kExitFailure;

    std::vector<char> walked(g->nodeCount(), 0);
    for (NodeId n : graph::transitiveDependencies(*g, *sources))
        walked[n] = 1;
    for (NodeId n : *sources)
        walked[n] = 1;
    if (reportRejectedCycle(c, *g, walked))
        return kExitFailure;

    // Paths are streamed as found (Pants prints json.dumps(paths, indent=2) of all of
    // them); at most --limit are printed, then the rest are only counted, within a work
    // budget, and the count goes to stderr.
    const std::string limitText = c.option("--limit", "100");
    std::int64_t limit = 0;
    {
        const auto [ptr, ec] = std::from_chars(limitText.data(), limitText.data() + limitText.size(), limit);
        if (ec != std::errc() || ptr != limitText.data() + limitText.size() || limit < 0) {
            c.err << "error: --limit must be a number >= 0 (0 = no limit), not '" << limitText << "'\n";
            return kExitUsage;
        }
    }
    constexpr std::int64_t kCountBudget = 20'000'000; // queue entries spent on counting
    std::int64_t printed = 0, leftOut = 0, budget = kCountBudget;
    bool countIncomplete = false;
    Output out(c);
    std::string &text = out.text();
    text = "[";
    for (NodeId s : *sources) {
        for (NodeId d : *destinations) {
            const bool counting = limit > 0 && printed >= limit;
            const graph::PathWalk walk = graph::walkPaths(
                *g, s, d, {}, [&](const graph::FoundPath &p) {
                    if (limit > 0 && printed >= limit) {
                        ++leftOut;
                        return true;
                    }
                    const std::vector<NodeId> nodes = p.nodes();
                    text += printed++ ? ",\n  [\n" : "\n  [\n";
                    for (size_t j = 0; j < nodes.size(); ++j) {
                        text += "    " + graph::jsonQuote(g->address(nodes[j]).toString());
                        text += j + 1 < nodes.size() ? ",\n" : "\n";
                    }
                    text += "  ]";
                    if (text.size() > (1u << 16))
                        out.drain();
                    return true;
                },
                counting ? &budget : nullptr);
            if (walk.outOfWork) {
                countIncomplete = true;
                break;
            }
        }
        if (countIncomplete)
            break;
    }
    text += printed ? "\n]\n" : "]\n";
    if (leftOut > 0 || countIncomplete)
        c.err << (countIncomplete ? "More than " : "") << leftOut << " more path(s) not shown (--limit=" << limit
              << "; --limit=0 prints them all)\n";
    return out.finish();
}

int runRoots(GoalContext &c)
{
    const std::shared_ptr<const workspace::Workspace> ws = c.workspace();
    if (!ws)
        return kExitFailure;
    Output out(c);
    for (const std::string &root : ws->sourceRoots().allRoots())
        out.line(root);
    return out.finish();
}

/// Targets the goal acts on: the selection, or every target when no spec was given.
std::optional<std::vector<int>> selectionOrAll(GoalContext &c, const workspace::Workspace &ws)
{
    if (!c.specs.empty())
        return c.selectedTargets();
    std::vector<int> all(ws.targets().size());
    for (size_t i = 0; i < all.size(); ++i)
        all[i] = static_cast<int>(i);
    return all;
}

int runCountLoc(GoalContext &c)
{
    const std::shared_ptr<const workspace::Workspace> ws = c.workspace();
    if (!ws)
        return kExitFailure;
    const std::optional<std::vector<int>> selected = selectionOrAll(c, *ws);
    if (!selected)
        return kExitFailure;
    std::vector<std::string> files;
    for (int i : *selected) {
        const workspace::Target &t = ws->targets()[i];
        files.insert(files.end(), t.sources.begin(), t.sources.end());
    }
    std::sort(files.begin(), files.end());
    files.erase(std::unique(files.begin(), files.end()), files.end());

    graph::LineCounter counter;
    for (const std::string &file : files) {
        if (graph::languageOf(file).empty())
            continue;
        std::ifstream in(std::filesystem::path(ws->buildRoot()) / file, std::ios::binary);
        if (!in) {
            c.err << "warning: could not read " << file << '\n';
            continue;
        }
        const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        counter.addFile(file, text);
    }
    Output out(c);
    out.text() = graph::formatLocTable(counter.summary());
    return out.finish();
}

/// Parses a non-negative integer option; false (error printed) when it is not one.
bool intOption(GoalContext &c, const std::string &name, int fallback, int &value)
{
    const std::string text = c.option(name);
    value = fallback;
    if (text.empty())
        return true;
    const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec != std::errc() || ptr != text.data() + text.size() || value < 0) {
        c.err << "error: " << name << " must be a number >= 0, not '" << text << "'\n";
        return false;
    }
    return true;
}

/// `trellis graph --group-by=...`: the component view the GUI draws (core/graph/components.h).
int runComponentGraph(GoalContext &c, const std::string &format)
{
    graph::ViewRequest request;
    const std::string groupBy = c.option("--group-by");
    const std::optional<graph::GroupBy> g = graph::parseGroupBy(groupBy, &request.depth);
    if (!g) {
        c.err << "error: invalid value for --group-by: " << groupBy
              << " (choose from package[:DEPTH] distribution target file)\n";
        return kExitUsage;
    }
    request.groupBy = *g;
    if (!intOption(c, "--depth", 1, request.hops) || !intOption(c, "--budget", 60, request.budget))
        return kExitUsage;
    const std::string direction = c.option("--direction", "both");
    if (direction == "dependencies")
        request.direction = graph::Direction::Dependencies;
    else if (direction == "dependents")
        request.direction = graph::Direction::Dependents;
    else if (direction != "both") {
        c.err << "error: invalid value for --direction: " << direction << " (choose from both dependencies dependents)\n";
        return kExitUsage;
    }
    request.hideTests = c.flag("--hide-tests");
    request.hideRequirements = c.flag("--hide-requirements");
    request.hideResources = c.flag("--hide-resources");
    const auto it = c.goalOptions.find("--open");
    if (it != c.goalOptions.end())
        request.opened = it->second;
    const std::shared_ptr<const TargetGraph> tg = c.graph();
    if (!tg)
        return kExitFailure;
    const std::string focus = c.option("--focus");
    if (!focus.empty()) {
        const std::optional<std::vector<NodeId>> nodes = resolveOptionSpec(c, *tg, focus);
        if (!nodes)
            return kExitFailure;
        if (nodes->empty()) {
            c.err << "error: --focus=" << focus << " matches no target\n";
            return kExitFailure;
        }
        request.focus = *nodes;
    }
    const auto exp = c.goalOptions.find("--expand");
    if (exp != c.goalOptions.end()) {
        for (const std::string &id : exp->second)
            request = graph::expandAggregate(request, id);
    }
    const graph::ComponentIndex index(tg);
    for (const base::Diagnostic &d : index.visibility().diagnostics())
        c.err << d.format() << '\n';
    const graph::ComponentView view = graph::buildView(index, request);
    Output out(c);
    out.text() = format == "json" ? graph::componentViewJson(index, request, view, c.flag("--provenance"))
                                  : graph::componentViewDot(index, view);
    return out.finish();
}

int runGraph(GoalContext &c)
{
    const std::string format = c.option("--format", "json");
    if (!checkFormat(c, format, {"json", "dot"}))
        return kExitUsage;
    if (!c.option("--group-by").empty())
        return runComponentGraph(c, format);
    const std::shared_ptr<const TargetGraph> g = c.graph();
    if (!g)
        return kExitFailure;
    std::vector<NodeId> nodes;
    if (!c.specs.empty()) {
        std::optional<std::vector<int>> selected = c.selectedTargets();
        if (!selected)
            return kExitFailure;
        if (selected->empty()) {
            // An empty selection must not fall back to "everything".
            Output out(c);
            out.text() = format == "json" ? std::string("{\n  \"version\": ") + std::to_string(graph::kGraphJsonVersion)
                                                + ",\n  \"nodes\": [],\n  \"edges\": []\n}\n"
                                          : std::string("digraph \"trellis\" {\n}\n");
            return out.finish();
        }
        nodes = std::move(*selected);
    }
    graph::ExportOptions options;
    options.nodes = nodes;
    options.expanded = c.flag("--expanded");
    Output out(c);
    out.text() = format == "json" ? graph::exportJson(*g, options) : graph::exportDot(*g, options);
    return out.finish();
}

} // namespace

std::string decodeSeparator(std::string_view sep)
{
    std::string out;
    for (size_t i = 0; i < sep.size(); ++i) {
        if (sep[i] != '\\' || i + 1 == sep.size()) {
            out += sep[i];
            continue;
        }
        switch (sep[++i]) {
        case 'n': out += '\n'; break;
        case 't': out += '\t'; break;
        case 'r': out += '\r'; break;
        case '0': out += '\0'; break;
        case '\\': out += '\\'; break;
        default:
            out += '\\';
            out += sep[i];
        }
    }
    return out;
}

void registerGraphGoals(GoalRegistry &registry)
{
    const GoalOption transitive{"--transitive", "Follow dependencies transitively."};
    const GoalOption closed{"--closed", "Include the input targets themselves."};
    const GoalOption format{"--format", "`--format=text|json`: output format (json: {root: [addresses]}, 4-space indent)."};

    registry.add({"dependencies", {}, "List the dependencies of the input targets.",
                  "Usage: trellis dependencies [--transitive] [--closed] [--format=text|json] SPEC...\n"
                  "Generators among the dependencies are replaced by their generated targets; text output is "
                  "sorted as strings.",
                  {transitive, closed, format, kOutputFile, kSep}, runDependencies});
    registry.add({"dependents", {"dependees"}, "List the targets that depend on the input targets.",
                  "Usage: trellis dependents [--transitive] [--closed] [--format=text|json] SPEC...\n"
                  "Uses every target's unexpanded dependencies, so generators appear as dependents; text "
                  "output is in Address order.",
                  {transitive, closed, format, kOutputFile, kSep}, runDependents});
    registry.add({"paths", {}, "List the dependency paths between two sets of targets.",
                  "Usage: trellis paths --from=SPEC --to=SPEC [--limit=N]\n"
                  "Prints a JSON array of paths (arrays of addresses), shortest first, as they are found.\n"
                  "At most --limit paths are printed (default 100; 0 = all, as Pants does); how many more\n"
                  "there are goes to stderr.",
                  {{"--from", "`--from=SPEC`: the targets paths start from (required)."},
                   {"--to", "`--to=SPEC`: the targets paths end at (required)."},
                   {"--limit", "`--limit=N`: print at most N paths (default 100; 0 = no limit)."},
                   kOutputFile},
                  runPaths});
    registry.add({"roots", {}, "List the source roots.",
                  "Usage: trellis roots\nEvery existing source root, sorted; the buildroot is printed as `.`.",
                  {kOutputFile, kSep}, runRoots});
    registry.add({"count-loc", {}, "Count lines of code of the input targets' sources.",
                  "Usage: trellis count-loc [SPEC...]\n"
                  "Counts blank, comment and code lines per language with a built-in counter (no scc "
                  "needed); without specs, every owned file.",
                  {kOutputFile}, runCountLoc});
    registry.add({"graph", {}, "Export the dependency graph as JSON or Graphviz DOT.",
                  "Usage: trellis graph [--format=json|dot] [--expanded] [SPEC...]\n"
                  "       trellis graph --group-by=package[:DEPTH]|distribution|target|file [--focus=SPEC]\n"
                  "         [--depth=N] [--direction=both|dependencies|dependents] [--budget=N] [--open=ID]...\n"
                  "         [--expand=AGGREGATE_ID]... [--hide-tests] [--hide-requirements] [--hide-resources]\n"
                  "         [--provenance] [--format=json|dot]\n"
                  "Without specs the whole graph; with specs the selected targets and the edges among "
                  "them. With --group-by, the component view the GUI draws: components with member counts, "
                  "aggregated edges with import counts and visibility violations, summarized neighbours, "
                  "cycles. The JSON schemas are described in docs/graph-json.md.",
                  {{"--format", "`--format=json|dot`: output format (default json)."},
                   {"--expanded", "Replace generators in dependency lists by their generated targets."},
                   {"--group-by", "`--group-by=package[:DEPTH]|distribution|target|file`: draw components (package depth default 2)."},
                   {"--focus", "`--focus=SPEC`: only the neighbourhood of these targets (with --group-by)."},
                   {"--depth", "`--depth=N`: hops around the focus (default 1)."},
                   {"--direction", "`--direction=both|dependencies|dependents`: which neighbours (default both)."},
                   {"--budget", "`--budget=N`: most nodes before neighbours are summarized (default 60; 0 = no limit)."},
                   {"--open", "`--open=ID`: open a component in place (repeatable)."},
                   {"--expand", "`--expand=ID`: show more of a summarized aggregate (repeatable)."},
                   {"--hide-tests", "Leave out test targets."},
                   {"--hide-requirements", "Leave out third-party requirement targets."},
                   {"--hide-resources", "Leave out resource and file targets."},
                   {"--provenance", "List every underlying edge (import or BUILD line) of each component edge."},
                   kOutputFile},
                  runGraph});
}

} // namespace trellis::cli
