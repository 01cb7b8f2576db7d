// Tests for SharedString and SharedStringPool (core/base/sharedstring.h).
#ifndef Q_MOC_RUN // moc cannot parse <concepts>, which <compare> brings in
#include "core/base/sharedstring.h"
#endif

#include <QTest>
#include <QThread>

#include <memory>
#include <string>
#include <vector>

using namespace trellis;
using base::SharedString;
using base::SharedStringPool;

class SharedStringTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testReadsAsAString()
    {
        const SharedString s(std::string("ai.backend.common.types"));
        const std::string &ref = s;
        QCOMPARE(ref, std::string("ai.backend.common.types"));
        QCOMPARE(std::string_view(s), std::string_view("ai.backend.common.types"));
        QCOMPARE(s.size(), size_t(23));
        QVERIFY(s == "ai.backend.common.types");
        QVERIFY(s == std::string("ai.backend.common.types"));
        QVERIFY(!(s == "ai.backend.common"));
        // Copies share the object; equal texts made apart are equal but not the same object.
        const SharedString copy = s;
        QVERIFY(copy.sameObject(s));
        const SharedString apart("ai.backend.common.types");
        QVERIFY(apart == s);
        QVERIFY(!apart.sameObject(s));
        QVERIFY(SharedString("a") < SharedString("b"));
    }

    void testEmpty()
    {
        const SharedString none;
        QVERIFY(none.empty());
        QCOMPARE(none.str(), std::string());
        QVERIFY(none == SharedString(std::string()));
        QVERIFY(none == "");
        QVERIFY(SharedStringPool().intern("").empty());
    }

    void testPoolHandsOutOneObjectPerText()
    {
        SharedStringPool pool;
        const SharedString a = pool.intern("x.y");
        const SharedString b = pool.intern(std::string("x.") + "y");
        QVERIFY(a.sameObject(b));
        QVERIFY(!a.sameObject(pool.intern("x.z")));
        QCOMPARE(pool.intern("x.z").str(), std::string("x.z"));
    }

    void testPoolFromSeveralThreads()
    {
        // Eight threads intern the same 500 texts: every text ends up one object.
        SharedStringPool pool;
        std::vector<std::vector<SharedString>> got(8);
        std::vector<std::unique_ptr<QThread>> threads;
        for (size_t r = 0; r < got.size(); ++r) {
            threads.emplace_back(QThread::create([&pool, &got, r] {
                for (size_t i = 0; i < 500; ++i)
                    got[r].push_back(pool.intern("module." + std::to_string((i * 7 + r) % 500)));
            }));
            threads.back()->start();
        }
        for (auto &t : threads)
            QVERIFY(t->wait(10000));
        for (size_t r = 1; r < got.size(); ++r)
            for (int i = 0; i < 500; ++i) {
                const std::string text = "module." + std::to_string(i);
                const auto find = [&](size_t run) {
                    for (const SharedString &s : got[run])
                        if (s == text)
                            return s;
                    return SharedString();
                };
                QVERIFY(find(0).sameObject(find(r)));
            }
    }
};

QTEST_GUILESS_MAIN(SharedStringTest)
#include "sharedstring_test.moc"
