// VERSION parsing, scheme detection, next-version suggestions and validation.
#include "core/release/releaseversion.h"

#include <QTest>

using namespace trellis::release;

class ReleaseVersionTest : public QObject {
    Q_OBJECT
private Q_SLOTS:
    void testParse_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("normalized");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<bool>("prerelease");
        QTest::addColumn<bool>("zeroPadded");
        QTest::addColumn<QString>("label");
        QTest::newRow("calver") << "26.3.0\n" << "26.3.0" << "calver" << false << false << "";
        QTest::newRow("calver zero-padded") << " 20.09.0 " << "20.9.0" << "calver" << false << true << "";
        QTest::newRow("calver rc") << "26.8.0rc1" << "26.8.0rc1" << "calver" << true << false << "rc";
        QTest::newRow("calver rc separators") << "26.8.0-rc.1" << "26.8.0rc1" << "calver" << true << false << "rc";
        QTest::newRow("calver dev") << "26.9.0dev" << "26.9.0.dev0" << "calver" << true << false << "dev";
        QTest::newRow("calver beta") << "26.10.1beta2" << "26.10.1b2" << "calver" << true << false << "b";
        QTest::newRow("semver") << "1.4.0" << "1.4.0" << "semver" << false << false << "";
        QTest::newRow("semver alpha") << "2.0.0a1" << "2.0.0a1" << "semver" << true << false << "a";
        QTest::newRow("month 13 is semver") << "26.13.0" << "26.13.0" << "semver" << false << false << "";
        QTest::newRow("pep440 two parts") << "1.2" << "1.2" << "pep440" << false << false << "";
        QTest::newRow("pep440 epoch") << "1!2.0.0" << "1!2.0.0" << "pep440" << false << false << "";
    }
    void testParse()
    {
        QFETCH(QString, text);
        QFETCH(QString, normalized);
        QFETCH(QString, scheme);
        QFETCH(bool, prerelease);
        QFETCH(bool, zeroPadded);
        QFETCH(QString, label);
        auto v = ReleaseVersion::parse(text.toStdString());
        QVERIFY(v.ok());
        QCOMPARE(QString::fromStdString(v->normalized), normalized);
        QCOMPARE(QString::fromStdString(schemeName(v->scheme)), scheme);
        QCOMPARE(v->isPrerelease(), prerelease);
        QCOMPARE(v->zeroPaddedMonth, zeroPadded);
        QCOMPARE(QString::fromStdString(v->preReleaseLabel()), label);
    }

    void testParseErrors_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("empty") << "  \n";
        QTest::newRow("words") << "release";
        QTest::newRow("trailing junk") << "26.3.0 final";
    }
    void testParseErrors()
    {
        QFETCH(QString, text);
        auto v = ReleaseVersion::parse(text.toStdString(), std::nullopt, "VERSION");
        QVERIFY(!v.ok());
        QVERIFY(!v.diagnostics().empty());
        QVERIFY(v.diagnostics().front().format().rfind("VERSION:", 0) == 0);
    }

    void testClassifier_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("classifier");
        QTest::newRow("dev") << "26.9.0.dev1" << "Development Status :: 2 - Pre-Alpha";
        QTest::newRow("alpha") << "26.9.0a1" << "Development Status :: 3 - Alpha";
        QTest::newRow("beta") << "26.9.0b1" << "Development Status :: 4 - Beta";
        QTest::newRow("rc") << "26.9.0rc1" << "Development Status :: 4 - Beta";
        QTest::newRow("final") << "26.9.0" << "Development Status :: 5 - Production/Stable";
    }
    void testClassifier()
    {
        QFETCH(QString, text);
        QFETCH(QString, classifier);
        QCOMPARE(QString::fromStdString(ReleaseVersion::parse(text.toStdString())->classifier()), classifier);
    }

    void testSuggestions_data()
    {
        QTest::addColumn<QString>("current");
        QTest::addColumn<QDate>("today");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("calver same month")
            << "26.3.0" << QDate(2026, 3, 20) << QStringList{"26.3.1", "26.4.0", "26.4.0rc1", "26.4.0b1"};
        QTest::newRow("calver later month")
            << "26.3.2" << QDate(2026, 6, 2) << QStringList{"26.3.3", "26.6.0", "26.6.0rc1", "26.6.0b1"};
        QTest::newRow("calver december")
            << "26.12.0" << QDate(2026, 12, 31) << QStringList{"26.12.1", "27.1.0", "27.1.0rc1", "27.1.0b1"};
        QTest::newRow("calver next year")
            << "25.11.4" << QDate(2026, 1, 5) << QStringList{"25.11.5", "26.1.0", "26.1.0rc1", "26.1.0b1"};
        QTest::newRow("calver zero-padded")
            << "20.09.0" << QDate(2020, 9, 1) << QStringList{"20.9.1", "20.10.0", "20.10.0rc1", "20.10.0b1"};
        QTest::newRow("rc") << "26.8.0rc1" << QDate(2026, 8, 1) << QStringList{"26.8.0", "26.8.0rc2"};
        QTest::newRow("beta") << "26.8.0b2" << QDate(2026, 8, 1) << QStringList{"26.8.0", "26.8.0b3", "26.8.0rc1"};
        QTest::newRow("dev") << "26.9.0.dev0" << QDate(2026, 8, 1) << QStringList{"26.9.0", "26.9.0.dev1", "26.9.0rc1"};
        QTest::newRow("semver")
            << "1.4.0" << QDate(2026, 8, 1) << QStringList{"1.4.1", "1.5.0", "2.0.0", "1.5.0rc1", "1.5.0b1"};
        QTest::newRow("pep440") << "1.2" << QDate(2026, 8, 1) << QStringList{"1.3", "1.3rc1"};
    }
    void testSuggestions()
    {
        QFETCH(QString, current);
        QFETCH(QDate, today);
        QFETCH(QStringList, expected);
        auto v = ReleaseVersion::parse(current.toStdString());
        QVERIFY(v.ok());
        QStringList got;
        for (const VersionSuggestion &s : suggestNextVersions(*v, today))
            got << QString::fromStdString(s.version);
        QCOMPARE(got, expected);
    }

    void testValidate_data()
    {
        QTest::addColumn<QString>("typed");
        QTest::addColumn<QString>("scheme");
        QTest::addColumn<QString>("last");
        QTest::addColumn<QString>("error");
        QTest::addColumn<QString>("warning");
        QTest::newRow("ok") << "26.4.0" << "calver" << "26.3.0" << "" << "";
        QTest::newRow("normalized warning") << "26.04.0" << "calver" << "26.3.0" << ""
                                            << "version '26.04.0' will be written in its normalized form 26.4.0";
        QTest::newRow("equal") << "26.3.0" << "calver" << "26.3.0" << "version 26.3.0 is not newer than the last release 26.3.0" << "";
        QTest::newRow("padded equal") << "26.03.0" << "calver" << "26.3.0" << "version 26.3.0 is not newer than the last release 26.3.0" << "";
        QTest::newRow("rc after final") << "26.3.0rc1" << "calver" << "26.3.0" << "version 26.3.0rc1 is not newer than the last release 26.3.0" << "";
        QTest::newRow("final after rc") << "26.8.0" << "calver" << "26.8.0rc2" << "" << "";
        QTest::newRow("month 13") << "26.13.0" << "calver" << "" << "version '26.13.0' has month 13; CalVer months are 1..12" << "";
        QTest::newRow("two parts calver") << "26.4" << "calver" << "" << "version '26.4' does not fit the CalVer scheme YY.MM.micro" << "";
        QTest::newRow("four-digit year") << "2026.4.0" << "calver" << "" << "version '2026.4.0' has year 2026; CalVer years are two digits" << "";
        QTest::newRow("semver two parts") << "1.5" << "semver" << "" << "version '1.5' does not fit the SemVer scheme MAJOR.MINOR.PATCH" << "";
        QTest::newRow("local") << "1.5.0+dirty" << "semver" << "" << "version '1.5.0+dirty' has a local part (+dirty), which cannot be published" << "";
        QTest::newRow("garbage") << "next" << "calver" << "" << "*" << "";
    }
    void testValidate()
    {
        QFETCH(QString, typed);
        QFETCH(QString, scheme);
        QFETCH(QString, last);
        QFETCH(QString, error);
        QFETCH(QString, warning);
        std::optional<trellis::lockfile::Version> lastVersion;
        if (!last.isEmpty())
            lastVersion = *trellis::lockfile::Version::parse(last.toStdString());
        auto v = validateNewVersion(typed.toStdString(), *schemeFromName(scheme.toStdString()), lastVersion);
        if (error.isEmpty()) {
            QVERIFY(v.ok());
            if (warning.isEmpty())
                QVERIFY(v.diagnostics().empty());
            else
                QCOMPARE(QString::fromStdString(v.diagnostics().front().message), warning);
        } else {
            QVERIFY(!v.ok());
            if (error != QLatin1String("*"))
                QCOMPARE(QString::fromStdString(v.diagnostics().front().message), error);
        }
    }
};

QTEST_GUILESS_MAIN(ReleaseVersionTest)
#include "releaseversion_test.moc"
