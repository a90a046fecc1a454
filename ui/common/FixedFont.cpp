#include "common/FixedFont.h"

#include <QFontDatabase>
#include <QFontInfo>
#include <QStringList>

namespace qonsul::ui {

QFont fixedFont()
{
    QFont font = QFontDatabase::systemFont(QFontDatabase::FixedFont);
    if (QFontInfo(font).fixedPitch())
        return font;
    for (const char *family : {"DejaVu Sans Mono", "Noto Sans Mono", "Liberation Mono"}) {
        QFont named = font;
        named.setFamilies({QString::fromLatin1(family)});
        named.setStyleHint(QFont::Monospace);
        if (QFontInfo(named).fixedPitch())
            return named;
    }
    return font;
}

} // namespace qonsul::ui
