#pragma once
// The app's light or dark look. By default it follows the system palette (Qt 6.4 has no
// colour-scheme API, so "dark" means the palette's window colour is dark); the View menu can
// force light or dark, which switches to the Fusion style with the matching palette. The choice
// is remembered in QSettings. darkChanged() reports every switch, whoever made it.

#include <QObject>
#include <QPalette>

namespace qonsul::ui {

class ColorScheme : public QObject
{
    Q_OBJECT
public:
    enum class Choice { FollowSystem, Light, Dark };

    // Applies the remembered choice to the running QApplication.
    explicit ColorScheme(QObject *parent = nullptr);

    Choice choice() const { return m_choice; }
    // Applies and remembers `choice`.
    void setChoice(Choice choice);
    bool isDark() const { return m_dark; }

Q_SIGNALS:
    void darkChanged(bool dark);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void apply();
    void updateDark();

    Choice m_choice = Choice::FollowSystem;
    bool m_dark = false;
    QString m_systemStyle;
    QPalette m_systemPalette;
};

} // namespace qonsul::ui
