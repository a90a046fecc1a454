// PROVISIONAL entry point until the CLI branch lands.
#include "cli/AgentCommand.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (!args.isEmpty() && args.first() == QLatin1String("agent"))
        return qonsul::runAgentCommand(args.mid(1));
    return 1;
}
