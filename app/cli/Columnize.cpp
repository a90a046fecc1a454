#include "Columnize.h"

#include <QList>
#include <algorithm>

namespace qonsul::cli {

int displayWidth(const QString &text)
{
    int width = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        if (text.at(i).isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate())
            ++i;
        ++width;
    }
    return width;
}

namespace {

QString padRight(const QString &text, int width)
{
    const int fill = width - displayWidth(text);
    return fill > 0 ? text + QString(fill, QLatin1Char(' ')) : text;
}

} // namespace

QString columnize(const QStringList &lines, QChar delimiter)
{
    QList<QStringList> rows;
    QList<int> widths;
    for (const QString &line : lines) {
        QStringList cells = line.split(delimiter);
        for (QString &cell : cells)
            cell = cell.trimmed();
        for (qsizetype i = 0; i < cells.size(); ++i) {
            const int width = displayWidth(cells.at(i));
            if (widths.size() <= i)
                widths.append(width);
            else
                widths[i] = std::max(widths.at(i), width);
        }
        rows.append(cells);
    }

    QString result;
    for (const QStringList &cells : rows) {
        for (qsizetype i = 0; i < cells.size(); ++i) {
            if (i == cells.size() - 1) {
                result += cells.at(i);
            } else {
                result += padRight(cells.at(i), widths.at(i));
                result += QLatin1String("  ");
            }
        }
        result += QLatin1Char('\n');
    }
    if (result.endsWith(QLatin1Char('\n')))
        result.chop(1);
    return result;
}

QString tabwrite(const QString &text, int minWidth, int padding)
{
    const QStringList lines = text.split(QLatin1Char('\n'));
    QList<QStringList> cells; // per line: tab-terminated cells, then the trailing text
    for (const QString &line : lines)
        cells.append(line.split(QLatin1Char('\t')));

    // widths[line][column]: a column block is a run of consecutive lines that all have a
    // tab-terminated cell in that column; each block gets its own width.
    QList<QList<int>> widths(cells.size());
    for (qsizetype line = 0; line < cells.size(); ++line)
        widths[line].resize(std::max<qsizetype>(0, cells.at(line).size() - 1));

    qsizetype maxColumns = 0;
    for (const QStringList &line : cells)
        maxColumns = std::max(maxColumns, line.size() - 1);

    for (qsizetype column = 0; column < maxColumns; ++column) {
        qsizetype line = 0;
        while (line < cells.size()) {
            if (cells.at(line).size() - 1 <= column) {
                ++line;
                continue;
            }
            const qsizetype blockStart = line;
            int width = minWidth;
            while (line < cells.size() && cells.at(line).size() - 1 > column) {
                width = std::max(width, displayWidth(cells.at(line).at(column)) + padding);
                ++line;
            }
            for (qsizetype i = blockStart; i < line; ++i)
                widths[i][column] = width;
        }
    }

    QStringList out;
    for (qsizetype line = 0; line < cells.size(); ++line) {
        QString rendered;
        const QStringList &row = cells.at(line);
        for (qsizetype column = 0; column + 1 < row.size(); ++column)
            rendered += padRight(row.at(column), widths.at(line).at(column));
        rendered += row.last();
        out.append(rendered);
    }
    return out.join(QLatin1Char('\n'));
}

} // namespace qonsul::cli
