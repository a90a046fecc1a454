#include "dns/DnsHistoryModel.h"

#include "common/StatusIcon.h"

namespace qonsul::ui {

QVariantMap DnsHistoryEntry::toVariant() const
{
    return {
        {QStringLiteral("time"), time},           {QStringLiteral("server"), server},
        {QStringLiteral("name"), question.name},  {QStringLiteral("type"), question.type},
        {QStringLiteral("tcp"), question.tcp},    {QStringLiteral("edns"), question.edns},
        {QStringLiteral("outcome"), outcome},     {QStringLiteral("answers"), answerCount},
        {QStringLiteral("elapsedMs"), elapsedMs}, {QStringLiteral("query"), query},
        {QStringLiteral("response"), response},   {QStringLiteral("explanation"), explanation},
        {QStringLiteral("error"), error},
    };
}

DnsHistoryEntry DnsHistoryEntry::fromVariant(const QVariantMap &map)
{
    DnsHistoryEntry entry;
    entry.time = map.value(QStringLiteral("time")).toDateTime();
    entry.server = map.value(QStringLiteral("server")).toString();
    entry.question.name = map.value(QStringLiteral("name")).toString();
    entry.question.type = map.value(QStringLiteral("type"), QStringLiteral("A")).toString();
    entry.question.tcp = map.value(QStringLiteral("tcp")).toBool();
    entry.question.edns = map.value(QStringLiteral("edns"), true).toBool();
    entry.outcome = map.value(QStringLiteral("outcome")).toString();
    entry.answerCount = map.value(QStringLiteral("answers"), -1).toInt();
    entry.elapsedMs = map.value(QStringLiteral("elapsedMs")).toLongLong();
    entry.query = map.value(QStringLiteral("query")).toByteArray();
    entry.response = map.value(QStringLiteral("response")).toByteArray();
    entry.explanation = map.value(QStringLiteral("explanation")).toStringList();
    entry.error = map.value(QStringLiteral("error")).toString();
    return entry;
}

void DnsHistoryModel::add(DnsHistoryEntry entry)
{
    beginInsertRows(QModelIndex(), 0, 0);
    m_entries.prepend(std::move(entry));
    endInsertRows();
    if (m_entries.size() > limit) {
        beginRemoveRows(QModelIndex(), limit, int(m_entries.size()) - 1);
        m_entries.resize(limit);
        endRemoveRows();
    }
}

void DnsHistoryModel::setExplanation(int row, const QStringList &explanation)
{
    if (row < 0 || row >= m_entries.size())
        return;
    m_entries[row].explanation = explanation;
}

void DnsHistoryModel::clear()
{
    if (m_entries.isEmpty())
        return;
    beginRemoveRows(QModelIndex(), 0, int(m_entries.size()) - 1);
    m_entries.clear();
    endRemoveRows();
}

QVariantList DnsHistoryModel::toVariant(int count) const
{
    QVariantList saved;
    for (int i = 0; i < m_entries.size() && i < count; ++i)
        saved << m_entries.at(i).toVariant();
    return saved;
}

void DnsHistoryModel::load(const QVariantList &saved)
{
    QList<DnsHistoryEntry> entries;
    for (const QVariant &item : saved) {
        DnsHistoryEntry entry = DnsHistoryEntry::fromVariant(item.toMap());
        if (!entry.question.name.isEmpty() && entries.size() < limit)
            entries << entry;
    }
    clear();
    if (entries.isEmpty())
        return;
    beginInsertRows(QModelIndex(), 0, int(entries.size()) - 1);
    m_entries = std::move(entries);
    endInsertRows();
}

int DnsHistoryModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int DnsHistoryModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DnsHistoryModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_entries.size())
        return QVariant();
    const DnsHistoryEntry &entry = m_entries.at(index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Time:
            return entry.time.toLocalTime().toString(QStringLiteral("HH:mm:ss"));
        case Name:
            return entry.question.name;
        case Type:
            return entry.question.type;
        case Transport:
            return entry.question.tcp ? QStringLiteral("TCP") : QStringLiteral("UDP");
        case Status:
            return entry.outcome;
        case Answers:
            return entry.answerCount < 0 ? QStringLiteral("–") : QString::number(entry.answerCount);
        case Server:
            return entry.server;
        default:
            return QVariant();
        }
    }
    if (role == Qt::DecorationRole && index.column() == Status) {
        if (entry.outcome == QLatin1String("NOERROR"))
            return statusIcon(QStringLiteral("passing"));
        if (entry.outcome == QLatin1String("NXDOMAIN"))
            return statusIcon(QStringLiteral("warning"));
        return statusIcon(QStringLiteral("critical"));
    }
    if (role == Qt::ToolTipRole) {
        QString tip = QStringLiteral("%1 %2 from %3 over %4, %5")
                          .arg(entry.question.name, entry.question.type, entry.server,
                               entry.question.tcp ? QStringLiteral("TCP") : QStringLiteral("UDP"),
                               entry.time.toLocalTime().toString(Qt::ISODate));
        if (!entry.error.isEmpty())
            tip += QLatin1Char('\n') + entry.error;
        return tip;
    }
    return QVariant();
}

QVariant DnsHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Time:
        return tr("Time");
    case Name:
        return tr("Name");
    case Type:
        return tr("Type");
    case Transport:
        return tr("Via");
    case Status:
        return tr("Status");
    case Answers:
        return tr("Answers");
    case Server:
        return tr("Server");
    default:
        return QVariant();
    }
}

} // namespace qonsul::ui
