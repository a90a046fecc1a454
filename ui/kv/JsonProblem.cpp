#include "kv/JsonProblem.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>

namespace qonsul::ui {

namespace {

QString tr(const char *text)
{
    return QCoreApplication::translate("JsonProblem", text);
}

QString whatIsWrong(QJsonParseError::ParseError error)
{
    switch (error) {
    case QJsonParseError::UnterminatedObject:
        return tr("an object is missing a ',' between its members or its closing '}'");
    case QJsonParseError::MissingNameSeparator:
        return tr("a ':' is missing after a member's name");
    case QJsonParseError::UnterminatedArray:
        return tr("a ',' or a closing ']' is missing");
    case QJsonParseError::MissingValueSeparator:
        return tr("a ',' is missing between two values");
    case QJsonParseError::IllegalValue:
        return tr("this is not a JSON value (text needs double quotes; true, false and null "
                  "are lower case)");
    case QJsonParseError::TerminationByNumber:
        return tr("the text ends before the value is complete");
    case QJsonParseError::IllegalNumber:
        return tr("a number is written wrongly");
    case QJsonParseError::IllegalEscapeSequence:
        return tr("a backslash starts an escape JSON does not have");
    case QJsonParseError::IllegalUTF8String:
        return tr("a string holds bytes that are not UTF-8");
    case QJsonParseError::UnterminatedString:
        return tr("a string is missing its closing double quote");
    case QJsonParseError::MissingObject:
        return tr("a member's name is missing (names are strings in double quotes; no ',' "
                  "after the last member)");
    case QJsonParseError::DeepNesting:
        return tr("objects and arrays are nested too deeply");
    case QJsonParseError::DocumentTooLarge:
        return tr("the value is too large to check");
    case QJsonParseError::GarbageAtEnd:
        return tr("there is more after the value");
    case QJsonParseError::NoError:
        break;
    }
    return tr("this is not JSON");
}

// Line and column (both from 1, the column in characters) of byte `offset` of `text`.
QString position(const QByteArray &text, qsizetype offset)
{
    offset = std::clamp<qsizetype>(offset, 0, text.size());
    const QByteArray before = text.left(offset);
    const qsizetype lineStart = before.lastIndexOf('\n') + 1;
    const int line = int(before.count('\n')) + 1;
    const qsizetype column = QString::fromUtf8(before.mid(lineStart)).size() + 1;
    return tr("line %1, column %2").arg(line).arg(column);
}

} // namespace

JsonReading readJson(const QByteArray &text)
{
    JsonReading reading;
    const QByteArray trimmed = text.trimmed();
    QJsonParseError error{};
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
        const QJsonDocument doc = QJsonDocument::fromJson(text, &error);
        if (error.error == QJsonParseError::NoError) {
            reading.value = doc.isObject() ? QJsonValue(doc.object()) : QJsonValue(doc.array());
            return reading;
        }
        // Qt's offset is just past the character it stopped at.
        reading.problem =
            tr("%1 (%2)").arg(whatIsWrong(error.error), position(text, error.offset - 1));
        return reading;
    }
    // A lone scalar ("42", "\"text\"") is read inside an array, whose '[' shifts offsets by one.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + text + "]", &error);
    if (error.error == QJsonParseError::NoError && doc.array().size() == 1) {
        reading.value = doc.array().first();
        return reading;
    }
    if (error.error == QJsonParseError::NoError ||
        error.error == QJsonParseError::UnterminatedArray) {
        // "1, 2" or "1 2": more than one value where one is wanted.
        reading.problem = tr("%1 (%2)").arg(tr("there is more after the value"),
                                            position(text, error.error == QJsonParseError::NoError
                                                               ? text.indexOf(',')
                                                               : error.offset - 1));
        return reading;
    }
    // Qt reads any unknown word as a malformed number: `hello` is text without quotes.
    QJsonParseError::ParseError kind = error.error;
    const qsizetype at = std::clamp<qsizetype>(error.offset - 1, 0, text.size());
    if (kind == QJsonParseError::IllegalNumber && at < text.size() &&
        !QByteArrayView("-0123456789").contains(text.at(at)))
        kind = QJsonParseError::IllegalValue;
    reading.problem = tr("%1 (%2)").arg(whatIsWrong(kind), position(text, at));
    return reading;
}

} // namespace qonsul::ui
