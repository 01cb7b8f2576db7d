#include "core/graph/graphexport.h"

#include "core/base/jsontext.h"

#include <algorithm>
#include <cstdio>
#include <vector>

namespace trellis::graph {

namespace {

/// Included nodes as a sorted, deduplicated list (every node when the selection is empty).
std::vector<NodeId> selectedNodes(const TargetGraph &graph, const ExportOptions &options)
{
    std::vector<NodeId> nodes;
    if (options.nodes.empty()) {
        nodes.resize(graph.nodeCount());
        for (NodeId n = 0; n < graph.nodeCount(); ++n)
            nodes[n] = n;
        return nodes;
    }
    for (NodeId n : options.nodes) {
        if (n >= 0 && n < graph.nodeCount())
            nodes.push_back(n);
    }
    std::sort(nodes.begin(), nodes.end());
    nodes.erase(std::unique(nodes.begin(), nodes.end()), nodes.end());
    return nodes;
}

/// Calls `emit(from, to)` for every exported edge in (from, to) order.
template <typename Emit>
void forEachEdge(const TargetGraph &graph, const ExportOptions &options, const std::vector<NodeId> &nodes, Emit emit)
{
    std::vector<char> included(graph.nodeCount(), 0);
    for (NodeId n : nodes)
        included[n] = 1;
    for (NodeId from : nodes) {
        const std::span<const NodeId> targets =
            options.expanded ? graph.expandedDependencies(from) : graph.dependencies(from);
        for (NodeId to : targets) {
            if (included[to])
                emit(from, to);
        }
    }
}

void appendIndent(std::string &out, int level)
{
    out.append(static_cast<size_t>(level) * 2, ' ');
}

void appendStringArray(std::string &out, const std::vector<std::string> &items, int level)
{
    if (items.empty()) {
        out += "[]";
        return;
    }
    out += "[\n";
    for (size_t i = 0; i < items.size(); ++i) {
        appendIndent(out, level + 1);
        out += jsonQuote(items[i]);
        out += i + 1 < items.size() ? ",\n" : "\n";
    }
    appendIndent(out, level);
    out += ']';
}

std::string dotQuote(std::string_view text)
{
    std::string out = "\"";
    for (char c : text) {
        if (c == '"' || c == '\\')
            out += '\\';
        if (c == '\n') {
            out += "\\n";
            continue;
        }
        out += c;
    }
    out += '"';
    return out;
}

const char *dotStyle(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Explicit: return "solid";
    case EdgeKind::Inferred: return "solid";
    case EdgeKind::Generated: return "dashed";
    case EdgeKind::Conftest:
    case EdgeKind::InitFile:
    case EdgeKind::EntryPoint:
    case EdgeKind::Requirement: return "dotted";
    }
    return "solid";
}

} // namespace

const char *edgeKindKey(EdgeKind kind)
{
    switch (kind) {
    case EdgeKind::Explicit: return "explicit";
    case EdgeKind::Inferred: return "inferred";
    case EdgeKind::Generated: return "generated";
    case EdgeKind::Conftest: return "conftest";
    case EdgeKind::InitFile: return "init_file";
    case EdgeKind::EntryPoint: return "entry_point";
    case EdgeKind::Requirement: return "requirement";
    }
    return "explicit";
}

std::string jsonQuote(std::string_view text)
{
    return base::jsonString(text); // valid UTF-8 whatever the bytes (base/jsontext.h)
}

std::string exportJson(const TargetGraph &graph, const ExportOptions &options)
{
    const std::vector<NodeId> nodes = selectedNodes(graph, options);
    std::vector<std::string> rendered(graph.nodeCount());
    for (NodeId n : nodes)
        rendered[n] = jsonQuote(graph.address(n).toString());

    std::string out;
    out.reserve(nodes.size() * 256 + static_cast<size_t>(graph.edgeCount()) * 160);
    out += "{\n  \"version\": " + std::to_string(kGraphJsonVersion) + ",\n  \"nodes\": [";
    bool first = true;
    for (NodeId n : nodes) {
        const workspace::Target &t = graph.target(n);
        out += first ? "\n" : ",\n";
        first = false;
        out += "    {\n      \"address\": " + rendered[n];
        out += ",\n      \"type\": " + jsonQuote(t.type);
        out += ",\n      \"generator\": ";
        out += t.address.isGenerated() ? jsonQuote(t.address.generatorAddress().toString()) : std::string("null");
        out += ",\n      \"is_generator\": ";
        out += t.isGenerator ? "true" : "false";
        out += ",\n      \"sources\": ";
        appendStringArray(out, t.sources, 3);
        out += ",\n      \"tags\": ";
        appendStringArray(out, t.tags, 3);
        out += ",\n      \"resolve\": ";
        out += t.resolve.empty() ? std::string("null") : jsonQuote(t.resolve);
        out += "\n    }";
    }
    out += first ? "],\n  \"edges\": [" : "\n  ],\n  \"edges\": [";
    first = true;
    forEachEdge(graph, options, nodes, [&](NodeId from, NodeId to) {
        const EdgeInfo info = graph.edgeInfo(graph.explainingEdge(from, to));
        out += first ? "\n" : ",\n";
        first = false;
        out += "    {\n      \"from\": " + rendered[from];
        out += ",\n      \"to\": " + rendered[to];
        out += ",\n      \"kind\": ";
        out += jsonQuote(edgeKindKey(info.kind));
        out += ",\n      \"via\": ";
        out += info.to >= 0 && info.to != to ? jsonQuote(graph.address(info.to).toString()) : std::string("null");
        out += ",\n      \"evidence\": ";
        if (info.evidence.empty()) {
            out += "[]";
        } else {
            out += "[";
            bool firstEvidence = true;
            for (const Evidence &e : info.evidence) {
                out += firstEvidence ? "\n" : ",\n";
                firstEvidence = false;
                out += "        {\"file\": " + jsonQuote(e.file) + ", \"line\": " + std::to_string(e.line)
                       + ", \"module\": " + jsonQuote(e.module) + ", \"weak\": " + (e.weak ? "true" : "false") + "}";
            }
            out += "\n      ]";
        }
        out += ",\n      \"declared_at\": ";
        if (info.declaredAt) {
            out += "{\"file\": " + jsonQuote(info.declaredAt->file) + ", \"line\": "
                   + std::to_string(info.declaredAt->line) + ", \"column\": "
                   + std::to_string(info.declaredAt->column) + "}";
        } else {
            out += "null";
        }
        out += "\n    }";
    });
    out += first ? "]\n}\n" : "\n  ]\n}\n";
    return out;
}

std::string exportDot(const TargetGraph &graph, const ExportOptions &options)
{
    const std::vector<NodeId> nodes = selectedNodes(graph, options);
    std::vector<std::string> rendered(graph.nodeCount());
    for (NodeId n : nodes)
        rendered[n] = dotQuote(graph.address(n).toString());

    std::string out = "digraph \"trellis\" {\n  rankdir=LR;\n  node [shape=box];\n";
    for (NodeId n : nodes) {
        const workspace::Target &t = graph.target(n);
        out += "  " + rendered[n] + " [type=" + dotQuote(t.type);
        if (t.isGenerator)
            out += ", style=rounded";
        out += "];\n";
    }
    forEachEdge(graph, options, nodes, [&](NodeId from, NodeId to) {
        const EdgeInfo info = graph.edgeInfo(graph.explainingEdge(from, to));
        out += "  " + rendered[from] + " -> " + rendered[to];
        out += std::string(" [kind=\"") + edgeKindKey(info.kind) + "\", style=" + dotStyle(info.kind) + "];\n";
    });
    out += "}\n";
    return out;
}

} // namespace trellis::graph
