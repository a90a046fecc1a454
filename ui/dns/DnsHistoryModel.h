#pragma once
// The questions asked on the DNS page, newest first: when, the name and type, the transport,
// how it went (rcode or failure), how many answer records came back and which server answered. Each
// entry keeps the reply and its explanation so that it can be shown again without asking again.
// Entries convert to and from QVariant for QSettings; the page decides what to keep.
//
// Roles: Qt::DisplayRole is the text, Qt::DecorationRole a status dot on the Status column
// (green NOERROR, amber NXDOMAIN, red for any other rcode or failure).

#include "dns/DigCommand.h"

#include <QAbstractTableModel>
#include <QDateTime>
#include <QList>
#include <QStringList>

namespace qonsul::ui {

struct DnsHistoryEntry
{
    QDateTime time;
    QString server; // "127.0.0.1:8600"
    DnsQuestionInput question;
    QString outcome; // "NOERROR", "NXDOMAIN", … or "timeout", "refused", "malformed", "error"
    int answerCount = -1; // -1 when no answer came
    qint64 elapsedMs = 0;
    QByteArray query;    // the question as sent
    QByteArray response; // the reply as received; empty when none
    QStringList explanation;
    QString error; // the failure, for a user

    QVariantMap toVariant() const;
    static DnsHistoryEntry fromVariant(const QVariantMap &map);
    bool operator==(const DnsHistoryEntry &) const = default;
};

class DnsHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    // Server last: after switching agents, which one answered is told apart at a glance.
    enum Column { Time, Name, Type, Transport, Status, Answers, Server, ColumnCount };

    // Older entries than this many drop off the end.
    static constexpr int limit = 50;

    using QAbstractTableModel::QAbstractTableModel;

    // Puts `entry` first.
    void add(DnsHistoryEntry entry);
    // Replaces the explanation of the entry at `row` (it arrives after the answer).
    void setExplanation(int row, const QStringList &explanation);
    void clear();
    const DnsHistoryEntry &entryAt(int row) const { return m_entries.at(row); }
    const QList<DnsHistoryEntry> &entries() const { return m_entries; }

    // The newest `count` entries, and back.
    QVariantList toVariant(int count) const;
    void load(const QVariantList &saved);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role) const override;

private:
    QList<DnsHistoryEntry> m_entries;
};

} // namespace qonsul::ui
