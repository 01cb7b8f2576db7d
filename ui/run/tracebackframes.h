// Traceback frames: the `file:line` locations in a pytest failure report or a Python
// traceback, so the Run panel can open each one in the source viewer.
//
//   for (const TracebackFrame &f : parseTracebackFrames(details))
//       list->addItem(QStringLiteral("%1:%2").arg(f.file).arg(f.line));
#pragma once

#include "core/goals/junit.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace trellis::ui {

struct TracebackFrame {
    QString file;       ///< as written: buildroot-relative or absolute
    int line = 0;       ///< 1-based
    QString function;   ///< "test_parse" when the frame names it, else ""
    int textLine = 0;   ///< 0-based line of the traceback text that names the frame
};

/// Frames in the order they appear. Recognises pytest's `path.py:12: in func` /
/// `path.py:12: Error` lines and Python's `File "path.py", line 12, in func`.
QList<TracebackFrame> parseTracebackFrames(const QString &text);

/// Where a test case is defined. Reports without `file` (pytest's xunit2) are matched
/// to the process's file target addresses by module name ("src.calc.calc_test" ->
/// "src/calc/calc_test.py:tests"); the line is the report's, else the first traceback
/// frame in that file, else 1. An empty file when nothing matches.
TracebackFrame testCaseLocation(const goals::TestCase &testCase, const QStringList &addresses);

} // namespace trellis::ui
