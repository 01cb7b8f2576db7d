#include "core/goals/runhistory.h"

#include "core/goals/goalsupport.h"

#include "core/base/paths.h"
#include "core/engine/cache.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>

#include <algorithm>

namespace trellis::goals {

namespace {

constexpr int kRecordVersion = 1;

QString qstr(const std::string &s) { return QString::fromStdString(s); }

QJsonArray stringArray(const std::vector<std::string> &items)
{
    QJsonArray a;
    for (const std::string &s : items)
        a.append(qstr(s));
    return a;
}

std::vector<std::string> fromStringArray(const QJsonValue &v)
{
    std::vector<std::string> out;
    for (const QJsonValue &e : v.toArray())
        out.push_back(e.toString().toStdString());
    return out;
}

bool isFailing(TestCaseStatus s) { return s == TestCaseStatus::Failed || s == TestCaseStatus::Error; }

/// test case key -> failing?, over every process of a run.
std::map<std::string, bool> caseStates(const RunRecord &run)
{
    std::map<std::string, bool> states;
    for (const RunProcessRecord &p : run.processes)
        for (const TestCase &c : p.result.testCases)
            states[testCaseKey(c)] = isFailing(c.status);
    return states;
}

std::string newId(std::int64_t startedMs)
{
    const QDateTime t = QDateTime::fromMSecsSinceEpoch(startedMs, Qt::UTC);
    return t.toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")).toStdString() + "-" +
           QString::number(QRandomGenerator::global()->bounded(0x10000), 16).rightJustified(4, QLatin1Char('0')).toStdString();
}

} // namespace

RunRecord RunRecord::fromTestRun(const TestRunResult &run, const graph::TargetGraph &graph, std::string goal,
                                 std::vector<std::string> specs, std::string baseRef, std::int64_t startedMs,
                                 std::int64_t durationMs)
{
    RunRecord record;
    record.goal = std::move(goal);
    record.specs = std::move(specs);
    record.baseRef = std::move(baseRef);
    record.startedMs = startedMs;
    record.durationMs = durationMs;
    record.cancelled = run.cancelled;
    for (const TestProcessResult &p : run.processes) {
        RunProcessRecord pr;
        pr.result = p;
        pr.result.targets.clear();
        for (int t : p.targets)
            pr.addresses.push_back(graph.address(t).toString());
        std::sort(pr.addresses.begin(), pr.addresses.end());
        record.processes.push_back(std::move(pr));
    }
    return record;
}

int RunRecord::passedCount() const
{
    return int(std::count_if(processes.begin(), processes.end(), [](const RunProcessRecord &p) { return p.result.passed(); }));
}

int RunRecord::failedCount() const
{
    return int(std::count_if(processes.begin(), processes.end(),
                             [](const RunProcessRecord &p) { return p.result.status == engine::TaskStatus::Failed; }));
}

std::string RunRecord::outcome() const
{
    if (failedCount() > 0)
        return "failed";
    if (cancelled)
        return "cancelled";
    return "passed";
}

std::string testCaseKey(const TestCase &c) { return c.file + "::" + c.className + "::" + c.name; }

RunComparison compareRuns(const RunRecord &older, const RunRecord &newer)
{
    RunComparison diff;
    const std::map<std::string, bool> before = caseStates(older);
    for (const auto &[key, failing] : caseStates(newer)) {
        const auto it = before.find(key);
        const bool failedBefore = it != before.end() && it->second;
        if (failing && failedBefore)
            diff.stillFailing.push_back(key);
        else if (failing)
            diff.newlyFailing.push_back(key);
        else if (failedBefore)
            diff.fixed.push_back(key);
    }
    return diff;
}

std::map<std::string, TargetOutcome> lastOutcomes(const std::vector<RunRecord> &newestFirst)
{
    std::map<std::string, TargetOutcome> out;
    for (const RunRecord &run : newestFirst) {
        for (const RunProcessRecord &p : run.processes) {
            TargetOutcome o;
            switch (p.result.status) {
            case engine::TaskStatus::Succeeded: o = TargetOutcome::Passed; break;
            case engine::TaskStatus::Failed: o = TargetOutcome::Failed; break;
            case engine::TaskStatus::Cancelled: o = TargetOutcome::Cancelled; break;
            default: continue; // queued, running or skipped: no result to show
            }
            for (const std::string &a : p.addresses)
                out.emplace(a, o); // the first (newest) entry wins
        }
    }
    return out;
}

std::string serializeRunRecord(const RunRecord &record)
{
    QJsonArray processes;
    for (const RunProcessRecord &p : record.processes) {
        TestProcessResult stored = p.result;
        if (stored.output.size() > RunHistory::kMaxStoredOutput)
            stored.output = "…\n" + stored.output.substr(stored.output.size() - RunHistory::kMaxStoredOutput);
        const std::string json = serializeResult(stored);
        QJsonObject o = QJsonDocument::fromJson(QByteArray(json.data(), qsizetype(json.size()))).object();
        o[QStringLiteral("addresses")] = stringArray(p.addresses);
        o[QStringLiteral("cached")] = p.result.cached;
        o[QStringLiteral("cacheSource")] = qstr(p.result.cacheSource);
        processes.append(o);
    }
    const QJsonObject root{{QStringLiteral("version"), kRecordVersion},
                           {QStringLiteral("id"), qstr(record.id)},
                           {QStringLiteral("goal"), qstr(record.goal)},
                           {QStringLiteral("specs"), stringArray(record.specs)},
                           {QStringLiteral("baseRef"), qstr(record.baseRef)},
                           {QStringLiteral("startedMs"), double(record.startedMs)},
                           {QStringLiteral("durationMs"), double(record.durationMs)},
                           {QStringLiteral("cancelled"), record.cancelled},
                           {QStringLiteral("processes"), processes}};
    return QJsonDocument(root).toJson(QJsonDocument::Indented).toStdString();
}

std::optional<RunRecord> deserializeRunRecord(const std::string &json)
{
    const std::optional<QJsonObject> parsed = parseVersionedJson(json, kRecordVersion);
    if (!parsed)
        return std::nullopt;
    const QJsonObject &doc = *parsed;
    RunRecord r;
    r.id = doc[QLatin1String("id")].toString().toStdString();
    r.goal = doc[QLatin1String("goal")].toString().toStdString();
    r.specs = fromStringArray(doc[QLatin1String("specs")]);
    r.baseRef = doc[QLatin1String("baseRef")].toString().toStdString();
    r.startedMs = std::int64_t(doc[QLatin1String("startedMs")].toDouble());
    r.durationMs = std::int64_t(doc[QLatin1String("durationMs")].toDouble());
    r.cancelled = doc[QLatin1String("cancelled")].toBool();
    if (r.id.empty() || r.goal.empty())
        return std::nullopt;
    for (const QJsonValue &v : doc[QLatin1String("processes")].toArray()) {
        const QJsonObject o = v.toObject();
        auto result = deserializeResult(QJsonDocument(o).toJson(QJsonDocument::Compact).toStdString());
        if (!result)
            return std::nullopt;
        RunProcessRecord p;
        p.result = std::move(*result);
        p.result.cached = o[QLatin1String("cached")].toBool();
        p.result.cacheSource = o[QLatin1String("cacheSource")].toString().toStdString();
        p.addresses = fromStringArray(o[QLatin1String("addresses")]);
        r.processes.push_back(std::move(p));
    }
    return r;
}

RunHistory::RunHistory(std::string dir, int maxRuns) : m_dir(std::move(dir)), m_maxRuns(std::max(1, maxRuns)) {}

std::string RunHistory::directoryFor(const std::string &buildRoot)
{
    return base::dataDir() + "/runs/" + engine::sha256Hex(buildRoot).substr(0, 16);
}

std::vector<RunRecord> RunHistory::load() const
{
    std::vector<RunRecord> runs;
    const QDir dir(qstr(m_dir));
    const QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    for (const QString &name : files) {
        auto data = base::readFile(dir.filePath(name).toStdString());
        if (!data)
            continue;
        if (auto record = deserializeRunRecord(*data))
            runs.push_back(std::move(*record));
    }
    std::sort(runs.begin(), runs.end(), [](const RunRecord &a, const RunRecord &b) {
        return a.startedMs != b.startedMs ? a.startedMs > b.startedMs : a.id > b.id;
    });
    return runs;
}

base::Status RunHistory::save(RunRecord &record)
{
    if (record.id.empty())
        record.id = newId(record.startedMs);
    base::Status written = base::writeFileAtomic(m_dir + "/" + record.id + ".json", serializeRunRecord(record));
    if (!written)
        return written;
    // Ids sort by start time, so the oldest files come first by name.
    const QDir dir(qstr(m_dir));
    QStringList files = dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
    while (files.size() > m_maxRuns)
        QFile::remove(dir.filePath(files.takeFirst()));
    return base::okStatus();
}

bool RunHistory::remove(const std::string &id)
{
    return QFile::remove(QDir(qstr(m_dir)).filePath(qstr(id) + QStringLiteral(".json")));
}

} // namespace trellis::goals
