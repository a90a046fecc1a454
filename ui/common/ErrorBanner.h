#pragma once
// A strip above a page's content that says what went wrong talking to the agent and what to
// try; hidden while things work.

#include <QFrame>

class QLabel;

namespace qonsul::ui {

class ErrorBanner : public QFrame
{
    Q_OBJECT
public:
    explicit ErrorBanner(QWidget *parent = nullptr);

    // `what` is the failure (the API's error text), `tryThis` the advice.
    void showError(const QString &what, const QString &tryThis);
    void clear();
    QString text() const;
    // The red tint it paints behind the text, from its palette.
    QColor backgroundColor() const;

Q_SIGNALS:
    // After showError (true) or clear (false).
    void shownChanged(bool shown);

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    QLabel *m_label;
};

} // namespace qonsul::ui
