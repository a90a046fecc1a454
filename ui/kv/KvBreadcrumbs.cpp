#include "kv/KvBreadcrumbs.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QToolButton>

namespace qonsul::ui {

KvBreadcrumbs::KvBreadcrumbs(QWidget *parent) : QWidget(parent), m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("kvBreadcrumbs"));
    m_layout->setContentsMargins(0, 0, 0, 0);
    m_layout->setSpacing(2);
    setPrefix(QString());
}

void KvBreadcrumbs::setPrefix(const QString &prefix)
{
    while (QLayoutItem *item = m_layout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    auto addCrumb = [this](const QString &text, const QString &target, int depth) {
        auto *button = new QToolButton(this);
        button->setObjectName(QStringLiteral("crumb%1").arg(depth));
        button->setText(text);
        button->setAutoRaise(true);
        connect(button, &QToolButton::clicked, this,
                [this, target] { Q_EMIT folderChosen(target); });
        m_layout->addWidget(button);
    };
    addCrumb(tr("Key / Value"), QString(), 0);
    const QStringList parts = prefix.split(QLatin1Char('/'), Qt::SkipEmptyParts);
    QString path;
    for (int i = 0; i < parts.size(); ++i) {
        path += parts.at(i) + QLatin1Char('/');
        m_layout->addWidget(new QLabel(QStringLiteral("›"), this));
        addCrumb(parts.at(i), path, i + 1);
    }
    m_layout->addStretch(1);
}

} // namespace qonsul::ui
