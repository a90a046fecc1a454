#pragma once
// A decoded DNS message as a tree, the way dig prints it: the question, answer, authority and
// additional sections as top-level rows, their records as child rows with the columns Name,
// TTL, Class, Type and Data. A new message replaces the records section by section with row
// removals and inserts; the four section rows stay.
//
// Roles: Qt::DisplayRole is the text; ValueRole is the TTL as a number (TTL column) and the
// record count (section rows); Qt::FontRole makes section rows bold.

#include "dns/WireCodec.h"

#include <QAbstractItemModel>
#include <array>
#include <vector>

namespace qonsul::ui {

class DnsMessageModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { Name, Ttl, Class, Type, Data, ColumnCount };
    enum Section { Question, Answer, Authority, Additional, SectionCount };

    using QAbstractItemModel::QAbstractItemModel;

    void setMessage(const dns::MessageFields &message);
    // No message: the sections stay, empty.
    void clear();

    // The section row, and a record in a section.
    QModelIndex sectionIndex(Section section, int column = 0) const;
    int recordCount(Section section) const;
    const dns::RecordFields &record(Section section, int row) const;
    // "ANSWER SECTION".
    static QString sectionTitle(Section section);

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    void replaceSection(Section section, std::vector<dns::RecordFields> records);

    std::array<std::vector<dns::RecordFields>, SectionCount> m_sections;
};

} // namespace qonsul::ui
