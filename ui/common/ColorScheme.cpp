#include "common/ColorScheme.h"

#include "common/FocusRingStyle.h"
#include "common/ThemeColors.h"

#include <QApplication>
#include <QEvent>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>

namespace qonsul::ui {

namespace {

const char *const choiceKey = "view/colorScheme";
// What the platform gave the application before any choice was applied, kept on the
// application object so that every window (and every test's window) restores the same.
const char *const systemStyleProperty = "qonsul.systemStyle";
const char *const systemPaletteProperty = "qonsul.systemPalette";

QString choiceName(ColorScheme::Choice choice)
{
    switch (choice) {
    case ColorScheme::Choice::Light:
        return QStringLiteral("light");
    case ColorScheme::Choice::Dark:
        return QStringLiteral("dark");
    case ColorScheme::Choice::FollowSystem:
        break;
    }
    return QStringLiteral("system");
}

} // namespace

ColorScheme::ColorScheme(QObject *parent) : QObject(parent)
{
    QApplication *app = qApp;
    if (!app->property(systemStyleProperty).isValid()) {
        app->setProperty(systemStyleProperty, app->style()->name());
        app->setProperty(systemPaletteProperty, QVariant::fromValue(QApplication::palette()));
    }
    m_systemStyle = app->property(systemStyleProperty).toString();
    m_systemPalette = app->property(systemPaletteProperty).value<QPalette>();

    const QString saved = QSettings().value(QLatin1String(choiceKey)).toString();
    if (saved == choiceName(Choice::Light))
        m_choice = Choice::Light;
    else if (saved == choiceName(Choice::Dark))
        m_choice = Choice::Dark;
    m_dark = isDarkPalette(QApplication::palette());
    app->installEventFilter(this);
    // Always: the system's style gets the visible focus ring too.
    apply();
}

void ColorScheme::setChoice(Choice choice)
{
    QSettings().setValue(QLatin1String(choiceKey), choiceName(choice));
    if (choice == m_choice)
        return;
    m_choice = choice;
    apply();
}

void ColorScheme::apply()
{
    const auto useStyle = [](const QString &name) {
        QApplication::setStyle(new FocusRingStyle(QStyleFactory::create(name)));
    };
    switch (m_choice) {
    case Choice::FollowSystem:
        useStyle(m_systemStyle);
        QApplication::setPalette(m_systemPalette);
        break;
    case Choice::Light:
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(lightPalette());
        break;
    case Choice::Dark:
        useStyle(QStringLiteral("Fusion"));
        QApplication::setPalette(darkPalette());
        break;
    }
    updateDark();
}

bool ColorScheme::eventFilter(QObject *watched, QEvent *event)
{
    // The system (or another window's choice) changed the palette.
    if (watched == qApp && event->type() == QEvent::ApplicationPaletteChange)
        updateDark();
    return QObject::eventFilter(watched, event);
}

void ColorScheme::updateDark()
{
    const bool dark = isDarkPalette(QApplication::palette());
    if (dark == m_dark)
        return;
    m_dark = dark;
    Q_EMIT darkChanged(dark);
}

} // namespace qonsul::ui
