#include "dns/DnsAnswerView.h"

#include "common/FixedFont.h"
#include "common/ThemeColors.h"
#include "common/TintedPanel.h"
#include "dns/DnsMessageModel.h"

#include <QEvent>
#include <QFontDatabase>
#include <QFrame>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPlainTextEdit>
#include <QTabWidget>
#include <QTreeView>
#include <QVBoxLayout>

namespace qonsul::ui {

namespace {

// The status colours of the other pages (StatusIcon): green, amber, red.
QColor rcodeColour(uint8_t rcode, const QPalette &palette)
{
    if (rcode == dns::rcode::NoError)
        return toneColor(Tone::Passing, palette);
    if (rcode == dns::rcode::NameError)
        return toneColor(Tone::Warning, palette);
    return toneColor(Tone::Critical, palette);
}

QString plural(size_t n, const char *one, const char *many)
{
    return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
}

struct Flag
{
    const char *name;
    bool set;
    const char *meaning;
};

// Offsets, hex and printable characters, 16 octets a line (as hexdump -C).
QString hexDump(const dns::Bytes &bytes)
{
    QString text;
    for (size_t line = 0; line < bytes.size(); line += 16) {
        text += QStringLiteral("%1  ").arg(line, 4, 16, QLatin1Char('0'));
        QString printable;
        for (size_t i = line; i < line + 16; ++i) {
            if (i < bytes.size()) {
                text += QStringLiteral("%1 ").arg(bytes[i], 2, 16, QLatin1Char('0'));
                printable += bytes[i] >= 0x20 && bytes[i] < 0x7f ? QChar(bytes[i]) : QChar('.');
            } else {
                text += QStringLiteral("   ");
            }
            if (i == line + 7)
                text += QLatin1Char(' ');
        }
        text += QStringLiteral(" |%1|\n").arg(printable);
    }
    return text;
}

QPlainTextEdit *monospaceText(QWidget *parent)
{
    auto *edit = new QPlainTextEdit(parent);
    edit->setReadOnly(true);
    edit->setLineWrapMode(QPlainTextEdit::NoWrap);
    edit->setFont(fixedFont());
    return edit;
}

} // namespace

DnsAnswerView::DnsAnswerView(QWidget *parent)
    : QWidget(parent), m_model(new DnsMessageModel(this)), m_status(new QLabel(this)),
      m_header(new QLabel(this)), m_explanation(new QLabel(this)), m_tabs(new QTabWidget(this)),
      m_tree(new QTreeView(this)), m_presentation(monospaceText(this)), m_wire(monospaceText(this))
{
    setObjectName(QStringLiteral("dnsAnswer"));
    m_status->setObjectName(QStringLiteral("dnsStatus"));
    m_header->setObjectName(QStringLiteral("dnsHeader"));
    m_explanation->setObjectName(QStringLiteral("dnsExplanation"));
    m_tree->setObjectName(QStringLiteral("dnsSections"));
    m_presentation->setObjectName(QStringLiteral("dnsPresentation"));
    m_wire->setObjectName(QStringLiteral("dnsWire"));
    m_status->setTextFormat(Qt::RichText);
    m_header->setTextFormat(Qt::RichText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    // Wrapped, so that a long line never widens the window.
    m_status->setWordWrap(true);
    m_header->setWordWrap(true);
    m_header->setTextInteractionFlags(Qt::TextSelectableByMouse);

    // The explanation sits in a box tinted from the current palette, like ErrorBanner's.
    auto *explanationBox = new TintedPanel(TintedPanel::Tint::Info, this);
    explanationBox->setObjectName(QStringLiteral("dnsExplanationPanel"));
    m_explanation->setWordWrap(true);
    m_explanation->setTextFormat(Qt::RichText);
    m_explanation->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_explanation->setOpenExternalLinks(false);
    connect(m_explanation, &QLabel::linkActivated, this, [this](const QString &link) {
        bool ok = false;
        const int index = link.section(QLatin1Char(':'), 1).toInt(&ok);
        if (link.startsWith(QLatin1String("check:")) && ok && index >= 0 &&
            index < m_checkLinks.size())
            Q_EMIT checkActivated(m_checkLinks.at(index));
    });
    auto *explanationLayout = new QHBoxLayout(explanationBox);
    explanationLayout->addWidget(m_explanation);

    m_tree->setModel(m_model);
    m_tree->setRootIsDecorated(false);
    m_tree->setItemsExpandable(false);
    m_tree->setAlternatingRowColors(true);
    m_tree->setUniformRowHeights(true);
    m_tree->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_tree->setIndentation(12);
    m_tree->header()->setStretchLastSection(true);
    m_tree->header()->resizeSection(DnsMessageModel::Name, 300);
    m_tree->header()->resizeSection(DnsMessageModel::Ttl, 60);
    m_tree->header()->resizeSection(DnsMessageModel::Class, 60);
    m_tree->header()->resizeSection(DnsMessageModel::Type, 70);
    for (int s = 0; s < DnsMessageModel::SectionCount; ++s)
        m_tree->setFirstColumnSpanned(s, QModelIndex(), true);
    m_tree->expandAll();
    // Records arrive under section rows; keep every section open.
    connect(m_model, &QAbstractItemModel::rowsInserted, m_tree,
            [this](const QModelIndex &parent) { m_tree->expand(parent); });

    m_tabs->setObjectName(QStringLiteral("dnsAnswerTabs"));
    m_tabs->addTab(m_tree, tr("Sections"));
    m_tabs->addTab(m_presentation, tr("dig output"));
    m_tabs->addTab(m_wire, tr("Wire bytes"));

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_status);
    layout->addWidget(m_header);
    layout->addWidget(explanationBox);
    layout->addWidget(m_tabs, 1);
}

void DnsAnswerView::showReply(const dns::Bytes &query, const dns::Bytes &response,
                              const DnsReplyContext &context)
{
    const std::optional<dns::MessageFields> message = dns::decodeMessageFields(response);
    if (!message) {
        m_model->clear();
        m_shown.reset();
        m_status->setText(tr("<b>The reply does not decode.</b>"));
        m_header->clear();
        m_headerSummary.clear();
        m_presentation->clear();
        m_wire->setPlainText(hexDump(response));
        return;
    }
    m_model->setMessage(*message);
    m_tree->expandAll();
    m_statusDetails =
        tr("%1, %2, %3 &nbsp;·&nbsp; %4 ms &nbsp;·&nbsp; %5 octets &nbsp;·&nbsp; %6 over %7")
            .arg(plural(message->answer.size(), "answer", "answers"),
                 plural(message->authority.size(), "authority record", "authority records"),
                 plural(message->additional.size(), "additional record", "additional records"))
            .arg(context.elapsedMs)
            .arg(response.size())
            .arg(context.server.toHtmlEscaped(), context.transport);
    m_shown = *message;
    renderHeader();
    QString host = context.server;
    if (host.startsWith(QLatin1Char('[')))
        host = host.mid(1).section(QLatin1Char(']'), 0, 0);
    else
        host = host.section(QLatin1Char(':'), 0, 0);
    m_presentation->setPlainText(QString::fromStdString(
        dns::presentationText(response, uint32_t(context.elapsedMs), host.toStdString())));
    m_wire->setPlainText(tr("; query, %1 octets\n%2\n; reply, %3 octets\n%4")
                             .arg(query.size())
                             .arg(hexDump(query))
                             .arg(response.size())
                             .arg(hexDump(response)));
}

void DnsAnswerView::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    // The chips' colours come from the palette: a switch to dark redraws them.
    if (event->type() == QEvent::PaletteChange && m_shown)
        renderHeader();
}

void DnsAnswerView::renderHeader()
{
    const dns::MessageFields &message = *m_shown;
    const dns::Header &h = message.header;
    const QColor statusColour = rcodeColour(h.rcode, palette());
    m_status->setText(tr("<span style='background-color:%1; color:%2; font-weight:bold'>"
                         "&nbsp;%3&nbsp;</span>&nbsp;&nbsp;%4")
                          .arg(statusColour.name(), readableTextOn(statusColour).name(),
                               QString::fromStdString(dns::rcodeName(h.rcode)), m_statusDetails));
    const Flag flags[] = {
        {"qr", h.response, "QR: this is a response"},
        {"aa", h.authoritative,
         "AA: authoritative, the server owns this name (Consul sets it "
         "for its domain)"},
        {"tc", h.truncated, "TC: truncated, ask again over TCP for the rest"},
        {"rd", h.recursionDesired, "RD: recursion desired, copied from the query"},
        {"ra", h.recursionAvailable,
         "RA: recursion available (Consul sets it only when it has "
         "recursors)"},
        {"cd", h.checkingDisabled, "CD: DNSSEC checking disabled"},
    };
    QStringList chips;
    QStringList set;
    QStringList meanings;
    for (const Flag &flag : flags) {
        if (flag.set) {
            set << QLatin1String(flag.name);
            chips << QStringLiteral("<span style='background-color:%1; color:%2; "
                                    "font-weight:bold'>&nbsp;%3&nbsp;</span>")
                         .arg(palette().color(QPalette::Highlight).name(),
                              readableTextOn(palette().color(QPalette::Highlight)).name(),
                              QLatin1String(flag.name));
        } else {
            chips << QStringLiteral("<span style='color:%1'><s>%2</s></span>")
                         .arg(quietTextColor(palette()).name(), QLatin1String(flag.name));
        }
        meanings << QStringLiteral("%1 %2").arg(
            flag.set ? QStringLiteral("✔") : QStringLiteral("✘"), QLatin1String(flag.meaning));
    }
    const QString rcode = QString::fromStdString(dns::rcodeName(h.rcode));
    const QString opcode = QString::fromStdString(dns::opcodeName(h.opcode));
    QString edns = tr("no EDNS");
    if (message.ednsUdpSize)
        edns = tr("EDNS udp %1").arg(*message.ednsUdpSize);
    m_header->setText(tr("<tt>id&nbsp;<b>%1</b> &nbsp;·&nbsp; opcode&nbsp;<b>%2</b> &nbsp;·&nbsp; "
                         "status&nbsp;<b>%3</b> &nbsp;·&nbsp; flags&nbsp;%4 &nbsp;·&nbsp; %5</tt>")
                          .arg(h.id)
                          .arg(opcode, rcode, chips.join(QLatin1Char(' ')), edns));
    m_header->setToolTip(meanings.join(QLatin1Char('\n')));
    m_headerSummary = QStringLiteral("%1, id %2, flags %3, %4")
                          .arg(rcode)
                          .arg(h.id)
                          .arg(set.join(QLatin1Char(' ')), edns);
}

void DnsAnswerView::showExplanationPending()
{
    m_explanationLines.clear();
    m_explanation->setText(tr("<i>Asking the agent's HTTP API what this answer left out…</i>"));
}

void DnsAnswerView::showExplanation(const QStringList &lines, const QList<DnsCheckLink> &checks)
{
    m_explanationLines = lines;
    m_checkLinks = checks;
    if (lines.isEmpty()) {
        m_explanation->setText(tr("<i>Nothing to explain for this name.</i>"));
        return;
    }
    QStringList escaped;
    for (const QString &line : lines)
        escaped << line.toHtmlEscaped();
    QString html = tr("<b>Why this answer</b><br>%1").arg(escaped.join(QStringLiteral("<br>")));
    QStringList anchors;
    for (int i = 0; i < checks.size(); ++i)
        anchors << QStringLiteral("<a href=\"check:%1\">%2</a>")
                       .arg(i)
                       .arg(checks.at(i).label.toHtmlEscaped());
    if (!anchors.isEmpty())
        html +=
            tr("<br>See its output and how it runs: %1").arg(anchors.join(QStringLiteral(", ")));
    m_explanation->setText(html);
}

QString DnsAnswerView::headerSummary() const
{
    return m_headerSummary;
}

QString DnsAnswerView::explanationText() const
{
    return m_explanationLines.join(QLatin1Char('\n'));
}

QString DnsAnswerView::presentationText() const
{
    return m_presentation->toPlainText();
}

} // namespace qonsul::ui
