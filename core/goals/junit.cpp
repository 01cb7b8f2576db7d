#include "core/goals/junit.h"

#include <QXmlStreamReader>

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

} // namespace trellis::goals
