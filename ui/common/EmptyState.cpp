#include "common/EmptyState.h"

#include <QAbstractButton>
#include <QHBoxLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace qonsul::ui {

EmptyState::EmptyState(QWidget *parent)
    : QWidget(parent), m_title(new QLabel(this)), m_hint(new QLabel(this)),
      m_actions(new QHBoxLayout)
{
    setObjectName(QStringLiteral("emptyState"));
    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.4);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setAlignment(Qt::AlignCenter);
    m_hint->setAlignment(Qt::AlignCenter);
    m_hint->setWordWrap(true);
    m_hint->setTextFormat(Qt::RichText);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *layout = new QVBoxLayout(this);
    layout->addStretch(1);
    layout->addWidget(m_title);
    layout->addSpacing(8);
    layout->addWidget(m_hint);
    layout->addSpacing(12);
    m_actions->addStretch(1);
    m_actions->addStretch(1);
    layout->addLayout(m_actions);
    layout->addStretch(2);
}

void EmptyState::setTitle(const QString &title)
{
    m_title->setText(title);
}

void EmptyState::setHint(const QString &hint)
{
    m_hint->setText(hint);
}

QString EmptyState::title() const
{
    return m_title->text();
}

void EmptyState::addAction(QAbstractButton *button)
{
    button->setParent(this);
    m_actions->insertWidget(m_actions->count() - 1, button);
}

QString EmptyState::hint() const
{
    return m_hint->text();
}

} // namespace qonsul::ui
