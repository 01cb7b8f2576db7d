// GraphBuilder: hand-built Workspace snapshots and inference results for the graph tests,
// so the graph can be tested without BUILD files or import scanning.
//
//   GraphBuilder b;
//   b.generator("src/b:lib", {"src/b/y.py:lib"});
//   b.target("src/a/x.py:lib").edge("src/a/x.py:lib", "src/b/y.py:lib");
//   std::shared_ptr<const graph::TargetGraph> g = b.build();
#pragma once

#include "core/graph/targetgraph.h"

#include <QTest>

#include <algorithm>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace trellis::graph::testing {

class GraphBuilder {
public:
    /// Adds a non-generator target.
    GraphBuilder &target(const std::string &address, const std::string &type = "python_source")
    {
        Pending p;
        p.address = address;
        p.type = type;
        m_targets.push_back(std::move(p));
        return *this;
    }
    /// Adds a generator, its generated targets (as plain targets of `generatedType`) and
    /// the generator -> generated edges inference would produce.
    GraphBuilder &generator(const std::string &address, const std::vector<std::string> &generated,
                            const std::string &type = "python_sources", const std::string &generatedType = "python_source")
    {
        Pending p;
        p.address = address;
        p.type = type;
        p.isGenerator = true;
        p.generated = generated;
        m_targets.push_back(std::move(p));
        for (const std::string &g : generated) {
            target(g, generatedType);
            edge(address, g, EdgeKind::Generated);
        }
        return *this;
    }
    GraphBuilder &edge(const std::string &from, const std::string &to, EdgeKind kind = EdgeKind::Inferred,
                       std::vector<Evidence> evidence = {}, base::SourceLocation declaredAt = {})
    {
        m_edges.push_back({from, to, kind, std::move(evidence), std::move(declaredAt)});
        return *this;
    }
    /// A `!!to` on `from`.
    GraphBuilder &transitiveExclude(const std::string &from, const std::string &to)
    {
        m_excludes.emplace_back(from, to);
        return *this;
    }
    /// Mutable access to a target before build() (tags, sources, resolve).
    workspace::Target &last() { return m_extra[m_targets.back().address]; }

    std::shared_ptr<const TargetGraph> build()
    {
        auto ws = std::make_shared<workspace::Workspace>();
        std::vector<workspace::Target> targets;
        for (const Pending &p : m_targets) {
            workspace::Target t = m_extra[p.address];
            t.address = parse(p.address);
            t.type = p.type;
            t.isGenerator = p.isGenerator;
            for (const std::string &g : p.generated)
                t.generated.push_back(parse(g));
            std::sort(t.generated.begin(), t.generated.end());
            targets.push_back(std::move(t));
        }
        std::sort(targets.begin(), targets.end(),
                  [](const workspace::Target &a, const workspace::Target &b) { return a.address < b.address; });
        ws->m_targets = workspace::TargetList(std::move(targets));
        ws->buildIndex();

        infer::InferenceResult deps;
        deps.dependencies.resize(ws->m_targets.size());
        deps.transitiveExcludes.resize(ws->m_targets.size());
        for (const PendingEdge &e : m_edges) {
            infer::Dependency d;
            d.target = ws->indexOf(parse(e.to));
            d.kind = e.kind;
            d.evidence = e.evidence;
            d.declaredAt = e.declaredAt;
            deps.dependencies[ws->indexOf(parse(e.from))].push_back(std::move(d));
        }
        for (auto &list : deps.dependencies) {
            std::sort(list.begin(), list.end(),
                      [](const infer::Dependency &a, const infer::Dependency &b) { return a.target < b.target; });
        }
        for (const auto &[from, to] : m_excludes)
            deps.transitiveExcludes[ws->indexOf(parse(from))].push_back(ws->indexOf(parse(to)));
        return std::make_shared<const TargetGraph>(std::move(ws), std::move(deps));
    }

    static workspace::Address parse(const std::string &text)
    {
        base::Result<workspace::Address> a = workspace::Address::parse(text);
        if (!a)
            qFatal("bad test address %s", text.c_str());
        return *a;
    }

private:
    struct Pending {
        std::string address;
        std::string type;
        bool isGenerator = false;
        std::vector<std::string> generated;
    };
    struct PendingEdge {
        std::string from;
        std::string to;
        EdgeKind kind;
        std::vector<Evidence> evidence;
        base::SourceLocation declaredAt;
    };
    std::vector<Pending> m_targets;
    std::vector<PendingEdge> m_edges;
    std::vector<std::pair<std::string, std::string>> m_excludes;
    std::map<std::string, workspace::Target> m_extra;
};

/// Renders nodes, in the order given.
inline QStringList render(const TargetGraph &g, std::span<const NodeId> nodes)
{
    QStringList out;
    for (NodeId n : nodes)
        out << QString::fromStdString(g.address(n).toString());
    return out;
}

/// Node of an address written in a test, failing the test when unknown.
inline NodeId node(const TargetGraph &g, const QString &address)
{
    const NodeId n = g.nodeOf(GraphBuilder::parse(address.toStdString()));
    if (n < 0)
        qFatal("unknown test address %s", qPrintable(address));
    return n;
}

inline std::vector<NodeId> nodes(const TargetGraph &g, const QStringList &addresses)
{
    std::vector<NodeId> out;
    for (const QString &a : addresses)
        out.push_back(node(g, a));
    return out;
}

} // namespace trellis::graph::testing
