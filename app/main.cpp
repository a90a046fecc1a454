// PROVISIONAL entry point until the CLI branch lands.
#include "cli/AgentCommand.h"

#include <QCoreApplication>

int main(int argc, char **argv)
{
    // The agent serves sockets only: Qt's own event dispatcher is cheaper than glib's.
    if (argc > 1 && qstrcmp(argv[1], "agent") == 0)
        qputenv("QT_NO_GLIB", "1");
    QCoreApplication app(argc, argv);
    QStringList args = app.arguments().mid(1);
    if (!args.isEmpty() && args.first() == QLatin1String("agent"))
        return qonsul::runAgentCommand(args.mid(1));
    return 1;
}
