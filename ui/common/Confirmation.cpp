#include "common/Confirmation.h"

#include <QMessageBox>
#include <QPushButton>

namespace qonsul::ui {

void askToConfirm(QWidget *parent, const QString &objectName, const QString &title,
                  const QString &question, const QString &confirmLabel,
                  std::function<void()> onConfirmed, std::function<void()> onCancelled)
{
    auto *box = new QMessageBox(QMessageBox::Warning, title, question, QMessageBox::Cancel, parent);
    box->setObjectName(objectName);
    box->setTextFormat(Qt::RichText);
    QPushButton *confirm = box->addButton(confirmLabel, QMessageBox::DestructiveRole);
    confirm->setObjectName(QStringLiteral("confirm"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(
        box, &QMessageBox::finished, box,
        [box, confirm, onConfirmed = std::move(onConfirmed), onCancelled = std::move(onCancelled)] {
            if (box->clickedButton() == confirm)
                onConfirmed();
            else if (onCancelled)
                onCancelled();
        });
    box->open();
}

void askToKeepOrForget(QWidget *parent, const QString &objectName, const QString &title,
                       const QString &question, const QString &keepLabel,
                       const QString &forgetLabel, std::function<void()> onKeep,
                       std::function<void()> onForget)
{
    auto *box =
        new QMessageBox(QMessageBox::Question, title, question, QMessageBox::Cancel, parent);
    box->setObjectName(objectName);
    box->setTextFormat(Qt::RichText);
    QPushButton *keep = box->addButton(keepLabel, QMessageBox::AcceptRole);
    keep->setObjectName(QStringLiteral("keep"));
    QPushButton *forget = box->addButton(forgetLabel, QMessageBox::DestructiveRole);
    forget->setObjectName(QStringLiteral("forget"));
    box->setDefaultButton(keep);
    box->setAttribute(Qt::WA_DeleteOnClose);
    QObject::connect(
        box, &QMessageBox::finished, box,
        [box, keep, forget, onKeep = std::move(onKeep), onForget = std::move(onForget)] {
            if (box->clickedButton() == keep)
                onKeep();
            else if (box->clickedButton() == forget)
                onForget();
        });
    box->open();
}

} // namespace qonsul::ui
