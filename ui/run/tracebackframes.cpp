#include "ui/run/tracebackframes.h"

#include <QRegularExpression>

namespace trellis::ui {

QList<TracebackFrame> parseTracebackFrames(const QString &text)
{
    static const QRegularExpression pytestFrame(QString::fromLatin1(R"re(^(\S+\.py):(\d+):(?:\s+in\s+(\S+))?)re"));
    static const QRegularExpression pythonFrame(QString::fromLatin1(R"re(^\s*File "([^"]+)", line (\d+)(?:, in (\S+))?)re"));
    QList<TracebackFrame> frames;
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (int i = 0; i < lines.size(); ++i) {
        QRegularExpressionMatch m = pytestFrame.match(lines[i]);
        if (!m.hasMatch())
            m = pythonFrame.match(lines[i]);
        if (!m.hasMatch())
            continue;
        TracebackFrame f;
        f.file = m.captured(1);
        f.line = m.captured(2).toInt();
        f.function = m.captured(3);
        f.textLine = i;
        if (f.line > 0)
            frames.append(f);
    }
    return frames;
}

TracebackFrame testCaseLocation(const goals::TestCase &testCase, const QStringList &addresses)
{
    TracebackFrame where;
    where.function = QString::fromStdString(testCase.name);
    where.file = QString::fromStdString(testCase.file);
    if (where.file.isEmpty()) {
        // "src.calc.calc_test.TestX" -> try "src/calc/calc_test/TestX.py", then "src/calc/calc_test.py", ...
        QStringList module = QString::fromStdString(testCase.className).split(QLatin1Char('.'), Qt::SkipEmptyParts);
        while (!module.isEmpty() && where.file.isEmpty()) {
            const QString candidate = module.join(QLatin1Char('/')) + QStringLiteral(".py");
            for (const QString &address : addresses) {
                const QString path = address.section(QLatin1Char(':'), 0, 0);
                if (path.endsWith(QLatin1String(".py")) && (path == candidate || path.endsWith(QLatin1Char('/') + candidate))) {
                    where.file = path;
                    break;
                }
            }
            module.removeLast();
        }
    }
    if (where.file.isEmpty())
        return where;
    where.line = testCase.line;
    if (where.line <= 0) {
        for (const TracebackFrame &f : parseTracebackFrames(QString::fromStdString(testCase.details))) {
            if (f.file == where.file) {
                where.line = f.line;
                break;
            }
        }
    }
    where.line = qMax(1, where.line);
    return where;
}

} // namespace trellis::ui
