#pragma once
// One DNS reply laid out for reading: a status line (rcode, record counts, time, size, server
// and transport), the header (id, opcode, the QR/AA/TC/RD/RA/CD flags), the explanation of
// what the answer left out, and three tabs: the sections as a tree of records with their TTLs,
// the reply as dig prints it, and the bytes on the wire.

#include "dns/DnsExplanation.h"
#include "dns/WireCodec.h"

#include <QStringList>
#include <QWidget>
#include <optional>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeView;

namespace qonsul::ui {

class DnsMessageModel;

struct DnsReplyContext
{
    QString server;    // "127.0.0.1:8600"
    QString transport; // "UDP", "TCP"
    qint64 elapsedMs = 0;
};

class DnsAnswerView : public QWidget
{
    Q_OBJECT
public:
    explicit DnsAnswerView(QWidget *parent = nullptr);

    // Shows a reply: `query` and `response` are the bytes that went over the wire.
    void showReply(const dns::Bytes &query, const dns::Bytes &response,
                   const DnsReplyContext &context);
    // The explanation: a placeholder while the catalog is asked, then its sentences.
    void showExplanationPending();
    // `checks` become links under the sentences (checkActivated when one is clicked).
    void showExplanation(const QStringList &lines, const QList<DnsCheckLink> &checks = {});
    QList<DnsCheckLink> checkLinks() const { return m_checkLinks; }

    DnsMessageModel *model() const { return m_model; }
    // The reply's header in words: "NOERROR, id 4242, flags qr aa rd".
    QString headerSummary() const;
    QString explanationText() const;
    QString presentationText() const;

Q_SIGNALS:
    void checkActivated(const qonsul::ui::DnsCheckLink &check);

protected:
    void changeEvent(QEvent *event) override;

private:
    // The status line and the header from m_shown, in the current palette's colours.
    void renderHeader();

    DnsMessageModel *m_model;
    QLabel *m_status;
    QLabel *m_header;
    QLabel *m_explanation;
    QTabWidget *m_tabs;
    QTreeView *m_tree;
    QPlainTextEdit *m_presentation;
    QPlainTextEdit *m_wire;
    QString m_headerSummary;
    std::optional<dns::MessageFields> m_shown; // the reply shown, for a redraw
    QString m_statusDetails;
    QStringList m_explanationLines;
    QList<DnsCheckLink> m_checkLinks;
};

} // namespace qonsul::ui
