#include "dns/DigCommand.h"

#include "dns/WireCodec.h"

#include <QHostAddress>
#include <QRegularExpression>

namespace qonsul::ui {

namespace {

bool isAddress(const QString &text)
{
    return !text.isEmpty() && !QHostAddress(text).isNull();
}

bool isPtrForAddress(const DnsQuestionInput &question)
{
    return question.type.compare(QLatin1String("PTR"), Qt::CaseInsensitive) == 0 &&
           isAddress(question.name.trimmed());
}

// Single quotes around anything a POSIX shell would read differently.
QString shellWord(const QString &word)
{
    static const QRegularExpression plain(QStringLiteral("^[A-Za-z0-9._:@/+=-]+$"));
    if (plain.match(word).hasMatch())
        return word;
    QString quoted = word;
    quoted.replace(QLatin1Char('\''), QLatin1String("'\\''"));
    return QLatin1Char('\'') + quoted + QLatin1Char('\'');
}

} // namespace

QString questionName(const DnsQuestionInput &question)
{
    const QString name = question.name.trimmed();
    if (isPtrForAddress(question)) {
        if (const auto reversed = dns::reverseName(name.toStdString()))
            return QString::fromStdString(*reversed);
    }
    return name;
}

QString digCommand(const DnsServerAddress &server, const DnsQuestionInput &question)
{
    QStringList words{QStringLiteral("dig"), QLatin1Char('@') + shellWord(server.host)};
    if (server.port != 53)
        words << QStringLiteral("-p") << QString::number(server.port);
    if (isPtrForAddress(question)) {
        words << QStringLiteral("-x") << question.name.trimmed();
    } else {
        words << shellWord(question.name.trimmed()) << question.type.toUpper();
    }
    if (question.tcp)
        words << QStringLiteral("+tcp");
    if (!question.edns)
        words << QStringLiteral("+noedns");
    return words.join(QLatin1Char(' '));
}

} // namespace qonsul::ui
