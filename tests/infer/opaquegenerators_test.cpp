// Explicit dependencies on targets Trellis cannot enumerate (tests/fixtures/infer-opaque-generators):
// `gen#name` of a generator whose generated targets Trellis does not expand (a Pants table
// type with generator "other", an unknown or in-repo plugin type) resolves to the generator
// with a note; `tgt#name` of a non-generator target resolves to the target silently, as in
// Pants (pantsbuild/pants#14419), and so does `file:tgt#name` (the file target); addresses
// under generators Trellis does expand, and targets that do not exist, stay errors.
#include "core/infer/dependencies.h"

#include <QTest>

using namespace trellis;
using namespace trellis::infer;

namespace {

std::shared_ptr<const workspace::Workspace> load(const QString &fixture)
{
    workspace::LoadRequest req;
    req.options.buildRoot = QStringLiteral(TRELLIS_TEST_DATA "/fixtures/%1").arg(fixture).toStdString();
    req.options.readPantsrc = false;
    auto ws = workspace::loadWorkspace(req);
    if (!ws)
        return nullptr;
    return *ws;
}

int indexOf(const workspace::Workspace &ws, const std::string &address)
{
    const auto &targets = ws.targets();
    for (size_t i = 0; i < targets.size(); ++i)
        if (targets[i].address.toString() == address)
            return int(i);
    return -1;
}

bool hasEdge(const InferenceResult &r, int from, int to, EdgeKind kind)
{
    if (from < 0 || to < 0)
        return false;
    for (const Dependency &d : r.dependencies[size_t(from)])
        if (d.target == to && d.kind == kind)
            return true;
    return false;
}

} // namespace

class OpaqueGeneratorsTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void resolvesToTheGenerator()
    {
        auto ws = load(QStringLiteral("infer-opaque-generators"));
        QVERIFY(ws);
        InferenceRequest req;
        req.workspace = ws;
        const InferenceResult r = resolveDependencies(req);

        const int app = indexOf(*ws, "src/app.py");
        QVERIFY(app >= 0);
        for (const base::Diagnostic &d : ws->diagnostics())
            QVERIFY2(d.severity != base::Severity::Error, d.format().c_str());
        // `file:gen#x`: Pants drops the generated part of a file address (AddressInput.file_to_address).
        for (const char *dep : {"3rdparty:pipenv", "3rdparty:jupyter_reqs", "3rdparty:base", "3rdparty/a.txt:data"}) {
            const int d = indexOf(*ws, dep);
            QVERIFY2(d >= 0, dep);
            QVERIFY2(hasEdge(r, app, d, EdgeKind::Explicit), dep);
        }

        QStringList errors, notes;
        for (const base::Diagnostic &d : r.diagnostics) {
            const QString m = QString::fromStdString(d.message);
            if (d.severity == base::Severity::Error)
                errors << m;
            else if (d.severity == base::Severity::Note)
                notes << m;
        }
        // Still errors: a name a `files` generator does not generate, a target that does not exist.
        QCOMPARE(errors.size(), 2);
        QVERIFY(errors.filter(QStringLiteral("3rdparty:data#missing")).size() == 1);
        QVERIFY(errors.filter(QStringLiteral("3rdparty:nope#x")).size() == 1);
        // Notes for the opaque generators only; the python_requirement accommodation is silent.
        QVERIFY2(notes.filter(QStringLiteral("3rdparty:pipenv#requests")).size() == 1, qPrintable(notes.join('\n')));
        QVERIFY(notes.filter(QStringLiteral("3rdparty:base#latest")).size() == 1);
        QVERIFY(notes.filter(QStringLiteral("3rdparty:base@resolve=other")).size() == 1);
        QVERIFY(notes.filter(QStringLiteral("jupyter_reqs")).isEmpty());
        QVERIFY(notes.filter(QStringLiteral("a.txt")).isEmpty());
        QCOMPARE(notes.size(), 3);
        QVERIFY(notes.filter(QStringLiteral("`pipenv_requirements` generates")).size() == 1);
    }
};

QTEST_GUILESS_MAIN(OpaqueGeneratorsTest)
#include "opaquegenerators_test.moc"
