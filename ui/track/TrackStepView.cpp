#include "TrackStepView.h"

#include "TrackDiagram.h"
#include "common/FixedFont.h"
#include "common/ThemeColors.h"
#include "common/TintedPanel.h"

#include <QApplication>
#include <QClipboard>
#include <QEvent>
#include <QFontDatabase>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>
#include <algorithm>

namespace qonsul::ui {

TrackStepView::TrackStepView(QWidget *parent)
    : QWidget(parent), m_footer(new QWidget(this)), m_title(new QLabel(this)),
      m_uses(new QLabel(this)), m_concept(new QLabel(this)), m_diagram(new TrackDiagram(this)),
      m_commands(new QWidget(this)), m_commandLayout(new QVBoxLayout(m_commands)),
      m_check(new QPushButton(tr("&Check"), this)),
      m_terminal(new QPushButton(tr("Open a &Terminal Here"), this)), m_show(new QPushButton(this)),
      m_reset(new QPushButton(tr("&Reset This Step"), this)), m_result(new QLabel(this)),
      m_hintPanel(new TintedPanel(TintedPanel::Tint::Info, this)), m_hints(new QLabel(m_hintPanel)),
      m_stopEmbedded(new QPushButton(tr("Stop the App's Agent"), m_hintPanel))
{
    setObjectName(QStringLiteral("trackStepView"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.5);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setObjectName(QStringLiteral("trackStepTitle"));
    m_uses->setObjectName(QStringLiteral("trackStepUses"));
    m_uses->setWordWrap(true);
    m_concept->setObjectName(QStringLiteral("trackStepConcept"));
    for (QLabel *label : {m_uses, m_concept, m_result, m_hints}) {
        label->setWordWrap(true);
        label->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        label->setTextFormat(Qt::RichText);
    }
    m_result->setObjectName(QStringLiteral("trackStepResult"));
    m_result->setAccessibleName(tr("Check result"));
    m_hints->setObjectName(QStringLiteral("trackStepHints"));
    m_hints->setAccessibleName(tr("Hints"));
    m_check->setObjectName(QStringLiteral("trackCheck"));
    m_check->setToolTip(tr("Ask the agents whether this step is done"));
    m_terminal->setObjectName(QStringLiteral("trackTerminal"));
    m_terminal->setToolTip(
        tr("Your desktop's terminal, in the track's folder, with qonsul on PATH and "
           "alias consul=qonsul"));
    m_show->setObjectName(QStringLiteral("trackShow"));
    m_reset->setObjectName(QStringLiteral("trackReset"));
    m_reset->setToolTip(tr("Stop what this step started and bring the agents back to where "
                           "the step begins"));
    m_stopEmbedded->setObjectName(QStringLiteral("trackStopEmbedded"));
    m_commandLayout->setContentsMargins(0, 0, 0, 0);
    m_commandLayout->setSpacing(6);

    auto *hintLayout = new QVBoxLayout(m_hintPanel);
    hintLayout->addWidget(m_hints);
    hintLayout->addWidget(m_stopEmbedded, 0, Qt::AlignLeft);
    m_hintPanel->setObjectName(QStringLiteral("trackHintPanel"));
    m_hintPanel->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_check);
    buttons->addWidget(m_terminal);
    buttons->addWidget(m_show);
    buttons->addStretch(1);
    buttons->addWidget(m_reset);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_title);
    layout->addWidget(m_uses);
    layout->addWidget(m_concept);
    layout->addWidget(m_diagram);
    layout->addWidget(m_commands);
    layout->addStretch(1);
    m_footer->setObjectName(QStringLiteral("trackStepFooter"));
    // Hints, with what they offer to do, come first under the buttons, then the findings; they
    // scroll there, so that a long verdict never pushes the buttons or the output out of the
    // window.
    auto *results = new QWidget;
    m_results = results;
    auto *resultLayout = new QVBoxLayout(results);
    resultLayout->setContentsMargins(0, 0, 0, 0);
    resultLayout->addWidget(m_hintPanel);
    resultLayout->addWidget(m_result);
    resultLayout->addStretch(1);
    auto *scroll = new QScrollArea(m_footer);
    m_resultScroll = scroll;
    scroll->setObjectName(QStringLiteral("trackResultScroll"));
    scroll->setWidget(results);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto *footer = new QVBoxLayout(m_footer);
    footer->setContentsMargins(6, 4, 6, 0);
    footer->addLayout(buttons);
    footer->addWidget(scroll, 1);

    connect(m_check, &QPushButton::clicked, this, &TrackStepView::checkRequested);
    connect(m_terminal, &QPushButton::clicked, this, &TrackStepView::terminalRequested);
    connect(m_show, &QPushButton::clicked, this, &TrackStepView::showRequested);
    connect(m_reset, &QPushButton::clicked, this, &TrackStepView::resetRequested);
    connect(m_stopEmbedded, &QPushButton::clicked, this,
            &TrackStepView::stopEmbeddedAgentRequested);
}

void TrackStepView::setStep(int number, const TrackStep &step, const TrackEnvironment &environment)
{
    m_title->setText(tr("%1. %2").arg(number).arg(step.title));
    m_uses->setText(step.usesAlias
                        ? tr("The commands say <code>consul</code>: Run and the terminal of this "
                             "track set <code>alias consul=qonsul</code>. In a shell of your own, "
                             "type <code>alias consul=qonsul</code> first (step 1 makes new "
                             "terminals do it).")
                        : tr("The commands say <code>qonsul</code>: Qonsul's own commands, on "
                             "your PATH since step 1."));
    m_concept->setText(step.idea);
    m_diagram->setSpec(step.diagram);
    m_show->setText(tr("Show in the App: %1").arg(step.place.label));
    m_show->setAccessibleName(tr("Show in the app: %1").arg(step.place.label));

    while (QLayoutItem *item = m_commandLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_runs.clear();
    m_copies.clear();
    const QFont fixed = fixedFont();
    for (int i = 0; i < step.commands.size(); ++i) {
        const TrackCommand &command = step.commands.at(i);
        const QString text = environment.expand(command.text);
        const QString note = environment.expand(command.note);
        auto *row = new QWidget(m_commands);
        auto *grid = new QGridLayout(row);
        grid->setContentsMargins(0, 0, 0, 0);
        auto *noteLabel = new QLabel(note, row);
        noteLabel->setWordWrap(true);
        auto *line = new QLabel(row);
        line->setObjectName(QStringLiteral("trackCommand%1").arg(i));
        line->setFont(fixed);
        line->setTextFormat(Qt::PlainText);
        line->setText(QStringLiteral("$ ") + text);
        line->setWordWrap(true);
        line->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
        line->setAccessibleName(tr("Command %1: %2").arg(i + 1).arg(note));
        line->setAccessibleDescription(text);
        auto *copy = new QPushButton(tr("Copy"), row);
        copy->setObjectName(QStringLiteral("trackCopy%1").arg(i));
        copy->setAccessibleName(tr("Copy command %1").arg(i + 1));
        auto *run = new QPushButton(command.longRunning() ? tr("Start") : tr("Run"), row);
        run->setObjectName(QStringLiteral("trackRun%1").arg(i));
        run->setAccessibleName(tr("Run command %1: %2").arg(i + 1).arg(note));
        grid->addWidget(noteLabel, 0, 0, 1, 3);
        grid->addWidget(line, 1, 0);
        grid->addWidget(copy, 1, 1, Qt::AlignTop);
        grid->addWidget(run, 1, 2, Qt::AlignTop);
        grid->setColumnStretch(0, 1);
        connect(copy, &QPushButton::clicked, this,
                [text] { QApplication::clipboard()->setText(text); });
        connect(run, &QPushButton::clicked, this, [this, i] { Q_EMIT runRequested(i); });
        m_commandLayout->addWidget(row);
        m_runs.append(run);
        m_copies.append(copy);
    }
    // Tab order follows the page: commands, then the step's buttons.
    QWidget *previous = nullptr;
    for (int i = 0; i < m_runs.size(); ++i) {
        if (previous)
            setTabOrder(previous, m_copies[i]);
        setTabOrder(m_copies[i], m_runs[i]);
        previous = m_runs[i];
    }
    if (previous)
        setTabOrder(previous, m_check);
    clearResult();
}

void TrackStepView::clearResult()
{
    m_checking = false;
    m_hasVerdict = false;
    m_verdict = {};
    m_commandHints.clear();
    renderResult();
}

void TrackStepView::setChecking()
{
    m_checking = true;
    renderResult();
}

void TrackStepView::setVerdict(const TrackVerdict &verdict)
{
    m_checking = false;
    m_hasVerdict = true;
    m_verdict = verdict;
    renderResult();
}

void TrackStepView::addCommandHint(const TrackHint &hint)
{
    for (const TrackHint &shown : m_commandHints)
        if (shown.text == hint.text)
            return;
    m_commandHints.append(hint);
    renderResult();
}

void TrackStepView::clearCommandHints()
{
    if (m_commandHints.isEmpty())
        return;
    m_commandHints.clear();
    renderResult();
}

int TrackStepView::footerHeightWanted() const
{
    // The labels wrap, so their height is the one for the width they have, not their hint's.
    const int width = m_resultScroll->viewport()->width();
    const int results = m_results->hasHeightForWidth() ? m_results->heightForWidth(width)
                                                       : m_results->sizeHint().height();
    const auto *layout = static_cast<QVBoxLayout *>(m_footer->layout());
    const QMargins margins = layout->contentsMargins();
    return margins.top() + margins.bottom() + layout->itemAt(0)->sizeHint().height() +
           layout->spacing() + results;
}

void TrackStepView::renderResult()
{
    const QPalette pal = palette();
    QString html;
    if (m_checking)
        html = tr("Checking…");
    if (m_hasVerdict) {
        QStringList lines;
        for (const TrackFinding &finding : m_verdict.findings)
            lines.append(
                QStringLiteral("<span style=\"color:%1\">%2</span> %3")
                    .arg(toneColor(finding.ok ? Tone::Passing : Tone::Critical, pal).name(),
                         finding.ok ? QStringLiteral("✓") : QStringLiteral("✗"), finding.text));
        const QString verdict = m_verdict.passed()
                                    ? tr("<b>This step is done.</b>")
                                    : tr("<b>Not yet:</b> what is marked ✗ is missing.");
        html = (m_checking ? html + QStringLiteral("<br>") : QString()) + verdict +
               QStringLiteral("<br>") + lines.join(QStringLiteral("<br>"));
    }
    m_result->setText(html);
    m_result->setVisible(!html.isEmpty());
    m_result->setAccessibleDescription(m_result->text());

    // A command's hint says it first; the check's of the same kind would say it again.
    QList<TrackHint> hints = m_commandHints;
    if (m_hasVerdict)
        for (const TrackHint &hint : m_verdict.hints)
            if (std::none_of(m_commandHints.cbegin(), m_commandHints.cend(),
                             [&hint](const TrackHint &h) { return h.kind == hint.kind; }))
                hints.append(hint);
    QStringList texts;
    bool embedded = false;
    for (const TrackHint &hint : hints) {
        if (!texts.contains(hint.text))
            texts.append(hint.text);
        embedded |= hint.kind == TrackHint::Kind::EmbeddedAgentInTheWay;
    }
    m_hints->setText(texts.join(QStringLiteral("<br><br>")));
    m_hints->setAccessibleDescription(m_hints->text());
    m_hintPanel->setVisible(!texts.isEmpty());
    m_stopEmbedded->setVisible(embedded);
    Q_EMIT resultChanged();
}

QString TrackStepView::resultText() const
{
    return m_result->text();
}

QString TrackStepView::hintText() const
{
    return m_hintPanel->isHidden() ? QString() : m_hints->text();
}

QPushButton *TrackStepView::runButton(int index) const
{
    return m_runs.value(index);
}

QPushButton *TrackStepView::copyButton(int index) const
{
    return m_copies.value(index);
}

void TrackStepView::changeEvent(QEvent *event)
{
    // ✓ and ✗ take the tone colours of the palette in use: recolour after a switch to dark.
    if (event->type() == QEvent::PaletteChange)
        renderResult();
    QWidget::changeEvent(event);
}

} // namespace qonsul::ui
