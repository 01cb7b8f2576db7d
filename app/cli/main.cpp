// `trellis`: the command line. Argument handling and printing live in app/cli (the
// trellis_cli library); the work itself in core/.
#include "app/cli/goal.h"

#include <QCoreApplication>

#include <iostream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("trellis"));
    QCoreApplication::setApplicationVersion(QStringLiteral(TRELLIS_VERSION));
    std::vector<std::string> args;
    for (int i = 1; i < argc; ++i)
        args.emplace_back(argv[i]);
    trellis::cli::leakWorkspaceAtExit();
    const int code = trellis::cli::run(args, std::cout, std::cerr);
    std::cout.flush();
    return code;
}
