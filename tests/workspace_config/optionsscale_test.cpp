// Options at scale: every key of a large pants.toml (one big section, many sections,
// [DEFAULT] fallbacks with interpolation, flags over config) resolves to its own value
// after the lookups were indexed; runaway interpolation is an error, not a memory bomb.
// Timing lives in tests/bench/options (no timed tests here).
#include "core/workspace/options.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;
using namespace trellis::workspace;

class OptionsScaleTest : public QObject {
    Q_OBJECT

    QTemporaryDir m_dir;

    base::Result<Options> load(const std::string &toml, std::vector<OptionFlag> flags = {})
    {
        QFile f(m_dir.path() + "/pants.toml");
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return base::Diagnostic::error({}, "cannot write pants.toml");
        f.write(toml.data(), qint64(toml.size()));
        f.close();
        OptionsRequest req;
        req.buildRoot = m_dir.path().toStdString();
        req.readPantsrc = false;
        req.environment = {{"HOME", m_dir.path().toStdString()}};
        req.flags = std::move(flags);
        return Options::load(req);
    }

private Q_SLOTS:
    void everyKeyOfALargeSection()
    {
        const int n = 5000;
        std::string toml = "[GLOBAL]\npants_version = \"2.32.0\"\n\n[custom]\n";
        for (int i = 0; i < n; ++i)
            toml += "key_" + std::to_string(i) + " = \"v" + std::to_string(i) + "\"\n";
        auto opts = load(toml, {{"custom", "key_17", "from-flag"}, {"custom", "extra", "x"}});
        QVERIFY(opts);
        for (int i = 0; i < n; ++i) {
            const std::string expected = i == 17 ? "from-flag" : "v" + std::to_string(i);
            QCOMPARE(opts->string("custom", "key_" + std::to_string(i)), expected);
        }
        QCOMPARE(opts->string("custom", "extra"), std::string("x"));
        QVERIFY(!opts->value("custom", "key_" + std::to_string(n)));
    }

    void manySectionsAndDefaults()
    {
        const int sections = 2000;
        std::string toml = "[DEFAULT]\nbase = \"/b\"\n";
        for (int i = 0; i < 50; ++i)
            toml += "d_" + std::to_string(i) + " = \"dv" + std::to_string(i) + "\"\n";
        toml += "\n[GLOBAL]\npants_version = \"2.32.0\"\n";
        for (int i = 0; i < sections; ++i) {
            toml += "\n[scope_" + std::to_string(i) + "]\nown = \"o" + std::to_string(i) + "\"\n";
            toml += "path = \"%(base)s/%(own)s/%(d_" + std::to_string(i % 50) + ")s\"\n";
            toml += "n = " + std::to_string(i) + "\n";
        }
        toml += "\n[source]\nroot_patterns = [\"%(base)s/src\"]\n";
        auto opts = load(toml);
        QVERIFY(opts);
        for (int i = 0; i < sections; ++i) {
            const std::string scope = "scope_" + std::to_string(i);
            QCOMPARE(opts->string(scope, "path"),
                     "/b/o" + std::to_string(i) + "/dv" + std::to_string(i % 50));
            QCOMPARE(opts->integer(scope, "n", -1), std::int64_t(i));
        }
        // A section's own key wins over [DEFAULT]; known options still resolve.
        QCOMPARE(opts->list("source", "root_patterns"), std::vector<std::string>{"/b/src"});
        QCOMPARE(opts->string("GLOBAL", "pants_version"), std::string("2.32.0"));
    }

    void sectionKeyShadowsDefault()
    {
        auto opts = load("[DEFAULT]\nname = \"default\"\n\n[a]\nname = \"own\"\nref = \"%(name)s\"\n\n"
                         "[b]\nref = \"%(name)s\"\n");
        QVERIFY(opts);
        QCOMPARE(opts->string("a", "ref"), std::string("own"));
        QCOMPARE(opts->string("b", "ref"), std::string("default"));
    }

    void runawayInterpolationIsAnError()
    {
        // Each level doubles: 2^40 bytes if expanded.
        std::string toml = "[DEFAULT]\nl0 = \"xxxxxxxxxxxxxxxx\"\n";
        for (int i = 1; i <= 40; ++i)
            toml += "l" + std::to_string(i) + " = \"%(l" + std::to_string(i - 1) + ")s%(l" + std::to_string(i - 1)
                    + ")s\"\n";
        toml += "\n[custom]\nbomb = \"%(l40)s\"\n";
        auto opts = load(toml);
        QVERIFY(!opts);
        bool found = false;
        for (const auto &d : opts.diagnostics())
            found = found || d.message.find("expand to more than") != std::string::npos;
        QVERIFY(found);
    }
};

QTEST_GUILESS_MAIN(OptionsScaleTest)
#include "optionsscale_test.moc"
