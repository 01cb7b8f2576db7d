// A small Pants repository written to a temporary directory, loaded and inferred for real,
// for the component-view and visibility tests (tests/graph, tests/cli).
//
//   src/app/main.py        imports yaml, app.core.models (two lines), lib.util
//   src/app/core/models.py imports lib.util
//   src/app/core/other.py
//   src/app/cli/cli.py
//   src/lib/util.py        imports app.core.models, app.core.other, app.cli.cli (cycle with app)
//   tests/app/test_main.py imports app.main
//   //:reqs                python_requirements (PyYAML)
//
// Visibility rules:
//   src/lib/BUILD      __dependencies_rules__(("*", "/**", "!//src/app/core/**", "*"))
//   src/app/BUILD      __dependents_rules__(("*", "/**", "?//tests/**", "!*"))
//   src/app/core/BUILD __dependents_rules__(({"path": "/models.py"}, "//src/lib/**", "//src/app/**", "!*"), extend=True)
#pragma once

#include "core/graph/components.h"
#include "core/infer/dependencies.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <map>
#include <memory>
#include <string>

namespace trellis::graph::testing {

inline void writeRepoFile(const QString &root, const QString &path, const std::string &text)
{
    const QString full = root + "/" + path;
    QDir().mkpath(QFileInfo(full).absolutePath());
    QFile f(full);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        qFatal("cannot write %s", qPrintable(full));
    f.write(text.data(), qint64(text.size()));
}

/// Writes `files` (path -> text) under `dir`, loads the workspace and infers its graph.
inline std::shared_ptr<const TargetGraph> loadRepo(const QTemporaryDir &dir, const std::map<QString, std::string> &files)
{
    for (const auto &[path, text] : files)
        writeRepoFile(dir.path(), path, text);
    workspace::LoadRequest req;
    req.options.buildRoot = dir.path().toStdString();
    req.options.readPantsrc = false;
    auto ws = workspace::loadWorkspace(req);
    if (!ws)
        qFatal("fixture does not load");
    infer::InferenceRequest ireq;
    ireq.workspace = *ws;
    ireq.cacheDir = "-";
    infer::InferenceResult deps = infer::resolveDependencies(ireq);
    return std::make_shared<const TargetGraph>(*ws, std::move(deps));
}

inline std::map<QString, std::string> componentRepoFiles()
{
    return {
        {"pants.toml", "[GLOBAL]\npants_version = \"2.25.0\"\nbackend_packages = [\"pants.backend.python\", "
                       "\"pants.backend.experimental.visibility\"]\n\n[source]\nroot_patterns = [\"/src\", \"/tests\"]\n\n"
                       "[python]\ninterpreter_constraints = [\"==3.11.*\"]\n"},
        {"BUILD", "python_requirements(name=\"reqs\")\n"},
        {"requirements.txt", "PyYAML>=6\n"},
        {"src/app/BUILD", "python_sources()\n__dependents_rules__((\"*\", \"/**\", \"?//tests/**\", \"!*\"))\n"},
        {"src/app/main.py", "import yaml\nfrom app.core import models\nfrom app.core.models import Model\nimport lib.util\n"},
        {"src/app/core/BUILD", "python_sources()\n__dependents_rules__(\n    ({\"path\": \"/models.py\"}, \"//src/lib/**\", "
                               "\"//src/app/**\", \"!*\"),\n    extend=True,\n)\n"},
        {"src/app/core/models.py", "import lib.util\n\nclass Model:\n    pass\n"},
        {"src/app/core/other.py", "X = 1\n"},
        {"src/app/cli/BUILD", "python_sources()\n"},
        {"src/app/cli/cli.py", "def main():\n    pass\n"},
        {"src/lib/BUILD", "python_sources()\n__dependencies_rules__((\"*\", \"/**\", \"!//src/app/core/**\", \"*\"))\n"},
        {"src/lib/util.py", "from app.core import models\nfrom app.core import other\nfrom app.cli import cli\n"},
        {"tests/app/BUILD", "python_tests()\n"},
        {"tests/app/test_main.py", "from app import main\n\ndef test_main():\n    pass\n"},
    };
}

} // namespace trellis::graph::testing
