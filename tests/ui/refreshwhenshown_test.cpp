// RefreshWhenShown: a refresh requested for a hidden view waits until the view is shown,
// runs once however many requests came, and runs at once for a visible view (issue #22:
// the Lockfiles, Changed and Release tabs no longer compute after every save while
// nobody looks at them).
#include "ui/views/refreshwhenshown.h"

#include <QPointer>
#include <QTabWidget>
#include <QTest>
#include <QVBoxLayout>
#include <QWidget>

using namespace trellis::ui;

class RefreshWhenShownTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void waitsForTheViewToBeShown()
    {
        QWidget window;
        auto *tabs = new QTabWidget(&window);
        (new QVBoxLayout(&window))->addWidget(tabs);
        auto *front = new QWidget;
        auto *back = new QWidget;
        tabs->addTab(front, QStringLiteral("front"));
        tabs->addTab(back, QStringLiteral("back"));
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));

        int calls = 0;
        auto *refresh = new RefreshWhenShown(back, [&calls] { ++calls; });
        QVERIFY(!back->isVisible());
        refresh->request();
        refresh->request();
        QCOMPARE(calls, 0);
        QVERIFY(refresh->isPending());

        tabs->setCurrentWidget(back); // shown: the two requests run as one
        QCOMPARE(calls, 1);
        QVERIFY(!refresh->isPending());

        refresh->request(); // visible: at once
        QCOMPARE(calls, 2);

        tabs->setCurrentWidget(front);
        tabs->setCurrentWidget(back); // shown again with nothing pending
        QCOMPARE(calls, 2);

        // The whole window hidden (minimized to nothing, or closed): the same.
        window.hide();
        refresh->request();
        QCOMPARE(calls, 2);
        window.show();
        QCOMPARE(calls, 3);
    }

    void destroyedWithTheView()
    {
        int calls = 0;
        QPointer<RefreshWhenShown> refresh;
        {
            QWidget view;
            refresh = new RefreshWhenShown(&view, [&calls] { ++calls; });
            refresh->request();
        }
        QVERIFY(refresh.isNull());
        QCOMPARE(calls, 0);
    }
};

QTEST_MAIN(RefreshWhenShownTest)
#include "refreshwhenshown_test.moc"
