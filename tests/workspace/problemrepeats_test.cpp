// foldRepeats: the same root cause reported in many places (an unknown target type used
// in many BUILD files) is one group with its other occurrences as repeats; groups with
// knock-ons and different messages or severities stay apart.
#include "core/workspace/loadproblems.h"

#include <QTest>

using namespace trellis;
using namespace trellis::workspace;

class ProblemRepeatsTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void foldsSameSeverityAndMessage()
    {
        const std::string unknown = "unknown target type `java_sources`: no enabled backend or in-repo plugin defines it";
        std::vector<ProblemGroup> groups;
        groups.push_back({base::Diagnostic::warning({"a/BUILD", 1, 1}, unknown), {}, {}});
        groups.push_back({base::Diagnostic::error({"b/BUILD", 2, 1}, "'(' was never closed"),
                          {base::Diagnostic::error({"c/x.py", 0, 0}, "cannot infer owners")}, {}});
        groups.push_back({base::Diagnostic::warning({"c/BUILD", 3, 1}, unknown), {}, {}});
        groups.push_back({base::Diagnostic::error({"d/BUILD", 4, 1}, unknown), {}, {}}); // another severity
        groups.push_back({base::Diagnostic::warning({"e/BUILD", 5, 1}, unknown), {}, {}});
        groups.push_back({base::Diagnostic::error({"f/BUILD", 1, 1}, "'(' was never closed"),
                          {base::Diagnostic::error({"g/x.py", 0, 0}, "cannot infer owners")}, {}});

        const std::vector<ProblemGroup> folded = foldRepeats(groups);
        QCOMPARE(folded.size(), size_t(4));
        QCOMPARE(folded[0].cause.loc.file, std::string("a/BUILD"));
        QCOMPARE(folded[0].repeats.size(), size_t(2));
        QCOMPARE(folded[0].repeats[0].loc.file, std::string("c/BUILD"));
        QCOMPARE(folded[0].repeats[1].loc.file, std::string("e/BUILD"));
        QVERIFY(folded[0].knockOns.empty());
        // Causes with knock-ons keep their own rows even when their messages agree.
        QCOMPARE(folded[1].cause.loc.file, std::string("b/BUILD"));
        QCOMPARE(folded[1].knockOns.size(), size_t(1));
        QVERIFY(folded[1].repeats.empty());
        QCOMPARE(folded[2].cause.loc.file, std::string("d/BUILD"));
        QVERIFY(folded[2].repeats.empty());
        QCOMPARE(folded[3].cause.loc.file, std::string("f/BUILD"));
        QVERIFY(foldRepeats({}).empty());
    }
};

QTEST_MAIN(ProblemRepeatsTest)
#include "problemrepeats_test.moc"
