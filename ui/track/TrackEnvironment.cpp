#include "TrackEnvironment.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace qonsul::ui {

TrackEnvironment TrackEnvironment::forThisProgram()
{
    TrackEnvironment environment;
    environment.program = QCoreApplication::applicationFilePath();
    environment.workDir = QStandardPaths::writableLocation(QStandardPaths::GenericDataLocation) +
                          QStringLiteral("/qonsul/track");
    environment.home = QDir::homePath();
    environment.searchPath = qEnvironmentVariable("PATH");
    return environment;
}

QString TrackEnvironment::devHttpAddress() const
{
    return devAddress + QLatin1Char(':') + QString::number(httpPort);
}

QString TrackEnvironment::labAddress(int index) const
{
    return labFirstAddress.section(QLatin1Char('.'), 0, 2) + QLatin1Char('.') +
           QString::number(labFirstAddress.section(QLatin1Char('.'), 3).toInt() + index - 1);
}

QString TrackEnvironment::expand(const QString &text) const
{
    const bool defaultDev = devAddress == QLatin1String("127.0.0.1") && httpPort == 8500;
    const QString lab = labDir.isEmpty() ? QString() : QStringLiteral(" -dir=") + labDir;
    const QHash<QString, QString> values = {
        {QStringLiteral("http"), defaultDev ? QStringLiteral("localhost:8500") : devHttpAddress()},
        {QStringLiteral("httpaddr"), devHttpAddress()},
        {QStringLiteral("dns"), QStringLiteral("@%1 -p %2").arg(devAddress).arg(dnsPort)},
        {QStringLiteral("ports"), devPortFlags},
        {QStringLiteral("echo"), QString::number(echoPort)},
        {QStringLiteral("upstream"), QString::number(upstreamPort)},
        {QStringLiteral("n1"), n1},
        {QStringLiteral("n2"), n2},
        {QStringLiteral("lab"), lab},
        {QStringLiteral("labup"), labFirstAddress == QLatin1String("127.0.0.10")
                                      ? lab
                                      : lab + QStringLiteral(" -first-address=") + labFirstAddress},
        {QStringLiteral("qonsul"), program},
    };
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i) == QLatin1Char('{')) {
            const qsizetype end = text.indexOf(QLatin1Char('}'), i);
            if (end > i) {
                const auto found = values.constFind(text.mid(i + 1, end - i - 1));
                if (found != values.cend()) {
                    out += *found;
                    i = end;
                    continue;
                }
            }
        }
        out += text.at(i);
    }
    return out;
}

QProcessEnvironment TrackEnvironment::processEnvironment() const
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    const QString programDir = QFileInfo(program).absolutePath();
    const QString rest =
        searchPath.isEmpty() ? environment.value(QStringLiteral("PATH")) : searchPath;
    environment.insert(QStringLiteral("PATH"),
                       rest.isEmpty() ? programDir : programDir + QLatin1Char(':') + rest);
    if (!home.isEmpty())
        environment.insert(QStringLiteral("HOME"), home);
    if (devHttpAddress() != QLatin1String("127.0.0.1:8500"))
        environment.insert(QStringLiteral("CONSUL_HTTP_ADDR"), devHttpAddress());
    else
        environment.remove(QStringLiteral("CONSUL_HTTP_ADDR"));
    return environment;
}

QString TrackEnvironment::aliasPrelude()
{
    // An alias defined on a line applies from the next line on, and only where bash expands
    // aliases: a script must ask for that.
    return QStringLiteral("shopt -s expand_aliases\nalias consul=qonsul\n");
}

} // namespace qonsul::ui
