#pragma once
// A framed panel painted with a tint of the current palette (see ThemeColors), recomputed at
// every paint, so that a switch between light and dark re-tints it and its text (the
// palette's) stays readable on it. A palette set once at construction would keep the light
// tint under the dark theme's light text.

#include <QFrame>

namespace qonsul::ui {

class TintedPanel : public QFrame
{
    Q_OBJECT
public:
    enum class Tint { Info, Error };
    explicit TintedPanel(Tint tint, QWidget *parent = nullptr);

    QColor backgroundColor() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Tint m_tint;
};

} // namespace qonsul::ui
