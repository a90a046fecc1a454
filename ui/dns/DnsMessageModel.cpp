#include "dns/DnsMessageModel.h"

#include "common/FixedFont.h"
#include "common/KeyedTableModel.h"

#include <QFont>
#include <QFontDatabase>

namespace qonsul::ui {

namespace {

// Child rows carry their section + 1 as internal id; section rows carry 0.
constexpr quintptr sectionRowId = 0;

} // namespace

QString DnsMessageModel::sectionTitle(Section section)
{
    switch (section) {
    case Question:
        return tr("QUESTION SECTION");
    case Answer:
        return tr("ANSWER SECTION");
    case Authority:
        return tr("AUTHORITY SECTION");
    case Additional:
    case SectionCount:
        break;
    }
    return tr("ADDITIONAL SECTION");
}

void DnsMessageModel::setMessage(const dns::MessageFields &message)
{
    std::vector<dns::RecordFields> questions;
    for (const dns::QuestionFields &q : message.questions)
        questions.push_back(dns::RecordFields{q.name, 0, q.questionClass, q.type, std::string()});
    replaceSection(Question, std::move(questions));
    replaceSection(Answer, message.answer);
    replaceSection(Authority, message.authority);
    replaceSection(Additional, message.additional);
}

void DnsMessageModel::clear()
{
    for (int s = 0; s < SectionCount; ++s)
        replaceSection(Section(s), {});
}

void DnsMessageModel::replaceSection(Section section, std::vector<dns::RecordFields> records)
{
    std::vector<dns::RecordFields> &current = m_sections[size_t(section)];
    if (current == records)
        return;
    const QModelIndex parent = sectionIndex(section);
    if (!current.empty()) {
        beginRemoveRows(parent, 0, int(current.size()) - 1);
        current.clear();
        endRemoveRows();
    }
    if (!records.empty()) {
        beginInsertRows(parent, 0, int(records.size()) - 1);
        current = std::move(records);
        endInsertRows();
    }
    Q_EMIT dataChanged(sectionIndex(section, 0), sectionIndex(section, ColumnCount - 1));
}

QModelIndex DnsMessageModel::sectionIndex(Section section, int column) const
{
    return createIndex(int(section), column, sectionRowId);
}

int DnsMessageModel::recordCount(Section section) const
{
    return int(m_sections[size_t(section)].size());
}

const dns::RecordFields &DnsMessageModel::record(Section section, int row) const
{
    return m_sections[size_t(section)].at(size_t(row));
}

QModelIndex DnsMessageModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0)
        return QModelIndex();
    if (!parent.isValid())
        return row < SectionCount ? sectionIndex(Section(row), column) : QModelIndex();
    if (parent.internalId() != sectionRowId || row >= recordCount(Section(parent.row())))
        return QModelIndex();
    return createIndex(row, column, quintptr(parent.row() + 1));
}

QModelIndex DnsMessageModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == sectionRowId)
        return QModelIndex();
    return sectionIndex(Section(child.internalId() - 1));
}

int DnsMessageModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return SectionCount;
    if (parent.internalId() != sectionRowId || parent.column() != 0)
        return 0;
    return recordCount(Section(parent.row()));
}

int DnsMessageModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant DnsMessageModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid())
        return QVariant();
    if (index.internalId() == sectionRowId) {
        const auto section = Section(index.row());
        const int count = recordCount(section);
        if (role == Qt::DisplayRole && index.column() == Name)
            return section == Question ? sectionTitle(section)
                   : count == 1        ? tr("%1  (1 record)").arg(sectionTitle(section))
                                : tr("%1  (%2 records)").arg(sectionTitle(section)).arg(count);
        if (role == ValueRole)
            return count;
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(true);
            return font;
        }
        return QVariant();
    }
    const auto section = Section(index.internalId() - 1);
    const dns::RecordFields &r = record(section, index.row());
    if (role == Qt::DisplayRole) {
        switch (index.column()) {
        case Name:
            return QString::fromStdString(r.owner);
        case Ttl:
            return section == Question ? QString() : QString::number(r.ttl);
        case Class:
            return QString::fromStdString(r.recordClass);
        case Type:
            return QString::fromStdString(r.type);
        case Data:
            return QString::fromStdString(r.data);
        default:
            return QVariant();
        }
    }
    if (role == ValueRole && index.column() == Ttl)
        return qulonglong(r.ttl);
    if (role == Qt::FontRole)
        return fixedFont();
    if (role == Qt::ToolTipRole && index.column() == Ttl && section != Question)
        return tr("Seconds a resolver may cache this record (Consul's default is 0: ask again "
                  "every time).");
    return QVariant();
}

QVariant DnsMessageModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case Name:
        return tr("Name");
    case Ttl:
        return tr("TTL");
    case Class:
        return tr("Class");
    case Type:
        return tr("Type");
    case Data:
        return tr("Data");
    default:
        return QVariant();
    }
}

} // namespace qonsul::ui
