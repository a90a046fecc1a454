#include "common/CheckDetailsPane.h"

#include "api/ApiClient.h"
#include "common/CheckDescription.h"
#include "common/FixedFont.h"
#include "common/QuietLabel.h"
#include "common/StatusIcon.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace qonsul::ui {

namespace {

constexpr int refreshMs = 1000;

// Script output keeps its carriage returns (curl's progress meter); show them as new lines.
QString displayedOutput(const QString &output)
{
    QString text = output;
    text.replace(QLatin1String("\r\n"), QLatin1String("\n"));
    text.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    return text;
}

} // namespace

CheckDetailsPane::CheckDetailsPane(ApiClient *client, QWidget *parent)
    : QWidget(parent), m_client(client), m_heading(new QLabel(this)),
      m_maintenance(new QLabel(this)), m_output(new QPlainTextEdit(this)),
      m_copy(new QPushButton(tr("Copy Output"), this)), m_copied(new QuietLabel(QString(), this)),
      m_description(new QLabel(this)),
      m_placeholder(
          new QLabel(tr("Select a check to see its whole output and how it runs."), this)),
      m_content(new QWidget(this))
{
    setObjectName(QStringLiteral("checkDetails"));
    m_heading->setObjectName(QStringLiteral("checkHeading"));
    m_heading->setTextFormat(Qt::RichText);
    m_heading->setWordWrap(true);
    m_maintenance->setObjectName(QStringLiteral("checkMaintenance"));
    m_maintenance->setWordWrap(true);
    m_maintenance->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_output->setObjectName(QStringLiteral("checkOutput"));
    m_output->setReadOnly(true);
    m_output->setFont(fixedFont());
    m_output->setLineWrapMode(QPlainTextEdit::WidgetWidth);
    m_output->setTabChangesFocus(true);
    m_output->setPlaceholderText(tr("No output."));
    m_copy->setObjectName(QStringLiteral("copyCheckOutput"));
    m_copied->setObjectName(QStringLiteral("checkOutputCopied"));
    connect(m_copy, &QPushButton::clicked, this, [this] {
        QApplication::clipboard()->setText(outputText());
        m_copied->setText(tr("Copied"));
    });
    m_description->setObjectName(QStringLiteral("checkDescription"));
    m_description->setTextFormat(Qt::RichText);
    m_description->setWordWrap(true);
    m_description->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_description->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    m_placeholder->setObjectName(QStringLiteral("checkDetailsPlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);

    auto *outputHeader = new QHBoxLayout;
    outputHeader->addWidget(new QLabel(tr("<b>Output</b>"), this));
    outputHeader->addStretch(1);
    outputHeader->addWidget(m_copied);
    outputHeader->addWidget(m_copy);
    auto *outputColumn = new QVBoxLayout;
    outputColumn->addLayout(outputHeader);
    outputColumn->addWidget(m_output, 1);
    // Output on the left, where a long line has room; how it runs on the right.
    auto *columns = new QHBoxLayout;
    columns->addLayout(outputColumn, 3);
    columns->addWidget(m_description, 2);
    auto *contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(m_heading);
    contentLayout->addWidget(m_maintenance);
    contentLayout->addLayout(columns, 1);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_placeholder, 1);
    layout->addWidget(m_content, 1);

    m_refresh.setInterval(refreshMs);
    connect(&m_refresh, &QTimer::timeout, this, [this] {
        if (m_details)
            askDetails();
    });
    clear();
}

void CheckDetailsPane::clear()
{
    ++m_generation;
    m_check.reset();
    m_details.reset();
    m_askedNode = false;
    m_content->hide();
    m_placeholder->show();
}

void CheckDetailsPane::showCheck(const HealthCheck &check)
{
    const bool same = m_check && m_check->node == check.node && m_check->checkId == check.checkId;
    if (!same) {
        ++m_generation;
        m_details.reset();
        m_askedNode = false;
        m_copied->clear();
    }
    const bool outputChanged = !m_check || m_check->output != check.output;
    m_check = check;
    m_placeholder->hide();
    m_content->show();
    if (outputChanged || !same)
        m_output->setPlainText(displayedOutput(check.output));
    render();
    if (!m_askedNode && !check.isMaintenance())
        askAgentNode();
    else if (m_details && outputChanged)
        askDetails(); // it ran again: its last and next run moved
}

QString CheckDetailsPane::outputText() const
{
    return m_check ? m_check->output : QString();
}

QString CheckDetailsPane::descriptionText() const
{
    if (!m_check)
        return QString();
    QStringList lines;
    for (const DescriptionRow &row :
         describeCheck(*m_check, m_details, QDateTime::currentDateTime()))
        lines << row.label + QStringLiteral(": ") + row.value;
    return lines.join(QLatin1Char('\n'));
}

void CheckDetailsPane::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    m_refresh.start();
}

void CheckDetailsPane::hideEvent(QHideEvent *event)
{
    QWidget::hideEvent(event);
    m_refresh.stop();
}

void CheckDetailsPane::askAgentNode()
{
    m_askedNode = true;
    const quint64 generation = m_generation;
    // The agent's node decides whether the check is its own; asked per check, since the app
    // may have been attached to another agent meanwhile.
    m_client->start(AgentApi::nodeName(), this, [this, generation](const Expected<QString> &node) {
        if (generation != m_generation || !m_check)
            return;
        m_agentNode = node ? *node : QString();
        if (!m_agentNode.isEmpty() && m_agentNode == m_check->node)
            askDetails();
        else
            Q_EMIT detailsArrived();
    });
}

void CheckDetailsPane::askDetails()
{
    if (!m_check || m_detailsCall)
        return;
    const quint64 generation = m_generation;
    m_detailsCall = m_client->start(
        AgentApi::checkDetails(m_check->checkId), this,
        [this, generation](const Expected<std::optional<LocalCheckDetails>> &details) {
            if (generation != m_generation)
                return;
            // An error (the agent went away) keeps the last account; the next tick asks again.
            if (details)
                m_details = *details;
            render();
            Q_EMIT detailsArrived();
        });
}

void CheckDetailsPane::render()
{
    if (!m_check)
        return;
    const HealthCheck &check = *m_check;
    const QString status = check.isMaintenance() ? tr("maintenance") : check.status;
    const QString name = check.name.isEmpty() ? check.checkId : check.name;
    const QString owner =
        check.serviceId.isEmpty()
            ? tr("node %1").arg(check.node.toHtmlEscaped())
            : tr("%1 on %2").arg(check.serviceId.toHtmlEscaped(), check.node.toHtmlEscaped());
    m_heading->setText(
        tr("<b>%1</b> — %2 (%3)").arg(name.toHtmlEscaped(), status.toHtmlEscaped(), owner));
    m_maintenance->setVisible(check.isMaintenance());
    m_maintenance->setText(check.isMaintenance() ? maintenanceExplanation(check) : QString());

    QString rows;
    QStringList notes;
    if (!check.notes.isEmpty() && !check.isMaintenance())
        notes << check.notes;
    for (const DescriptionRow &row : describeCheck(check, m_details, QDateTime::currentDateTime()))
        rows += QStringLiteral("<tr><td style='padding-right:8px'><b>%1</b></td><td>%2</td></tr>")
                    .arg(row.label.toHtmlEscaped(), row.value.toHtmlEscaped());
    if (!notes.isEmpty())
        rows += QStringLiteral("<tr><td style='padding-right:8px'><b>%1</b></td><td>%2</td></tr>")
                    .arg(tr("Notes"), notes.join(QLatin1Char(' ')).toHtmlEscaped());
    m_description->setText(QStringLiteral("<table>%1</table>").arg(rows));
}

} // namespace qonsul::ui
