#pragma once
// What a page shows instead of an empty table: a title saying what is missing and a hint
// telling a learner what to do next (commands in the hint can be selected and copied).

#include <QWidget>

class QAbstractButton;
class QHBoxLayout;
class QLabel;

namespace qonsul::ui {

class EmptyState : public QWidget
{
    Q_OBJECT
public:
    explicit EmptyState(QWidget *parent = nullptr);

    void setTitle(const QString &title);
    // Rich text; wrap commands in <code>…</code>.
    void setHint(const QString &hint);
    QString title() const;
    QString hint() const;
    // Puts a button in a centred row under the hint (things to try, one click away).
    void addAction(QAbstractButton *button);

private:
    QLabel *m_title;
    QLabel *m_hint;
    QHBoxLayout *m_actions;
};

} // namespace qonsul::ui
