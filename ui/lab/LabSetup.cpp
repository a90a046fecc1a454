#include "lab/LabSetup.h"

#include "api/LabRecord.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace qonsul::ui {

namespace {

const QString defaultFirstAddress = QStringLiteral("127.0.0.10");

QString shellQuoted(const QString &word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9_./:=,+@%-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

LabSetup LabSetup::forThisProgram()
{
    return LabSetup{
        QCoreApplication::applicationFilePath(), defaultLabDir(), defaultFirstAddress, {}};
}

QStringList LabSetup::commandArguments(const QString &subcommand, const QStringList &flags,
                                       const QStringList &operands) const
{
    QStringList args{QStringLiteral("lab"), subcommand};
    if (dir != defaultLabDir())
        args << QStringLiteral("-dir=%1").arg(dir);
    if (subcommand == QLatin1String("up") && firstAddress != defaultFirstAddress)
        args << QStringLiteral("-first-address=%1").arg(firstAddress);
    return args + flags + operands;
}

QString LabSetup::commandLine(const QString &subcommand, const QStringList &flags,
                              const QStringList &operands) const
{
    return shellLine(QStringLiteral("qonsul"), commandArguments(subcommand, flags, operands));
}

QString LabSetup::shellLine(const QString &program, const QStringList &arguments)
{
    QStringList words{program};
    for (const QString &arg : arguments)
        words << shellQuoted(arg);
    return words.join(QLatin1Char(' '));
}

} // namespace qonsul::ui
