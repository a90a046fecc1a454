#pragma once
// A label for secondary text (a field's name, "Copied"), in quietTextColor of the current
// palette: recomputed when the palette changes, so it never keeps the light theme's grey on
// the dark theme's window.

#include <QLabel>

namespace qonsul::ui {

class QuietLabel : public QLabel
{
    Q_OBJECT
public:
    explicit QuietLabel(const QString &text = QString(), QWidget *parent = nullptr);

protected:
    void changeEvent(QEvent *event) override;

private:
    void applyQuietColor();
    bool m_applying = false;
};

} // namespace qonsul::ui
