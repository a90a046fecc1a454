#include "AppLanguage.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace qonsul::ui {

namespace {

const char *const languageKey = "ui/language";

} // namespace

QString languageChoice()
{
    return QSettings().value(QLatin1String(languageKey)).toString();
}

void setLanguageChoice(const QString &language)
{
    QSettings settings;
    if (language.isEmpty())
        settings.remove(QLatin1String(languageKey));
    else
        settings.setValue(QLatin1String(languageKey), language);
}

QStringList translatedLanguages()
{
    return {QStringLiteral("ja")};
}

QString effectiveLanguage(const QString &choice, const QStringList &systemLanguages)
{
    if (choice == QLatin1String("en") || translatedLanguages().contains(choice))
        return choice;
    // The first of the system's languages the app speaks; "ja-JP" and "ja_JP" count as "ja".
    for (const QString &language : systemLanguages) {
        const QString base =
            language.section(QLatin1Char('-'), 0, 0).section(QLatin1Char('_'), 0, 0);
        if (base == QLatin1String("en") || translatedLanguages().contains(base))
            return base;
    }
    return QStringLiteral("en");
}

QString installTranslations(QCoreApplication &app)
{
    const QString language = effectiveLanguage(languageChoice(), QLocale::system().uiLanguages());
    if (language == QLatin1String("en"))
        return language;
    auto *own = new QTranslator(&app);
    if (!own->load(QStringLiteral(":/i18n/qonsul_") + language)) {
        delete own;
        return QStringLiteral("en");
    }
    QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(QStringLiteral("qtbase_") + language,
                 QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return language;
}

} // namespace qonsul::ui
