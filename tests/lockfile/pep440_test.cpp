// PEP 440 parsing, normalization and ordering.
#include "core/lockfile/pep440.h"

#include <QTest>

using trellis::lockfile::BumpKind;
using trellis::lockfile::Version;

class Pep440Test : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testNormalize_data();
    void testNormalize();
    void testOrdering_data();
    void testOrdering();
    void testInvalid_data();
    void testInvalid();
    void testProperties();
    void testBump_data();
    void testBump();
    void testProjectName_data();
    void testProjectName();
};

void Pep440Test::testNormalize_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("plain") << "1.2.3" << "1.2.3";
    QTest::newRow("leading zeros") << "20.09.0" << "20.9.0";
    QTest::newRow("rc dash dot") << "1.0-RC.1" << "1.0rc1";
    QTest::newRow("calver rc") << "26.8.0-rc.1" << "26.8.0rc1";
    QTest::newRow("alpha") << "1.0alpha2" << "1.0a2";
    QTest::newRow("beta") << "1.0.beta" << "1.0b0";
    QTest::newRow("c") << "1.0c3" << "1.0rc3";
    QTest::newRow("pre") << "1.0pre4" << "1.0rc4";
    QTest::newRow("preview") << "1.0-preview_5" << "1.0rc5";
    QTest::newRow("dev no number") << "26.9.0dev" << "26.9.0.dev0";
    QTest::newRow("post dash") << "1.0-1" << "1.0.post1";
    QTest::newRow("post rev") << "1.0rev2" << "1.0.post2";
    QTest::newRow("post r") << "1.0-r3" << "1.0.post3";
    QTest::newRow("post bare") << "1.0.post" << "1.0.post0";
    QTest::newRow("epoch") << "1!2.0" << "1!2.0";
    QTest::newRow("epoch zero dropped") << "0!2.0" << "2.0";
    QTest::newRow("v prefix and spaces") << "  v1.0 \n" << "1.0";
    QTest::newRow("all segments") << "2!1.0a1.post2.dev3+Ubuntu-01_x" << "2!1.0a1.post2.dev3+ubuntu.1.x";
    QTest::newRow("pre sep before dev") << "1.0a-dev" << "1.0a0.dev0";
    QTest::newRow("pre dash number") << "1.0a-1" << "1.0a1";
    QTest::newRow("upper") << "1.0RC1.DEV2" << "1.0rc1.dev2";
    QTest::newRow("local zeros") << "1.0+007" << "1.0+7";
}

void Pep440Test::testNormalize()
{
    QFETCH(QString, input);
    QFETCH(QString, normalized);
    auto v = Version::parse(input.toStdString());
    QVERIFY2(v.ok(), v.ok() ? "" : v.diagnostics().front().format().c_str());
    QCOMPARE(QString::fromStdString(v->toString()), normalized);
    // Normalizing is idempotent.
    auto again = Version::parse(v->toString());
    QVERIFY(again.ok());
    QCOMPARE(QString::fromStdString(again->toString()), normalized);
    QVERIFY(*again == *v);
}

void Pep440Test::testOrdering_data()
{
    QTest::addColumn<QString>("lower");
    QTest::addColumn<QString>("higher");
    QTest::addColumn<bool>("equal");
    auto lt = [](const char *a, const char *b) { QTest::addRow("%s < %s", a, b) << a << b << false; };
    auto eq = [](const char *a, const char *b) { QTest::addRow("%s == %s", a, b) << a << b << true; };
    lt("1.0.dev0", "1.0a0");
    lt("1.0a0", "1.0a1");
    lt("1.0a1", "1.0a2.dev0");  // dev of a later pre
    lt("1.0a2.dev0", "1.0a2");
    lt("1.0a2", "1.0a2.post1");
    lt("1.0a2.post1.dev0", "1.0a2.post1");
    lt("1.0a9", "1.0b1");
    lt("1.0b1", "1.0rc1");
    lt("1.0rc1", "1.0");
    lt("1.0", "1.0+local");
    lt("1.0+local", "1.0.post1.dev0");
    lt("1.0.post1.dev0", "1.0.post1");
    lt("1.0.post1", "1.0.post2");
    lt("1.0.post2", "1.0.1");
    lt("1.0.1", "1.1.dev1");
    lt("1.9", "1.10");
    lt("1.0.dev1", "1.0.dev2");
    lt("1.0.dev9", "1.0.post0.dev0"); // dev-only release < post's dev release
    lt("2.0", "1!0.1");
    lt("1!1.0", "2!0.0.1");
    lt("1.0+abc", "1.0+1");           // numeric local > alphanumeric
    lt("1.0+1", "1.0+1.0");           // longer local wins when a prefix
    lt("1.0+abc", "1.0+abd");
    lt("1.0+2", "1.0+10");
    lt("20.9.0", "20.10.0rc1");
    lt("26.8.0rc1", "26.8.0");
    lt("3.13.2", "3.13.3");
    lt("0.9999", "1.0.dev0");
    eq("20.09.0", "20.9.0");
    eq("1.0", "1.0.0");
    eq("1.0.0.0", "1");
    eq("1.0-RC.1", "1.0rc1");
    eq("1.0c1", "1.0rc1");
    eq("1.0-1", "1.0.post1");
    eq("0!1.0", "1.0");
    eq("1.0+Ubuntu.1", "1.0+ubuntu-1");
    eq("1.0+01", "1.0+1");
}

void Pep440Test::testOrdering()
{
    QFETCH(QString, lower);
    QFETCH(QString, higher);
    QFETCH(bool, equal);
    auto a = Version::parse(lower.toStdString());
    auto b = Version::parse(higher.toStdString());
    QVERIFY(a.ok());
    QVERIFY(b.ok());
    if (equal) {
        QVERIFY(*a == *b);
        QVERIFY((*a <=> *b) == 0);
        QVERIFY(!(*a < *b));
    } else {
        QVERIFY(*a < *b);
        QVERIFY(*b > *a);
        QVERIFY(!(*a == *b));
    }
}

void Pep440Test::testInvalid_data()
{
    QTest::addColumn<QString>("input");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << "" << "<version>:1:1: error: empty version";
    QTest::newRow("word") << "latest" << "<version>:1:1: error: invalid version 'latest': expected a release number";
    QTest::newRow("trailing dot") << "1.0." << "<version>:1:4: error: invalid version '1.0.': unexpected '.'";
    QTest::newRow("bad suffix") << "1.0foo" << "<version>:1:4: error: invalid version '1.0foo': unexpected 'f'";
    QTest::newRow("epoch only") << "1!" << "<version>:1:3: error: invalid version '1!': expected a release number after the epoch";
    QTest::newRow("empty local") << "1.0+" << "<version>:1:5: error: invalid version '1.0+': expected a local version segment";
    QTest::newRow("huge") << "1.1234567890123456789" << "<version>:1:3: error: number too large in version '1.1234567890123456789'";
    QTest::newRow("wildcard") << "1.*" << "<version>:1:2: error: invalid version '1.*': unexpected '.'";
}

void Pep440Test::testInvalid()
{
    QFETCH(QString, input);
    QFETCH(QString, error);
    auto v = Version::parse(input.toStdString());
    QVERIFY(!v.ok());
    QCOMPARE(QString::fromStdString(v.diagnostics().front().headline()), error);
}

void Pep440Test::testProperties()
{
    auto v = Version::parse("1!26.8.0rc2.post1.dev3+g1234");
    QVERIFY(v.ok());
    QCOMPARE(v->epoch(), 1);
    QCOMPARE(v->release(), (std::vector<std::uint64_t>{26, 8, 0}));
    QCOMPARE(v->preNumber(), std::uint64_t(2));
    QCOMPARE(*v->post(), std::uint64_t(1));
    QCOMPARE(*v->dev(), std::uint64_t(3));
    QVERIFY(v->isPrerelease());
    QCOMPARE(QString::fromStdString(v->publicVersion()), QStringLiteral("1!26.8.0rc2.post1.dev3"));
    QVERIFY(!Version::parse("26.4.10")->isPrerelease());
    QVERIFY(Version::parse("26.9.0.dev0")->isPrerelease());
    QVERIFY(!Version::parse("1.0.post1")->isPrerelease());
    QVERIFY(Version::parse("2.0")->majorBumpFrom(*Version::parse("1.9")));
    QVERIFY(!Version::parse("1.10")->majorBumpFrom(*Version::parse("1.9")));
}

void Pep440Test::testBump_data()
{
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<int>("kind");
    QTest::newRow("major") << "1.9.9" << "2.0" << int(BumpKind::Major);
    QTest::newRow("minor") << "1.9" << "1.10" << int(BumpKind::Minor);
    QTest::newRow("micro") << "3.13.2" << "3.13.3" << int(BumpKind::Micro);
    QTest::newRow("implicit micro") << "1.2" << "1.2.1" << int(BumpKind::Micro);
    QTest::newRow("other post") << "1.2.3" << "1.2.3.post1" << int(BumpKind::Other);
    QTest::newRow("other fourth") << "1.2.3.4" << "1.2.3.5" << int(BumpKind::Other);
    QTest::newRow("downgrade major") << "2.0" << "1.0" << int(BumpKind::Major);
}

void Pep440Test::testBump()
{
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(int, kind);
    QCOMPARE(int(trellis::lockfile::bumpKind(*Version::parse(from.toStdString()), *Version::parse(to.toStdString()))), kind);
}

void Pep440Test::testProjectName_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QString>("normalized");
    QTest::newRow("mixed") << "Friendly-Bard" << "friendly-bard";
    QTest::newRow("runs") << "FRIENDLY._-bard" << "friendly-bard";
    QTest::newRow("underscore") << "annotated_types" << "annotated-types";
    QTest::newRow("dots") << "zope.interface" << "zope-interface";
}

void Pep440Test::testProjectName()
{
    QFETCH(QString, name);
    QFETCH(QString, normalized);
    QCOMPARE(QString::fromStdString(trellis::lockfile::normalizeProjectName(name.toStdString())), normalized);
}

QTEST_GUILESS_MAIN(Pep440Test)
#include "pep440_test.moc"
