#include "core/goals/junit.h"

#include <QXmlStreamReader>
#include <QXmlStreamWriter>

namespace trellis::goals {

const char *testCaseStatusName(TestCaseStatus s)
{
    switch (s) {
    case TestCaseStatus::Passed: return "passed";
    case TestCaseStatus::Failed: return "failed";
    case TestCaseStatus::Error: return "error";
    case TestCaseStatus::Skipped: return "skipped";
    }
    return "passed";
}

base::Result<std::vector<TestCase>> parseJUnitXml(const std::string &xml, const std::string &fileName)
{
    std::vector<TestCase> cases;
    QXmlStreamReader reader(QByteArray(xml.data(), qsizetype(xml.size())));
    TestCase *current = nullptr;
    while (!reader.atEnd()) {
        reader.readNext();
        if (reader.isStartElement()) {
            const auto name = reader.name();
            const auto attrs = reader.attributes();
            if (name == QLatin1String("testcase")) {
                TestCase tc;
                tc.name = attrs.value(QLatin1String("name")).toString().toStdString();
                tc.className = attrs.value(QLatin1String("classname")).toString().toStdString();
                tc.file = attrs.value(QLatin1String("file")).toString().toStdString();
                if (attrs.hasAttribute(QLatin1String("line")))
                    tc.line = attrs.value(QLatin1String("line")).toInt() + 1; // pytest writes 0-based lines
                tc.durationSeconds = attrs.value(QLatin1String("time")).toDouble();
                cases.push_back(std::move(tc));
                current = &cases.back();
            } else if (current && (name == QLatin1String("failure") || name == QLatin1String("error")
                                   || name == QLatin1String("skipped"))) {
                // A test can have a failure in its call and an error in teardown: the
                // first outcome that is not a pass decides; texts accumulate.
                const TestCaseStatus st = name == QLatin1String("failure") ? TestCaseStatus::Failed
                                          : name == QLatin1String("error") ? TestCaseStatus::Error
                                                                           : TestCaseStatus::Skipped;
                if (current->status == TestCaseStatus::Passed)
                    current->status = st;
                const std::string msg = attrs.value(QLatin1String("message")).toString().toStdString();
                if (current->message.empty())
                    current->message = msg;
                const std::string text = reader.readElementText(QXmlStreamReader::IncludeChildElements).toStdString();
                if (!text.empty()) {
                    if (!current->details.empty())
                        current->details += "\n";
                    current->details += text;
                }
            }
        } else if (reader.isEndElement() && reader.name() == QLatin1String("testcase")) {
            current = nullptr;
        }
    }
    if (reader.hasError())
        return base::Diagnostic::error({fileName, int(reader.lineNumber()), int(reader.columnNumber()) + 1},
                                       "malformed JUnit XML: " + reader.errorString().toStdString());
    return cases;
}

std::string writeJUnitXml(const std::vector<TestCase> &cases, const std::string &suiteName)
{
    QByteArray out;
    QXmlStreamWriter w(&out);
    w.setAutoFormatting(true);
    w.writeStartDocument();
    w.writeStartElement(QStringLiteral("testsuites"));
    w.writeStartElement(QStringLiteral("testsuite"));
    int failures = 0, errors = 0, skipped = 0;
    double time = 0;
    for (const TestCase &c : cases) {
        failures += c.status == TestCaseStatus::Failed;
        errors += c.status == TestCaseStatus::Error;
        skipped += c.status == TestCaseStatus::Skipped;
        time += c.durationSeconds;
    }
    w.writeAttribute(QStringLiteral("name"), QString::fromStdString(suiteName));
    w.writeAttribute(QStringLiteral("errors"), QString::number(errors));
    w.writeAttribute(QStringLiteral("failures"), QString::number(failures));
    w.writeAttribute(QStringLiteral("skipped"), QString::number(skipped));
    w.writeAttribute(QStringLiteral("tests"), QString::number(cases.size()));
    w.writeAttribute(QStringLiteral("time"), QString::number(time, 'f', 3));
    for (const TestCase &c : cases) {
        w.writeStartElement(QStringLiteral("testcase"));
        w.writeAttribute(QStringLiteral("classname"), QString::fromStdString(c.className));
        w.writeAttribute(QStringLiteral("name"), QString::fromStdString(c.name));
        if (!c.file.empty())
            w.writeAttribute(QStringLiteral("file"), QString::fromStdString(c.file));
        if (c.line > 0)
            w.writeAttribute(QStringLiteral("line"), QString::number(c.line - 1)); // pytest's 0-based lines
        w.writeAttribute(QStringLiteral("time"), QString::number(c.durationSeconds, 'f', 3));
        const char *element = c.status == TestCaseStatus::Failed    ? "failure"
                              : c.status == TestCaseStatus::Error   ? "error"
                              : c.status == TestCaseStatus::Skipped ? "skipped"
                                                                    : nullptr;
        if (element) {
            w.writeStartElement(QLatin1String(element));
            w.writeAttribute(QStringLiteral("message"), QString::fromStdString(c.message));
            if (!c.details.empty())
                w.writeCharacters(QString::fromStdString(c.details));
            w.writeEndElement();
        }
        w.writeEndElement();
    }
    w.writeEndElement();
    w.writeEndElement();
    w.writeEndDocument();
    return out.toStdString();
}

} // namespace trellis::goals
