// Tests for the built-in count-loc line counter.
#include "core/graph/linecounter.h"

#include <QObject>
#include <QTest>

using namespace trellis::graph;

class LineCounterTest : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void testLanguageOf_data()
    {
        QTest::addColumn<QString>("path");
        QTest::addColumn<QString>("language");
        QTest::newRow("python") << "src/a/x.py" << "Python";
        QTest::newRow("stub") << "src/a/x.pyi" << "Python";
        QTest::newRow("BUILD") << "src/a/BUILD" << "BUILD";
        QTest::newRow("BUILD.pants") << "BUILD.pants" << "BUILD";
        QTest::newRow("shell") << "tools/run.sh" << "Shell";
        QTest::newRow("toml") << "pants.toml" << "TOML";
        QTest::newRow("requirements") << "requirements.txt" << "Requirements";
        QTest::newRow("text") << "notes.txt" << "Plain Text";
        QTest::newRow("dockerfile") << "docker/Dockerfile" << "Dockerfile";
        QTest::newRow("unknown extension") << "data.bin" << "";
        QTest::newRow("no extension") << "LICENSE" << "";
        QTest::newRow("dotfile") << ".gitignore" << "";
    }

    void testLanguageOf()
    {
        QFETCH(QString, path);
        QFETCH(QString, language);
        QCOMPARE(QString::fromStdString(languageOf(path.toStdString())), language);
    }

    void testCountLines_data()
    {
        QTest::addColumn<QString>("language");
        QTest::addColumn<QString>("text");
        QTest::addColumn<QList<qint64>>("expected"); // lines, blanks, comments, code

        QTest::newRow("empty") << "Python" << "" << QList<qint64>{0, 0, 0, 0};
        QTest::newRow("no final newline") << "Python" << "x = 1" << QList<qint64>{1, 0, 0, 1};
        QTest::newRow("python") << "Python" << "# c\n\nimport os\n  # indented\nx = 1  # trailing\n"
                                << QList<qint64>{5, 1, 2, 2};
        QTest::newRow("docstring block") << "Python" << "\"\"\"Module.\n\nMore.\n\"\"\"\ndef f():\n    '''One.'''\n"
                                         << QList<qint64>{6, 1, 4, 1};
        QTest::newRow("raw docstring") << "Python" << "r\"\"\"a\nb\"\"\"\nx\n" << QList<qint64>{3, 0, 2, 1};
        QTest::newRow("whitespace-only line is blank") << "Shell" << " \t\n#!/bin/sh\necho\n"
                                                       << QList<qint64>{3, 1, 1, 1};
        QTest::newRow("c block comment") << "C++" << "/* a\n b */\nint x; // y\n// z\n" << QList<qint64>{4, 0, 3, 1};
        QTest::newRow("one-line block") << "C++" << "/* a */\nint x;\n" << QList<qint64>{2, 0, 1, 1};
        QTest::newRow("json has no comments") << "JSON" << "{\n# x\n}\n" << QList<qint64>{3, 0, 0, 3};
        QTest::newRow("ini semicolons") << "INI" << "; c\n[a]\n" << QList<qint64>{2, 0, 1, 1};
        QTest::newRow("crlf") << "TOML" << "# c\r\n\r\nx = 1\r\n" << QList<qint64>{3, 1, 1, 1};
    }

    void testCountLines()
    {
        QFETCH(QString, language);
        QFETCH(QString, text);
        QFETCH(QList<qint64>, expected);
        const LineCounts c = countLines(text.toStdString(), language.toStdString());
        QCOMPARE((QList<qint64>{c.lines, c.blanks, c.comments, c.code}), expected);
    }

    void testTable()
    {
        LineCounter counter;
        QVERIFY(counter.addFile("a.py", "# c\nx = 1\n"));
        QVERIFY(counter.addFile("b.py", "\ny = 2\n"));
        QVERIFY(counter.addFile("BUILD", "python_sources()\n"));
        QVERIFY(!counter.addFile("blob.bin", "xx\n"));
        const std::vector<LanguageCount> summary = counter.summary();
        QCOMPARE(int(summary.size()), 2);
        QCOMPARE(QString::fromStdString(summary[0].language), QStringLiteral("Python"));
        QCOMPARE(summary[0].files, 2);

        QString rule;
        for (int i = 0; i < 70; ++i)
            rule += QChar(0x2500);
        rule += '\n';
        const QString expected = rule
            + "Language                 Files     Lines    Blanks  Comments      Code\n" + rule
            + "Python                       2         4         1         1         2\n"
            + "BUILD                        1         1         0         0         1\n" + rule
            + "Total                        3         5         1         1         3\n" + rule;
        QCOMPARE(QString::fromStdString(formatLocTable(summary)), expected);
    }
};

QTEST_GUILESS_MAIN(LineCounterTest)
#include "linecounter_test.moc"
