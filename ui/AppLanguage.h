#pragma once
// Which language the desktop app speaks: the system's (the default), English or Japanese,
// chosen in View ▸ Language and kept in QSettings ("ui/language"). The app's strings come from
// resources/translations/qonsul_<lang>.ts (compiled into the binary), Qt's own (dialog
// buttons) from Qt's translations. The command line never goes through this: its output stays
// Consul's, in English.

#include <QString>
#include <QStringList>

class QCoreApplication;

namespace qonsul::ui {

// "" (follow the system), "en" or "ja".
QString languageChoice();
void setLanguageChoice(const QString &language);
// The languages the app has translations for, besides English (the source).
QStringList translatedLanguages();
// The language in use for `choice` and the system locale's UI languages.
QString effectiveLanguage(const QString &choice, const QStringList &systemLanguages);

// Installs the translators for the language chosen into `app` (once, before any window is
// built); returns the language in use ("en" when none is installed).
QString installTranslations(QCoreApplication &app);

} // namespace qonsul::ui
