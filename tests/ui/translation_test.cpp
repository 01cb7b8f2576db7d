// Switches the UI to Korean and Japanese and checks translated text in real widgets.
#include "uitestsupport.h"

#include "ui/mainwindow.h"
#include "ui/translations.h"
#include "ui/views/targetbrowser.h"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QTest>

using namespace trellis::ui;

class TranslationTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void testLanguage_data();
    void testLanguage();
    void testEnglishPlurals();

private:
    QTemporaryDir m_home;
};

void TranslationTest::initTestCase()
{
    QVERIFY(m_home.isValid());
    testing::isolateUserDirectories(m_home.path());
}

void TranslationTest::testLanguage_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<QString>("fileMenu");
    QTest::addColumn<QString>("welcomeTitle");
    QTest::addColumn<QString>("filterPlaceholder");
    QTest::newRow("ko") << "ko" << QStringLiteral("파일(&F)") << QStringLiteral("Pants 워크스페이스를 여세요…")
                        << QStringLiteral("필터: src/app::, dir:name, !제외, 텍스트");
    QTest::newRow("ja") << "ja" << QStringLiteral("ファイル(&F)") << QStringLiteral("Pants ワークスペースを開いてください…")
                        << QStringLiteral("フィルター: src/app::、dir:name、!除外、テキスト");
}

void TranslationTest::testLanguage()
{
    QFETCH(QString, language);
    QFETCH(QString, fileMenu);
    QFETCH(QString, welcomeTitle);
    QFETCH(QString, filterPlaceholder);
    Translations translations;
    QCOMPARE(translations.load(language), language);
    MainWindow window;
    window.show();
    QCOMPARE(window.menuBar()->actions().first()->text(), fileMenu);
    bool found = false;
    for (const QLabel *label : window.findChildren<QLabel *>())
        found = found || label->text() == welcomeTitle;
    QVERIFY2(found, "welcome title not translated");
    QCOMPARE(window.targetBrowser()->findChild<QLineEdit *>()->placeholderText(), filterPlaceholder);
}

void TranslationTest::testEnglishPlurals()
{
    Translations translations;
    QCOMPARE(translations.load(QStringLiteral("en")), QStringLiteral("en"));
    QCOMPARE(QCoreApplication::translate("Trellis", "%n target(s)", nullptr, 1), QStringLiteral("1 target"));
    QCOMPARE(QCoreApplication::translate("Trellis", "%n target(s)", nullptr, 3), QStringLiteral("3 targets"));
}

QTEST_MAIN(TranslationTest)
#include "translation_test.moc"
