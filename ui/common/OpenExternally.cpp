#include "common/OpenExternally.h"

#include <QDesktopServices>
#include <QMessageBox>

namespace qonsul::ui {

bool openExternally(QWidget *parent, const QUrl &url)
{
    if (QDesktopServices::openUrl(url))
        return true;
    const bool folder = url.isLocalFile();
    const QString address = folder ? url.toLocalFile() : url.toString();
    auto *box = new QMessageBox(
        QMessageBox::Information,
        folder ? QObject::tr("No file manager") : QObject::tr("No web browser"),
        folder ? QObject::tr("No file manager could be started here. The folder is:")
               : QObject::tr("No web browser could be started here. Open this address in one:"),
        QMessageBox::Ok, parent);
    box->setObjectName(QStringLiteral("openFailed"));
    box->setInformativeText(address);
    box->setTextInteractionFlags(Qt::TextSelectableByMouse | Qt::TextSelectableByKeyboard);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
    return false;
}

} // namespace qonsul::ui
