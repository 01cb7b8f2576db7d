// Snapshot encoding.
//
// Layout (all integers LEB128 varints unless said otherwise):
//
//   "TRELLISSNAP" u8 format            magic and format version
//   key: buildStamp, buildRoot (length-prefixed bytes), optionsDigest (8 bytes LE)
//   checksum (8 bytes LE)              contentHash of the five sections' contentHashes
//   section stamps                     plain strings
//   section workspace                  strings by index into the workspace's table
//   section workspace strings          that table
//   section graph                      empty when absent (CSR arrays raw); strings by
//   section graph strings              index into its own table
// Each section is behind its length (8 bytes LE).
//
// Every string of a section is written once in its table (paths, field aliases and type
// names repeat thousands of times), so the file stays about the size of the repository's
// BUILD data and decoding copies each string from one place. The workspace and the graph
// have a table each so that they are encoded at the same time, on two threads, and so
// that decoding one does not read the other's strings. The reader checks every length
// against what is left; any inconsistency fails the whole decode.
#include "core/live/snapshot.h"

#include "core/base/workerpool.h"
#include "core/infer/contenthash.h"

#include <QtConcurrent/QtConcurrentMap>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <array>
#include <atomic>
#include <cstring>
#include <thread>
#include <unordered_map>

namespace trellis::graph {

/// The TargetGraph's storage, written and read as it is (CSR arrays as raw ints).
struct StorageAccess {
    template <typename W>
    static void write(W &w, const TargetGraph &g)
    {
        w.ints(g.m_depOffsets);
        w.ints(g.m_depTargets);
        w.bytes(std::string_view(reinterpret_cast<const char *>(g.m_edgeKinds.data()), g.m_edgeKinds.size()));
        w.ints(g.m_rdepOffsets);
        w.ints(g.m_rdepSources);
        w.ints(g.m_rdepEdges);
        w.ints(g.m_expOffsets);
        w.ints(g.m_expTargets);
        w.ints(g.m_expansionOffsets);
        w.ints(g.m_expansionTargets);
        w.ints(g.m_exclOffsets);
        w.ints(g.m_exclTargets);
        w.ints(g.m_evidenceOffsets);
        w.var(g.m_evidence.size());
        for (const Evidence &e : g.m_evidence) {
            w.str(e.file.str());
            w.var(std::uint64_t(std::max(0, e.line)));
            w.str(e.module.str());
            w.u8(e.weak ? 1 : 0);
        }
        w.ints(g.m_locationIndex);
        w.var(g.m_locations.size());
        for (const base::SourceLocation &l : g.m_locations)
            w.location(l);
        w.diagnostics(g.m_diagnostics);
        w.var(g.m_diagnosticOrigins.size());
        for (const infer::DiagnosticOrigin &o : g.m_diagnosticOrigins) {
            w.svar(o.target);
            w.var(std::uint64_t(std::max(0, o.step)));
        }
    }

    /// Null when the arrays do not describe a graph over `ws` (every index is checked,
    /// so a damaged file cannot make a later lookup read out of bounds).
    template <typename R>
    static std::shared_ptr<TargetGraph> read(R &r, std::shared_ptr<const workspace::Workspace> ws)
    {
        std::shared_ptr<TargetGraph> g(new TargetGraph());
        g->m_workspace = std::move(ws);
        g->m_depOffsets = r.ints();
        g->m_depTargets = r.ints();
        const std::string_view kinds = r.bytes();
        g->m_edgeKinds.assign(kinds.begin(), kinds.end());
        g->m_rdepOffsets = r.ints();
        g->m_rdepSources = r.ints();
        g->m_rdepEdges = r.ints();
        g->m_expOffsets = r.ints();
        g->m_expTargets = r.ints();
        g->m_expansionOffsets = r.ints();
        g->m_expansionTargets = r.ints();
        g->m_exclOffsets = r.ints();
        g->m_exclTargets = r.ints();
        g->m_evidenceOffsets = r.ints();
        g->m_evidence.resize(r.count());
        for (Evidence &e : g->m_evidence) {
            e.file = r.sharedStr();
            e.line = r.smallInt();
            e.module = r.sharedStr();
            e.weak = r.u8() != 0;
        }
        g->m_locationIndex = r.ints();
        g->m_locations.resize(r.count());
        for (base::SourceLocation &l : g->m_locations)
            l = r.location();
        g->m_diagnostics = r.diagnostics();
        g->m_diagnosticOrigins.resize(r.count());
        for (infer::DiagnosticOrigin &o : g->m_diagnosticOrigins) {
            const std::int64_t t = r.svar();
            o.target = (t < -1 || t > INT32_MAX) ? -2 : int(t);
            o.step = r.smallInt();
        }
        if (!r.ok() || g->m_diagnosticOrigins.size() != g->m_diagnostics.size())
            return nullptr;
        // Structural checks: every offset table is monotone and ends at its data's size;
        // every node, edge and location index is in range.
        const int n = int(g->m_workspace->targets().size());
        const int e = int(g->m_depTargets.size());
        auto csr = [n](const std::vector<int> &offsets, size_t dataSize) {
            if (offsets.size() != size_t(n) + 1 || offsets.front() != 0 || size_t(offsets.back()) != dataSize)
                return false;
            for (size_t i = 1; i < offsets.size(); ++i)
                if (offsets[i] < offsets[i - 1])
                    return false;
            return true;
        };
        auto inRange = [](const std::vector<int> &v, int limit) {
            return std::all_of(v.begin(), v.end(), [limit](int x) { return x >= 0 && x < limit; });
        };
        const bool ok = csr(g->m_depOffsets, g->m_depTargets.size()) && inRange(g->m_depTargets, n)
                        && g->m_edgeKinds.size() == size_t(e)
                        && std::all_of(g->m_edgeKinds.begin(), g->m_edgeKinds.end(),
                                       [](std::uint8_t k) { return k <= std::uint8_t(EdgeKind::Requirement); })
                        && csr(g->m_rdepOffsets, g->m_rdepSources.size()) && inRange(g->m_rdepSources, n)
                        && g->m_rdepEdges.size() == g->m_rdepSources.size() && inRange(g->m_rdepEdges, e)
                        && csr(g->m_expOffsets, g->m_expTargets.size()) && inRange(g->m_expTargets, n)
                        && csr(g->m_expansionOffsets, g->m_expansionTargets.size()) && inRange(g->m_expansionTargets, n)
                        && csr(g->m_exclOffsets, g->m_exclTargets.size()) && inRange(g->m_exclTargets, n)
                        && g->m_evidenceOffsets.size() == size_t(e) + 1 && g->m_evidenceOffsets.front() == 0
                        && size_t(g->m_evidenceOffsets.back()) == g->m_evidence.size()
                        && std::is_sorted(g->m_evidenceOffsets.begin(), g->m_evidenceOffsets.end())
                        && g->m_locationIndex.size() == size_t(e)
                        && std::all_of(g->m_locationIndex.begin(), g->m_locationIndex.end(),
                                       [&](int x) { return x >= -1 && x < int(g->m_locations.size()); });
        return ok ? g : nullptr;
    }
};

} // namespace trellis::graph

namespace trellis::live {

namespace {

constexpr std::string_view kMagic = "TRELLISSNAP";
constexpr std::uint8_t kFormat = 4; // 2: sections behind 8-byte lengths, the strings last; 3: directory loads;
                                    // 4: a string table each for the workspace and the graph
constexpr size_t kTargetChunk = 1024;

using buildlang::HostDict;
using buildlang::HostKwargs;
using buildlang::HostList;
using buildlang::HostObject;
using buildlang::HostValue;
using workspace::Address;
using workspace::Target;

// ---- writing ---------------------------------------------------------------------

class Writer {
public:
    explicit Writer(std::unordered_map<std::string_view, std::uint32_t> *table = nullptr,
                    std::vector<std::string_view> *order = nullptr)
        : m_table(table), m_order(order)
    {
    }

    std::string out;

    void u8(std::uint8_t v) { out.push_back(char(v)); }
    void var(std::uint64_t v)
    {
        while (v >= 0x80) {
            out.push_back(char(v | 0x80));
            v >>= 7;
        }
        out.push_back(char(v));
    }
    void svar(std::int64_t v) { var((std::uint64_t(v) << 1) ^ std::uint64_t(v >> 63)); }
    void fixed64(std::uint64_t v)
    {
        for (int i = 0; i < 8; ++i)
            out.push_back(char((v >> (8 * i)) & 0xff));
    }
    void f64(double d)
    {
        std::uint64_t bits;
        std::memcpy(&bits, &d, sizeof bits);
        fixed64(bits);
    }
    void bytes(std::string_view s)
    {
        var(s.size());
        out.append(s);
    }
    /// A string by table index (the table is written separately).
    void str(std::string_view s)
    {
        auto [it, inserted] = m_table->try_emplace(s, std::uint32_t(m_order->size()));
        if (inserted)
            m_order->push_back(s);
        var(it->second);
    }
    /// A vector of ints as raw bytes (the snapshot is read by the same binary only).
    void ints(const std::vector<int> &v)
    {
        var(v.size());
        out.append(reinterpret_cast<const char *>(v.data()), v.size() * sizeof(int));
    }
    void section(const std::string &body)
    {
        var(body.size());
        out.append(body);
    }

    void location(const base::SourceLocation &l)
    {
        str(l.file);
        var(std::uint64_t(std::max(0, l.line)));
        var(std::uint64_t(std::max(0, l.column)));
    }

    void value(const HostValue &v)
    {
        const bool located = v.location.isValid();
        u8(std::uint8_t(v.kind()) | (located ? 0x80 : 0));
        if (located)
            location(v.location);
        switch (v.kind()) {
        case HostValue::Kind::None:
            break;
        case HostValue::Kind::Bool:
            u8(v.asBool() ? 1 : 0);
            break;
        case HostValue::Kind::Int:
            svar(v.asInt());
            break;
        case HostValue::Kind::Float:
            f64(v.asFloat());
            break;
        case HostValue::Kind::String:
        case HostValue::Kind::Symbol:
            str(v.str());
            break;
        case HostValue::Kind::List:
        case HostValue::Kind::Tuple:
        case HostValue::Kind::Set:
            list(v.items());
            break;
        case HostValue::Kind::Dict:
            var(v.entries().size());
            for (const auto &[k, e] : v.entries()) {
                value(k);
                value(e);
            }
            break;
        case HostValue::Kind::Object: {
            const HostObject &o = v.object();
            str(o.typeName);
            list(o.args);
            kwargs(o.kwargs);
            str(o.unpackKey);
            str(o.strValue);
            break;
        }
        }
    }
    void list(const HostList &items)
    {
        var(items.size());
        for (const HostValue &e : items)
            value(e);
    }
    void kwargs(const HostKwargs &kw)
    {
        var(kw.size());
        for (const auto &[k, v] : kw) {
            str(k);
            value(v);
        }
    }

    void address(const Address &a)
    {
        str(a.specPath);
        str(a.targetName);
        str(a.relativeFilePath);
        str(a.generatedName);
        var(a.parameters.size());
        for (const auto &[k, v] : a.parameters) {
            str(k);
            str(v);
        }
    }

    void diagnostics(const base::Diagnostics &ds)
    {
        var(ds.size());
        for (const base::Diagnostic &d : ds) {
            location(d.loc);
            u8(std::uint8_t(d.severity));
            str(d.message);
            str(d.hint);
            str(d.sourceLine);
        }
    }

    void strings(const std::vector<std::string> &v)
    {
        var(v.size());
        for (const std::string &s : v)
            str(s);
    }

    void target(const Target &t)
    {
        address(t.address);
        str(t.type);
        var(t.fields.size());
        for (const workspace::Field &f : t.fields) {
            str(f.alias);
            value(f.value);
            u8(f.isDefault ? 1 : 0);
        }
        strings(t.sources);
        var(t.explicitDependencies.size());
        for (const workspace::DependencySpec &d : t.explicitDependencies) {
            str(d.raw);
            address(d.address);
            u8(std::uint8_t((d.exclude ? 1 : 0) | (d.transitiveExclude ? 2 : 0)));
            str(d.field);
        }
        strings(t.tags);
        str(t.resolve);
        location(t.declaredAt);
        u8(std::uint8_t((t.isGenerator ? 1 : 0) | (t.unknownType ? 2 : 0)));
        var(t.generated.size());
        for (const Address &g : t.generated)
            address(g);
    }

    void rules(const std::map<std::string, workspace::VisibilityRules> &m)
    {
        var(m.size());
        for (const auto &[dir, r] : m) {
            str(dir);
            location(r.declaredAt);
            list(r.ruleSets);
            u8(r.extend ? 1 : 0);
        }
    }

    void log(const std::vector<std::pair<base::SourceLocation, std::string>> &lines)
    {
        var(lines.size());
        for (const auto &[loc, text] : lines) {
            location(loc);
            str(text);
        }
    }

    void environmentReads(const std::vector<std::pair<std::string, std::optional<std::string>>> &reads)
    {
        var(reads.size());
        for (const auto &[name, value] : reads) {
            str(name);
            u8(value ? 1 : 0);
            str(value ? *value : std::string());
        }
    }

private:
    std::unordered_map<std::string_view, std::uint32_t> *m_table;
    std::vector<std::string_view> *m_order;
};

void writeStamps(Writer &w, const std::vector<FileStamp> &stamps)
{
    w.var(stamps.size());
    for (const FileStamp &s : stamps) {
        w.bytes(s.path);
        w.svar(s.size);
        w.svar(s.mtimeNs);
    }
}

// ---- reading ---------------------------------------------------------------------

class Reader {
public:
    Reader(std::string_view data, const std::vector<std::string> *table = nullptr) : m_data(data), m_table(table) {}

    bool ok() const { return m_ok; }
    bool atEnd() const { return m_pos == m_data.size(); }
    void fail() { m_ok = false; m_pos = m_data.size(); }

    std::uint8_t u8()
    {
        if (m_pos >= m_data.size()) {
            fail();
            return 0;
        }
        return std::uint8_t(m_data[m_pos++]);
    }
    std::uint64_t var()
    {
        std::uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            const std::uint8_t b = u8();
            v |= std::uint64_t(b & 0x7f) << shift;
            if (!(b & 0x80))
                return v;
        }
        fail();
        return 0;
    }
    std::int64_t svar()
    {
        const std::uint64_t u = var();
        return std::int64_t(u >> 1) ^ -std::int64_t(u & 1);
    }
    std::uint64_t fixed64()
    {
        if (m_data.size() - m_pos < 8) {
            fail();
            return 0;
        }
        std::uint64_t v = 0;
        for (int i = 0; i < 8; ++i)
            v |= std::uint64_t(std::uint8_t(m_data[m_pos + size_t(i)])) << (8 * i);
        m_pos += 8;
        return v;
    }
    double f64()
    {
        const std::uint64_t bits = fixed64();
        double d;
        std::memcpy(&d, &bits, sizeof d);
        return d;
    }
    std::string_view bytes()
    {
        const std::uint64_t n = var();
        if (n > m_data.size() - m_pos) {
            fail();
            return {};
        }
        const std::string_view s = m_data.substr(m_pos, size_t(n));
        m_pos += size_t(n);
        return s;
    }
    /// The next `n` bytes as they are.
    std::string_view raw(std::uint64_t n)
    {
        if (n > m_data.size() - m_pos) {
            fail();
            return {};
        }
        const std::string_view s = m_data.substr(m_pos, size_t(n));
        m_pos += size_t(n);
        return s;
    }
    /// A count that must be plausible for what is left (each element takes a byte).
    size_t count()
    {
        const std::uint64_t n = var();
        if (n > m_data.size() - m_pos) {
            fail();
            return 0;
        }
        return size_t(n);
    }
    std::vector<int> ints()
    {
        const std::uint64_t n = var();
        if (n > (m_data.size() - m_pos) / sizeof(int)) {
            fail();
            return {};
        }
        std::vector<int> v(static_cast<size_t>(n));
        std::memcpy(v.data(), m_data.data() + m_pos, size_t(n) * sizeof(int));
        m_pos += size_t(n) * sizeof(int);
        return v;
    }
    const std::string &str()
    {
        static const std::string empty;
        const std::uint64_t i = var();
        if (!m_table || i >= m_table->size()) {
            fail();
            return empty;
        }
        return (*m_table)[size_t(i)];
    }
    /// str() as one shared object per table entry (Evidence's file and module).
    base::SharedString sharedStr()
    {
        const std::uint64_t i = var();
        if (!m_table || i >= m_table->size()) {
            fail();
            return {};
        }
        if (m_shared.size() != m_table->size())
            m_shared.resize(m_table->size());
        base::SharedString &s = m_shared[size_t(i)];
        if (s.empty())
            s = base::SharedString((*m_table)[size_t(i)]);
        return s;
    }
    int smallInt()
    {
        const std::uint64_t v = var();
        if (v > std::uint64_t(INT32_MAX))
            fail();
        return int(v);
    }

    base::SourceLocation location()
    {
        base::SourceLocation l;
        l.file = str();
        l.line = smallInt();
        l.column = smallInt();
        return l;
    }

    HostValue value(int depth = 0)
    {
        if (depth > 200) {
            fail();
            return {};
        }
        const std::uint8_t tag = u8();
        base::SourceLocation loc;
        if (tag & 0x80)
            loc = location();
        HostValue v;
        switch (HostValue::Kind(tag & 0x7f)) {
        case HostValue::Kind::None:
            break;
        case HostValue::Kind::Bool:
            v = HostValue::boolean(u8() != 0);
            break;
        case HostValue::Kind::Int:
            v = HostValue::integer(svar());
            break;
        case HostValue::Kind::Float:
            v = HostValue::real(f64());
            break;
        case HostValue::Kind::String:
            v = HostValue::string(str());
            break;
        case HostValue::Kind::Symbol:
            v = HostValue::symbol(str());
            break;
        case HostValue::Kind::List:
            v = HostValue::list(list(depth));
            break;
        case HostValue::Kind::Tuple:
            v = HostValue::tuple(list(depth));
            break;
        case HostValue::Kind::Set:
            v = HostValue::set(list(depth));
            break;
        case HostValue::Kind::Dict: {
            HostDict d(count());
            for (auto &[k, e] : d) {
                k = value(depth + 1);
                e = value(depth + 1);
            }
            v = HostValue::dict(std::move(d));
            break;
        }
        case HostValue::Kind::Object: {
            HostObject o;
            o.typeName = str();
            o.args = list(depth);
            o.kwargs = kwargs(depth);
            o.unpackKey = str();
            o.strValue = str();
            v = HostValue::object(std::move(o));
            break;
        }
        default:
            fail();
        }
        v.location = std::move(loc);
        return v;
    }
    HostList list(int depth = 0)
    {
        HostList items(count());
        for (HostValue &e : items)
            e = value(depth + 1);
        return items;
    }
    HostKwargs kwargs(int depth = 0)
    {
        HostKwargs kw(count());
        for (auto &[k, v] : kw) {
            k = str();
            v = value(depth + 1);
        }
        return kw;
    }

    Address address()
    {
        Address a;
        a.specPath = str();
        a.targetName = str();
        a.relativeFilePath = str();
        a.generatedName = str();
        a.parameters.resize(count());
        for (auto &[k, v] : a.parameters) {
            k = str();
            v = str();
        }
        return a;
    }

    base::Diagnostics diagnostics()
    {
        base::Diagnostics ds(count());
        for (base::Diagnostic &d : ds) {
            d.loc = location();
            const std::uint8_t sev = u8();
            if (sev > std::uint8_t(base::Severity::Note))
                fail();
            d.severity = base::Severity(sev);
            d.message = str();
            d.hint = str();
            d.sourceLine = str();
        }
        return ds;
    }

    std::vector<std::string> strings()
    {
        std::vector<std::string> v(count());
        for (std::string &s : v)
            s = str();
        return v;
    }

    Target target()
    {
        Target t;
        t.address = address();
        t.type = str();
        t.fields.resize(count());
        for (workspace::Field &f : t.fields) {
            f.alias = str();
            f.value = value();
            f.isDefault = u8() != 0;
        }
        t.sources = strings();
        t.explicitDependencies.resize(count());
        for (workspace::DependencySpec &d : t.explicitDependencies) {
            d.raw = str();
            d.address = address();
            const std::uint8_t flags = u8();
            d.exclude = flags & 1;
            d.transitiveExclude = flags & 2;
            d.field = str();
        }
        t.tags = strings();
        t.resolve = str();
        t.declaredAt = location();
        const std::uint8_t flags = u8();
        t.isGenerator = flags & 1;
        t.unknownType = flags & 2;
        t.generated.resize(count());
        for (Address &g : t.generated)
            g = address();
        return t;
    }

    std::map<std::string, workspace::VisibilityRules> rules()
    {
        std::map<std::string, workspace::VisibilityRules> m;
        const size_t n = count();
        for (size_t i = 0; i < n && ok(); ++i) {
            std::string dir = str();
            workspace::VisibilityRules r;
            r.declaredAt = location();
            r.ruleSets = list();
            r.extend = u8() != 0;
            m.emplace(std::move(dir), std::move(r));
        }
        return m;
    }

    std::vector<std::pair<base::SourceLocation, std::string>> log()
    {
        std::vector<std::pair<base::SourceLocation, std::string>> lines(count());
        for (auto &[loc, text] : lines) {
            loc = location();
            text = str();
        }
        return lines;
    }

    std::vector<std::pair<std::string, std::optional<std::string>>> environmentReads()
    {
        std::vector<std::pair<std::string, std::optional<std::string>>> reads(count());
        for (auto &[name, value] : reads) {
            name = str();
            const bool set = u8() != 0;
            const std::string &v = str();
            if (set)
                value = v;
        }
        return reads;
    }

    std::vector<FileStamp> stamps()
    {
        std::vector<FileStamp> v(count());
        for (FileStamp &s : v) {
            s.path = std::string(bytes());
            s.size = svar();
            s.mtimeNs = svar();
        }
        return v;
    }

private:
    std::string_view m_data;
    size_t m_pos = 0;
    const std::vector<std::string> *m_table;
    std::vector<base::SharedString> m_shared; // sharedStr()'s, by table index
    bool m_ok = true;
};

base::Diagnostic corrupt(const std::string &what)
{
    return base::Diagnostic::error({}, "snapshot unusable: " + what);
}

} // namespace

std::uint64_t optionsDigest(const workspace::Options &options)
{
    std::unordered_map<std::string_view, std::uint32_t> table;
    std::vector<std::string_view> order;
    Writer w(&table, &order);
    w.bytes(options.buildRoot());
    for (const auto &[scope, values] : options.m_values) {
        w.bytes(scope);
        for (const auto &[name, v] : values) {
            w.bytes(name);
            w.value(v);
        }
    }
    for (const std::string &f : options.configFiles())
        w.bytes(f);
    for (std::string_view s : order)
        w.bytes(s);
    return infer::contentHash(w.out, 0x5eed);
}

namespace {

using StringIndex = std::unordered_map<std::string_view, std::uint32_t>;

void patch64(std::string &out, size_t at, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i, v >>= 8)
        out[at + size_t(i)] = char(v & 0xff);
}

/// Appends a section to `w`: 8 bytes of length, patched in when `body` has written it.
/// Returns the contentHash of the section's bytes (for the header's checksum).
template <typename Body>
std::uint64_t section(Writer &w, Body &&body)
{
    const size_t at = w.out.size();
    w.fixed64(0);
    body();
    patch64(w.out, at, w.out.size() - at - 8);
    return infer::contentHash(std::string_view(w.out).substr(at + 8));
}

/// A string table's section: the strings in the order of their indexes.
std::uint64_t tableSection(Writer &w, const std::vector<std::string_view> &order)
{
    return section(w, [&] {
        w.var(order.size());
        for (std::string_view str : order)
            w.bytes(str);
    });
}

// Each part is written in place into one buffer, each section behind its length as 8
// bytes patched in when it is done, the string table last (it is complete only after
// the data). The buffer is reserved generously: pages never written cost no memory,
// while growing it would copy the whole part. Building sections apart and then joining
// them held the snapshot about twice over, at the memory peak of a cold command-line run.
EncodedPart workspacePart(const workspace::Workspace &ws)
{
    StringIndex table;
    std::vector<std::string_view> order;
    // About two distinct strings per file and target: sized once, never rehashed.
    table.reserve(2 * (ws.files()->files().size() + ws.targets().size()) + 1024);
    order.reserve(table.bucket_count());
    Writer w(&table, &order);
    w.out.reserve(1536 * ws.targets().size() + 256 * ws.files()->files().size() + (std::size_t(1) << 16));
    EncodedPart part;
    part.dataHash = section(w, [&] {
        const workspace::FileTree &tree = *ws.files();
        w.var(tree.files().size());
        for (const std::string &f : tree.files())
            w.str(f);
        w.strings(ws.buildFiles());
        w.strings(ws.preludeFiles());
        // Targets in chunks of kTargetChunk, each length-prefixed, so they decode in parallel.
        w.var(ws.targets().size());
        for (size_t begin = 0; begin < ws.targets().size(); begin += kTargetChunk) {
            Writer chunk(&table, &order);
            const size_t end = std::min(ws.targets().size(), begin + kTargetChunk);
            for (size_t i = begin; i < end; ++i)
                chunk.target(ws.targets()[i]);
            w.bytes(chunk.out);
        }
        w.diagnostics(ws.diagnostics());
        w.log(ws.log());
        w.strings(ws.loadInputs());
        w.environmentReads(ws.environmentReads());
        w.rules(ws.m_dependenciesRules);
        w.rules(ws.m_dependentsRules);
        w.var(ws.directoryLoads().size());
        for (const workspace::DirectoryLoad &dl : ws.directoryLoads()) {
            w.str(dl.dir);
            w.diagnostics(dl.diagnostics);
            w.var(dl.reportedOnce.size());
            for (const auto &[index, key] : dl.reportedOnce) {
                w.var(index);
                w.str(key);
            }
            w.log(dl.log);
            w.strings(dl.inputs);
            w.environmentReads(dl.environmentReads);
            w.u8(dl.setsDefaults ? 1 : 0);
        }
        w.diagnostics(ws.m_walkWarnings);
    });
    part.tableHash = tableSection(w, order);
    part.bytes = std::move(w.out);
    return part;
}

/// The graph's part; its data section is empty when there is no graph.
EncodedPart graphPart(const graph::TargetGraph *g)
{
    StringIndex table;
    std::vector<std::string_view> order;
    Writer w(&table, &order);
    if (g)
        w.out.reserve(64 * size_t(g->edgeCount()) + 32 * size_t(g->nodeCount()) + (std::size_t(1) << 16));
    EncodedPart part;
    part.dataHash = section(w, [&] {
        if (g)
            graph::StorageAccess::write(w, *g);
    });
    part.tableHash = tableSection(w, order);
    part.bytes = std::move(w.out);
    return part;
}

std::uint64_t checksumOf(const std::array<std::uint64_t, 5> &sectionHashes)
{
    std::string all;
    for (std::uint64_t h : sectionHashes)
        for (int i = 0; i < 8; ++i, h >>= 8)
            all.push_back(char(h & 0xff));
    return infer::contentHash(all, 0xc0ffee);
}

} // namespace

namespace {

/// The parts of an encoded snapshot, located and checked against the key.
struct Located {
    std::string_view stamps, workspace, workspaceStrings, graph, graphStrings;
};

base::Result<Located> locate(std::string_view bytes, const SnapshotKey &key, bool verifyChecksum)
{
    if (!bytes.starts_with(kMagic))
        return corrupt("not a snapshot file");
    Reader head(bytes.substr(kMagic.size()));
    if (head.u8() != kFormat)
        return corrupt("written by another format version");
    SnapshotKey stored;
    stored.buildStamp = std::string(head.bytes());
    stored.buildRoot = std::string(head.bytes());
    stored.optionsDigest = head.fixed64();
    const std::uint64_t checksum = head.fixed64();
    if (!head.ok())
        return corrupt("truncated header");
    if (stored.buildStamp != key.buildStamp)
        return corrupt("written by another build of Trellis");
    if (stored.buildRoot != key.buildRoot)
        return corrupt("written for another build root");
    if (stored.optionsDigest != key.optionsDigest)
        return corrupt("the options changed");
    // The body starts after the varint-prefixed strings and the two fixed words.
    Writer measure;
    measure.bytes(stored.buildStamp);
    measure.bytes(stored.buildRoot);
    const size_t bodyStart = kMagic.size() + 1 + measure.out.size() + 16;
    if (bodyStart > bytes.size())
        return corrupt("truncated header");
    Reader sections(bytes.substr(bodyStart));
    auto section = [&sections] {
        const std::uint64_t n = sections.fixed64();
        return sections.raw(n);
    };
    Located l;
    l.stamps = section();
    l.workspace = section();
    l.workspaceStrings = section();
    l.graph = section();
    l.graphStrings = section();
    if (!sections.ok() || !sections.atEnd())
        return corrupt("truncated sections");
    if (verifyChecksum) {
        std::array<std::uint64_t, 5> hashes{};
        const std::string_view all[] = {l.stamps, l.workspace, l.workspaceStrings, l.graph, l.graphStrings};
        for (size_t i = 0; i < hashes.size(); ++i)
            hashes[i] = infer::contentHash(all[i]);
        if (checksumOf(hashes) != checksum)
            return corrupt("checksum mismatch");
    }
    return l;
}

base::Result<std::vector<std::string>> stringTable(std::string_view section)
{
    std::vector<std::string> table;
    Reader r(section);
    table.resize(r.count());
    for (std::string &s : table)
        s = std::string(r.bytes());
    if (!r.ok())
        return corrupt("bad string table");
    return table;
}

} // namespace

EncodedPart encodeWorkspacePart(const workspace::Workspace &workspace)
{
    return workspacePart(workspace);
}

std::optional<EncodedPart> workspacePartOf(std::string_view bytes, const SnapshotKey &key)
{
    auto located = locate(bytes, key, false);
    if (!located)
        return std::nullopt;
    // The two sections lie one after the other, each behind its 8-byte length.
    const char *begin = located->workspace.data() - 8;
    const char *end = located->workspaceStrings.data() + located->workspaceStrings.size();
    EncodedPart part;
    part.bytes.assign(begin, end);
    part.dataHash = infer::contentHash(located->workspace);
    part.tableHash = infer::contentHash(located->workspaceStrings);
    return part;
}

std::vector<std::string> encodeSnapshotParts(const Snapshot &snapshot, const SnapshotKey &key,
                                             const EncodedPart *encodedWorkspace, bool parallel)
{
    // Without an encoded workspace, the graph on a second thread while this one writes
    // the workspace: each has its own string table, so neither waits for the other.
    EncodedPart graph, workspace;
    std::thread graphThread;
    if (snapshot.graph && !encodedWorkspace && parallel)
        graphThread = std::thread([&] { graph = graphPart(snapshot.graph.get()); });
    else
        graph = graphPart(snapshot.graph.get());
    if (!encodedWorkspace)
        workspace = workspacePart(*snapshot.workspace);
    if (graphThread.joinable())
        graphThread.join();
    const EncodedPart &ws = encodedWorkspace ? *encodedWorkspace : workspace;

    Writer w;
    w.out.append(kMagic);
    w.u8(kFormat);
    w.bytes(key.buildStamp);
    w.bytes(key.buildRoot);
    w.fixed64(key.optionsDigest);
    const size_t checksumAt = w.out.size();
    w.fixed64(0);
    const std::uint64_t stampsHash = section(w, [&] {
        writeStamps(w, snapshot.stamps.directories);
        writeStamps(w, snapshot.stamps.ignoreFiles);
        w.var(snapshot.stamps.environment.size());
        for (const auto &[name, value] : snapshot.stamps.environment) {
            w.bytes(name);
            w.u8(value ? 1 : 0);
            w.bytes(value ? *value : std::string());
        }
        writeStamps(w, snapshot.stamps.loadInputs);
        writeStamps(w, snapshot.stamps.sources);
        w.svar(snapshot.stamps.takenAtNs);
    });
    patch64(w.out, checksumAt,
            checksumOf({stampsHash, ws.dataHash, ws.tableHash, graph.dataHash, graph.tableHash}));
    std::vector<std::string> parts;
    parts.push_back(std::move(w.out));
    parts.push_back(encodedWorkspace ? encodedWorkspace->bytes : std::move(workspace.bytes));
    parts.push_back(std::move(graph.bytes));
    return parts;
}

std::string encodeSnapshot(const Snapshot &snapshot, const SnapshotKey &key)
{
    std::vector<std::string> parts = encodeSnapshotParts(snapshot, key);
    std::string out = std::move(parts.front());
    for (size_t i = 1; i < parts.size(); ++i) {
        out += parts[i];
        std::string().swap(parts[i]);
    }
    return out;
}


base::Result<Snapshot> decodeSnapshot(std::string_view bytes, const SnapshotKey &key,
                                      const workspace::Options &options, const DecodeOptions &how)
{
    auto located = locate(bytes, key, !how.stampsOnly);
    if (!located)
        return located.takeDiagnostics();
    Snapshot snap;
    {
        Reader r(located->stamps);
        snap.stamps.directories = r.stamps();
        snap.stamps.ignoreFiles = r.stamps();
        snap.stamps.environment.resize(r.count());
        for (auto &[name, value] : snap.stamps.environment) {
            name = std::string(r.bytes());
            const bool set = r.u8() != 0;
            const std::string_view v = r.bytes();
            if (set)
                value = std::string(v);
        }
        snap.stamps.loadInputs = r.stamps();
        snap.stamps.sources = r.stamps();
        snap.stamps.takenAtNs = r.svar();
        if (!r.ok() || !r.atEnd())
            return corrupt("bad stamps");
    }
    if (how.stampsOnly)
        return snap;
    auto tableResult = stringTable(located->workspaceStrings);
    if (!tableResult)
        return tableResult.takeDiagnostics();
    const std::vector<std::string> &table = *tableResult;

    auto ws = std::make_shared<workspace::Workspace>();
    {
        Reader r(located->workspace, &table);
        const size_t fileCount = r.count();
        if (how.tree) {
            const std::vector<std::string> &now = how.tree->files();
            bool same = now.size() == fileCount;
            for (size_t i = 0; i < fileCount && r.ok(); ++i) {
                const std::string &f = r.str();
                same = same && f == now[i];
            }
            if (!r.ok())
                return corrupt("bad file tree");
            if (!same)
                return base::Diagnostic::error({}, "the set of files changed");
            ws->m_files = how.tree;
        } else {
            std::vector<std::string> files(fileCount);
            for (std::string &f : files)
                f = r.str();
            if (!r.ok())
                return corrupt("bad file tree");
            ws->m_files = workspace::FileTree::restore(key.buildRoot, std::move(files), snap.stamps.directories,
                                                       snap.stamps.ignoreFiles);
        }
        ws->m_options = options;
        ws->m_buildFiles = r.strings();
        ws->m_preludeFiles = r.strings();
        workspace::TargetList::Storage &targets = ws->m_targets.items();
        targets.resize(r.count());
        std::vector<std::pair<size_t, std::string_view>> chunks; // first target, bytes
        for (size_t begin = 0; begin < targets.size() && r.ok(); begin += kTargetChunk)
            chunks.emplace_back(begin, r.bytes());
        if (!r.ok())
            return corrupt("bad target chunks");
        std::atomic<bool> chunksOk{true};
        QtConcurrent::blockingMap(base::workerPool(), chunks, [&](const std::pair<size_t, std::string_view> &c) {
            Reader cr(c.second, &table);
            const size_t end = std::min(targets.size(), c.first + kTargetChunk);
            for (size_t i = c.first; i < end && cr.ok(); ++i)
                targets[i] = std::make_shared<const workspace::Target>(cr.target());
            if (!cr.ok() || !cr.atEnd())
                chunksOk = false;
        });
        if (!chunksOk)
            return corrupt("bad target");
        ws->m_diagnostics = r.diagnostics();
        ws->m_log = r.log();
        ws->m_loadInputs = r.strings();
        ws->m_environmentReads = r.environmentReads();
        ws->m_dependenciesRules = r.rules();
        ws->m_dependentsRules = r.rules();
        ws->m_directoryLoads.resize(r.count());
        for (workspace::DirectoryLoad &dl : ws->m_directoryLoads) {
            dl.dir = r.str();
            dl.diagnostics = r.diagnostics();
            dl.reportedOnce.resize(r.count());
            for (auto &[index, key] : dl.reportedOnce) {
                index = std::uint32_t(r.var());
                key = r.str();
            }
            dl.log = r.log();
            dl.inputs = r.strings();
            dl.environmentReads = r.environmentReads();
            dl.setsDefaults = r.u8() != 0;
            if (!r.ok())
                break;
        }
        ws->m_walkWarnings = r.diagnostics();
        if (!r.ok() || !r.atEnd())
            return corrupt("bad workspace section");
    }
    // The indexes the loader builds.
    ws->buildIndex();
    ws->m_sourceRoots = workspace::SourceRoots(options.list("source", "root_patterns"),
                                               options.list("source", "marker_filenames"), *ws->m_files);
    snap.workspace = ws;

    return snap;
}

base::Result<std::shared_ptr<const graph::TargetGraph>> decodeGraph(std::string_view bytes, const SnapshotKey &key,
                                                                    std::shared_ptr<const workspace::Workspace> workspace)
{
    auto located = locate(bytes, key, true);
    if (!located)
        return located.takeDiagnostics();
    if (located->graph.empty())
        return std::shared_ptr<const graph::TargetGraph>();
    auto table = stringTable(located->graphStrings);
    if (!table)
        return table.takeDiagnostics();
    Reader r(located->graph, &*table);
    auto g = graph::StorageAccess::read(r, std::move(workspace));
    if (!g || !r.ok() || !r.atEnd())
        return corrupt("bad graph section");
    return std::shared_ptr<const graph::TargetGraph>(std::move(g));
}

} // namespace trellis::live
