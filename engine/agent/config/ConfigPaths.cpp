#include "agent/config/ConfigPaths.h"

#include <QDir>
#include <QFileInfo>
#include <algorithm>

namespace qonsul {

namespace {

enum class FileFormat { Json, Hcl, Other };

FileFormat formatOf(const QString &path)
{
    // Case-sensitive, like Consul's suffix check.
    if (path.endsWith(QLatin1String(".json")))
        return FileFormat::Json;
    if (path.endsWith(QLatin1String(".hcl")))
        return FileFormat::Hcl;
    return FileFormat::Other;
}

Expected<bool> shouldLoad(const QString &file, QStringList &warnings)
{
    switch (formatOf(file)) {
    case FileFormat::Json:
        return true;
    case FileFormat::Hcl:
        return makeError(QStringLiteral("HCL config files are not supported yet: %1").arg(file));
    case FileFormat::Other:
        break;
    }
    warnings.append(
        QStringLiteral("skipping file %1, extension must be .json (.hcl is not supported yet)")
            .arg(file));
    return false;
}

} // namespace

Expected<QStringList> expandConfigPath(const QString &path, QStringList &warnings)
{
    const QFileInfo info(path);
    if (!info.exists())
        return makeError(
            QStringLiteral("Error reading \"%1\": no such file or directory").arg(path));

    QStringList files;
    if (!info.isDir()) {
        Expected<bool> load = shouldLoad(path, warnings);
        if (!load)
            return makeError(load.error());
        if (*load)
            files.append(path);
        return files;
    }

    const QDir dir(path);
    if (!dir.isReadable())
        return makeError(QStringLiteral("Error reading \"%1\": permission denied").arg(path));
    QStringList names = dir.entryList(QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot);
    // Lexical order of the names themselves, as Go's ioutil.ReadDir gives (no locale rules).
    std::sort(names.begin(), names.end());
    for (const QString &name : names) {
        const QString file = dir.filePath(name);
        Expected<bool> load = shouldLoad(file, warnings);
        if (!load)
            return makeError(load.error());
        if (*load)
            files.append(file);
    }
    return files;
}

} // namespace qonsul
