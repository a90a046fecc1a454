#pragma once
// Asking before a destructive action: a window-modal box with the action's own button and
// Cancel (the default); `question` is rich text. It does not block the event loop, so blocking
// queries keep updating the page behind it; tests find the box by its object name and press the
// button named "confirm".

#include <QString>
#include <functional>

class QWidget;

namespace qonsul::ui {

void askToConfirm(QWidget *parent, const QString &objectName, const QString &title,
                  const QString &question, const QString &confirmLabel,
                  std::function<void()> onConfirmed, std::function<void()> onCancelled = {});

// Before an action that would lose data unless it is kept: buttons named "keep" (the default),
// "forget" and Cancel (which does nothing).
void askToKeepOrForget(QWidget *parent, const QString &objectName, const QString &title,
                       const QString &question, const QString &keepLabel,
                       const QString &forgetLabel, std::function<void()> onKeep,
                       std::function<void()> onForget);

} // namespace qonsul::ui
