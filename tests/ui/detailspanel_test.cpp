// DetailsPanel on a target with long lists: a generator of 150 sources whose every file
// imports one module. Each list shows its first 100 items and a "Show all" link; the link
// (clicked through the panel's own browser) lists the rest, until another target is shown.
#include "ui/views/detailspanel.h"

#include "core/live/liveload.h"

#include "uitestsupport.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QUrl>

using namespace trellis;
using namespace trellis::ui;

namespace {

int lines(const QString &text, const QString &prefix)
{
    int n = 0;
    for (const QString &line : text.split(QLatin1Char('\n')))
        if (line.trimmed().startsWith(prefix))
            ++n;
    return n;
}

} // namespace

class DetailsPanelTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void longListsShowAHundredThenAll();

private:
    QTemporaryDir m_dir;
    SnapshotPtr m_snapshot;
};

void DetailsPanelTest::initTestCase()
{
    QVERIFY(m_dir.isValid());
    const QString root = m_dir.path();
    QVERIFY(testing::writePythonPantsToml(root));
    QVERIFY(testing::writeFile(root, "src/many/BUILD", "python_sources()\n"));
    QVERIFY(testing::writeFile(root, "src/base/BUILD", "python_sources()\n"));
    QVERIFY(testing::writeFile(root, "src/base/core.py", "X = 1\n"));
    for (int i = 0; i < 150; ++i)
        QVERIFY(testing::writeFile(root, QStringLiteral("src/many/m%1.py").arg(i, 3, 10, QLatin1Char('0')), "import base.core\n"));
    live::LiveRequest request;
    request.load.options.buildRoot = root.toStdString();
    request.load.options.readPantsrc = false;
    request.cacheDir = "-";
    auto result = live::loadLive(request);
    QVERIFY(result && result->workspace && result->graph);
    auto snapshot = std::make_shared<WorkspaceSnapshot>();
    snapshot->rootPath = root;
    snapshot->workspace = result->workspace;
    snapshot->graph = result->graph;
    m_snapshot = snapshot;
}

void DetailsPanelTest::longListsShowAHundredThenAll()
{
    DetailsPanel panel;
    panel.setSnapshot(m_snapshot);
    const int generator = m_snapshot->workspace->indexOf(*workspace::Address::parse("src/many"));
    const int core = m_snapshot->workspace->indexOf(*workspace::Address::parse("src/base/core.py"));
    QVERIFY(generator >= 0 && core >= 0);

    panel.showTarget(generator);
    QString text = panel.plainText();
    QVERIFY2(text.contains(QStringLiteral("Sources (150)")), qPrintable(text));
    QCOMPARE(lines(text, QStringLiteral("src/many/m")), 100 + 100); // sources, then generated dependencies
    QVERIFY(text.contains(QStringLiteral("src/many/m099.py")) && !text.contains(QStringLiteral("src/many/m100.py")));
    QCOMPARE(text.count(QStringLiteral("Show all 150 (50 more)")), 2);

    // The link, as a click on it arrives: only that list grows.
    auto *browser = panel.findChild<QTextBrowser *>();
    QVERIFY(browser);
    Q_EMIT browser->anchorClicked(QUrl(QStringLiteral("more:sources")));
    text = panel.plainText();
    QCOMPARE(lines(text, QStringLiteral("src/many/m")), 150 + 100);
    QVERIFY(text.contains(QStringLiteral("src/many/m149.py")));
    QCOMPARE(text.count(QStringLiteral("Show all 150 (50 more)")), 1);

    // The dependents of the imported module: its generator and the 150 files, capped the
    // same way.
    panel.showTarget(core);
    text = panel.plainText();
    QVERIFY2(text.contains(QStringLiteral("Dependents (151)")), qPrintable(text));
    QCOMPARE(lines(text, QStringLiteral("src/many/m")), 99);
    QVERIFY(text.contains(QStringLiteral("Show all 151 (51 more)")));
    panel.showAll(QStringLiteral("dependents"));
    QCOMPARE(lines(panel.plainText(), QStringLiteral("src/many/m")), 150);

    // Another target starts with short lists again.
    panel.showTarget(generator);
    QCOMPARE(lines(panel.plainText(), QStringLiteral("src/many/m")), 200);
}

QTEST_MAIN(DetailsPanelTest)
#include "detailspanel_test.moc"
