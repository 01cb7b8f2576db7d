// .pants.bootstrap read statically: plain `export NAME=value` / `NAME=value` lines feed
// `%(env.X)s` in pants.toml (and env() in BUILD files, see workspace tests); anything
// that needs a shell is never run and is named in one warning.
#include "core/workspace/options.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace trellis;
using namespace trellis::workspace;

class BootstrapTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void plainAssignments()
    {
        const auto b = readPantsBootstrap("#!/usr/bin/env bash\n"
                                          "# comment\n"
                                          "export A=1\n"
                                          "B='two words'   # trailing\n"
                                          "export C=\"quoted\"\n"
                                          "export A\n"
                                          "\n",
                                          ".pants.bootstrap");
        QCOMPARE(b.variables, (std::map<std::string, std::string>{{"A", "1"}, {"B", "two words"}, {"C", "quoted"}}));
        QVERIFY(b.warnings.empty());
    }

    void shellCodeIsNamedNotRun()
    {
        const auto b = readPantsBootstrap("export OK=yes\n"
                                          "export SHA=$(git rev-parse HEAD)\n"
                                          "if [ -f x ]; then\n"
                                          "  export X=1\n"
                                          "fi\n"
                                          "export P=\"$HOME/bin\"\n",
                                          ".pants.bootstrap");
        QCOMPARE(b.variables, (std::map<std::string, std::string>{{"OK", "yes"}, {"X", "1"}}));
        QCOMPARE(b.warnings.size(), size_t(1));
        QCOMPARE(b.warnings[0].loc.line, 2);
        QVERIFY2(b.warnings[0].message.find("lines 2, 3, 5, 6") != std::string::npos, b.warnings[0].message.c_str());
        QVERIFY(b.warnings[0].severity == base::Severity::Warning);
    }

    void feedsEnvInterpolation()
    {
        QTemporaryDir dir;
        auto write = [&](const char *name, const char *text) {
            QFile f(dir.path() + "/" + name);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(text);
        };
        write(".pants.bootstrap", "export PANTS_PYTHON_VERSION=3.11\nexport ROOTS=/src\nrm -rf /\n");
        write("pants.toml", "[GLOBAL]\npants_version = \"2.32.0\"\n\n[source]\nroot_patterns = [\"%(env.ROOTS)s\"]\n\n"
                            "[custom]\npy = \"%(env.PANTS_PYTHON_VERSION)s\"\n");
        OptionsRequest req;
        req.buildRoot = dir.path().toStdString();
        req.readPantsrc = false;
        req.environment = {{"HOME", dir.path().toStdString()}, {"ROOTS", "/overridden-by-bootstrap"}};
        auto opts = Options::load(req);
        QVERIFY(opts);
        QCOMPARE(opts->list("source", "root_patterns"), std::vector<std::string>{"/src"});
        QCOMPARE(opts->string("custom", "py"), std::string("3.11"));
        QCOMPARE(opts->environment().at("PANTS_PYTHON_VERSION"), std::string("3.11"));
        QCOMPARE(opts.diagnostics().size(), size_t(1)); // the `rm -rf /` line, named, not run
        QCOMPARE(opts.diagnostics()[0].loc.line, 3);
    }
};

QTEST_GUILESS_MAIN(BootstrapTest)
#include "bootstrap_test.moc"
