// JUnit XML reports (pytest --junit-xml) parsed into test cases.
//
//   base::Result<std::vector<TestCase>> cases = parseJUnitXml(xmlText, "report.xml");
//   std::string xml = writeJUnitXml(*cases, "pytest"); // a cached result's report
#pragma once

#include "core/base/result.h"

#include <string>
#include <vector>

namespace trellis::goals {

enum class TestCaseStatus { Passed, Failed, Error, Skipped };

const char *testCaseStatusName(TestCaseStatus s);

/// One test case from a report.
struct TestCase {
    std::string name;        ///< "test_parse[case-1]"
    std::string className;   ///< "tests.unit.test_x.TestParser" (pytest: dotted module + class)
    std::string file;        ///< "tests/unit/test_x.py" when the report has it
    int line = 0;            ///< 1-based line of the test function (pytest reports 0-based; converted)
    TestCaseStatus status = TestCaseStatus::Passed;
    double durationSeconds = 0;
    std::string message;     ///< failure/error/skip message attribute
    std::string details;     ///< the element text: traceback for failures
};

/// Parses pytest's JUnit XML (xunit1 and xunit2 families, <testsuites> or a bare
/// <testsuite>). Malformed XML gives an error with `file:line:col`.
base::Result<std::vector<TestCase>> parseJUnitXml(const std::string &xml, const std::string &fileName);

/// JUnit XML (xunit2, one <testsuite>) for test cases, as pytest writes it; parseJUnitXml
/// reads it back to the same cases. Used for the report of a result from the cache.
std::string writeJUnitXml(const std::vector<TestCase> &cases, const std::string &suiteName);

} // namespace trellis::goals
