#include "lab/LabCommandPane.h"

#include "common/FixedFont.h"
#include "common/QuietLabel.h"

#include <QApplication>
#include <QClipboard>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace qonsul::ui {

LabCommandPane::LabCommandPane(QWidget *parent)
    : QWidget(parent), m_command(new QLabel(this)), m_state(new QuietLabel(QString(), this)),
      m_copy(new QPushButton(tr("Copy"), this)), m_output(new QPlainTextEdit(this))
{
    const QFont fixed = fixedFont();
    m_command->setObjectName(QStringLiteral("labCommandLine"));
    m_command->setFont(fixed);
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setText(tr("(each action here runs a qonsul lab command, shown here)"));
    m_command->setAccessibleName(tr("Command line of the last action"));
    m_copy->setObjectName(QStringLiteral("labCopyCommand"));
    m_copy->setToolTip(tr("Copy the command, to run it in a terminal"));
    m_copy->setEnabled(false);
    m_state->setObjectName(QStringLiteral("labCommandState"));
    m_output->setObjectName(QStringLiteral("labCommandOutput"));
    m_output->setReadOnly(true);
    m_output->setFont(fixed);
    m_output->setMaximumBlockCount(500);
    m_output->setAccessibleName(tr("Output of the last command"));
    m_output->setFixedHeight(QFontMetrics(fixed).lineSpacing() * 5 + 12);

    auto *line = new QHBoxLayout;
    line->addWidget(new QuietLabel(tr("CLI"), this));
    line->addWidget(m_command, 1);
    line->addWidget(m_state);
    line->addWidget(m_copy);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(line);
    layout->addWidget(m_output);

    connect(m_copy, &QPushButton::clicked, this,
            [this] { QApplication::clipboard()->setText(m_command->text()); });
}

void LabCommandPane::showStarted(const QString &commandLine)
{
    m_command->setText(commandLine);
    m_copy->setEnabled(true);
    m_state->setText(tr("running…"));
    m_output->clear();
}

void LabCommandPane::showFinished(const QString &commandLine, int exitCode, const QString &output)
{
    m_command->setText(commandLine);
    m_state->setText(exitCode == 0 ? tr("done") : tr("failed (exit %1)").arg(exitCode));
    m_output->setPlainText(output.trimmed());
}

QString LabCommandPane::commandLine() const
{
    return m_command->text();
}

QString LabCommandPane::output() const
{
    return m_output->toPlainText();
}

} // namespace qonsul::ui
