// bench_gen_repo OUTDIR [--build-files N] [--files M]: writes a realistic Pants repository
// (pants.toml, source roots, python_sources / python_tests / python_requirements BUILD
// files, Python files with imports) for the workspace benchmark. Deterministic.
#include <QCoreApplication>
#include <QDir>
#include <QFile>

#include <cstdio>
#include <string>
#include <vector>

namespace {

bool writeFile(const QString &path, const std::string &text)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    return f.write(text.data(), qint64(text.size())) == qint64(text.size());
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QString out;
    int buildFiles = 1000, files = 10000;
    const QStringList args = app.arguments();
    for (int i = 1; i < args.size(); ++i) {
        if (args[i] == QLatin1String("--build-files") && i + 1 < args.size())
            buildFiles = args[++i].toInt();
        else if (args[i] == QLatin1String("--files") && i + 1 < args.size())
            files = args[++i].toInt();
        else
            out = args[i];
    }
    if (out.isEmpty() || buildFiles < 1 || files < buildFiles) {
        std::fprintf(stderr, "usage: bench_gen_repo OUTDIR [--build-files N] [--files M] (M >= N)\n");
        return 2;
    }
    QDir().mkpath(out);
    bool ok = writeFile(out + "/pants.toml",
                        "[GLOBAL]\npants_version = \"2.32.0\"\nbackend_packages = [\"pants.backend.python\", "
                        "\"pants.backend.python.lint.black\"]\n\n[python]\ninterpreter_constraints = [\"==3.11.*\"]\n"
                        "enable_resolves = true\nresolves = { python-default = \"3rdparty/python/default.lock\" }\n\n"
                        "[source]\nroot_patterns = [\"/src\", \"/tests\"]\n");
    ok = ok && writeFile(out + "/3rdparty/python/BUILD", "python_requirements(name=\"reqs\")\n");
    ok = ok && writeFile(out + "/3rdparty/python/requirements.txt",
                         "PyYAML>=6.0\nrequests==2.31.0\nattrs>=23\nclick>=8\npydantic>=2\n");
    ok = ok && writeFile(out + "/3rdparty/python/default.lock", "{}\n");
    // Packages: src/pkgK/modM (BUILD files spread over two levels), each with sources and tests.
    const int perDir = files / buildFiles;
    int written = 0;
    for (int d = 0; d < buildFiles && ok; ++d) {
        const QString dir = QStringLiteral("%1/src/proj%2/pkg%3").arg(out).arg(d / 50).arg(d);
        std::string build = "python_sources()\n";
        if (d % 2 == 0)
            build += "python_tests(name=\"tests\", timeout=60)\n";
        ok = writeFile(dir + "/BUILD", build);
        for (int f = 0; f < perDir && ok; ++f) {
            const bool test = d % 2 == 0 && f == perDir - 1;
            const std::string name = f == 0 ? "__init__.py" : test ? "mod_test.py" : "mod" + std::to_string(f) + ".py";
            std::string text = "import os\nimport yaml\nfrom proj" + std::to_string(d / 50) + ".pkg"
                               + std::to_string((d + 1) % buildFiles) + " import mod1\n\n\n";
            for (int line = 0; line < 30; ++line)
                text += "def f" + std::to_string(line) + "(x):\n    return x + " + std::to_string(line) + "\n\n";
            ok = writeFile(dir + "/" + QString::fromStdString(name), text);
            ++written;
        }
    }
    if (!ok) {
        std::fprintf(stderr, "bench_gen_repo: cannot write to %s\n", qPrintable(out));
        return 1;
    }
    std::printf("wrote %d BUILD files and %d Python files to %s\n", buildFiles, written, qPrintable(out));
    return 0;
}
