#include "ApplicationIdentity.h"

#include <QGuiApplication>

namespace qonsul::ui {

QIcon applicationIcon()
{
    return QIcon(QStringLiteral(":/icons/" QONSUL_APP_ID ".svg"));
}

void applyApplicationIdentity()
{
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Qonsul"));
    QGuiApplication::setDesktopFileName(QStringLiteral(QONSUL_APP_ID));
    QGuiApplication::setWindowIcon(applicationIcon());
}

} // namespace qonsul::ui
