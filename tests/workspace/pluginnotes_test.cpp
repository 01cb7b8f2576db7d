// In-repo plugin types whose every field class Trellis reads statically (the plugin's own
// classes, Pants' classes from the tables, older names such as Pants 2.3's `Sources`) are
// announced with a note, not a warning: Pants says nothing about them. A type with a
// field class nobody can resolve keeps the warning.
#include "core/workspace/pluginscan.h"
#include "core/workspace/workspace.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis::workspace;

namespace {

const char *kPlugin = R"(from pants.engine.target import COMMON_TARGET_FIELDS, Dependencies, Sources, Target
from somewhere_else import MysteryField


class BashSources(Sources):
    pass


class BashLibrary(Target):
    alias = "bash_library"
    core_fields = (*COMMON_TARGET_FIELDS, Dependencies, BashSources)


class Odd(Target):
    alias = "odd_thing"
    core_fields = (*COMMON_TARGET_FIELDS, MysteryField)
)";

const TargetType *typeOf(const PluginScan &s, const char *alias)
{
    for (const TargetType &t : s.types)
        if (t.alias == alias)
            return &t;
    return nullptr;
}

void write(const QTemporaryDir &dir, const QString &rel, const QByteArray &text)
{
    const QString path = dir.filePath(rel);
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(text);
}

} // namespace

class PluginNotesTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void scanKnowsWhichTypesItReadCompletely()
    {
        const PluginScan s = scanPluginSources({{"plug/target_types.py", kPlugin}});
        const TargetType *bash = typeOf(s, "bash_library");
        const TargetType *odd = typeOf(s, "odd_thing");
        QVERIFY(bash && odd);
        QVERIFY(bash->pluginFieldsKnown);
        QVERIFY(bash->fieldSpec("sources")); // Pants 2.3's Sources is MultipleSourcesField
        QVERIFY(!odd->pluginFieldsKnown);
    }

    void completeTypesGetANoteOthersAWarning()
    {
        QTemporaryDir dir;
        write(dir, "pants.toml", "[GLOBAL]\npants_version = \"2.3.0\"\npythonpath = [\"pants-plugins\"]\n"
                                 "backend_packages = [\"plug\"]\n");
        write(dir, "pants-plugins/plug/__init__.py", "");
        write(dir, "pants-plugins/plug/register.py", "from plug.target_types import BashLibrary, Odd\n\n"
                                                      "def target_types():\n    return [BashLibrary, Odd]\n");
        write(dir, "pants-plugins/plug/target_types.py", kPlugin);
        write(dir, "BUILD", "bash_library(name=\"lib\", sources=[\"*.sh\"])\nodd_thing(name=\"odd\")\n");
        write(dir, "a.sh", "echo hi\n");
        LoadRequest req;
        req.options.buildRoot = dir.path().toStdString();
        req.options.readPantsrc = false;
        auto loaded = loadWorkspace(req);
        QVERIFY(loaded);
        const Workspace &ws = **loaded;
        int bashNotes = 0, bashWarnings = 0, oddWarnings = 0;
        for (const auto &d : ws.diagnostics()) {
            const bool bash = d.message.find("`bash_library`") != std::string::npos;
            const bool odd = d.message.find("`odd_thing`") != std::string::npos;
            bashNotes += bash && d.severity == trellis::base::Severity::Note;
            bashWarnings += bash && d.severity == trellis::base::Severity::Warning;
            oddWarnings += odd && d.severity == trellis::base::Severity::Warning;
        }
        QCOMPARE(bashNotes, 1);
        QCOMPARE(bashWarnings, 0);
        QCOMPARE(oddWarnings, 1);
    }

    // Directories are built in parallel; the note on a type used in many of them comes
    // from the first directory in path order, whichever thread gets there first.
    void noteComesFromTheFirstDirectory()
    {
        QTemporaryDir dir;
        write(dir, "pants.toml", "[GLOBAL]\npants_version = \"2.3.0\"\npythonpath = [\"pants-plugins\"]\n"
                                 "backend_packages = [\"plug\"]\n");
        write(dir, "pants-plugins/plug/__init__.py", "");
        write(dir, "pants-plugins/plug/register.py", "from plug.target_types import BashLibrary, Odd\n\n"
                                                      "def target_types():\n    return [BashLibrary, Odd]\n");
        write(dir, "pants-plugins/plug/target_types.py", kPlugin);
        // The first directory takes longest to evaluate, so other threads get there first.
        write(dir, "d00/BUILD", "x = [i * i for i in range(200000)]\nbash_library(name=\"lib\")\n");
        for (int i = 1; i < 64; ++i)
            write(dir, QStringLiteral("d%1/BUILD").arg(i, 2, 10, QLatin1Char('0')),
                  "bash_library(name=\"lib\")\nbash_library(name=\"other\")\n");
        for (int run = 0; run < 20; ++run) {
            LoadRequest req;
            req.options.buildRoot = dir.path().toStdString();
            req.options.readPantsrc = false;
            req.threads = 4;
            auto loaded = loadWorkspace(req);
            QVERIFY(loaded);
            std::vector<std::string> notes;
            for (const auto &d : (*loaded)->diagnostics())
                if (d.message.find("`bash_library`") != std::string::npos)
                    notes.push_back(d.loc.file);
            QCOMPARE(notes.size(), size_t(1));
            QCOMPARE(notes.front(), std::string("d00/BUILD"));
        }
    }
};

QTEST_GUILESS_MAIN(PluginNotesTest)
#include "pluginnotes_test.moc"
