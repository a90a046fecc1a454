#pragma once
// Opens a web address in the browser or a folder in the file manager. Where neither can be
// started (no xdg-open, a bare X server, a container), it says so in a dialog holding the
// address to copy, where Qt would only warn on stderr.

#include <QUrl>

class QWidget;

namespace qonsul::ui {

// False when nothing could be started; the dialog (object name "openFailed") is then open.
bool openExternally(QWidget *parent, const QUrl &url);

} // namespace qonsul::ui
