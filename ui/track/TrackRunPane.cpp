#include "TrackRunPane.h"

#include "common/FixedFont.h"
#include "common/QuietLabel.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QVBoxLayout>
#include <algorithm>

namespace qonsul::ui {

TrackRunPane::TrackRunPane(QWidget *parent)
    : QWidget(parent), m_command(new QLabel(this)), m_state(new QuietLabel(QString(), this)),
      m_output(new QPlainTextEdit(this)), m_running(new QWidget(this)),
      m_runningLayout(new QVBoxLayout(m_running)),
      m_runningTitle(new QLabel(tr("<b>Running</b>"), this))
{
    setObjectName(QStringLiteral("trackRunPane"));
    const QFont fixed = fixedFont();
    m_command->setFont(fixed);
    m_command->setObjectName(QStringLiteral("trackRunCommand"));
    m_command->setTextFormat(Qt::PlainText);
    m_command->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_command->setWordWrap(true);
    m_output->setObjectName(QStringLiteral("trackRunOutput"));
    m_output->setReadOnly(true);
    m_output->setFont(fixed);
    m_output->setMaximumBlockCount(5000);
    m_output->setMinimumHeight(44);
    // Shares the height with the step's result by the page's stretch, whatever it holds.
    m_output->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    m_output->setAccessibleName(tr("Command output"));
    m_output->setPlaceholderText(tr("What a command prints shows here while it runs."));
    m_runningLayout->setContentsMargins(0, 0, 0, 0);
    m_runningLayout->setSpacing(2);

    auto *head = new QHBoxLayout;
    head->addWidget(m_command, 1);
    head->addWidget(m_state);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addLayout(head);
    layout->addWidget(m_output, 1);
    layout->addWidget(m_runningTitle);
    // A few lines of processes at most; more scroll, and never make the window taller.
    auto *scroll = new QScrollArea(this);
    scroll->setWidget(m_running);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    m_runningScroll = scroll;
    layout->addWidget(scroll);
    setRunning({});
}

void TrackRunPane::follow(int run, const QString &commandLine, const QString &outputSoFar)
{
    m_run = run;
    m_command->setText(QStringLiteral("$ ") + commandLine);
    m_state->setText(tr("running"));
    m_output->setPlainText(outputSoFar);
    m_output->verticalScrollBar()->setValue(m_output->verticalScrollBar()->maximum());
}

void TrackRunPane::append(int run, const QString &text)
{
    if (run != m_run)
        return;
    QScrollBar *bar = m_output->verticalScrollBar();
    const bool atEnd = bar->value() == bar->maximum();
    m_output->moveCursor(QTextCursor::End);
    m_output->insertPlainText(text);
    if (atEnd)
        bar->setValue(bar->maximum());
}

void TrackRunPane::showFinished(int run, int exitCode)
{
    if (run != m_run)
        return;
    m_state->setText(exitCode == 0  ? tr("done")
                     : exitCode < 0 ? tr("stopped")
                                    : tr("exit code %1").arg(exitCode));
}

QString TrackRunPane::output() const
{
    return m_output->toPlainText();
}

QString TrackRunPane::commandLine() const
{
    return m_command->text().mid(2);
}

void TrackRunPane::setRunning(const QList<std::pair<QString, QString>> &running)
{
    while (QLayoutItem *item = m_runningLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_runningCount = int(running.size());
    m_runningTitle->setVisible(!running.isEmpty());
    m_runningScroll->setVisible(!running.isEmpty());
    const QFont fixed = fixedFont();
    int rowHeight = 0;
    for (const auto &[role, commandLine] : running) {
        auto *row = new QWidget(m_running);
        auto *layout = new QHBoxLayout(row);
        layout->setContentsMargins(0, 0, 0, 0);
        auto *line = new QPushButton(commandLine, row);
        line->setFlat(true);
        line->setFont(fixed);
        line->setStyleSheet(QStringLiteral("text-align: left"));
        line->setToolTip(tr("Show its output"));
        line->setAccessibleName(tr("Show the output of %1").arg(commandLine));
        auto *stop = new QPushButton(tr("Stop"), row);
        stop->setObjectName(QStringLiteral("trackStop-") + role);
        stop->setAccessibleName(tr("Stop %1").arg(commandLine));
        layout->addWidget(line, 1);
        layout->addWidget(stop);
        connect(stop, &QPushButton::clicked, this, [this, role] { Q_EMIT stopRequested(role); });
        connect(line, &QPushButton::clicked, this, [this, role] { Q_EMIT showRequested(role); });
        m_runningLayout->addWidget(row);
        rowHeight = std::max(rowHeight, row->sizeHint().height());
    }
    // As tall as its rows, four at most, so the output above keeps the rest.
    const int rows = std::min<int>(int(running.size()), 4);
    m_runningScroll->setFixedHeight(rows * rowHeight +
                                    std::max(0, rows - 1) * m_runningLayout->spacing());
}

} // namespace qonsul::ui
