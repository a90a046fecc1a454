#include "DataArgument.h"

#include "api/GoErrorText.h"

#include <QFile>
#include <QFileInfo>
#include <cerrno>

namespace qonsul::cli {

Expected<QByteArray> readDataArgument(const QString &data)
{
    if (data.startsWith(QLatin1Char('@'))) {
        const QString path = data.mid(1);
        if (QFileInfo(path).isDir())
            return makeError(
                QStringLiteral("Failed to read file: read %1: is a directory").arg(path));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return makeError(QStringLiteral("Failed to read file: ") +
                             goPathError(QStringLiteral("open"), path, errno));
        return file.readAll();
    }
    if (data == QLatin1String("-")) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return makeError(QStringLiteral("Failed to read stdin: ") + in.errorString());
        return in.readAll();
    }
    return data.toUtf8();
}

} // namespace qonsul::cli
