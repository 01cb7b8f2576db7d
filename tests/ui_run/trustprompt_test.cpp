// The GUI's trust prompt names the host and the settings, records the trust only when
// the user clicks "Trust", and escapes what the repository controls (a root or host
// cannot inject markup into the dialog).
#include "ui/run/trustprompt.h"

#include "../ui/uitestsupport.h"

#include <QApplication>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace trellis;
using namespace trellis::ui;

namespace {

/// Clicks the button labelled `text` of the next modal message box.
void clickLater(const QString &text)
{
    QTimer::singleShot(0, [text] {
        for (QWidget *w : QApplication::topLevelWidgets())
            if (auto *box = qobject_cast<QMessageBox *>(w); box && box->isVisible())
                for (QAbstractButton *b : box->buttons())
                    if (b->text() == text) {
                        b->click();
                        return;
                    }
        clickLater(text); // not shown yet
    });
}

run::RepositoryTrustRequest request(const QString &root)
{
    run::RepositoryTrustRequest r;
    r.root = root.toStdString();
    r.host = "http://cache.example:9090";
    r.keys = {"auth_token_env", "url"};
    r.digest = std::string(64, 'a');
    return r;
}

} // namespace

class TrustPromptTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testTextNamesHostAndEscapes()
    {
        run::RepositoryTrustRequest r = request(QStringLiteral("/src/<b>repo"));
        const QString text = trustPromptText(r);
        QVERIFY(text.contains(QStringLiteral("http://cache.example:9090")));
        QVERIFY(text.contains(QStringLiteral("auth_token_env, url")));
        QVERIFY(text.contains(QStringLiteral("/src/&lt;b&gt;repo")));
        QVERIFY(!text.contains(QStringLiteral("changed since")));
        r.changed = true;
        QVERIFY(trustPromptText(r).contains(QStringLiteral("changed since you trusted it")));
    }

    void testTrustIsRecordedOnlyOnTrust()
    {
        QTemporaryDir dir;
        const std::string store = dir.filePath(QStringLiteral("trusted-repos")).toStdString();
        const run::RepositoryTrustRequest r = request(dir.path());
        const run::Settings repository = {{"url", "http://cache.example:9090"}, {"auth_token_env", "T"}};
        QVERIFY(run::repositoryTrustRequest(dir.path().toStdString(), repository, store));

        clickLater(QStringLiteral("Don't Trust"));
        QVERIFY(!askToTrustRepository(nullptr, r, store));
        QVERIFY(!QFile::exists(QString::fromStdString(store)));

        // What the GUI does: ask with the real request, then it is trusted from now on.
        const auto real = run::repositoryTrustRequest(dir.path().toStdString(), repository, store);
        QVERIFY(real);
        clickLater(QStringLiteral("Trust"));
        QVERIFY(askToTrustRepository(nullptr, *real, store));
        QVERIFY(!run::repositoryTrustRequest(dir.path().toStdString(), repository, store));
    }
};

QTEST_MAIN(TrustPromptTest)
#include "trustprompt_test.moc"
